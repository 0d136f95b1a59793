// Codes and codings coming back from a QDA tool onto the same stories: sources, codes and passages
// are matched by the GUIDs the export wrote (qda_guids); a passage is re-anchored in the story's
// current text the way excerpts are (reanchor). New codes in the file's codebook become the
// organisation's codes. What cannot be matched is reported, never guessed. The plan is computed
// the same way for the preview and for the import, which applies it whole or not at all.
import { strFromU8 } from 'fflate';
import type { Kysely } from 'kysely';
import { codeByName, reanchor } from '../../db/repositories/sensemaking.js';
import type { DB } from '../../db/schema.js';
import type { StoryQuery } from '../access.js';
import { audit } from '../audit.js';
import type { SessionUser } from '../types.js';
import { adoptGuid, entitiesOf, normGuid, toUtf16 } from './guids.js';
import { QDA_NS } from './export.js';
import { kids, type Qdpx } from './read.js';

type Target = { kind: 'code' | 'outcome' | 'variable'; id: number; name: string } | { kind: 'newCode'; guid: string; name: string };
export type PlannedCoding = {
  guid: string;
  selectionGuid: string;
  /** the selection's GUID is new to Weefwerk (else the passage was exported and got a new coding) */
  newSelection: boolean;
  storyId: number;
  storyTitle: string;
  start: number;
  end: number;
  quote: string;
  status: 'ok' | 'moved';
  target: Target;
  note: string;
};
export type ImportPlan = {
  sources: { matched: number; unknown: { guid: string; name: string }[] };
  codes: { matched: number; new: { guid: string; name: string; existingCodeId: number | null }[]; unknown: string[] };
  codings: { add: PlannedCoding[]; alreadyHere: number; skipped: { guid: string; storyId: number | null; reason: string }[] };
};

const entityId = (entity: string | undefined, kind: string) => (entity?.startsWith(`${kind}:`) ? Number(entity.slice(kind.length + 1)) : null);
const textOf = (el: Element) => el.textContent ?? '';

export async function planImport(db: Kysely<DB>, visible: StoryQuery, projectId: number, file: Qdpx): Promise<ImportPlan> {
  const { root, files } = file;
  const codeEls = kids(root, 'CodeBook').flatMap((b) => Array.from(b.getElementsByTagNameNS(QDA_NS, 'Code')) as Element[]);
  const sourceEls = kids(root, 'Sources').flatMap((s) => kids(s, 'TextSource'));
  const selectionEls = sourceEls.flatMap((s) => kids(s, 'PlainTextSelection'));
  const codingEls = selectionEls.flatMap((s) => kids(s, 'Coding'));
  const known = await entitiesOf(
    db,
    [...codeEls, ...sourceEls, ...selectionEls, ...codingEls]
      .map((e) => e.getAttribute('guid')!)
      .concat(codingEls.map((c) => kids(c, 'CodeRef')[0]!.getAttribute('targetGUID')!)),
  );

  const stories = new Map(
    (await visible.select(['stories.id', 'stories.title', 'stories.bodyText']).where('stories.projectId', '=', projectId).execute()).map((s) => [s.id, s]),
  );
  const outcomes = new Map((await db.selectFrom('outcomes').select(['id', 'title']).where('projectId', '=', projectId).execute()).map((o) => [o.id, o.title]));
  const variables = new Map((await db.selectFrom('climateVariables').select(['id', 'nameNl']).execute()).map((v) => [v.id, v.nameNl]));
  const codes = new Map((await db.selectFrom('codes').select(['id', 'name']).execute()).map((c) => [c.id, c.name]));

  // The codebook: Weefwerk's own (matched), new codable codes (to be made), and the rest.
  const plan: ImportPlan = {
    sources: { matched: 0, unknown: [] },
    codes: { matched: 0, new: [], unknown: [] },
    codings: { add: [], alreadyHere: 0, skipped: [] },
  };
  const targets = new Map<string, Target | null>();
  for (const el of codeEls) {
    const g = normGuid(el.getAttribute('guid')!);
    const entity = known.get(g);
    const name = (el.getAttribute('name') ?? '').trim().slice(0, 120);
    if (entity) {
      plan.codes.matched++;
      const code = entityId(entity, 'code');
      const outcome = entityId(entity, 'outcome');
      const variable = entityId(entity, 'climate');
      targets.set(
        g,
        code !== null && codes.has(code)
          ? { kind: 'code', id: code, name: codes.get(code)! }
          : outcome !== null && outcomes.has(outcome)
            ? { kind: 'outcome', id: outcome, name: outcomes.get(outcome)! }
            : variable !== null && variables.has(variable)
              ? { kind: 'variable', id: variable, name: variables.get(variable)! }
              : null,
      );
    } else if (['true', '1'].includes(el.getAttribute('isCodable')!) && name) {
      const existing = plan.codes.new.find((n) => n.name.toLowerCase() === name.toLowerCase());
      if (!existing) plan.codes.new.push({ guid: g, name, existingCodeId: (await codeByName(db, name))?.id ?? null });
      targets.set(g, { kind: 'newCode', guid: existing?.guid ?? g, name });
    } else targets.set(g, null);
  }

  const seenPassages = new Set<string>();
  const existing = new Set(
    stories.size
      ? (
          await db
            .selectFrom('storyExcerpts')
            .select(['storyId', 'startOffset', 'endOffset', 'outcomeId', 'variableId', 'codeId'])
            .where('storyId', 'in', [...stories.keys()])
            .execute()
        ).map(
          (e) =>
            `${e.storyId}:${e.startOffset}:${e.endOffset}:${e.outcomeId ? `outcome:${e.outcomeId}` : e.variableId ? `variable:${e.variableId}` : `code:${e.codeId}`}`,
        )
      : [],
  );

  for (const src of sourceEls) {
    const g = normGuid(src.getAttribute('guid')!);
    const storyId = entityId(known.get(g), 'story');
    const story = storyId !== null ? stories.get(storyId) : undefined;
    if (!story) {
      plan.sources.unknown.push({ guid: g, name: src.getAttribute('name') ?? '' });
      continue;
    }
    plan.sources.matched++;
    // The text the tool's positions count in: the file's own copy (inline or in sources/).
    const path = src.getAttribute('plainTextPath');
    const inline = kids(src, 'PlainTextContent')[0];
    const fileText = inline ? textOf(inline) : path?.startsWith('internal://') ? files.get(`sources/${path.slice('internal://'.length)}`) : undefined;
    const text = typeof fileText === 'string' ? fileText : fileText ? strFromU8(fileText) : null;
    for (const sel of kids(src, 'PlainTextSelection')) {
      const selGuid = normGuid(sel.getAttribute('guid')!);
      const selectionKnown = known.get(selGuid)?.startsWith('excerpt:') ?? false;
      for (const coding of kids(sel, 'Coding')) {
        const codingGuid = normGuid(coding.getAttribute('guid')!);
        if (known.get(codingGuid)?.startsWith('coding:')) {
          plan.codings.alreadyHere++;
          continue;
        }
        const skip = (reason: string) => plan.codings.skipped.push({ guid: codingGuid, storyId, reason });
        const targetGuid = normGuid(kids(coding, 'CodeRef')[0]!.getAttribute('targetGUID')!);
        const target = targets.get(targetGuid);
        if (target === undefined) {
          if (!plan.codes.unknown.includes(targetGuid)) plan.codes.unknown.push(targetGuid);
          skip(`unknown code ${targetGuid}`);
          continue;
        }
        if (target === null) {
          skip('code cannot be used here (a heading, or not of this project)');
          continue;
        }
        if (text === null) {
          skip('the source has no text in the file');
          continue;
        }
        const start = toUtf16(text, Number(sel.getAttribute('startPosition')));
        const end = toUtf16(text, Number(sel.getAttribute('endPosition')));
        if (start === null || end === null || end <= start) {
          skip('the passage lies outside the text');
          continue;
        }
        const quote = text.slice(start, end);
        const at = quote.trim() ? reanchor(story.bodyText, quote, start, end) : { status: 'stale' as const };
        if (at.status === 'stale') {
          skip('the passage is no longer in the story');
          continue;
        }
        const key = `${story.id}:${at.start}:${at.end}:${target.kind === 'newCode' ? `new:${target.guid}` : `${target.kind}:${target.id}`}`;
        if (existing.has(key) || seenPassages.has(key)) {
          skip('this passage already has this code');
          continue;
        }
        seenPassages.add(key);
        plan.codings.add.push({
          guid: codingGuid,
          selectionGuid: selGuid,
          newSelection: !selectionKnown,
          storyId: story.id,
          storyTitle: story.title,
          start: at.start,
          end: at.end,
          quote,
          status: at.status === 'moved' ? 'moved' : 'ok',
          target,
          note: kids(sel, 'Description').map(textOf).join('\n').slice(0, 2000),
        });
      }
    }
  }
  return plan;
}

