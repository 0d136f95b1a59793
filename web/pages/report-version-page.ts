import { LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';

/**
 * A published report version is a server-rendered page, not part of the app. When the app itself
 * navigates there (for instance right after logging in), load it from the server.
 */
@customElement('ww-report-version-page')
export class ReportVersionPage extends LitElement {
  override connectedCallback(): void {
    super.connectedCallback();
    location.replace(location.pathname);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-report-version-page': ReportVersionPage;
  }
}
