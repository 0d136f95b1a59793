// The resident's pages, a small bundle of their own: /t/:token (tell a story through a project
// link) and /r/:code (read it back by receipt code, see what became of it, withdraw it; /r/:code/copy
// is the teller's own copy to print or download); /r asks
// for the code. Six languages (web/resident/locales/), chosen from the browser's language with a
// switch on every page. The editor (tiptap) loads only when the story field is first used.
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ResidentElement } from './resident/resident-element.js';
import { isResidentLocale, lang, languageNames, residentLocales, rt, startLanguage, useLanguage } from './resident/i18n.js';
import './resident/ww-receipt-lookup.js';
import './resident/ww-receipt-copy.js';
import './resident/ww-receipt-page.js';
import './resident/ww-tell-form.js';
import { documentTitle } from './title.js';

@customElement('ww-tell')
export class WwTell extends ResidentElement {
  @state() private ready = false;

  override connectedCallback(): void {
    super.connectedCallback();
    const start = startLanguage();
    // A language asked for in the address is remembered, so the receipt page after sending keeps it.
    const asked = new URLSearchParams(location.search).get('lang') === start;
    void useLanguage(start, asked).then(
      () => (this.ready = true),
      () => useLanguage('nl', false).then(() => (this.ready = true)),
    );
  }

  private async switchLanguage(e: Event): Promise<void> {
    const value = (e.target as HTMLSelectElement).value;
    if (isResidentLocale(value)) await useLanguage(value);
  }

  private page() {
    const path = location.pathname;
    let m = /^\/t\/([^/]+)\/?$/.exec(path);
    if (m) return html`<ww-tell-form token=${decodeURIComponent(m[1]!)}></ww-tell-form>`;
    m = /^\/r\/([^/]+)\/copy\/?$/.exec(path);
    if (m) return html`<ww-receipt-copy code=${decodeURIComponent(m[1]!)}></ww-receipt-copy>`;
    m = /^\/r\/([^/]+)\/?$/.exec(path);
    if (m) return html`<ww-receipt-page code=${decodeURIComponent(m[1]!)}></ww-receipt-page>`;
    if (/^\/r\/?$/.test(path)) return html`<ww-receipt-lookup></ww-receipt-lookup>`;
    document.title = documentTitle(rt('app.notFound'));
    return html`<h1>Weefwerk</h1><p role="alert">${rt('app.notFound')}</p>`;
  }

  override render() {
    if (!this.ready) return html`<p role="status">${rt('app.loading')}</p>`;
    const current = lang();
    return html`
      <div class="topbar">
        <span class="brand" lang="nl">${rt('app.brand')}</span>
        <label class="language">
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M2.5 12h19M12 2.5c2.6 2.8 3.9 6 3.9 9.5s-1.3 6.7-3.9 9.5c-2.6-2.8-3.9-6-3.9-9.5s1.3-6.7 3.9-9.5z" fill="none" stroke="currentColor" stroke-width="1.6"/></svg>
          <span>${rt('app.language')}${current === 'en' ? nothing : html` <span lang="en">(Language)</span>`}</span>
          <select name="language" @change=${this.switchLanguage}>
            ${residentLocales.map((l) => html`<option value=${l} lang=${l} dir=${l === 'ar' ? 'rtl' : 'ltr'} ?selected=${l === current}>${languageNames[l]}</option>`)}
          </select>
        </label>
      </div>
      ${this.page()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-tell': WwTell;
  }
}
