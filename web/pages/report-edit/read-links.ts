// The read links made for a report: their status, and revoking one after confirming.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get, post } from '../../api.js';
import { LocaleController } from '../../components/locale-controller.js';
import { PageLoader } from '../../components/page-loader.js';
import { pageStyles } from '../../components/shared-styles.js';
import { formatDate } from '../../i18n.js';
import { t, type ReadLink } from './messages.js';

/**
 * Lists a report's read links and revokes them. `refresh` changes when the page made a link;
 * a revoked link is announced with a `link-revoked` event (detail: its id).
 */
@customElement('ww-report-read-links')
export class ReportReadLinks extends LitElement {
  @property({ type: Number }) reportId = 0;
  @property({ type: Number }) refresh = 0;
  /** The page is busy (saving, publishing): actions wait. */
  @property({ type: Boolean }) disabled = false;
  @state() private links: ReadLink[] | null = null;
  private readonly loader = new PageLoader(
    this,
    async () => {
      this.links = (await get<{ links: ReadLink[] }>(`/api/reports/${this.reportId}/links`)).links;
    },
    { loading: t('loading'), failed: t('linksFailed') },
    { auto: false },
  );
  /** A revocation that failed. */
  @state() private linksError: string | null = null;
  @state() private linksMessage: string | null = null;
  /** The link whose revocation waits for confirmation. */
  @state() private confirmingLink: number | null = null;
  @state() private busy = false;

  constructor() {
    super();
    new LocaleController(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.reportId && (changed.has('reportId') || changed.has('refresh'))) {
      if (changed.has('refresh')) this.linksMessage = null;
      void this.loader.run();
    }
  }

  private linkName(l: ReadLink) {
    return l.label ?? t('unnamed', { id: l.id });
  }

  /** The confirmation replaces the button that had focus: keep keyboard users on it. */
  private async askRevoke(id: number) {
    this.confirmingLink = id;
    this.linksError = this.linksMessage = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(`#link-${id} button.danger`)?.focus();
  }

  private async cancelRevoke() {
    const id = this.confirmingLink;
    this.confirmingLink = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(`#link-${id} button.revoke`)?.focus();
  }

  private async revoke(l: ReadLink) {
    this.busy = true;
    this.linksError = this.linksMessage = null;
    try {
      await post(`/api/reports/${this.reportId}/links/${l.id}/revoke`);
      this.confirmingLink = null;
      this.dispatchEvent(new CustomEvent('link-revoked', { detail: l.id, bubbles: true, composed: true })); // no dead link to copy
      await this.loader.run();
      this.linksMessage = t('revokedDone', { label: this.linkName(l) });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#links-h')?.focus();
    } catch (err) {
      this.linksError = t('revokeFailed', { message: err instanceof ApiError ? err.message : t('failed') });
    } finally {
      this.busy = false;
    }
  }

  private renderLink(l: ReadLink) {
    const name = this.linkName(l);
    const confirming = this.confirmingLink === l.id;
    const busy = this.busy || this.disabled;
    return html`<li id=${`link-${l.id}`} class="link">
      <div>
        <strong>${name}</strong> <span class=${`badge ${l.status}`}>${t(l.status)}</span>
        <p class="meta">
          ${t('linkMeta', { date: formatDate(l.createdAt), name: l.createdBy ?? '–', until: formatDate(l.expiresAt) })}
          ${l.revokedAt ? t('linkRevoked', { date: formatDate(l.revokedAt), name: l.revokedBy ?? '–' }) : nothing}
        </p>
      </div>
      ${
        l.status !== 'active'
          ? nothing
          : confirming
            ? html`<div class="confirm" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.cancelRevoke()}>
              <p id=${`confirm-${l.id}`}>${t('confirmRevoke', { label: name })}</p>
              <div class="actions">
                <button type="button" class="danger" aria-describedby=${`confirm-${l.id}`} @click=${() => this.revoke(l)} ?disabled=${busy}>${t('doRevoke')}</button>
                <button type="button" class="secondary" @click=${this.cancelRevoke}>${t('cancel')}</button>
              </div>
            </div>`
            : html`<button type="button" class="secondary revoke" aria-label=${t('revokeLabel', { label: name })} @click=${() => this.askRevoke(l.id)} ?disabled=${busy}>${t('revoke')}</button>`
      }
    </li>`;
  }

  override render() {
    return html`<h3 id="links-h" tabindex="-1">${t('links')}</h3>
      <div role="alert">${this.linksError ? html`<p class="notice error">${this.linksError}</p>` : nothing}</div>
      <div role="status">${this.linksMessage ? html`<p class="notice">${this.linksMessage}</p>` : nothing}</div>
      ${this.loader.status()}
      ${
        this.links === null
          ? nothing
          : this.links.length
            ? html`<ul class="links">
              ${this.links.map((l) => this.renderLink(l))}
            </ul>`
            : html`<p>${t('noLinks')}</p>`
      }`;
  }

  static override styles = [
    pageStyles,
    css`
      :host { display: block; }
      ul.links { list-style: none; padding: 0; }
      li.link { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; justify-content: space-between; align-items: start; border-top: 1px solid var(--ww-line); padding: 0.75rem 0; }
      li.link > div { flex: 1 1 16rem; }
      li.link .meta { margin: 0.25rem 0 0; color: var(--ww-muted); }
      .badge.active { background: #dcefdc; }
      .badge.revoked { background: #f6dede; }
      .confirm { flex: 1 1 100%; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-report-read-links': ReportReadLinks;
  }
}
