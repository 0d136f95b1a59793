// The resident's pages, a small bundle of their own: /t/:token (tell a story through a project
// link) and /r/:code (read it back by receipt code, see what became of it, withdraw it); /r asks
// for the code. The editor (tiptap) loads only when the story field is first used.
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController } from './components/locale-controller.js';
import { locale, messages, setLocale } from './i18n.js';
import './resident/ww-receipt-lookup.js';
import './resident/ww-receipt-page.js';
import './resident/ww-tell-form.js';

const t = messages({
  nl: { language: 'English', languageLabel: 'Switch to English', notFound: 'Deze pagina bestaat niet.' },
  en: { language: 'Nederlands', languageLabel: 'Naar Nederlands', notFound: 'This page does not exist.' },
});

@customElement('ww-tell')
export class WwTell extends LitElement {
  constructor() {
    super();
    new LocaleController(this);
  }

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const lang = new URLSearchParams(location.search).get('lang');
    if (lang === 'en' || lang === 'nl') setLocale(lang);
    document.documentElement.lang = locale();
  }

  private switchLanguage(): void {
    setLocale(locale() === 'nl' ? 'en' : 'nl');
  }

  private page() {
    const path = location.pathname;
    let m = /^\/t\/([^/]+)\/?$/.exec(path);
    if (m) return html`<ww-tell-form token=${decodeURIComponent(m[1]!)}></ww-tell-form>`;
    m = /^\/r\/([^/]+)\/?$/.exec(path);
    if (m) return html`<ww-receipt-page code=${decodeURIComponent(m[1]!)}></ww-receipt-page>`;
    if (/^\/r\/?$/.test(path)) return html`<ww-receipt-lookup></ww-receipt-lookup>`;
    return html`<h1>Weefwerk</h1><p role="alert">${t('notFound')}</p>`;
  }

  override render() {
    const other = locale() === 'nl' ? 'en' : 'nl';
    return html`
      <div class="topbar">
        <span class="brand">Weefwerk</span>
        <button type="button" class="link" lang=${other} aria-label=${t('languageLabel')} @click=${this.switchLanguage}>${t('language')}</button>
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
