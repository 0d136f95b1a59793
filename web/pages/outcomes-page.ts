import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

@customElement('ww-outcomes-page')
export class OutcomesPage extends LitElement {
  override render() {
    return html`<h1>ww-outcomes-page</h1>`;
  }
}
