import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, get, patch, post } from '../api.js';
import { formatDate, formatNumber, formatPeriod, messages, saidHere } from '../i18n.js';
import { navigate } from '../navigate.js';
import { FormGuard } from '../unsaved.js';
import type { Me } from '../session.js';
import { pageStyles } from '../components/shared-styles.js';
import { parseNumber, unitProblem } from '../../db/domain/numbers.js';
import { checkPeriod } from '../../db/domain/periods.js';
import { refineTitle } from '../title.js';
import { formField, generalError, type FieldAttrs } from '../components/form-field.js';
import { PageLoader } from '../components/page-loader.js';
import { tableRegion } from '../components/table-region.js';

const t = messages({
  nl: {
    newTitle: 'Nieuwe indicator',
    editTitle: 'Indicator bewerken',
    loading: 'Laden…',
    name: 'Naam',
    description: 'Beschrijving',
    unit: 'Eenheid',
    unit_count: 'Aantal',
    unit_percentage: 'Percentage',
    unit_euro: 'Euro',
    unit_hours: 'Uren',
    unit_score: 'Score',
    measure: 'Meetniveau (IATI)',
    measureHint: 'Hoe de indicator gemeten wordt, volgens IATI. Laat leeg voor de standaard bij de eenheid.',
    measureDefault: 'Standaard bij de eenheid',
    measure_unit: 'Eenheden',
    measure_percentage: 'Percentage',
    measure_nominal: 'Nominaal',
    measure_ordinal: 'Ordinaal',
    measure_qualitative: 'Kwalitatief',
    direction: 'Wat is beter?',
    higher: 'Hoger is beter',
    lower: 'Lager is beter',
    periodicity: 'Per',
    month: 'Maand',
    quarter: 'Kwartaal',
    year: 'Jaar',
    byArea: 'Per gebied bijhouden (wijk of buurt van het project)',
    fixed: 'Er zijn al waarden; periode en per gebied liggen vast.',
    baseline: 'Nulmeting',
    baselineValue: 'Waarde',
    baselinePeriod: 'Periode',
    periodHint: 'Bijvoorbeeld 2026, 2026-Q1 of 2026-03.',
    targets: 'Doelen',
    targetPeriod: 'Periode',
    targetArea: 'Gebied',
    targetValue: 'Doel',
    wholeProject: 'Hele project',
    addTarget: 'Doel toevoegen',
    removeTarget: 'Verwijder doel {n}',
    history: 'Laatste wijzigingen van de waarden',
    when: 'Wanneer',
    change: 'Van → naar',
    who: 'Door',
    imported: 'import',
    save: 'Opslaan',
    cancel: 'Terug naar de indicatoren',
    failed: 'Opslaan lukte niet. Kijk naar de gemarkeerde velden.',
    needTarget: 'Vul het doel in, of haal deze regel weg.',
    outcome: 'Bij welke uitkomst hoort deze indicator?',
    outcomeHint: 'Rapportages tonen een indicator bij zijn uitkomst; zonder uitkomst komt hij in geen rapportage.',
    noOutcome: '— nog geen uitkomst —',
    archived: '(gearchiveerd)',
    noOutcomes: 'Dit project heeft nog geen uitkomsten.',
    makeOutcomes: 'Uitkomsten maken',
  },
  en: {
    newTitle: 'New indicator',
    editTitle: 'Edit indicator',
    loading: 'Loading…',
    name: 'Name',
    description: 'Description',
    unit: 'Unit',
    unit_count: 'Count',
    unit_percentage: 'Percentage',
    unit_euro: 'Euro',
    unit_hours: 'Hours',
    unit_score: 'Score',
    measure: 'Measure (IATI)',
    measureHint: 'How the indicator is measured, as IATI defines it. Leave empty for the unit’s default.',
    measureDefault: 'Default for the unit',
    measure_unit: 'Unit',
    measure_percentage: 'Percentage',
    measure_nominal: 'Nominal',
    measure_ordinal: 'Ordinal',
    measure_qualitative: 'Qualitative',
    direction: 'What is better?',
    higher: 'Higher is better',
    lower: 'Lower is better',
    periodicity: 'Per',
    month: 'Month',
    quarter: 'Quarter',
    year: 'Year',
    byArea: 'Keep per area (the project’s wijken or buurten)',
    fixed: 'Values exist; period and per-area are fixed.',
    baseline: 'Baseline',
    baselineValue: 'Value',
    baselinePeriod: 'Period',
    periodHint: 'For example 2026, 2026-Q1 or 2026-03.',
    targets: 'Targets',
    targetPeriod: 'Period',
    targetArea: 'Area',
    targetValue: 'Target',
    wholeProject: 'Whole project',
    addTarget: 'Add target',
    removeTarget: 'Remove target {n}',
    history: 'Latest changes to the values',
    when: 'When',
    change: 'From → to',
    who: 'By',
    imported: 'import',
    save: 'Save',
    cancel: 'Back to the indicators',
    failed: 'Saving failed. Look at the marked fields.',
    needTarget: 'Fill in the target, or remove this line.',
    outcome: 'Which outcome does this indicator belong to?',
    outcomeHint: 'Reports show an indicator under its outcome; without an outcome it appears in no report.',
    noOutcome: '— no outcome yet —',
    archived: '(archived)',
    noOutcomes: 'This project has no outcomes yet.',
    makeOutcomes: 'Make outcomes',
  },
});

