import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, api, get, post } from '../api.js';
import { formatDate, formatEuro, formatHours, formatNumber, locale, messages } from '../i18n.js';
import type { Me } from '../session.js';
import { formField } from '../components/form-field.js';
import { pageStyles } from '../components/shared-styles.js';
import '../components/ww-budget-summary.js';
import { phases } from '../../db/domain/enums.js';
import { hoursProblem, parseNumber } from '../../db/domain/numbers.js';
import { isStaff } from '../models.js';
import { refineTitle } from '../title.js';
import { PageLoader } from '../components/page-loader.js';
import { tableRegion } from '../components/table-region.js';

const t = messages({
  nl: {
    title: 'Uren en geld',
    loading: 'Laden…',
    project: 'Project',
    counts: 'Indicatoren',
    plan: 'Tegenover de begroting',
    logHours: 'Uren schrijven',
    hoursTable: 'Geschreven uren',
    date: 'Datum',
    amountHours: 'Uren',
    hoursHint: 'Per kwartier, bijvoorbeeld 1,5.',
    phase: 'Fase',
    activity: 'Wat deed je?',
    activityHint: 'Kort, bijvoorbeeld: huisbezoeken Kop Zeedijk.',
    add: 'Toevoegen',
    added: 'Toegevoegd: {entry}.',
    who: 'Wie',
    remove: 'Verwijderen',
    hoursEntry: '{hours} uur op {date}',
    expenseEntry: 'uitgave "{description}" op {date}',
    removeAsk: '{entry} verwijderen?',
    removed: 'Verwijderd.',
    byPhase: 'Uren per fase',
    byWorker: 'Uren per medewerker',
    total: 'Totaal',
    noHours: 'Nog geen uren geschreven. Vul hierboven de eerste in.',
    expenses: 'Uitgaven',
    expensesTable: 'Ingevoerde uitgaven',
    addExpense: 'Uitgave toevoegen',
    amount: 'Bedrag in euro',
    amountHint: 'Bijvoorbeeld 12,50.',
    description: 'Omschrijving',
    category: 'Categorie (niet verplicht)',
    categoryColumn: 'Categorie',
    activityColumn: 'Activiteit',
    amountColumn: 'Bedrag',
    noExpenses: 'Nog geen uitgaven. Vul hierboven de eerste in.',
    needHours: 'Vul het aantal uren in, bijvoorbeeld 1,5.',
    needActivity: 'Schrijf kort wat je deed.',
    needAmount: 'Vul het bedrag in, bijvoorbeeld 12,50.',
    needDescription: 'Schrijf waar het geld voor was.',
    failed: 'Dat lukte niet.',
    beforeStart: 'Let op: deze datum ligt voor de start van het project ({date}). Klopt de datum?',
    afterEnd: 'Let op: deze datum ligt na het einde van het project ({date}). Klopt de datum?',
    none: 'geen',
    ZIEN: 'Zien',
    DENKEN: 'Denken',
    DOEN: 'Doen',
    VINDEN: 'Vinden',
  },
  en: {
    title: 'Hours and money',
    loading: 'Loading…',
    project: 'Project',
    counts: 'Indicators',
    plan: 'Against the budget',
    logHours: 'Log hours',
    hoursTable: 'Hours logged',
    date: 'Date',
    amountHours: 'Hours',
    hoursHint: 'In quarters of an hour, e.g. 1.5.',
    phase: 'Phase',
    activity: 'What did you do?',
    activityHint: 'Short, e.g.: home visits Kop Zeedijk.',
    add: 'Add',
    added: 'Added: {entry}.',
    who: 'Who',
    remove: 'Remove',
    hoursEntry: '{hours} hours on {date}',
    expenseEntry: 'expense "{description}" on {date}',
    removeAsk: 'Remove {entry}?',
    removed: 'Removed.',
    byPhase: 'Hours per phase',
    byWorker: 'Hours per worker',
    total: 'Total',
    noHours: 'No hours logged yet. Fill in the first ones above.',
    expenses: 'Expenses',
    expensesTable: 'Expenses entered',
    addExpense: 'Add expense',
    amount: 'Amount in euros',
    amountHint: 'For example 12.50.',
    description: 'Description',
    category: 'Category (optional)',
    categoryColumn: 'Category',
    activityColumn: 'Activity',
    amountColumn: 'Amount',
    noExpenses: 'No expenses yet. Fill in the first one above.',
    needHours: 'Fill in the number of hours, e.g. 1.5.',
    needActivity: 'Write briefly what you did.',
    needAmount: 'Fill in the amount, e.g. 12.50.',
    needDescription: 'Write what the money was for.',
    failed: 'That did not work.',
    beforeStart: 'Note: this date is before the project starts ({date}). Is the date right?',
    afterEnd: 'Note: this date is after the project ends ({date}). Is the date right?',
    none: 'none',
    ZIEN: 'See',
    DENKEN: 'Think',
    DOEN: 'Do',
    VINDEN: 'Find',
  },
});

