// Placeholder: replaced by the foundation web work.
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

@customElement('ww-users-page')
export class Page extends LitElement {
  override render() {
    return html`<h1>ww-users-page</h1>`;
  }
}
