import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { get } from '../api.js';
import { pageStyles } from '../components/shared-styles.js';
import { PageLoader } from '../components/page-loader.js';
import { formatDate, messages } from '../i18n.js';
import { treeOrder, isStaff } from '../models.js';
import type { Me } from '../session.js';
import { badgeStyles, consentBadge, consentLevels, label, phases, sources, type Area, type ProjectSummary, type StorySummary } from '../stories.js';

const t = messages({
  nl: {
    title: 'Verhalen',
    newStory: 'Verhaal vastleggen',
    search: 'Zoeken',
    searchLabel: 'Zoek in titel en tekst',
    filters: 'Verhalen zoeken en filteren',
    more: 'Meer filters: gebied, fase, toestemming, bron, datum',
    project: 'Project',
    area: 'Gebied',
    phase: 'Fase',
    consent: 'Toestemming',
    source: 'Bron',
    from: 'Datum vanaf',
    to: 'Datum tot en met',
    any: 'Alle',
    withdrawn: 'Ook ingetrokken verhalen tonen (alleen de gegevens, geen tekst)',
    apply: 'Zoeken',
    reset: 'Filters wissen',
    results: 'Resultaten',
    count: '{n} verhalen gevonden',
    many: 'Meer dan {n} verhalen gevonden; de nieuwste eerst',
    one: '1 verhaal gevonden',
    none: 'Geen verhalen gevonden. Probeer andere zoekwoorden of minder filters.',
    loading: 'Zoeken…',
    failed: 'Zoeken lukt nu niet. Probeer het opnieuw.',
    by: 'verteld door {name}',
    anonymous: 'anoniem',
    prev: 'Vorige pagina',
    next: 'Volgende pagina',
    page: 'Pagina {n} van {of}',
    links: 'Links voor bewoners van dit project',
    notTagged: 'nog niet getagd',
    withdrawnStory: 'Ingetrokken verhaal {id}',
  },
  en: {
    title: 'Stories',
    newStory: 'Record a story',
    search: 'Search',
    searchLabel: 'Search in title and text',
    filters: 'Search and filter stories',
    more: 'More filters: area, phase, consent, source, date',
    project: 'Project',
    area: 'Area',
    phase: 'Phase',
    consent: 'Consent',
    source: 'Source',
    from: 'Date from',
    to: 'Date up to and including',
    any: 'All',
    withdrawn: 'Also show withdrawn stories (the record only, no text)',
    apply: 'Search',
    reset: 'Clear filters',
    results: 'Results',
    count: '{n} stories found',
    many: 'More than {n} stories found; newest first',
    one: '1 story found',
    none: 'No stories found. Try other words or fewer filters.',
    loading: 'Searching…',
    failed: 'Searching does not work right now. Please try again.',
    by: 'told by {name}',
    anonymous: 'anonymous',
    prev: 'Previous page',
    next: 'Next page',
    page: 'Page {n} of {of}',
    links: 'Resident links for this project',
    notTagged: 'not tagged yet',
    withdrawnStory: 'Withdrawn story {id}',
  },
});

const LIMIT = 20;
const filterKeys = ['q', 'projectId', 'areaId', 'phase', 'consent', 'source', 'from', 'to', 'includeWithdrawn'] as const;
type Filters = Partial<Record<(typeof filterKeys)[number] | 'offset', string>>;

function readFilters(): Filters {
  const p = new URLSearchParams(location.search);
  const f: Filters = {};
  for (const k of [...filterKeys, 'offset'] as const) {
    const v = p.get(k);
    if (v) f[k] = v;
  }
  return f;
}

function query(f: Filters): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  return p.toString();
}

/** All stories the user may see, with full-text search and filters kept in the address bar. */
@customElement('ww-stories-page')
export class StoriesPage extends LitElement {
  @property({ attribute: false }) user: Me | null = null;
  @state() private filters: Filters = readFilters();
  @state() private projects: ProjectSummary[] = [];
  @state() private areas: Area[] = [];
  @state() private stories: StorySummary[] | null = null;
  @state() private total = 0;
  @state() private totalCapped = false;
  private optionsLoaded = false;
  private readonly onPop = () => {
    this.filters = readFilters();
    void this.loader.run();
  };