type Phase = (typeof phases)[number];
type HoursList = {
  entries: { id: number; date: string; hours: number; phase: Phase; activity: string; userId: number; userName: string }[];
  totals: { hours: number; byPhase: Record<Phase, number>; byWorker: { userId: number; name: string; hours: number }[] };
};
type Expenses = {
  entries: { id: number; date: string; amount: number; description: string; category: string | null; enteredBy: number; enteredByName: string }[];
  totals: { amount: number };
};

const euro = formatEuro;
const today = () => new Date().toISOString().slice(0, 10);
type Project = { id: number; name: string; phase: Phase; startDate: string | null; endDate: string | null };

/** Hours and money of one project: log them, list them, and see them against the plan. */
@customElement('ww-project-hours-page')
export class ProjectHoursPage extends LitElement {
  params: Record<string, string> = {};
  user: Me | null = null;

  @state() private project: Project | null = null;
  /** The date each form holds (hours, expense), to say when it lies outside the project's own dates. */
  @state() private dates = { h: today(), e: today() };
  @state() private hours: HoursList | null = null;
  @state() private expenses: Expenses | null = null;
  @state() private hoursError: ApiError | null = null;
  @state() private expenseError: ApiError | null = null;
  @state() private status = '';
  /** What each form (hours, expense) last added, said beside its button. */
  @state() private added = { h: '', e: '' };
  private readonly loader = new PageLoader(
    this,
    async () => {
      this.project = (await get<{ project: Project }>(`/api/projects/${this.params.id}`)).project;
      refineTitle(this, this.project.name);
      await this.reload();
    },
    { loading: t('loading'), failed: (e) => (e instanceof ApiError ? e.message : String(e)) },
  );

  private async reload(): Promise<void> {
    const id = this.params.id;
    const [h, e] = await Promise.all([get<HoursList>(`/api/projects/${id}/hours`), get<Expenses>(`/api/projects/${id}/expenses`)]);
    await this.renderRoot.querySelector('ww-budget-summary')?.refresh();
    this.hours = h;
    this.expenses = e;
  }

  private async logHours(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const n = parseNumber(String(f.get('hours')));
    const hours = !n.ok ? n.reason : n.value === null ? t('needHours') : hoursProblem(n.value)?.[locale()];
    this.added = { ...this.added, h: '' }; // cleared first, so the same entry twice is said twice
    const problems = [
      ...(hours ? [{ field: 'hours', message: hours }] : []),
      ...(String(f.get('activity')).trim() ? [] : [{ field: 'activity', message: t('needActivity') }]),
    ];
    if (problems.length || !n.ok) {
      this.hoursError = new ApiError(400, 'invalid_input', t('failed'), problems);
      return this.focusInvalid();
    }
    try {
      const date = String(f.get('date'));
      await post(`/api/projects/${this.params.id}/hours`, { date, hours: n.value!, phase: String(f.get('phase')), activity: String(f.get('activity')) });
      this.hoursError = null;
      (form.elements.namedItem('hours') as HTMLInputElement).value = '';
      (form.elements.namedItem('activity') as HTMLInputElement).value = '';
      this.status = '';
      this.added = { ...this.added, h: t('added', { entry: t('hoursEntry', { hours: formatHours(n.value!), date: formatDate(date) }) }) };
      await this.reload();
    } catch (err) {
      this.hoursError = err instanceof ApiError ? err : new ApiError(0, 'error', t('failed'));
      this.focusInvalid();
    }
  }

