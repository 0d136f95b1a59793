// A heard story's receipt code on its story page: the code just made (shown once: only its hash is
// stored), and for the story's recorder or staff a new code when the teller lost theirs.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, post } from '../../api.js';
import { LocaleController } from '../../components/locale-controller.js';
import { pageStyles } from '../../components/shared-styles.js';
import { messages } from '../../i18n.js';

const t = messages({
  nl: {
    title: 'Bewijscode voor de verteller',
    intro:
      'Geef deze code aan de verteller, op papier of in een bericht. Met de code leest de verteller het verhaal terug en kan hij of zij het intrekken, zonder jou: {url}',
    once: 'Schrijf de code nu op: hij wordt maar één keer getoond.',
    lostTitle: 'Bewijscode kwijt?',
    lostIntro:
      'Weefwerk bewaart de code niet (alleen een controlegetal), dus niemand kan hem opnieuw laten zien. Is de verteller de code kwijt? Maak dan een nieuwe. De oude code werkt daarna niet meer.',
    make: 'Nieuwe bewijscode maken',
    confirm: 'Weet je het zeker? De oude code van de verteller werkt daarna niet meer.',
    yes: 'Ja, maak een nieuwe code',
    cancel: 'Annuleren',
    failed: 'Dat lukte niet. Probeer het opnieuw.',
  },
  en: {
    title: 'Receipt code for the teller',
    intro: 'Give this code to the teller, on paper or in a message. With it the teller reads the story back and can withdraw it, without you: {url}',
    once: 'Write the code down now: it is shown only once.',
    lostTitle: 'Receipt code lost?',
    lostIntro:
      'Weefwerk does not keep the code (only a check value), so nobody can show it again. Has the teller lost it? Then make a new one. The old code stops working.',
    make: 'Make a new receipt code',
    confirm: 'Are you sure? The teller’s old code stops working.',
    yes: 'Yes, make a new code',
    cancel: 'Cancel',
    failed: 'That did not work. Please try again.',
  },
});

/**
 * `code`: a code just made (from recording the story); `canReissue`: this user may make a new one
 * (the server's `canReissueReceipt`). Renders nothing when neither.
 */
@customElement('ww-story-receipt')
export class WwStoryReceipt extends LitElement {
  @property({ type: Number }) storyId = 0;
  @property() code: string | null = null;
  @property({ type: Boolean }) canReissue = false;
  @state() private confirming = false;
  @state() private error: string | null = null;

  constructor() {
    super();
    new LocaleController(this);
  }

  private async ask(): Promise<void> {
    this.confirming = true;
    this.error = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('button.danger')?.focus();
  }

  private async cancel(): Promise<void> {
    this.confirming = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('#make')?.focus();
  }

  private async reissue(): Promise<void> {
    try {
      this.code = (await post<{ receipt: string }>(`/api/stories/${this.storyId}/receipt`)).receipt;
      this.confirming = false;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#receipt-title')?.focus();
    } catch (e) {
      this.error = e instanceof ApiError ? e.message : t('failed');
    }
  }

  override render() {
    if (this.code)
      return html`<section class="notice receipt" aria-labelledby="receipt-title">
        <h2 id="receipt-title" tabindex="-1">${t('title')}</h2>
        <p class="receipt-code" data-receipt>${this.code}</p>
        <p>${t('intro', { url: `${location.origin}/r/${this.code}` })}</p>
        <p><strong>${t('once')}</strong></p>
      </section>`;
    if (!this.canReissue) return nothing;
    return html`<section aria-labelledby="lost-title">
      <h2 id="lost-title">${t('lostTitle')}</h2>
      <p>${t('lostIntro')}</p>
      ${
        this.confirming
          ? html`<div role="group" aria-labelledby="confirm-text" class="confirm" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.cancel()}>
              <p id="confirm-text">${t('confirm')}</p>
              <div class="actions">
                <button type="button" class="danger" @click=${this.reissue}>${t('yes')}</button>
                <button type="button" class="secondary" @click=${this.cancel}>${t('cancel')}</button>
              </div>
            </div>`
          : html`<button type="button" id="make" class="secondary" @click=${this.ask}>${t('make')}</button>`
      }
      ${this.error ? html`<p role="alert" class="error">${this.error}</p>` : nothing}
    </section>`;
  }

  static override styles = [
    pageStyles,
    css`
      :host { display: block; }
      .receipt-code { font-family: ui-monospace, monospace; font-size: 1.5rem; letter-spacing: 0.1em; margin: 0.25rem 0; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-story-receipt': WwStoryReceipt;
  }
}
