import { defineConfig } from 'vitest/config';

// Two projects: `sqlite` runs every test; `postgres` runs the API suite again on PostgreSQL
// (TEST_DATABASE_URL, see tests/helpers/pg.ts) plus the tests only PostgreSQL has (tests/pg/).
// Tests that are about SQLite itself (its file, pragmas, backup) or the browser stay SQLite-only.
const sqliteOnly = [
  'tests/e2e/**',
  'tests/durability.test.ts',
  'tests/scale.test.ts',
  'tests/demo.test.ts',
  'tests/user-cli.test.ts',
  'tests/stories-web.test.ts',
  'tests/migrations.test.ts',
  'tests/sqlite-rows.test.ts',
  'tests/report-thread.test.ts', // a reader thread on a SQLite file
  'tests/limiter-await.test.ts', // reads the code, not the database
  'tests/bundle-stale.test.ts', // reads files, not the database
  'tests/period-labels.test.ts', // pure rules, no database
  'tests/json-text.test.ts', // bytes, no database
  'tests/score-labels.test.ts', // pure rules, no database
  'tests/form-field.test.ts', // pure rules, no database
  'tests/role-names.test.ts', // pure rules, no database
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for the real state; its default of 1 s is a timing guess that a loaded machine
    // (the browser tests share 2 cores with everything else) misses now and then.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'], exclude: ['tests/pg/**'] } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['tests/*.test.ts', 'tests/pg/**/*.test.ts'],
          exclude: sqliteOnly,
          env: { TEST_ENGINE: 'postgres' },
          globalSetup: ['tests/helpers/pg-setup.ts'],
          setupFiles: ['tests/helpers/pg-file.ts'],
        },
      },
    ],
  },
});
