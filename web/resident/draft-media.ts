// The recording and photo of a resident's draft, kept in this browser (IndexedDB, which holds
// files; localStorage only holds text) until the story has arrived, so a reload or a lost
// connection loses neither. One record per link and kind; cleared once the story was sent.
// When the browser refuses storage (private mode, full disk) the form still works, unkept.

export type KeptRecording = { blob: Blob; seconds: number };
export type DraftMedia = { audio: KeptRecording | null; photo: File | null };

type Row = { key: string; blob: Blob; seconds?: number; name?: string };

const STORE = 'media';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('weefwerk-drafts', 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Every request waits for the one before, so a late "keep" can never land after "clear". */
let queue: Promise<unknown> = Promise.resolve();

/** Runs one request in its own transaction, after all earlier ones; resolves once it is committed. */
function run<T>(mode: IDBTransactionMode, make: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const next = queue.then(() => request(mode, make));
  queue = next.catch(() => undefined);
  return next;
}

async function request<T>(mode: IDBTransactionMode, make: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = make(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = tx.onabort = () => reject(tx.error ?? req.error);
    });
  } finally {
    db.close();
  }
}

const key = (token: string, kind: 'audio' | 'photo') => `${token}:${kind}`;

/** What was kept for this link (nothing when storage is unavailable). */
export async function loadDraftMedia(token: string): Promise<DraftMedia> {
  try {
    // A browser that never answers (storage blocked) must not keep the form from showing.
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer')), 3000));
    const [audio, photo] = await Promise.race([
      Promise.all((['audio', 'photo'] as const).map((kind) => run<Row | undefined>('readonly', (s) => s.get(key(token, kind)) as IDBRequest<Row | undefined>))),
      timeout,
    ]);
    return {
      audio: audio ? { blob: audio.blob, seconds: audio.seconds ?? 0 } : null,
      photo: photo ? new File([photo.blob], photo.name ?? 'photo', { type: photo.blob.type }) : null,
    };
  } catch {
    return { audio: null, photo: null };
  }
}

/** Keeps (or, with null, forgets) the draft's recording. */
export function keepRecording(token: string, recording: KeptRecording | null): Promise<void> {
  const row: Row | null = recording && { key: key(token, 'audio'), blob: recording.blob, seconds: recording.seconds };
  return keep(token, 'audio', row);
}

/** Keeps (or, with null, forgets) the draft's photo. */
export function keepPhoto(token: string, photo: File | null): Promise<void> {
  return keep(token, 'photo', photo && { key: key(token, 'photo'), blob: photo, name: photo.name });
}

async function keep(token: string, kind: 'audio' | 'photo', row: Row | null): Promise<void> {
  try {
    await run<unknown>('readwrite', (s) => (row ? s.put(row) : s.delete(key(token, kind))) as IDBRequest<unknown>);
  } catch {
    // storage refused: the form still works, the file just is not kept
  }
}

/** Forgets the draft's recording and photo (after the story arrived). */
export async function clearDraftMedia(token: string): Promise<void> {
  await Promise.all([keep(token, 'audio', null), keep(token, 'photo', null)]);
}
