import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, get, put } from '../api.js';
import { locale, messages } from '../i18n.js';
import type { Me } from '../session.js';
import { pageStyles } from '../components/shared-styles.js';
import { parseNumber } from '../../db/domain/numbers.js';
import { normalizePeriod, periodicityOf, periodOf, periodsUpTo, type Periodicity } from '../../db/domain/periods.js';
import { isStaff } from '../models.js';
import { refineTitle } from '../title.js';
import { PageLoader } from '../components/page-loader.js';

const t = messages({
  nl: {
    title: 'Indicatoren',
    loading: 'Laden…',
    newIndicator: 'Nieuwe indicator',
    hours: 'Uren en geld',
    import: 'CSV importeren',
    project: 'Project',
    periodicity: 'Soort periode',
    month: 'Maand',
    quarter: 'Kwartaal',
    year: 'Jaar',
    last: 'Tot en met',
    lastHint: 'Bijvoorbeeld 2026-Q1, 2026-03 of 2026.',
    count: 'Aantal perioden',
    show: 'Tonen',
    badPeriod: 'Dit is geen {kind}. Schrijf bijvoorbeeld {example}.',
    indicator: 'Indicator en gebied',
    whole: 'Hele project',
    none: 'Er zijn geen indicatoren per {kind} in dit project.',
    noIndicators: 'Dit project heeft nog geen indicatoren.',
    keys: 'Pijltjestoetsen en Enter gaan naar de volgende cel, ook naar de volgende periode. Een komma mag als decimaalteken (12,5). Leeg of een punt betekent: ontbreekt.',
    save: 'Alles opslaan',
    saving: 'Opslaan…',
    nothing: 'Er is niets veranderd.',
    saved: 'Opgeslagen: {created} nieuw, {updated} gewijzigd.',
    edit: 'bewerken',
    errors: 'Niets opgeslagen. {n} cel(len) kloppen niet:',
    changed: '{n} cel(len) gewijzigd, nog niet opgeslagen.',
    target: 'doel {value}',
    failed: 'Opslaan lukte niet: {message}',
    discard: 'Je hebt wijzigingen die nog niet zijn opgeslagen. Toch andere perioden tonen?',
    note: 'Notitie bij {cell}',
    hasNote: 'met notitie',
    notNumber: 'geen getal: {text}',
    ambiguous: '{text} is dubbelzinnig: bedoel je duizendtallen of decimalen? Schrijf 1234 of 1,234.',
    unit_count: 'aantal',
    unit_percentage: '%',
    unit_euro: 'euro',
    unit_hours: 'uren',
    unit_score: 'score',
    caption: '{kind}: {from} tot en met {to}',
    emptyPeriods: 'In {from} tot en met {to} is nog niets ingevuld. Het laatst ingevuld is {latest}.',
    showLatest: 'Tot en met {latest} tonen',
  },
  en: {
    title: 'Indicators',
    loading: 'Loading…',
    newIndicator: 'New indicator',
    hours: 'Hours and money',
    import: 'Import CSV',
    project: 'Project',
    periodicity: 'Kind of period',
    month: 'Month',
    quarter: 'Quarter',
    year: 'Year',
    last: 'Up to and including',
    lastHint: 'For example 2026-Q1, 2026-03 or 2026.',
    count: 'Number of periods',
    show: 'Show',
    badPeriod: 'This is not a {kind}. Write for example {example}.',
    indicator: 'Indicator and area',
    whole: 'Whole project',
    none: 'This project has no indicators per {kind}.',
    noIndicators: 'This project has no indicators yet.',
    keys: 'Arrow keys and Enter move to the next cell, also to the next period. A decimal comma is fine (12,5). Empty or a full stop means: missing.',
    save: 'Save all',
    saving: 'Saving…',
    nothing: 'Nothing changed.',
    saved: 'Saved: {created} new, {updated} changed.',
    edit: 'edit',
    errors: 'Nothing saved. {n} cell(s) are not right:',
    changed: '{n} cell(s) changed, not saved yet.',
    target: 'target {value}',
    failed: 'Saving failed: {message}',
    discard: 'You have changes that are not saved yet. Show other periods anyway?',
    note: 'Note for {cell}',
    hasNote: 'with note',
    notNumber: 'not a number: {text}',
    ambiguous: '{text} is ambiguous: thousands or decimals? Write 1234 or 1.234 with a comma.',
    unit_count: 'count',
    unit_percentage: '%',
    unit_euro: 'euro',
    unit_hours: 'hours',
    unit_score: 'score',
    caption: '{kind}: {from} up to and including {to}',
    emptyPeriods: 'Nothing has been entered for {from} to {to} yet. The latest entered is {latest}.',
    showLatest: 'Show up to {latest}',
  },
});

