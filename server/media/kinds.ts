// What a story's media may be: the kinds, their limits, and the errors an upload gets (415, 413).
import { createHash } from 'node:crypto';
import { PHOTO_BYTES } from '../../db/domain/uploads.js';
import { AppError } from '../errors.js';

export const MiB = 1024 * 1024;
export const MEDIA_LIMITS = {
  /** Five minutes of speech is about 1.2 MB at the recorder's 32 kbit/s; this leaves room for other recorders. */
  audioBytes: 8 * MiB,
  audioSeconds: 5 * 60,
  photoBytes: PHOTO_BYTES,
  /** A kept photo's longest side, in pixels. */
  photoSide: 2048,
} as const;
/** Request body limit for a story with its media (server/app.ts). */
export const MEDIA_BODY_LIMIT = MEDIA_LIMITS.audioBytes + MEDIA_LIMITS.photoBytes + MiB;

export type MediaKind = 'audio' | 'photo';
export type CleanMedia = { kind: MediaKind; mime: string; ext: string; bytes: Buffer; durationSeconds: number | null; sha256: string };
export type StoredMedia = CleanMedia & { file: string };

/**
 * A refused upload: `why` tells the resident what to do; `reason` is the technical cause (the file
 * type found, the decoder's complaint), in the detail and in the server's log for whoever looks into
 * why a phone's uploads fail.
 */
export function unsupported(kind: MediaKind, why: string, reason: string): AppError {
  console.warn(`media: refused a ${kind === 'audio' ? 'recording' : 'photo'}: ${reason}`);
  return new AppError(
    'unsupported_media_type',
    kind === 'audio'
      ? 'Dit is geen geluidsopname die we kunnen gebruiken / This is not a sound recording we can use'
      : 'Dit is geen foto die we kunnen gebruiken / This is not a photo we can use',
    [{ field: kind, message: why, reason }],
  );
}
/** What file-type found in an upload, for a refusal's reason. */
export const found = (type: { mime: string } | undefined) => `found ${type?.mime ?? 'no known file type'}`;
export const tooLarge = (kind: MediaKind, why: string) =>
  new AppError(
    'payload_too_large',
    kind === 'audio' ? 'De opname is te groot of te lang / The recording is too large or too long' : 'De foto is te groot / The photo is too large',
    [{ field: kind, message: why }],
  );

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
