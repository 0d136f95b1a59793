// npm run seed -- [--stories 100000] [--values 1000000] [--db FILE] [--seed 1]
// Fills a database with realistic synthetic data for load tests and benchmarks: Amsterdam's wijken
// and buurten, projects with members, tellers and stories (Dutch-like text, consent mix, placements,
// outcome tags), indicators with baselines, targets and values over periods.
// For speed it writes with raw better-sqlite3: prepared statements in big transactions. Only for
// empty or throwaway databases: it adds to whatever is there.
import { randomBytes, createHash } from 'node:crypto';
import { createDb } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { rebuildSearchIndex } from '../db/sqlite.js';
import { hashPassword } from '../server/auth/passwords.js';
import { CONSENT_TEXT_VERSION } from '../server/consent.js';
import { reviewHash } from '../db/repositories/reviews.js';
import { loadConfig } from '../server/env.js';
import { amsterdamAreas } from './data/cbs-areas.js';
import { firstNames, int, lastNames, paragraphs, pick, seeded, storyBody, title } from './data/dutch-text.js';

export type SeedOptions = { db: string; stories: number; values: number; seed: number; log?: (line: string) => void };

function parseArgs(argv: string[]): SeedOptions {
  const o: SeedOptions = { db: loadConfig().databasePath, stories: 100_000, values: 1_000_000, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--db') o.db = next();
    else if (a === '--stories') o.stories = Number(next());
    else if (a === '--values') o.values = Number(next());
    else if (a === '--seed') o.seed = Number(next());
    else throw new Error(`Unknown option ${a}. Usage: npm run seed -- [--stories N] [--values N] [--db FILE] [--seed N]`);
  }
  if (!Number.isInteger(o.stories) || o.stories < 0 || !Number.isInteger(o.values) || o.values < 0)
    throw new Error('--stories and --values take whole numbers');
  return o;
}

const PHASES = ['ZIEN', 'DENKEN', 'DOEN', 'VINDEN'] as const;
const DAY = 86_400_000;
const START = Date.UTC(2021, 0, 1);
const END = Date.UTC(2026, 10, 1);
const iso = (ms: number) => new Date(ms).toISOString();

