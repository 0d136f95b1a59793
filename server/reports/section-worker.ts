// The reader thread's side (section-thread.ts): its own read-only connection to the database
// file; each message a section to read, each answer its result or the error's message.
import { parentPort, workerData } from 'node:worker_threads';
import { createReaderDb } from '../../db/client.js';
import { sections, type Section } from './sections.js';

const db = createReaderDb((workerData as { path: string }).path);
const port = parentPort!;

port.on('message', async ({ id, section, args }: { id: number; section: Section; args: never }) => {
  try {
    port.postMessage({ id, value: await sections[section](db, args) });
  } catch (err) {
    port.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
port.postMessage({ ready: true });
