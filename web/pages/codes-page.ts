import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

@customElement('ww-codes-page')
export class CodesPage extends LitElement {
  override render() {
    return html`<h1>ww-codes-page</h1>`;
  }
}
