import { createRoute, z } from '@hono/zod-openapi';
import { dateString, idList } from '../fields.js';
import { areaKinds, phases } from '../../db/schema.js';
import { defaultIatiSector, iatiSectorKeys, iatiSectors } from '../reports/iati/codelists.js';
import { areaExists, cbsCodeTaken, insertArea, listAreas } from '../../db/repositories/areas.js';
import { getProject, insertProject, listProjects, setProjectMembers, updateProject } from '../../db/repositories/projects.js';
import { usersByIds } from '../../db/repositories/users.js';
import { assertProjectVisible, projectScope } from '../access.js';
import { audit } from '../audit.js';
import { requireRole, staff, team } from '../auth/guard.js';
import { beforeStart, invalid, notFound, conflict } from '../errors.js';
import { body, cookieAuth, errors, idParam, json, router, inTransaction } from '../openapi.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { SessionUser } from '../types.js';
import { assertExist } from '../exists.js';

const cbsCode = z
  .string()
  .max(20)
  .trim()
  .toUpperCase()
  .regex(/^(GM\d{4}|WK\d{6}|BU\d{8})$/, 'A CBS code like GM0363, WK036300 or BU03630000');

const Area = z
  .object({ id: z.number(), name: z.string(), kind: z.enum(areaKinds), cbsCode: z.string().nullable(), parentId: z.number().nullable() })
  .openapi('Area');
const AreaBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(areaKinds),
    cbsCode: cbsCode.nullable().optional(),
    parentId: z.number().int().positive().nullable().optional(),
  })
  .openapi('NewArea');

const text = (max = 20_000) => z.string().max(max);
const ProjectFields = {
  name: z.string().trim().min(1).max(200),
  vraagstuk: text().optional(),
  eigenaar: text(2000).optional(),
  betrokkenen: text().optional(),
  werkdoelen: text().optional(),
  planVanAanpak: text().optional(),
  startDate: dateString.nullable().optional(),
  endDate: dateString.nullable().optional(),
  budgetHours: z.number().min(0).max(1_000_000).nullable().optional(),
  budgetEuros: z.number().min(0).max(1_000_000_000).nullable().optional(),
  phase: z.enum(phases).optional(),
  iatiSector: z
    .enum(iatiSectorKeys)
    .nullable()
    .optional()
    .openapi({ description: "IATI sector 'vocabulary:code' for IATI exports of the project's reports; null = the organisation's (IATI_SECTOR)" }),
  areaIds: idList(500).optional(),
  userIds: z
    .array(z.number().int().positive())
    .max(1000)
    .optional()
    .openapi({ description: 'The whole team (admins, coordinators, workers); saved with the project in one transaction. Left out: the team stays as it is.' }),
};
const ProjectBody = z.strictObject(ProjectFields).openapi('NewProject');
const ProjectPatch = z.strictObject({ ...ProjectFields, name: ProjectFields.name.optional() }).openapi('ProjectPatch');
const MembersBody = z.strictObject({ userIds: idList(1000) }).openapi('ProjectMembers');

const ProjectSummary = z
  .object({
    id: z.number(),
    name: z.string(),
    phase: z.enum(phases),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    updatedAt: z.string(),
    areaIds: z.array(z.number()),
  })
  .openapi('ProjectSummary');
