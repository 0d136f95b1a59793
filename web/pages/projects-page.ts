// Placeholder: replaced by the foundation web work.
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

@customElement('ww-projects-page')
export class Page extends LitElement {
  override render() {
    return html`<h1>ww-projects-page</h1>`;
  }
}
