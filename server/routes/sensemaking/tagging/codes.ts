// The codebook: list, add, rename, merge codes.
import { createRoute, z } from '@hono/zod-openapi';
import { codeByName, getCode, insertCode, listCodes, mergeCode, updateCode } from '../../../../db/repositories/sensemaking.js';
import { audit } from '../../../audit.js';
import { requireRole, staff, team } from '../../../auth/guard.js';
import { conflict, invalid, notFound } from '../../../errors.js';
import { body, cookieAuth, errors, idParam, json, router, inTransaction } from '../../../openapi.js';
import { Code, codeName } from './schemas.js';

export const codeRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/codes',
      tags: ['coding'],
      summary: "The organisation's codebook, with how often each code is used",
      security: cookieAuth,
      responses: { 200: json(z.object({ codes: z.array(Code) })), 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      requireRole(c, ...team);
      return c.json({ codes: await listCodes(c.get('db')) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/codes',
      tags: ['coding'],
      summary: 'Add a code (coordinator, admin)',
      security: cookieAuth,
      request: { body: body(z.strictObject({ name: codeName, description: z.string().max(2000).optional() }).openapi('NewCode')) },
      responses: { 201: json(z.object({ code: Code })), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const input = c.req.valid('json');
      const code = await inTransaction(c, async (tx) => {
        if (await codeByName(tx, input.name)) throw conflict('Deze code bestaat al / This code exists');
        const id = await insertCode(tx, { name: input.name, description: input.description ?? '', createdBy: user.id });
        await audit(tx, user, 'code.create', { type: 'code', id }, { name: input.name });
        return (await getCode(tx, id))!;
      });
      return c.json({ code }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/codes/{id}',
      tags: ['coding'],
      summary: 'Rename a code or change its description (coordinator, admin)',
      security: cookieAuth,
      request: {
        params: idParam,
        body: body(z.strictObject({ name: codeName.optional(), description: z.string().max(2000).optional() }).openapi('CodePatch')),
      },
      responses: { 200: json(z.object({ code: Code })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const code = await inTransaction(c, async (tx) => {
        const before = await getCode(tx, id);
        if (!before) throw notFound('Code niet gevonden / Code not found');
        if (patch.name) {
          const clash = await codeByName(tx, patch.name);
          if (clash && clash.id !== id) throw conflict('Deze naam bestaat al; voeg de codes samen / This name exists; merge the codes');
        }
        await updateCode(tx, id, patch);
        await audit(tx, user, 'code.update', { type: 'code', id }, { from: { name: before.name, description: before.description }, to: patch });
        return (await getCode(tx, id))!;
      });
      return c.json({ code }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/codes/{id}/merge',
      tags: ['coding'],
      summary: 'Merge this code into another: every passage coded with it moves over, then the code is removed (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam, body: body(z.strictObject({ intoId: z.number().int().positive() }).openapi('MergeCode')) },
      responses: { 200: json(z.object({ code: Code, moved: z.number() })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const { intoId } = c.req.valid('json');
      if (intoId === id)
        throw invalid('Een code kan niet in zichzelf op / A code cannot merge into itself', [
          { field: 'intoId', message: 'Een code kan niet in zichzelf opgaan. Kies een andere code. / A code cannot merge into itself. Choose another code.' },
        ]);
      const result = await inTransaction(c, async (tx) => {
        const from = await getCode(tx, id);
        if (!from) throw notFound('Code niet gevonden / Code not found');
        if (!(await getCode(tx, intoId)))
          throw invalid('Onbekende doelcode / Unknown target code', [
            { field: 'intoId', message: 'Deze code bestaat niet. Kies een andere code. / This code does not exist. Choose another code.' },
          ]);
        const moved = await mergeCode(tx, id, intoId);
        await audit(tx, user, 'code.merge', { type: 'code', id: intoId }, { mergedId: id, mergedName: from.name, moved });
        return { code: (await getCode(tx, intoId))!, moved };
      });
      return c.json(result, 200);
    },
  );