  /** Each search is a run: the filters' options come with the first, and a newer search overtakes an older one. */
  private readonly loader = new PageLoader(this, () => Promise.all([this.loadOptions(), this.search()]), { loading: t('loading'), failed: t('failed') });

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPop);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPop);
  }

  private get staff(): boolean {
    return isStaff(this.user?.role);
  }

  private async loadOptions(): Promise<void> {
    if (this.optionsLoaded) return;
    const [p, a] = await Promise.all([get<{ projects: ProjectSummary[] }>('/api/projects'), get<{ areas: Area[] }>('/api/areas')]);
    this.projects = p.projects;
    this.areas = a.areas;
    this.optionsLoaded = true;
  }

  private async search(): Promise<void> {
    const res = await get<{ stories: StorySummary[]; total: number; totalCapped?: boolean }>(
      `/api/stories?${query({ ...this.filters, limit: String(LIMIT) } as Filters)}`,
    );
    this.stories = res.stories;
    this.total = res.total;
    this.totalCapped = Boolean(res.totalCapped);
  }

  private apply(e: SubmitEvent): void {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const f: Filters = {};
    for (const k of filterKeys) {
      const v = String(form.get(k) ?? '').trim();
      if (v) f[k] = v;
    }
    this.go(f);
  }

  private reset(): void {
    this.renderRoot.querySelector('form')?.reset();
    this.go({});
  }

  private go(f: Filters): void {
    this.filters = f;
    const qs = query(f);
    history.pushState(null, '', `/stories${qs ? `?${qs}` : ''}`);
    void this.loader.run();
  }

  private page(offset: number): void {
    this.go({ ...this.filters, offset: offset ? String(offset) : '' });
    this.renderRoot.querySelector<HTMLElement>('#results-title')?.focus();
  }

  private select(name: keyof Filters, text: string, options: { value: string; label: string }[]) {
    return html`<div class="field"><label for="filter-${name}">${text}</label>
      <select id="filter-${name}" name=${name}>
        <option value="">${t('any')}</option>
        ${options.map((o) => html`<option value=${o.value} ?selected=${this.filters[name] === o.value}>${o.label}</option>`)}
      </select>
    </div>`;
  }

  /** The secondary filters fold away on a phone, so the stories come first, unless one of them is in use. */
  private moreOpen(): boolean {
    const f = this.filters;
    return !!(f.areaId || f.phase || f.consent || f.source || f.from || f.to) || window.matchMedia('(min-width: 40rem)').matches;
  }

  override render() {
    const f = this.filters;
    const offset = Number(f.offset ?? 0);
    const pages = Math.max(1, Math.ceil(this.total / LIMIT));
    return html`
      <div class="head">
        <h1 tabindex="-1">${t('title')}</h1>
        <a class="button" href="/stories/new">${t('newStory')}</a>
      </div>
      <form role="search" aria-label=${t('filters')} @submit=${this.apply}>
        <div class="field q"><label for="filter-q">${t('searchLabel')}</label><input id="filter-q" type="search" name="q" .value=${f.q ?? ''} /></div>
        <div class="filters">
          ${this.select(
            'projectId',
            t('project'),
            this.projects.map((p) => ({ value: String(p.id), label: p.name })),
          )}
        </div>
        <details class="more" ?open=${this.moreOpen()}>
        <summary>${t('more')}</summary>
        <div class="filters">
          ${this.select(
            'areaId',
            t('area'),
            treeOrder(this.areas).map(({ area: a, depth }) => ({ value: String(a.id), label: '\u00a0\u00a0\u00a0'.repeat(depth) + a.name })),
          )}
          ${this.select(
            'phase',
            t('phase'),
            phases.map((p) => ({ value: p, label: label(p) })),
          )}
          ${this.select(
            'consent',
            t('consent'),
            consentLevels.map((c) => ({ value: c, label: label(c) })),
          )}
          ${this.select(
            'source',
            t('source'),
            sources.map((c) => ({ value: c, label: label(c) })),
          )}
          <div class="field"><label for="filter-from">${t('from')}</label><input id="filter-from" type="date" name="from" .value=${f.from ?? ''} /></div>
          <div class="field"><label for="filter-to">${t('to')}</label><input id="filter-to" type="date" name="to" .value=${f.to ?? ''} /></div>
        </div>
        </details>
        ${
          this.staff
            ? html`<label class="check"><input type="checkbox" name="includeWithdrawn" value="true" ?checked=${f.includeWithdrawn === 'true'} />${t('withdrawn')}</label>`
            : nothing
        }
        <div class="actions">
          <button type="submit">${t('apply')}</button>
          <button type="button" class="secondary" @click=${this.reset}>${t('reset')}</button>
          ${this.staff && f.projectId ? html`<a href="/projects/${f.projectId}/links">${t('links')}</a>` : nothing}
        </div>
      </form>

      <h2 id="results-title" tabindex="-1">${t('results')}</h2>
      <p role="status" class="muted">
        ${this.loader.loading ? t('loading') : this.loader.failed ? nothing : this.stories ? (this.total === 1 ? t('one') : this.totalCapped ? t('many', { n: this.total }) : this.total ? t('count', { n: this.total }) : t('none')) : nothing}
      </p>
      ${this.loader.failed ? this.loader.status() : nothing}
      ${
        this.stories?.length
          ? html`<ol class="results" aria-labelledby="results-title">
            ${this.stories.map((s) => this.renderStory(s))}
          </ol>`
          : nothing
      }
      ${
        pages > 1
          ? html`<nav class="actions pager" aria-label=${t('page', { n: Math.floor(offset / LIMIT) + 1, of: pages })}>
            <span>${t('page', { n: Math.floor(offset / LIMIT) + 1, of: pages })}</span>
            ${offset > 0 ? html`<button type="button" class="secondary" @click=${() => this.page(Math.max(0, offset - LIMIT))}>${t('prev')}</button>` : nothing}
            ${offset + LIMIT < this.total ? html`<button type="button" class="secondary" @click=${() => this.page(offset + LIMIT)}>${t('next')}</button>` : nothing}
          </nav>`
          : nothing
      }
    `;
  }

  private renderStory(s: StorySummary) {
    const meta = [
      s.projectName,
      s.areaName,
      s.happenedOn ? formatDate(s.happenedOn) : formatDate(s.createdAt),
      s.phase ? label(s.phase) : null,
      label(s.source),
    ].filter(Boolean);
    return html`<li>
      <article class="story">
        <h3><a href="/stories/${s.id}">${s.title || t('withdrawnStory', { id: s.id })}</a></h3>
        <p class="meta muted">${meta.join(' · ')} · ${s.tellerName ? t('by', { name: s.tellerName }) : t('anonymous')}</p>
        ${s.withdrawnAt ? nothing : html`<p class="excerpt">${s.excerpt}</p>`}
        <p class="badges">${consentBadge(s.consent, s.withdrawnAt)} ${this.staff && !s.tagged && !s.withdrawnAt ? html`<span class="badge">${t('notTagged')}</span>` : nothing}</p>
      </article>
    </li>`;
  }

  static override styles = [
    pageStyles,
    badgeStyles,
    css`
      .head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.5rem 1rem; }
      .head h1 { margin: 0; }
      form { max-width: none; margin-top: 1rem; }
      .q { max-width: 40rem; }
      details.more { margin: 0.75rem 0; }
      details.more summary { cursor: pointer; font-weight: 600; color: var(--ww-accent); padding: 0.6rem 0; }
      details.more[open] summary { margin-bottom: 0.5rem; }
      .filters { display: grid; gap: 0.75rem 1rem; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); }
      .check { display: flex; gap: 0.5rem; align-items: center; font-weight: 400; }
      .results { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.75rem; }
      .story { background: var(--ww-surface); border: 1px solid var(--ww-line); border-radius: var(--ww-radius); padding: 0.75rem 1rem; }
      .story h3 { margin: 0 0 0.25rem; font-size: 1.1rem; }
      .story p { margin: 0.25rem 0; }
      .excerpt { overflow-wrap: anywhere; }
      h2:focus { outline: none; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-stories-page': StoriesPage;
  }
}
