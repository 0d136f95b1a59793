// Handing a stored recording or photo to someone who may have it (the team, or the teller with
// their receipt code): the one place that reads the file back and answers with it.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { mediaRow } from '../../db/repositories/media.js';
import { notFound } from '../errors.js';
import type { AppEnv } from '../types.js';
import { mediaDir, readMedia } from './index.js';

const binary = { schema: z.string().openapi({ format: 'binary' }) };

/** The OpenAPI response of a media file. */
export const mediaFileResponse = {
  content: { 'audio/webm': binary, 'audio/ogg': binary, 'audio/mp4': binary, 'image/jpeg': binary },
  description: 'The file',
};

/** Answers with a story's media file, checked against its sha256; 404 when the story has no such file. Access is checked by the caller. */
export async function serveMedia(c: Context<AppEnv>, storyId: number, mediaId: number): Promise<Response> {
  const row = await mediaRow(c.var.db, storyId, mediaId);
  if (!row) throw notFound('Dit bestand is er niet / This file does not exist');
  const bytes = await readMedia(mediaDir(c.var.config), row.file, row.sha256);
  c.header('Content-Type', row.mime);
  c.header('Content-Disposition', 'inline');
  return c.body(new Uint8Array(bytes), 200);
}
