// The organisation's logo for report covers: an image an admin uploads, checked by its bytes (415
// when it is no picture we can read, 413 when too large) and re-encoded from its pixels to a PNG
// that fits a cover (every tag left behind), then stored in the media folder like stories' photos.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type OutputInfo } from 'sharp';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { getLogo } from '../../db/repositories/organisation.js';
import { LOGO_BYTES } from '../../db/domain/uploads.js';
import { AppError } from '../errors.js';
import { readMedia, type CleanMedia } from './index.js';

export const LOGO_LIMITS = {
  /** The upload, before re-encoding. */
  bytes: LOGO_BYTES,
  /** The kept PNG fits in this box (pixels): sharp in print at about 5 × 2 cm. */
  width: 800,
  height: 320,
} as const;

export type CleanLogo = CleanMedia & { width: number; height: number };

const unsupported = (why: string) =>
  new AppError('unsupported_media_type', 'Dit is geen afbeelding die we kunnen gebruiken (PNG, JPEG, WebP, GIF of SVG) / This is not an image we can use', [
    { field: 'logo', message: why },
  ]);

/** Checks an upload by its bytes and returns the PNG to keep: 415 when it is no image, 413 when too large. */
export async function cleanLogo(data: Buffer): Promise<CleanLogo> {
  if (data.length > LOGO_LIMITS.bytes)
    throw new AppError('payload_too_large', 'Het logo is te groot / The logo is too large', [{ field: 'logo', message: `at most ${LOGO_LIMITS.bytes} bytes` }]);
  if (!data.length) throw unsupported('the file is empty');
  const type = await fileTypeFromBuffer(data);
  const svg = (!type || type.ext === 'xml') && /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(data.subarray(0, 2048).toString('utf8'));
  if (!svg && (!type || !['png', 'jpg', 'webp', 'gif', 'avif'].includes(type.ext)))
    throw unsupported(`the bytes are ${type ? type.mime : 'of no known kind'}, not an image`);
  // An SVG is drawn on the server: nothing in it may reach outside it (files, URLs, entities).
  if (svg && /<!DOCTYPE|<!ENTITY|(?:^|[\s:])href\s*=\s*["']\s*(?!#)|url\(\s*["']?\s*(?!#)/i.test(data.toString('utf8')))
    throw unsupported('an SVG that refers to anything outside itself (a file, a URL, an entity)');
  let out: { data: Buffer; info: OutputInfo };
  try {
    // Drawn again from its pixels (an SVG rendered, nothing of it kept): no script, no tags.
    out = await sharp(data, { failOn: 'error', limitInputPixels: 50_000_000, density: svg ? 300 : undefined })
      .resize({ width: LOGO_LIMITS.width, height: LOGO_LIMITS.height, fit: 'inside', withoutEnlargement: !svg })
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw unsupported(`the picture cannot be read: ${(e as Error).message}`);
  }
  const bytes = out.data;
  return {
    kind: 'photo',
    mime: 'image/png',
    ext: 'png',
    bytes,
    durationSeconds: null,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    width: out.info.width,
    height: out.info.height,
  };
}

/** The logo as a data: URL for a report's cover (frozen into a published version), or undefined. */
export async function logoDataUrl(db: Kysely<DB>, mediaDir: string): Promise<string | undefined> {
  const logo = await getLogo(db);
  if (!logo) return undefined;
  try {
    return `data:image/png;base64,${(await readMedia(mediaDir, logo.file, logo.sha256)).toString('base64')}`;
  } catch (e) {
    console.error(`logo: ${(e as Error).message}`);
    return undefined;
  }
}
