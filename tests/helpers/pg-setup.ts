// Vitest global setup of the `postgres` project: checks that the test server answers, migrates a
// template database for this run and drops it (and any copy left behind) at the end.
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { createPostgresDb } from '../../db/client.js';
import { migrateToLatest } from '../../db/migrate.js';
import { adminQuery, closeAdmin, databaseUrl, dropDatabase, testDatabaseUrl } from './pg.js';
import { redactUrl } from '../../db/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  try {
    await adminQuery('select 1');
  } catch (err) {
    throw new Error(
      `PostgreSQL for the tests is not reachable at ${redactUrl(testDatabaseUrl())} (${(err as Error).message}).\n` +
        'Start PostgreSQL and create the test role (README, "Tests on PostgreSQL"), set TEST_DATABASE_URL, ' +
        'or run the SQLite half only: npx vitest run --project sqlite',
    );
  }
  const template = `wwt_${randomBytes(4).toString('hex')}_tmpl`;
  await adminQuery(`create database "${template}"`);
  const db = await createPostgresDb(databaseUrl(template), 1);
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  project.provide('pgTemplate', template);

  return async () => {
    const prefix = template.replace(/_tmpl$/, '');
    const left = await adminQuery(`select datname from pg_database where datname like '${prefix}%'`);
    for (const r of left.rows as { datname: string }[]) await dropDatabase(r.datname);
    await closeAdmin();
  };
}
