import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get } from '../api.js';
import '../components/climate-pattern.js';
import { regionRange, type Region } from '../components/climate-pattern.js';
import { pageStyles } from '../components/shared-styles.js';
import { PageLoader } from '../components/page-loader.js';
import { fieldError, formField } from '../components/form-field.js';
import { formatDate, formatNumber, formatPeriod, formatScore, locale, messages } from '../i18n.js';
import type { Me } from '../session.js';
import type { Distribution, Variable } from '../sensemaking-types.js';
import { tableRegion } from '../components/table-region.js';
import { breakBeforeYear } from '../../db/domain/periods.js';

const t = messages({
  nl: {
    title: 'Sociaal klimaat door de tijd',
    intro:
      'Waar plaatsen vertellers en coördinatoren de verhalen op de lijnen tussen de zwakke en de sterke pool? Ingetrokken verhalen tellen nooit mee; een wijk telt met haar buurten.',
    area: 'Gebied',
    allAreas: 'Alle gebieden',
    project: 'Project',
    allProjects: 'Alle projecten',
    variable: 'Variabele',
    allVariables: 'Alle variabelen',
    period: 'Per',
    month: 'maand',
    quarter: 'kwartaal',
    year: 'jaar',
    from: 'Van',
    to: 'Tot en met',
    periodHint: 'Van en tot en met: een datum of een periode, bijvoorbeeld K1 2026 of maart 2026.',
    show: 'Toon',
    none: 'Nog geen plaatsingen voor deze keuze.',
    tableCaption: '{name}: verdeling per periode',
    colPeriod: 'Periode',
    colWho: 'Wie',
    colN: 'Verhalen',
    colMean: 'Gemiddelde',
    colMedian: 'Mediaan',
    colBins: 'Aantal verhalen per stuk van de lijn',
    showRegion: '{n} verhalen tonen: {who}, {period}, {range}',
    regionTitle: '{who}, {period}, {range} op de lijn',
    regionCount: '{total} verhalen; je ziet alleen verhalen die je mag lezen.',
    regionMore: 'De eerste {shown} van {total} verhalen.',
    regionNone: 'Hier staan geen verhalen die je mag lezen.',
    regionClose: 'Lijst sluiten',
    position: 'positie {p}',
    colNa: 'Past niet',
    colShift: 'Verschil met de periode ervoor',
    tellers: 'Vertellers',
    coordinators: 'Coördinatoren',
    agreement: 'Vertellers en coördinatoren naast elkaar',
    agreementIntro: 'Over verhalen die zowel de verteller als een coördinator plaatste.',
    colVariable: 'Variabele',
    colMeanT: 'Gem. verteller',
    colMeanC: 'Gem. coördinator',
    colMad: 'Gem. verschil (punten)',
    colWithin: 'Binnen 15 punten',
    noAgreement: 'Nog geen verhalen die door beide geplaatst zijn.',
    failed: 'Laden lukte niet: {msg}',
  },
  en: {
    title: 'Social climate over time',
    intro:
      'Where do tellers and coordinators place the stories on the lines between the weak and the strong pole? Withdrawn stories never count; a wijk counts with its buurten.',
    area: 'Area',
    allAreas: 'All areas',
    project: 'Project',
    allProjects: 'All projects',
    variable: 'Variable',
    allVariables: 'All variables',
    period: 'Per',
    month: 'month',
    quarter: 'quarter',
    year: 'year',
    from: 'From',
    to: 'Up to and including',
    periodHint: 'From and up to: a date or a period, for example Q1 2026 or March 2026.',
    show: 'Show',
    none: 'No placements yet for this choice.',
    tableCaption: '{name}: distribution per period',
    colPeriod: 'Period',
    colWho: 'Who',
    colN: 'Stories',
    colMean: 'Mean',
    colMedian: 'Median',
    colBins: 'Stories per part of the line',
    showRegion: 'Show {n} stories: {who}, {period}, {range}',
    regionTitle: '{who}, {period}, {range} on the line',
    regionCount: '{total} stories; you only see stories you may read.',
    regionMore: 'The first {shown} of {total} stories.',
    regionNone: 'No stories here that you may read.',
    regionClose: 'Close list',
    position: 'position {p}',
    colNa: 'Does not apply',
    colShift: 'Change from the period before',
    tellers: 'Tellers',
    coordinators: 'Coordinators',
    agreement: 'Tellers and coordinators side by side',
    agreementIntro: 'Over stories placed both by their teller and by a coordinator.',
    colVariable: 'Variable',
    colMeanT: 'Mean teller',
    colMeanC: 'Mean coordinator',
    colMad: 'Mean difference (points)',
    colWithin: 'Within 15 points',
    noAgreement: 'No stories placed by both yet.',
    failed: 'Loading failed: {msg}',
  },
});

