// A voice recording, checked by its bytes and cleaned before it is kept: WebM (Chromium, Firefox)
// is re-muxed, Ogg Opus/Vorbis gets an empty comment header, MP4/M4A (Safari) loses its udta/meta
// boxes. The result is read back with music-metadata: it must be sound only, no longer than
// allowed, as long as before cleaning, and without any descriptive tag; otherwise 415 (or 413).
import { fileTypeFromBuffer } from 'file-type';
import { parseBuffer } from 'music-metadata';
import { MEDIA_LIMITS, MiB, sha256, found, tooLarge, unsupported, type CleanMedia } from './kinds.js';
import { cleanMp4 } from './mp4.js';
import { NotCleanable } from './not-cleanable.js';
import { cleanOgg } from './ogg.js';
import { remuxWebm } from './webm.js';

/** Per container as file-type names it: how to clean it, and what it is kept as. */
const CONTAINERS: Record<string, { clean: (b: Buffer) => Buffer; mime: string; ext: string }> = {
  webm: { clean: (b) => remuxWebm(b).bytes, mime: 'audio/webm', ext: 'webm' },
  ogg: { clean: cleanOgg, mime: 'audio/ogg', ext: 'ogg' },
  opus: { clean: cleanOgg, mime: 'audio/ogg', ext: 'ogg' },
  oga: { clean: cleanOgg, mime: 'audio/ogg', ext: 'ogg' },
  m4a: { clean: cleanMp4, mime: 'audio/mp4', ext: 'm4a' },
  mp4: { clean: cleanMp4, mime: 'audio/mp4', ext: 'm4a' },
};

/** Descriptive tags (a title, a place, a comment…) that must not travel with a recording. */
export function descriptiveTags(common: Record<string, unknown>): string[] {
  return Object.entries(common)
    .filter(([k, v]) => !['track', 'disk', 'movementIndex'].includes(k) && v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))
    .map(([k]) => k);
}

async function read(bytes: Buffer, mime: string) {
  try {
    return await parseBuffer(bytes, { mimeType: mime, size: bytes.length }, { duration: true, skipCovers: true });
  } catch (e) {
    throw unsupported(
      'audio',
      'De opname kan niet gelezen worden. Neem het verhaal opnieuw op. / The recording cannot be read. Record the story again.',
      `${mime} cannot be parsed: ${(e as Error).message}`,
    );
  }
}

export async function cleanAudio(data: Buffer): Promise<CleanMedia> {
  if (data.length > MEDIA_LIMITS.audioBytes)
    throw tooLarge(
      'audio',
      `De opname is groter dan ${MEDIA_LIMITS.audioBytes / MiB} MB. Maak een kortere opname. / The recording is larger than ${MEDIA_LIMITS.audioBytes / MiB} MB. Make a shorter recording.`,
    );
  const type = await fileTypeFromBuffer(data);
  const container = type && CONTAINERS[type.ext];
  if (!container)
    throw unsupported(
      'audio',
      'Dit bestand is geen opname die we kennen. Kies een WebM-, Ogg- of MP4-opname. / This file is not a recording we know. Choose a WebM, Ogg or MP4 recording.',
      found(type),
    );
  let bytes: Buffer;
  try {
    bytes = container.clean(data);
  } catch (e) {
    if (e instanceof NotCleanable)
      throw unsupported(
        'audio',
        'Deze opname kunnen we niet veilig opschonen. Neem het verhaal opnieuw op. / We cannot clean this recording safely. Record the story again.',
        `${type.mime}: ${e.message}`,
      );
    throw e;
  }
  const meta = await read(bytes, container.mime);
  if (!meta.format.hasAudio || meta.format.hasVideo)
    throw unsupported(
      'audio',
      'Dit bestand heeft geen geluid, of ook beeld. Kies een opname met alleen geluid. / This file has no sound, or also pictures. Choose a recording with sound only.',
      `${container.mime}: ${meta.format.hasAudio ? 'has video' : 'has no audio track'}`,
    );
  const seconds = meta.format.duration;
  if (seconds === undefined || !Number.isFinite(seconds))
    throw unsupported(
      'audio',
      'De lengte van de opname kan niet gelezen worden. Neem het verhaal opnieuw op. / The length of the recording cannot be read. Record the story again.',
      `${container.mime}: no duration`,
    );
  if (seconds > MEDIA_LIMITS.audioSeconds + 1)
    throw tooLarge(
      'audio',
      `De opname is langer dan ${MEDIA_LIMITS.audioSeconds / 60} minuten. Maak een kortere opname. / The recording is longer than ${MEDIA_LIMITS.audioSeconds / 60} minutes. Make a shorter recording.`,
    );
  const left = descriptiveTags(meta.common as unknown as Record<string, unknown>);
  if (left.length)
    throw unsupported(
      'audio',
      'Na het opschonen staan er nog gegevens in de opname. Neem het verhaal opnieuw op. / Data is left in the recording after cleaning. Record the story again.',
      `${container.mime}: tags left after cleaning: ${left.join(', ')}`,
    );
  if (container.ext !== 'webm') {
    // The browser's WebM has no length of its own (the re-mux gives it one); the others must keep theirs.
    const before = (await read(data, container.mime)).format.duration;
    if (before === undefined || Math.abs(before - seconds) > 0.05)
      throw unsupported(
        'audio',
        'Het opschonen veranderde de lengte van de opname. Neem het verhaal opnieuw op. / Cleaning changed the length of the recording. Record the story again.',
        `${container.mime}: ${before ?? 'unknown'} s before cleaning, ${seconds} s after`,
      );
  }
  return { kind: 'audio', mime: container.mime, ext: container.ext, bytes, durationSeconds: Math.round(seconds * 100) / 100, sha256: sha256(bytes) };
}
