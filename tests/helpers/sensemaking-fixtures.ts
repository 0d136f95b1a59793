// Fixtures for sensemaking tests: projects, areas, stories and placements written straight to the database.
import { reviewAsIs } from './reports-fixtures.js';
import type { Db } from '../../db/client.js';
import type { AreaKind, ConsentLevel } from '../../db/schema.js';

export async function makeProject(db: Db, name = 'Buurtkamer', memberIds: number[] = []): Promise<number> {
  const { id } = await db.insertInto('projects').values({ name }).returning('id').executeTakeFirstOrThrow();
  if (memberIds.length)
    await db
      .insertInto('projectMembers')
      .values(memberIds.map((userId) => ({ projectId: id, userId })))
      .execute();
  return id;
}

export async function makeArea(db: Db, name: string, kind: AreaKind, parentId: number | null = null): Promise<number> {
  const { id } = await db.insertInto('areas').values({ name, kind, parentId }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export type StoryFixture = {
  projectId: number;
  areaId?: number | null;
  title?: string;
  text?: string;
  happenedOn?: string | null;
  createdAt?: string;
  consent?: ConsentLevel;
  withdrawn?: boolean;
  tellerName?: string | null;
  /** a 'report' or 'public' story's report version is reviewed as it is, unless false */
  reviewed?: boolean;
};

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function makeStory(db: Db, s: StoryFixture): Promise<number> {
  const text = s.text ?? 'Sinds de buurtkamer open is, groeten mensen elkaar op straat.';
  const teller = await db
    .insertInto('tellers')
    .values({ kind: 'resident', displayName: s.tellerName === undefined ? 'Fatima' : s.tellerName })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('stories')
    .values({
      projectId: s.projectId,
      areaId: s.areaId ?? null,
      title: s.title ?? 'Groeten op straat',
      bodyJson: JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }),
      bodyHtml: `<p>${html(text)}</p>`,
      bodyText: text,
      happenedOn: s.happenedOn === undefined ? '2026-02-10' : s.happenedOn,
      tellerId: teller.id,
      source: 'link',
      consent: s.consent ?? 'report',
      withdrawnAt: s.withdrawn ? '2026-06-01T10:00:00.000Z' : null,
      ...(s.createdAt ? { createdAt: s.createdAt } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('storyConsents')
    .values({ storyId: id, level: s.consent ?? 'report', givenBy: 'teller', channel: 'online', consentTextVersion: 'v1' })
    .execute();
  if ((s.consent ?? 'report') !== 'team' && !s.withdrawn && s.reviewed !== false) await reviewAsIs(db, id);
  return id;
}

/** Edits a story's plain text the way the stories capability would. */
export async function editStoryText(db: Db, storyId: number, text: string): Promise<void> {
  await db
    .updateTable('stories')
    .set({ bodyText: text, bodyHtml: `<p>${html(text)}</p>`, updatedAt: new Date().toISOString() })
    .where('id', '=', storyId)
    .execute();
}

export async function variableId(db: Db, key: string): Promise<number> {
  return (await db.selectFrom('climateVariables').select('id').where('key', '=', key).executeTakeFirstOrThrow()).id;
}

/** A placement as the teller gave it (self-signification) or as a coordinator accepted it. */
export async function place(db: Db, storyId: number, varId: number, source: 'teller' | 'coordinator', position: number | null): Promise<void> {
  await db.insertInto('storyPlacements').values({ storyId, variableId: varId, source, position, status: 'accepted' }).execute();
}

/** axe-core's WCAG 2.x A/AA violations on the current page (shadow roots included). */
export async function axeViolations(page: import('playwright-core').Page): Promise<{ id: string; help: string; targets: string[] }[]> {
  const axe = (await import('axe-core')).default;
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const a = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown; html: string }[] }[] }> };
      }
    ).axe;
    const result = await a.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.html.slice(0, 200)}`) }));
  });
}
