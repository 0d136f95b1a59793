import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

@customElement('ww-coding-page')
export class CodingPage extends LitElement {
  override render() {
    return html`<h1>ww-coding-page</h1>`;
  }
}
