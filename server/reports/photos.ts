// Photos in reports (issue 14): a story printed in full shows its photo when the teller allowed it
// (consent `public` and the photo's own "foto mag in verslagen": reportablePhotos in
// server/access). The data carries only the photo's id; the frozen page carries a marker instead
// of an address, and each surface that serves the page (the version page, the read link, the API,
// the preview) fills in its own address, behind its own check of who may see that version.
import type { Kysely } from 'kysely';
import { reportPhotosOf } from '../access.js';
import type { DB } from '../../db/schema.js';
import type { ReportData, StoryOut } from './types.js';
import { escapeHtml as e } from './text.js';

/** Every story printed in full in the data (outcome stories and Most Significant Change stories). */
function fullStories(data: ReportData): StoryOut[] {
  return data.outcomes.flatMap((o) => [
    ...o.stories.flatMap((s) => ('withdrawn' in s ? [] : [s])),
    ...(o.msc.included ? o.msc.selections.flatMap((m) => ('story' in m && m.story ? [m.story] : [])) : []),
  ]);
}

/**
 * Gives each story printed in full the photo a report may show of it (if any). `asked`: those
 * photos already asked for (reportPhotosOf) for these stories, or more.
 */
export async function attachPhotos(db: Kysely<DB>, data: ReportData, asked?: Map<number, number>): Promise<ReportData> {
  const stories = fullStories(data);
  const photos =
    asked ??
    (await reportPhotosOf(
      db,
      stories.map((s) => s.id),
    ));
  for (const s of stories) {
    const id = photos.get(s.id);
    if (id !== undefined) s.photo = { id };
    else delete s.photo;
  }
  return data;
}

/** The photo ids the (served) data shows. */
export const photoIdsOf = (data: ReportData): Set<number> => new Set(fullStories(data).flatMap((s) => (s.photo ? [s.photo.id] : [])));

/** Which story each photo belongs to (for the team's preview, which uses the team's own media address). */
export const photoStories = (data: ReportData): Map<number, number> =>
  new Map(fullStories(data).flatMap((s) => (s.photo ? [[s.photo.id, s.id] as const] : [])));

const MARKER = 'weefwerk-photo:';
const alt = { nl: (title: string) => `Foto bij het verhaal ‘${title}’`, en: (title: string) => `Photo with the story ‘${title}’` };

/** The figure inside a story printed in full; its address is a marker until served (photoSources). */
export const photoFigure = (s: StoryOut, lang: 'nl' | 'en') =>
  s.photo ? `<figure class="story-photo"><img src="${MARKER}${s.photo.id}" alt="${e(alt[lang](s.title))}"></figure>` : '';

/** The page with each photo's marker replaced by this surface's address for it. */
export const photoSources = (html: string, url: (mediaId: number) => string) =>
  html.replace(new RegExp(`src="${MARKER}(\\d+)"`, 'g'), (_m, id: string) => `src="${e(url(Number(id)))}"`);

/** Where the app's version page and the API find a photo of a published version. */
export const versionPhotoUrl = (reportId: number, n: number, mediaId: number) => `/api/reports/${reportId}/versions/${n}/photos/${mediaId}`;

/** A report photo's bytes (checked against their checksum), never kept by a cache: a withdrawal takes it away at once. */
export { sendMediaFile as photoResponse } from '../media/serve.js';