/** Applies a plan (inside the caller's transaction): new codes, then the codings as excerpts, their GUIDs kept. */
export async function applyImport(db: Kysely<DB>, user: SessionUser, projectId: number, plan: ImportPlan) {
  const newCodeIds = new Map<string, number>();
  const created: number[] = [];
  for (const c of plan.codes.new) {
    const existing = await codeByName(db, c.name);
    if (existing) newCodeIds.set(c.guid, existing.id);
    else {
      const { id } = await db
        .insertInto('codes')
        .values({ name: c.name, description: 'Uit een REFI-QDA-bestand', createdBy: user.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await adoptGuid(db, c.guid, `code:${id}`);
      await audit(db, user, 'code.create', { type: 'code', id }, { name: c.name, via: 'qdpx' });
      newCodeIds.set(c.guid, id);
      created.push(id);
    }
  }
  const adopted = new Set<string>();
  const excerptIds: number[] = [];
  for (const a of plan.codings.add) {
    const t = a.target;
    const { id } = await db
      .insertInto('storyExcerpts')
      .values({
        storyId: a.storyId,
        startOffset: a.start,
        endOffset: a.end,
        quote: a.quote,
        outcomeId: t.kind === 'outcome' ? t.id : null,
        variableId: t.kind === 'variable' ? t.id : null,
        codeId: t.kind === 'code' ? t.id : t.kind === 'newCode' ? newCodeIds.get(t.guid)! : null,
        position: null,
        note: a.note,
        status: a.status,
        byUser: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    excerptIds.push(id);
    await adoptGuid(db, a.guid, `coding:${id}`);
    if (a.newSelection && !adopted.has(a.selectionGuid)) {
      await adoptGuid(db, a.selectionGuid, `excerpt:${id}`);
      adopted.add(a.selectionGuid);
    }
  }
  await audit(
    db,
    user,
    'project.qdpx.import',
    { type: 'project', id: projectId },
    {
      codesCreated: created,
      excerptIds,
      unknownSources: plan.sources.unknown.length,
      unknownCodes: plan.codes.unknown.length,
      skipped: plan.codings.skipped.length,
    },
  );
  return { codesCreated: created.length, codingsAdded: excerptIds.length };
}
