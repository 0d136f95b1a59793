import { html } from 'lit';
import { rt } from './i18n.js';

/** An address inside a right-to-left sentence stays one left-to-right run (Unicode isolates), so `host/r` is not shown as `r/host`. */
const ltr = (text: string) => `\u2066${text}\u2069`;

/** What the resident sees once their story arrived: the receipt code, where to use it later, and a way to tell another story. */
export function renderReceipt(code: string, another: () => void) {
  const url = `${location.origin}/r`;
  return html`
    <h1 tabindex="-1">${rt('form.thanks')}</h1>
    <p>${rt('form.received')}</p>
    <div class="receipt">
      <p>${rt('form.yourCode')}</p>
      <p class="code" data-receipt dir="ltr">${code}</p>
    </div>
    <p><strong>${rt('form.writeDown')}</strong></p>
    <p>${rt('form.codeUse')}</p>
    <p><a class="button primary" href="/r/${encodeURIComponent(code)}">${rt('form.openReceipt')}</a></p>
    <p class="hint">${rt('form.laterAt', { url: ltr(url.replace(/^https?:\/\//, '')) })}</p>
    <p><button type="button" class="secondary" @click=${another}>${rt('form.another')}</button></p>
  `;
}
