// A reader thread for reports on a SQLite file. better-sqlite3 answers synchronously, so a
// report's reads otherwise queue one after another on the main thread; the climate and indicator
// sections (sections.ts) are read on this thread instead, on a connection of its own, while the
// main thread reads the rest: a second core shortens a report. PostgreSQL reads in parallel
// already (its pool), and an in-memory database cannot be opened twice: both read here.
//
// The thread starts with the first report and sections are read here until it is ready; a
// thread that fails hands its sections back (read here, with one warning).
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { sections, type Section, type SectionArgs, type SectionResult } from './sections.js';

type Waiting = { resolve(value: unknown): void; fail(message: string): void };

export class SectionThread {
  /** Sections read on the thread so far. */
  served = 0;
  private worker: Worker | null = null;
  private state: 'idle' | 'starting' | 'ready' | 'failed' = 'idle';
  private next = 1;
  private readonly waiting = new Map<number, Waiting>();
  private readyWaiters: (() => void)[] = [];

  constructor(private readonly path: string) {}

  /** Reads a section on the thread when it is ready; null: read it here. */
  read<K extends Section>(section: K, args: SectionArgs<K>): Promise<SectionResult<K>> | null {
    if (this.state === 'idle') this.start();
    if (this.state !== 'ready') return null;
    const id = this.next++;
    this.worker!.ref(); // while it reads for somebody, the process waits for its answer
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: (v) => resolve(v as SectionResult<K>), fail: (message) => reject(new Error(message)) });
      this.worker!.postMessage({ id, section, args });
    });
  }

  /** Starts the thread now and resolves once it reads sections (or has failed). */
  ready(): Promise<void> {
    if (this.state === 'idle') this.start();
    if (this.state === 'ready' || this.state === 'failed') return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  get reading(): boolean {
    return this.state === 'ready';
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.stop('closed');
    await worker?.terminate();
  }

  private start() {
    this.state = 'starting';
    const worker = new Worker(new URL('./section-worker.mjs', import.meta.url), { workerData: { path: this.path } });
    this.worker = worker;
    worker.unref(); // idle, it does not keep the process alive
    worker.on('message', (m: { ready: true } | { id: number; value?: unknown; error?: string }) => {
      if ('ready' in m) {
        this.state = 'ready';
        return this.wake();
      }
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (!this.waiting.size) worker.unref();
      if (m.error !== undefined) return w?.fail(m.error);
      this.served++;
      w?.resolve(m.value);
    });
    worker.on('error', (err) => {
      console.warn(`Report reader thread stopped; reports are read on the main thread: ${err.message}`);
      this.stop(err.message);
    });
    worker.on('exit', () => this.stop('the reader thread exited'));
  }

  private stop(why: string) {
    this.state = 'failed';
    for (const w of this.waiting.values()) w.fail(why);
    this.waiting.clear();
    this.wake();
  }

  private wake() {
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
}

const threads = new WeakMap<Kysely<DB>, SectionThread>();

/** Gives reports read on `db` (a SQLite file at `path`) a reader thread. */
export function addSectionThread(db: Kysely<DB>, path: string): SectionThread {
  const thread = new SectionThread(path);
  threads.set(db, thread);
  return thread;
}

export const sectionThreadOf = (db: Kysely<DB>): SectionThread | undefined => threads.get(db);

/**
 * A section of a report read on `db`: on its reader thread when it has one that is ready, else
 * here. A section the thread fails to read is read here.
 */
export async function readSection<K extends Section>(db: Kysely<DB>, section: K, args: SectionArgs<K>): Promise<SectionResult<K>> {
  const here = () => (sections[section] as (db: Kysely<DB>, args: SectionArgs<K>) => Promise<SectionResult<K>>)(db, args);
  const there = threads.get(db)?.read(section, args);
  if (!there) return here();
  return there.catch(here);
}