const Project = z
  .object({
    id: z.number(),
    name: z.string(),
    vraagstuk: z.string(),
    eigenaar: z.string(),
    betrokkenen: z.string(),
    werkdoelen: z.string(),
    planVanAanpak: z.string(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    budgetHours: z.number().nullable(),
    budgetEuros: z.number().nullable(),
    phase: z.enum(phases),
    iatiSector: z.string().nullable(),
    areaIds: z.array(z.number()),
    members: z.array(z.object({ id: z.number(), name: z.string(), email: z.string(), role: z.string() })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Project');

async function checkRefs(db: Kysely<DB>, input: { areaIds?: number[]; startDate?: string | null; endDate?: string | null }) {
  if (input.startDate && input.endDate && input.endDate < input.startDate)
    throw invalid('Einddatum ligt voor de startdatum / End date is before start date', [{ field: 'endDate', message: beforeStart }]);
  await assertExist(db, 'areas', input.areaIds, 'areaIds');
}

/** Team members are existing admins, coordinators or workers: never funders. */
async function checkMembers(db: Kysely<DB>, userIds: number[] | undefined) {
  if (!userIds?.length) return;
  const found = await usersByIds(db, userIds);
  const bad = userIds.filter((u) => !found.some((f) => f.id === u && f.role !== 'funder'));
  if (bad.length)
    throw invalid('Alleen medewerkers kunnen in het team / Only staff can be in the team', [
      {
        field: 'userIds',
        message: `Deze gebruiker bestaat niet of is een financier (${bad.join(', ')}). Een financier kan geen teamlid zijn. / This user does not exist or is a funder (${bad.join(', ')}). A funder cannot be a team member.`,
      },
    ]);
}

/** Sets the team when it changes, with its own audit entry; call inside the project's transaction. */
async function saveMembers(tx: Kysely<DB>, user: SessionUser, projectId: number, before: number[], userIds: number[] | undefined) {
  if (!userIds) return;
  const to = [...new Set(userIds)];
  if (to.length === before.length && to.every((id) => before.includes(id))) return;
  await setProjectMembers(tx, projectId, to);
  await audit(tx, user, 'project.members', { type: 'project', id: projectId }, { from: before, to });
}

export const projectRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/iati-sectors',
      tags: ['projects'],
      summary: "The IATI sectors a project may be classified under, and the organisation's default (IATI_SECTOR)",
      security: cookieAuth,
      responses: {
        200: json(z.object({ sectors: z.array(z.object({ key: z.string(), nl: z.string(), en: z.string() })), organisationDefault: z.string() })),
        401: errors[401],
        403: errors[403],
      },
    }),
    async (c) => {
      requireRole(c, ...staff);
      const sectors = iatiSectorKeys.map((key) => ({ key, ...iatiSectors[key] }));
      return c.json({ sectors, organisationDefault: c.get('config').iatiSector ?? defaultIatiSector }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/areas',
      tags: ['areas'],
      summary: 'All areas (wijken, buurten)',
      security: cookieAuth,
      responses: { 200: json(z.object({ areas: z.array(Area) })), 401: errors[401] },
    }),
    async (c) => {
      requireRole(c, 'admin', 'coordinator', 'worker', 'funder');
      return c.json({ areas: await listAreas(c.get('db')) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/areas',
      tags: ['areas'],
      summary: 'Add an area (coordinator, admin)',
      security: cookieAuth,
      request: { body: body(AreaBody) },
      responses: { 201: json(z.object({ area: Area })), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const input = c.req.valid('json');
      const db = c.get('db');
      const area = await db.transaction().execute(async (tx) => {
        if (input.parentId && !(await areaExists(tx, input.parentId))) {
          throw invalid('Onbekend bovenliggend gebied / Unknown parent area', [
            {
              field: 'parentId',
              message: 'Dit gebied bestaat niet. Kies een ander bovenliggend gebied. / This area does not exist. Choose another parent area.',
            },
          ]);
        }
        if (input.cbsCode && (await cbsCodeTaken(tx, input.cbsCode))) {
          throw conflict('Er is al een gebied met deze CBS-code / An area with this CBS code exists');
        }
        const row = await insertArea(tx, { name: input.name, kind: input.kind, cbsCode: input.cbsCode ?? null, parentId: input.parentId ?? null });
        await audit(tx, user, 'area.create', { type: 'area', id: row.id }, { name: row.name });
        return row;
      });
      return c.json({ area }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/projects',
      tags: ['projects'],
      summary: 'Projects you may see: all for staff, your own for workers',
      security: cookieAuth,
      responses: { 200: json(z.object({ projects: z.array(ProjectSummary) })), 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      return c.json({ projects: await listProjects(c.get('db'), await projectScope(c.get('db'), user)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/projects',
      tags: ['projects'],
      summary: 'Create a project with its plan, areas and (optionally) team (coordinator, admin)',
      security: cookieAuth,
      request: { body: body(ProjectBody) },
      responses: { 201: json(z.object({ project: Project })), 400: errors[400], 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const input = c.req.valid('json');
      const { userIds, ...fields } = input;
      const project = await inTransaction(c, async (tx) => {
        await checkRefs(tx, fields);
        await checkMembers(tx, userIds);
        const id = await insertProject(tx, fields);
        await audit(tx, user, 'project.create', { type: 'project', id }, { name: fields.name });
        await saveMembers(tx, user, id, [], userIds);
        return (await getProject(tx, id))!;
      });
      return c.json({ project }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/projects/{id}',
      tags: ['projects'],
      summary: 'One project with its plan, areas and members',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(z.object({ project: Project })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      await assertProjectVisible(c.get('db'), user, id);
      return c.json({ project: (await getProject(c.get('db'), id))! }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/projects/{id}',
      tags: ['projects'],
      summary: 'Edit a project, and with userIds its team, in one transaction (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam, body: body(ProjectPatch) },
      responses: { 200: json(z.object({ project: Project })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const { userIds, ...patch } = c.req.valid('json');
      const project = await inTransaction(c, async (tx) => {
        const before = await getProject(tx, id);
        if (!before) throw notFound('Project niet gevonden / Project not found');
        await checkRefs(tx, {
          ...patch,
          startDate: patch.startDate === undefined ? before.startDate : patch.startDate,
          endDate: patch.endDate === undefined ? before.endDate : patch.endDate,
        });
        await checkMembers(tx, userIds);
        if (Object.keys(patch).length) {
          await updateProject(tx, id, patch);
          await audit(tx, user, 'project.update', { type: 'project', id }, { fields: Object.keys(patch) });
        }
        await saveMembers(
          tx,
          user,
          id,
          before.members.map((m) => m.id),
          userIds,
        );
        return (await getProject(tx, id))!;
      });
      return c.json({ project }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/projects/{id}/members',
      tags: ['projects'],
      summary: 'Set the project team (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam, body: body(MembersBody) },
      responses: { 200: json(z.object({ project: Project })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const { userIds } = c.req.valid('json');
      const project = await inTransaction(c, async (tx) => {
        const before = await getProject(tx, id);
        if (!before) throw notFound('Project niet gevonden / Project not found');
        await checkMembers(tx, userIds);
        await setProjectMembers(tx, id, userIds);
        await audit(tx, user, 'project.members', { type: 'project', id }, { from: before.members.map((m) => m.id), to: userIds });
        return (await getProject(tx, id))!;
      });
      return c.json({ project }, 200);
    },
  );
