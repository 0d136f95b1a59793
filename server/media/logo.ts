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
    throw new AppError('payload_too_large', 'Het logo is te groot / The logo is too large', [
      {
        field: 'logo',
        message: `Het logo is groter dan ${LOGO_LIMITS.bytes / 1024 / 1024} MB. Kies een kleiner bestand. / The logo is larger than ${LOGO_LIMITS.bytes / 1024 / 1024} MB. Choose a smaller file.`,
      },
    ]);
  if (!data.length) throw unsupported('Het bestand is leeg. Kies een ander bestand. / The file is empty. Choose another file.');
  const type = await fileTypeFromBuffer(data);
  const svg = (!type || type.ext === 'xml') && /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(data.subarray(0, 2048).toString('utf8'));
  if (!svg && (!type || !['png', 'jpg', 'webp', 'gif', 'avif'].includes(type.ext)))
    throw unsupported(
      'Dit bestand is geen afbeelding. Kies een PNG, JPEG, WebP, GIF of SVG. / This file is not an image. Choose a PNG, JPEG, WebP, GIF or SVG.',
    );
  // An SVG is drawn on the server: nothing in it may reach outside it (files, URLs, entities).
  if (svg && /<!DOCTYPE|<!ENTITY|(?:^|[\s:])href\s*=\s*["']\s*(?!#)|url\(\s*["']?\s*(?!#)/i.test(data.toString('utf8')))
    throw unsupported(
      'Deze SVG verwijst naar iets buiten het bestand. Kies een ander bestand. / This SVG refers to something outside the file. Choose another file.',
    );
  let out: { data: Buffer; info: OutputInfo };
  try {
    // Drawn again from its pixels (an SVG rendered, nothing of it kept): no script, no tags.
    out = await sharp(data, { failOn: 'error', limitInputPixels: 50_000_000, density: svg ? 300 : undefined })
      .resize({ width: LOGO_LIMITS.width, height: LOGO_LIMITS.height, fit: 'inside', withoutEnlargement: !svg })
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw unsupported('De afbeelding kan niet gelezen worden. Kies een ander bestand. / The picture cannot be read. Choose another file.');
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
