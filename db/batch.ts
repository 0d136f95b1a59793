import type { Kysely } from 'kysely';
import { engineName } from './engine.js';

/** A result `run` gives for one item of a batch that failed on its own: its caller gets `error`. */
export class Failed {
  constructor(readonly error: unknown) {}
}

/**
 * Micro-batching: calls that arrive together (in one turn of the event loop, or while the previous
 * batch is running) go to the database as one statement. `run` gets the items in arrival order and
 * returns one result per item, in the same order (a `Failed` for an item that failed alone). When
 * `run` throws, every caller in the batch gets the error. Under load this turns one round trip per
 * call into one per batch; alone, a call waits one turn of the event loop.
 */
export function batched<I, O>(run: (items: I[]) => Promise<(O | Failed)[]>, maxBatch = 500): (item: I) => Promise<O> {
  type Job = { item: I; resolve: (v: O) => void; reject: (e: unknown) => void };
  let queue: Job[] = [];
  let running = false;

  async function flush() {
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    try {
      const out = await run(batch.map((j) => j.item));
      batch.forEach((j, i) => {
        const o = out[i];
        if (o instanceof Failed) j.reject(o.error);
        else j.resolve(o as O);
      });
    } catch (err) {
      for (const j of batch) j.reject(err);
    }
    if (queue.length) setImmediate(() => void flush());
    else running = false;
  }

  return (item: I) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!running) {
        running = true;
        setImmediate(() => void flush());
      }
    });
}

/**
 * A lookup by key that shares one query with the lookups arriving together on PostgreSQL (one
 * batcher per database: a burst of residents at one link costs one round trip, not one each); on
 * SQLite, where a query costs no round trip, it runs at once. `run` answers each key in order.
 */
export function sharedLookup<K, V>(run: (db: Kysely<any>, keys: K[]) => Promise<V[]>): (db: Kysely<any>, key: K) => Promise<V> {
  const lookups = new WeakMap<Kysely<any>, (key: K) => Promise<V>>();
  return (db, key) => {
    if (engineName(db) !== 'postgres') return run(db, [key]).then((answers) => answers[0]!);
    let look = lookups.get(db);
    if (!look) lookups.set(db, (look = batched((keys: K[]) => run(db, keys))));
    return look(key);
  };
}
