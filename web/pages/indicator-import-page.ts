import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { post } from '../api.js';
import { formatPeriod, locale, messages } from '../i18n.js';
import type { Me } from '../session.js';
import { pageStyles } from '../components/shared-styles.js';
import { CsvImport } from '../components/csv-import.js';
import '../components/ww-import-errors.js';
import type { ImportRowError } from '../components/ww-import-errors.js';
import { tableRegion } from '../components/table-region.js';

const t = messages({
  nl: {
    title: 'Waarden importeren uit CSV',
    back: 'Terug naar de indicatoren',
    templateHeading: '1. Haal het sjabloon op',
    templateIntro:
      'Het sjabloon heeft een regel per indicator, periode en gebied van dit project, met wat er al is ingevuld. Vul de lege waarden in (in Excel of een ander rekenblad), sla op als CSV en lees het bestand hieronder in. Een cel die leeg was en leeg blijft, verandert niets.',
    periods: 'Aantal perioden',
    template: 'Sjabloon downloaden (CSV)',
    fileHeading: '2. Lees het bestand in',
    intro:
      'Kolommen: indicator (naam of nummer), periode (2026-Q1), gebied (naam of CBS-code, alleen bij indicatoren per gebied), waarde en eventueel opmerking. Puntkomma of komma als scheidingsteken; 12,5 en 1.234,5 mogen. Eerst zie je wat er zou veranderen; pas daarna sla je op.',
    file: 'CSV-bestand',
    check: 'Controleren',
    commit: 'Importeren',
    result: '{rows} rijen: {created} nieuw, {updated} gewijzigd, {unchanged} ongewijzigd.',
    ready: 'Geen fouten gevonden. Controleer de wijzigingen en kies Importeren.',
    done: 'Geïmporteerd: {created} nieuw, {updated} gewijzigd, {unchanged} ongewijzigd.',
    chooseFile: 'Kies eerst een bestand.',
    changesPreview: 'Dit wordt er opgeslagen',
    changesDone: 'Dit is opgeslagen',
    more: 'En nog {n} wijzigingen die hier niet staan.',
    row: 'Rij',
    what: 'Indicator, periode en gebied',
    was: 'Was',
    becomes: 'Wordt',
    whole: 'hele project',
    none: 'nog niets',
    missing: 'ontbreekt',
    noteChange: 'opmerking: {note}',
    nothingChanges: 'Dit bestand verandert niets: alle waarden staan er al zo in.',
  },
  en: {
    title: 'Import values from CSV',
    back: 'Back to the indicators',
    templateHeading: '1. Get the template',
    templateIntro:
      'The template has a line per indicator, period and area of this project, with what has been entered already. Fill in the empty values (in Excel or another spreadsheet), save as CSV and read the file in below. A cell that was empty and stays empty changes nothing.',
    periods: 'Number of periods',
    template: 'Download template (CSV)',
    fileHeading: '2. Read in the file',
    intro:
      'Columns: indicator (name or number), period (2026-Q1), area (name or CBS code, only for indicators per area), value and optionally note (Dutch headers work too). Semicolon or comma separated; 12,5 and 1.234,5 are fine. First you see what would change; only then you save.',
    file: 'CSV file',
    check: 'Check',
    commit: 'Import',
    result: '{rows} rows: {created} new, {updated} changed, {unchanged} unchanged.',
    ready: 'No errors found. Check the changes and choose Import.',
    done: 'Imported: {created} new, {updated} changed, {unchanged} unchanged.',
    chooseFile: 'Choose a file first.',
    changesPreview: 'This is what will be saved',
    changesDone: 'This was saved',
    more: 'And {n} more changes not shown here.',
    row: 'Row',
    what: 'Indicator, period and area',
    was: 'Was',
    becomes: 'Becomes',
    whole: 'whole project',
    none: 'nothing yet',
    missing: 'missing',
    noteChange: 'note: {note}',
    nothingChanges: 'This file changes nothing: every value is already as it says.',
  },
});

type Change = {
  row: number;
  indicator: string;
  period: string;
  area: string | null;
  from: number | null;
  to: number | null;
  note: string | null;
  status: 'created' | 'updated';
};
type Result = {
  rows: number;
  errors: ImportRowError[];
  created: number;
  updated: number;
  unchanged: number;
  committed: boolean;
  changes: Change[];
  changesTotal: number;
};

/** A stored number as typed here: decimal comma in Dutch, no grouping (as the grid shows it). */
const typed = (n: number) => (locale() === 'nl' ? String(n).replace('.', ',') : String(n));

