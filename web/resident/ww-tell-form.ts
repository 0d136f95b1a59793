import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get, post } from '../api.js';
import { LocaleController } from '../components/locale-controller.js';
import { locale, messages } from '../i18n.js';
import { consentLevels, consentText, type ConsentLevel } from './consent-texts.js';
import type { ClimateVariable, PlacementEvent, Position } from './ww-climate-slider.js';
import './ww-climate-slider.js';
import type { WwStoryField } from './ww-story-field.js';
import './ww-story-field.js';

const t = messages({
  nl: {
    pageTitle: 'Vertel je verhaal',
    forProject: 'Voor het project {project}',
    intro: 'Wat is er veranderd in je buurt? Of voor jou? Schrijf het hier op. Kort of lang: het mag allebei.',
    whoReadsTitle: 'Wie leest je verhaal?',
    whoReads: 'De opbouwwerkers van {project} lezen je verhaal. Zij willen weten wat er verandert in de buurt. Hieronder kies je of anderen het ook mogen lezen.',
    loading: 'Even geduld…',
    notFound: 'Deze link werkt niet. Kijk of je de hele link hebt overgenomen.',
    closed: 'Deze link is gesloten. Je kunt hier geen verhaal meer sturen. Vraag de opbouwwerker om een nieuwe link.',
    loadFailed: 'Het laden lukt nu niet. Probeer het later nog eens.',
    storyTitle: 'Titel van je verhaal',
    storyTitleHint: 'Een paar woorden is genoeg.',
    story: 'Je verhaal',
    storyHint: 'Wat gebeurde er? Wat betekent het voor jou? Met de knoppen kun je woorden vet maken of een lijstje maken.',
    climateTitle: 'Waar past je verhaal?',
    climateIntro: 'Schuif het bolletje naar de kant die het best past bij je verhaal. Weet je het niet? Kies dan "Weet ik niet".',
    consentTitle: 'Wie mag je verhaal lezen?',
    consentIntro: 'Je verhaal is van jou. Jij kiest wie het mag lezen. Zonder jouw ja laten we het aan niemand anders zien. Je kunt je verhaal later altijd weer weghalen. Dat doe je met je bewijscode.',
    aboutYou: 'Over jou',
    name: 'Je naam (mag je leeglaten)',
    nameHint: 'Je mag ook een andere naam verzinnen.',
    under16: 'Ik ben jonger dan 16 jaar',
    guardianTitle: 'Je ouder of voogd',
    guardianIntro: 'Ben je jonger dan 16? Dan moet je ouder of voogd het ook goed vinden.',
    guardianName: 'Naam van je ouder of voogd',
    guardianAgrees: 'Mijn ouder of voogd vindt het goed dat ik mijn verhaal deel.',
    send: 'Verstuur mijn verhaal',
    sending: 'Bezig met versturen…',
    sendNote: 'Na het versturen krijg je een bewijscode.',
    problems: 'Er mist nog iets. Kijk naar deze punten:',
    needTitle: 'Geef je verhaal een titel.',
    needStory: 'Schrijf je verhaal.',
    needConsent: 'Kies wie je verhaal mag lezen.',
    needGuardianName: 'Vul de naam van je ouder of voogd in.',
    needGuardianAgrees: 'Je ouder of voogd moet het goed vinden.',
    tooMany: 'Er zijn net heel veel verhalen verstuurd. Wacht een paar minuten en probeer het dan opnieuw.',
    sendFailed: 'Versturen lukt nu niet. Je verhaal is nog niet verstuurd. Probeer het zo nog eens.',
    thanks: 'Dank je wel!',
    received: 'Je verhaal is goed aangekomen.',
    yourCode: 'Dit is je bewijscode:',
    writeDown: 'Schrijf deze code op. Of maak een foto van dit scherm.',
    codeUse: 'Met de code kun je later je verhaal teruglezen. Je ziet dan ook wat we ermee doen. En je kunt je verhaal weer weghalen.',
    openReceipt: 'Bekijk je verhaal',
    laterAt: 'Later kan het ook via {url}',
  },
  en: {
    pageTitle: 'Tell your story',
    forProject: 'For the project {project}',
    intro: 'What has changed in your neighbourhood? Or for you? Write it down here. Short or long: both are fine.',
    whoReadsTitle: 'Who reads your story?',
    whoReads: 'The community workers of {project} read your story. They want to know what changes in the neighbourhood. Below, you choose whether others may read it too.',
    loading: 'One moment…',
    notFound: 'This link does not work. Check that you copied the whole link.',
    closed: 'This link is closed. You cannot send a story here any more. Ask the community worker for a new link.',
    loadFailed: 'Loading does not work right now. Please try again later.',
    storyTitle: 'Title of your story',
    storyTitleHint: 'A few words are enough.',
    story: 'Your story',
    storyHint: 'What happened? What does it mean to you? With the buttons you can make words bold or make a list.',
    climateTitle: 'Where does your story fit?',
    climateIntro: 'Slide the dot to the side that fits your story best. Not sure? Then choose "I don\'t know".',
    consentTitle: 'Who may read your story?',
    consentIntro: 'Your story belongs to you. You choose who may read it. Without your yes, we show it to no one else. You can always take your story back later. You do that with your receipt code.',
    aboutYou: 'About you',
    name: 'Your name (you may leave this empty)',
    nameHint: 'You may also make up another name.',
    under16: 'I am younger than 16',
    guardianTitle: 'Your parent or guardian',
    guardianIntro: 'Are you younger than 16? Then your parent or guardian must agree too.',
    guardianName: 'Name of your parent or guardian',
    guardianAgrees: 'My parent or guardian agrees that I share my story.',
    send: 'Send my story',
    sending: 'Sending…',
    sendNote: 'After sending, you get a receipt code.',
    problems: 'Something is missing. Look at these points:',
    needTitle: 'Give your story a title.',
    needStory: 'Write your story.',
    needConsent: 'Choose who may read your story.',
    needGuardianName: 'Fill in the name of your parent or guardian.',
    needGuardianAgrees: 'Your parent or guardian must agree.',
    tooMany: 'Very many stories were sent just now. Wait a few minutes and then try again.',
    sendFailed: 'Sending does not work right now. Your story has not been sent yet. Please try again soon.',
    thanks: 'Thank you!',
    received: 'Your story has arrived.',
    yourCode: 'This is your receipt code:',
    writeDown: 'Write this code down. Or take a photo of this screen.',
    codeUse: 'With the code you can read your story again later. You also see what we do with it. And you can take your story back.',
    openReceipt: 'See your story',
    laterAt: 'Later you can also use {url}',
  },
});

