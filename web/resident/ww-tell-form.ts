import type { JSONContent } from '@tiptap/core';
import { STORY_BYTES } from '../../db/domain/uploads.js';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get, post } from '../api.js';
import { errorMessage, problemLine } from '../components/form-field.js';
import { ResidentElement } from './resident-element.js';
import { clearDraft, draftHasContent, emptyDraft, keepReceipt, keptReceipt, loadDraft, saveDraft, type Draft } from './draft.js';
import { newReceiptCode } from '../../db/domain/receipt-codes.js';
import { consentTextVersion, lang, rt, type TextKey } from './i18n.js';
import { renderConsent } from './tell-consent.js';
import type { ConsentLevel } from './consent-texts.js';
import { TellMedia } from './tell-media.js';
import { renderReceipt } from './tell-receipt.js';
import type { ClimateVariable, PlacementEvent } from './ww-climate-slider.js';
import './ww-climate-slider.js';
import type { WwStoryField } from './ww-story-field.js';
import './ww-story-field.js';
import { documentTitle } from '../title.js';

type LinkInfo = {
  project: { name: string };
  question?: string | null;
  variables: ClimateVariable[];
  consentTextVersion: string;
  open: boolean;
  media?: boolean;
};
type Field = 'title' | 'body' | 'consent' | 'guardianName' | 'guardianAgrees' | 'tellerName' | 'media';

/** Each field's name in the list of problems: the label the form shows for it, or a short name where that label is a sentence. */
const fieldNames: Record<Field, TextKey> = {
  body: 'form.story',
  media: 'form.mediaName',
  title: 'form.storyTitle',
  consent: 'consent.title',
  tellerName: 'form.yourName',
  guardianName: 'form.guardianName',
  guardianAgrees: 'form.guardianAgreesName',
};

/** Problems that are something not filled in yet; the others (too long, a file we cannot use) get a neutral heading. */
const missing: ReadonlySet<TextKey> = new Set<TextKey>([
  'form.needStory',
  'form.needConsent',
  'form.needNamePublic',
  'form.needGuardianName',
  'form.needGuardianAgrees',
]);

/** A problem's message; one may name the consent option "report" in the words the form shows it. */
const problemText = (key: TextKey) => rt(key, { report: rt('consent.report') });

/**
 * The resident's story form for one project link, and the receipt after sending. Everything typed
 * is kept in the browser until the story arrived (web/resident/draft.ts), the recording and photo
 * too (web/resident/tell-media.ts); sent while offline, it goes as soon as the connection is back.
 */
@customElement('ww-tell-form')
export class WwTellForm extends ResidentElement {
  @property() token = '';
  @state() private link: LinkInfo | null = null;
  /** Why the link could not be opened; each has a short form for the tab's title (`…Title`). */
  @state() private loadError: 'form.notFound' | 'form.closed' | 'form.loadFailed' | null = null;
  @state() private draft: Draft = emptyDraft();
  @state() private restored = false;
  @state() private errors: Partial<Record<Field, TextKey>> = {};
  @state() private general: TextKey | null = null;
  @state() private busy = false;
  @state() private offline = false;
  @state() private receipt: string | null = null;
  private readonly media = new TellMedia(this, () => this.token, {
    photoChosen: () => {
      const { media: _, ...rest } = this.errors;
      this.errors = rest;
    },
    recorded: () => {
      const { body: _, ...rest } = this.errors;
      this.errors = rest;
    },
  });

