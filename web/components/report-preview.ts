import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';

/**
 * A report as the server rendered it, styled by the report page's own stylesheet (/report.css) in
 * a shadow root of its own, so the preview looks as the funder will see it and the report's styles
 * stay out of the page around it.
 */
@customElement('ww-report-preview')
export class ReportPreview extends LitElement {
  /** The report's HTML, rendered and escaped by the server. */
  @property({ attribute: false }) html = '';

  static override styles = css`
    :host { display: block; }
  `;

  override render() {
    return html`<link rel="stylesheet" href="/report.css" />${unsafeHTML(this.html)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-report-preview': ReportPreview;
  }
}
