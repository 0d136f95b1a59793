// Stories, their consent record, placements, submission links and receipts, one file per part in
// db/repositories/stories/. Read functions take a query already narrowed by server/access.ts
// (visibleStories and friends); they never widen it.
export * from './stories/read.js';
export * from './stories/write.js';
export * from './stories/links.js';
export * from './stories/receipts.js';
export * from './stories/privacy.js';
