import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, get, put } from '../api.js';
import type { Me } from '../session.js';
import { pageStyles } from '../components/shared-styles.js';
import { parseNumber, unitProblem } from '../../db/domain/numbers.js';
import { formatPeriod, locale, saidHere } from '../i18n.js';
import { normalizePeriod, periodAbbr, periodicityOf, periodOf, periodsUpTo, type Periodicity } from '../../db/domain/periods.js';
import { isStaff } from '../models.js';
import { refineTitle } from '../title.js';
import { t } from './indicator-grid/messages.js';
import {
  COUNTS,
  examples,
  fetchPeriodValues,
  keyOf,
  show,
  typed,
  type Area,
  type Cell,
  type Indicator,
  type Series,
  type Value,
} from './indicator-grid/grid-data.js';
import { moveInGrid } from './indicator-grid/grid-keys.js';
import { UnsavedGuard } from '../unsaved.js';
import { PageLoader } from '../components/page-loader.js';
import { tableRegion } from '../components/table-region.js';
import { refocus } from '../components/refocus.js';
import { formField } from '../components/form-field.js';

/** A column's period, short, with the full words for a tooltip or screen reader where they differ. */
function periodHead(period: string) {
  const { text, title } = periodAbbr(period, locale());
  return title ? html`<abbr title=${title}>${text}</abbr>` : text;
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

  /** Leaving asks first while cells hold values not saved yet. */
  private readonly guard = new UnsavedGuard(this, () => this.pending > 0);
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
    const { values, targets, latest } = await fetchPeriodValues(this.shown, this.periods);
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
      this.periodError = t('badPeriod', { kind: t(kind).toLowerCase(), example: typed(examples[kind]) });
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
      periods.map((period) => ({
        key: keyOf(s.indicator.id, s.areaId, period),
        series: s,
        period,
        label: `${s.indicator.name} · ${s.areaName} · ${formatPeriod(period)}`,
      })),
    );
  }

  private async save(): Promise<void> {
    const changed = this.cells().filter((c) => this.edits.has(c.key) || this.noteEdits.has(c.key));
    const errs = new Map<string, string>();
    const entries: { cell: Cell; value: number | null; note?: string }[] = [];
    for (const cell of changed) {
      const r = this.edits.has(cell.key) ? parseNumber(this.edits.get(cell.key)!) : ({ ok: true, value: this.values.get(cell.key)?.value ?? null } as const);
      const wrong = r.ok && r.value != null ? unitProblem(cell.series.indicator.unit, r.value) : null;
      if (!r.ok) errs.set(cell.key, t(r.code === 'ambiguous' ? 'ambiguous' : 'notNumber', { text: this.edits.get(cell.key)!.trim() }));
      else if (wrong) errs.set(cell.key, saidHere(wrong));
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
    await refocus(this, '#save');
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
          ? html`<p class="notice">${t('emptyPeriods', { from: formatPeriod(periods[0]!), to: formatPeriod(this.last), latest: formatPeriod(this.latest) })}
            <button type="button" class="secondary" @click=${this.showLatest}>${t('showLatest', { latest: formatPeriod(this.latest) })}</button></p>`
          : nothing
      }
      <p class="hint" id="keys">${t('keys')}</p>
      <div id="summary" tabindex="-1" role="alert">
        ${
          errorCells.length
            ? html`<div class="notice error"><p>${t(errorCells.length === 1 ? 'errorsOne' : 'errors', { n: errorCells.length })}</p>
              <ul>${errorCells.map((c) => html`<li id="err-${c.key}"><a href="#" @click=${(e: Event) => this.focusCell(e, c.key)}>${c.label}</a>: ${this.cellErrors.get(c.key)}</li>`)}</ul></div>`
            : nothing
        }
      </div>
      <p class="caption" id="grid-caption">${t('caption', { kind, from: formatPeriod(periods[0]!), to: formatPeriod(this.last) })}</p>
      ${tableRegion(
        { labelledBy: 'grid-caption' },
        html`<table @keydown=${(e: KeyboardEvent) => moveInGrid(e, this.renderRoot)} aria-labelledby="grid-caption">
          <thead><tr><th scope="col" class="label">${t('indicator')}</th>${periods.map((p) => html`<th scope="col" class="period">${periodHead(p)}</th>`)}</tr></thead>
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
                  const cell: Cell = { key, series: s, period, label: `${i.name} · ${s.areaName} · ${formatPeriod(period)}` };
                  return html`<td class=${this.edits.has(key) ? 'dirty' : ''}>
                    <input data-row=${r} data-col=${c} data-key=${key} inputmode="decimal" autocomplete="off"
                      aria-label="${i.name}, ${s.areaName}, ${formatPeriod(period)}"
                      aria-invalid=${err ? 'true' : 'false'} aria-describedby=${err ? `err-${key}` : target !== undefined ? `keys target-${key}` : 'keys'}
                      .value=${this.cellText(key)} @input=${(e: InputEvent) => this.input(e, key)} @focus=${(e: FocusEvent) => this.focusCellInput(e, cell)} />
                    ${this.noteOf(key) ? html`<span class="hint">${t('hasNote')}</span>` : nothing}
                    ${target !== undefined ? html`<span class="hint" id="target-${key}">${t('target', { value: show(target) })}</span>` : nothing}
                  </td>`;
                })}
              </tr>`;
            })}
          </tbody>
        </table>`,
        false,
      )}
      ${
        this.focused
          ? html`<label class="note">${t('note', { cell: this.focused.label })}
            <textarea maxlength="2000" .value=${this.noteOf(this.focused.key)} @input=${(e: InputEvent) => this.noteInput(e, this.focused!.key)}></textarea></label>`
          : nothing
      }
      <div class="actions save">
        <button type="button" id="save" @click=${this.save} ?disabled=${this.saving}>${this.saving ? t('saving') : t('save')}</button>
        <span role="status">${this.status || (this.pending ? t(this.pending === 1 ? 'changedOne' : 'changed', { n: this.pending }) : '')}</span>
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
              ${formField(
                { id: 'last', label: t('last'), hint: t('lastHint'), message: this.periodError },
                (f) => html`<input id=${f.id} name="last" .value=${typed(this.last)} aria-describedby=${f.describedBy} aria-invalid=${f.invalid} />`,
              )}
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
      form.period > label, form.period > .field { flex: 1 1 10rem; }
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
