import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ResidentElement } from './resident-element.js';
import { rt } from './i18n.js';
import { documentTitle } from '../title.js';

/** Tidies a typed receipt code: capitals, no spaces, dashes in groups of four. */
export function tidyCode(input: string): string {
  const raw = input.toUpperCase().replace(/[^A-Z0-9-]/g, '');
  return /^[A-Z0-9]{12}$/.test(raw) ? raw.match(/.{4}/g)!.join('-') : raw;
}

/** A small form to open the receipt page by typing the code. */
@customElement('ww-receipt-lookup')
export class WwReceiptLookup extends ResidentElement {
  /** When set, the form shows this as an h2 instead of the page's h1 and intro. */
  @property() heading = '';
  /** The code already tried (a code that was not found), kept in the field so one wrong character can be fixed. */
  @property() code = '';
  @state() private error = false;

  /** As the page itself (not a form within another page) it titles the tab. */
  protected override updated(): void {
    if (!this.heading) document.title = documentTitle(rt('lookup.title'));
  }

  private submit(e: SubmitEvent): void {
    e.preventDefault();
    const code = tidyCode((this.querySelector<HTMLInputElement>('#receipt-code')?.value ?? '').trim());
    if (!code) {
      this.error = true;
      this.querySelector<HTMLInputElement>('#receipt-code')?.focus();
      return;
    }
    location.assign(`/r/${encodeURIComponent(code)}`);
  }

  override render() {
    return html`
      ${this.heading ? html`<h2>${this.heading}</h2>` : html`<h1 tabindex="-1">${rt('lookup.title')}</h1><p>${rt('lookup.intro')}</p>`}
      <form @submit=${this.submit} novalidate>
        <div class="field">
          <label class="field-label" for="receipt-code">${rt('lookup.code')}</label>
          <span class="hint" id="receipt-code-hint">${rt('lookup.codeHint')}</span>
          <input id="receipt-code" name="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" .value=${this.code}
            aria-describedby="receipt-code-hint receipt-code-error" aria-invalid=${this.error ? 'true' : 'false'} />
          <span class="field-error" id="receipt-code-error" role="alert">${this.error ? rt('lookup.needCode') : nothing}</span>
        </div>
        <div><button type="submit" class="primary">${rt('lookup.open')}</button></div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-receipt-lookup': WwReceiptLookup;
  }
}
