import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { get } from '../api.js';
import { formatDate, formatHours, formatPeriod, locale, messages } from '../i18n.js';
import { isStaff } from '../models.js';
import { menuPages } from '../routes.js';
import type { Me } from '../session.js';
import { pageStyles } from '../components/shared-styles.js';
import { PageLoader } from '../components/page-loader.js';

const t = messages({
  nl: {
    hello: 'Welkom, {name}',
    intro: 'Weefwerk bundelt tellen en vertellen: cijfers en verhalen over wat er verandert in de buurt.',
    go: 'Waar wil je heen?',
    projects: 'Je projecten',
    noProjectsWorker: 'Je bent nog niet aan een project gekoppeld. Vraag je coördinator om je toe te voegen.',
    start: 'Aan de slag',
    startIntro: 'Vier stappen, in deze volgorde. Daarna kunnen bewoners hun verhaal vertellen.',
    done: 'Klaar',
    later: 'Eerst stap {n}',
    step1: 'Gebieden toevoegen',
    why1: 'Projecten, verhalen en cijfers horen bij een wijk of buurt. Begin met de gemeente en de wijken en buurten waar je werkt.',
    step2: 'Een project maken',
    why2: 'In een project komen het vraagstuk, het team, de uren en de verhalen samen. Kies de gebieden waar het project werkt.',
    step3: 'Uitkomsten beschrijven',
    why3: 'Wat wil het project bereiken? Aan die uitkomsten koppel je later verhalen en cijfers.',
    step4: 'Een verhaallink maken',
    why4: 'Met een link of QR-poster vertellen bewoners hun verhaal, zonder account.',
    done1: '{n} gebied(en)',
    done2: '{n} project(en)',
    done3: '{n} uitkomst(en)',
    done4: '{n} link(s)',
    todo: 'Te doen',
    toTag: '{n} verhalen wachten op taggen',
    toTagOne: '1 verhaal wacht op taggen',
    allTagged: 'Alle verhalen zijn getagd.',
    hoursWeek: '{project}: {hours} uur deze week',
    noHoursWeek: '{project}: nog geen uren deze week',
    emptyValues: '{project}: {n} indicatorwaarden voor {periods} nog leeg',
    emptyValuesOne: '{project}: 1 indicatorwaarde voor {periods} nog leeg',
    allValues: '{project}: alle indicatorwaarden voor {periods} ingevuld',
    msc: 'Kies je verhaal in de MSC-ronde ‘{domain}’',
    draft: 'Rapportage ‘{title}’ is nog een concept',
    awaitingOne: '1 verhaal wacht op anonimiseren',
    awaiting: '{n} verhalen wachten op anonimiseren',
    record: 'Een verhaal vastleggen dat je hoorde of zelf meemaakte',
    admin: 'Beheer',
    users: '{n} accounts: team toevoegen of aanpassen',
    usersFirst: 'Alleen jij hebt een account. Maak accounts voor je team.',
    reports: 'Rapportages voor jou',
    noReports: 'Er zijn nog geen rapportages met je gedeeld. Je ziet ze hier zodra het team ze deelt.',
    version: 'versie {n}, {date}',
    '/projects': 'Projectplan, team, uren en indicatoren per project.',
    '/imports/cbs': 'Buurtcijfers van het CBS inlezen.',
    '/stories': 'Verhalen zoeken, lezen en vastleggen.',
    '/areas': 'Gemeenten, wijken en buurten.',
    '/organisation': 'De naam en het logo van de organisatie, op elke rapportage.',
    '/reports': 'Rapportages samenstellen, publiceren en delen.',
    '/reports-funder': 'De rapportages die met je gedeeld zijn.',
    '/tagging': 'Verhalen koppelen aan uitkomsten en het sociaal klimaat.',
    '/climate': 'Hoe het sociaal klimaat in de buurt verschuift.',
    '/msc': 'Most Significant Change: samen de belangrijkste verhalen kiezen, met de reden.',
    '/users': 'Accounts en rollen.',
    '/codes': 'De codes waarmee je passages in verhalen markeert.',
  },
  en: {
    hello: 'Welcome, {name}',
    intro: 'Weefwerk brings counting and telling together: numbers and stories about what changes in the neighbourhood.',
    go: 'Where do you want to go?',
    projects: 'Your projects',
    noProjectsWorker: 'You are not on a project yet. Ask your coordinator to add you.',
    start: 'Getting started',
    startIntro: 'Four steps, in this order. Then residents can tell their stories.',
    done: 'Done',
    later: 'After step {n}',
    step1: 'Add areas',
    why1: 'Projects, stories and figures belong to a district or neighbourhood. Start with the municipality and the districts and neighbourhoods you work in.',
    step2: 'Create a project',
    why2: 'A project brings the issue, the team, the hours and the stories together. Choose the areas it works in.',
    step3: 'Describe outcomes',
    why3: 'What does the project want to achieve? Stories and figures are linked to these outcomes later.',
    step4: 'Make a story link',
    why4: 'With a link or QR poster residents tell their story, without an account.',
    done1: '{n} area(s)',
    done2: '{n} project(s)',
    done3: '{n} outcome(s)',
    done4: '{n} link(s)',
    todo: 'To do',
    toTag: '{n} stories are waiting to be tagged',
    toTagOne: '1 story is waiting to be tagged',
    allTagged: 'All stories have been tagged.',
    hoursWeek: '{project}: {hours} hours this week',
    noHoursWeek: '{project}: no hours yet this week',
    emptyValues: '{project}: {n} indicator values for {periods} still empty',
    emptyValuesOne: '{project}: 1 indicator value for {periods} still empty',
    allValues: '{project}: all indicator values for {periods} filled in',
    msc: 'Choose your story in the MSC round ‘{domain}’',
    draft: 'Report ‘{title}’ is still a draft',
    awaitingOne: '1 story awaiting anonymisation',
    awaiting: '{n} stories awaiting anonymisation',
    record: 'Record a story you heard or lived yourself',
    admin: 'Administration',
    users: '{n} accounts: add or change your team',
    usersFirst: 'Only you have an account. Create accounts for your team.',
    reports: 'Reports for you',
    noReports: 'No reports have been shared with you yet. You will see them here as soon as the team shares them.',
    version: 'version {n}, {date}',
    '/projects': 'Project plan, team, hours and indicators per project.',
    '/imports/cbs': 'Read in neighbourhood figures from CBS.',
    '/stories': 'Find, read and record stories.',
    '/areas': 'Municipalities, districts and neighbourhoods.',
    '/organisation': "The organisation's name and logo, on every report.",
    '/reports': 'Put reports together, publish and share them.',
    '/reports-funder': 'The reports shared with you.',
    '/tagging': 'Link stories to outcomes and the social climate.',
    '/climate': 'How the social climate in the neighbourhood shifts.',
    '/msc': 'Most Significant Change: choose the most significant stories together, with the reason.',
    '/users': 'Accounts and roles.',
    '/codes': 'The codes you mark passages in stories with.',
  },
});

