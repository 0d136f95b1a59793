import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

@customElement('ww-msc-page')
export class MscPage extends LitElement {
  override render() {
    return html`<h1>ww-msc-page</h1>`;
  }
}