type Indicator = { id: number; name: string; unit: 'count' | 'percentage' | 'euro' | 'hours' | 'score'; periodicity: Periodicity; byArea: boolean };
type Value = { period: string; areaId: number | null; value: number | null; note: string };
type Area = { id: number; name: string };
/** One row of the grid: an indicator for the whole project, or for one of the project's areas. */
type Series = { indicator: Indicator; areaId: number | null; areaName: string };
type Cell = { key: string; series: Series; period: string; label: string };

const keyOf = (indicatorId: number, areaId: number | null, period: string) => `${indicatorId}:${areaId ?? 0}:${period}`;
const examples: Record<Periodicity, string> = { month: '2026-03', quarter: '2026-Q1', year: '2026' };
const COUNTS = [1, 2, 3, 4, 6, 8, 12];

/** Shows a stored number the way it is typed here: decimal comma in Dutch, no grouping. */
function show(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return locale() === 'nl' ? s.replace('.', ',') : s;
}

/**
 * The entry grid: a project's indicators (per area where kept per area) × several periods side by
 * side, the last four by default. Arrow keys and Enter move between cells, across periods too;
 * everything is saved at once, all or nothing, with errors per cell.
 */
@customElement('ww-indicator-grid-page')
export class IndicatorGridPage extends LitElement {
  params: Record<string, string> = {};
  user: Me | null = null;

  @state() private project: { id: number; name: string; areaIds: number[] } | null = null;
  @state() private areas: Area[] = [];
  @state() private indicators: Indicator[] = [];
  @state() private periodicity: Periodicity = 'quarter';
  @state() private last = periodOf(new Date().toISOString().slice(0, 10), 'quarter');
  @state() private count = 4;
  @state() private periodError = '';
  @state() private values = new Map<string, Value>();
  @state() private targets = new Map<string, number>();
  /** The latest period with any value, to offer when the shown ones are still empty. */
  @state() private latest: string | null = null;
  @state() private edits = new Map<string, string>();
  @state() private noteEdits = new Map<string, string>();
  @state() private focused: Cell | null = null;
  @state() private cellErrors = new Map<string, string>();
  @state() private status = '';
  @state() private saving = false;

  /** The project, its areas and indicators, then the values of the periods shown. */
  private readonly loader = new PageLoader(
    this,
    async () => {
      const id = this.params.id;
      const [{ project }, { areas }, { indicators }] = await Promise.all([
        get<{ project: { id: number; name: string; areaIds: number[] } }>(`/api/projects/${id}`),
        get<{ areas: Area[] }>('/api/areas'),
        get<{ indicators: Indicator[] }>(`/api/indicators?projectId=${id}`),
      ]);
      this.project = project;
      refineTitle(this, project.name);
      this.areas = areas.filter((a) => project.areaIds.includes(a.id));
      this.indicators = indicators;
      const kinds = indicators.map((i) => i.periodicity);
      if (kinds.length && !kinds.includes('quarter')) this.setPeriodicity(kinds[0]!);
      await this.loadValues();
    },
    { loading: t('loading') },
  );

  /** The values again after another choice of periods (run by hand, never on connect). */
  private readonly valuesLoader = new PageLoader(this, () => this.loadValues(), {}, { auto: false });

  private get shown(): Indicator[] {
    return this.indicators.filter((i) => i.periodicity === this.periodicity);
  }

  /** The periods shown, oldest first. */
  private get periods(): string[] {
    return periodsUpTo(this.last, this.count);
  }

  private series(): Series[] {
    return this.shown.flatMap((i): Series[] =>
      i.byArea ? this.areas.map((a) => ({ indicator: i, areaId: a.id, areaName: a.name })) : [{ indicator: i, areaId: null, areaName: t('whole') }],
    );
  }

  private setPeriodicity(kind: Periodicity): void {
    this.periodicity = kind;
    this.last = periodOf(new Date().toISOString().slice(0, 10), kind);
  }

  private async changeKind(e: Event): Promise<void> {
    if (this.pending && !confirm(t('discard'))) {
      (e.target as HTMLSelectElement).value = this.periodicity;
      return;
    }
    this.setPeriodicity((e.target as HTMLSelectElement).value as Periodicity);
    this.periodError = '';
    await this.valuesLoader.run();
  }