  protected override languageChanged(): void {
    void this.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.receipt = keptReceipt(this.token);
    const kept = loadDraft(this.token);
    if (kept) {
      this.draft = kept;
      this.restored = draftHasContent(kept);
    }
    window.addEventListener('online', this.backOnline);
    void this.media.restore().then((kept) => {
      this.restored ||= kept;
      return this.load();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.backOnline);
  }

  private readonly backOnline = () => {
    if (this.draft.pending && this.link && !this.busy) void this.send();
  };

  /** The tab's title follows the page's state and language; a link that does not work says so there too. */
  protected override updated(): void {
    if (this.loadError && !this.receipt) document.title = documentTitle(rt(`${this.loadError}Title`));
    else document.title = documentTitle(rt(this.receipt ? 'form.thanks' : 'form.pageTitle'), this.link?.project.name);
  }

  private async load(): Promise<void> {
    try {
      this.link = await get<LinkInfo>(`/api/public/links/${encodeURIComponent(this.token)}?lang=${lang()}`);
      this.loadError = null;
      await this.updateComplete;
      if (this.draft.body) this.story?.restore(this.draft.body);
      if (this.draft.pending && navigator.onLine) void this.send();
      else if (this.draft.pending) this.offline = true;
    } catch (e) {
      this.link = null;
      this.loadError =
        e instanceof ApiError && e.status === 404 ? 'form.notFound' : e instanceof ApiError && e.status === 410 ? 'form.closed' : 'form.loadFailed';
    }
  }

  private get story(): WwStoryField | null {
    return this.querySelector('ww-story-field');
  }

  /** Keeps a change in the draft (and in the browser). */
  private keep(patch: Partial<Draft>): void {
    this.draft = { ...this.draft, ...patch };
    saveDraft(this.token, this.draft);
  }

  private onInput(e: Event): void {
    const target = e.target as HTMLInputElement;
    if (e.type === 'ww-change') this.keep({ body: (e as CustomEvent<{ value: JSONContent }>).detail.value });
    else if (target.name === 'title' || target.name === 'tellerName' || target.name === 'guardianName') this.keep({ [target.name]: target.value });
    else if (target.name === 'guardianAgrees' || target.name === 'under16' || target.name === 'photoInReports') this.keep({ [target.name]: target.checked });
    this.fixed(e);
  }

  private placed(e: PlacementEvent): void {
    const { variableId, position } = e.detail;
    const rest = this.draft.placements.filter(([id]) => id !== variableId);
    this.keep({ placements: position === undefined ? rest : [...rest, [variableId, position]] });
  }

  /** Whether the story text is over the server's limit, so it is caught before sending. */
  private get storyTooLong(): boolean {
    const story = this.story;
    return !!story && !story.isEmpty && new TextEncoder().encode(JSON.stringify(story.value)).length > STORY_BYTES;
  }

  /** A public story is shown with its teller's name (the server asks for one too). */
  private get nameNeeded(): boolean {
    return this.draft.consent === 'public' && !this.draft.tellerName.trim();
  }

  private validate(): Partial<Record<Field, TextKey>> {
    const errors: Partial<Record<Field, TextKey>> = {};
    if ((this.story?.isEmpty ?? true) && !this.media.recording) errors.body = 'form.needStory';
    else if (this.storyTooLong) errors.body = 'form.storyTooLong';
    if (!this.draft.consent) errors.consent = 'form.needConsent';
    if (this.nameNeeded) errors.tellerName = 'form.needNamePublic';
    if (this.draft.under16 && !this.draft.guardianName.trim()) errors.guardianName = 'form.needGuardianName';
    if (this.draft.under16 && !this.draft.guardianAgrees) errors.guardianAgrees = 'form.needGuardianAgrees';
    if (this.media.photoTooBig) errors.media = 'photo.tooBig';
    return errors;
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this.busy || !this.link) return;
    this.general = null;
    this.errors = this.validate();
    if (Object.keys(this.errors).length) return this.showErrors();
    this.keep({ body: this.story?.isEmpty ? null : (this.story?.value ?? null), pending: true, receipt: this.draft.receipt ?? newReceiptCode() });
    await this.send();
  }

  private payload() {
    const d = this.draft;
    const body = this.story && !this.story.isEmpty ? this.story.value : d.body;
    // A story told by voice alone is named in the teller's language ("Ingesproken verhaal" in Dutch).
    const title = d.title.trim() || (!body && this.media.recording ? rt('form.spokenTitle') : '');
    return {
      ...(title ? { title } : {}),
      ...(body ? { body } : {}),
      ...(d.tellerName.trim() ? { tellerName: d.tellerName.trim() } : {}),
      under16: d.under16,
      ...(d.under16 ? { guardianName: d.guardianName.trim() } : {}),
      consent: d.consent,
      consentTextVersion: consentTextVersion(),
      placements: d.placements.map(([variableId, position]) => ({ variableId, position })),
      language: lang(),
      ...(this.media.photo ? { photoInReports: d.consent === 'public' && d.photoInReports } : {}),
      ...(d.receipt ? { receipt: d.receipt } : {}),
    };
  }

