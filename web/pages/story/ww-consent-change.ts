// Changing or withdrawing a story's consent on the teller's request: level, how it was passed on,
// who asked, and a reason (required, and confirmed, when withdrawing).
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, post } from '../../api.js';
import { errorMessage } from '../../components/form-field.js';
import { LocaleController } from '../../components/locale-controller.js';
import { pageStyles } from '../../components/shared-styles.js';
import { messages } from '../../i18n.js';
import type { Role } from '../../routes.js';
import { channels, consentLevels, giverName, label, type Story } from '../../stories.js';
import { storyFormStyles } from './form-styles.js';

const t = messages({
  nl: {
    change: 'Toestemming wijzigen of intrekken',
    changeIntro: 'Doe dit alleen als de verteller dat zelf vraagt. Leg vast hoe je het hoorde.',
    newLevel: 'Nieuw niveau',
    withdraw: 'Toestemming intrekken: het verhaal gaat uit alle verslagen, exports en zoekresultaten',
    howGiven: 'Hoe is dit doorgegeven?',
    whoGave: 'Wie vroeg hierom?',
    whoGaveHint: 'Ruimer delen kan alleen de verteller zelf (of de ouder of voogd bij een verteller onder 16).',
    guardianName: 'Naam van de ouder of voogd (als die het doorgaf)',
    tellerName: 'Naam bij het openbare verhaal',
    tellerNameHint: 'Een openbaar verhaal staat er met een naam. Vraag welke naam de verteller wil; een verzonnen naam mag ook.',
    needName: 'Vul de naam in die bij het verhaal komt te staan.',
    reasonLabel: 'Reden',
    reasonHint: 'Verplicht bij intrekken.',
    save: 'Toestemming opslaan',
    saved: 'De toestemming is opgeslagen.',
    needReason: 'Geef een reden voor het intrekken.',
    needLevel: 'Kies een niveau of trek in.',
    needChannel: 'Kies hoe het is doorgegeven.',
    failed: 'Opslaan lukte niet.',
    confirmWithdraw: 'Weet je het zeker? Intrekken kan niet ongedaan worden gemaakt.',
  },
  en: {
    change: 'Change or withdraw consent',
    changeIntro: 'Only do this when the teller asks for it. Record how you heard it.',
    newLevel: 'New level',
    withdraw: 'Withdraw consent: the story leaves every report, export and search result',
    howGiven: 'How was this passed on?',
    whoGave: 'Who asked for this?',
    whoGaveHint: 'Only the teller (or the parent or guardian of a teller under 16) can widen who may read it.',
    guardianName: 'Name of the parent or guardian (if they passed it on)',
    tellerName: 'Name with the public story',
    tellerNameHint: 'A public story is shown with a name. Ask which name the teller wants; a made-up name is fine too.',
    needName: 'Fill in the name to show with the story.',
    reasonLabel: 'Reason',
    reasonHint: 'Required when withdrawing.',
    save: 'Save consent',
    saved: 'Consent has been saved.',
    needReason: 'Give a reason for withdrawing.',
    needLevel: 'Choose a level or withdraw.',
    needChannel: 'Choose how it was passed on.',
    failed: 'Saving did not work.',
    confirmWithdraw: 'Are you sure? Withdrawing cannot be undone.',
  },
});

type Field = 'level' | 'channel' | 'reason' | 'tellerName';

/**
 * The consent form for one story (not withdrawn). `userRole` (the signed-in user's) decides who may be named as asking.
 * @fires story-changed - the story as the server returns it after the change (detail: Story)
 */
@customElement('ww-consent-change')
export class WwConsentChange extends LitElement {
  @property({ attribute: false }) story!: Story;
  @property({ attribute: false }) userRole: Role | null = null;
  @state() private withdrawing = false;
  @state() private confirming = false;
  @state() private level = '';
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private message: string | null = null;
  @state() private general: string | null = null;

  constructor() {
    super();
    new LocaleController(this);
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement; // kept: after dispatch the event's target reads null
    const f = new FormData(form);
    const level = String(f.get('level') ?? '');
    const channel = String(f.get('channel') ?? '');
    const givenBy = String(f.get('givenBy') ?? 'teller');
    const reason = String(f.get('reason') ?? '').trim();
    const guardianName = String(f.get('guardianName') ?? '').trim();
    const tellerName = this.asksName ? String(f.get('tellerName') ?? '').trim() : '';
    const errors: typeof this.errors = {};
    if (!this.withdrawing && !level) errors.level = t('needLevel');
    if (this.asksName && !tellerName) errors.tellerName = t('needName');
    if (!channel) errors.channel = t('needChannel');
    if (this.withdrawing && !reason) errors.reason = t('needReason');
    this.errors = errors;
    this.message = this.general = null;
    if (Object.keys(errors).length) return;
    if (this.withdrawing && !this.confirming) {
      this.confirming = true;
      return;
    }
    try {
      const body = {
        ...(this.withdrawing ? { withdraw: true as const } : { level }),
        ...(reason ? { reason } : {}),
        ...(guardianName ? { guardianName } : {}),
        ...(tellerName ? { tellerName } : {}),
        channel,
        givenBy,
      };
      const { story } = await post<{ story: Story }>(`/api/stories/${this.story.id}/consent`, body);
      this.message = t('saved');
      this.withdrawing = this.confirming = false;
      this.level = '';
      form.reset();
      this.dispatchEvent(new CustomEvent<Story>('story-changed', { detail: story, bubbles: true, composed: true }));
    } catch (err) {
      const name = err instanceof ApiError ? err.field('tellerName') : undefined;
      if (name) this.errors = { tellerName: name };
      else this.general = err instanceof ApiError ? err.message : t('failed');
    }
  }