type LinkInfo = { project: { name: string }; variables: ClimateVariable[]; consentTextVersion: string; open: boolean };
type Field = 'title' | 'body' | 'consent' | 'guardianName' | 'guardianAgrees' | 'tellerName';

/** The resident's story form for one project link, and the receipt after sending. */
@customElement('ww-tell-form')
export class WwTellForm extends LitElement {
  @property() token = '';
  @state() private link: LinkInfo | null = null;
  @state() private loadError: string | null = null;
  @state() private consent: ConsentLevel | null = null;
  @state() private under16 = false;
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private general: string | null = null;
  @state() private busy = false;
  @state() private receipt: string | null = null;
  private placements = new Map<number, Position>();

  constructor() {
    super();
    new LocaleController(this, () => void this.load());
  }

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.link = await get<LinkInfo>(`/api/public/links/${encodeURIComponent(this.token)}?lang=${locale()}`);
      this.loadError = null;
      document.title = `${t('pageTitle')} · ${this.link.project.name}`;
    } catch (e) {
      this.link = null;
      this.loadError = e instanceof ApiError && e.status === 404 ? t('notFound') : e instanceof ApiError && e.status === 410 ? t('closed') : t('loadFailed');
    }
  }

  private value(name: string): string {
    return (this.querySelector<HTMLInputElement>(`[name="${name}"]`)?.value ?? '').trim();
  }

  private checked(name: string): boolean {
    return this.querySelector<HTMLInputElement>(`[name="${name}"]`)?.checked ?? false;
  }

  private get story(): WwStoryField {
    return this.querySelector('ww-story-field')!;
  }

  private validate(): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    if (!this.value('title')) errors.title = t('needTitle');
    if (this.story.isEmpty) errors.body = t('needStory');
    if (!this.consent) errors.consent = t('needConsent');
    if (this.under16 && !this.value('guardianName')) errors.guardianName = t('needGuardianName');
    if (this.under16 && !this.checked('guardianAgrees')) errors.guardianAgrees = t('needGuardianAgrees');
    return errors;
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this.busy || !this.link) return;
    this.general = null;
    this.errors = this.validate();
    if (Object.keys(this.errors).length) return this.showErrors();
    const placements = [...this.placements].filter(([, p]) => p !== undefined).map(([variableId, position]) => ({ variableId, position: position ?? null }));
    const tellerName = this.value('tellerName');
    this.busy = true;
    try {
      const res = await post<{ receipt: string | { code: string } }>(`/api/public/links/${encodeURIComponent(this.token)}/stories`, {
        title: this.value('title'),
        body: this.story.value,
        ...(tellerName ? { tellerName } : {}),
        under16: this.under16,
        ...(this.under16 ? { guardianName: this.value('guardianName') } : {}),
        consent: this.consent,
        consentTextVersion: this.link.consentTextVersion,
        placements,
        language: locale(),
      });
      this.receipt = typeof res.receipt === 'string' ? res.receipt : res.receipt.code;
      await this.updateComplete;
      window.scrollTo(0, 0);
      this.querySelector<HTMLElement>('h1')?.focus();
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) this.general = t('tooMany');
      else if (err instanceof ApiError && err.status === 410) this.general = t('closed');
      else if (err instanceof ApiError && err.status === 400 && err.details.some((d) => d.field)) {
        const errors: Partial<Record<Field, string>> = {};
        for (const d of err.details) {
          const f = (d.field ?? '').split('.')[0] as Field;
          if (['title', 'body', 'consent', 'guardianName', 'tellerName'].includes(f)) errors[f] ??= f === 'body' ? t('needStory') : err.messageOf(d);
        }
        this.errors = errors;
        if (!Object.keys(errors).length) this.general = t('sendFailed');
        else return this.showErrors();
      } else this.general = t('sendFailed');
      await this.updateComplete;
      this.querySelector<HTMLElement>('#form-problems')?.focus();
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
    const filled = field === 'body' ? !this.story.isEmpty : target.type === 'checkbox' || target.type === 'radio' ? target.checked : !!target.value.trim();
    if (!filled) return;
    const { [field]: _, ...rest } = this.errors;
    this.errors = rest;
  }

  private async showErrors(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>('#form-problems')?.focus();
  }

  private focusField(e: Event, field: Field): void {
    e.preventDefault();
    if (field === 'body') return this.story.focus();
    const target = field === 'consent' ? this.querySelector<HTMLInputElement>('input[name="consent"]') : this.querySelector<HTMLInputElement>(`[name="${field}"]`);
    target?.focus();
  }

  private fieldError(field: Field) {
    return html`<span class="field-error" id="${field}-error">${this.errors[field] ?? nothing}</span>`;
  }

  private invalid(field: Field): 'true' | 'false' {
    return this.errors[field] ? 'true' : 'false';
  }

  override render() {
    if (this.receipt) return this.renderReceipt(this.receipt);
    if (this.loadError) return html`<h1>${t('pageTitle')}</h1><p class="notice error" role="alert">${this.loadError}</p>`;
    if (!this.link) return html`<h1>${t('pageTitle')}</h1><p role="status">${t('loading')}</p>`;
    const project = this.link.project.name;
    const problems = Object.entries(this.errors) as [Field, string][];
    return html`
      <h1 tabindex="-1">${t('pageTitle')}</h1>
      <p class="lead">${t('forProject', { project })}</p>
      <p>${t('intro')}</p>
      <section class="who" aria-labelledby="who-title">
        <h2 id="who-title">${t('whoReadsTitle')}</h2>
        <p>${t('whoReads', { project })}</p>
      </section>
      <form @submit=${this.submit} @input=${this.fixed} @change=${this.fixed} @ww-change=${this.fixed} novalidate>
        <div id="form-problems" tabindex="-1" role="alert" class=${problems.length || this.general ? 'notice error' : 'empty'}>
          ${this.general ? html`<p>${this.general}</p>` : nothing}
          ${problems.length
            ? html`<p>${t('problems')}</p>
                <ul>${problems.map(([f, m]) => html`<li><a href="#${f}-error" @click=${(e: Event) => this.focusField(e, f)}>${m}</a></li>`)}</ul>`
            : nothing}
        </div>

        <div class="field">
          <label class="field-label" for="title">${t('storyTitle')}</label>
          <span class="hint" id="title-hint">${t('storyTitleHint')}</span>
          <input id="title" name="title" type="text" maxlength="200" autocomplete="off" aria-describedby="title-hint title-error" aria-invalid=${this.invalid('title')} />
          ${this.fieldError('title')}
        </div>

        <div class="field">
          <ww-story-field label=${t('story')} hint=${t('storyHint')} errorid="body-error" ?invalid=${!!this.errors.body}></ww-story-field>
          ${this.fieldError('body')}
        </div>

        ${this.link.variables.length
          ? html`<section aria-labelledby="climate-title">
              <h2 id="climate-title">${t('climateTitle')}</h2>
              <p>${t('climateIntro')}</p>
              ${this.link.variables.map(
                (v) => html`<ww-climate-slider .variable=${v} .position=${this.placements.get(v.id)}
                  @ww-placement=${(e: PlacementEvent) => this.placements.set(e.detail.variableId, e.detail.position)}></ww-climate-slider>`,
              )}
            </section>`
          : nothing}

        <fieldset class="consent" aria-describedby="consent-intro consent-error">
          <legend><h2>${t('consentTitle')}</h2></legend>
          <p id="consent-intro">${t('consentIntro')}</p>
          ${consentLevels.map(
            (level) => html`<div class="choice">
              <input type="radio" id="consent-${level}" name="consent" value=${level} .checked=${this.consent === level}
                aria-describedby="consent-${level}-explain" aria-invalid=${this.invalid('consent')} @change=${() => (this.consent = level)} />
              <label for="consent-${level}">${consentText(level)}</label>
              <p id="consent-${level}-explain">${consentText(`${level}Explain`)}</p>
            </div>`,
          )}
          ${this.fieldError('consent')}
        </fieldset>

        <section aria-labelledby="about-title">
          <h2 id="about-title">${t('aboutYou')}</h2>
          <div class="field">
            <label class="field-label" for="tellerName">${t('name')}</label>
            <span class="hint" id="tellerName-hint">${t('nameHint')}</span>
            <input id="tellerName" name="tellerName" type="text" maxlength="100" autocomplete="nickname" aria-describedby="tellerName-hint tellerName-error" aria-invalid=${this.invalid('tellerName')} />
            ${this.fieldError('tellerName')}
          </div>
          <label class="check">
            <input type="checkbox" name="under16" .checked=${this.under16} aria-controls="guardian" @change=${(e: Event) => (this.under16 = (e.target as HTMLInputElement).checked)} />
            <span>${t('under16')}</span>
          </label>
          <div id="guardian">
            ${this.under16
              ? html`<fieldset>
                  <legend>${t('guardianTitle')}</legend>
                  <p>${t('guardianIntro')}</p>
                  <div class="field">
                    <label class="field-label" for="guardianName">${t('guardianName')}</label>
                    <input id="guardianName" name="guardianName" type="text" maxlength="100" autocomplete="off" aria-describedby="guardianName-error" aria-invalid=${this.invalid('guardianName')} />
                    ${this.fieldError('guardianName')}
                  </div>
                  <label class="check">
                    <input type="checkbox" name="guardianAgrees" aria-describedby="guardianAgrees-error" aria-invalid=${this.invalid('guardianAgrees')} />
                    <span>${t('guardianAgrees')}</span>
                  </label>
                  ${this.fieldError('guardianAgrees')}
                </fieldset>`
              : nothing}
          </div>
        </section>

        <div class="send">
          <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? t('sending') : t('send')}</button>
          <p class="hint">${t('sendNote')}</p>
        </div>
      </form>
    `;
  }

  private renderReceipt(code: string) {
    const url = `${location.origin}/r`;
    return html`
      <h1 tabindex="-1">${t('thanks')}</h1>
      <p>${t('received')}</p>
      <div class="receipt">
        <p>${t('yourCode')}</p>
        <p class="code" data-receipt>${code}</p>
      </div>
      <p><strong>${t('writeDown')}</strong></p>
      <p>${t('codeUse')}</p>
      <p><a class="button primary" href="/r/${encodeURIComponent(code)}">${t('openReceipt')}</a></p>
      <p class="hint">${t('laterAt', { url: url.replace(/^https?:\/\//, '') })}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-tell-form': WwTellForm;
  }
}