type Report = { id: number; title: string; latestVersion: number | null; latestPublishedAt: string | null };
type Setup = { areas: number; projects: number; outcomes: number; links: number; users: number; projectId: number | null };
type Work = { projectId: number; name: string; hoursThisWeek: number; emptyValues: number; periods: string[] };
type Home = { setup: Setup | null; toTag: number | null; work: Work[]; mscToPick: { id: number; domain: string }[]; drafts: { id: number; title: string }[] };

/** The start page: the first-run steps while setup is unfinished, then each role's recurring work with counts, one tap to each. */
@customElement('ww-home-page')
export class HomePage extends LitElement {
  @property({ attribute: false }) user: Me | null = null;
  @state() private home: Home | null = null;
  @state() private projects: { id: number; name: string }[] | null = null;
  @state() private reports: Report[] | null = null;
  /** Per draft report, the stories waiting for an anonymised version before they can be in it. */
  @state() private awaiting = new Map<number, number>();

  // Each part is extra: the page works (with its links) if one of them cannot be read, so this load never fails.
  private readonly loader = new PageLoader(this, () => this.load());

  private async load(): Promise<void> {
    if (!this.user) return;
    if (this.user.role === 'funder') {
      this.reports = await get<{ reports: Report[] }>('/api/reports').then(
        (r) => r.reports,
        () => null,
      );
      return;
    }
    const [home, projects] = await Promise.all([
      get<Home>('/api/home').catch(() => null),
      get<{ projects: { id: number; name: string }[] }>('/api/projects').then(
        (r) => r.projects,
        () => null,
      ),
    ]);
    this.home = home;
    this.projects = projects;
    const drafts = home?.drafts.slice(0, 5) ?? [];
    const counts = await Promise.all(
      drafts.map((d) =>
        get<{ count: number }>(`/api/reports/${d.id}/awaiting-review`).then(
          (r) => [d.id, r.count] as const,
          () => null,
        ),
      ),
    );
    this.awaiting = new Map(counts.filter((c): c is readonly [number, number] => c !== null));
  }

