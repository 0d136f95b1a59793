// Setup file of the `postgres` project: after each test file, its databases are closed and dropped
// (tests need not close the apps they open).
import { afterAll } from 'vitest';
import { closeTestDbs } from './app.js';
import { closeAdmin } from './pg.js';

afterAll(async () => {
  await closeTestDbs();
  await closeAdmin();
});