/** The fields the form shows, each with its own message beside it, by what the form calls them. */
const fieldNames = () => ({
  name: t('name'),
  outcomeId: t('outcome'),
  description: t('description'),
  unit: t('unit'),
  measure: t('measure'),
  direction: t('direction'),
  periodicity: t('periodicity'),
  baselineValue: t('baselineValue'),
  baselinePeriod: t('baselinePeriod'),
  targets: t('targets'),
});

type Target = { period: string; areaId: number | null; value: string };
type Indicator = {
  id: number;
  projectId: number | null;
  outcomeId: number | null;
  name: string;
  description: string;
  unit: string;
  measure: string;
  direction: string;
  periodicity: string;
  baselineValue: number | null;
  baselinePeriod: string | null;
  byArea: boolean;
  values: unknown[];
  targets: { period: string; areaId: number | null; value: number }[];
};

/** Create or edit an indicator: definition, baseline and targets (coordinators, admins). */
@customElement('ww-indicator-edit-page')
export class IndicatorEditPage extends LitElement {
  params: Record<string, string> = {};
  user: Me | null = null;

  @state() private indicator: Indicator | null = null;
  @state() private projectId: number | null = null;
  @state() private areas: { id: number; name: string }[] = [];
  @state() private outcomes: { id: number; level: string; title: string; archivedAt: string | null }[] = [];
  @state() private byArea = false;
  @state() private targets: Target[] = [];
  @state() private error: ApiError | null = null;
  @state() private history: {
    id: number;
    period: string;
    areaId: number | null;
    oldValue: number | null;
    newValue: number | null;
    newNote: string | null;
    changedByName: string | null;
    changedAt: string;
    batchId: number | null;
  }[] = [];

