// The storage floor: a minimal Hono + zod + better-sqlite3 server that validates a story and inserts
// it into a table with an FTS5 trigger — what storing a story costs with nothing else around it.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { story, text } from './floor-story.js';
import { openSqlite } from '../../db/sqlite.js';

const sqlite = openSqlite(process.env.DATABASE_PATH!);
sqlite.exec(`
  create table if not exists stories (id integer primary key, title text not null, body_json text not null,
    body_text text not null, consent text not null, receipt text not null unique, created_at text not null);
  create virtual table if not exists stories_fts using fts5(title, body_text, content='stories', content_rowid='id');
  create trigger if not exists stories_ai after insert on stories begin
    insert into stories_fts(rowid, title, body_text) values (new.id, new.title, new.body_text);
  end;`);
const insert = sqlite.prepare('insert into stories (title, body_json, body_text, consent, receipt, created_at) values (?, ?, ?, ?, ?, ?)');

const app = new Hono();
app.post('/stories', async (c) => {
  const parsed = story.safeParse(await c.req.json());
  if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
  const s = parsed.data;
  const receipt = crypto.randomUUID();
  insert.run(s.title, JSON.stringify(s.body), text(s.body), s.consent, receipt, new Date().toISOString());
  return c.json({ receipt }, 201);
});
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => {
  console.log(`listening ${info.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