type Series = {
  variableId: number;
  variable: Variable;
  periods: { period: string; teller: Distribution; coordinator: Distribution; shift: { teller: number | null; coordinator: number | null } }[];
};
type RegionStory = { id: number; title: string; projectName: string; areaName: string | null; date: string; position: number };
type Agreement = {
  variableId: number;
  variable: Variable;
  n: number;
  meanTeller: number;
  meanCoordinator: number;
  meanAbsoluteDifference: number;
  within15: number;
};

/** Climate over time: chart and table per variable, and the teller–coordinator agreement. */
@customElement('ww-climate-page')
export class ClimatePage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @property({ attribute: false }) user: Me | null = null;
  @state() private areas: { id: number; name: string; kind: string }[] = [];
  @state() private projects: { id: number; name: string }[] = [];
  @state() private variables: Variable[] = [];
  @state() private series: Series[] = [];
  @state() private agreement: Agreement[] = [];
  /** The chosen region of a pattern and the stories in it. */
  @state() private region: (Region & { variableId: number; total?: number; stories?: RegionStory[]; error?: string }) | null = null;
  private filter = new URLSearchParams(location.search);

  private optionsLoaded = false;

  /** The filters' options with the first run, then the series and the agreement for the current filter. */
  private readonly loader = new PageLoader(this, () => Promise.all([this.loadOptions(), this.load()]), {
    failed: (e) => t('failed', { msg: e instanceof ApiError ? e.message : String(e) }),
  });

  private async loadOptions() {
    if (this.optionsLoaded) return;
    const [areas, projects, variables] = await Promise.all([
      get<{ areas: { id: number; name: string; kind: string }[] }>('/api/areas'),
      get<{ projects: { id: number; name: string }[] }>('/api/projects'),
      get<{ variables: Variable[] }>('/api/climate-variables?includeRetired=true'),
    ]);
    this.areas = areas.areas;
    this.projects = projects.projects;
    this.variables = variables.variables;
    this.optionsLoaded = true;
  }

  private async load() {
    const q = new URLSearchParams();
    for (const k of ['areaId', 'projectId', 'variableId', 'period', 'from', 'to']) {
      const v = this.filter.get(k);
      if (v) q.set(k, v);
    }
    const agreementQ = new URLSearchParams(q);
    agreementQ.delete('period');
    agreementQ.delete('variableId');
    const [climate, agreement] = await Promise.all([
      get<{ series: Series[] }>(`/api/climate?${q}`),
      get<{ variables: Agreement[] }>(`/api/climate/agreement?${agreementQ}`),
    ]).catch((err: unknown) => {
      // A filter the server refuses shows nothing rather than the figures of the filter before.
      this.series = [];
      this.agreement = [];
      throw err;
    });
    this.series = climate.series;
    this.agreement = this.filter.get('variableId')
      ? agreement.variables.filter((a) => String(a.variableId) === this.filter.get('variableId'))
      : agreement.variables;
  }

  private submit(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this.filter = new URLSearchParams();
    for (const [k, v] of form) if (String(v).trim()) this.filter.set(k, String(v).trim());
    history.replaceState(null, '', `/climate?${this.filter}`);
    this.region = null;
    void this.loader.run();
  }

  private async openRegion(variableId: number, r: Region) {
    this.region = { variableId, ...r };
    const q = new URLSearchParams({ variableId: String(variableId), source: r.source, period: r.period, bin: String(r.bin) });
    for (const k of ['areaId', 'projectId', 'from', 'to']) {
      const v = this.filter.get(k);
      if (v) q.set(k, v);
    }
    try {
      const res = await get<{ total: number; stories: RegionStory[] }>(`/api/climate/stories?${q}`);
      if (this.region?.variableId === variableId && this.region.period === r.period && this.region.source === r.source && this.region.bin === r.bin)
        this.region = { ...this.region, ...res };
    } catch (e) {
      this.region = { variableId, ...r, error: t('failed', { msg: e instanceof ApiError ? e.message : String(e) }) };
    }
  }

  private renderRegion() {
    const r = this.region!;
    const who = r.source === 'teller' ? t('tellers') : t('coordinators');
    return html`<section class="region" aria-labelledby="region-title">
      <h3 id="region-title">${t('regionTitle', { who, period: formatPeriod(r.period), range: regionRange(r.bin) })}</h3>
      <div role="status">
        ${
          r.error
            ? html`<p class="error">${r.error}</p>`
            : r.stories === undefined
              ? nothing
              : html`<p>${r.total ? (r.stories.length < r.total ? t('regionMore', { shown: r.stories.length, total: r.total }) : t('regionCount', { total: r.total })) : t('regionNone')}</p>`
        }
      </div>
      ${
        r.stories?.length
          ? html`<ul>
            ${r.stories.map(
              (s) => html`<li>
                <a href="/stories/${s.id}">${s.title}</a>
                <span class="muted">${[s.projectName, s.areaName, formatDate(s.date), t('position', { p: s.position })].filter(Boolean).join(' · ')}</span>
              </li>`,
            )}
          </ul>`
          : nothing
      }
      <button type="button" class="secondary" @click=${() => (this.region = null)}>${t('regionClose')}</button>
    </section>`;
  }

  private name(v: Variable) {
    return locale() === 'nl' ? v.nameNl : v.nameEn;
  }

  /** The line's name opening a heading or caption: with a capital, as the report writes it ("Atmosphere"). */
  private heading(v: Variable) {
    const name = this.name(v);
    return name.charAt(0).toUpperCase() + name.slice(1);
  }

  private renderSeries(s: Series) {
    const lang = locale();
    const weak = lang === 'nl' ? s.variable.weakNl : s.variable.weakEn;
    const strong = lang === 'nl' ? s.variable.strongNl : s.variable.strongEn;
    const fmtShift = (x: number | null) => (x === null ? '–' : `${x > 0 ? '+' : ''}${formatScore(x)}`);
    const sel = this.region?.variableId === s.variableId ? this.region : null;
    const row = (period: string, source: 'teller' | 'coordinator', d: Distribution, shift: number | null, first: boolean) => {
      const who = source === 'teller' ? t('tellers') : t('coordinators');
      return html`<tr>
        ${first ? html`<th scope="rowgroup" rowspan="2">${breakBeforeYear(formatPeriod(period))}</th>` : nothing}
        <th scope="row">${who}</th>
        <td>${d.n}</td>
        <td>${formatScore(d.mean)}</td>
        <td>${formatScore(d.median)}</td>
        ${d.bins.map(
          (n, bin) =>
            html`<td>
              ${
                n
                  ? html`<button
                    type="button"
                    class="count"
                    aria-label=${t('showRegion', { n, who, period: formatPeriod(period), range: regionRange(bin) })}
                    aria-pressed=${sel?.period === period && sel.source === source && sel.bin === bin ? 'true' : 'false'}
                    @click=${() => this.openRegion(s.variableId, { period, source, bin })}
                  >
                    ${n}
                  </button>`
                  : '0'
              }
            </td>`,
        )}
        <td>${d.notApplicable}</td>
        <td>${fmtShift(shift)}</td>
      </tr>`;
    };
    return html`<section class="card">
      <h2>${this.heading(s.variable)}</h2>
      <ww-climate-pattern
        .periods=${s.periods}
        .selected=${sel}
        label=${this.name(s.variable)}
        weak=${weak}
        strong=${strong}
        @ww-region=${(e: CustomEvent<Region>) => this.openRegion(s.variableId, e.detail)}
      ></ww-climate-pattern>
      ${sel ? this.renderRegion() : nothing}
      ${tableRegion(
        t('tableCaption', { name: this.heading(s.variable) }),
        html`<table>
          <caption>${t('tableCaption', { name: this.heading(s.variable) })}</caption>
          <thead>
            <tr>
              <th scope="col">${t('colPeriod')}</th>
              <th scope="col">${t('colWho')}</th>
              <th scope="col">${t('colN')}</th>
              <th scope="col">${t('colMean')}</th>
              <th scope="col">${t('colMedian')}</th>
              ${[0, 1, 2, 3, 4].map((bin) => html`<th scope="col"><span class="visually-hidden">${t('colBins')}: </span>${regionRange(bin)}</th>`)}
              <th scope="col">${t('colNa')}</th>
              <th scope="col">${t('colShift')}</th>
            </tr>
          </thead>
          <tbody>
            ${s.periods.map((p) => html`${row(p.period, 'teller', p.teller, p.shift.teller, true)}${row(p.period, 'coordinator', p.coordinator, p.shift.coordinator, false)}`)}
          </tbody>
        </table>`,
      )}
    </section>`;
  }

  override render() {
    const f = this.filter;
    const e = this.loader.error instanceof ApiError ? this.loader.error : null;
    return html`
      <h1 tabindex="-1">${t('title')}</h1>
      <p>${t('intro')}</p>
      <form class="filters" @submit=${this.submit}>
        <label
          >${t('area')}<select name="areaId">
            <option value="">${t('allAreas')}</option>
            ${this.areas.map((a) => html`<option value=${a.id} ?selected=${f.get('areaId') === String(a.id)}>${a.name} (${a.kind})</option>`)}
          </select></label
        >
        <label
          >${t('project')}<select name="projectId">
            <option value="">${t('allProjects')}</option>
            ${this.projects.map((p) => html`<option value=${p.id} ?selected=${f.get('projectId') === String(p.id)}>${p.name}</option>`)}
          </select></label
        >
        <label
          >${t('variable')}<select name="variableId">
            <option value="">${t('allVariables')}</option>
            ${this.variables.map((v) => html`<option value=${v.id} ?selected=${f.get('variableId') === String(v.id)}>${this.name(v)}</option>`)}
          </select></label
        >
        <label
          >${t('period')}<select name="period">
            ${(['quarter', 'month', 'year'] as const).map((p) => html`<option value=${p} ?selected=${(f.get('period') ?? 'quarter') === p}>${t(p)}</option>`)}
          </select></label
        >
        ${(['from', 'to'] as const).map((k) =>
          formField(
            { id: k, label: t(k), error: e },
            (x) => html`<input id=${x.id} name=${k} .value=${f.get(k) ?? ''} aria-invalid=${x.invalid} aria-describedby="period-hint ${x.describedBy}" />`,
          ),
        )}
        <p class="hint" id="period-hint">${t('periodHint')}</p>
        <div class="actions"><button type="submit">${t('show')}</button></div>
      </form>
      ${
        e?.status === 400 && (fieldError(e, 'from') || fieldError(e, 'to'))
          ? html`<p role="alert" class="notice error">${this.loader.message()}</p>` /* a filter to correct: trying again would not help */
          : this.loader.status()
      }
      ${this.loader.ready && !this.series.length ? html`<p>${t('none')}</p>` : nothing}
      <div class="series">${this.series.map((s) => this.renderSeries(s))}</div>
      <h2>${t('agreement')}</h2>
      <p>${t('agreementIntro')}</p>
      ${
        this.agreement.length
          ? tableRegion(
              t('agreement'),
              html`<table>
              <thead>
                <tr>
                  <th scope="col">${t('colVariable')}</th>
                  <th scope="col">${t('colN')}</th>
                  <th scope="col">${t('colMeanT')}</th>
                  <th scope="col">${t('colMeanC')}</th>
                  <th scope="col">${t('colMad')}</th>
                  <th scope="col">${t('colWithin')}</th>
                </tr>
              </thead>
              <tbody>
                ${this.agreement.map(
                  (a) => html`<tr>
                    <th scope="row">${this.name(a.variable)}</th>
                    <td>${a.n}</td>
                    <td>${formatScore(a.meanTeller)}</td>
                    <td>${formatScore(a.meanCoordinator)}</td>
                    <td>${formatScore(a.meanAbsoluteDifference)}</td>
                    <td>${formatNumber(a.within15 * 100)}%</td>
                  </tr>`,
                )}
              </tbody>
            </table>`,
            )
          : html`<p class="muted">${t('noAgreement')}</p>`
      }
    `;
  }

  static override styles = [
    pageStyles,
    css`
      * { box-sizing: border-box; }
      .filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); max-width: none; align-items: end; }
      .filters #period-hint { grid-column: 1 / -1; margin: -0.5rem 0 0; }
      .series { display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr); }
      caption { text-align: left; font-weight: 600; padding: 0.5rem 0; }
      td { font-variant-numeric: tabular-nums; }
      /* short heads on one line: a narrow column would stack a long one word by word */
      .series thead th { white-space: nowrap; vertical-align: bottom; }
      button.count { min-height: 32px; min-width: 32px; padding: 0.1rem 0.5rem; background: transparent; color: var(--ww-accent); border-width: 1px; }
      button.count[aria-pressed='true'] { background: var(--ww-accent); color: var(--ww-accent-ink); }
      section.region { border-left: 4px solid var(--ww-focus); padding: 0.25rem 0 0.5rem 1rem; margin: 0.75rem 0; }
      section.region h3 { margin: 0.25rem 0; font-size: 1.05rem; }
      section.region ul { padding-left: 1.2rem; display: grid; gap: 0.35rem; }
      section.region li span { display: block; font-size: 0.9rem; }
      .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-climate-page': ClimatePage;
  }
}