  private async loadValues(): Promise<void> {
    const shown = this.shown;
    const details = await Promise.all(
      shown.map((i) => get<{ indicator: { targets: { period: string; areaId: number | null; value: number }[]; values: Value[] } }>(`/api/indicators/${i.id}`)),
    );
    const periods = new Set(this.periods);
    const values = new Map<string, Value>();
    const targets = new Map<string, number>();
    let latest: string | null = null;
    // Periods of one kind sort as text: 2025-Q4 < 2026-Q1, 2026-03 < 2026-10.
    details.forEach(({ indicator }, n) => {
      const id = shown[n]!.id;
      for (const v of indicator.values) {
        if (periods.has(v.period)) values.set(keyOf(id, v.areaId, v.period), v);
        if (v.value !== null && (!latest || v.period > latest)) latest = v.period;
      }
      for (const tg of indicator.targets) if (periods.has(tg.period)) targets.set(keyOf(id, tg.areaId, tg.period), tg.value);
    });
    this.values = values;
    this.targets = targets;
    this.latest = latest;
    this.edits = new Map();
    this.noteEdits = new Map();
    this.focused = null;
    this.cellErrors = new Map();
  }

  private async choose(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const kind = String(f.get('periodicity')) as Periodicity;
    const last = normalizePeriod(String(f.get('last')));
    if (this.pending && !confirm(t('discard'))) return;
    if (!last || periodicityOf(last) !== kind) {
      this.periodicity = kind;
      this.periodError = t('badPeriod', { kind: t(kind).toLowerCase(), example: examples[kind] });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[name="last"]')?.focus();
      return;
    }
    this.periodError = '';
    this.periodicity = kind;
    this.last = last;
    this.count = Number(f.get('count')) || 4;
    this.status = '';
    await this.valuesLoader.run();
  }

  private async showLatest(): Promise<void> {
    if (!this.latest || (this.pending && !confirm(t('discard')))) return;
    this.last = this.latest;
    this.periodError = this.status = '';
    await this.valuesLoader.run();
    if (this.valuesLoader.failed) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('td input')?.focus();
  }

  private cellText(key: string): string {
    return this.edits.get(key) ?? show(this.values.get(key)?.value);
  }

  private input(e: InputEvent, key: string): void {
    const text = (e.target as HTMLInputElement).value;
    const next = new Map(this.edits);
    if (text === show(this.values.get(key)?.value)) next.delete(key);
    else next.set(key, text);
    this.edits = next;
    if (this.cellErrors.has(key)) {
      const errs = new Map(this.cellErrors);
      errs.delete(key);
      this.cellErrors = errs;
    }
  }

