// Placeholder: replaced by the foundation web work.
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

@customElement('ww-project-page')
export class Page extends LitElement {
  override render() {
    return html`<h1>ww-project-page</h1>`;
  }
}
