// Starts section-worker.ts on its thread: a worker thread does not inherit the TypeScript loader
// (tsx) of the thread that made it.
import { register } from 'tsx/esm/api';

register();
await import('./section-worker.ts');