  /** Setup is unfinished while any of the four steps has nothing yet. */
  private get setupOpen(): boolean {
    const s = this.home?.setup;
    return !!s && (!s.areas || !s.projects || !s.outcomes || !s.links);
  }

  private renderSetup(s: Setup) {
    const pid = s.projectId;
    const steps = [
      { n: 1, count: s.areas, href: '/areas' },
      { n: 2, count: s.projects, href: '/projects/new' },
      { n: 3, count: s.outcomes, href: pid ? `/projects/${pid}/outcomes` : null },
      { n: 4, count: s.links, href: pid ? `/projects/${pid}/links` : null },
    ] as const;
    const next = steps.find((st) => !st.count)?.n ?? 5;
    return html`<section class="start" aria-labelledby="start-heading">
      <h2 id="start-heading">${t('start')}</h2>
      <p>${t('startIntro')}</p>
      <ol class="steps">
        ${steps.map((st) => {
          const title = t(`step${st.n}`);
          const state = st.count ? 'done' : st.n === next ? 'next' : 'later';
          return html`<li class=${state} aria-current=${state === 'next' ? 'step' : nothing}>
            <h3>${state === 'next' && st.href ? html`<a href=${st.href}>${title}</a>` : title}</h3>
            <p>${t(`why${st.n}`)}</p>
            <p class="status">${state === 'done' ? html`✓ ${t('done')}: ${t(`done${st.n}`, { n: st.count })}` : state === 'later' ? t('later', { n: next }) : nothing}</p>
          </li>`;
        })}
      </ol>
    </section>`;
  }

  private renderTodo(h: Home) {
    const items = [];
    const hasProjects = (this.projects?.length ?? h.setup?.projects ?? 0) > 0;
    if (h.toTag !== null && hasProjects)
      items.push(
        h.toTag === 0 ? html`<li>${t('allTagged')}</li>` : html`<li><a href="/tagging">${h.toTag === 1 ? t('toTagOne') : t('toTag', { n: h.toTag })}</a></li>`,
      );
    for (const r of h.mscToPick) items.push(html`<li><a href="/msc/${r.id}">${t('msc', { domain: r.domain })}</a></li>`);
    for (const w of h.work) {
      const hours = w.hoursThisWeek ? t('hoursWeek', { project: w.name, hours: formatHours(w.hoursThisWeek) }) : t('noHoursWeek', { project: w.name });
      items.push(html`<li><a href="/projects/${w.projectId}/hours">${hours}</a></li>`);
      if (w.periods.length) {
        const periods = w.periods.map((p) => formatPeriod(p)).join(', ');
        const text =
          w.emptyValues === 0
            ? t('allValues', { project: w.name, periods })
            : w.emptyValues === 1
              ? t('emptyValuesOne', { project: w.name, periods })
              : t('emptyValues', { project: w.name, n: w.emptyValues, periods });
        items.push(html`<li><a href="/projects/${w.projectId}/indicators">${text}</a></li>`);
      }
    }
    for (const d of h.drafts.slice(0, 5)) {
      const waiting = this.awaiting.get(d.id);
      items.push(
        html`<li><a href="/reports/${d.id}">${t('draft', { title: d.title })}</a>${waiting ? html` <span class="badge">${t(waiting === 1 ? 'awaitingOne' : 'awaiting', { n: waiting })}</span>` : nothing}</li>`,
      );
    }
    if (hasProjects) items.push(html`<li><a href="/stories/new">${t('record')}</a></li>`);
    if (!items.length) return nothing;
    return html`<h2>${t('todo')}</h2><ul class="todo">${items}</ul>`;
  }

