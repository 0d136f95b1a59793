import { createRoute, z } from '@hono/zod-openapi';
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { writeValues, startImportBatch, finishImportBatch } from '../../../db/repositories/counting.js';
import type { DB } from '../../../db/schema.js';
import { assertProjectWritable, writableIndicatorScope } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole, staff } from '../../auth/guard.js';
import { runCbsImport } from '../../counting/cbs-import.js';
import { isRowError, type RowError } from '../../counting/csv.js';
import { planValueImport, previewChanges, type PreviewChange } from '../../counting/value-import.js';
import { valueTemplate } from '../../counting/value-template.js';
import { normalizePeriod, notAPeriod } from '../../../db/domain/periods.js';
import { invalid } from '../../errors.js';
import { body, cookieAuth, errors, idParam, json, router } from '../../openapi.js';

const RowErrorSchema = z
  .object({
    row: z.number().openapi({ description: 'Line in the file; the header is row 1' }),
    column: z.string(),
    reason: z.string().openapi({ description: 'Dutch / English' }),
    nl: z.string().openapi({ description: 'The reason in Dutch, a whole sentence' }),
    en: z.string().openapi({ description: 'The reason in English, a whole sentence' }),
  })
  .openapi('ImportRowError');
/** At most this many changes are listed in a response; `changesTotal` counts them all. */
const CHANGES_SHOWN = 1000;
const ChangeSchema = z
  .object({
    row: z.number(),
    indicatorId: z.number(),
    indicator: z.string(),
    period: z.string(),
    areaId: z.number().nullable(),
    area: z.string().nullable(),
    from: z.number().nullable().openapi({ description: 'The value it replaces (null: none yet, or missing)' }),
    to: z.number().nullable().openapi({ description: 'The value it writes (null: missing)' }),
    note: z.string().nullable().openapi({ description: 'The new note, when the note changes' }),
    status: z.enum(['created', 'updated']),
  })
  .openapi('ImportChange');
const mode = z.enum(['preview', 'commit']).default('preview').openapi({ description: 'preview: check and count, write nothing; commit: write all or nothing' });
const csv = z
  .string()
  .min(1)
  .max(10_000_000)
  .openapi({ description: 'The CSV file as text: `;`, `,` or tab separated (detected), optional byte order mark, quoted fields' });

const ValueImportBody = z
  .strictObject({
    csv,
    mode,
    projectId: z.number().int().positive().optional().openapi({ description: 'Only indicators of this project (names are looked up there)' }),
  })
  .openapi('ValueImport');
const ValueImportResult = z
  .object({
    mode: z.enum(['preview', 'commit']),
    committed: z.boolean(),
    delimiter: z.string(),
    rows: z.number(),
    errors: z.array(RowErrorSchema),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    changes: z.array(ChangeSchema).openapi({
      description: `What the import writes (preview) or wrote (commit), row by row, value beside the value it replaces; unchanged rows left out; the first ${CHANGES_SHOWN}`,
    }),
    changesTotal: z.number(),
    batchId: z.number().nullable(),
  })
  .openapi('ValueImportResult');

const CbsImportBody = z
  .strictObject({
    csv,
    mode,
    period: z.string().max(20).optional().openapi({ description: 'The period of every row, for files without a Perioden column (e.g. 2021)' }),
    createAreas: z.boolean().default(false).openapi({
      description:
        'Create areas for unknown CBS codes (kind from GM/WK/BU, parent from the code). Otherwise unknown areas are listed in unknownAreas and their rows skipped',
    }),
  })
  .openapi('CbsImport');
const CbsImportResult = z
  .object({
    mode: z.enum(['preview', 'commit']),
    committed: z.boolean(),
    batchId: z.number().nullable(),
    rows: z.number(),
    periods: z.array(z.string()),
    errors: z.array(RowErrorSchema),
    unknownAreas: z.array(z.object({ row: z.number(), name: z.string().nullable(), code: z.string().nullable(), reason: z.string() })),
    areas: z.object({ matched: z.number(), created: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), kind: z.string() })) }),
    indicators: z.array(z.object({ id: z.number(), sourceKey: z.string(), name: z.string(), unit: z.string(), measure: z.string(), created: z.boolean() })),
    skippedColumns: z.array(z.string()).openapi({ description: 'Text columns (code, naam, omschrijving) that are not figures' }),
    values: z.object({
      created: z.number(),
      updated: z.number(),
      unchanged: z.number(),
      missing: z.number().openapi({ description: 'Suppressed (.) or empty: stored as missing, never zero' }),
    }),
  })
  .openapi('CbsImportResult');

