import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

@customElement('ww-climate-page')
export class ClimatePage extends LitElement {
  override render() {
    return html`<h1>ww-climate-page</h1>`;
  }
}
