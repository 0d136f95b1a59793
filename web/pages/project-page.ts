import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get } from '../api.js';
import { formatEuro, formatHours, messages } from '../i18n.js';
import { isStaff, type Area, type Project } from '../models.js';
import { roleName } from '../roles.js';
import type { Me } from '../session.js';
import { pageStyles } from '../components/shared-styles.js';
import '../components/phase-badge.js';
import '../components/ww-budget-summary.js';
import { period } from './projects-page.js';
import { refineTitle } from '../title.js';
import { PageLoader } from '../components/page-loader.js';

const t = messages({
  nl: {
    back: 'Alle projecten',
    edit: 'Project bewerken',
    loading: 'Project laden…',
    notFound: 'Dit project bestaat niet, of je hoort er niet bij.',
    failed: 'Het project kon niet worden geladen.',
    plan: 'Projectplan',
    vraagstuk: 'Vraagstuk',
    eigenaar: 'Eigenaar',
    betrokkenen: 'Betrokkenen',
    werkdoelen: 'Werkdoelen',
    planVanAanpak: 'Plan van aanpak',
    period: 'Looptijd',
    budget: 'Begroting',
    hours: '{n} uur',
    phase: 'Fase',
    areas: 'Gebieden',
    members: 'Team',
    noMembers: 'Nog niemand gekoppeld.',
    empty: 'Nog niet ingevuld.',
    work: 'Werken aan dit project',
    stories: 'Verhalen',
    links: 'Vertel-links en QR-codes',
    outcomes: 'Uitkomsten',
    tagging: 'Taggen',
    indicators: 'Indicatoren',
    hours_: 'Uren',
    qda: 'QDA-software (.qdpx)',
    use: 'Uren en geld tegen het plan',
  },
  en: {
    back: 'All projects',
    edit: 'Edit project',
    loading: 'Loading project…',
    notFound: 'This project does not exist, or you are not on it.',
    failed: 'The project could not be loaded.',
    plan: 'Project plan',
    vraagstuk: 'Issue (vraagstuk)',
    eigenaar: 'Owner (eigenaar)',
    betrokkenen: 'People involved',
    werkdoelen: 'Work goals',
    planVanAanpak: 'Plan of approach',
    period: 'Period',
    budget: 'Budget',
    hours: '{n} hours',
    phase: 'Phase',
    areas: 'Areas',
    members: 'Team',
    noMembers: 'Nobody on it yet.',
    empty: 'Not filled in yet.',
    work: 'Work on this project',
    stories: 'Stories',
    links: 'Story links and QR codes',
    outcomes: 'Outcomes',
    tagging: 'Tagging',
    indicators: 'Indicators',
    hours_: 'Hours',
    qda: 'QDA software (.qdpx)',
    use: 'Hours and money against the plan',
  },
});

/** One project: its plan, team and areas, and the way into the work on it. */
@customElement('ww-project-page')
export class ProjectPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @property({ attribute: false }) user: Me | null = null;
  @state() private project: Project | null = null;
  @state() private areas = new Map<number, Area>();
  private readonly loader = new PageLoader(
    this,
    async () => {
      const [p, a] = await Promise.all([
        get<{ project: Project }>(`/api/projects/${encodeURIComponent(this.params.id ?? '')}`),
        get<{ areas: Area[] }>('/api/areas'),
      ]);
      this.areas = new Map(a.areas.map((x) => [x.id, x]));
      this.project = p.project;
      refineTitle(this, p.project.name);
    },
    { loading: t('loading'), failed: (e) => (e instanceof ApiError && (e.status === 404 || e.status === 400) ? t('notFound') : t('failed')) },
  );

  private text(key: 'vraagstuk' | 'eigenaar' | 'betrokkenen' | 'werkdoelen' | 'planVanAanpak') {
    const value = this.project![key].trim();
    return html`<dt>${t(key)}</dt><dd class=${value ? '' : 'muted'}>${value || t('empty')}</dd>`;
  }

  override render() {
    if (this.loader.failed) return html`<h1 tabindex="-1">${t('back')}</h1>${this.loader.status()}<p><a href="/projects">${t('back')}</a></p>`;
    const p = this.project;
    if (!p) return this.loader.status();
    const budget = [p.budgetHours != null ? t('hours', { n: formatHours(p.budgetHours) }) : '', p.budgetEuros != null ? formatEuro(p.budgetEuros) : '']
      .filter(Boolean)
      .join(' · ');
    // Only pages this user may open (the whole team may: workers set a story link's question there).
    const links = [
      [`/stories?projectId=${p.id}`, t('stories')],
      [`/projects/${p.id}/links`, t('links')],
      [`/tagging?projectId=${p.id}`, t('tagging')],
      [`/projects/${p.id}/outcomes`, t('outcomes')],
      [`/projects/${p.id}/indicators`, t('indicators')],
      [`/projects/${p.id}/hours`, t('hours_')],
      [`/projects/${p.id}/qda`, t('qda')],
    ];
    return html`
      <p class="crumb"><a href="/projects">← ${t('back')}</a></p>
      <div class="head">
        <h1 tabindex="-1">${p.name}</h1>
        <ww-phase-badge .phase=${p.phase}></ww-phase-badge>
        ${isStaff(this.user?.role) ? html`<a class="button secondary" href="/projects/${p.id}/edit">${t('edit')}</a>` : nothing}
      </div>
      <nav aria-labelledby="work-heading" class="work">
        <h2 id="work-heading">${t('work')}</h2>
        <ul>${links.map(([href, label]) => html`<li><a class="button secondary" href=${href!}>${label}</a></li>`)}</ul>
      </nav>
      <section aria-labelledby="plan-heading">
        <h2 id="plan-heading">${t('plan')}</h2>
        <dl>
          ${this.text('vraagstuk')} ${this.text('eigenaar')} ${this.text('betrokkenen')} ${this.text('werkdoelen')} ${this.text('planVanAanpak')}
          <dt>${t('period')}</dt><dd>${period(p.startDate, p.endDate) || html`<span class="muted">${t('empty')}</span>`}</dd>
          <dt>${t('budget')}</dt><dd>${budget || html`<span class="muted">${t('empty')}</span>`}</dd>
          <dt>${t('areas')}</dt>
          <dd>${
            p.areaIds.length
              ? p.areaIds
                  .map((id) => this.areas.get(id))
                  .filter(Boolean)
                  // Names only: the CBS code is for area management (the areas page), not for the team.
                  .map((a) => a!.name)
                  .join(', ')
              : html`<span class="muted">${t('empty')}</span>`
          }</dd>
        </dl>
      </section>
      <section aria-labelledby="use-heading">
        <h2 id="use-heading">${t('use')}</h2>
        <ww-budget-summary .projectId=${p.id}></ww-budget-summary>
      </section>
      <section aria-labelledby="team-heading">
        <h2 id="team-heading">${t('members')}</h2>
        ${
          p.members.length
            ? html`<ul class="team">${p.members.map((m) => html`<li>${m.name} <span class="muted">(${roleName(m.role)})</span></li>`)}</ul>`
            : html`<p class="muted">${t('noMembers')}</p>`
        }
      </section>
    `;
  }

  static override styles = [
    pageStyles,
    css`
      .crumb { margin: 0 0 0.5rem; }
      .head { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
      .head h1 { margin: 0; }
      .work ul { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }
      .team { padding-left: 1.2rem; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-project-page': ProjectPage;
  }
}
