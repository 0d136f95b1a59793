// Handing a stored recording or photo to someone who may have it (the team, the teller with their
// receipt code, a report's reader): the one place that reads the file back and answers with it.
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

/** A stored file's bytes (checked against their checksum), never kept by a cache: a withdrawal takes it away at once. */
export async function sendMediaFile(c: Context<AppEnv>, row: { file: string; sha256: string; mime: string }): Promise<Response> {
  const bytes = await readMedia(mediaDir(c.get('config')), row.file, row.sha256);
  return c.body(new Uint8Array(bytes), 200, { 'Content-Type': row.mime, 'Cache-Control': 'no-store', 'Content-Disposition': 'inline' });
}

/** Answers with a story's media file; 404 when the story has no such file. Access is checked by the caller. */
export async function serveMedia(c: Context<AppEnv>, storyId: number, mediaId: number): Promise<Response> {
  const row = await mediaRow(c.get('db'), storyId, mediaId);
  if (!row) throw notFound('Dit bestand is er niet / This file does not exist');
  return sendMediaFile(c, row);
}
