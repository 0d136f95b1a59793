import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { messages } from '../i18n.js';
import { routes } from '../routes.js';
import type { Me } from '../session.js';
import { locale } from '../i18n.js';
import { pageStyles } from '../components/shared-styles.js';

const t = messages({
  nl: { hello: 'Welkom, {name}', intro: 'Weefwerk bundelt tellen en vertellen: cijfers en verhalen over wat er verandert in de buurt.', go: 'Waar wil je heen?' },
  en: { hello: 'Welcome, {name}', intro: 'Weefwerk brings counting and telling together: numbers and stories about what changes in the neighbourhood.', go: 'Where do you want to go?' },
});

@customElement('ww-home-page')
export class HomePage extends LitElement {
  @property({ attribute: false }) user: Me | null = null;

  override render() {
    const items = routes.filter((r) => r.nav && this.user && r.roles?.includes(this.user.role));
    return html`
      <h1 tabindex="-1">${t('hello', { name: this.user?.name ?? '' })}</h1>
      <p>${t('intro')}</p>
      <h2>${t('go')}</h2>
      <ul>${items.map((r) => html`<li><a href=${r.path}>${r.nav![locale()]}</a></li>`)}</ul>
    `;
  }

  static override styles = pageStyles;
}
