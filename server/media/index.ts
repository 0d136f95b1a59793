// Voice recordings and photos that come with a story (from a resident's link or a worker). Checked
// by their bytes, never their name or declared type; cleaned before they are kept; stored as files
// beside the database (MEDIA_PATH) with their sha256 in story_media. Reading, backing up and
// deleting them goes through here too.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { Config } from '../env.js';
import { AppError } from '../errors.js';
import { cleanAudio } from './audio.js';
import { MEDIA_LIMITS, MiB, sha256, found, tooLarge, unsupported, type CleanMedia, type MediaKind, type StoredMedia } from './kinds.js';

export { MEDIA_BODY_LIMIT, MEDIA_LIMITS, type CleanMedia, type MediaKind, type StoredMedia } from './kinds.js';

/** Where media files live: MEDIA_PATH, else a `media` folder beside the database file. */
export function mediaDir(config: Pick<Config, 'databasePath' | 'mediaPath'>): string {
  if (config.mediaPath) return resolve(config.mediaPath);
  if (config.databasePath === ':memory:') return join(tmpdir(), `weefwerk-media-${process.pid}`);
  return join(dirname(resolve(config.databasePath)), 'media');
}

async function cleanPhoto(data: Buffer): Promise<CleanMedia> {
  if (data.length > MEDIA_LIMITS.photoBytes)
    throw tooLarge(
      'photo',
      `De foto is groter dan ${MEDIA_LIMITS.photoBytes / MiB} MB. Kies een kleinere foto. / The photo is larger than ${MEDIA_LIMITS.photoBytes / MiB} MB. Choose a smaller photo.`,
    );
  const type = await fileTypeFromBuffer(data);
  if (!type || !['jpg', 'png', 'webp', 'gif', 'avif', 'heic', 'tif'].includes(type.ext))
    throw unsupported('photo', 'Dit bestand is geen foto. Kies een foto. / This file is not a photo. Choose a photo.', found(type));
  let bytes: Buffer;
  try {
    // Re-encoded from the pixels: turned upright by its orientation tag, then every tag (EXIF, GPS, XMP, ICC) is left behind.
    bytes = await sharp(data, { failOn: 'error', limitInputPixels: 100_000_000 })
      .rotate()
      .resize({ width: MEDIA_LIMITS.photoSide, height: MEDIA_LIMITS.photoSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
  } catch (e) {
    throw unsupported(
      'photo',
      'De foto kan niet gelezen worden. Kies een andere foto. / The photo cannot be read. Choose another photo.',
      `${type.mime} cannot be decoded: ${(e as Error).message}`,
    );
  }
  return { kind: 'photo', mime: 'image/jpeg', ext: 'jpg', bytes, durationSeconds: null, sha256: sha256(bytes) };
}

/** Checks an upload by its bytes and returns what may be kept: 415 when it is not that kind of media, 413 when too large. */
export function cleanMedia(kind: MediaKind, data: Buffer): Promise<CleanMedia> {
  return kind === 'audio' ? cleanAudio(data) : cleanPhoto(data);
}

/** The file as stored, relative to the media folder ('2026/11/<uuid>.webm'). */
const fileName = (ext: string) => {
  const now = new Date();
  return `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}.${ext}`;
};

function inside(dir: string, file: string): string {
  const full = resolve(dir, file);
  if (!full.startsWith(resolve(dir) + sep)) throw new Error(`media file outside the media folder: ${file}`);
  return full;
}

/**
 * Writes the files (to a temporary name, flushed to disk, then renamed) before the story's
 * transaction; if one fails, the ones already written are removed and the error goes up, so the
 * story is not stored either. Call removeMediaFiles if the transaction fails afterwards.
 */
export async function storeMedia(dir: string, items: CleanMedia[]): Promise<StoredMedia[]> {
  const stored: StoredMedia[] = [];
  try {
    for (const item of items) {
      const file = fileName(item.ext);
      const full = inside(dir, file);
      await mkdir(dirname(full), { recursive: true });
      const partial = `${full}.partial`;
      const handle = await open(partial, 'wx');
      try {
        await handle.writeFile(item.bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(partial, full);
      stored.push({ ...item, file });
    }
    return stored;
  } catch (e) {
    await removeMediaFiles(
      dir,
      stored.map((s) => s.file),
    );
    throw new AppError(
      'internal',
      `De opname of foto kon niet worden bewaard; er is niets opgeslagen / The recording or photo could not be stored; nothing was saved (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

/** Deletes media files (after the rows left the database: withdrawal, erasure, a failed save). Never throws. */
export async function removeMediaFiles(dir: string, files: string[]): Promise<void> {
  for (const file of files) {
    try {
      await rm(inside(dir, file), { force: true });
    } catch (e) {
      console.error(`media: could not delete ${file}: ${(e as Error).message}`);
    }
  }
}

/** A stored file's bytes, checked against its checksum. */
export async function readMedia(dir: string, file: string, expectedSha256: string): Promise<Buffer> {
  const full = inside(dir, file);
  if (!existsSync(full)) throw new AppError('not_found', 'Dit bestand is er niet meer / This file is gone');
  const bytes = await readFile(full);
  if (sha256(bytes) !== expectedSha256) throw new AppError('internal', `Media file ${file} does not match its checksum`);
  return bytes;
}
