// Published versions are frozen, but a teller's withdrawal outranks them. The stored version is
// never rewritten on edits: when a version is served, every story the teller has since withdrawn
// (or that was erased, moved back to 'team', or whose report version is not reviewed now) is
// replaced by a placeholder, a story moved from 'public' to 'report' loses its name, a story
// reviewed again shows the text reviewed now, and climate figures are suppressed by today's rule
// (suppressClimate) — in the data and in the page alike. Withdrawal and erasure go further: they
// rewrite the stored versions, so the text leaves the database (redactStoredVersions).
import type { Kysely } from 'kysely';
import type { ServedDisclosure } from '../access.js';
import { audit, type Actor } from '../audit.js';
import type { DB } from '../../db/schema.js';
import type { PhaseStory, ReportData, StoryOut } from './types.js';
import { forgetVersion } from './version-cache.js';
import { renderClimateSection, renderStoryFull, renderStoryTitle, withdrawnPlaceholder } from './render.js';
import { suppressClimate } from './suppression.js';

export type Served = { data: ReportData; html: string; withdrawn: number[] };
type ReviewedText = { title: string; bodyHtml: string; bodyText: string; reviewHash: string };

/**
 * The version as it may be shown now. `now` says per story how it may be served (null: not at
 * all); `texts` holds the current report version of each story whose frozen text is not the one
 * reviewed now (a story without one there becomes a placeholder).
 */
export function redact(data: ReportData, html: string, now: Map<number, ServedDisclosure>, texts: Map<number, ReviewedText> = new Map()): Served {
  const fresh = (item: { id: number; reviewHash?: string }) => {
    const d = now.get(item.id);
    return d && d.reviewHash !== item.reviewHash ? texts.get(item.id) : undefined;
  };
  const gone = (item: { id: number; reviewHash?: string }) => {
    if (!now.has(item.id)) return false;
    const d = now.get(item.id);
    return !d || (d.reviewHash !== item.reviewHash && !texts.has(item.id));
  };
  const goneId = (id: number) => now.has(id) && !now.get(id);
  const serveStory = (s: StoryOut): StoryOut => {
    const t = fresh(s);
    // plain text only where the version carried it (before issue 12): no text is stored twice
    let out = t ? { ...s, title: t.title, bodyHtml: t.bodyHtml, ...(s.text !== undefined ? { text: t.bodyText } : {}), reviewHash: t.reviewHash } : s;
    // no longer 'public' (or the teller under 16): no name, no exact date, and no photo (photos.ts)
    if (out.named && now.get(s.id)?.as === 'anonymous') out = { ...out, named: false, tellerName: null, when: out.when.slice(0, 7), photo: undefined };
    return out;
  };
  const servePhaseStory = (s: PhaseStory): PhaseStory => {
    const t = fresh(s);
    return t ? { ...s, title: t.title, reviewHash: t.reviewHash } : s;
  };
  const climate = data.climate && { ...data.climate, variables: data.climate.variables.map((v) => suppressClimate(v, data.climate!.minStories)) };
  const climateChanged = !!data.climate && climate!.variables.some((v, i) => v !== data.climate!.variables[i]);

  const withdrawn = new Set<number>();
  const full = new Map<number, StoryOut>();
  const titles = new Map<number, PhaseStory>();
  /** One story in the data as it may be served now: null once gone (a placeholder), else with today's reviewed text. */
  const serveIn = <S extends { id: number; reviewHash?: string }>(s: S, serve: (s: S) => S, changed: Map<number, S>): S | null => {
    if (gone(s)) {
      withdrawn.add(s.id);
      return null;
    }
    const served = serve(s);
    if (served !== s) changed.set(s.id, served);
    return served;
  };
  const out: ReportData = {
    ...data,
    outcomes: data.outcomes.map((o) => ({
      ...o,
      stories: o.stories.map((s) => ('withdrawn' in s ? s : (serveIn(s, serveStory, full) ?? { id: s.id, withdrawn: true as const }))),
      storyRefs: o.storyRefs?.flatMap((r) => serveIn(r, servePhaseStory, titles) ?? []),
      msc: o.msc.included
        ? {
            included: true,
            selections: o.msc.selections.map((m) => {
              if ('withdrawn' in m) return m;
              if (goneId(m.storyId) || (m.story && gone(m.story))) {
                withdrawn.add(m.storyId);
                return { storyId: m.storyId, withdrawn: true as const };
              }
              if (!m.story) return m;
              const story = serveStory(m.story);
              if (story !== m.story) full.set(story.id, story);
              return { ...m, story };
            }),
          }
        : o.msc,
    })),
    climate,
    phases: data.phases && {
      ...data.phases,
      stories: data.phases.stories.map((p) => ({
        ...p,
        stories: p.stories.map((s) => ('withdrawn' in s ? s : (serveIn(s, servePhaseStory, titles) ?? { id: s.id, withdrawn: true as const }))),
      })),
    },
  };
  for (const [id, d] of now) if (!d) withdrawn.add(id);
  if (!withdrawn.size && !full.size && !titles.size && !climateChanged) return { data, html, withdrawn: [] };

  let page = html.replace(/<!--story:(\d+):(full|title|msc|pick)-->[\s\S]*?<!--\/story:\1:\2-->/g, (block, idText: string, kind: string) => {
    const id = Number(idText);
    if (kind === 'msc') return goneId(id) ? withdrawnPlaceholder('title') : block;
    if (kind === 'pick') return withdrawn.has(id) ? withdrawnPlaceholder('pick') : block;
    if (withdrawn.has(id)) return withdrawnPlaceholder(kind as 'full' | 'title');
    if (kind === 'full' && full.has(id)) return renderStoryFull(full.get(id)!);
    if (kind === 'title' && titles.has(id)) return renderStoryTitle(titles.get(id)!);
    return block;
  });
  if (climateChanged) page = page.replace(/<section class="climate">[\s\S]*?<\/section>/, renderClimateSection(out));
  return { data: out, html: page, withdrawn: [...withdrawn].sort((a, b) => a - b) };
}

/**
 * Withdrawal and erasure go further than serving: the text must leave the database, so the stored
 * versions that used these stories are rewritten with placeholders. This is the one exception to
 * "versions never change", and it is audited per version. Call it in the withdrawal's or
 * erasure's transaction.
 */
export async function redactStoredVersions(db: Kysely<DB>, storyIds: number[], actor: Actor, reason: 'teller erased' | 'story withdrawn'): Promise<number> {
  if (!storyIds.length) return 0;
  const versions = await db
    .selectFrom('reportVersions')
    .select(['reportVersions.id', 'reportVersions.reportId', 'reportVersions.number', 'reportVersions.dataJson', 'reportVersions.html'])
    .where('reportVersions.id', 'in', db.selectFrom('reportVersionStories').select('versionId').where('storyId', 'in', storyIds))
    .execute();
  const gone = new Map<number, ServedDisclosure>(storyIds.map((id) => [id, null]));
  for (const v of versions) {
    forgetVersion(v.id);
    const { data, html } = redact(JSON.parse(v.dataJson) as ReportData, v.html, gone);
    await db
      .updateTable('reportVersions')
      .set({ dataJson: JSON.stringify(data), html })
      .where('id', '=', v.id)
      .execute();
    await audit(db, actor, 'report.version.redact', { type: 'report', id: v.reportId }, { version: v.number, reason, stories: storyIds.length });
  }
  return versions.length;
}
