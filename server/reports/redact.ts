// Published versions are frozen, but a teller's withdrawal outranks them. The stored version is
// never rewritten: when a version is served, every story the teller has since withdrawn (or that
// was erased, or moved back to 'team') is replaced by a placeholder, and a story moved from
// 'public' to 'report' loses its name — in the data and in the page alike.
import type { Kysely } from 'kysely';
import { currentDisclosure, type StoryDisclosure } from '../access.js';
import type { DB } from '../../db/schema.js';
import { storyIdsOf, type ReportData, type StoryOut } from './assemble.js';
import { renderStoryFull, withdrawnPlaceholder } from './render.js';

export type Served = { data: ReportData; html: string; withdrawn: number[] };

export function redact(data: ReportData, html: string, now: Map<number, StoryDisclosure | null>): Served {
  const gone = (id: number) => now.has(id) && now.get(id) === null;
  const anonymise = (s: StoryOut): StoryOut => (s.named && now.get(s.id) === 'anonymous' ? { ...s, named: false, tellerName: null, when: s.when.slice(0, 7) } : s);
  const withdrawn = [...now].filter(([, d]) => d === null).map(([id]) => id);
  if (!withdrawn.length && ![...now.values()].includes('anonymous')) return { data, html, withdrawn };

  const stories = new Map<number, StoryOut>();
  const out: ReportData = {
    ...data,
    outcomes: data.outcomes.map((o) => ({
      ...o,
      stories: o.stories.map((s) => {
        if ('withdrawn' in s || gone(s.id)) return { id: s.id, withdrawn: true as const };
        const a = anonymise(s);
        stories.set(a.id, a);
        return a;
      }),
      msc: o.msc.included ? { included: true, selections: o.msc.selections.map((m) => (gone(m.storyId) ? { storyId: m.storyId, withdrawn: true as const } : m)) } : o.msc,
    })),
    phases: data.phases && {
      ...data.phases,
      stories: data.phases.stories.map((p) => ({ ...p, stories: p.stories.map((s) => (gone(s.id) ? { id: s.id, withdrawn: true as const } : s)) })),
    },
  };
  const page = html.replace(/<!--story:(\d+):(full|title|msc)-->[\s\S]*?<!--\/story:\1:\2-->/g, (block, idText: string, kind: string) => {
    const id = Number(idText);
    if (gone(id)) return kind === 'full' ? withdrawnPlaceholder('full') : '<li class="withdrawn"><em>Teruggetrokken verhaal</em></li>';
    if (kind === 'full' && now.get(id) === 'anonymous' && stories.has(id)) return renderStoryFull(stories.get(id)!);
    return block;
  });
  return { data: out, html: page, withdrawn };
}

/** A frozen version as it may be shown now. */
export async function serveVersion(db: Kysely<DB>, version: { dataJson: string; html: string }): Promise<Served> {
  const data = JSON.parse(version.dataJson) as ReportData;
  return redact(data, version.html, await currentDisclosure(db, storyIdsOf(data)));
}
