// REFI-QDA exchange: a project's stories out as .qdpx (project.qde valid against the official
// schema in ../shared/refi-qda), and codes and codings made in another tool back in.
import { DOMParser, XMLSerializer, type Document as XDocument, type Element as El } from '@xmldom/xmldom';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { ORIGIN, testApp, type Client, type TestApp } from './helpers/app.js';
import { editStoryText, makeProject, makeStory, place, variableId } from './helpers/sensemaking-fixtures.js';
import { readShared } from './helpers/shared.js';

const NS = 'urn:QDA-XML:project:1.0';
let t: TestApp;
let coord: Client & { id: number };
let w: Awaited<ReturnType<typeof world>>;

async function world() {
  const projectId = await makeProject(t.db, 'Buurtkamer Oost');
  const other = await makeProject(t.db, 'Elders');
  const atmosphere = await variableId(t.db, 'atmosphere');
  await t.db.insertInto('projectClimateVariables').values({ projectId, variableId: atmosphere }).execute();
  const impact = (await coord.post(`/api/projects/${projectId}/outcomes`, { level: 'impact', title: 'Bewoners voelen zich thuis' }).then((r) => r.json())) as {
    outcome: { id: number };
  };
  const outcome = (await coord
    .post(`/api/projects/${projectId}/outcomes`, { level: 'outcome', title: 'Buren kennen elkaar', parentId: impact.outcome.id })
    .then((r) => r.json())) as { outcome: { id: number } };
  const code = (await coord.post('/api/codes', { name: 'Ontmoeting' }).then((r) => r.json())) as { code: { id: number } };
  const text = 'Sinds de buurtkamer open is 🙂 groeten mensen elkaar op straat. Ook de buren van nummer 12 doen mee.';
  const teamStory = await makeStory(t.db, { projectId, consent: 'team', title: 'Groeten op straat', text, tellerName: 'Fatima' });
  const reportStory = await makeStory(t.db, {
    projectId,
    consent: 'report',
    title: 'De moestuin',
    text: 'We zijn samen een moestuin begonnen.',
    tellerName: 'Ria',
  });
  const withdrawn = await makeStory(t.db, { projectId, consent: 'public', withdrawn: true, title: 'INGETROKKEN', text: 'WEG', tellerName: 'Wim' });
  const elsewhere = await makeStory(t.db, { projectId: other, consent: 'public', title: 'ELDERS', text: 'Ander project.' });
  await place(t.db, teamStory, atmosphere, 'teller', 80);
  await place(t.db, teamStory, atmosphere, 'coordinator', 65);
  const excerpt = async (storyId: number, quote: string, target: Record<string, number>, storyText = text) => {
    const start = storyText.indexOf(quote);
    const res = await coord.post(`/api/stories/${storyId}/excerpts`, { start, end: start + quote.length, ...target });
    expect(res.status, await res.clone().text()).toBe(201);
  };
  await excerpt(teamStory, 'Ook de buren van nummer 12 doen mee', { outcomeId: outcome.outcome.id });
  await excerpt(teamStory, 'groeten mensen elkaar op straat', { codeId: code.code.id });
  await excerpt(teamStory, 'buurtkamer', { variableId: atmosphere });
  return {
    projectId,
    other,
    atmosphere,
    impact: impact.outcome.id,
    outcome: outcome.outcome.id,
    code: code.code.id,
    text,
    teamStory,
    reportStory,
    withdrawn,
    elsewhere,
  };
}

beforeEach(async () => {
  t = await testApp();
  coord = await t.as('coordinator');
  w = await world();
});
afterEach(async () => t.close());

async function exportZip(client: Client = coord) {
  const res = await client.get(`/api/projects/${w.projectId}/stories.qdpx`);
  expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  expect(res.headers.get('content-disposition')).toContain('Buurtkamer-Oost.qdpx');
  return unzipSync(new Uint8Array(await res.arrayBuffer()));
}

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');
const els = (node: XDocument | El, name: string): El[] => Array.from(node.getElementsByTagNameNS(NS, name));

async function schemaErrors(qde: string) {
  const result = await validateXML({
    xml: [{ fileName: 'project.qde', contents: qde }],
    schema: [{ fileName: 'Project.xsd', contents: readShared('refi-qda', 'Project.xsd') }],
  });
  return result.valid ? [] : result.errors.map((e) => e.message);
}

