import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get } from '../api.js';
import { formatEuro, formatHours, formatNumber, messages } from '../i18n.js';
import { pageStyles } from './shared-styles.js';

const t = messages({
  nl: {
    hours: 'Uren',
    money: 'Geld',
    loading: 'Laden…',
    over: 'Over de begroting heen.',
    hoursUsed: '{used} van {planned} uur gebruikt ({pct}%), nog {remaining} uur over.',
    hoursNoPlan: '{used} uur gebruikt. Er zijn geen uren begroot.',
    moneyUsed: '{used} van {planned} uitgegeven ({pct}%), nog {remaining} over.',
    moneyNoPlan: '{used} uitgegeven. Er is geen geld begroot.',
  },
  en: {
    hours: 'Hours',
    money: 'Money',
    loading: 'Loading…',
    over: 'Over budget.',
    hoursUsed: '{used} of {planned} hours used ({pct}%), {remaining} hours left.',
    hoursNoPlan: '{used} hours used. No hours were budgeted.',
    moneyUsed: '{used} of {planned} spent ({pct}%), {remaining} left.',
    moneyNoPlan: '{used} spent. No money was budgeted.',
  },
});

type Budget = {
  hours: { used: number; planned: number | null; remaining: number | null; percentage: number | null };
  money: { usedEuros: number; plannedEuros: number | null; remainingEuros: number | null; percentage: number | null };
};

const euro = formatEuro;

/**
 * Hours and money used against a project's plan, as text with a simple bar (the bar is decoration;
 * the sentence says it all). For the project page and the hours page: `<ww-budget-summary .projectId=${id}>`.
 */
@customElement('ww-budget-summary')
export class WwBudgetSummary extends LitElement {
  @property({ type: Number, attribute: 'project-id' }) projectId = 0;
  @state() private budget: Budget | null = null;
  @state() private problem = '';

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('projectId') && this.projectId) void this.refresh();
  }

  /** Loads the figures again, e.g. after hours were logged. */
  async refresh(): Promise<void> {
    try {
      this.budget = (await get<{ budget: Budget }>(`/api/projects/${this.projectId}/budget`)).budget;
      this.problem = '';
    } catch (e) {
      this.problem = e instanceof ApiError ? e.message : String(e);
    }
  }

  private bar(label: string, text: string, pct: number | null) {
    const width = Math.min(100, Math.max(0, pct ?? 0));
    return html`<div class="usage">
      <h3>${label}</h3>
      <p>${text}${pct !== null && pct > 100 ? html` <strong class="error">${t('over')}</strong>` : nothing}</p>
      ${pct !== null ? html`<div class="bar" aria-hidden="true"><span class=${pct > 100 ? 'over' : ''} style="width:${width}%"></span></div>` : nothing}
    </div>`;
  }

  override render() {
    if (this.problem) return html`<p class="error">${this.problem}</p>`;
    const b = this.budget;
    if (!b) return html`<p class="muted">${t('loading')}</p>`;
    const hoursText =
      b.hours.planned === null
        ? t('hoursNoPlan', { used: formatHours(b.hours.used) })
        : t('hoursUsed', {
            used: formatHours(b.hours.used),
            planned: formatHours(b.hours.planned),
            pct: formatNumber(b.hours.percentage, 1),
            remaining: formatHours(b.hours.remaining),
          });
    const moneyText =
      b.money.plannedEuros === null
        ? t('moneyNoPlan', { used: euro(b.money.usedEuros) })
        : t('moneyUsed', {
            used: euro(b.money.usedEuros),
            planned: euro(b.money.plannedEuros),
            pct: formatNumber(b.money.percentage, 1),
            remaining: euro(b.money.remainingEuros),
          });
    return html`<div class="grid">${this.bar(t('hours'), hoursText, b.hours.percentage)} ${this.bar(t('money'), moneyText, b.money.percentage)}</div>`;
  }

  static override styles = [
    pageStyles,
    css`
      .usage h3 { margin: 0 0 0.25rem; font-size: 1.05rem; }
      .usage p { margin: 0 0 0.5rem; }
      .bar { height: 1rem; border: 1px solid var(--ww-ink); border-radius: var(--ww-radius); background: var(--ww-surface); overflow: hidden; }
      .bar span { display: block; height: 100%; background: var(--ww-accent); }
      .bar span.over { background: var(--ww-danger); }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-budget-summary': WwBudgetSummary;
  }
}
