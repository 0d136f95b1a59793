// The report sections that can be read on a thread of their own (section-thread.ts): each needs
// only its arguments and gives a small result, so handing it over costs little. One table, used
// by the main thread (to read a section there) and by the worker (to read it on the thread).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { reportClimate } from './climate.js';
import { indicatorsByOutcome } from './indicators.js';

export type Scope = { projectIds: number[]; areaIds: number[]; from: string; to: string };

export const sections = {
  climate: (db: Kysely<DB>, scope: Scope) => reportClimate(db, scope),
  indicators: (db: Kysely<DB>, a: { outcomeIds: number[]; from: string; to: string; areaScope: number[] }) =>
    indicatorsByOutcome(db, a.outcomeIds, a.from, a.to, a.areaScope),
};

export type Section = keyof typeof sections;
export type SectionArgs<K extends Section> = Parameters<(typeof sections)[K]>[1];
export type SectionResult<K extends Section> = Awaited<ReturnType<(typeof sections)[K]>>;