  /** Sends the kept story; offline it waits for the connection (the draft stays until it arrived). */
  private async send(): Promise<void> {
    if (this.busy || !this.link) return;
    this.busy = true;
    this.general = null;
    const url = `/api/public/links/${encodeURIComponent(this.token)}/stories`;
    try {
      const res = await post<{ receipt: string }>(url, this.media.body(this.payload()));
      // Arrived: forget the draft at once, files included, so nothing is ever sent twice.
      clearDraft(this.token);
      this.draft = emptyDraft();
      await this.media.clear();
      this.offline = false;
      keepReceipt(this.token, res.receipt);
      this.receipt = res.receipt;
      await this.updateComplete;
      window.scrollTo(0, 0);
      this.querySelector<HTMLElement>('h1')?.focus();
    } catch (err) {
      if (!(err instanceof ApiError)) {
        // No answer at all: the connection is gone. The story stays kept and goes when it is back.
        this.offline = true;
        await this.updateComplete;
        this.querySelector<HTMLElement>('#form-problems')?.focus();
        return;
      }
      this.keep({ pending: false });
      this.offline = false;
      if (err.status === 429) this.general = 'form.tooMany';
      else if (err.status === 410) this.general = 'form.closed';
      else if (err.status === 415) this.errors = { media: 'photo.notSupported' };
      // Too large: the story text when the server names it, else the recording or photo.
      else if (err.status === 413) this.errors = err.details.some((d) => d.field === 'body') ? { body: 'form.storyTooLong' } : { media: 'photo.filesTooBig' };
      else if (err.status === 400 && err.details.some((d) => d.field)) {
        const errors: Partial<Record<Field, TextKey>> = {};
        for (const d of err.details) {
          const f = (d.field ?? '').split('.')[0] as Field;
          if (f === 'body') errors.body ??= 'form.needStory';
          else if (f === 'consent') errors.consent ??= 'form.needConsent';
          else if (f === 'guardianName') errors.guardianName ??= 'form.needGuardianName';
          else if (f === 'tellerName' && this.nameNeeded) errors.tellerName ??= 'form.needNamePublic';
          else if (f === 'title' || f === 'tellerName') errors[f] ??= 'form.tooLong';
        }
        this.errors = errors;
        if (!Object.keys(errors).length) this.general = 'form.sendFailed';
      } else this.general = 'form.sendFailed';
      await this.showErrors();
    } finally {
      this.busy = false;
    }
  }

  /** A problem the teller has just fixed leaves the list (new ones only appear on sending). */
  private fixed(e: Event): void {
    if (!Object.keys(this.errors).length) return;
    const target = e.target as HTMLInputElement;
    const field = (e.type === 'ww-change' ? 'body' : target.name) as Field;
    if (!this.errors[field]) return;
    const filled =
      field === 'body'
        ? !this.story?.isEmpty && !this.storyTooLong
        : target.type === 'checkbox' || target.type === 'radio'
          ? target.checked
          : !!target.value.trim();
    if (!filled) return;
    const { [field]: _, ...rest } = this.errors;
    this.errors = rest;
  }

