// Who may see what, decided in one place. Every read path narrows its query through here.
// The rules live beside this file in server/access/, one file per capability; the rest of the
// code imports them from here only (tests/boundaries.test.ts holds that line).
export * from './access/scope.js';
export * from './access/stories.js';
export * from './access/media.js';
export * from './access/reports.js';
export * from './access/counting.js';
export * from './access/sensemaking.js';