  /** Arrow keys and Enter move between the cells: up and down through the rows, left and right through the periods. */
  private move(e: KeyboardEvent): void {
    const el = e.target as HTMLInputElement;
    if (el.tagName !== 'INPUT' || el.dataset.row === undefined) return;
    const row = Number(el.dataset.row);
    const col = Number(el.dataset.col);
    const atStart = el.selectionStart === 0 && el.selectionEnd === 0;
    const atEnd = el.selectionStart === el.value.length && el.selectionEnd === el.value.length;
    const all = el.selectionStart === 0 && el.selectionEnd === el.value.length;
    let dr = 0,
      dc = 0;
    if (e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey)) dr = -1;
    else if (e.key === 'ArrowDown' || e.key === 'Enter') dr = 1;
    else if (e.key === 'ArrowLeft' && (atStart || all)) dc = -1;
    else if (e.key === 'ArrowRight' && (atEnd || all)) dc = 1;
    else return;
    e.preventDefault();
    const target = this.renderRoot.querySelector<HTMLInputElement>(`input[data-row="${row + dr}"][data-col="${col + dc}"]`);
    if (target) {
      target.focus();
      target.select();
    }
  }

  private get pending(): number {
    return new Set([...this.edits.keys(), ...this.noteEdits.keys()]).size;
  }

  private noteOf(key: string): string {
    return this.noteEdits.get(key) ?? this.values.get(key)?.note ?? '';
  }

  private focusCellInput(e: FocusEvent, cell: Cell): void {
    (e.target as HTMLInputElement).select();
    this.focused = cell;
  }

  private noteInput(e: InputEvent, key: string): void {
    const text = (e.target as HTMLTextAreaElement).value;
    const next = new Map(this.noteEdits);
    if (text === (this.values.get(key)?.note ?? '')) next.delete(key);
    else next.set(key, text);
    this.noteEdits = next;
  }

  private cells(): Cell[] {
    const periods = this.periods;
    return this.series().flatMap((s) =>
      periods.map((period) => ({ key: keyOf(s.indicator.id, s.areaId, period), series: s, period, label: `${s.indicator.name} · ${s.areaName} · ${period}` })),
    );
  }

  private async save(): Promise<void> {
    const changed = this.cells().filter((c) => this.edits.has(c.key) || this.noteEdits.has(c.key));
    const errs = new Map<string, string>();
    const entries: { cell: Cell; value: number | null; note?: string }[] = [];
    for (const cell of changed) {
      const r = this.edits.has(cell.key) ? parseNumber(this.edits.get(cell.key)!) : ({ ok: true, value: this.values.get(cell.key)?.value ?? null } as const);
      if (!r.ok) errs.set(cell.key, t(r.code === 'ambiguous' ? 'ambiguous' : 'notNumber', { text: this.edits.get(cell.key)!.trim() }));
      else entries.push({ cell, value: r.value, note: this.noteEdits.get(cell.key) });
    }
    this.cellErrors = errs;
    if (errs.size) return this.focusSummary();
    if (!entries.length) {
      this.status = t('nothing');
      return;
    }
    this.saving = true;
    try {
      const res = await put<{ created: number; updated: number }>('/api/indicator-values', {
        values: entries.map((e) => ({
          indicatorId: e.cell.series.indicator.id,
          period: e.cell.period,
          areaId: e.cell.series.areaId,
          value: e.value,
          ...(e.note !== undefined ? { note: e.note } : {}),
        })),
      });
      await this.loadValues();
      this.status = t('saved', { created: res.created, updated: res.updated });
    } catch (e) {
      if (e instanceof ApiError && e.details.length) {
        const map = new Map<string, string>();
        for (const d of e.details) {
          const n = /^values\.(\d+)\./.exec(d.field ?? '')?.[1];
          const entry = n === undefined ? undefined : entries[Number(n)];
          if (entry) map.set(entry.cell.key, e.messageOf(d));
        }
        this.cellErrors = map;
        this.focusSummary();
      } else this.status = t('failed', { message: e instanceof Error ? e.message : String(e) });
    } finally {
      this.saving = false;
    }
  }

  private async focusSummary(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#summary')?.focus();
  }

  private focusCell(e: Event, key: string): void {
    e.preventDefault();
    this.renderRoot.querySelector<HTMLInputElement>(`input[data-key="${key}"]`)?.focus();
  }

  private renderGrid() {
    const staff = isStaff(this.user?.role);
    const periods = this.periods;
    const series = this.series();
    const errorCells = this.cells().filter((c) => this.cellErrors.has(c.key));
    const kind = t(this.periodicity);
    return html`
      ${
        this.values.size === 0 && this.latest && !periods.includes(this.latest)
          ? html`<p class="notice">${t('emptyPeriods', { from: periods[0]!, to: this.last, latest: this.latest })}
            <button type="button" class="secondary" @click=${this.showLatest}>${t('showLatest', { latest: this.latest })}</button></p>`
          : nothing
      }
      <p class="hint" id="keys">${t('keys')}</p>
      <div id="summary" tabindex="-1" role="alert">
        ${
          errorCells.length
            ? html`<div class="notice error"><p>${t('errors', { n: errorCells.length })}</p>
              <ul>${errorCells.map((c) => html`<li id="err-${c.key}"><a href="#" @click=${(e: Event) => this.focusCell(e, c.key)}>${c.label}</a>: ${this.cellErrors.get(c.key)}</li>`)}</ul></div>`
            : nothing
        }
      </div>
      <p class="caption" id="grid-caption">${t('caption', { kind, from: periods[0]!, to: this.last })}</p>
      <div class="table-wrap" role="region" aria-labelledby="grid-caption" tabindex="-1">
        <table @keydown=${this.move} aria-labelledby="grid-caption">
          <thead><tr><th scope="col" class="label">${t('indicator')}</th>${periods.map((p) => html`<th scope="col" class="period">${p}</th>`)}</tr></thead>
          <tbody>
            ${series.map((s, r) => {
              const i = s.indicator;
              const first = r === 0 || series[r - 1]!.indicator.id !== i.id;
              return html`<tr class=${first ? 'first' : ''}>
                <th scope="row" class="label">${i.name}${i.byArea ? html`<span class="area">${s.areaName}</span>` : nothing} <span class="badge">${t(`unit_${i.unit}`)}</span>
                  ${staff && first ? html`<a class="edit" href="/indicators/${i.id}/edit" aria-label="${i.name}: ${t('edit')}">${t('edit')}</a>` : nothing}</th>
                ${periods.map((period, c) => {
                  const key = keyOf(i.id, s.areaId, period);
                  const err = this.cellErrors.get(key);
                  const target = this.targets.get(key);
                  const cell: Cell = { key, series: s, period, label: `${i.name} · ${s.areaName} · ${period}` };
                  return html`<td class=${this.edits.has(key) ? 'dirty' : ''}>
                    <input data-row=${r} data-col=${c} data-key=${key} inputmode="decimal" autocomplete="off"
                      aria-label="${i.name}, ${s.areaName}, ${period}"
                      aria-invalid=${err ? 'true' : 'false'} aria-describedby=${err ? `err-${key}` : target !== undefined ? `keys target-${key}` : 'keys'}
                      .value=${this.cellText(key)} @input=${(e: InputEvent) => this.input(e, key)} @focus=${(e: FocusEvent) => this.focusCellInput(e, cell)} />
                    ${this.noteOf(key) ? html`<span class="hint">${t('hasNote')}</span>` : nothing}
                    ${target !== undefined ? html`<span class="hint" id="target-${key}">${t('target', { value: show(target) })}</span>` : nothing}
                  </td>`;
                })}
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      ${
        this.focused
          ? html`<label class="note">${t('note', { cell: this.focused.label })}
            <textarea maxlength="2000" .value=${this.noteOf(this.focused.key)} @input=${(e: InputEvent) => this.noteInput(e, this.focused!.key)}></textarea></label>`
          : nothing
      }
      <div class="actions save">
        <button type="button" @click=${this.save} ?disabled=${this.saving}>${this.saving ? t('saving') : t('save')}</button>
        <span role="status">${this.status || (this.pending ? t('changed', { n: this.pending }) : '')}</span>
      </div>
    `;
  }

  override render() {
    if (!this.loader.ready || !this.project) return html`<h1 tabindex="-1">${t('title')}</h1>${this.loader.status()}`;
    const staff = isStaff(this.user?.role);
    const pid = this.project.id;
    return html`
      <h1 tabindex="-1">${t('title')}: ${this.project.name}</h1>
      <p class="actions">
        <a href="/projects/${pid}">${t('project')}</a>
        ${staff ? html`<a href="/projects/${pid}/indicators/new">${t('newIndicator')}</a>` : nothing}
        <a href="/projects/${pid}/indicators/import">${t('import')}</a>
        <a href="/projects/${pid}/hours">${t('hours')}</a>
      </p>
      ${
        this.indicators.length === 0
          ? html`<p>${t('noIndicators')}</p>`
          : html`
            <form class="period" @submit=${this.choose} novalidate>
              <label>${t('periodicity')}
                <select name="periodicity" @change=${this.changeKind}>
                  ${(['month', 'quarter', 'year'] as const).map((k) => html`<option value=${k} ?selected=${k === this.periodicity}>${t(k)}</option>`)}
                </select>
              </label>
              <label>${t('last')} <span class="hint" id="last-hint">${t('lastHint')}</span>
                <input name="last" .value=${this.last} aria-describedby="last-hint last-error" aria-invalid=${this.periodError ? 'true' : 'false'} />
                <span class="field-error" id="last-error">${this.periodError}</span>
              </label>
              <label>${t('count')}
                <select name="count">${COUNTS.map((n) => html`<option value=${n} ?selected=${n === this.count}>${n}</option>`)}</select>
              </label>
              <div class="actions"><button type="submit" class="secondary">${t('show')}</button></div>
            </form>
            ${this.valuesLoader.failed ? this.valuesLoader.status() : nothing}
            ${this.shown.length === 0 ? html`<p>${t('none', { kind: t(this.periodicity).toLowerCase() })}</p>` : this.renderGrid()}
          `
      }
    `;
  }

  static override styles = [
    pageStyles,
    css`
      form.period { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; max-width: none; }
      form.period label { flex: 1 1 10rem; }
      .caption { font-weight: 600; margin: 0.5rem 0 0; }
      th.label { text-align: left; min-width: 9rem; max-width: 16rem; position: sticky; left: 0; background: var(--ww-bg); z-index: 1; }
      th.label .area { display: block; font-weight: 400; }
      th.period { text-align: right; white-space: nowrap; }
      tr.first > * { border-top: 2px solid var(--ww-line); }
      td input { box-sizing: border-box; width: 100%; min-width: 4.5rem; text-align: right; font-variant-numeric: tabular-nums; }
      td.dirty input { background: #fff8e0; }
      td .hint { display: block; font-size: 0.8rem; }
      th .edit { font-weight: 400; font-size: 0.9rem; margin-left: 0.25rem; }
      .save { margin-top: 1rem; }
      label.note { margin-top: 1rem; max-width: 40rem; }
      #summary:focus { outline: none; }
      .table-wrap:focus { outline: none; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-indicator-grid-page': IndicatorGridPage;
  }
}
