// Operator script: `npm run migrate` brings the database to the latest schema; `npm run migrate -- down` rolls back one step.
import { openDb, redactUrl } from '../db/client.js';
import { migrateToLatest, migrator } from '../db/migrate.js';
import { loadConfig } from '../server/env.js';

const [command = 'latest', ...rest] = process.argv.slice(2);
if (rest.length || !['latest', 'up', 'down', 'status'].includes(command)) {
  console.error('Usage: npm run migrate [-- latest|down|status]');
  process.exit(2);
}

let config, db;
try {
  config = loadConfig();
  db = await openDb(config);
} catch (e) {
  console.error(`Cannot open the database: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
const where = config.databaseUrl ? redactUrl(config.databaseUrl) : config.databasePath;
let code = 0;
try {
  if (command === 'down') {
    const { error, results } = await migrator(db).migrateDown();
    for (const r of results ?? []) console.log(`${r.status === 'Success' ? 'rolled back' : r.status}: ${r.migrationName}`);
    if (!results?.length) console.log('Nothing to roll back.');
    if (error) throw error;
  } else if (command === 'status') {
    for (const m of await migrator(db).getMigrations()) console.log(`${m.executedAt ? 'applied' : 'pending'}  ${m.name}`);
  } else {
    await migrateToLatest(db);
    console.log(`Database ${where} is at the latest schema.`);
  }
} catch (e) {
  console.error(`Migration failed: ${e instanceof Error ? e.message : String(e)}`);
  code = 1;
} finally {
  await db.destroy();
}
process.exit(code);
