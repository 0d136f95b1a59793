// npm run demo — loads a small, believable organisation into an empty database (DATABASE_PATH or
// --db FILE) through the app's own routes, so demo data passes the same validation as real data,
// and prints the demo accounts.
import { createDb, type Db } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { insertUser } from '../db/repositories/users.js';
import { createApp } from '../server/app.js';
import { hashPassword } from '../server/auth/passwords.js';
import { mediaDir } from '../server/media/index.js';
import { defaultLimits, loadConfig, type Config } from '../server/env.js';
import { demoNarratives, demoStories, type DemoStory } from './data/demo-stories.js';

const ORIGIN = 'http://localhost';
export const DEMO_PASSWORD = 'weefwerk-demo-2026';

type Call = (method: string, path: string, body?: unknown) => Promise<any>;

/** A logged-in caller of the in-process app; throws on anything but 2xx, with the error. */
async function caller(app: ReturnType<typeof createApp>, email: string): Promise<Call> {
  const send = (method: string, path: string, body: unknown, cookie?: string) =>
    app.request(ORIGIN + path, {
      method,
      headers: { origin: ORIGIN, ...(body instanceof FormData ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
  const login = await send('POST', '/api/auth/login', { email, password: DEMO_PASSWORD });
  if (login.status !== 200) throw new Error(`demo login ${email}: ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return async (method, path, body) => {
    const res = await send(method, path, body, cookie);
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : null;
  };
}

const doc = (text: string) => ({ type: 'doc', content: text.split('\n\n').map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })) });

export type DemoResult = { accounts: { role: string; email: string; password: string }[]; counts: Record<string, number> };

/** The made-up organisation's name, set as an admin would on the organisation page. */
export const demoOrgName = 'Buurtwerk Samen Sterk';

/** A made-up organisation's logo (a mark drawn as SVG; the pages print the name beside it), uploaded as an admin would on the organisation page. */
export const demoLogoSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="180" height="160" viewBox="0 0 180 160">
  <circle cx="70" cy="80" r="56" fill="#1d5c4d"/><circle cx="112" cy="80" r="56" fill="#e0a526" fill-opacity=".85"/>
</svg>`;

/**
 * Loads the demo into an empty database. `mediaPath`: where its files go (the organisation's logo;
 * default a temporary folder, as for an in-memory database).
 */
export async function loadDemo(db: Db, log: (l: string) => void = console.log, opts: { mediaPath?: string } = {}): Promise<DemoResult> {
  await migrateToLatest(db);
  if (await db.selectFrom('users').select('id').executeTakeFirst())
    throw new Error('The database already has users: run the demo on an empty database (set DATABASE_PATH or pass --db FILE).');
  const config: Config = {
    ...loadConfig({ DATABASE_PATH: ':memory:' }),
    mediaPath: opts.mediaPath,
    limits: { ...defaultLimits, publicPerAddress: 1e6, publicPerLink: 1e6, loginPerAddress: 1e6 },
    accessLog: false, // the demo's own requests are no traffic: its output is the steps and the accounts
  };
  const app = createApp({ db, config });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await insertUser(db, { email: 'beheer@demo.weefwerk.nl', name: 'Bea Beheer', role: 'admin', passwordHash });
  const admin = await caller(app, 'beheer@demo.weefwerk.nl');
  const form = new FormData();
  form.set('logo', new Blob([demoLogoSvg], { type: 'image/svg+xml' }), 'logo.svg');
  await admin('PUT', '/api/organisation/logo', form);
  await admin('PATCH', '/api/organisation', { name: demoOrgName });

  const people = [
    { email: 'coordinator@demo.weefwerk.nl', name: 'Karin Coördinator', role: 'coordinator' },
    { email: 'samira@demo.weefwerk.nl', name: 'Samira El Idrissi', role: 'worker' },
    { email: 'joost@demo.weefwerk.nl', name: 'Joost Bakker', role: 'worker' },
    { email: 'fonds@demo.weefwerk.nl', name: 'Fonds Buurtkracht', role: 'funder' },
  ];
  const ids: Record<string, number> = {};
  for (const p of people) ids[p.role === 'worker' ? p.email : p.role] = (await admin('POST', '/api/users', { ...p, password: DEMO_PASSWORD })).user.id;
  log(`accounts: ${people.length + 1}`);

  // Areas: gemeente Amsterdam, two wijken in Nieuw-West and Oost, with real CBS codes.
  const area = async (name: string, kind: string, cbsCode: string, parentId?: number) =>
    (await admin('POST', '/api/areas', { name, kind, cbsCode, parentId: parentId ?? null })).area.id as number;
  const gm = await area('Amsterdam', 'gemeente', 'GM0363');
  const geuzenveld = await area('Geuzenveld', 'wijk', 'WK036380', gm);
  const slotermeer = await area('Slotermeer-Noordoost', 'wijk', 'WK036381', gm);
  const indische = await area('Indische Buurt West', 'wijk', 'WK036393', gm);
  const buurten = {
    lambertus: await area('Lambertus Zijlplein e.o.', 'buurt', 'BU03638000', geuzenveld),
    geuzenhof: await area('Geuzenhofbuurt', 'buurt', 'BU03638001', geuzenveld),
    slotermeer: await area('Slotermeer-Noordoost Noord', 'buurt', 'BU03638100', slotermeer),
    timorplein: await area('Timorplein e.o.', 'buurt', 'BU03639300', indische),
    javaplein: await area('Javaplein e.o.', 'buurt', 'BU03639301', indische),
  };
  log('areas: 1 gemeente, 3 wijken, 5 buurten');

  const coordinator = await caller(app, 'coordinator@demo.weefwerk.nl');
  const samira = await caller(app, 'samira@demo.weefwerk.nl');
  const joost = await caller(app, 'joost@demo.weefwerk.nl');
  const variables = (await admin('GET', '/api/climate-variables')).variables as { id: number; key: string }[];
  const varId = (key: string) => variables.find((v) => v.key === key)?.id ?? variables[0]!.id;

  const projectDefs = [
    {
      key: 'moestuin',
      body: {
        name: 'Moestuin Lambertus',
        phase: 'DOEN',
        vraagstuk: 'Bewoners van de flats rond het Lambertus Zijlplein kennen elkaar nauwelijks; het grasveld ligt er verlaten bij.',
        eigenaar: 'Bewonersgroep Groen Geuzenveld',
        betrokkenen: 'Woningcorporatie, stadsdeel, basisschool De Kolibrie',
        werkdoelen: 'Een gedeelde moestuin die bewoners zelf beheren; meer contact tussen buren.',
        startDate: '2025-01-01',
        endDate: '2027-12-31',
        budgetHours: 600,
        budgetEuros: 24000,
        areaIds: [buurten.lambertus, buurten.geuzenhof],
      },
      workers: ['samira@demo.weefwerk.nl'],
      worker: samira,
      areas: [buurten.lambertus, buurten.geuzenhof],
      vars: ['atmosphere', 'collective_action', 'self_image'],
    },
    {
      key: 'taalcafe',
      body: {
        name: 'Taalcafé Timorplein',
        phase: 'VINDEN',
        vraagstuk: 'Nieuwkomers in de Indische Buurt vinden moeilijk aansluiting; vrijwilligers zijn er, maar zonder plek.',
        eigenaar: 'Vrijwilligers van het taalcafé',
        betrokkenen: 'Bibliotheek, buurthuis, VluchtelingenWerk',
        werkdoelen: 'Wekelijks taalcafé door vrijwilligers gedragen; nieuwkomers die zelf activiteiten organiseren.',
        startDate: '2024-01-01',
        endDate: '2026-12-31',
        budgetHours: 400,
        budgetEuros: 12000,
        areaIds: [buurten.timorplein, buurten.javaplein],
      },
      workers: ['joost@demo.weefwerk.nl'],
      worker: joost,
      areas: [buurten.timorplein, buurten.javaplein],
      vars: ['image', 'atmosphere', 'self_image'],
    },
    {
      key: 'portiek',
      body: {
        name: 'Portiekgesprekken Slotermeer',
        phase: 'ZIEN',
        vraagstuk: 'Klachten over overlast en vervuiling in de portieken; bewoners voelen zich niet gehoord door de corporatie.',
        eigenaar: 'Nog te vormen bewonerscommissie',
        betrokkenen: 'Woningcorporatie, wijkagent, buurtteam',
        werkdoelen: 'In kaart brengen wat bewoners willen; een bewonerscommissie die het gesprek voert.',
        startDate: '2026-06-01',
        endDate: '2028-05-31',
        budgetHours: 300,
        budgetEuros: 8000,
        areaIds: [buurten.slotermeer],
      },
      workers: ['samira@demo.weefwerk.nl', 'joost@demo.weefwerk.nl'],
      worker: joost,
      areas: [buurten.slotermeer],
      vars: ['atmosphere', 'image'],
    },
  ];
  const projects: Record<string, { id: number; outcomes: number[]; link: string; def: (typeof projectDefs)[number] }> = {};
  for (const p of projectDefs) {
    const { project } = await admin('POST', '/api/projects', p.body);
    await admin('PUT', `/api/projects/${project.id}/members`, { userIds: [ids.coordinator!, ...p.workers.map((w) => ids[w]!)] });
    await admin('PUT', `/api/projects/${project.id}/climate-variables`, { variableIds: p.vars.map(varId) });
    const outcomes: number[] = [];
    for (const [level, title] of [
      ['output', p.key === 'taalcafe' ? 'Wekelijks taalcafé' : p.key === 'moestuin' ? 'Tuindagen en oogstfeesten' : 'Portiekgesprekken gevoerd'],
      ['outcome', 'Bewoners kennen en helpen elkaar'],
      ['outcome', 'Bewoners nemen zelf initiatief'],
    ] as const) {
      outcomes.push((await coordinator('POST', `/api/projects/${project.id}/outcomes`, { level, title })).outcome.id);
    }
    const { link } = await admin('POST', `/api/projects/${project.id}/links`, { label: 'Poster in het buurthuis' });
    projects[p.key] = { id: project.id, outcomes, link: link.token, def: p };
  }
  log(`projects: ${projectDefs.length} (DOEN, VINDEN, ZIEN) with members, outcomes, climate scales and a story link`);

  // Stories: residents through the link, workers on a teller's behalf or from their own practice.
  // The consent text the resident read, in the story's language (as the link page gives it).
  const consentTexts = new Map<string, string>();
  const consentTextVersion = async (lang: string) => {
    if (!consentTexts.has(lang))
      consentTexts.set(
        lang,
        (await (await app.request(`${ORIGIN}/api/public/links/${projects.moestuin!.link}?lang=${lang}`)).json()).consentTextVersion as string,
      );
    return consentTexts.get(lang)!;
  };
  const storyIds: { id: number; s: DemoStory }[] = [];
  let receipts = 0;
  for (const s of demoStories) {
    const p = projects[s.project]!;
    const climate = (s.climate ?? []).filter(([key]) => (p.def.vars as readonly string[]).includes(key));
    const placements = climate.map(([key, position]) => ({ variableId: varId(key), position }));
    let id: number;
    if (s.source === 'link') {
      const res = await app.request(`${ORIGIN}/api/public/links/${p.link}/stories`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.${receipts % 250}` },
        body: JSON.stringify({
          title: s.title,
          body: doc(s.text),
          tellerName: s.teller,
          consent: s.consent,
          consentTextVersion: await consentTextVersion(s.language ?? 'nl'),
          placements,
          language: s.language ?? 'nl',
          happenedOn: s.date,
        }),
      });
      if (res.status !== 201) throw new Error(`public story "${s.title}": ${res.status} ${await res.text()}`);
      receipts++;
      id = (await db.selectFrom('stories').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    } else {
      const worker = p.def.worker;
      const { story } = await worker('POST', '/api/stories', {
        projectId: p.id,
        areaId: p.def.areas[storyIds.length % p.def.areas.length],
        title: s.title,
        body: doc(s.text),
        phase: s.phase,
        happenedOn: s.date,
        language: s.language ?? 'nl',
        source: s.source,
        ...(s.source === 'heard' ? { teller: { name: s.teller } } : {}),
        consent: { level: s.consent, channel: s.source === 'heard' ? 'spoken' : 'online', givenBy: 'teller' },
        placements,
      });
      id = story.id;
    }
    storyIds.push({ id, s });
    if (s.tags?.length) {
      await coordinator('PUT', `/api/stories/${id}/tags`, {
        outcomes: s.tags.map((k) => ({ outcomeId: p.outcomes[k]!, note: k === 2 ? 'Bewoners nemen het heft in eigen hand.' : '' })),
        placements: climate.slice(0, 1).map(([key, position]) => ({ variableId: varId(key), position: Math.min(100, position + 5) })),
      });
    }
  }
  // One teller changed their mind: withdrawn through the receipt flow's staff equivalent.
  const withdrawn = storyIds.find((x) => x.s.withdraw)!;
  await coordinator('POST', `/api/stories/${withdrawn.id}/consent`, {
    withdraw: true,
    reason: 'De verteller wil niet meer dat het verhaal gebruikt wordt.',
    channel: 'spoken',
    givenBy: 'teller',
  });
  log(`stories: ${storyIds.length} (${receipts} by residents through a link), tagged and placed on the climate scales; 1 withdrawn`);
  // Stories leave the team only in a reviewed report version; the coordinator reviewed all but one
  // (the demo's texts hold no names or addresses), which shows as "wacht op anonimiseren".
  let reviewed = 0;
  const toReview = storyIds.filter((x) => x.s.consent !== 'team' && !x.s.withdraw);
  for (const { id } of toReview.slice(0, -1)) {
    const r = await coordinator('GET', `/api/stories/${id}/review`);
    await coordinator('PUT', `/api/stories/${id}/review`, { title: r.story.title, body: r.story.body, storyHash: r.story.textHash });
    reviewed++;
  }
  log(`report versions: ${reviewed} reviewed, ${toReview.length - reviewed} waiting for review`);

  // Indicators with baselines and targets over six quarters, values entered by the workers.
  const quarters = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'];
  const indicatorDefs = [
    { project: 'moestuin', outcome: 0, name: 'Deelnemers tuindagen', unit: 'count', base: 6, grow: 4, worker: samira, perArea: true },
    { project: 'moestuin', outcome: 1, name: 'Bewoners die buren om hulp durven vragen', unit: 'percentage', base: 31, grow: 3, worker: samira },
    { project: 'taalcafe', outcome: 0, name: 'Bezoekers taalcafé per week', unit: 'count', base: 12, grow: 3, worker: joost },
    { project: 'taalcafe', outcome: 2, name: 'Activiteiten georganiseerd door deelnemers', unit: 'count', base: 0, grow: 1, worker: joost },
    // The portiek project starts in June 2026: measured from then on, one quarter so far.
    {
      project: 'portiek',
      outcome: 0,
      name: 'Portiekgesprekken',
      unit: 'count',
      base: 0,
      grow: 5,
      worker: joost,
      since: '2026-Q2',
      quarters: ['2026-Q3', '2026-Q4'],
      measured: 1,
    },
  ] as const;
  let values = 0;
  for (const d of indicatorDefs) {
    const p = projects[d.project]!;
    const perArea = 'perArea' in d;
    const { indicator } = await coordinator('POST', '/api/indicators', {
      projectId: p.id,
      outcomeId: p.outcomes[d.outcome],
      name: d.name,
      unit: d.unit,
      periodicity: 'quarter',
      direction: 'higher',
      byArea: perArea,
      baselineValue: d.base,
      baselinePeriod: 'since' in d ? d.since : '2024-Q4',
      targets: (('quarters' in d ? d.quarters : quarters) as readonly string[]).map((q, i) => ({
        period: q,
        value: d.base + Math.round(d.grow * 1.2 * (i + 1)),
      })),
    });
    const noise = [0, 1, -1, 2, 0, 1];
    const measured = 'quarters' in d ? d.quarters.slice(0, d.measured) : quarters;
    const totals = measured.map((q, i) => ({ period: q, value: Math.max(0, d.base + d.grow * (i + 1) + noise[i]!) }));
    // Counted per buurt: most gardeners come from the buurt where the garden is.
    const [first, second] = p.def.body.areaIds;
    const vals = perArea
      ? totals.flatMap((t) => [
          { ...t, areaId: first, value: Math.ceil(t.value * 0.6) },
          { ...t, areaId: second, value: t.value - Math.ceil(t.value * 0.6) },
        ])
      : totals;
    await d.worker('PUT', `/api/indicators/${indicator.id}/values`, { values: vals });
    values += vals.length;
  }
  log(`indicators: ${indicatorDefs.length} with baselines, targets over six quarters and ${values} values`);

  // Hours and money spent, so the projects show their use against the plan: each project its own
  // work, within its own dates (the portiek project starts in June 2026).
  const common = [
    ['ZIEN', 'Rondgang door de buurt met bewoners'],
    ['DENKEN', 'Overleg met de bewonersgroep'],
    ['VINDEN', 'Terugblik met deelnemers'],
  ] as const;
  const own: Record<string, readonly (readonly [string, string])[]> = {
    moestuin: [...common, ['DOEN', 'Tuindag begeleiden'], ['DOEN', 'Oogstfeest voorbereiden']],
    taalcafe: [...common, ['DOEN', 'Taalcafé voorbereiden'], ['DOEN', 'Vrijwilligers inwerken']],
    portiek: [...common, ['DOEN', 'Portiekgesprekken']],
  };
  let hourEntries = 0;
  let expenses = 0;
  for (const [key, p] of Object.entries(projects)) {
    const worker = p.def.worker;
    const activities = own[key]!;
    const months = key === 'portiek' ? ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'] : null;
    const entries = months ? months.length : 12 + key.length;
    for (let i = 0; i < entries; i++) {
      const [phase, activity] = activities[i % activities.length]!;
      const date = months
        ? `${months[i]}-1${i % 9}`
        : `${i < 8 ? 2025 : 2026}-${String((i % 6) * 2 + 1).padStart(2, '0')}-${String(10 + (i % 18)).padStart(2, '0')}`;
      await worker('POST', `/api/projects/${p.id}/hours`, { date, hours: 1.5 + ((i * key.length) % 5) * 0.75, phase, activity });
      hourEntries++;
    }
    const spent: [string, number, string, string][] = months
      ? [['2026-07-02', 95, 'Koffie en thee bij de portiekgesprekken', 'activiteiten']]
      : [
          ['2025-05-12', 140 + key.length * 45.25, 'Materiaal en koffie voor de bijeenkomsten', 'activiteiten'],
          ['2026-02-03', key === 'moestuin' ? 860 : 1250, 'Drukwerk posters en flyers', 'communicatie'],
        ];
    for (const [date, amount, description, category] of spent) {
      await coordinator('POST', `/api/projects/${p.id}/expenses`, { date, amount, description, category });
      expenses++;
    }
  }
  log(`hours and money: ${hourEntries} hour entries and ${expenses} expenses`);

  // One finished Most Significant Change round, with the selection fed back.
  const round = (
    await coordinator('POST', '/api/msc-rounds', {
      domain: 'Meedoen in de buurt',
      description: 'Welke verandering in hoe bewoners meedoen vinden we het belangrijkst?',
      periodFrom: '2025-01-01',
      periodTo: '2026-06-30',
      projectIds: [projects.moestuin!.id, projects.taalcafe!.id],
      panelUserIds: [ids.coordinator!, ids.funder!],
    })
  ).round;
  const candidates = (await coordinator('GET', `/api/msc-rounds/${round.id}`)).candidates as { id: number; title: string }[];
  const chosen = candidates.find((c) => /eigen|zelf|koken/i.test(c.title)) ?? candidates[0]!;
  await coordinator('POST', `/api/msc-rounds/${round.id}/picks`, {
    storyId: chosen.id,
    reason: 'Hier zie je dat bewoners niet meer wachten tot iemand anders iets regelt: ze nemen zelf het initiatief.',
  });
  const funder = await caller(app, 'fonds@demo.weefwerk.nl');
  await funder('POST', `/api/msc-rounds/${round.id}/picks`, {
    storyId: chosen.id,
    reason: 'Dit verhaal laat de verandering zien waarvoor wij de subsidie gaven.',
  });
  await coordinator('POST', `/api/msc-rounds/${round.id}/close`);
  await coordinator('POST', `/api/msc-rounds/${round.id}/feedback`, {}).catch(async () => coordinator('POST', `/api/msc-rounds/${round.id}/feedback`));
  log(`Most Significant Change: round "${round.domain}" closed and fed back`);

  // One published report, shared with the funder.
  const { report } = await coordinator('POST', '/api/reports', {
    title: 'Moestuin Lambertus en Taalcafé Timorplein — voortgang januari 2025 tot en met juni 2026',
    audience: 'funder',
    periodFrom: '2025-01-01',
    periodTo: '2026-06-30',
    projectIds: [projects.moestuin!.id, projects.taalcafe!.id],
    intro: doc('Wat we telden en wat bewoners vertelden over anderhalf jaar werk in Geuzenveld en de Indische Buurt.'),
    // "Wat we zien" for each project's output; the outcomes are left for the coordinator to write.
    perOutcome: (['moestuin', 'taalcafe'] as const).map((key) => ({ outcomeId: projects[key]!.outcomes[0]!, narrative: doc(demoNarratives[key]) })),
  });
  await coordinator('POST', `/api/reports/${report.id}/versions`);
  await coordinator('POST', `/api/reports/${report.id}/shares`, { userId: ids.funder });
  log('report: published (version 1) and shared with Fonds Buurtkracht');

  const count = async (t: 'stories' | 'projects' | 'indicatorValues' | 'mscRounds' | 'reportVersions' | 'users') =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = {
    users: await count('users'),
    projects: await count('projects'),
    stories: await count('stories'),
    indicatorValues: await count('indicatorValues'),
    mscRounds: await count('mscRounds'),
    reportVersions: await count('reportVersions'),
  };
  const accounts = [
    { role: 'admin', email: 'beheer@demo.weefwerk.nl', password: DEMO_PASSWORD },
    ...people.map((p) => ({ role: p.role, email: p.email, password: DEMO_PASSWORD })),
  ];
  return { accounts, counts };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const path = args[0] === '--db' && args[1] ? args[1] : loadConfig().databasePath;
  const { db } = createDb(path);
  try {
    const { accounts } = await loadDemo(db, console.log, { mediaPath: mediaDir({ databasePath: path, mediaPath: loadConfig().mediaPath }) });
    console.log(`\nDemo loaded into ${path}. Start the server (npm start) and log in as:\n`);
    for (const a of accounts) console.log(`  ${a.role.padEnd(12)} ${a.email.padEnd(32)} ${a.password}`);
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}
