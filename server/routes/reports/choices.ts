// What the report editor needs beyond the definition: per outcome the stories the report may show
// (to choose and order), and — before publishing — what a new version changes against the last.
import { createRoute, z } from '@hono/zod-openapi';
import { areasWithin } from '../../../db/repositories/areas.js';
import { getReport, getVersion, indicatorCountsByOutcome, listVersions, reportOutcomes } from '../../../db/repositories/reports.js';
import { acceptedOutcomeTags } from '../../../db/repositories/sensemaking.js';
import { assertReportManageable, reportableStories } from '../../access.js';
import { userOf } from '../../auth/guard.js';
import { cookieAuth, errors, idParam, json, router } from '../../openapi.js';
import { assembleReport, suggestedStories, type ReportData } from '../../reports/assemble.js';
import { versionDiff } from '../../reports/diff.js';
import { serveVersion } from '../../reports/version-cache.js';
import { mscSelectionsByOutcome } from '../../reports/sources.js';
import { coverOf, definitionOf } from './definition.js';

const Candidate = z.object({ id: z.number(), title: z.string(), when: z.string(), msc: z.boolean() });
const OutcomeChoice = z
  .object({
    outcomeId: z.number(),
    title: z.string(),
    projectName: z.string(),
    archived: z.boolean(),
    indicators: z.number(),
    narrative: z.unknown(),
    storyIds: z.array(z.number()).nullable(),
    suggested: z.array(z.number()),
    candidates: z.array(Candidate),
  })
  .openapi('ReportOutcomeChoice');
const StoryRef = z.object({ id: z.number(), title: z.string() });
const Figures = z.object({ target: z.number().nullable(), actual: z.number().nullable() }).nullable();
const OutcomeRef = z.object({ id: z.number(), title: z.string(), projectName: z.string() });
const Changes = z
  .object({
    lastVersion: z.number().nullable(),
    storiesAdded: z.array(StoryRef),
    storiesRemoved: z.array(StoryRef),
    figuresChanged: z.array(z.object({ indicator: z.string(), period: z.string(), area: z.string().nullable(), before: Figures, after: Figures })),
    titleChanged: z.boolean(),
    periodChanged: z.boolean(),
    introChanged: z.boolean(),
    textsChanged: z.array(OutcomeRef),
    unchanged: z.boolean(),
    outcomesWithoutIndicators: z.array(OutcomeRef),
    indicatorsWithoutOutcome: z.array(z.object({ id: z.number(), name: z.string(), projectName: z.string() })),
  })
  .openapi('ReportChanges');

export const choiceRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}/outcomes',
      tags: ['reports'],
      summary:
        'Per outcome of the report: its narrative, the chosen stories, the suggestion, and the stories it may show (tagged to it, consent allowing) (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(z.object({ outcomes: z.array(OutcomeChoice) })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const db = c.get('db');
      await assertReportManageable(db, userOf(c), id);
      const r = (await getReport(db, id))!;
      const outcomes = await reportOutcomes(db, r);
      const ids = outcomes.map((o) => o.id);
      const areaScope = r.areaIds.length ? await areasWithin(db, r.areaIds) : [];
      const stories = await reportableStories(db, { projectIds: r.projectIds, areaIds: areaScope, from: r.periodFrom, to: r.periodTo });
      const byId = new Map(stories.map((s) => [s.id, s]));
      const [tags, counts] = ids.length ? await Promise.all([acceptedOutcomeTags(db, ids), indicatorCountsByOutcome(db, ids)]) : [[], []];
      const taggedOf = new Map(
        outcomes.map((o) => {
          const tagged = tags.filter((t) => t.outcomeId === o.id && byId.has(t.storyId)).map((t) => byId.get(t.storyId)!);
          return [o.id, tagged.sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id)];
        }),
      );
      const mscOf = await mscSelectionsByOutcome(
        db,
        outcomes.map((o) => ({ outcomeId: o.id, storyIds: taggedOf.get(o.id)!.map((s) => s.id) })),
      );
      const out = [];
      for (const o of outcomes) {
        const tagged = taggedOf.get(o.id)!;
        const msc = mscOf.get(o.id)!;
        const mscIds = new Set(msc.included ? msc.selections.map((m) => m.storyId) : []);
        const text = r.perOutcome.find((t) => t.outcomeId === o.id);
        out.push({
          outcomeId: o.id,
          title: o.title,
          projectName: o.projectName,
          archived: !!o.archivedAt,
          indicators: Number(counts.find((x) => x.outcomeId === o.id)?.n ?? 0),
          narrative: text?.narrative ?? null,
          storyIds: text?.storyIds ?? null,
          suggested: suggestedStories(tagged, msc),
          candidates: tagged.map((s) => ({ id: s.id, title: s.title, when: s.when, msc: mscIds.has(s.id) })),
        });
      }
      return c.json({ outcomes: out }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}/changes',
      tags: ['reports'],
      summary: 'What publishing now would change against the last published version, and what would silently drop out (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(z.object({ changes: Changes })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const db = c.get('db');
      await assertReportManageable(db, userOf(c), id);
      // As publishing would assemble it, cover included.
      const next = { ...(await assembleReport(db, definitionOf((await getReport(db, id))!))), ...(await coverOf(c)) };
      const [latest] = await listVersions(db, id);
      const stored = latest ? await getVersion(db, id, latest.number) : undefined;
      const last = stored ? { number: stored.number, data: (await serveVersion(db, stored)).data, stored: JSON.parse(stored.dataJson) as ReportData } : null;
      const summary = next.summary!;
      return c.json(
        {
          changes: {
            ...versionDiff(last, next),
            outcomesWithoutIndicators: summary.outcomes
              .filter((o) => !o.indicators.length)
              .map((o) => ({ id: o.id, title: o.title, projectName: o.projectName ?? '' })),
            indicatorsWithoutOutcome: summary.unlinkedIndicators.map((i) => ({ ...i, projectName: i.projectName ?? '' })),
          },
        },
        200,
      );
    },
  );
