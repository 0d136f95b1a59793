// A project's stories for the team as a REFI-QDA project (QDA-XML 1.0, a .qdpx zip): each story a
// TextSource whose plain text lies in sources/, the codebook (outcomes by their results chain,
// climate variables by group, the organisation's codes) with each coded passage a
// PlainTextSelection and its Coding, tellers as Cases, and the story's metadata and climate
// placements (teller's and coordinator's) as Variables. Read by ATLAS.ti, NVivo, MAXQDA, QualCoder.
import { strToU8, zipSync } from 'fflate';
import type { Kysely } from 'kysely';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { listCodes, listExcerpts, listOutcomes, listVariables, projectVariableIds } from '../../db/repositories/sensemaking.js';
import type { DB } from '../../db/schema.js';
import type { StoryQuery } from '../access.js';
import { guidsFor, toCodePoints } from './guids.js';

export const QDA_NS = 'urn:QDA-XML:project:1.0';

// XML 1.0 forbids most control characters.
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
/** xsd:dateTime from what the database stores ('2026-11-29T10:00:00.000Z' or '2026-11-29 10:00:00'). */
const dateTime = (s: string) => new Date(/[TZ]/.test(s) ? s : `${s.replace(' ', 'T')}Z`).toISOString();

const consentNl = { team: 'team', report: 'rapportage (anoniem)', public: 'openbaar (met naam)' } as const;
const sourceNl = { link: 'bewoner via link', heard: 'gehoord door werker', practice: 'praktijkverhaal' } as const;
const levelNl = { impact: 'Impact', outcome: 'Uitkomst', output: 'Output' } as const;

/**
 * The .qdpx for one project's stories the viewer may see as a team member (`visible`: from
 * visibleStories, so consent 'team' or wider and never withdrawn). Issues GUIDs on first export.
 */
