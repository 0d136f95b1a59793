// Operator CLI for accounts; uses DATABASE_PATH like the server and migrates first.
//   npm run user -- add --email E --name N --role R --password-stdin
//   npm run user -- list
//   npm run user -- disable --email E      (ends all of the user's sessions)
//   npm run user -- enable --email E
//   npm run user -- password --email E --password-stdin   (ends all sessions)
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openDb, type Db } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { findUserByEmail, insertUser, listUsers } from '../db/repositories/users.js';
import { roles, type Role } from '../db/schema.js';
import { audit } from '../server/audit.js';
import { hashPassword, passwordRule } from '../server/auth/passwords.js';
import { endAllSessions } from '../server/auth/sessions.js';
import { loadConfig } from '../server/env.js';

const USAGE = `Usage:
  npm run user -- add --email E --name N --role R --password-stdin
  npm run user -- list
  npm run user -- disable --email E
  npm run user -- enable --email E
  npm run user -- password --email E --password-stdin

Roles: ${roles.join(', ')}. The password is read from standard input (at least ${passwordRule.min} characters).
The database is DATABASE_PATH (default data/weefwerk.db).`;

/** A mistake in how the command was called: exit code 2. */
class UsageError extends Error {}
/** The command was understood but cannot be done: exit code 1. */
class Failure extends Error {}

const CLI = { system: 'cli' };

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY)
    throw new UsageError('--password-stdin reads the password from standard input; pipe it in, e.g. `printf %s "$PW" | npm run user -- …`');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password.length < passwordRule.min || password.length > passwordRule.max) {
    throw new Failure(`The password must be ${passwordRule.min} to ${passwordRule.max} characters long.`);
  }
  return password;
}

function need(value: string | undefined, flag: string): string {
  if (!value?.trim()) throw new UsageError(`Missing --${flag}.`);
  return value.trim();
}

function email(value: string | undefined): string {
  const e = need(value, 'email');
  if (!z.string().email().safeParse(e).success) throw new UsageError(`Not an email address: ${e}`);
  return e;
}

async function existing(db: Db, address: string) {
  const user = await findUserByEmail(db, address);
  if (!user) throw new Failure(`No user with email ${address}.`);
  return user;
}

async function run(db: Db, command: string, opts: Record<string, string | boolean | undefined>): Promise<void> {
  const str = (k: string) => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
  switch (command) {
    case 'add': {
      const address = email(str('email'));
      const name = need(str('name'), 'name');
      const role = need(str('role'), 'role');
      if (!(roles as readonly string[]).includes(role)) throw new UsageError(`Unknown role "${role}"; use one of ${roles.join(', ')}.`);
      if (!opts['password-stdin']) throw new UsageError('Pass --password-stdin and the password on standard input.');
      const passwordHash = await hashPassword(await readPassword());
      const user = await db.transaction().execute(async (tx) => {
        if (await findUserByEmail(tx, address)) throw new Failure(`A user with email ${address} exists already.`);
        const created = await insertUser(tx, { email: address, name, role: role as Role, passwordHash });
        await audit(tx, CLI, 'user.create', { type: 'user', id: created.id }, { role });
        return created;
      });
      console.log(`Added ${user.email} (${user.role}), id ${user.id}.`);
      return;
    }
    case 'list': {
      const users = await listUsers(db);
      if (!users.length) return console.log('No users yet.');
      const rows = users.map((u) => [String(u.id), u.email, u.name, u.role, u.disabledAt ? `disabled ${u.disabledAt.slice(0, 10)}` : 'active']);
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length), ['id', 'email', 'name', 'role', 'status'][i]!.length));
      const line = (r: string[]) =>
        r
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd();
      console.log(line(['id', 'email', 'name', 'role', 'status']));
      for (const r of rows) console.log(line(r));
      return;
    }
    case 'disable':
    case 'enable': {
      const user = await existing(db, email(str('email')));
      const disable = command === 'disable';
      await db.transaction().execute(async (tx) => {
        if (disable) {
          if (!user.disabledAt) {
            await tx.updateTable('users').set({ disabledAt: new Date().toISOString() }).where('id', '=', user.id).execute();
            await audit(tx, CLI, 'user.disable', { type: 'user', id: user.id });
          }
          await endAllSessions(tx, user.id);
          await audit(tx, CLI, 'session.end_all', { type: 'user', id: user.id });
        } else if (user.disabledAt) {
          await tx.updateTable('users').set({ disabledAt: null }).where('id', '=', user.id).execute();
          await audit(tx, CLI, 'user.enable', { type: 'user', id: user.id });
        }
      });
      console.log(`${user.email} is ${disable ? 'disabled; all sessions ended' : 'enabled'}.`);
      return;
    }
    case 'password': {
      const user = await existing(db, email(str('email')));
      if (!opts['password-stdin']) throw new UsageError('Pass --password-stdin and the password on standard input.');
      const passwordHash = await hashPassword(await readPassword());
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('users').set({ passwordHash, passwordChangedAt: new Date().toISOString() }).where('id', '=', user.id).execute();
        await endAllSessions(tx, user.id);
        await audit(tx, CLI, 'user.password_reset', { type: 'user', id: user.id });
        await audit(tx, CLI, 'session.end_all', { type: 'user', id: user.id });
      });
      console.log(`Password of ${user.email} changed; all sessions ended.`);
      return;
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}".` : 'Missing command.');
  }
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return 2;
  }
  const [command = '', ...extra] = parsed.positionals;
  if (parsed.values.help || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (extra.length) {
    console.error(`Unexpected argument "${extra[0]}".\n\n${USAGE}`);
    return 2;
  }
  let db: Db;
  try {
    db = await openDb(loadConfig());
  } catch (e) {
    console.error(`Cannot open the database: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  try {
    await migrateToLatest(db);
    await run(db, command, parsed.values);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof Failure) {
      console.error(e.message);
      return 1;
    }
    console.error(e);
    return 1;
  } finally {
    await db.destroy();
  }
}

process.exit(await main());
