import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, post } from '../api.js';
import { messages } from '../i18n.js';
import type { Me } from '../session.js';
import { pageStyles } from '../components/shared-styles.js';
import '../components/ww-import-errors.js';
import type { ImportRowError } from '../components/ww-import-errors.js';

const t = messages({
  nl: {
    title: 'Waarden importeren uit CSV', back: 'Terug naar de indicatoren',
    intro: 'Een CSV-bestand met de kolommen indicator (naam of nummer), periode (2026-Q1), gebied (CBS-code of naam, alleen bij indicatoren per gebied), waarde en eventueel opmerking. Puntkomma of komma als scheidingsteken; 12,5 en 1.234,5 mogen. Eerst zie je wat er zou gebeuren; pas daarna sla je op.',
    file: 'CSV-bestand', check: 'Controleren', commit: 'Importeren', result: '{rows} rijen: {created} nieuw, {updated} gewijzigd, {unchanged} ongewijzigd.',
    ready: 'Geen fouten gevonden. Controleer de aantallen en kies Importeren.', done: 'Geïmporteerd: {created} nieuw, {updated} gewijzigd, {unchanged} ongewijzigd.', chooseFile: 'Kies eerst een bestand.',
  },
  en: {
    title: 'Import values from CSV', back: 'Back to the indicators',
    intro: 'A CSV file with the columns indicator (name or number), period (2026-Q1), area (CBS code or name, only for indicators per area), value and optionally note. Semicolon or comma separated; 12,5 and 1.234,5 are fine. First you see what would happen; only then you save.',
    file: 'CSV file', check: 'Check', commit: 'Import', result: '{rows} rows: {created} new, {updated} changed, {unchanged} unchanged.',
    ready: 'No errors found. Check the numbers and choose Import.', done: 'Imported: {created} new, {updated} changed, {unchanged} unchanged.', chooseFile: 'Choose a file first.',
  },
});

type Result = { rows: number; errors: ImportRowError[]; created: number; updated: number; unchanged: number; committed: boolean };

/** CSV import of indicator values for one project: preview with every bad row, then commit. */
@customElement('ww-indicator-import-page')
export class IndicatorImportPage extends LitElement {
  params: Record<string, string> = {};
  user: Me | null = null;
  @state() private csv = '';
  @state() private result: Result | null = null;
  @state() private message = '';
  @state() private busy = false;

  private async pick(e: Event): Promise<void> {
    const file = (e.target as HTMLInputElement).files?.[0];
    this.csv = file ? await file.text() : '';
    this.result = null;
    this.message = '';
  }

  private async run(mode: 'preview' | 'commit'): Promise<void> {
    if (!this.csv) {
      this.message = t('chooseFile');
      return;
    }
    this.busy = true;
    try {
      this.result = await post<Result>('/api/indicators/import', { csv: this.csv, mode, projectId: Number(this.params.id) });
      const { rows, created, updated, unchanged } = this.result;
      const counts = { rows, created, updated, unchanged };
      this.message = this.result.errors.length ? '' : mode === 'commit' ? t('done', counts) : `${t('result', counts)} ${t('ready')}`;
    } catch (err) {
      if (err instanceof ApiError && err.details.length) this.result = { rows: 0, created: 0, updated: 0, unchanged: 0, committed: false, errors: err.details as unknown as ImportRowError[] };
      else this.message = err instanceof Error ? err.message : String(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const r = this.result;
    return html`
      <h1 tabindex="-1">${t('title')}</h1>
      <p><a href="/projects/${this.params.id}/indicators">${t('back')}</a></p>
      <p>${t('intro')}</p>
      <div class="stack">
        <label>${t('file')}<input type="file" accept=".csv,text/csv,text/plain" @change=${this.pick} /></label>
        <div class="actions">
          <button class="secondary" ?disabled=${this.busy} @click=${() => this.run('preview')}>${t('check')}</button>
          <button ?disabled=${this.busy || !r || r.errors.length > 0 || r.committed} @click=${() => this.run('commit')}>${t('commit')}</button>
        </div>
        <div role="status">${this.message ? html`<p class="notice">${this.message}</p>` : nothing}</div>
        <div role="alert"><ww-import-errors .errors=${r?.errors ?? []}></ww-import-errors></div>
      </div>
    `;
  }

  static override styles = pageStyles;
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-indicator-import-page': IndicatorImportPage;
  }
}