  private async addExpense(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const n = parseNumber(String(f.get('amount')).replace(/€|\beur(o)?\b/gi, '')); // '€ 12,50' is an amount too
    const amount = !n.ok ? n.reason : n.value === null ? t('needAmount') : null;
    this.added = { ...this.added, e: '' };
    const problems = [
      ...(amount ? [{ field: 'amount', message: amount }] : []),
      ...(String(f.get('description')).trim() ? [] : [{ field: 'description', message: t('needDescription') }]),
    ];
    if (problems.length || !n.ok) {
      this.expenseError = new ApiError(400, 'invalid_input', t('failed'), problems);
      return this.focusInvalid();
    }
    try {
      const [date, description] = [String(f.get('date')), String(f.get('description'))];
      await post(`/api/projects/${this.params.id}/expenses`, { date, amount: n.value!, description, category: String(f.get('category')) || null });
      this.expenseError = null;
      form.reset();
      (form.elements.namedItem('date') as HTMLInputElement).value = today();
      this.dates = { ...this.dates, e: today() };
      this.status = '';
      this.added = { ...this.added, e: t('added', { entry: t('expenseEntry', { description, date: formatDate(date) }) }) };
      await this.reload();
    } catch (err) {
      this.expenseError = err instanceof ApiError ? err : new ApiError(0, 'error', t('failed'));
      this.focusInvalid();
    }
  }

  /** Asks first; once removed, the focus goes to the section's heading (the button is gone). */
  private async removeEntry(kind: 'hours' | 'expenses', id: number, entry: string): Promise<void> {
    if (!confirm(t('removeAsk', { entry }))) return;
    try {
      await api('DELETE', `/api/projects/${this.params.id}/${kind}/${id}`);
      this.status = t('removed');
      this.added = { h: '', e: '' };
      await this.reload();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(kind === 'hours' ? '#log' : '#expenses')?.focus();
    } catch (err) {
      this.status = err instanceof ApiError ? err.message : t('failed');
    }
  }

  /** Its name starts with the word it shows, so speech control finds it by that word. */
  private removeButton(kind: 'hours' | 'expenses', id: number, entry: string) {
    return html`<button class="secondary small" aria-label=${`${t('remove')}: ${entry}`} @click=${() => this.removeEntry(kind, id, entry)}>${t('remove')}</button>`;
  }

