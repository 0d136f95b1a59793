import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { post } from '../api.js';
import { formatPeriod, messages, saidHere } from '../i18n.js';
import type { Me } from '../session.js';
import { pageStyles } from '../components/shared-styles.js';
import { CsvImport } from '../components/csv-import.js';
import '../components/ww-import-errors.js';
import type { ImportRowError } from '../components/ww-import-errors.js';
import { tableRegion } from '../components/table-region.js';
import { formField } from '../components/form-field.js';

const t = messages({
  nl: {
    title: 'CBS-cijfers importeren',
    intro:
      'Een CSV-export uit CBS StatLine (bijvoorbeeld Kerncijfers wijken en buurten). Elke kolom wordt een contextindicator per gebied. Gebieden worden gevonden op CBS-code (GM…, WK…, BU…) of op naam. Onderdrukte waarden (.) worden opgeslagen als ontbrekend, nooit als nul.',
    file: 'StatLine CSV-bestand',
    period: 'Periode',
    periodHint: 'Alleen nodig als het bestand geen kolom Perioden heeft, bijvoorbeeld 2021.',
    create: 'Onbekende gebieden aanmaken (alleen met CBS-code)',
    check: 'Controleren',
    commit: 'Importeren',
    chooseFile: 'Kies eerst een bestand.',
    summary:
      '{rows} rijen, periode {periods}: {matched} gebieden gevonden, {createdAreas} nieuw; {indicators} indicatoren; waarden {created} nieuw, {updated} gewijzigd, {unchanged} ongewijzigd, {missing} ontbrekend.',
    done: 'Geïmporteerd.',
    unknown: '{n} gebied(en) niet gevonden; deze rijen worden niet geïmporteerd:',
    row: 'Rij',
    name: 'Naam',
    code: 'Code',
    reason: 'Reden',
  },
  en: {
    title: 'Import CBS figures',
    intro:
      'A CSV export from CBS StatLine (e.g. Kerncijfers wijken en buurten). Each column becomes a context indicator per area. Areas are found by CBS code (GM…, WK…, BU…) or by name. Suppressed values (.) are stored as missing, never as zero.',
    file: 'StatLine CSV file',
    period: 'Period',
    periodHint: 'Only needed when the file has no Perioden column, e.g. 2021.',
    create: 'Create unknown areas (only with a CBS code)',
    check: 'Check',
    commit: 'Import',
    chooseFile: 'Choose a file first.',
    summary:
      '{rows} rows, period {periods}: {matched} areas found, {createdAreas} new; {indicators} indicators; values {created} new, {updated} changed, {unchanged} unchanged, {missing} missing.',
    done: 'Imported.',
    unknown: '{n} area(s) not found; these rows are not imported:',
    row: 'Row',
    name: 'Name',
    code: 'Code',
    reason: 'Reason',
  },
});

type Result = {
  committed: boolean;
  rows: number;
  periods: string[];
  errors: ImportRowError[];
  unknownAreas: { row: number; name: string | null; code: string | null; reason: string; nl?: string; en?: string }[];
  areas: { matched: number; created: unknown[] };
  indicators: unknown[];
  values: { created: number; updated: number; unchanged: number; missing: number };
};

/** Import a CBS StatLine export as context indicators: preview, unknown areas listed, then commit. */
@customElement('ww-cbs-import-page')
export class CbsImportPage extends LitElement {
  params: Record<string, string> = {};
  user: Me | null = null;
  @state() private period = '';
  @state() private createAreas = false;
  private readonly file = new CsvImport<Result>(this, {
    send: (csv, mode) =>
      post<Result>('/api/imports/cbs', { csv, mode, createAreas: this.createAreas, ...(this.period.trim() ? { period: this.period.trim() } : {}) }),
    refused: (errors, before) => ({ ...(before ?? emptyResult), committed: false, errors }),
    said: (_, mode) => (mode === 'commit' ? t('done') : ''),
    chooseFile: () => t('chooseFile'),
  });

  override render() {
    const { result: r, busy, message } = this.file;
    return html`
      <h1 tabindex="-1">${t('title')}</h1>
      <p>${t('intro')}</p>
      <div class="stack">
        ${this.file.field(t('file'))}
        ${formField(
          { id: 'period', label: t('period'), hint: t('periodHint'), message: null },
          (f) =>
            html`<input id=${f.id} .value=${this.period} @input=${(e: InputEvent) => ((this.period = (e.target as HTMLInputElement).value), this.file.reset())} aria-describedby=${f.describedBy} />`,
        )}
        <label class="check"><input type="checkbox" .checked=${this.createAreas} @change=${(e: Event) => ((this.createAreas = (e.target as HTMLInputElement).checked), this.file.reset())} /> ${t('create')}</label>
        <div class="actions">
          <button class="secondary" ?disabled=${busy} @click=${() => this.file.run('preview')}>${t('check')}</button>
          <button ?disabled=${busy || !r || r.errors.length > 0 || r.committed} @click=${() => this.file.run('commit')}>${t('commit')}</button>
        </div>
        <div role="status">
          ${message ? html`<p class="notice">${message}</p>` : nothing}
          ${
            r && !r.errors.length
              ? html`<p>${t('summary', { rows: r.rows, periods: r.periods.map((p) => formatPeriod(p)).join(', '), matched: r.areas.matched, createdAreas: r.areas.created.length, indicators: r.indicators.length, ...r.values })}</p>`
              : nothing
          }
        </div>
        <div role="alert"><ww-import-errors .errors=${r?.errors ?? []}></ww-import-errors></div>
        ${
          r?.unknownAreas.length
            ? tableRegion(
                t('unknown', { n: r.unknownAreas.length }),
                html`<table>
              <caption>${t('unknown', { n: r.unknownAreas.length })}</caption>
              <thead><tr><th scope="col">${t('row')}</th><th scope="col">${t('name')}</th><th scope="col">${t('code')}</th><th scope="col">${t('reason')}</th></tr></thead>
              <tbody>${r.unknownAreas.map((u) => html`<tr><td>${u.row}</td><td>${u.name ?? ''}</td><td>${u.code ?? ''}</td><td>${saidHere(u)}</td></tr>`)}</tbody>
            </table>`,
              )
            : nothing
        }
      </div>
    `;
  }

  static override styles = pageStyles;
}

const emptyResult: Result = {
  committed: false,
  rows: 0,
  periods: [],
  errors: [],
  unknownAreas: [],
  areas: { matched: 0, created: [] },
  indicators: [],
  values: { created: 0, updated: 0, unchanged: 0, missing: 0 },
};

declare global {
  interface HTMLElementTagNameMap {
    'ww-cbs-import-page': CbsImportPage;
  }
}
