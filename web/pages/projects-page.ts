import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { get } from '../api.js';
import { formatDate, messages } from '../i18n.js';
import { isStaff, type Area, type ProjectSummary } from '../models.js';
import type { Me } from '../session.js';
import { pageStyles } from '../components/shared-styles.js';
import '../components/phase-badge.js';
import { PageLoader } from '../components/page-loader.js';

const t = messages({
  nl: {
    title: 'Projecten',
    add: 'Nieuw project',
    loading: 'Projecten laden…',
    failed: 'De projecten konden niet worden geladen.',
    noneStaff: 'Er zijn nog geen projecten. Maak het eerste project aan.',
    noneWorker: 'Je bent nog aan geen project gekoppeld. Vraag je coördinator je toe te voegen.',
    period: 'Looptijd',
    areas: 'Gebieden',
    from: 'vanaf {date}',
    until: 'tot {date}',
    filter: 'Zoek op naam',
    count: '{n} projecten',
  },
  en: {
    title: 'Projects',
    add: 'New project',
    loading: 'Loading projects…',
    failed: 'The projects could not be loaded.',
    noneStaff: 'There are no projects yet. Create the first one.',
    noneWorker: 'You are not on any project yet. Ask your coordinator to add you.',
    period: 'Period',
    areas: 'Areas',
    from: 'from {date}',
    until: 'until {date}',
    filter: 'Search by name',
    count: '{n} projects',
  },
});

export function period(start: string | null, end: string | null): string {
  if (start && end) return `${formatDate(start)} – ${formatDate(end)}`;
  if (start) return t('from', { date: formatDate(start) });
  if (end) return t('until', { date: formatDate(end) });
  return '';
}

/** The projects the user may see: all for staff, their own for workers. */
@customElement('ww-projects-page')
export class ProjectsPage extends LitElement {
  @property({ attribute: false }) user: Me | null = null;
  @state() private projects: ProjectSummary[] | null = null;
  @state() private areas = new Map<number, Area>();
  @state() private query = '';

  private readonly loader = new PageLoader(
    this,
    async () => {
      const [p, a] = await Promise.all([get<{ projects: ProjectSummary[] }>('/api/projects'), get<{ areas: Area[] }>('/api/areas')]);
      this.areas = new Map(a.areas.map((x) => [x.id, x]));
      this.projects = p.projects;
    },
    { loading: t('loading'), failed: t('failed') },
  );

  override render() {
    const staff = isStaff(this.user?.role);
    const shown = (this.projects ?? []).filter((p) => p.name.toLowerCase().includes(this.query.trim().toLowerCase()));
    return html`
      <div class="head">
        <h1 tabindex="-1">${t('title')}</h1>
        ${staff ? html`<a class="button" href="/projects/new">${t('add')}</a>` : nothing}
      </div>
      ${this.loader.status()}
      ${this.projects?.length === 0 ? html`<p>${staff ? t('noneStaff') : t('noneWorker')}</p>` : nothing}
      ${
        this.projects && this.projects.length > 6
          ? html`<label class="search">${t('filter')}<input type="search" .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} /></label>
            <p class="muted" role="status">${t('count', { n: shown.length })}</p>`
          : nothing
      }
      <ul class="list">
        ${shown.map(
          (p) => html`<li class="card">
            <h2><a href="/projects/${p.id}">${p.name}</a></h2>
            <ww-phase-badge .phase=${p.phase}></ww-phase-badge>
            ${p.startDate || p.endDate ? html`<p><span class="muted">${t('period')}:</span> ${period(p.startDate, p.endDate)}</p>` : nothing}
            ${
              p.areaIds.length
                ? html`<p><span class="muted">${t('areas')}:</span> ${p.areaIds
                    .map((id) => this.areas.get(id)?.name)
                    .filter(Boolean)
                    .join(', ')}</p>`
                : nothing
            }
          </li>`,
        )}
      </ul>
    `;
  }

  static override styles = [
    pageStyles,
    css`
      .head { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; margin-bottom: 1rem; }
      .head h1 { margin: 0; }
      .list { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); }
      .list h2 { margin: 0 0 0.4rem; font-size: 1.15rem; }
      .list p { margin: 0.4rem 0 0; }
      .search { max-width: 24rem; margin-bottom: 0.25rem; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-projects-page': ProjectsPage;
  }
}