export async function projectQdpx(db: Kysely<DB>, visible: StoryQuery, projectId: number, projectName: string) {
  const stories = await visible
    .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
    .leftJoin('areas', 'areas.id', 'stories.areaId')
    .select([
      'stories.id',
      'stories.title',
      'stories.bodyText',
      'stories.language',
      'stories.happenedOn',
      'stories.createdAt',
      'stories.updatedAt',
      'stories.consent',
      'stories.source',
      'stories.phase',
      'areas.name as areaName',
      'stories.tellerId',
      'tellers.displayName',
      'tellers.kind as tellerKind',
    ])
    .where('stories.projectId', '=', projectId)
    .orderBy('stories.id')
    .execute();
  const storyIds = stories.map((s) => s.id);
  const excerpts = new Map<number, Awaited<ReturnType<typeof listExcerpts>>>();
  for (const s of stories)
    excerpts.set(
      s.id,
      (await listExcerpts(db, s.id, s.bodyText)).filter((e) => e.status !== 'stale'),
    );
  const placements = storyIds.length
    ? await db
        .selectFrom('storyPlacements')
        .select(['storyId', 'variableId', 'source', 'position'])
        .where('storyId', 'in', storyIds)
        .where('status', '=', 'accepted')
        .where('position', 'is not', null)
        .execute()
    : [];
  const outcomes = await listOutcomes(db, projectId);
  const chosen = new Set(await projectVariableIds(db, projectId));
  const usedVariables = new Set([
    ...placements.map((p) => p.variableId),
    ...[...excerpts.values()].flat().flatMap((e) => (e.variableId ? [e.variableId] : [])),
  ]);
  const variables = (await listVariables(db, true)).filter((v) => chosen.has(v.id) || usedVariables.has(v.id));
  const codes = await listCodes(db);
  const groups = [...new Map(variables.map((v) => [v.groupKey, v.groupNl])).entries()];

  const attributes = [
    ['attr:language', 'Taal', 'Text'],
    ['attr:area', 'Gebied', 'Text'],
    ['attr:phase', 'Fase', 'Text'],
    ['attr:date', 'Datum', 'Date'],
    ['attr:consent', 'Toestemming', 'Text'],
    ['attr:source', 'Herkomst', 'Text'],
    ...variables.flatMap((v) => [
      [`attr:climate:${v.id}:teller`, `${v.nameNl} (verteller)`, 'Integer'],
      [`attr:climate:${v.id}:coordinator`, `${v.nameNl} (coördinator)`, 'Integer'],
    ]),
  ] as const;

  const guid = await guidsFor(db, [
    `project:${projectId}`,
    'root:outcomes',
    'root:climate',
    'root:codes',
    ...outcomes.map((o) => `outcome:${o.id}`),
    ...groups.map(([key]) => `climate-group:${key}`),
    ...variables.map((v) => `climate:${v.id}`),
    ...codes.map((c) => `code:${c.id}`),
    ...attributes.map(([key]) => key),
    ...stories.flatMap((s) => [`story:${s.id}`, `teller:${s.tellerId}`]),
    ...[...excerpts.values()].flat().flatMap((e) => [`excerpt:${e.id}`, `coding:${e.id}`]),
  ]);
  const g = (entity: string) => guid.get(entity)!;

  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const project = doc.ele('Project', {
    xmlns: QDA_NS,
    name: clean(`Weefwerk: ${projectName}`),
    origin: 'Weefwerk',
    creationDateTime: new Date().toISOString(),
  });

  // Codebook: three trees; only their leaves and outcomes can be coded.
  const codes_ = project.ele('CodeBook').ele('Codes');
  const code = (parent: XMLBuilder, entity: string, name: string, codable: boolean, description?: string) => {
    const el = parent.ele('Code', { guid: g(entity), name: clean(name) || '–', isCodable: String(codable) });
    if (description?.trim()) el.ele('Description').txt(clean(description));
    return el;
  };
  const outcomeRoot = code(codes_, 'root:outcomes', 'Uitkomsten', false, 'Het resultatenpad van het project: impact, uitkomsten en output.');
  const ids = new Set(outcomes.map((o) => o.id));
  const addOutcomes = (parent: XMLBuilder, parentId: number | null) => {
    for (const o of outcomes.filter((x) => (parentId === null ? x.parentId === null || !ids.has(x.parentId) : x.parentId === parentId))) {
      const note = [`${levelNl[o.level]}${o.archivedAt ? ' (gearchiveerd)' : ''}`, o.description].filter((x) => x.trim()).join(': ');
      addOutcomes(code(parent, `outcome:${o.id}`, o.title, true, note), o.id);
    }
  };
  addOutcomes(outcomeRoot, null);
  const climateRoot = code(codes_, 'root:climate', 'Sociaal klimaat', false, 'Een fragment dat iets zegt over een klimaatvariabele.');
  for (const [key, name] of groups) {
    const group = code(climateRoot, `climate-group:${key}`, name, false);
    for (const v of variables.filter((x) => x.groupKey === key)) code(group, `climate:${v.id}`, v.nameNl, true, `${v.weakNl} ↔ ${v.strongNl}`);
  }
  const codeRoot = code(codes_, 'root:codes', 'Codes', false, 'De codes van de organisatie.');
  for (const c of codes) code(codeRoot, `code:${c.id}`, c.name, true, c.description);

  const vars = project.ele('Variables');
  for (const [key, name, type] of attributes) vars.ele('Variable', { guid: g(key), name, typeOfVariable: type });

  // Cases: one per teller, holding their stories.
  const tellers = new Map<number, { name: string; storyIds: number[] }>();
  for (const s of stories) {
    const t = tellers.get(s.tellerId) ?? {
      name: clean(s.displayName ?? '') || `${s.tellerKind === 'worker' ? 'Werker' : 'Verteller'} ${s.tellerId}`,
      storyIds: [],
    };
    t.storyIds.push(s.id);
    tellers.set(s.tellerId, t);
  }
  if (tellers.size) {
    const cases = project.ele('Cases');
    for (const [id, t] of tellers) {
      const c = cases.ele('Case', { guid: g(`teller:${id}`), name: t.name });
      for (const sid of t.storyIds) c.ele('SourceRef', { targetGUID: g(`story:${sid}`) });
    }
  }

  const files: Record<string, Uint8Array> = {};
  if (stories.length) {
    const sources = project.ele('Sources');
    for (const s of stories) {
      const sourceGuid = g(`story:${s.id}`);
      const text = clean(s.bodyText);
      files[`sources/${sourceGuid}.txt`] = strToU8(text);
      const src = sources.ele('TextSource', {
        guid: sourceGuid,
        name: clean(s.title) || `Verhaal ${s.id}`,
        plainTextPath: `internal://${sourceGuid}.txt`,
        creationDateTime: dateTime(s.createdAt),
        modifiedDateTime: dateTime(s.updatedAt),
      });
      for (const e of excerpts.get(s.id)!) {
        const target = e.outcomeId ? `outcome:${e.outcomeId}` : e.variableId ? `climate:${e.variableId}` : `code:${e.codeId}`;
        if (!guid.has(target)) continue;
        const sel = src.ele('PlainTextSelection', {
          guid: g(`excerpt:${e.id}`),
          name: clean(e.quote.length > 60 ? `${e.quote.slice(0, 57)}…` : e.quote),
          startPosition: String(toCodePoints(text, e.start)),
          endPosition: String(toCodePoints(text, e.end)),
          creationDateTime: dateTime(e.createdAt),
        });
        if (e.note.trim()) sel.ele('Description').txt(clean(e.note));
        sel.ele('Coding', { guid: g(`coding:${e.id}`), creationDateTime: dateTime(e.createdAt) }).ele('CodeRef', { targetGUID: g(target) });
      }
      const value = (key: string, kind: 'TextValue' | 'DateValue' | 'IntegerValue', v: string | number | null) => {
        if (v === null || v === '') return;
        const vv = src.ele('VariableValue');
        vv.ele('VariableRef', { targetGUID: g(key) });
        vv.ele(kind).txt(clean(String(v)));
      };
      value('attr:language', 'TextValue', s.language);
      value('attr:area', 'TextValue', s.areaName);
      value('attr:phase', 'TextValue', s.phase);
      value('attr:date', 'DateValue', s.happenedOn ?? s.createdAt.slice(0, 10));
      value('attr:consent', 'TextValue', consentNl[s.consent]);
      value('attr:source', 'TextValue', sourceNl[s.source]);
      for (const p of placements.filter((x) => x.storyId === s.id)) {
        if (guid.has(`attr:climate:${p.variableId}:${p.source}`)) value(`attr:climate:${p.variableId}:${p.source}`, 'IntegerValue', p.position);
      }
    }
  }

  const qde = doc.end({ prettyPrint: true });
  const zip = zipSync({ 'project.qde': strToU8(qde), ...files });
  return { zip, qde, counts: { stories: stories.length, excerpts: [...excerpts.values()].reduce((a, e) => a + e.length, 0), tellers: tellers.size } };
}