  /** A public story is shown with a name: asked here when the teller has none yet. */
  private get asksName(): boolean {
    return !this.withdrawing && this.level === 'public' && !this.story.teller?.name;
  }

  /** The guardian named in the last consent, to prefill when a guardian speaks again. */
  private guardianOf(): string {
    return [...(this.story.consentHistory ?? [])].reverse().find((r) => r.guardianName)?.guardianName ?? '';
  }

  override render() {
    const err = (k: Field) => errorMessage(`consent-${k}`, this.errors[k]);
    const inv = (k: Field) => (this.errors[k] ? 'true' : 'false');
    return html`<h2 id="change-title">${t('change')}</h2>
      <form class="card" aria-labelledby="change-title" @submit=${this.submit} novalidate>
        <p class="hint">${t('changeIntro')}</p>
        <div role="status">${this.message ? html`<p class="notice">${this.message}</p>` : nothing}</div>
        <div role="alert">${this.general ? html`<p class="notice error">${this.general}</p>` : nothing}</div>
        <label class="radio"><input type="checkbox" name="withdraw" .checked=${this.withdrawing} @change=${(e: Event) => {
          this.withdrawing = (e.target as HTMLInputElement).checked;
          this.confirming = false;
        }} /><span>${t('withdraw')}</span></label>
        ${
          this.withdrawing
            ? nothing
            : html`<fieldset aria-describedby="consent-level-error"><legend>${t('newLevel')}</legend>
              ${consentLevels.map(
                (c) =>
                  html`<label class="radio"><input type="radio" name="level" value=${c} aria-invalid=${inv('level')} ?disabled=${c === this.story.consent} @change=${() => (this.level = c)} /><span>${label(c)}</span></label>`,
              )}
              ${err('level')}
            </fieldset>`
        }
        ${
          this.asksName
            ? html`<div class="field">
              <label for="consent-tellerName">${t('tellerName')}</label>
              <span class="hint" id="consent-tellerName-hint">${t('tellerNameHint')}</span>
              <input id="consent-tellerName" type="text" name="tellerName" maxlength="100" autocomplete="off" aria-describedby="consent-tellerName-hint consent-tellerName-error" aria-invalid=${inv('tellerName')} />
              ${err('tellerName')}
            </div>`
            : nothing
        }
        <fieldset aria-describedby="consent-channel-error"><legend>${t('howGiven')}</legend>
          ${channels.map((c) => html`<label class="radio"><input type="radio" name="channel" value=${c} aria-invalid=${inv('channel')} /><span>${label(c)}</span></label>`)}
          ${err('channel')}
        </fieldset>
        <fieldset><legend>${t('whoGave')}</legend>
          <span class="hint">${t('whoGaveHint')}</span>
          ${(['teller', 'guardian', this.userRole === 'worker' ? 'worker' : 'coordinator'] as const).map((g) => html`<label class="radio"><input type="radio" name="givenBy" value=${g} ?checked=${g === (this.story.teller?.under16 ? 'guardian' : 'teller')} /><span>${giverName(g)}</span></label>`)}
        </fieldset>
        <div class="field"><label for="consent-guardian">${t('guardianName')}</label><input id="consent-guardian" type="text" name="guardianName" maxlength="200" autocomplete="off" .value=${this.guardianOf()} /></div>
        <div class="field">
          <label for="consent-reason">${t('reasonLabel')}</label>
          <span class="hint" id="consent-reason-hint">${t('reasonHint')}</span>
          <textarea id="consent-reason" name="reason" maxlength="2000" aria-describedby="consent-reason-hint consent-reason-error" aria-invalid=${inv('reason')}></textarea>
          ${err('reason')}
        </div>
        ${this.confirming ? html`<p role="alert" class="notice error">${t('confirmWithdraw')}</p>` : nothing}
        <div class="actions"><button type="submit" class=${this.withdrawing ? 'danger' : ''}>${this.confirming ? t('withdraw').split(':')[0] : t('save')}</button></div>
      </form>`;
  }

  static override styles = [pageStyles, storyFormStyles];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-consent-change': WwConsentChange;
  }
}
