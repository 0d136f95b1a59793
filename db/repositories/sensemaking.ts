// Sensemaking (issue 4): outcomes, climate variables, tags, excerpts, codes, climate roll-ups and
// Most Significant Change, one file per part in db/repositories/sensemaking/. Plain functions over
// Kysely; routes decide transactions and access. Functions over many stories take a query already
// narrowed by server/access.ts (visibleStories, reportStories) and never widen it.
export * from './sensemaking/statistics.js';
export * from './sensemaking/outcomes.js';
export * from './sensemaking/variables.js';
export * from './sensemaking/tags.js';
export * from './sensemaking/inbox.js';
export * from './sensemaking/excerpts.js';
export * from './sensemaking/codes.js';
export * from './sensemaking/climate.js';
export * from './sensemaking/msc.js';

export type { TagStatus } from '../schema.js';