/** CSV import of indicator values for one project: a template to fill in, a preview of every change (old → new) or every bad row, then commit. */
@customElement('ww-indicator-import-page')
export class IndicatorImportPage extends LitElement {
  params: Record<string, string> = {};
  user: Me | null = null;
  @state() private periods = 4;
  private readonly file = new CsvImport<Result>(this, {
    send: (csv, mode) => post<Result>('/api/indicators/import', { csv, mode, projectId: Number(this.params.id) }),
    refused: (errors) => ({ rows: 0, created: 0, updated: 0, unchanged: 0, committed: false, changes: [], changesTotal: 0, errors }),
    said: ({ rows, created, updated, unchanged, errors }, mode) => {
      const counts = { rows, created, updated, unchanged };
      if (errors.length) return '';
      return mode === 'commit' ? t('done', counts) : `${t('result', counts)} ${t(created + updated ? 'ready' : 'nothingChanges')}`;
    },
    chooseFile: () => t('chooseFile'),
  });

  private value(n: number | null, before: boolean) {
    if (n !== null) return typed(n);
    return html`<span class="muted">${before ? t('none') : t('missing')}</span>`;
  }

  private renderChanges(r: Result) {
    if (r.errors.length || !r.changes.length) return nothing;
    return html`${tableRegion(
      { labelledBy: 'changes-caption' },
      html`<table>
          <caption id="changes-caption">${r.committed ? t('changesDone') : t('changesPreview')}</caption>
          <thead><tr><th scope="col">${t('row')}</th><th scope="col">${t('what')}</th><th scope="col" class="num">${t('was')}</th><th scope="col" class="num">${t('becomes')}</th></tr></thead>
          <tbody>
            ${r.changes.map(
              (c) => html`<tr>
                <td>${c.row}</td>
                <th scope="row">${c.indicator}<span class="hint">${formatPeriod(c.period)} · ${c.area ?? t('whole')}</span></th>
                <td class="num">${c.status === 'created' ? html`<span class="muted">${t('none')}</span>` : this.value(c.from, true)}</td>
                <td class="num"><strong>${this.value(c.to, false)}</strong>${c.note !== null ? html`<span class="hint">${t('noteChange', { note: c.note })}</span>` : nothing}</td>
              </tr>`,
            )}
          </tbody>
        </table>`,
    )}
      ${r.changesTotal > r.changes.length ? html`<p class="muted">${t('more', { n: r.changesTotal - r.changes.length })}</p>` : nothing}`;
  }

  override render() {
    const { result: r, busy, message } = this.file;
    const pid = this.params.id;
    return html`
      <h1 tabindex="-1">${t('title')}</h1>
      <p><a href="/projects/${pid}/indicators">${t('back')}</a></p>
      <h2>${t('templateHeading')}</h2>
      <p>${t('templateIntro')}</p>
      <div class="template">
        <label>${t('periods')}
          <select @change=${(e: Event) => (this.periods = Number((e.target as HTMLSelectElement).value))}>
            ${[1, 2, 4, 6, 8, 12].map((n) => html`<option value=${n} ?selected=${n === this.periods}>${n}</option>`)}
          </select>
        </label>
        <a class="button secondary" href="/api/projects/${pid}/indicators/template.csv?periods=${this.periods}" download>${t('template')}</a>
      </div>
      <h2>${t('fileHeading')}</h2>
      <p>${t('intro')}</p>
      <div class="stack">
        ${this.file.field(t('file'))}
        <div class="actions">
          <button class="secondary" ?disabled=${busy} @click=${() => this.file.run('preview')}>${t('check')}</button>
          <button ?disabled=${busy || !r || r.errors.length > 0 || r.committed || r.created + r.updated === 0} @click=${() => this.file.run('commit')}>${t('commit')}</button>
        </div>
        <div role="status">${message ? html`<p class="notice">${message}</p>` : nothing}</div>
        <div role="alert"><ww-import-errors .errors=${r?.errors ?? []}></ww-import-errors></div>
        ${r ? this.renderChanges(r) : nothing}
      </div>
    `;
  }

  static override styles = [
    pageStyles,
    css`
      .template { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; }
      .template label { max-width: 12rem; }
      caption { text-align: left; font-weight: 600; padding: 0.5rem 0; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
      td .hint, th .hint { display: block; font-size: 0.85rem; font-weight: 400; }
      tbody th { text-align: left; font-weight: 600; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-indicator-import-page': IndicatorImportPage;
  }
}
