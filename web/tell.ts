// Placeholder: the resident's story page (issue 3) replaces this.
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

@customElement('ww-tell')
export class Tell extends LitElement {
  override render() {
    return html`<h1>Vertel je verhaal</h1>`;
  }
}