  /** A level without the name shown takes away the need for a name. */
  private chooseConsent(consent: ConsentLevel): void {
    this.keep({ consent });
    if (this.errors.tellerName === 'form.needNamePublic' && !this.nameNeeded) {
      const { tellerName: _, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  /** From the thank-you screen back to an empty form; the code shown is no longer kept. */
  private readonly another = async (): Promise<void> => {
    keepReceipt(this.token, null);
    this.receipt = null;
    this.restored = false;
    await this.updateComplete;
    window.scrollTo(0, 0);
    this.querySelector<HTMLElement>('h1')?.focus();
  };

  private async showErrors(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>('#form-problems')?.focus();
  }

  private focusField(e: Event, field: Field): void {
    e.preventDefault();
    if (field === 'body') return this.story?.focus();
    const target =
      field === 'consent'
        ? this.querySelector<HTMLInputElement>('input[name="consent"]')
        : field === 'media'
          ? this.querySelector<HTMLInputElement>('#photo')
          : this.querySelector<HTMLInputElement>(`[name="${field}"]`);
    target?.focus();
  }

  private fieldError(field: Field) {
    const key = this.errors[field];
    return errorMessage(field, key ? problemText(key) : null);
  }

  private invalid(field: Field): 'true' | 'false' {
    return this.errors[field] ? 'true' : 'false';
  }

  override render() {
    if (this.receipt) return renderReceipt(this.receipt, this.another);
    if (this.loadError) return html`<h1>${rt('form.pageTitle')}</h1><p class="notice error" role="alert">${rt(this.loadError)}</p>`;
    if (!this.link) return html`<h1>${rt('form.pageTitle')}</h1><p role="status">${rt('app.loading')}</p>`;
    const d = this.draft;
    const problems = Object.entries(this.errors) as [Field, TextKey][];
    return html`
      <h1 tabindex="-1">${rt('form.pageTitle')}</h1>
      <p class="lead">${rt('form.forProject', { project: this.link.project.name })}</p>
      ${this.restored ? html`<p class="notice" role="status">${rt('form.draftRestored')}</p>` : nothing}
      <form @submit=${this.submit} @input=${this.onInput} @change=${this.onInput} @ww-change=${this.onInput} novalidate>
        <div id="form-problems" tabindex="-1" role="alert" class=${problems.length || this.general || this.offline ? 'notice error' : 'empty'}>
          ${this.offline ? html`<p>${rt('form.offline')}</p>` : nothing}
          ${this.general ? html`<p>${rt(this.general)}</p>` : nothing}
          ${
            problems.length
              ? html`<p>${rt(problems.some(([, m]) => missing.has(m)) ? 'form.problems' : 'form.check')}</p>
                <ul>${problems.map(([f, m]) => html`<li><a href="#${f}-error" @click=${(e: Event) => this.focusField(e, f)}>${problemLine(rt(fieldNames[f]), problemText(m))}</a></li>`)}</ul>`
              : nothing
          }
        </div>

        <p class="question" id="question">${this.link.question ?? rt('form.question')}</p>

        <div class="field">
          <ww-story-field label=${rt('form.story')} hint=${rt('form.storyHint')} errorid="body-error" ?invalid=${!!this.errors.body}></ww-story-field>
          ${this.fieldError('body')}
        </div>

        ${this.link.media ? this.media.render(this.errors.media) : nothing}

        <div class="field">
          <label class="field-label" for="title">${rt('form.storyTitle')}</label>
          <input id="title" name="title" type="text" dir="auto" maxlength="200" autocomplete="off" .value=${d.title} aria-describedby="title-error" aria-invalid=${this.invalid('title')} />
          ${this.fieldError('title')}
        </div>

        ${
          this.link.variables.length
            ? html`<section aria-labelledby="climate-title">
              <h2 id="climate-title">${rt('form.climateTitle')}</h2>
              <p>${rt('form.climateIntro')}</p>
              ${this.link.variables.map((v) => {
                const kept = d.placements.find(([id]) => id === v.id);
                return html`<ww-climate-slider .variable=${v} .position=${kept ? kept[1] : undefined} @ww-placement=${this.placed}></ww-climate-slider>`;
              })}
            </section>`
            : nothing
        }

        ${renderConsent({
          consent: d.consent,
          photoInReports: d.photoInReports,
          withPhoto: !!this.media.photo,
          invalid: this.invalid('consent'),
          error: this.fieldError('consent'),
          choose: (consent) => this.chooseConsent(consent),
        })}

        <div class="field">
          <label class="field-label" for="tellerName">${rt(d.consent === 'public' ? 'form.yourName' : 'form.name')}</label>
          <span class="hint" id="tellerName-hint">${rt(d.consent === 'public' ? 'form.namePublicHint' : 'form.nameHint')}</span>
          <input id="tellerName" name="tellerName" type="text" dir="auto" maxlength="100" autocomplete="nickname" .value=${d.tellerName}
            aria-describedby="tellerName-hint tellerName-error" aria-invalid=${this.invalid('tellerName')}
            aria-required=${d.consent === 'public' ? 'true' : 'false'} />
          ${this.fieldError('tellerName')}
        </div>
        <div>
          <label class="check">
            <input type="checkbox" name="under16" .checked=${d.under16} aria-controls="guardian" />
            <span>${rt('form.under16')}</span>
          </label>
          <div id="guardian">
            ${
              d.under16
                ? html`<fieldset>
                  <legend>${rt('form.guardianTitle')}</legend>
                  <p>${rt('form.guardianIntro')}</p>
                  <div class="field">
                    <label class="field-label" for="guardianName">${rt('form.guardianName')}</label>
                    <input id="guardianName" name="guardianName" type="text" dir="auto" maxlength="100" autocomplete="off" .value=${d.guardianName}
                      aria-describedby="guardianName-error" aria-invalid=${this.invalid('guardianName')} />
                    ${this.fieldError('guardianName')}
                  </div>
                  <label class="check">
                    <input type="checkbox" name="guardianAgrees" .checked=${d.guardianAgrees} aria-describedby="guardianAgrees-error" aria-invalid=${this.invalid('guardianAgrees')} />
                    <span>${rt('form.guardianAgrees')}</span>
                  </label>
                  ${this.fieldError('guardianAgrees')}
                </fieldset>`
                : nothing
            }
          </div>
        </div>

        <div class="send">
          <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? rt('form.sending') : rt('form.send')}</button>
          <p class="hint">${rt('form.sendNote')}</p>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-tell-form': WwTellForm;
  }
}
