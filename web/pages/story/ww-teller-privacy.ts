// A teller's privacy on their story's page (staff only): download everything kept about the teller,
// or erase the teller with all their stories after a reason and a confirmation.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, post } from '../../api.js';
import { errorMessage } from '../../components/form-field.js';
import { LocaleController } from '../../components/locale-controller.js';
import { pageStyles } from '../../components/shared-styles.js';
import { messages } from '../../i18n.js';
import { storyFormStyles } from './form-styles.js';

const t = messages({
  nl: {
    failed: 'Opslaan lukte niet.',
    privacy: 'Privacy van de verteller',
    privacyIntro:
      'Vraagt de verteller wat we over hem of haar bewaren? Download dan alle gegevens. Wil de verteller dat alles weg is? Wis dan de verteller met al zijn of haar verhalen.',
    exportTeller: 'Gegevens van de verteller downloaden (JSON)',
    erase: 'Verteller en alle verhalen wissen',
    eraseReason: 'Reden van het wissen',
    eraseConfirm: 'Ik begrijp dat alle verhalen van deze verteller, hun toestemmingen en plaatsingen voorgoed verdwijnen.',
    needEraseReason: 'Geef een reden.',
    needEraseConfirm: 'Bevestig dat je alles wilt wissen.',
  },
  en: {
    failed: 'Saving did not work.',
    privacy: "The teller's privacy",
    privacyIntro:
      'Does the teller ask what we keep about them? Then download all their data. Does the teller want everything gone? Then erase the teller with all their stories.',
    exportTeller: "Download the teller's data (JSON)",
    erase: 'Erase the teller and all their stories',
    eraseReason: 'Reason for erasing',
    eraseConfirm: "I understand that all of this teller's stories, their consents and placements disappear for good.",
    needEraseReason: 'Give a reason.',
    needEraseConfirm: 'Confirm that you want to erase everything.',
  },
});

/**
 * Export and erasure for the teller `tellerId`.
 * @fires teller-erased - the teller is gone (detail: { stories: the number of stories erased with them })
 */
@customElement('ww-teller-privacy')
export class WwTellerPrivacy extends LitElement {
  @property({ type: Number }) tellerId = 0;
  @state() private errors: { reason?: string; confirm?: string; general?: string } = {};

  constructor() {
    super();
    new LocaleController(this);
  }

  private async erase(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const reason = String(f.get('eraseReason') ?? '').trim();
    const errors: typeof this.errors = {};
    if (!reason) errors.reason = t('needEraseReason');
    if (!f.get('eraseConfirm')) errors.confirm = t('needEraseConfirm');
    this.errors = errors;
    if (Object.keys(errors).length) return;
    try {
      const res = await post<{ erased: { stories: number } }>(`/api/tellers/${this.tellerId}/erase`, { reason });
      this.dispatchEvent(new CustomEvent('teller-erased', { detail: { stories: res.erased.stories }, bubbles: true, composed: true }));
    } catch (err) {
      this.errors = { general: err instanceof ApiError ? err.message : t('failed') };
    }
  }

  override render() {
    const id = this.tellerId;
    const err = this.errors;
    return html`<h2 id="privacy-title">${t('privacy')}</h2>
      <p>${t('privacyIntro')}</p>
      <p><a class="button secondary" href="/api/tellers/${id}/export" download="teller-${id}.json">${t('exportTeller')}</a></p>
      <form class="card" aria-label=${t('erase')} @submit=${this.erase} novalidate>
        <div role="alert">${err.general ? html`<p class="notice error">${err.general}</p>` : nothing}</div>
        <div class="field">
          <label for="erase-reason">${t('eraseReason')}</label>
          <textarea id="erase-reason" name="eraseReason" maxlength="500" aria-describedby="erase-reason-error" aria-invalid=${err.reason ? 'true' : 'false'}></textarea>
          ${errorMessage('erase-reason', err.reason)}
        </div>
        <label class="radio"><input type="checkbox" name="eraseConfirm" aria-describedby="erase-confirm-error" aria-invalid=${err.confirm ? 'true' : 'false'} /><span>${t('eraseConfirm')}</span></label>
        ${errorMessage('erase-confirm', err.confirm)}
        <div class="actions"><button type="submit" class="danger">${t('erase')}</button></div>
      </form>`;
  }

  static override styles = [pageStyles, storyFormStyles];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-teller-privacy': WwTellerPrivacy;
  }
}