  /** Leaving asks first once anything in the form was changed and not saved. */
  private readonly guard = new FormGuard(this);
  private readonly loader = new PageLoader(
    this,
    async () => {
      if (this.params.indicatorId) {
        const { indicator } = await get<{ indicator: Indicator }>(`/api/indicators/${this.params.indicatorId}`);
        this.indicator = indicator;
        refineTitle(this, indicator.name);
        this.history = (await get<{ history: IndicatorEditPage['history'] }>(`/api/indicators/${indicator.id}/history`)).history.slice(0, 50);
        this.projectId = indicator.projectId;
        this.byArea = indicator.byArea;
        this.targets = indicator.targets.map((tg) => ({ period: tg.period, areaId: tg.areaId, value: String(tg.value).replace('.', ',') }));
      } else this.projectId = Number(this.params.id);
      if (this.projectId) {
        const [{ project }, { areas }, { outcomes }] = await Promise.all([
          get<{ project: { areaIds: number[] } }>(`/api/projects/${this.projectId}`),
          get<{ areas: { id: number; name: string }[] }>('/api/areas'),
          get<{ outcomes: IndicatorEditPage['outcomes'] }>(`/api/projects/${this.projectId}/outcomes`),
        ]);
        this.areas = areas.filter((a) => project.areaIds.includes(a.id));
        this.outcomes = outcomes;
      }
    },
    { loading: t('loading') },
  );

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    const details: { field: string; message: string }[] = [];
    const num = (s: string, field: string) => {
      const r = parseNumber(s);
      const wrong = !r.ok ? r : r.value == null ? null : unitProblem(text('unit'), r.value);
      if (wrong) details.push({ field, message: saidHere(wrong) });
      return r.ok ? r.value : null;
    };
    const baselineValue = num(text('baselineValue'), 'baselineValue');
    // A line left wholly empty is no target; one with a period needs its value. Every problem the
    // page can see is named at once, the server's (areas, doubles) after.
    this.targets = this.targets.filter((tg) => tg.period.trim() || tg.value.trim());
    const targets = this.targets.map((tg, i) => {
      const period = checkPeriod(tg.period, text('periodicity') || this.indicator!.periodicity, true);
      if ('reason' in period) details.push({ field: `targets.${i}.period`, message: saidHere(period) });
      const value = num(tg.value, `targets.${i}.value`);
      if (value == null && !details.some((d) => d.field === `targets.${i}.value`)) details.push({ field: `targets.${i}.value`, message: t('needTarget') });
      return { period: tg.period.trim(), areaId: this.byArea ? tg.areaId : null, value: value ?? 0 };
    });
    if (details.length) {
      this.error = new ApiError(400, 'invalid_input', t('failed'), details);
      return;
    }
    const body: Record<string, unknown> = {
      name: text('name'),
      description: text('description'),
      unit: text('unit'),
      direction: text('direction'),
      periodicity: text('periodicity'),
      byArea: this.byArea,
      baselineValue,
      baselinePeriod: text('baselinePeriod') || null,
      targets,
    };
    if (this.projectId) body.outcomeId = Number(text('outcomeId')) || null;
    if (text('measure')) body.measure = text('measure');
    try {
      if (this.indicator) {
        if (this.indicator.values.length) {
          delete body.periodicity;
          delete body.byArea;
        }
        await patch(`/api/indicators/${this.indicator.id}`, body);
      } else await post('/api/indicators', { ...body, projectId: this.projectId });
      this.guard.saved();
      navigate(this.projectId ? `/projects/${this.projectId}/indicators` : '/');
    } catch (err) {
      this.error = err instanceof ApiError ? err : new ApiError(0, 'error', t('failed'));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }

  private text(name: string, label: string, value: string, opts: { required?: boolean; hint?: string } = {}) {
    return formField(
      { id: name, label, hint: opts.hint, error: this.error },
      (f) => html`<input id=${f.id} name=${name} .value=${value} ?required=${opts.required} aria-invalid=${f.invalid} aria-describedby=${f.describedBy} />`,
    );
  }

  /** The outcome the indicator belongs to: the project's outcomes; an archived one only when it is already the indicator's. */
  private outcomeField(current: number | null) {
    const offered = this.outcomes.filter((o) => !o.archivedAt || o.id === current);
    return html`${formField(
      { id: 'outcomeId', label: t('outcome'), hint: t('outcomeHint'), error: this.error },
      (f) => html`<select id=${f.id} name="outcomeId" aria-invalid=${f.invalid} aria-describedby=${f.describedBy}>
          <option value="" ?selected=${current === null}>${t('noOutcome')}</option>
          ${offered.map((o) => html`<option value=${o.id} ?selected=${o.id === current}>${o.title}${o.archivedAt ? ` ${t('archived')}` : ''}</option>`)}
        </select>`,
    )}
      ${offered.length ? nothing : html`<p class="hint">${t('noOutcomes')} <a href="/projects/${this.projectId}/outcomes">${t('makeOutcomes')}</a></p>`}`;
  }

