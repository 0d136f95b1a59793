import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { ApiError, get, post } from '../api.js';
import { LocaleController } from '../components/locale-controller.js';
import { formatDate, messages } from '../i18n.js';
import { consentText, type ConsentLevel } from './consent-texts.js';
import './ww-receipt-lookup.js';

const t = messages({
  nl: {
    title: 'Je verhaal',
    loading: 'Even geduld…',
    notFound: 'We vinden geen verhaal bij deze code. Kijk of je de code goed hebt overgenomen.',
    tooMany: 'Je hebt het te vaak geprobeerd. Wacht een paar minuten en probeer het dan opnieuw.',
    failed: 'Het laden lukt nu niet. Probeer het later nog eens.',
    code: 'Bewijscode',
    sent: 'Verstuurd op',
    status: 'Wat er nu mee gebeurt',
    received: 'Ontvangen',
    receivedExplain: 'Het team heeft je verhaal ontvangen en leest het.',
    used: 'Gebruikt in een verslag',
    usedExplain: 'Je verhaal staat in een verslag. Dat is gebeurd zoals jij het wilde.',
    withdrawn: 'Weggehaald',
    withdrawnExplain: 'Je hebt je verhaal weggehaald. Het team gebruikt het niet meer. Het staat in geen enkel verslag meer.',
    usedIn: 'Hier staat je verhaal in:',
    who: 'Wie mag het lezen',
    feedback: 'Wat het team erover zegt',
    yourText: 'Wat je schreef',
    withdrawTitle: 'Verhaal weghalen',
    withdrawIntro: 'Wil je niet meer dat we je verhaal gebruiken? Dan kun je het weghalen. Het team kan het daarna niet meer lezen. Het komt dan ook niet meer in een verslag.',
    withdraw: 'Verhaal weghalen',
    confirmTitle: 'Weet je het zeker?',
    confirmText: 'Als je je verhaal weghaalt, kun je dat niet meer terugdraaien.',
    confirmYes: 'Ja, haal mijn verhaal weg',
    confirmNo: 'Nee, laat het staan',
    withdrawnNow: 'Je verhaal is weggehaald.',
    withdrawFailed: 'Weghalen lukt nu niet. Probeer het zo nog eens.',
    otherCode: 'Een andere code invullen',
  },
  en: {
    title: 'Your story',
    loading: 'One moment…',
    notFound: 'We cannot find a story with this code. Check that you copied the code correctly.',
    tooMany: 'You tried too often. Wait a few minutes and then try again.',
    failed: 'Loading does not work right now. Please try again later.',
    code: 'Receipt code',
    sent: 'Sent on',
    status: 'What happens with it now',
    received: 'Received',
    receivedExplain: 'The team has received your story and reads it.',
    used: 'Used in a report',
    usedExplain: 'Your story is in a report. That was done the way you wanted.',
    withdrawn: 'Taken back',
    withdrawnExplain: 'You took your story back. The team no longer uses it. It is no longer in any report.',
    usedIn: 'Your story is in:',
    who: 'Who may read it',
    feedback: 'What the team says about it',
    yourText: 'What you wrote',
    withdrawTitle: 'Take your story back',
    withdrawIntro: 'Do you no longer want us to use your story? Then you can take it back. The team can no longer read it after that. It will not go into a report any more.',
    withdraw: 'Take my story back',
    confirmTitle: 'Are you sure?',
    confirmText: 'If you take your story back, you cannot undo that.',
    confirmYes: 'Yes, take my story back',
    confirmNo: 'No, leave it',
    withdrawnNow: 'Your story has been taken back.',
    withdrawFailed: 'Taking it back does not work right now. Please try again soon.',
    otherCode: 'Fill in another code',
  },
});

type Status = 'received' | 'used' | 'withdrawn';
type Named = string | { report?: string; version?: number; title?: string; name?: string; reason?: string; text?: string; domain?: string; publishedAt?: string; at?: string; period?: string };
export type ReceiptStory = { title: string; bodyHtml: string; consent: ConsentLevel; status: Status; usedIn: Named[]; createdAt: string; feedback: Named[] };

/** What the resident sees with their receipt code: their story, what became of it, and a way to withdraw it. */
@customElement('ww-receipt-page')
export class WwReceiptPage extends LitElement {
  @property() code = '';
  @state() private story: ReceiptStory | null = null;
  @state() private error: string | null = null;
  @state() private confirming = false;
  @state() private busy = false;
  @state() private message: string | null = null;
  @state() private withdrawError: string | null = null;

