import type { Kysely, Transaction } from 'kysely';

type Job<DB, T> = { work: (tx: Transaction<DB>) => Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void };

/**
 * Group commit: writes that arrive together (within one turn of the event loop, or while the
 * previous group is committing) share one transaction, so a flood of submissions pays for one
 * commit and one search-index flush per group instead of per story. Each caller's promise settles
 * only after its group committed. When a group fails, each of its writes is retried in a
 * transaction of its own, so one bad write fails alone and nothing is half-saved. A write may
 * therefore run twice: it must write through `tx` only.
 */
export function groupCommit<DB>(db: Kysely<DB>, maxGroup = 100) {
  let queue: Job<DB, unknown>[] = [];
  let running = false;

  async function runAlone(job: Job<DB, unknown>) {
    try {
      job.resolve(await db.transaction().execute(job.work));
    } catch (err) {
      job.reject(err);
    }
  }

  async function flush() {
    const group = queue.slice(0, maxGroup);
    queue = queue.slice(group.length);
    if (group.length === 1) {
      await runAlone(group[0]!);
    } else {
      let results: unknown[] | null = null;
      try {
        results = await db.transaction().execute(async (tx) => {
          const out: unknown[] = [];
          for (const job of group) out.push(await job.work(tx));
          return out;
        });
      } catch {
        for (const job of group) await runAlone(job);
      }
      if (results) group.forEach((job, i) => job.resolve(results[i]));
    }
    if (queue.length) setImmediate(() => void flush());
    else running = false;
  }

  return function write<T>(work: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve, reject } as Job<DB, unknown>);
      if (!running) {
        running = true;
        setImmediate(() => void flush());
      }
    });
  };
}

/**
 * One transaction per write, run side by side on the connection pool. For PostgreSQL, which shares
 * WAL flushes between concurrent commits itself: batching there would only queue every write behind
 * one connection's round trips. As with groupCommit, a caller's promise settles after its commit.
 */
export function transactionPerWrite<DB>(db: Kysely<DB>) {
  return function write<T>(work: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
    return db.transaction().execute(work);
  };
}