const post = (bytes: Uint8Array, mode: 'preview' | 'commit', client: Client = coord) =>
  t.app.request(`${ORIGIN}/api/projects/${w.projectId}/qdpx/import?mode=${mode}`, {
    method: 'POST',
    headers: { origin: ORIGIN, cookie: client.cookie!, 'content-type': 'application/zip' },
    body: bytes as Uint8Array<ArrayBuffer>,
  });

const count = async (table: 'storyExcerpts' | 'codes') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('REFI-QDA export', () => {
  it('the team’s stories as a .qdpx whose project.qde validates against the official schema', async () => {
    const files = await exportZip();
    const qde = strFromU8(files['project.qde']!);
    expect(await schemaErrors(qde)).toEqual([]);
    const doc = parse(qde);

    // stories the team may see; never withdrawn ones or another project's
    const sources = els(doc, 'TextSource');
    expect(sources.map((s) => s.getAttribute('name')).sort()).toEqual(['De moestuin', 'Groeten op straat']);
    expect(qde).not.toContain('INGETROKKEN');
    expect(qde).not.toContain('ELDERS');
    const source = sources.find((s) => s.getAttribute('name') === 'Groeten op straat')!;
    const path = source.getAttribute('plainTextPath')!;
    expect(path).toMatch(/^internal:\/\/[0-9a-f-]{36}\.txt$/);
    const text = strFromU8(files[`sources/${path.slice('internal://'.length)}`]!);
    expect(text).toBe(w.text);

    // every coded passage, positions in characters (the emoji counts as one), with its coding
    const codes = new Map(els(doc, 'Code').map((c) => [c.getAttribute('guid'), c]));
    const passages = els(source, 'PlainTextSelection').map((s) => {
      const chars = [...text].slice(Number(s.getAttribute('startPosition')), Number(s.getAttribute('endPosition'))).join('');
      const target = codes.get(els(s, 'CodeRef')[0]!.getAttribute('targetGUID'))!;
      return [chars, target.getAttribute('name')];
    });
    expect(passages.sort()).toEqual([
      ['Ook de buren van nummer 12 doen mee', 'Buren kennen elkaar'],
      ['buurtkamer', 'atmosfeer'],
      ['groeten mensen elkaar op straat', 'Ontmoeting'],
    ]);

    // the codebook's hierarchy: outcomes by their results chain, climate by group, then the codes
    const roots = Array.from(els(doc, 'Codes')[0]!.childNodes).filter((n) => n.nodeType === 1) as El[];
    expect(roots.map((r) => [r.getAttribute('name'), r.getAttribute('isCodable')])).toEqual([
      ['Uitkomsten', 'false'],
      ['Sociaal klimaat', 'false'],
      ['Codes', 'false'],
    ]);
    const impact = els(roots[0]!, 'Code').find((c) => c.getAttribute('name') === 'Bewoners voelen zich thuis')!;
    expect(els(impact, 'Code').map((c) => c.getAttribute('name'))).toEqual(['Buren kennen elkaar']);
    expect(els(roots[1]!, 'Code').map((c) => c.getAttribute('name'))).toEqual(['Sociaal klimaat', 'atmosfeer']);

    // tellers as cases; metadata and both placements as variables
    expect(
      els(doc, 'Case')
        .map((c) => c.getAttribute('name'))
        .sort(),
    ).toEqual(['Fatima', 'Ria']);
    const variables = new Map(els(doc, 'Variable').map((v) => [v.getAttribute('guid'), v.getAttribute('name')]));
    const values = Object.fromEntries(
      els(source, 'VariableValue').map((v) => [
        variables.get(els(v, 'VariableRef')[0]!.getAttribute('targetGUID')),
        (
          Array.from(v.childNodes)
            .filter((n) => n.nodeType === 1)
            .pop() as El
        ).textContent,
      ]),
    );
    expect(values).toMatchObject({ Taal: 'nl', Datum: '2026-02-10', Toestemming: 'team', 'atmosfeer (verteller)': '80', 'atmosfeer (coördinator)': '65' });

    // audited; the same GUIDs on the next export
    const audit = await t.db.selectFrom('auditLog').select(['action', 'details']).where('action', '=', 'project.qdpx.export').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ stories: 2, excerpts: 3, tellers: 2 });
    const again = strFromU8((await exportZip())['project.qde']!);
    expect(
      els(parse(again), 'TextSource')
        .map((s) => s.getAttribute('guid'))
        .sort(),
    ).toEqual(sources.map((s) => s.getAttribute('guid')).sort());
  });

  it('workers of the project may export; funders and others may not', async () => {
    const worker = await t.as('worker');
    await t.db.insertInto('projectMembers').values({ projectId: w.projectId, userId: worker.id }).execute();
    await exportZip(worker);
    const stranger = await t.as('worker');
    expect((await stranger.get(`/api/projects/${w.projectId}/stories.qdpx`)).status).toBe(404);
    expect((await (await t.as('funder')).get(`/api/projects/${w.projectId}/stories.qdpx`)).status).toBe(403);
    expect((await t.anon.get(`/api/projects/${w.projectId}/stories.qdpx`)).status).toBe(401);
    // importing is for staff
    expect((await post(zipSync({ 'project.qde': strToU8('<x/>') }), 'preview', worker)).status).toBe(403);
  });
});