/** Periods from 2019 to 2026 by periodicity. */
function periodsOf(periodicity: 'month' | 'quarter' | 'year'): string[] {
  const out: string[] = [];
  for (let y = 2019; y <= 2026; y++) {
    if (periodicity === 'year') out.push(String(y));
    else if (periodicity === 'quarter') for (let q = 1; q <= 4; q++) out.push(`${y}-Q${q}`);
    else for (let m = 1; m <= 12; m++) out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out;
}

export async function seed(o: SeedOptions): Promise<{ stories: number; values: number; seconds: number }> {
  const log = o.log ?? ((l: string) => console.log(l));
  const t0 = Date.now();
  const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  const r = seeded(o.seed);
  const { db, sqlite } = createDb(o.db);
  await migrateToLatest(db);
  // A throwaway bulk load: trade crash safety for speed while it runs.
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -200000');
  const tx = <T>(fn: () => T): T => sqlite.transaction(fn)();
  const now = iso(Date.now());

  // Users: one admin, coordinators, workers, funders — all with the same password.
  const passwordHash = await hashPassword('weefwerk-seed-wachtwoord');
  const insUser = sqlite.prepare('insert into users (email, name, role, password_hash) values (?, ?, ?, ?) on conflict(email) do nothing');
  const userId = sqlite.prepare('select id from users where email = ?').pluck();
  const users = { admin: 0, coordinators: [] as number[], workers: [] as number[], funders: [] as number[] };
  tx(() => {
    const add = (email: string, name: string, role: string) => {
      insUser.run(email, name, role, passwordHash);
      return userId.get(email) as number;
    };
    users.admin = add('admin@seed.weefwerk.nl', 'Beheerder Seed', 'admin');
    for (let i = 1; i <= 8; i++)
      users.coordinators.push(add(`coordinator${i}@seed.weefwerk.nl`, `${pick(r, firstNames)} ${pick(r, lastNames)}`, 'coordinator'));
    for (let i = 1; i <= 60; i++) users.workers.push(add(`worker${i}@seed.weefwerk.nl`, `${pick(r, firstNames)} ${pick(r, lastNames)}`, 'worker'));
    for (let i = 1; i <= 4; i++) users.funders.push(add(`funder${i}@seed.weefwerk.nl`, `Fonds ${pick(r, lastNames)}`, 'funder'));
  });
  log(`users: ${2 + 8 + 60 + 4 - 1}  (${elapsed()})`);

  // Areas: Amsterdam with its real wijken and buurten.
  const cbsAreas = amsterdamAreas();
  const areaByCode = new Map<string, number>();
  const buurtenOf = new Map<number, number[]>();
  tx(() => {
    const ins = sqlite.prepare('insert into areas (name, kind, cbs_code, parent_id) values (?, ?, ?, ?) on conflict(cbs_code) do nothing');
    const get = sqlite.prepare('select id from areas where cbs_code = ?').pluck();
    ins.run('Amsterdam', 'gemeente', 'GM0363', null);
    const gm = get.get('GM0363') as number;
    for (const a of cbsAreas) {
      const parent = a.kind === 'wijk' ? gm : areaByCode.get(a.wijk!)!;
      ins.run(a.name, a.kind, a.code, parent);
      const id = get.get(a.code) as number;
      areaByCode.set(a.code, id);
      if (a.kind === 'buurt') buurtenOf.set(parent, [...(buurtenOf.get(parent) ?? []), id]);
    }
  });
  const wijken = [...buurtenOf.keys()];
  log(`areas: ${areaByCode.size} wijken and buurten  (${elapsed()})`);

  // The climate catalogue comes with the migrations.
  const variables = sqlite.prepare('select id from climate_variables where retired_at is null').pluck().all() as number[];

  // Outcome library and projects with areas, members, climate variables, outcomes and a link.
  const libraryTitles: [string, string][] = [
    ['output', 'Bijeenkomsten georganiseerd'],
    ['output', 'Bewoners bereikt'],
    ['output', 'Vrijwilligers actief'],
    ['outcome', 'Bewoners kennen elkaar beter'],
    ['outcome', 'Bewoners nemen zelf initiatief'],
    ['outcome', 'Meer vertrouwen in instanties'],
    ['outcome', 'Minder eenzaamheid'],
    ['outcome', 'Kinderen spelen veilig buiten'],
    ['impact', 'Een leefbare buurt'],
    ['impact', 'Sterke sociale basis'],
  ];
  const projects: { id: number; areas: number[]; members: number[]; outcomes: number[]; link: number; vars: number[] }[] = [];
  tx(() => {
    const insLib = sqlite.prepare('insert into outcome_library (level, title) values (?, ?)');
    const lib = libraryTitles.map(([level, t]) => ({ id: Number(insLib.run(level, t).lastInsertRowid), level, t }));
    const insProject = sqlite.prepare(
      'insert into projects (name, vraagstuk, eigenaar, betrokkenen, werkdoelen, start_date, end_date, budget_hours, budget_cents, phase) values (?,?,?,?,?,?,?,?,?,?)',
    );
    const insPA = sqlite.prepare('insert into project_areas (project_id, area_id) values (?, ?)');
    const insPM = sqlite.prepare('insert or ignore into project_members (project_id, user_id) values (?, ?)');
    const insPV = sqlite.prepare('insert or ignore into project_climate_variables (project_id, variable_id) values (?, ?)');
    const insOutcome = sqlite.prepare('insert into outcomes (project_id, library_id, level, title, sort) values (?, ?, ?, ?, ?)');
    const insLink = sqlite.prepare('insert into public_links (project_id, token, label, created_by) values (?, ?, ?, ?)');
    const kinds = ['Buurtkamer', 'Moestuin', 'Taalcafé', 'Speelplein', 'Bewonerscomité', 'Huiswerkklas', 'Repair café', 'Wandelgroep'];
    for (let i = 0; i < 40; i++) {
      const wijk = wijken[i % wijken.length]!;
      const wijkName = cbsAreas.find((a) => areaByCode.get(a.code) === wijk)!.name;
      const startYear = int(r, 2021, 2025);
      const id = Number(
        insProject.run(
          `${kinds[i % kinds.length]} ${wijkName}`,
          'Bewoners kennen elkaar weinig en voelen zich niet gehoord.',
          'Bewoners van de buurt',
          'Woningcorporatie, gemeente, buurthuis',
          'Meer ontmoeting en eigen initiatief.',
          `${startYear}-01-01`,
          `${startYear + 3}-12-31`,
          int(r, 200, 2000),
          int(r, 10_000, 200_000) * 100,
          pick(r, PHASES),
        ).lastInsertRowid,
      );
      const areas = buurtenOf.get(wijk)!;
      for (const a of areas) insPA.run(id, a);
      const members = [pick(r, users.coordinators), ...Array.from({ length: int(r, 2, 5) }, () => pick(r, users.workers))];
      for (const m of members) insPM.run(id, m);
      const vars = variables.filter(() => r() < 0.5).slice(0, 6);
      for (const v of vars) insPV.run(id, v);
      const outcomes = lib.filter(() => r() < 0.6).map((l, k) => Number(insOutcome.run(id, l.id, l.level, l.t, k).lastInsertRowid));
      const link = Number(insLink.run(id, randomBytes(12).toString('base64url'), 'Poster buurthuis', members[0]).lastInsertRowid);
      projects.push({ id, areas, members: [...new Set(members)], outcomes, link, vars: vars.length ? vars : variables.slice(0, 3) });
    }
  });
  log(`projects: ${projects.length} with members, outcomes and links  (${elapsed()})`);

  // Tellers, stories, consents, placements, tags — in batches of 10,000.
  const insTeller = sqlite.prepare('insert into tellers (kind, display_name, user_id, under_16, created_at) values (?, ?, ?, ?, ?)');
  const workerTeller = new Map<number, number>();
  tx(() => {
    for (const w of users.workers) workerTeller.set(w, Number(insTeller.run('worker', null, w, 0, now).lastInsertRowid));
  });
  const insStory = sqlite.prepare(
    `insert into stories (project_id, area_id, title, body_json, body_html, body_text, phase, happened_on, language, teller_id, source,
      link_id, recorded_by, consent, withdrawn_at, receipt_hash, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insConsent = sqlite.prepare(
    'insert into story_consents (story_id, level, withdrawn, given_by, guardian_name, channel, consent_text_version, reason, recorded_by, at) values (?,?,?,?,?,?,?,?,?,?)',
  );
  const insPlacement = sqlite.prepare(
    'insert or ignore into story_placements (story_id, variable_id, source, position, status, by_user, at) values (?,?,?,?,?,?,?)',
  );
  const insReview = sqlite.prepare(
    'insert into story_reviews (story_id, title, body_json, body_html, body_text, text_hash, reviewed_by, reviewed_at) values (?,?,?,?,?,?,?,?)',
  );
  // the review is of the story as inserted: its text_rev (0)
  const markReviewed = sqlite.prepare('update stories set reviewed_rev = text_rev where id = ?');
  const insTag = sqlite.prepare('insert or ignore into story_outcomes (story_id, outcome_id, note, status, by_user, at) values (?,?,?,?,?,?)');
  const notes = ['', '', 'Laat zien dat bewoners elkaar vinden.', 'Eerste stap naar eigen initiatief.', 'Voorbeeld van vertrouwen.'];
  const BATCH = 10_000;
  for (let done = 0; done < o.stories;) {
    const n = Math.min(BATCH, o.stories - done);
    tx(() => {
      for (let i = 0; i < n; i++) {
        const p = projects[Math.floor(r() * projects.length)]!;
        const created = START + Math.floor(r() * (END - START));
        const createdIso = iso(created);
        const s = r();
        const source = s < 0.45 ? 'link' : s < 0.85 ? 'heard' : 'practice';
        const worker = pick(r, p.members);
        const under16 = source !== 'practice' && r() < 0.05;
        const teller =
          source === 'practice'
            ? (workerTeller.get(worker) ?? Number(insTeller.run('worker', null, worker, 0, createdIso).lastInsertRowid))
            : Number(insTeller.run('resident', r() < 0.6 ? pick(r, firstNames) : null, null, under16 ? 1 : 0, createdIso).lastInsertRowid);
        const c = r();
        const consent = c < 0.3 ? 'team' : c < 0.8 ? 'report' : 'public';
        const withdrawn = r() < 0.03;
        const body = storyBody(paragraphs(r));
        const storyTitle = title(r);
        const id = Number(
          insStory.run(
            p.id,
            r() < 0.9 ? pick(r, p.areas) : null,
            storyTitle,
            body.json,
            body.html,
            body.text,
            r() < 0.8 ? pick(r, PHASES) : null,
            iso(created - int(r, 0, 60) * DAY).slice(0, 10),
            r() < 0.93 ? 'nl' : pick(r, ['en', 'tr', 'ar']),
            teller,
            source,
            source === 'link' ? p.link : null,
            source === 'link' ? null : worker,
            consent,
            withdrawn ? iso(created + int(r, 1, 200) * DAY) : null,
            source === 'link'
              ? createHash('sha256')
                  .update(`seed-${o.seed}-${done + i}-${randomBytes(4).toString('hex')}`)
                  .digest('hex')
              : null,
            createdIso,
            createdIso,
          ).lastInsertRowid,
        );
        const givenBy = under16 ? 'guardian' : 'teller';
        insConsent.run(
          id,
          consent,
          0,
          givenBy,
          under16 ? `${pick(r, firstNames)} ${pick(r, lastNames)}` : null,
          source === 'link' ? 'online' : pick(r, ['paper', 'spoken']),
          CONSENT_TEXT_VERSION,
          null,
          source === 'link' ? null : worker,
          createdIso,
        );
        if (withdrawn) insConsent.run(id, null, 1, givenBy, null, 'online', CONSENT_TEXT_VERSION, 'Teller trok toestemming in', null, createdIso);
        // most stories that may leave the team have a reviewed report version (here: unchanged); the rest wait
        if (consent !== 'team' && !withdrawn && r() < 0.9) {
          insReview.run(id, storyTitle, body.json, body.html, body.text, reviewHash(storyTitle, body.text), p.members[0]!, createdIso);
          markReviewed.run(id);
        }
        if (source === 'link' && r() < 0.7) {
          for (const v of p.vars) if (r() < 0.6) insPlacement.run(id, v, 'teller', r() < 0.1 ? null : int(r, 0, 100), 'accepted', null, createdIso);
        }
        if (r() < 0.4) {
          const coord = p.members[0]!;
          for (const v of p.vars) if (r() < 0.4) insPlacement.run(id, v, 'coordinator', int(r, 0, 100), 'accepted', coord, createdIso);
          const k = int(r, 1, 2);
          for (let j = 0; j < k && p.outcomes.length; j++)
            insTag.run(id, pick(r, p.outcomes), pick(r, notes), r() < 0.85 ? 'accepted' : 'suggested', coord, createdIso);
        }
      }
    });
    done += n;
    log(`stories: ${done}/${o.stories}  (${elapsed()})`);
  }

  // Indicators: per project (counts, percentages, hours) and context indicators per buurt; values over periods.
  const insIndicator = sqlite.prepare(
    `insert into indicators (project_id, outcome_id, name, unit, measure, direction, periodicity, baseline_value, baseline_period, by_area, source, source_key)
     values (?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insTarget = sqlite.prepare('insert or ignore into indicator_targets (indicator_id, period, area_id, value) values (?,?,?,?)');
  const insValue = sqlite.prepare('insert into indicator_values (indicator_id, period, area_id, value, note, entered_by, updated_at) values (?,?,?,?,?,?,?)');
  type Plan = { id: number; areas: number[]; periods: string[]; base: number; entered: number | null };
  const plans: Plan[] = [];
  const allBuurten = [...buurtenOf.values()].flat();
  const projectIndicators: [string, 'count' | 'percentage' | 'hours' | 'score', 'unit' | 'percentage' | 'ordinal', 'month' | 'quarter' | 'year'][] = [
    ['Aantal deelnemers bijeenkomsten', 'count', 'unit', 'month'],
    ['Actieve vrijwilligers', 'count', 'unit', 'quarter'],
    ['Nieuwe bewonersinitiatieven', 'count', 'unit', 'quarter'],
    ['Bewoners die zich veilig voelen', 'percentage', 'percentage', 'year'],
    ['Uren opbouwwerk', 'hours', 'unit', 'month'],
    ['Tevredenheid over de buurt', 'score', 'ordinal', 'year'],
  ];
  let capacity = 0;
  tx(() => {
    for (const p of projects) {
      for (const [name, unit, measure, periodicity] of projectIndicators) {
        const base = unit === 'percentage' ? int(r, 20, 60) : unit === 'score' ? int(r, 4, 7) : int(r, 5, 200);
        const byArea = r() < 0.5;
        const id = Number(
          insIndicator.run(
            p.id,
            p.outcomes.length ? pick(r, p.outcomes) : null,
            name,
            unit,
            measure,
            'higher',
            periodicity,
            base,
            '2021',
            byArea ? 1 : 0,
            'manual',
            null,
          ).lastInsertRowid,
        );
        for (let y = 2022; y <= 2026; y++) insTarget.run(id, String(y), 0, Math.round(base * (1 + 0.1 * (y - 2021))));
        const pl = { id, areas: byArea ? [0, ...p.areas] : [0], periods: periodsOf(periodicity), base, entered: pick(r, p.members) };
        plans.push(pl);
        capacity += pl.areas.length * pl.periods.length;
      }
    }
    // Context indicators (CBS-like, per buurt, monthly) until there is room for every requested value.
    const context = ['Werkloosheid', 'Huishoudens met laag inkomen', 'Meldingen overlast', 'Opkomst buurtactiviteiten'];
    for (let k = 0; capacity < o.values; k++) {
      const name = `${context[k % context.length]}${k >= context.length ? ` (reeks ${Math.floor(k / context.length) + 1})` : ''}`;
      const base = int(r, 5, 40);
      const id = Number(
        insIndicator.run(null, null, name, 'percentage', 'percentage', 'lower', 'month', base, '2019-01', 1, 'cbs', `seed_${k}`).lastInsertRowid,
      );
      const pl = { id, areas: allBuurten, periods: periodsOf('month'), base, entered: null };
      plans.push(pl);
      capacity += pl.areas.length * pl.periods.length;
    }
  });
  log(`indicators: ${plans.length} with baselines and targets  (${elapsed()})`);

  // Spread the values over the indicators in proportion to their room.
  let written = 0;
  const pending = plans.map((pl) => ({ pl, want: Math.round((o.values * pl.areas.length * pl.periods.length) / Math.max(1, capacity)) }));
  let over = pending.reduce((s, x) => s + x.want, 0) - o.values;
  for (const x of pending) {
    if (over === 0) break;
    const cut = over > 0 ? Math.min(over, x.want) : Math.max(over, x.want - x.pl.areas.length * x.pl.periods.length);
    x.want -= cut;
    over -= cut;
  }
  let batch = 0;
  sqlite.exec('begin');
  for (const { pl, want } of pending) {
    let k = 0;
    outer: for (const period of pl.periods) {
      for (const area of pl.areas) {
        if (k++ >= want) break outer;
        const v = r() < 0.02 ? null : Math.round(pl.base * (0.7 + 0.6 * r()) * 10) / 10;
        insValue.run(pl.id, period, area, v, '', pl.entered, now);
        written++;
        if (++batch === 100_000) {
          sqlite.exec('commit');
          log(`values: ${written}/${o.values}  (${elapsed()})`);
          sqlite.exec('begin');
          batch = 0;
        }
      }
    }
  }
  sqlite.exec('commit');
  if (batch) log(`values: ${written}/${o.values}  (${elapsed()})`);

  log('search index: checking and optimising…');
  const fixed = rebuildSearchIndex(sqlite);
  if (fixed) log(`search index: rebuilt (${fixed} entries were missing or stale)`);
  sqlite.pragma('synchronous = NORMAL');
  sqlite.exec('analyze');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await db.destroy();
  const seconds = (Date.now() - t0) / 1000;
  log(`done: ${o.stories} stories, ${written} values in ${seconds.toFixed(1)} s → ${o.db}`);
  log('accounts: admin@seed.weefwerk.nl, coordinator1…8, worker1…60, funder1…4 @seed.weefwerk.nl — password weefwerk-seed-wachtwoord');
  return { stories: o.stories, values: written, seconds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await seed(parseArgs(process.argv.slice(2)));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
