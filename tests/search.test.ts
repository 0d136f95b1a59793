import { beforeAll, describe, expect, it } from 'vitest';
import { indexedStoryIds } from '../db/engine.js';
import { ftsQuery } from '../db/sqlite.js';
import { SEARCH_CAP } from '../db/repositories/stories.js';
import { addOutcome, addStory } from './helpers/reports-fixtures.js';
import type { Client } from './helpers/app.js';
import { testApp, type TestApp } from './helpers/app.js';
import { doc, heard, json, world, type World } from './helpers/stories-fixtures.js';

const ids = async (c: Client, q: string, extra = '') =>
  (await json(await c.get(`/api/stories?q=${encodeURIComponent(q)}${extra}`), 200)).stories.map((s: { id: number }) => s.id);

describe('story search', () => {
  let t: TestApp;
  let w: World;
  let cafe: number;
  let een: number;
  let plain: number;
  let elsewhere: number;
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
    cafe = (await heard(w.member, w.projectA, { title: 'Het café op de hoek', body: doc('Daar drinken we koffie met de buren.'), phase: 'ZIEN' })).id;
    een = (await heard(w.member, w.projectA, { title: 'Eén avond', body: doc('Na één avond kenden we elkaar.'), phase: 'DOEN' })).id;
    plain = (await heard(w.member, w.projectA, { title: 'Een nieuw begin', body: doc('De cafe-eigenaar hielp mee. Naïef? Nee!'), phase: 'DOEN' })).id;
    elsewhere = (await heard(w.other, w.projectB, { title: 'Café in de speeltuin', body: doc('Een ander project, ook met koffie.') })).id;
  });

  it('is diacritics-insensitive both ways', async () => {
    expect((await ids(w.member, 'cafe')).sort()).toEqual([cafe, plain].sort());
    expect((await ids(w.member, 'café')).sort()).toEqual([cafe, plain].sort());
    expect((await ids(w.member, 'CAFÉ')).sort()).toEqual([cafe, plain].sort());
    expect((await ids(w.member, 'een')).sort()).toEqual([een, plain].sort());
    expect((await ids(w.member, 'één')).sort()).toEqual([een, plain].sort());
    expect(await ids(w.member, 'naief')).toEqual([plain]);
    expect(await ids(w.member, 'koff')).toEqual([cafe]); // prefix
    expect(await ids(w.member, 'buren koffie')).toEqual([cafe]); // all words
  });

  it('never returns stories outside the user’s projects', async () => {
    expect(await ids(w.other, 'cafe')).toEqual([elsewhere]);
    expect(await ids(w.other, 'koffie')).toEqual([elsewhere]);
    expect((await ids(w.admin, 'koffie')).sort()).toEqual([cafe, elsewhere].sort());
    expect((await w.funder.get('/api/stories?q=koffie')).status).toBe(403);
    expect((await t.anon.get('/api/stories?q=koffie')).status).toBe(401);
  });

  it('combines with the filters and counts the matches', async () => {
    expect(await ids(w.member, 'een', '&phase=ZIEN')).toEqual([]);
    expect((await ids(w.member, 'een', '&phase=DOEN')).sort()).toEqual([een, plain].sort());
    expect(await ids(w.admin, 'cafe', `&projectId=${w.projectB}`)).toEqual([elsewhere]);
    const page = await json(await w.admin.get('/api/stories?q=cafe&limit=1'), 200);
    expect(page.total).toBe(3);
    expect(page.totalCapped).toBe(false);
    expect(page.stories).toHaveLength(1);
  });

  it('orders by relevance when searching', async () => {
    const a = (await heard(w.member, w.projectA, { title: 'Fietsen', body: doc('fietsen fietsen fietsen in de wijk') })).id;
    const b = (
      await heard(w.member, w.projectA, { title: 'Wandelen', body: doc('lopen en soms fietsen, heel soms, langs het water en de bomen en de huizen') })
    ).id;
    expect(await ids(w.member, 'fietsen')).toEqual([a, b]);
  });

  it('survives hostile queries', async () => {
    for (const q of [
      '"',
      '""',
      '"cafe',
      'cafe"',
      '*',
      'cafe*',
      '* OR *',
      'NEAR(cafe een)',
      'NEAR',
      'AND',
      'cafe AND',
      'OR OR',
      '(',
      ')',
      '((cafe)',
      'cafe)',
      '-cafe',
      '^cafe',
      'title:cafe',
      'col:',
      '{title}: x',
      "'; drop table stories; --",
      '😀',
      '   ',
    ]) {
      const res = await w.member.get(`/api/stories?q=${encodeURIComponent(q)}`);
      expect(res.status, JSON.stringify(q)).toBe(200);
    }
    // words inside the noise still count
    expect((await ids(w.member, '"cafe')).sort()).toEqual([cafe, plain].sort());
    expect((await ids(w.member, 'NEAR(cafe')).sort()).toEqual([]); // NEAR is a word to find, and no story has it
    expect(ftsQuery('" * ( ) : ^')).toBeNull();
    expect(ftsQuery('NEAR("x" y)')).toBe('"NEAR"* "x"* "y"*');
    expect((await w.member.get(`/api/stories?q=${'a'.repeat(201)}`)).status).toBe(400);
    // a NUL byte is refused like in every other text field, naming the parameter
    const nul = await w.member.get(`/api/stories?q=${encodeURIComponent('cafe\u0000')}`);
    expect(nul.status).toBe(400);
    expect((await nul.json()).error.details.map((d: { field: string }) => d.field)).toEqual(['q']);
  });

  it('keeps the index in step on edit, withdrawal and erasure', async () => {
    const s = await heard(w.member, w.projectA, { title: 'Moestuin', body: doc('Tomaten en courgettes uit de moestuin.') });
    expect(await ids(w.member, 'courgettes')).toEqual([s.id]);
    await json(await w.member.patch(`/api/stories/${s.id}`, { title: 'Volkstuin', body: doc('Nu groeien er pompoenen.') }), 200);
    expect(await ids(w.member, 'courgettes')).toEqual([]);
    expect(await ids(w.member, 'moestuin')).toEqual([]);
    expect(await ids(w.member, 'pompoenen')).toEqual([s.id]);
    expect(await ids(w.member, 'volkstuin')).toEqual([s.id]);
    await json(await w.member.patch(`/api/stories/${s.id}`, { phase: 'VINDEN' }), 200); // other edits keep it findable
    expect(await ids(w.member, 'pompoenen')).toEqual([s.id]);

    await json(await w.member.post(`/api/stories/${s.id}/consent`, { withdraw: true, reason: 'verzoek verteller', channel: 'spoken', givenBy: 'teller' }), 200);
    expect(await ids(w.admin, 'pompoenen')).toEqual([]);
    expect(await ids(w.admin, 'pompoenen', '&includeWithdrawn=true')).toEqual([]);
    expect(await indexedStoryIds(t.db)).not.toContain(s.id);

    const e = await heard(w.member, w.projectA, { title: 'Zwembad', body: doc('Het zwembad ging weer open.'), teller: { name: 'Kees' } });
    expect(await ids(w.member, 'zwembad')).toEqual([e.id]);
    await json(await w.admin.post(`/api/tellers/${e.teller.id}/erase`, { reason: 'verzoek verteller' }), 200);
    expect(await ids(w.admin, 'zwembad')).toEqual([]);
    expect(await indexedStoryIds(t.db, 'zwembad')).toEqual([]);
    expect(await indexedStoryIds(t.db)).not.toContain(e.id);
  });

  it('counts a common word up to the cap and lists its many matches most recently added first, within scope', async () => {
    const many: number[] = [];
    await t.db.transaction().execute(async (tx) => {
      for (let i = 0; i < SEARCH_CAP + 5; i++)
        many.push(
          await addStory(tx, { projectId: i % 2 ? w.projectA : w.projectB, consent: 'team', title: `Buurtfeest ${i}`, body: 'Het buurtfeest op het plein.' }),
        );
    });
    // one of them tagged to an outcome: the list says so
    const outcomeId = await addOutcome(t.db, w.projectB, 'Buren ontmoeten elkaar');
    await t.db
      .insertInto('storyOutcomes')
      .values({ storyId: many.at(-2)!, outcomeId, byUser: null })
      .execute();
    const page = await json(await w.admin.get('/api/stories?q=buurtfeest&limit=5'), 200);
    expect(page.total).toBe(SEARCH_CAP);
    expect(page.totalCapped).toBe(true);
    expect(page.stories.map((s: { id: number }) => s.id)).toEqual([...many].reverse().slice(0, 5));
    expect(page.stories.map((s: { tagged: boolean }) => s.tagged)).toEqual([false, true, false, false, false]);
    const next = await json(await w.admin.get('/api/stories?q=buurtfeest&limit=5&offset=5'), 200);
    expect(next.stories.map((s: { id: number }) => s.id)).toEqual([...many].reverse().slice(5, 10));
    // pages at and beyond the cap go on in the same order, with the same counts
    for (const offset of [SEARCH_CAP - 4, SEARCH_CAP - 2, SEARCH_CAP + 1]) {
      const later = await json(await w.admin.get(`/api/stories?q=buurtfeest&limit=5&offset=${offset}`), 200);
      expect([later.total, later.totalCapped]).toEqual([SEARCH_CAP, true]);
      expect(later.stories.map((s: { id: number }) => s.id)).toEqual([...many].reverse().slice(offset, offset + 5));
    }
    const inA = many.filter((_, i) => i % 2);
    const member = await json(await w.member.get('/api/stories?q=buurtfeest&limit=3'), 200);
    expect(member.totalCapped).toBe(false);
    expect(member.total).toBe(inA.length);
    expect(member.stories.every((s: { id: number }) => inA.includes(s.id))).toBe(true);
  });
});