  private async focusInvalid(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  /**
   * A form's date field. A date outside the project's own dates is allowed (preparation, follow-up)
   * but is often a mistyped year, so the form asks under the field.
   */
  private dateField(err: ApiError | null, form: 'h' | 'e') {
    const p = this.project!;
    const date = this.dates[form];
    const check =
      date && p.startDate && date < p.startDate
        ? t('beforeStart', { date: formatDate(p.startDate) })
        : date && p.endDate && date > p.endDate
          ? t('afterEnd', { date: formatDate(p.endDate) })
          : null;
    const id = `${form}-date`;
    return formField(
      { id, name: 'date', label: t('date'), error: err },
      (f) =>
        html`<input
            id=${f.id}
            name="date"
            type="date"
            required
            .value=${date}
            @input=${(e: Event) => (this.dates = { ...this.dates, [form]: (e.target as HTMLInputElement).value })}
            aria-describedby="${check ? `${id}-check ` : ''}${f.describedBy}"
            aria-invalid=${f.invalid}
          />
          ${check ? html`<span class="check" id="${id}-check">${check}</span>` : nothing}`,
    );
  }

  override render() {
    if (this.loader.failed) return html`<h1 tabindex="-1">${t('title')}</h1>${this.loader.status()}`;
    if (!this.project || !this.hours || !this.expenses) return this.loader.status();
    const staff = isStaff(this.user?.role);
    const he = this.hoursError;
    const ee = this.expenseError;
    return html`
      <h1 tabindex="-1">${t('title')}: ${this.project.name}</h1>
      <p class="actions"><a href="/projects/${this.project.id}">${t('project')}</a><a href="/projects/${this.project.id}/indicators">${t('counts')}</a></p>
      <p role="status" class="status">${this.status}</p>

      <section aria-labelledby="plan">
        <h2 id="plan">${t('plan')}</h2>
        <ww-budget-summary .projectId=${this.project.id}></ww-budget-summary>
      </section>

      <section aria-labelledby="log">
        <h2 id="log" tabindex="-1">${t('logHours')}</h2>
        <form @submit=${this.logHours} novalidate>
          <div role="alert">${he && !he.details.length ? html`<p class="error">${he.message}</p>` : nothing}</div>
          <div class="row">
            ${this.dateField(he, 'h')}
            ${formField({ id: 'h-hours', name: 'hours', label: t('amountHours'), hint: t('hoursHint'), error: he }, (f) => html`<input id=${f.id} name="hours" inputmode="decimal" required aria-describedby=${f.describedBy} aria-invalid=${f.invalid} />`)}
            ${formField({ id: 'h-phase', name: 'phase', label: t('phase'), error: he }, (f) => html`<select id=${f.id} name="phase" aria-describedby=${f.describedBy} aria-invalid=${f.invalid}>${phases.map((p) => html`<option value=${p} ?selected=${p === this.project!.phase}>${t(p)}</option>`)}</select>`)}
          </div>
          ${formField({ id: 'h-activity', name: 'activity', label: t('activity'), hint: t('activityHint'), error: he }, (f) => html`<input id=${f.id} name="activity" maxlength="200" required aria-describedby=${f.describedBy} aria-invalid=${f.invalid} />`)}
          <div class="actions"><button type="submit">${t('add')}</button><span role="status" class="added">${this.added.h}</span></div>
        </form>
        <div class="grid totals">
          <table><caption>${t('byPhase')}</caption><tbody>
            ${phases.map((p) => html`<tr><th scope="row">${t(p)}</th><td class="num">${formatHours(this.hours!.totals.byPhase[p])}</td></tr>`)}
            <tr><th scope="row">${t('total')}</th><td class="num"><strong>${formatHours(this.hours.totals.hours)}</strong></td></tr>
          </tbody></table>
          <table><caption>${t('byWorker')}</caption><tbody>
            ${this.hours.totals.byWorker.map((w) => html`<tr><th scope="row">${w.name}</th><td class="num">${formatHours(w.hours)}</td></tr>`)}
          </tbody></table>
        </div>
        ${
          this.hours.entries.length
            ? tableRegion(
                t('hoursTable'),
                html`<table class="phone-cards">
              <thead><tr><th scope="col">${t('date')}</th><th scope="col">${t('who')}</th><th scope="col">${t('phase')}</th><th scope="col" class="num">${t('amountHours')}</th><th scope="col">${t('activityColumn')}</th><th scope="col"><span class="sr">${t('remove')}</span></th></tr></thead>
              <tbody>${this.hours.entries.map(
                (h) => html`<tr>
                <td>${formatDate(h.date)}</td><td class="inline" data-label=${t('who')}>${h.userName}</td><td class="inline" data-label=${t('phase')}>${t(h.phase)}</td>
                <td class="num inline" data-label=${t('amountHours')}>${formatHours(h.hours)}</td><td data-label=${t('activityColumn')}>${h.activity}</td>
                <td>${h.userId === this.user?.id || staff ? html`${this.removeButton('hours', h.id, t('hoursEntry', { hours: formatHours(h.hours), date: formatDate(h.date) }))}` : nothing}</td>
              </tr>`,
              )}</tbody></table>`,
              )
            : html`<p class="muted">${t('noHours')}</p>`
        }
      </section>

      <section aria-labelledby="expenses">
        <h2 id="expenses" tabindex="-1">${t('expenses')}</h2>
        <form @submit=${this.addExpense} novalidate>
          <div role="alert">${ee && !ee.details.length ? html`<p class="error">${ee.message}</p>` : nothing}</div>
          <div class="row">
            ${this.dateField(ee, 'e')}
            ${formField({ id: 'e-amount', name: 'amount', label: t('amount'), hint: t('amountHint'), error: ee }, (f) => html`<input id=${f.id} name="amount" inputmode="decimal" required aria-describedby=${f.describedBy} aria-invalid=${f.invalid} />`)}
          </div>
          ${formField({ id: 'e-description', name: 'description', label: t('description'), error: ee }, (f) => html`<input id=${f.id} name="description" maxlength="300" required aria-describedby=${f.describedBy} aria-invalid=${f.invalid} />`)}
          ${formField({ id: 'e-category', name: 'category', label: t('category'), error: ee }, (f) => html`<input id=${f.id} name="category" maxlength="100" aria-describedby=${f.describedBy} aria-invalid=${f.invalid} />`)}
          <div class="actions"><button type="submit">${t('addExpense')}</button><span role="status" class="added">${this.added.e}</span></div>
        </form>
        ${
          this.expenses.entries.length
            ? tableRegion(
                t('expensesTable'),
                html`<table class="phone-cards">
              <thead><tr><th scope="col">${t('date')}</th><th scope="col">${t('description')}</th><th scope="col">${t('categoryColumn')}</th><th scope="col">${t('who')}</th><th scope="col" class="num">${t('amountColumn')}</th><th scope="col"><span class="sr">${t('remove')}</span></th></tr></thead>
              <tbody>${this.expenses.entries.map(
                (
                  x,
                ) => html`<tr><td>${formatDate(x.date)}</td><td data-label=${t('description')}>${x.description}</td><td class="inline" data-label=${t('categoryColumn')}>${x.category ?? nothing}</td>
                <td class="inline" data-label=${t('who')}>${x.enteredByName}</td><td class="num inline" data-label=${t('amountColumn')}>${euro(x.amount)}</td>
                <td>${x.enteredBy === this.user?.id || staff ? html`${this.removeButton('expenses', x.id, t('expenseEntry', { description: x.description, date: formatDate(x.date) }))}` : nothing}</td></tr>`,
              )}</tbody>
              <tfoot><tr><th scope="row" colspan="4">${t('total')}</th><td class="num"><strong>${euro(this.expenses.totals.amount)}</strong></td><td></td></tr></tfoot>
            </table>`,
              )
            : html`<p class="muted">${t('noExpenses')}</p>`
        }
      </section>
    `;
  }

  static override styles = [
    pageStyles,
    css`
      input, select, textarea { box-sizing: border-box; }
      .row { display: flex; flex-wrap: wrap; gap: 0.75rem; }
      .row > .field { flex: 1 1 10rem; }
      .num { text-align: right; font-variant-numeric: tabular-nums; }
      caption { text-align: left; font-weight: 600; }
      .totals { margin: 1rem 0; }
      button.small { min-height: 36px; padding: 0.25rem 0.6rem; }
      .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
      section { margin-bottom: 2rem; }
      .added { font-weight: 600; }
      .check { display: block; margin-top: 0.25rem; padding: 0.25rem 0.5rem; border-left: 4px solid #8a6100; background: #fff6dd; font-weight: normal; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-project-hours-page': ProjectHoursPage;
  }
}
