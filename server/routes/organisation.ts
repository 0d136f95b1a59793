// The organisation as reports show it: its name and its logo, both set by an admin on the organisation
// page (the name defaults to ORG_NAME, set where the server is configured). Both are printed on report covers.
import { createRoute, z } from '@hono/zod-openapi';
import { deleteLogo, getLogo, putLogo, putOrgName } from '../../db/repositories/organisation.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth/guard.js';
import { AppError, notFound } from '../errors.js';
import { mediaDir, readMedia, removeMediaFiles, storeMedia } from '../media/index.js';
import { cleanLogo, LOGO_LIMITS } from '../media/logo.js';
import { body, cookieAuth, errors, json, router, inTransaction } from '../openapi.js';
import { orgName } from './reports/definition.js';

const Logo = z.object({ width: z.number(), height: z.number(), bytes: z.number(), updatedAt: z.string(), url: z.string() }).openapi('OrganisationLogo');
const Organisation = z
  .object({
    name: z.string().nullable().openapi({ description: 'The name set here, else ORG_NAME; null when neither is set (covers then name no organisation)' }),
    logo: Logo.nullable(),
  })
  .openapi('Organisation');
const LogoForm = z
  .object({
    logo: z.any().openapi({
      type: 'string',
      format: 'binary',
      description: `PNG, JPEG, WebP, GIF or SVG, at most ${LOGO_LIMITS.bytes / 1024 / 1024} MB; kept as a PNG of at most ${LOGO_LIMITS.width}×${LOGO_LIMITS.height} pixels`,
    }),
  })
  .openapi('LogoUpload');

const nameMessage = 'Geef een naam van 1 tot 200 tekens, of laat de naam weg (null). / Give a name of 1 to 200 characters, or leave it out (null).';
const NameBody = z
  .strictObject({
    name: z
      .string({ error: nameMessage })
      .trim()
      .min(1, { error: nameMessage })
      .max(200, { error: nameMessage })
      .nullable()
      .openapi({ description: 'The name on report covers, posters and IATI exports; null: ORG_NAME again (or none)' }),
  })
  .openapi('OrganisationName');

const logoOut = (l: { width: number; height: number; bytes: number; updatedAt: string; sha256: string }) => ({
  width: l.width,
  height: l.height,
  bytes: l.bytes,
  updatedAt: l.updatedAt,
  url: `/api/organisation/logo.png?v=${l.sha256.slice(0, 12)}`,
});

export const organisationRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/organisation',
      tags: ['organisation'],
      summary: 'The organisation as report covers show it: its name (set here, else ORG_NAME; null when neither) and logo (staff)',
      security: cookieAuth,
      responses: { 200: json(z.object({ organisation: Organisation })), 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      requireRole(c, 'admin', 'coordinator');
      const logo = await getLogo(c.get('db'));
      return c.json({ organisation: { name: await orgName(c), logo: logo ? logoOut(logo) : null } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/organisation',
      tags: ['organisation'],
      summary: 'Set the name on report covers, posters and IATI exports (admin); null: ORG_NAME again, or none',
      security: cookieAuth,
      request: { body: body(NameBody) },
      responses: { 200: json(z.object({ organisation: Organisation })), 400: errors[400], 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      const user = requireRole(c, 'admin');
      const { name } = c.req.valid('json');
      await inTransaction(c, async (tx) => {
        const old = await putOrgName(tx, name, user.id);
        if (old !== name) await audit(tx, user, 'organisation.name', { type: 'organisation', id: 1 }, { from: old, to: name });
      });
      const logo = await getLogo(c.get('db'));
      return c.json({ organisation: { name: await orgName(c), logo: logo ? logoOut(logo) : null } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organisation/logo.png',
      tags: ['organisation'],
      summary: 'The logo as kept (PNG; staff)',
      security: cookieAuth,
      responses: {
        200: { content: { 'image/png': { schema: z.string().openapi({ format: 'binary' }) } }, description: 'The logo' },
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      requireRole(c, 'admin', 'coordinator');
      const logo = await getLogo(c.get('db'));
      if (!logo) throw notFound('Er is geen logo / There is no logo');
      const bytes = await readMedia(mediaDir(c.get('config')), logo.file, logo.sha256);
      return c.body(new Uint8Array(bytes), 200, { 'Content-Type': 'image/png', 'Content-Disposition': 'inline' }) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/organisation/logo',
      tags: ['organisation'],
      summary: 'Upload the logo for report covers (admin; multipart field `logo`): 415 when it is no image, 413 when too large',
      security: cookieAuth,
      request: { body: { content: { 'multipart/form-data': { schema: LogoForm } }, required: true } },
      responses: {
        200: json(z.object({ organisation: Organisation })),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        413: errors[413],
        415: errors[415],
      },
    }),
    async (c) => {
      const user = requireRole(c, 'admin');
      if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? ''))
        throw new AppError('unsupported_media_type', 'Stuur het logo als formulier (multipart/form-data, veld logo) / Send the logo as a form (field logo)', [
          { field: 'logo', message: 'Stuur het logo als bestand in een formulier. / Send the logo as a file in a form.' },
        ]);
      let file: FormDataEntryValue | null;
      try {
        file = (await c.req.formData()).get('logo');
      } catch {
        throw new AppError('invalid_input', 'Het formulier kan niet gelezen worden / The form cannot be read');
      }
      if (file === null || typeof file === 'string')
        throw new AppError('invalid_input', 'Kies een afbeelding / Choose an image', [
          { field: 'logo', message: 'Kies een afbeelding voor het logo. / Choose an image for the logo.', code: 'invalid_type' },
        ]);
      const clean = await cleanLogo(Buffer.from(await file.arrayBuffer()));
      const dir = mediaDir(c.get('config'));
      const [stored] = await storeMedia(dir, [clean]);
      const row = {
        file: stored!.file,
        bytes: clean.bytes.length,
        sha256: clean.sha256,
        width: clean.width,
        height: clean.height,
        updatedAt: new Date().toISOString(),
        updatedBy: user.id,
      };
      let old;
      try {
        old = await inTransaction(c, async (tx) => {
          const replaced = await putLogo(tx, row);
          await audit(tx, user, 'organisation.logo', { type: 'organisation', id: 1 }, { bytes: row.bytes, width: row.width, height: row.height });
          return replaced;
        });
      } catch (e) {
        await removeMediaFiles(dir, [stored!.file]);
        throw e;
      }
      if (old) await removeMediaFiles(dir, [old.file]);
      return c.json({ organisation: { name: await orgName(c), logo: logoOut(row) } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/organisation/logo',
      tags: ['organisation'],
      summary: 'Remove the logo: report covers show the name only (admin)',
      security: cookieAuth,
      responses: { 200: json(z.object({ organisation: Organisation })), 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      const user = requireRole(c, 'admin');
      const old = await inTransaction(c, async (tx) => {
        const removed = await deleteLogo(tx);
        if (removed) await audit(tx, user, 'organisation.logo.remove', { type: 'organisation', id: 1 }, {});
        return removed;
      });
      if (old) await removeMediaFiles(mediaDir(c.get('config')), [old.file]);
      return c.json({ organisation: { name: await orgName(c), logo: null } }, 200);
    },
  );