  private renderAdmin(s: Setup) {
    return html`<h2>${t('admin')}</h2>
      <ul class="todo"><li><a href="/users">${s.users <= 1 ? t('usersFirst') : t('users', { n: s.users })}</a></li></ul>`;
  }

  private renderProjects() {
    if (!this.projects) return nothing;
    if (!this.projects.length) return isStaff(this.user?.role) ? nothing : html`<h2>${t('projects')}</h2><p>${t('noProjectsWorker')}</p>`;
    return html`<h2>${t('projects')}</h2>
      <ul>${this.projects.map((p) => html`<li><a href="/projects/${p.id}">${p.name}</a></li>`)}</ul>`;
  }

  private renderReports() {
    if (!this.reports) return nothing;
    const published = this.reports.filter((r) => r.latestVersion);
    return html`<h2>${t('reports')}</h2>
      ${
        published.length
          ? html`<ul>
            ${published.map(
              (r) =>
                html`<li><a data-reload href="/reports/${r.id}/versions/${r.latestVersion}">${r.title}</a> <span class="muted">(${t('version', { n: r.latestVersion!, date: formatDate(r.latestPublishedAt) })})</span></li>`,
            )}
          </ul>`
          : html`<p>${t('noReports')}</p>`
      }`;
  }

  override render() {
    const role = this.user?.role;
    const h = this.home;
    const items = this.user ? menuPages(this.user.role) : [];
    const describe = (path: string) => t((path === '/reports' && role === 'funder' ? '/reports-funder' : path) as '/projects');
    return html`
      <h1 tabindex="-1">${t('hello', { name: this.user?.name ?? '' })}</h1>
      <p>${t('intro')}</p>
      ${this.loader.status()}
      ${
        role === 'funder'
          ? this.renderReports()
          : html`${h?.setup && this.setupOpen ? this.renderSetup(h.setup) : nothing} ${h ? this.renderTodo(h) : nothing} ${role === 'admin' && h?.setup ? this.renderAdmin(h.setup) : nothing}
          ${this.renderProjects()}`
      }
      ${
        this.setupOpen
          ? nothing
          : html`<h2>${t('go')}</h2>
            <ul class="places">${items.map((r) => html`<li><a href=${r.path}>${r.nav![locale()]}</a> <span class="muted">${describe(r.path)}</span></li>`)}</ul>`
      }
    `;
  }

  static override styles = [
    pageStyles,
    css`
      ul { padding-left: 1.2rem; }
      li { margin: 0.25rem 0; }
      .places .muted { display: block; }
      ul.todo { list-style: none; padding: 0; display: grid; gap: 0.5rem; max-width: 48rem; }
      ul.todo a { display: inline-block; padding: 0.35rem 0; min-height: 44px; line-height: 1.4; }
      ol.steps { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.75rem; max-width: 48rem; counter-reset: step; }
      ol.steps li { counter-increment: step; border: 1px solid var(--ww-line); border-radius: var(--ww-radius); padding: 0.75rem 1rem 0.75rem 3.25rem; position: relative; background: var(--ww-surface); }
      ol.steps li::before { content: counter(step); position: absolute; left: 0.9rem; top: 0.8rem; width: 1.7rem; height: 1.7rem; border-radius: 50%; display: grid; place-items: center; font-weight: 700; border: 2px solid var(--ww-accent); color: var(--ww-accent); }
      ol.steps li.done::before { content: '✓'; background: var(--ww-accent); color: var(--ww-accent-ink); }
      ol.steps li.next { border: 2px solid var(--ww-accent); }
      ol.steps li.later { color: var(--ww-muted); }
      ol.steps h3 { margin: 0 0 0.25rem; font-size: 1.1rem; }
      ol.steps h3 a { display: inline-block; min-height: 44px; padding-top: 0.5rem; }
      ol.steps p { margin: 0.25rem 0; }
      ol.steps .status:empty { display: none; }
      ol.steps li { overflow-wrap: anywhere; min-width: 0; }
      /* Very narrow (a phone at 200% zoom): the number above the step instead of beside it. */
      @media (max-width: 22rem) {
        ol.steps li { padding: 0.75rem; }
        ol.steps li::before { position: static; margin-bottom: 0.25rem; }
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-home-page': HomePage;
  }
}
