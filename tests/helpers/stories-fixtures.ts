import { expect } from 'vitest';
import { newReceiptCode } from '../../db/domain/receipt-codes.js';
import { receiptHash } from '../../db/repositories/stories.js';
import { parseRichText } from '../../server/richtext.js';
import type { Submission } from '../../server/stories/record.js';
import { ORIGIN, type Client, type TestApp } from './app.js';

/** A tiptap document with one paragraph per line, as the editor's getJSON() gives it. */
export function doc(...paragraphs: string[]) {
  return { type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) };
}

/** The answer's body after checking its status: JSON, else its text; undefined when empty. */
export async function json<T = any>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    return text as T;
  }
}

/** Adds climate variables to the catalogue and lets `projectId` choose the first ones. */
export async function climate(t: TestApp, projectId: number, n = 2, retired: string[] = []) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = `var${projectId}_${i}`;
    const row = await t.db
      .insertInto('climateVariables')
      .values({
        key,
        groupKey: 'social',
        groupNl: 'Sociaal klimaat',
        groupEn: 'Social climate',
        nameNl: `Atmosfeer ${i}`,
        nameEn: `Atmosphere ${i}`,
        weakNl: 'angst en wantrouwen',
        weakEn: 'fear and distrust',
        strongNl: 'veiligheid en vertrouwen',
        strongEn: 'safety and trust',
        sort: i,
        retiredAt: retired.includes(key) ? new Date().toISOString() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('projectClimateVariables').values({ projectId, variableId: row.id }).execute();
    ids.push(row.id);
  }
  return ids;
}

export type World = {
  t: TestApp;
  admin: Client & { id: number };
  coordinator: Client & { id: number };
  member: Client & { id: number };
  other: Client & { id: number };
  funder: Client & { id: number };
  projectA: number;
  projectB: number;
  areaId: number;
};

/** Two projects; `member` works on A, `other` on B; a coordinator, an admin and a funder. */
export async function world(t: TestApp): Promise<World> {
  const admin = await t.as('admin');
  const coordinator = await t.as('coordinator');
  const member = await t.as('worker');
  const other = await t.as('worker');
  const funder = await t.as('funder');
  const area = await json(await admin.post('/api/areas', { name: 'Transvaal', kind: 'buurt' }), 201);
  const projectA = (await json(await admin.post('/api/projects', { name: 'Buurtkamer', areaIds: [area.area.id] }), 201)).project.id;
  const projectB = (await json(await admin.post('/api/projects', { name: 'Speeltuin' }), 201)).project.id;
  await json(await admin.put(`/api/projects/${projectA}/members`, { userIds: [member.id] }), 200);
  await json(await admin.put(`/api/projects/${projectB}/members`, { userIds: [other.id] }), 200);
  return { t, admin, coordinator, member, other, funder, projectA, projectB, areaId: area.area.id };
}

export const heardConsent = { level: 'report', channel: 'spoken', givenBy: 'teller' } as const;

/** A story a worker heard; returns the story from the 201 answer. */
export async function heard(client: Client, projectId: number, fields: Record<string, unknown> = {}) {
  const res = await client.post('/api/stories', {
    projectId,
    title: 'De bankjes op het plein',
    body: doc('Sinds de bankjes er staan praten buren weer met elkaar.'),
    source: 'heard',
    teller: { name: 'Fatima' },
    consent: heardConsent,
    ...fields,
  });
  return (await json(res, 201)).story;
}

export async function openLink(admin: Client, projectId: number, fields: Record<string, unknown> = {}) {
  return (await json(await admin.post(`/api/projects/${projectId}/links`, fields), 201)).link as { id: number; token: string; url: string; status: string };
}

export function submit(t: TestApp, token: string, fields: Record<string, unknown> = {}, address = '10.0.0.1') {
  return t.anon.request(
    'POST',
    `/api/public/links/${token}/stories`,
    { title: 'Mijn straat', body: doc('Het is hier veiliger geworden.'), consent: 'report', consentTextVersion: '2026-11', ...fields },
    { 'x-forwarded-for': address },
  );
}

/** A resident's story as multipart/form-data: `story` as JSON, and an `audio` and/or `photo` file as [bytes, name, declared type]. */
export function postWithMedia(
  t: TestApp,
  token: string,
  parts: { story?: unknown; audio?: [Buffer, string, string]; photo?: [Buffer, string, string]; extra?: [string, string] },
) {
  const form = new FormData();
  if (parts.story !== undefined) form.set('story', JSON.stringify(parts.story));
  if (parts.audio) form.set('audio', new Blob([new Uint8Array(parts.audio[0])], { type: parts.audio[2] }), parts.audio[1]);
  if (parts.photo) form.set('photo', new Blob([new Uint8Array(parts.photo[0])], { type: parts.photo[2] }), parts.photo[1]);
  if (parts.extra) form.set(parts.extra[0], parts.extra[1]);
  return t.app.request(`${ORIGIN}/api/public/links/${token}/stories`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'x-forwarded-for': '10.0.0.9' },
    body: form,
  });
}

export async function storyCount(t: TestApp): Promise<number> {
  const row = await t.db
    .selectFrom('stories')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A resident's story as the link route hands it to recordSubmission: text, consent for reports, a
 * fresh receipt, no placements or media unless `over` gives them (story and consent field by field).
 */
export function submission(
  projectId: number,
  i: number,
  over: Partial<Omit<Submission, 'story' | 'consent'>> & { story?: Partial<Submission['story']>; consent?: Partial<Submission['consent']> } = {},
): Submission {
  const { story, consent, ...rest } = over;
  return {
    teller: { displayName: null, under16: false },
    rich: parseRichText(doc(`Samen gekookt, keer ${i}.`)),
    placements: [],
    by: null,
    auditDetails: { n: i },
    media: [],
    photoInReports: false,
    ...rest,
    story: {
      projectId,
      areaId: null,
      title: `Verhaal ${i}`,
      phase: null,
      happenedOn: null,
      language: 'nl',
      source: 'link',
      linkId: null,
      receiptHash: receiptHash(newReceiptCode()),
      ...story,
    },
    consent: { level: 'report', givenBy: 'teller', guardianName: null, channel: 'online', consentTextVersion: 'v1', ...consent },
  };
}