class Rollback<T> {
  constructor(readonly value: T) {}
}

/** Runs `fn` in a transaction; a preview rolls everything back, so it counts exactly what a commit would do. */
async function attempt<T>(db: Kysely<DB>, commit: boolean, fn: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(async (tx) => {
      const result = await fn(tx);
      if (!commit) throw new Rollback(result);
      return result;
    });
  } catch (e) {
    if (e instanceof Rollback) return e.value as T;
    throw e;
  }
}

const at = (e: RowError) => (e.column ? `, ${e.column}` : '');

/** A commit with bad rows: 400 with the same list a preview shows. */
function rejected(errs: RowError[]) {
  return invalid(
    `Niets geïmporteerd: ${errs.length} fout(en) / Nothing imported: ${errs.length} error(s)`,
    errs.map((e) => ({ ...e, field: e.column, message: `Rij ${e.row}${at(e)}: ${e.nl} / Row ${e.row}${at(e)}: ${e.en}` })),
  );
}

const checksum = (text: string) => createHash('sha256').update(text).digest('hex');

/** The file could not be read at all: reported as one row error, like every other problem. */
function unreadable<T>(e: unknown, empty: T): T & { errors: RowError[] } {
  if (isRowError(e)) return { ...empty, errors: [e] };
  throw e;
}

const TemplateQuery = z.object({
  periods: z.coerce.number().int().min(1).max(24).default(4).openapi({ description: 'How many periods per indicator, ending with `last`' }),
  last: z.string().max(20).optional().openapi({
    description: 'The last period (e.g. 2026-Q2); default: the current one. A month indicator ends in its last month, a year indicator in its year',
  }),
});