  private updateTarget(i: number, patchTarget: Partial<Target>): void {
    this.targets = this.targets.map((tg, n) => (n === i ? { ...tg, ...patchTarget } : tg));
  }

  override render() {
    const ind = this.indicator;
    if (!this.loader.ready) return html`<h1 tabindex="-1">${this.params.indicatorId ? t('editTitle') : t('newTitle')}</h1>${this.loader.status()}`;
    const fixed = !!ind?.values.length;
    const sel = (name: string, label: string, options: string[], value: string, labelOf: (o: string) => string, hint?: string) =>
      formField(
        { id: name, label, hint, error: this.error },
        (f) => html`<select id=${f.id} name=${name} aria-invalid=${f.invalid} aria-describedby=${f.describedBy} ?disabled=${fixed && name === 'periodicity'}>
          ${options.map((o) => html`<option value=${o} ?selected=${o === value}>${labelOf(o)}</option>`)}</select>`,
      );
    return html`
      ${this.projectId ? html`<p><a href="/projects/${this.projectId}/indicators">← ${t('cancel')}</a></p>` : nothing}
      <h1 tabindex="-1">${ind ? t('editTitle') : t('newTitle')}</h1>
      <form @submit=${this.submit} @input=${this.guard.touch} novalidate>
        <div role="alert">${generalError(this.error, fieldNames())}</div>
        ${this.text('name', t('name'), ind?.name ?? '', { required: true })}
        ${this.projectId ? this.outcomeField(ind ? ind.outcomeId : Number(new URLSearchParams(location.search).get('outcome')) || null) : nothing}
        ${formField(
          { id: 'description', label: t('description'), error: this.error },
          (f) =>
            html`<textarea id=${f.id} name="description" .value=${ind?.description ?? ''} aria-invalid=${f.invalid} aria-describedby=${f.describedBy}></textarea>`,
        )}
        ${sel('unit', t('unit'), ['count', 'percentage', 'euro', 'hours', 'score'], ind?.unit ?? 'count', (o) => t(`unit_${o}` as 'unit_count'))}
        ${sel('measure', t('measure'), ['', 'unit', 'percentage', 'nominal', 'ordinal', 'qualitative'], ind?.measure ?? '', (o) => (o ? t(`measure_${o}` as 'measure_unit') : t('measureDefault')), t('measureHint'))}
        ${sel('direction', t('direction'), ['higher', 'lower'], ind?.direction ?? 'higher', (o) => t(o as 'higher'))}
        ${sel('periodicity', t('periodicity'), ['month', 'quarter', 'year'], ind?.periodicity ?? 'quarter', (o) => t(o as 'month'))}
        ${
          ind?.projectId !== null && this.areas.length
            ? html`<label class="check"><input type="checkbox" name="byArea" .checked=${this.byArea} ?disabled=${fixed} @change=${(e: Event) => (this.byArea = (e.target as HTMLInputElement).checked)} /> ${t('byArea')}</label>`
            : nothing
        }
        ${fixed ? html`<p class="hint">${t('fixed')}</p>` : nothing}
        <fieldset>
          <legend>${t('baseline')}</legend>
          <div class="row">
            ${this.text('baselineValue', t('baselineValue'), ind?.baselineValue == null ? '' : String(ind.baselineValue).replace('.', ','))}
            ${this.text('baselinePeriod', t('baselinePeriod'), ind?.baselinePeriod ?? '', { hint: t('periodHint') })}
          </div>
        </fieldset>
        ${
          ind?.projectId === null
            ? nothing
            : html`<fieldset>
              <legend>${t('targets')}</legend>
              ${this.targets.map((tg, i) => {
                const field = (key: keyof Target, label: string, input: (f: FieldAttrs) => unknown) =>
                  formField({ id: `targets-${i}-${key}`, name: `targets.${i}.${key}`, label, error: this.error }, input);
                return html`<div class="row target">
                  ${field(
                    'period',
                    t('targetPeriod'),
                    (f) =>
                      html`<input id=${f.id} .value=${tg.period} @input=${(e: InputEvent) => this.updateTarget(i, { period: (e.target as HTMLInputElement).value })} aria-invalid=${f.invalid} aria-describedby=${f.describedBy} />`,
                  )}
                  ${
                    this.byArea
                      ? field(
                          'areaId',
                          t('targetArea'),
                          (
                            f,
                          ) => html`<select id=${f.id} @change=${(e: Event) => this.updateTarget(i, { areaId: Number((e.target as HTMLSelectElement).value) || null })} aria-invalid=${f.invalid} aria-describedby=${f.describedBy}>
                            <option value="" ?selected=${tg.areaId === null}>${t('wholeProject')}</option>
                            ${this.areas.map((a) => html`<option value=${a.id} ?selected=${a.id === tg.areaId}>${a.name}</option>`)}
                          </select>`,
                        )
                      : nothing
                  }
                  ${field(
                    'value',
                    t('targetValue'),
                    (f) =>
                      html`<input id=${f.id} inputmode="decimal" .value=${tg.value} @input=${(e: InputEvent) => this.updateTarget(i, { value: (e.target as HTMLInputElement).value })} aria-invalid=${f.invalid} aria-describedby=${f.describedBy} />`,
                  )}
                  <button type="button" class="secondary" aria-label=${t('removeTarget', { n: i + 1 })} @click=${() => (this.targets = this.targets.filter((_, n) => n !== i))}>×</button>
                </div>`;
              })}
              <button type="button" class="secondary" @click=${() => (this.targets = [...this.targets, { period: '', areaId: null, value: '' }])}>${t('addTarget')}</button>
            </fieldset>`
        }
        <div class="actions">
          <button type="submit">${t('save')}</button>
          ${this.projectId ? html`<a href="/projects/${this.projectId}/indicators">${t('cancel')}</a>` : nothing}
        </div>
      </form>
      ${
        this.history.length
          ? html`<h2>${t('history')}</h2>
            ${tableRegion(
              t('history'),
              html`<table>
              <thead><tr><th scope="col">${t('when')}</th><th scope="col">${t('targetPeriod')}</th><th scope="col">${t('targetArea')}</th><th scope="col">${t('change')}</th><th scope="col">${t('who')}</th></tr></thead>
              <tbody>${this.history.map(
                (h) => html`<tr>
                <td>${formatDate(h.changedAt)}</td><td>${formatPeriod(h.period)}</td><td>${h.areaId === null ? t('wholeProject') : (this.areas.find((a) => a.id === h.areaId)?.name ?? h.areaId)}</td>
                <td>${formatNumber(h.oldValue, 3)} → ${formatNumber(h.newValue, 3)}${h.newNote ? html`<br /><span class="hint">${h.newNote}</span>` : nothing}</td>
                <td>${h.changedByName ?? ''}${h.batchId ? html` <span class="badge">${t('imported')}</span>` : nothing}</td>
              </tr>`,
              )}</tbody>
            </table>`,
            )}`
          : nothing
      }
    `;
  }

  static override styles = [
    pageStyles,
    css`
      input, select, textarea { box-sizing: border-box; }
      .row { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
      .row > .field { flex: 1 1 9rem; }
      .target { margin-bottom: 0.75rem; }
      label.check { display: flex; gap: 0.5rem; align-items: center; font-weight: 400; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-indicator-edit-page': IndicatorEditPage;
  }
}
