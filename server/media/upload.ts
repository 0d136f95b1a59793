// A story with its media, for both entries (a resident's link and a worker's form): the request is
// JSON, or multipart/form-data with the story as JSON in `story` and the files in `audio` and
// `photo`. Files are checked before anything is written, written before the story's transaction,
// and removed again when that transaction fails: a story and its media are kept together or not at all.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../types.js';
import { AppError, zodDetails } from '../errors.js';
import { cleanMedia, mediaDir, removeMediaFiles, storeMedia, type CleanMedia, type MediaKind, type StoredMedia } from './index.js';

/** The multipart form, for the API description. */
export const MediaForm = z
  .object({
    story: z.string().optional().openapi({ description: 'the story as JSON, the same fields as the JSON body' }),
    audio: z.any().optional().openapi({
      type: 'string',
      format: 'binary',
      description: 'a voice recording (WebM/Opus as the browser records it, Ogg/Opus or MP4/AAC), at most 5 minutes',
    }),
    photo: z.any().optional().openapi({ type: 'string', format: 'binary', description: 'a photo (JPEG, PNG, WebP, HEIC…); re-encoded without EXIF/GPS' }),
  })
  .openapi('StoryWithMedia');

const kinds: MediaKind[] = ['audio', 'photo'];

/** The story's fields (validated by `schema`) and its uploads, cleaned (415, 413 or 400 otherwise). */
export async function readStoryWithMedia<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<{ input: z.infer<S>; media: CleanMedia[] }> {
  const type = c.req.header('content-type') ?? '';
  let raw: unknown;
  const files = new Map<MediaKind, Buffer>();
  if (/^multipart\/form-data/i.test(type)) {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw new AppError('invalid_input', 'Het formulier kan niet gelezen worden / The form cannot be read');
    }
    for (const key of form.keys()) {
      if (key !== 'story' && !kinds.includes(key as MediaKind))
        throw new AppError('invalid_input', 'Onbekend veld / Unknown field', [
          { field: key, message: 'Dit veld kennen we niet. Laat het weg. / This field is not known. Leave it out.', code: 'unrecognized_keys' },
        ]);
    }
    const story = form.get('story') ?? '{}';
    try {
      raw = typeof story === 'string' ? JSON.parse(story) : undefined;
    } catch {
      raw = undefined;
    }
    if (raw === undefined)
      throw new AppError('invalid_input', 'Het verhaal ontbreekt / The story is missing', [
        {
          field: 'story',
          message: 'Het verhaal ontbreekt. Stuur het verhaal mee als JSON. / The story is missing. Send the story as JSON.',
          code: 'invalid_type',
        },
      ]);
    for (const kind of kinds) {
      const file = form.get(kind);
      if (file === null) continue;
      if (typeof file === 'string')
        throw new AppError('unsupported_media_type', 'Dit is geen bestand / This is not a file', [
          { field: kind, message: 'Dit is geen bestand. Kies een bestand. / This is not a file. Choose a file.' },
        ]);
      files.set(kind, Buffer.from(await file.arrayBuffer()));
    }
  } else {
    // A JSON body was checked already, by the route's own schema for it: the same `schema`.
    const checked: z.infer<S> | undefined = c.req.valid('json' as never);
    if (checked !== undefined) return { input: checked, media: [] };
    raw = {};
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('invalid_input', 'Ongeldige invoer / Invalid input', zodDetails(parsed.error));
  const media: CleanMedia[] = [];
  for (const [kind, data] of files) media.push(await cleanMedia(kind, data));
  return { input: parsed.data, media };
}

/**
 * Writes the media files, then runs `save` (the story's transaction) with them; when `save`
 * fails, the files are removed again. Without media it is just `save`.
 */
export async function saveWithMedia<T>(c: Context<AppEnv>, media: CleanMedia[], save: (stored: StoredMedia[]) => Promise<T>): Promise<T> {
  if (!media.length) return save([]);
  const dir = mediaDir(c.get('config'));
  const stored = await storeMedia(dir, media);
  try {
    return await save(stored);
  } catch (e) {
    await removeMediaFiles(
      dir,
      stored.map((s) => s.file),
    );
    throw e;
  }
}
