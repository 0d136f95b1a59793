import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { ApiError, get, post } from '../api.js';
import { ResidentElement } from './resident-element.js';
import { formatDay, lang, rt } from './i18n.js';
import { consentName, type ConsentLevel } from './consent-texts.js';
import './ww-receipt-lookup.js';
import { documentTitle } from '../title.js';
import { htmlText, titleIsOpening } from './story-title.js';

type Status = 'received' | 'used' | 'withdrawn';
type Named =
  | string
  | {
      report?: string;
      version?: number;
      title?: string;
      name?: string;
      reason?: string;
      text?: string;
      domain?: string;
      publishedAt?: string;
      at?: string;
      period?: string;
    };
export type ReceiptMedia = { id: number; kind: 'audio' | 'photo'; mime: string; durationSeconds: number | null; url: string };
/** A Most Significant Change round that chose the story: the panel by role, never names, and why. */
type Chosen = { domain: string; panel: ('coordinator' | 'worker' | 'funder')[]; reasons: string[]; at: string | null };
export type ReceiptStory = {
  title: string;
  bodyHtml: string;
  consent: ConsentLevel;
  status: Status;
  usedIn: Named[];
  createdAt: string;
  feedback: Chosen[];
  /** the reviewed version that reports show; null until it is reviewed */
  reportVersion: { title: string; bodyHtml: string } | null;
  /** the recording and photo sent with it, to listen back and look at */
  media?: ReceiptMedia[];
};

type Problem = 'receipt.notFound' | 'receipt.tooMany' | 'receipt.failed';
/** Why a receipt could not be read; each has a short form for the tab's title (`…Title`). */
const problemOf = (e: unknown): Problem =>
  e instanceof ApiError && (e.status === 404 || e.status === 400)
    ? 'receipt.notFound'
    : e instanceof ApiError && e.status === 429
      ? 'receipt.tooMany'
      : 'receipt.failed';

/** Why a receipt (or the copy behind it) could not be read, in the resident's words. */
export const receiptProblem = (e: unknown): string => rt(problemOf(e));

const roleKey = { coordinator: 'receipt.roleCoordinator', worker: 'receipt.roleWorker', funder: 'receipt.roleFunder' } as const;

/** What the resident sees with their receipt code: their story, what became of it, and a way to withdraw it. */
@customElement('ww-receipt-page')
export class WwReceiptPage extends ResidentElement {
  @property() code = '';
  @state() private story: ReceiptStory | null = null;
  @state() private error: Problem | null = null;
  @state() private confirming = false;
  @state() private busy = false;
  @state() private message: string | null = null;
  @state() private withdrawError: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** The tab's title follows the language, and names the problem when there is one. */
  protected override updated(): void {
    document.title = documentTitle(rt(this.error ? `${this.error}Title` : 'receipt.title'));
  }

  private async load(): Promise<void> {
    try {
      this.story = (await get<{ story: ReceiptStory }>(`/api/public/receipts/${encodeURIComponent(this.code)}`)).story;
    } catch (e) {
      this.error = problemOf(e);
    }
  }

  private async askConfirm(): Promise<void> {
    this.confirming = true;
    await this.updateComplete;
    this.querySelector<HTMLElement>('#confirm-title')?.focus();
  }

  private async cancel(): Promise<void> {
    this.confirming = false;
    await this.updateComplete;
    this.querySelector<HTMLElement>('#withdraw-button')?.focus();
  }

  private async withdraw(): Promise<void> {
    this.busy = true;
    this.withdrawError = null;
    try {
      this.story = (await post<{ story: ReceiptStory }>(`/api/public/receipts/${encodeURIComponent(this.code)}/withdraw`)).story;
      this.confirming = false;
      this.message = rt('receipt.withdrawnNow');
      await this.updateComplete;
      this.querySelector<HTMLElement>('#withdraw-message')?.focus();
    } catch (e) {
      this.withdrawError = e instanceof ApiError && e.status === 429 ? rt('receipt.tooMany') : rt('receipt.withdrawFailed');
    } finally {
      this.busy = false;
    }
  }

  private named(item: Named) {
    if (typeof item === 'string') return item;
    const when = item.publishedAt ?? item.at;
    return html`${item.report ?? item.title ?? item.name ?? item.domain ?? ''}${item.period ? html` (${item.period})` : nothing}${when ? html` <span class="hint">${formatDay(when)}</span>` : nothing}${
      (item.reason ?? item.text) ? html`<p>${item.reason ?? item.text}</p>` : nothing
    }`;
  }