  constructor() {
    super();
    new LocaleController(this);
  }

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = `${t('title')} · Weefwerk`;
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.story = (await get<{ story: ReceiptStory }>(`/api/public/receipts/${encodeURIComponent(this.code)}`)).story;
    } catch (e) {
      this.error = e instanceof ApiError && (e.status === 404 || e.status === 400) ? t('notFound') : e instanceof ApiError && e.status === 429 ? t('tooMany') : t('failed');
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
      this.message = t('withdrawnNow');
      await this.updateComplete;
      this.querySelector<HTMLElement>('#withdraw-message')?.focus();
    } catch (e) {
      this.withdrawError = e instanceof ApiError && e.status === 429 ? t('tooMany') : t('withdrawFailed');
    } finally {
      this.busy = false;
    }
  }

  private named(item: Named) {
    if (typeof item === 'string') return item;
    const when = item.publishedAt ?? item.at;
    return html`${item.report ?? item.title ?? item.name ?? item.domain ?? ''}${item.period ? html` (${item.period})` : nothing}${when ? html` <span class="hint">${formatDate(when)}</span>` : nothing}${
      item.reason ?? item.text ? html`<p>${item.reason ?? item.text}</p>` : nothing
    }`;
  }

  override render() {
    if (this.error)
      return html`<h1>${t('title')}</h1>
        <p class="notice error" role="alert">${this.error}</p>
        <ww-receipt-lookup .heading=${t('otherCode')}></ww-receipt-lookup>`;
    if (!this.story) return html`<h1>${t('title')}</h1><p role="status">${t('loading')}</p>`;
    const s = this.story;
    return html`
      <h1 tabindex="-1">${t('title')}</h1>
      <div id="withdraw-message" tabindex="-1" role="status">${this.message ? html`<p class="notice">${this.message}</p>` : nothing}</div>
      <section class="status status-${s.status}" aria-labelledby="status-title">
        <h2 id="status-title">${t('status')}</h2>
        <p class="status-label"><strong data-status=${s.status}>${t(s.status)}</strong></p>
        <p>${t(`${s.status}Explain`)}</p>
        ${s.status === 'used' && s.usedIn?.length ? html`<p>${t('usedIn')}</p><ul>${s.usedIn.map((u) => html`<li>${this.named(u)}</li>`)}</ul>` : nothing}
      </section>
      <dl>
        <dt>${t('code')}</dt><dd class="code-small">${this.code}</dd>
        <dt>${t('sent')}</dt><dd>${formatDate(s.createdAt)}</dd>
        ${s.status !== 'withdrawn' ? html`<dt>${t('who')}</dt><dd>${consentText(s.consent)}</dd>` : nothing}
      </dl>
      ${s.feedback?.length
        ? html`<section aria-labelledby="feedback-title">
            <h2 id="feedback-title">${t('feedback')}</h2>
            <ul class="feedback">${s.feedback.map((f) => html`<li>${this.named(f)}</li>`)}</ul>
          </section>`
        : nothing}
      ${s.title || s.bodyHtml
        ? html`<section aria-labelledby="text-title">
            <h2 id="text-title">${t('yourText')}</h2>
            <article class="story-text">
              <h3>${s.title}</h3>
              ${unsafeHTML(s.bodyHtml) /* rendered and sanitised by the server */}
            </article>
          </section>`
        : nothing}
      ${s.status !== 'withdrawn' ? this.renderWithdraw() : nothing}
    `;
  }

  private renderWithdraw() {
    return html`<section class="withdraw" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">${t('withdrawTitle')}</h2>
      <p>${t('withdrawIntro')}</p>
      ${this.confirming
        ? html`<div class="confirm" role="group" aria-labelledby="confirm-title">
            <p id="confirm-title" tabindex="-1"><strong>${t('confirmTitle')}</strong></p>
            <p>${t('confirmText')}</p>
            <div role="alert">${this.withdrawError ? html`<p class="error">${this.withdrawError}</p>` : nothing}</div>
            <div class="actions">
              <button type="button" class="danger" ?disabled=${this.busy} @click=${this.withdraw}>${t('confirmYes')}</button>
              <button type="button" class="secondary" @click=${this.cancel}>${t('confirmNo')}</button>
            </div>
          </div>`
        : html`<button type="button" id="withdraw-button" class="secondary" @click=${this.askConfirm}>${t('withdraw')}</button>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-receipt-page': WwReceiptPage;
  }
}