export const importRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/projects/{id}/indicators/template.csv',
      tags: ['counting'],
      summary:
        "A CSV template for the project's indicator values: indicators, periods and areas as rows, Dutch headers (indicator;periode;gebied;waarde;opmerking)",
      description:
        'One row per indicator, period and area, with the values and notes already entered; importing it unchanged changes nothing. `;` separated, with a byte order mark, decimal comma.',
      security: cookieAuth,
      request: { params: idParam, query: TemplateQuery },
      responses: {
        200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV' },
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'coordinator', 'worker');
      const { id } = c.req.valid('param');
      const query = c.req.valid('query');
      await assertProjectWritable(c.get('db'), user, id);
      const last = query.last === undefined ? undefined : normalizePeriod(query.last);
      if (last === null) throw invalid(notAPeriod(query.last!).reason, [{ field: 'last', message: notAPeriod(query.last!).reason }]);
      const csv = await valueTemplate(c.get('db'), id, { periods: query.periods, last });
      return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="waarden-project-${id}.csv"` });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/indicators/import',
      tags: ['counting'],
      summary: 'Import indicator values from CSV: preview, then commit (all or nothing)',
      description: [
        'JSON body `{csv, mode}` with the file as text. Columns (header names, Dutch or English): `indicator` (id or name), `period` (2026, 2026-Q1, 2026-03),',
        '`area` (CBS code or name; only for indicators kept per area), `value` (12,5 or 1.234,5 or 12.5; empty or `.` = missing), `note` (optional).',
        '`mode: preview` returns every bad row as `{row, column, reason, nl, en}` and what a commit would create, update or leave unchanged — each change with the value it replaces (`changes`) — writing nothing.',
        '`mode: commit` writes everything or, with any bad row, nothing (400, the same list in `error.details`). Importing the same file twice changes nothing the second time.',
      ].join(' '),
      security: cookieAuth,
      request: { body: body(ValueImportBody) },
      responses: { 200: json(ValueImportResult), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 413: errors[413] },
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'coordinator', 'worker');
      const input = c.req.valid('json');
      const commit = input.mode === 'commit';
      const db = c.get('db');
      let scope = await writableIndicatorScope(db, user);
      if (input.projectId) {
        await assertProjectWritable(db, user, input.projectId);
        scope = { projectIds: [input.projectId], context: false };
      }
      const empty = {
        mode: input.mode,
        committed: false,
        delimiter: '',
        rows: 0,
        errors: [] as RowError[],
        created: 0,
        updated: 0,
        unchanged: 0,
        changes: [] as PreviewChange[],
        changesTotal: 0,
        batchId: null,
      };
      const result = await attempt(db, commit, async (tx) => {
        let plan;
        try {
          plan = await planValueImport(tx, input.csv, scope);
        } catch (e) {
          return unreadable(e, empty);
        }
        const base = { ...empty, delimiter: plan.delimiter, rows: plan.rows, errors: plan.errors };
        if (plan.errors.length) return base;
        const { writes, changes } = await previewChanges(tx, plan.writes);
        const batch = { id: await startImportBatch(tx, { kind: 'csv', checksum: checksum(input.csv), rows: plan.rows, createdBy: user.id }) };
        const counts = await writeValues(tx, writes, { userId: user.id, batchId: batch.id });
        await finishImportBatch(tx, batch.id, { created: counts.created, updated: counts.updated, unchanged: counts.unchanged });
        await audit(
          tx,
          user,
          'indicator.import',
          { type: 'import_batch', id: batch.id },
          { rows: plan.rows, indicators: plan.indicatorIds, created: counts.created, updated: counts.updated, unchanged: counts.unchanged },
        );
        return {
          ...base,
          committed: commit,
          created: counts.created,
          updated: counts.updated,
          unchanged: counts.unchanged,
          changes: changes.slice(0, CHANGES_SHOWN),
          changesTotal: changes.length,
          batchId: commit ? batch.id : null,
        };
      });
      if (commit && result.errors.length) throw rejected(result.errors);
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/imports/cbs',
      tags: ['counting'],
      summary: 'Import a CBS StatLine CSV export as context indicators per area (coordinator, admin)',
      description: [
        'JSON body `{csv, mode, period?, createAreas?}`. Each value column becomes a context indicator (no project, source `cbs`, sourceKey = the column header),',
        'its unit read from the header: (%) percentage, (Aantal) count, (Getal) score; other units stay in the name, e.g. (km).',
        'Areas are matched by CBS code (GM…, WK…, BU…) or, for files without codes, by name (ignoring case and accents).',
        '`.` (suppressed) is stored as missing, never zero. Unknown areas are listed in `unknownAreas` and their rows skipped, unless `createAreas` is true.',
        'Preview writes nothing; commit writes all or nothing (400 with every bad row). Importing the same file again changes nothing.',
      ].join(' '),
      security: cookieAuth,
      request: { body: body(CbsImportBody) },
      responses: { 200: json(CbsImportResult), 400: errors[400], 401: errors[401], 403: errors[403], 413: errors[413] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const input = c.req.valid('json');
      const commit = input.mode === 'commit';
      const empty = {
        rows: 0,
        periods: [],
        errors: [] as RowError[],
        unknownAreas: [],
        areas: { matched: 0, created: [] },
        indicators: [],
        skippedColumns: [],
        values: { created: 0, updated: 0, unchanged: 0, missing: 0 },
      };
      const result = await attempt(c.get('db'), commit, async (tx) => {
        const batch = { id: await startImportBatch(tx, { kind: 'cbs', checksum: checksum(input.csv), rows: 0, createdBy: user.id }) };
        let r;
        try {
          r = await runCbsImport(tx, input.csv, { period: input.period, createAreas: input.createAreas, userId: user.id, batchId: batch.id });
        } catch (e) {
          r = unreadable(e, empty);
        }
        if (r.errors.length) {
          // Roll back whatever was created before the error was found.
          if (commit) throw new Rollback({ ...r, mode: input.mode, committed: false, batchId: null });
          return { ...r, mode: input.mode, committed: false, batchId: null };
        }
        await finishImportBatch(tx, batch.id, { rows: r.rows, created: r.values.created, updated: r.values.updated, unchanged: r.values.unchanged });
        await audit(
          tx,
          user,
          'cbs.import',
          { type: 'import_batch', id: batch.id },
          {
            periods: r.periods,
            indicators: r.indicators.map((i) => i.id),
            areasCreated: r.areas.created.map((a) => a.code),
            unknownAreas: r.unknownAreas.length,
            values: r.values,
          },
        );
        return { ...r, mode: input.mode, committed: commit, batchId: commit ? batch.id : null };
      });
      if (commit && result.errors.length) throw rejected(result.errors);
      return c.json(result, 200);
    },
  );
