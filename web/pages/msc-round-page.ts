import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

@customElement('ww-msc-round-page')
export class MscRoundPage extends LitElement {
  override render() {
    return html`<h1>ww-msc-round-page</h1>`;
  }
}
