// PostgreSQL for the tests: TEST_DATABASE_URL names a server and a role that may create databases
// (default postgres://weefwerk:weefwerk@127.0.0.1:5432/postgres). The global setup migrates one
// template database per run; every test app gets a fresh copy of it (CREATE DATABASE … TEMPLATE),
// dropped again when the app closes.
import pg from 'pg';
import { randomBytes } from 'node:crypto';

export const defaultTestDatabaseUrl = 'postgres://weefwerk:weefwerk@127.0.0.1:5432/postgres';
export const testDatabaseUrl = () => process.env.TEST_DATABASE_URL || defaultTestDatabaseUrl;

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string, base = testDatabaseUrl()): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

let admin: pg.Pool | null = null;
function adminPool(): pg.Pool {
  if (!admin) {
    admin = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    admin.on('error', () => {});
  }
  return admin;
}

export async function adminQuery(text: string): Promise<pg.QueryResult> {
  return adminPool().query(text);
}

export async function closeAdmin(): Promise<void> {
  const a = admin;
  admin = null;
  await a?.end();
}

let n = 0;
/** Creates a fresh database from `template`; returns its name. */
export async function createDatabaseFrom(template: string): Promise<string> {
  const name = `${template.replace(/_tmpl$/, '')}_${process.pid}_${++n}_${randomBytes(3).toString('hex')}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`create database "${name}" template "${template}"`);
      return name;
    } catch (err) {
      // another worker copying the same template at this moment: wait and try again
      if (attempt < 50 && /being accessed by other users/.test(String((err as Error).message))) {
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
        continue;
      }
      throw err;
    }
  }
}

/**
 * Drops a test database. WITH (FORCE) cannot end an autovacuum worker that happens to be in it (a
 * superuser process): then it waits and tries again; a database still left is dropped by the
 * global teardown (tests/helpers/pg-setup.ts).
 */
export async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`drop database if exists "${name}" with (force)`);
      return;
    } catch (err) {
      if (attempt >= 20) return;
      await new Promise((r) => setTimeout(r, 100 + attempt * 50));
    }
  }
}
