import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { messages, saidHere } from '../i18n.js';
import { pageStyles } from './shared-styles.js';
import { tableRegion } from './table-region.js';

const t = messages({
  nl: { caption: '{n} fout(en) in het bestand. Er is niets opgeslagen.', row: 'Rij', column: 'Kolom', reason: 'Wat is er mis' },
  en: { caption: '{n} error(s) in the file. Nothing was saved.', row: 'Row', column: 'Column', reason: 'What is wrong' },
});

export type ImportRowError = { row: number; column: string; reason: string; nl?: string; en?: string };

/** The bad rows of an import preview, as a table: row (the header is row 1), column, reason. */
@customElement('ww-import-errors')
export class WwImportErrors extends LitElement {
  @property({ attribute: false }) errors: ImportRowError[] = [];

  override render() {
    if (!this.errors.length) return nothing;
    return tableRegion(
      t('caption', { n: this.errors.length }),
      html`<table>
      <caption class="error">${t('caption', { n: this.errors.length })}</caption>
      <thead><tr><th scope="col">${t('row')}</th><th scope="col">${t('column')}</th><th scope="col">${t('reason')}</th></tr></thead>
      <tbody>${this.errors.map((e) => html`<tr><td>${e.row}</td><td>${e.column}</td><td>${saidHere(e)}</td></tr>`)}</tbody>
    </table>`,
    );
  }

  static override styles = pageStyles;
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-import-errors': WwImportErrors;
  }
}
