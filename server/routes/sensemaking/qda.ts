// REFI-QDA exchange (issue 16): a project's stories out to ATLAS.ti, NVivo, MAXQDA or QualCoder as a
// .qdpx, and the codes and codings made there back in (a preview first, then all or nothing).
import { createRoute, z } from '@hono/zod-openapi';
import { projectName } from '../../../db/repositories/projects.js';
import { assertProjectVisible, visibleStories } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole, staff, team } from '../../auth/guard.js';
import { cookieAuth, errors, idParam, json, router, inTransaction } from '../../openapi.js';
import { projectQdpx } from '../../qda/export.js';
import { applyImport, planImport } from '../../qda/import.js';
import { readQdpx } from '../../qda/read.js';

const fileName = (s: string) =>
  s
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'project';

const Target = z.object({ kind: z.enum(['code', 'outcome', 'variable', 'newCode']), id: z.number().optional(), guid: z.string().optional(), name: z.string() });
const ImportPlan = z
  .object({
    sources: z.object({ matched: z.number(), unknown: z.array(z.object({ guid: z.string(), name: z.string() })) }),
    codes: z.object({
      matched: z.number(),
      new: z.array(z.object({ guid: z.string(), name: z.string(), existingCodeId: z.number().nullable() })),
      unknown: z.array(z.string()),
    }),
    codings: z.object({
      add: z.array(
        z.object({
          guid: z.string(),
          selectionGuid: z.string(),
          newSelection: z.boolean(),
          storyId: z.number(),
          storyTitle: z.string(),
          start: z.number(),
          end: z.number(),
          quote: z.string(),
          status: z.enum(['ok', 'moved']),
          target: Target,
          note: z.string(),
        }),
      ),
      alreadyHere: z.number(),
      skipped: z.array(z.object({ guid: z.string(), storyId: z.number().nullable(), reason: z.string() })),
    }),
  })
  .openapi('QdpxImportPlan');

export const qdaRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/projects/{id}/stories.qdpx',
      tags: ['coding'],
      summary:
        "The project's stories for the team as a REFI-QDA project (.qdpx): texts, codebook, coded passages, tellers as cases, metadata and placements as variables",
      security: cookieAuth,
      request: { params: idParam },
      responses: {
        200: { content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } }, description: 'A .qdpx (zip)' },
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      await assertProjectVisible(c.get('db'), user, id);
      const out = await inTransaction(c, async (tx) => {
        const name = await projectName(tx, id);
        const result = await projectQdpx(tx, await visibleStories(tx, user), id, name);
        await audit(tx, user, 'project.qdpx.export', { type: 'project', id }, result.counts);
        return { ...result, name };
      });
      return c.body(out.zip as unknown as ArrayBuffer, 200, {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="${fileName(out.name)}.qdpx"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/projects/{id}/qdpx/import',
      tags: ['coding'],
      summary:
        'Codes and codings from a .qdpx that came back from a QDA tool (the body is the file). mode=preview reports what would be imported; mode=commit imports all of it or nothing (coordinator, admin)',
      security: cookieAuth,
      request: {
        params: idParam,
        query: z.object({ mode: z.enum(['preview', 'commit']).default('preview') }),
        body: { content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } }, required: true },
      },
      responses: {
        200: json(
          z.object({
            mode: z.enum(['preview', 'commit']),
            plan: ImportPlan,
            result: z.object({ codesCreated: z.number(), codingsAdded: z.number() }).nullable(),
          }),
        ),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
        413: errors[413],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const { mode } = c.req.valid('query');
      await assertProjectVisible(c.get('db'), user, id);
      const file = readQdpx(new Uint8Array(await c.req.arrayBuffer()));
      const out = await inTransaction(c, async (tx) => {
        const plan = await planImport(tx, await visibleStories(tx, user), id, file);
        return { plan, result: mode === 'commit' ? await applyImport(tx, user, id, plan) : null };
      });
      return c.json({ mode, ...out }, 200);
    },
  );
