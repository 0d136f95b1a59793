// The report sections that can be read on a thread of their own (section-thread.ts): each needs
// only its arguments and gives plain data (and HTML text), so handing it over costs little. One
// table, used by the main thread (to read a section there) and by the worker (on the thread).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { reportClimate } from './climate.js';
import { indicatorsByOutcome, type OutcomeChoice } from './indicators.js';
import { renderIndicators, type Lang } from './render.js';

export type Scope = { projectIds: number[]; areaIds: number[]; from: string; to: string };

export const sections = {
  climate: (db: Kysely<DB>, scope: Scope) => reportClimate(db, scope),
  /** With `renderIn`, the indicators' HTML per outcome as well: rendered here, while the caller reads the stories. */
  indicators: async (db: Kysely<DB>, a: { outcomes: OutcomeChoice; from: string; to: string; areaScope: number[]; renderIn?: Lang }) => {
    const byOutcome = await indicatorsByOutcome(db, a.outcomes, a.from, a.to, a.areaScope);
    const html = a.renderIn ? new Map([...byOutcome].map(([id, list]) => [id, renderIndicators(a.renderIn!, id, list)])) : undefined;
    return { byOutcome, html };
  },
};

export type Section = keyof typeof sections;
export type SectionArgs<K extends Section> = Parameters<(typeof sections)[K]>[1];
export type SectionResult<K extends Section> = Awaited<ReturnType<(typeof sections)[K]>>;