  override render() {
    if (this.error)
      return html`<h1>${rt('receipt.title')}</h1>
        <p class="notice error" role="alert">${rt(this.error)}</p>
        <ww-receipt-lookup .heading=${rt('receipt.otherCode')} .code=${this.code}></ww-receipt-lookup>`;
    if (!this.story) return html`<h1>${rt('receipt.title')}</h1><p role="status">${rt('app.loading')}</p>`;
    const s = this.story;
    return html`
      <h1 tabindex="-1">${rt('receipt.title')}</h1>
      <div id="withdraw-message" tabindex="-1" role="status">${this.message ? html`<p class="notice">${this.message}</p>` : nothing}</div>
      <section class="status status-${s.status}" aria-labelledby="status-title">
        <h2 id="status-title">${rt('receipt.status')}</h2>
        <p class="status-label"><strong data-status=${s.status}>${rt(`receipt.${s.status}`)}</strong></p>
        <p>${rt(`receipt.${s.status}Explain`)}</p>
        ${s.status === 'used' && s.usedIn?.length ? html`<p>${rt('receipt.usedIn')}</p><ul>${s.usedIn.map((u) => html`<li>${this.named(u)}</li>`)}</ul>` : nothing}
      </section>
      <dl>
        <dt>${rt('receipt.code')}</dt><dd class="code-small"><bdi dir="ltr">${this.code}</bdi></dd>
        <dt>${rt('receipt.sent')}</dt><dd>${formatDay(s.createdAt)}</dd>
        ${s.status !== 'withdrawn' ? html`<dt>${rt('receipt.who')}</dt><dd>${consentName(s.consent)}</dd>` : nothing}
      </dl>
      ${
        s.feedback?.length
          ? html`<section class="chosen" aria-labelledby="feedback-title">
            <h2 id="feedback-title">${rt('receipt.chosenTitle')}</h2>
            ${s.feedback.map((f) => this.renderChosen(f))}
          </section>`
          : nothing
      }
      ${
        s.title || s.bodyHtml
          ? html`<div class="texts">
            <section aria-labelledby="text-title">
              <h2 id="text-title">${rt('receipt.yourText')}</h2>
              <article class="story-text" dir="auto">
                ${s.title && !titleIsOpening(s.title, htmlText(s.bodyHtml)) ? html`<h3>${s.title}</h3>` : nothing}
                ${unsafeHTML(s.bodyHtml) /* rendered and sanitised by the server */}
              </article>
            </section>
            ${s.consent !== 'team' && s.status !== 'withdrawn' ? this.renderReportVersion(s) : nothing}
          </div>`
          : nothing
      }
      ${(s.media ?? []).map((m) =>
        m.kind === 'audio'
          ? html`<section aria-labelledby="listen-${m.id}">
              <h2 id="listen-${m.id}">${rt('receipt.listen')}</h2>
              <audio controls preload="metadata" src=${m.url} aria-labelledby="listen-${m.id}" style="width: 100%"></audio>
            </section>`
          : html`<section aria-labelledby="photo-${m.id}">
              <h2 id="photo-${m.id}">${rt('receipt.photo')}</h2>
              <img class="photo-preview" src=${m.url} alt=${rt('receipt.photoAlt')} />
            </section>`,
      )}
      <section aria-labelledby="copy-title">
        <h2 id="copy-title">${rt('copy.heading')}</h2>
        <p>${rt('copy.intro')}</p>
        <p class="actions">
          <a class="button secondary" href="/r/${encodeURIComponent(this.code)}/copy">${rt('copy.view')}</a>
          <a class="button secondary" href="/api/public/receipts/${encodeURIComponent(this.code)}/copy.json" download>${rt('copy.download')}</a>
        </p>
      </section>
      ${s.status !== 'withdrawn' ? this.renderWithdraw() : nothing}
    `;
  }

  /** In a plain sentence: a group (by role) chose this story as the most important change, and why. */
  private renderChosen(f: Chosen) {
    const who = new Intl.ListFormat(lang(), { type: 'conjunction' }).format(f.panel.map((r) => rt(roleKey[r])));
    return html`<div class="chosen-round">
      <p>${rt('receipt.chosen', { who, domain: f.domain })}${f.at ? html` <span class="hint">${formatDay(f.at)}</span>` : nothing}</p>
      ${
        f.reasons.length
          ? html`<p>${rt('receipt.chosenWhy')}</p>
            <ul class="feedback">${f.reasons.map((r) => html`<li><q>${r}</q></li>`)}</ul>`
          : nothing
      }
    </div>`;
  }

  /** Beside the teller's own text: the version readers beyond the team get, once reviewed. */
  private renderReportVersion(s: ReceiptStory) {
    return html`<section aria-labelledby="report-version-title" class="report-version">
      <h2 id="report-version-title">${rt('receipt.reportVersion')}</h2>
      ${
        s.reportVersion
          ? html`<p>${rt('receipt.reportVersionIntro')}</p>
            <article class="story-text" dir="auto">
              <h3>${s.reportVersion.title}</h3>
              ${unsafeHTML(s.reportVersion.bodyHtml) /* rendered and sanitised by the server */}
            </article>`
          : html`<p>${rt('receipt.notReviewed')}</p>`
      }
    </section>`;
  }

  private renderWithdraw() {
    return html`<section class="withdraw" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">${rt('receipt.withdrawTitle')}</h2>
      <p>${rt('receipt.withdrawIntro')}</p>
      ${
        this.confirming
          ? html`<div class="confirm" role="group" aria-labelledby="confirm-title">
            <p id="confirm-title" tabindex="-1"><strong>${rt('receipt.confirmTitle')}</strong></p>
            <p>${rt('receipt.confirmText')}</p>
            <div role="alert">${this.withdrawError ? html`<p class="error">${this.withdrawError}</p>` : nothing}</div>
            <div class="actions">
              <button type="button" class="danger" ?disabled=${this.busy} @click=${this.withdraw}>${rt('receipt.confirmYes')}</button>
              <button type="button" class="secondary" @click=${this.cancel}>${rt('receipt.confirmNo')}</button>
            </div>
          </div>`
          : html`<button type="button" id="withdraw-button" class="secondary" @click=${this.askConfirm}>${rt('receipt.withdraw')}</button>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-receipt-page': WwReceiptPage;
  }
}
