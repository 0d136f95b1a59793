// Recording a story: one rule for both entry points (a worker's story route and a resident's
// submission link). The caller has checked the input; this writes teller, story, consent,
// placements and the audit row in the caller's transaction, so nothing is half-saved.
import { CamelCasePlugin, type ExpressionBuilder, type Kysely, type QueryCreator, type Transaction } from 'kysely';
import { batched, Failed } from '../../db/batch.js';
import { engineName } from '../../db/engine.js';
import { insertMedia, mediaRows, type MediaToInsert } from '../../db/repositories/media.js';
import {
  consentRow,
  insertPlacements,
  insertStory,
  insertTeller,
  placementRows,
  tellerRow,
  type NewConsent,
  type NewStory,
  type Placement,
} from '../../db/repositories/stories.js';
import type { DB } from '../../db/schema.js';
import { audit, auditRow } from '../audit.js';
import type { RichText } from '../richtext.js';
import type { SessionUser } from '../types.js';

export type StoryToRecord = {
  /** An existing teller (a worker's own practice story), or a new resident teller. */
  teller: { id: number } | { displayName: string | null; under16: boolean };
  story: Omit<NewStory, 'tellerId' | 'bodyJson' | 'bodyHtml' | 'bodyText' | 'recordedBy' | 'consent'>;
  rich: RichText;
  consent: Omit<NewConsent, 'recordedBy' | 'reason' | 'withdrawn'> & { level: NonNullable<NewConsent['level']> };
  placements: Placement[];
  /** Who recorded it: a worker, or null when a resident told it by link. */
  by: SessionUser | null;
  /** What the audit row keeps beside the story's id. */
  auditDetails: Record<string, unknown>;
};

/** Writes the story and everything that comes with it; returns its id. */
export async function recordStory(tx: Kysely<DB>, r: StoryToRecord): Promise<number> {
  const by = r.by?.id ?? null;
  const tellerId =
    'id' in r.teller ? r.teller.id : await insertTeller(tx, { kind: 'resident', displayName: r.teller.displayName, userId: null, under16: r.teller.under16 });
  const storyId = await insertStory(
    tx,
    { ...r.story, tellerId, bodyJson: JSON.stringify(r.rich.json), bodyHtml: r.rich.html, bodyText: r.rich.text, recordedBy: by, consent: r.consent.level },
    { ...r.consent, reason: null, recordedBy: by },
  );
  await insertPlacements(tx, storyId, r.placements, by);
  await audit(tx, r.by, 'story.create', { type: 'story', id: storyId }, r.auditDetails);
  return storyId;
}

/** A resident's story, told by link, with the media files already stored for it. */
export type Submission = StoryToRecord & { teller: { displayName: string | null; under16: boolean }; media: MediaToInsert[]; photoInReports: boolean };

/**
 * Stores a resident's submission; returns the story's id once it is committed. SQLite: recordStory
 * and the media rows in the group commit (`write`: the submissions that arrive together share one
 * transaction and one commit). PostgreSQL: the submissions that arrive together share one statement
 * whose WITH clauses insert each one's teller, story, consent, placements, media and audit rows —
 * atomic on its own, one round trip for the lot and no BEGIN/COMMIT. When that statement fails,
 * each submission is tried in a statement of its own, so one bad submission fails alone. The rows
 * are the same on both engines.
 */
export function recordSubmission(db: Kysely<DB>, write: Write, s: Submission): Promise<number> {
  if (engineName(db) === 'postgres') {
    let submit = pgBatches.get(db);
    if (!submit) pgBatches.set(db, (submit = batched((items: Submission[]) => recordAtOnce(db, items), 50)));
    return submit(s);
  }
  return write(async (tx) => {
    const id = await recordStory(tx, s);
    await insertMedia(tx, id, s.media, s.photoInReports);
    return id;
  });
}

type Write = <T>(work: (tx: Transaction<DB>) => Promise<T>) => Promise<T>;
const pgBatches = new WeakMap<Kysely<DB>, (s: Submission) => Promise<number>>();

/** A batch in one statement; when it fails, each submission alone (its own error for its caller). */
async function recordAtOnce(db: Kysely<DB>, items: Submission[]): Promise<(number | Failed)[]> {
  try {
    return await oneStatement(db, items);
  } catch (err) {
    if (items.length === 1) return [new Failed(err)];
    const out: (number | Failed)[] = [];
    for (const s of items)
      out.push(
        await oneStatement(db, [s]).then(
          (ids) => ids[0]!,
          (e: unknown) => new Failed(e),
        ),
      );
    return out;
  }
}

/** Kysely's own camelCase → snake_case mapping, for the statement below that runs without plugins. */
class SnakeCase extends CamelCasePlugin {
  constructor() {
    super({ underscoreBeforeDigits: true });
  }
  row<R extends object>(r: R): Record<string, unknown> {
    return Object.fromEntries(Object.entries(r).map(([k, v]) => [this.snakeCase(k), v]));
  }
}
const snake = new SnakeCase();

/**
 * PostgreSQL only (data-modifying WITH clauses): the rows recordStory and insertMedia write, for
 * every submission in `items`, in one statement; the story ids in order. The CTE names carry the
 * submission's index (t0, s0, c0, …), so the query is built on Kysely<any>; and without the
 * camel-case plugin (the same rows, their keys mapped once), which would otherwise copy the whole
 * statement's tree again — building this statement is the submission's largest CPU cost.
 */
async function oneStatement(db: Kysely<DB>, items: Submission[]): Promise<number[]> {
  let q: QueryCreator<any> = (db as unknown as Kysely<any>).withoutPlugins();
  const row = snake.row.bind(snake);
  items.forEach((s, i) => {
    const by = s.by?.id ?? null;
    const storyId = (eb: ExpressionBuilder<any, any>) => eb.selectFrom(`s${i}`).select('id');
    q = q
      .with(`t${i}`, (w) =>
        w
          .insertInto('tellers')
          .values(row(tellerRow({ kind: 'resident', displayName: s.teller.displayName, userId: null, under16: s.teller.under16 })))
          .returning('id'),
      )
      .with(`s${i}`, (w) =>
        w
          .insertInto('stories')
          .values((eb) =>
            row({
              ...s.story,
              tellerId: eb.selectFrom(`t${i}`).select('id'),
              bodyJson: JSON.stringify(s.rich.json),
              bodyHtml: s.rich.html,
              bodyText: s.rich.text,
              recordedBy: by,
              consent: s.consent.level,
            }),
          )
          .returning('id'),
      )
      .with(`c${i}`, (w) => w.insertInto('story_consents').values((eb) => row(consentRow(storyId(eb), { ...s.consent, reason: null, recordedBy: by }))))
      .with(`a${i}`, (w) =>
        w.insertInto('audit_log').values((eb) =>
          row({
            ...auditRow(s.by, 'story.create', s.auditDetails),
            targetType: 'story',
            targetId: eb.cast(storyId(eb), 'text'),
          }),
        ),
      );
    if (s.placements.length) q = q.with(`p${i}`, (w) => w.insertInto('story_placements').values((eb) => placementRows(storyId(eb), s.placements, by).map(row)));
    if (s.media.length) q = q.with(`m${i}`, (w) => w.insertInto('story_media').values((eb) => mediaRows(storyId(eb), s.media, s.photoInReports).map(row)));
  });
  const out = await q.selectNoFrom((eb) => items.map((_, i) => eb.selectFrom(`s${i}`).select('id').as(`id${i}`))).executeTakeFirstOrThrow();
  return items.map((_, i) => Number(out[`id${i}`]));
}