describe('REFI-QDA import', () => {
  it('export → another tool adds a code and a coding → the preview reports it, the import lands it on the right passage', async () => {
    const files = await exportZip();
    const doc = parse(strFromU8(files['project.qde']!));
    const source = els(doc, 'TextSource').find((s) => s.getAttribute('name') === 'Groeten op straat')!;
    const text = strFromU8(files[`sources/${source.getAttribute('plainTextPath')!.slice('internal://'.length)}`]!);
    const codeRoot = els(doc, 'Code').find((c) => c.getAttribute('name') === 'Codes')!;
    const ontmoeting = els(doc, 'Code')
      .find((c) => c.getAttribute('name') === 'Ontmoeting')!
      .getAttribute('guid')!;

    // as a QDA tool would: a new code (GUID in braces, upper case), a passage coded with it and a
    // second coding with an existing code; plus a source and a code Weefwerk never exported
    const el = (name: string, attrs: Record<string, string>) => {
      const e = doc.createElementNS(NS, name);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      return e;
    };
    const newCode = '{6F9619FF-8B86-D011-B42D-00C04FC964FF}';
    codeRoot.appendChild(el('Code', { guid: newCode, name: 'Buurtgevoel', isCodable: 'true' }));
    const chars = [...text];
    const from = chars.join('').indexOf('Ook de buren') === -1 ? -1 : [...text.slice(0, text.indexOf('Ook de buren'))].length;
    const sel = el('PlainTextSelection', {
      guid: 'a1b2c3d4-0000-4000-8000-000000000001',
      name: 'buren',
      startPosition: String(from),
      endPosition: String(from + 'Ook de buren'.length),
    });
    for (const [guid, target] of [
      ['a1b2c3d4-0000-4000-8000-000000000002', newCode],
      ['a1b2c3d4-0000-4000-8000-000000000003', ontmoeting],
    ] as const) {
      const coding = el('Coding', { guid });
      coding.appendChild(el('CodeRef', { targetGUID: target }));
      sel.appendChild(coding);
    }
    source.insertBefore(sel, els(source, 'VariableValue')[0]!);
    const stray = el('Coding', { guid: 'a1b2c3d4-0000-4000-8000-000000000005' });
    stray.appendChild(el('CodeRef', { targetGUID: 'a1b2c3d4-0000-4000-8000-0000000000ff' }));
    const straySel = el('PlainTextSelection', { guid: 'a1b2c3d4-0000-4000-8000-000000000004', startPosition: '0', endPosition: '5' });
    straySel.appendChild(stray);
    source.insertBefore(straySel, els(source, 'VariableValue')[0]!);
    const foreign = el('TextSource', { guid: 'a1b2c3d4-0000-4000-8000-000000000006', name: 'Interview buurman' });
    foreign.appendChild(el('PlainTextContent', {})).appendChild(doc.createTextNode('Een ander verhaal.'));
    els(doc, 'Sources')[0]!.appendChild(foreign);
    const qde = new XMLSerializer().serializeToString(doc);
    expect(await schemaErrors(qde)).toEqual([]);
    const edited = zipSync({ ...files, 'project.qde': strToU8(qde) });

    // meanwhile the story was edited in Weefwerk: the passage moved
    await editStoryText(t.db, w.teamStory, `Vorig jaar. ${w.text}`);
    const before = { excerpts: await count('storyExcerpts'), codes: await count('codes') };

    const preview = await post(edited, 'preview');
    expect(preview.status, await preview.clone().text()).toBe(200);
    const { plan } = (await preview.json()) as {
      plan: {
        sources: { matched: number; unknown: { name: string }[] };
        codes: { new: { name: string }[]; unknown: string[] };
        codings: { add: { quote: string; status: string; target: { name: string } }[]; alreadyHere: number; skipped: { reason: string }[] };
      };
    };
    expect(plan.sources).toMatchObject({ matched: 2, unknown: [{ name: 'Interview buurman' }] });
    expect(plan.codes.new.map((c) => c.name)).toEqual(['Buurtgevoel']);
    expect(plan.codes.unknown).toEqual(['a1b2c3d4-0000-4000-8000-0000000000ff']);
    expect(plan.codings.add.map((a) => [a.quote, a.status, a.target.name]).sort()).toEqual([
      ['Ook de buren', 'moved', 'Buurtgevoel'],
      ['Ook de buren', 'moved', 'Ontmoeting'],
    ]);
    expect(plan.codings.alreadyHere).toBe(3);
    expect(plan.codings.skipped.map((s) => s.reason)).toEqual([expect.stringContaining('unknown code')]);
    expect({ excerpts: await count('storyExcerpts'), codes: await count('codes') }).toEqual(before); // a preview changes nothing

    const commit = await post(edited, 'commit');
    expect(commit.status).toBe(200);
    expect(((await commit.json()) as { result: unknown }).result).toEqual({ codesCreated: 1, codingsAdded: 2 });
    const { bodyText, excerpts } = (await (await coord.get(`/api/stories/${w.teamStory}/excerpts`)).json()) as {
      bodyText: string;
      excerpts: { start: number; end: number; quote: string; codeName: string | null }[];
    };
    const landed = excerpts.filter((e) => e.quote === 'Ook de buren');
    expect(landed.map((e) => e.codeName).sort()).toEqual(['Buurtgevoel', 'Ontmoeting']);
    for (const e of landed) expect(bodyText.slice(e.start, e.end)).toBe('Ook de buren');
    const audit = await t.db.selectFrom('auditLog').select('details').where('action', '=', 'project.qdpx.import').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details!)).toMatchObject({ unknownSources: 1, unknownCodes: 1 });

    // the same file again imports nothing twice; the next export carries the new code and codings
    const again = (await (await post(edited, 'commit')).json()) as { plan: { codings: { add: unknown[]; alreadyHere: number } } };
    expect(again.plan.codings).toMatchObject({ add: [], alreadyHere: 5 });
    const next = strFromU8((await exportZip())['project.qde']!);
    expect(await schemaErrors(next)).toEqual([]);
    expect(next).toContain('name="Buurtgevoel"');
    expect(next.toLowerCase()).toContain('6f9619ff-8b86-d011-b42d-00c04fc964ff');
  });

  it('refuses what is not a good .qdpx with a 400 naming the problem, and imports nothing', async () => {
    const files = await exportZip();
    const qde = strFromU8(files['project.qde']!);
    const before = { excerpts: await count('storyExcerpts'), codes: await count('codes') };
    const cases: [Uint8Array, RegExp][] = [
      [strToU8('this is plain text, not a zip'), /zip/],
      [zipSync({ 'readme.txt': strToU8('hallo') }), /project\.qde/],
      [zipSync({ 'project.qde': strToU8(qde.replace(/guid="[^"]+"/, 'guid="not-a-guid"')) }), /GUID/],
      [zipSync({ 'project.qde': strToU8(qde.replace(/isCodable="true"/, 'isCodable="maybe"')) }), /isCodable/],
      [zipSync({ 'project.qde': strToU8('<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources>') }), /XML/],
      [zipSync({ 'project.qde': strToU8(qde), '../../etc/evil.txt': strToU8('x') }), /zip slip/],
      [zipSync({ 'project.qde': strToU8(qde), 'sources/../../evil.txt': strToU8('x') }), /zip slip/],
    ];
    for (const [bytes, problem] of cases) {
      for (const mode of ['preview', 'commit'] as const) {
        const res = await post(bytes, mode);
        expect(res.status).toBe(400);
        const body = (await res.json()) as { error: { message: string; details: { field: string; message: string }[] } };
        expect(body.error.message).toMatch(problem);
        expect(body.error.details[0]!.field).toBe('file');
      }
    }
    expect({ excerpts: await count('storyExcerpts'), codes: await count('codes') }).toEqual(before);
  });
});
