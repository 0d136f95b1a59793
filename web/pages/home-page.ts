import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { get } from '../api.js';
import { formatDate, locale, messages } from '../i18n.js';
import { isStaff } from '../models.js';
import { routes } from '../routes.js';
import type { Me } from '../session.js';
import { pageStyles } from '../components/shared-styles.js';

const t = messages({
  nl: {
    hello: 'Welkom, {name}', intro: 'Weefwerk bundelt tellen en vertellen: cijfers en verhalen over wat er verandert in de buurt.', go: 'Waar wil je heen?',
    projects: 'Je projecten', noProjectsStaff: 'Er zijn nog geen projecten.', firstProject: 'Maak het eerste project.',
    noProjectsWorker: 'Je bent nog niet aan een project gekoppeld. Vraag je coördinator om je toe te voegen.',
    todo: 'Te doen', toTag: '{n} verhalen wachten op taggen', toTagOne: '1 verhaal wacht op taggen', toTagMany: '{n} of meer verhalen wachten op taggen', allTagged: 'Alle verhalen zijn getagd.',
    record: 'Een verhaal vastleggen dat je hoorde of zelf meemaakte',
    reports: 'Rapportages voor u', noReports: 'Er zijn nog geen rapportages met u gedeeld. U krijgt ze te zien zodra het team ze deelt.', version: 'versie {n}, {date}',
    '/projects': 'Projectplan, team, uren en indicatoren per project.', '/imports/cbs': 'Buurtcijfers van het CBS inlezen.', '/stories': 'Verhalen zoeken, lezen en vastleggen.',
    '/areas': 'Gemeenten, wijken en buurten.', '/reports': 'Rapportages samenstellen, publiceren en delen.', '/reports-funder': 'De rapportages die met u gedeeld zijn.',
    '/tagging': 'Verhalen koppelen aan uitkomsten en het sociaal klimaat.', '/climate': 'Hoe het sociaal klimaat in de buurt verschuift.',
    '/msc': 'Most Significant Change: samen de belangrijkste verhalen kiezen, met de reden.', '/users': 'Accounts en rollen.',
  },
  en: {
    hello: 'Welcome, {name}', intro: 'Weefwerk brings counting and telling together: numbers and stories about what changes in the neighbourhood.', go: 'Where do you want to go?',
    projects: 'Your projects', noProjectsStaff: 'There are no projects yet.', firstProject: 'Create the first project.',
    noProjectsWorker: 'You are not on a project yet. Ask your coordinator to add you.',
    todo: 'To do', toTag: '{n} stories are waiting to be tagged', toTagOne: '1 story is waiting to be tagged', toTagMany: '{n} or more stories are waiting to be tagged', allTagged: 'All stories have been tagged.',
    record: 'Record a story you heard or lived yourself',
    reports: 'Reports for you', noReports: 'No reports have been shared with you yet. You will see them as soon as the team shares them.', version: 'version {n}, {date}',
    '/projects': 'Project plan, team, hours and indicators per project.', '/imports/cbs': 'Read in neighbourhood figures from CBS.', '/stories': 'Find, read and record stories.',
    '/areas': 'Municipalities, districts and neighbourhoods.', '/reports': 'Put reports together, publish and share them.', '/reports-funder': 'The reports shared with you.',
    '/tagging': 'Link stories to outcomes and the social climate.', '/climate': 'How the social climate in the neighbourhood shifts.',
    '/msc': 'Most Significant Change: choose the most significant stories together, with the reason.', '/users': 'Accounts and roles.',
  },
});

type Report = { id: number; title: string; latestVersion: number | null; latestPublishedAt: string | null };
// The inbox carries each story's text: the home page asks for a count's worth, not the whole backlog.
const INBOX_LIMIT = 100;

/** The start page: what is waiting for this user, their projects or reports, and where everything is. */
@customElement('ww-home-page')
export class HomePage extends LitElement {
  @property({ attribute: false }) user: Me | null = null;
  @state() private projects: { id: number; name: string }[] | null = null;
  @state() private toTag: number | null = null;
  @state() private reports: Report[] | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  // Each part is extra: the page works (with its links) if one of them cannot be read.
  private async load(): Promise<void> {
    if (!this.user) return;
    if (this.user.role === 'funder') {
      this.reports = await get<{ reports: Report[] }>('/api/reports').then((r) => r.reports, () => null);
      return;
    }
    const [projects, inbox] = await Promise.all([
      get<{ projects: { id: number; name: string }[] }>('/api/projects').then((r) => r.projects, () => null),
      get<{ stories: unknown[] }>(`/api/tagging/inbox?limit=${INBOX_LIMIT}`).then((r) => r.stories.length, () => null),
    ]);
    this.projects = projects;
    this.toTag = inbox;
  }

  private renderProjects() {
    if (!this.projects) return nothing;
    const staff = isStaff(this.user?.role);
    return html`<h2>${t('projects')}</h2>
      ${this.projects.length
        ? html`<ul>${this.projects.map((p) => html`<li><a href="/projects/${p.id}">${p.name}</a></li>`)}</ul>`
        : staff
          ? html`<p>${t('noProjectsStaff')} <a href="/projects/new">${t('firstProject')}</a></p>`
          : html`<p>${t('noProjectsWorker')}</p>`}`;
  }

  private renderTodo() {
    const n = this.toTag;
    return html`<h2>${t('todo')}</h2>
      <ul>
        ${n === null
          ? nothing
          : n === 0
            ? html`<li>${t('allTagged')}</li>`
            : html`<li><a href="/tagging">${n >= INBOX_LIMIT ? t('toTagMany', { n: INBOX_LIMIT }) : n === 1 ? t('toTagOne') : t('toTag', { n })}</a></li>`}
        <li><a href="/stories/new">${t('record')}</a></li>
      </ul>`;
  }

  private renderReports() {
    if (!this.reports) return nothing;
    const published = this.reports.filter((r) => r.latestVersion);
    return html`<h2>${t('reports')}</h2>
      ${published.length
        ? html`<ul>
            ${published.map(
              (r) => html`<li><a data-reload href="/reports/${r.id}/versions/${r.latestVersion}">${r.title}</a> <span class="muted">(${t('version', { n: r.latestVersion!, date: formatDate(r.latestPublishedAt) })})</span></li>`,
            )}
          </ul>`
        : html`<p>${t('noReports')}</p>`}`;
  }

  override render() {
    const role = this.user?.role;
    const items = routes.filter((r) => r.nav && this.user && r.roles?.includes(this.user.role));
    const describe = (path: string) => t((path === '/reports' && role === 'funder' ? '/reports-funder' : path) as '/projects');
    return html`
      <h1 tabindex="-1">${t('hello', { name: this.user?.name ?? '' })}</h1>
      <p>${t('intro')}</p>
      ${role === 'funder' ? this.renderReports() : html`${this.renderTodo()} ${this.renderProjects()}`}
      <h2>${t('go')}</h2>
      <ul class="places">${items.map((r) => html`<li><a href=${r.path}>${r.nav![locale()]}</a> <span class="muted">${describe(r.path)}</span></li>`)}</ul>
    `;
  }

  static override styles = [
    pageStyles,
    css`
      ul { padding-left: 1.2rem; }
      li { margin: 0.25rem 0; }
      .places .muted { display: block; }
    `,
  ];
}
