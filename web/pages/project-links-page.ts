import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get, patch, post } from '../api.js';
import { pageStyles } from '../components/shared-styles.js';
import { formatDate, locale, messages } from '../i18n.js';
import { errorText, fieldError, invalid } from '../components/form-field.js';
import type { Me } from '../session.js';
import { isStaff } from '../models.js';
// Only the "climate" section of the resident texts (Vite keeps just the named part): how residents read each question.
import { climate as residentNl } from '../resident/locales/nl.json';
import { climate as residentEn } from '../resident/locales/en.json';
import type { PublicLink } from '../stories.js';
import { refineTitle } from '../title.js';
import { PageLoader } from '../components/page-loader.js';

const t = messages({
  nl: {
    title: 'Links voor bewoners',
    intro:
      'Met een link vertellen bewoners hun verhaal, zonder account. Hang de poster met QR-code op, of deel de link. Sluit een link als je geen verhalen meer wilt ontvangen.',
    back: 'Naar het project',
    create: 'Nieuwe link maken',
    label: 'Naam van de link (mag leeg)',
    labelHint: 'Bijvoorbeeld: buurthuis De Brug, poster bij de bakker.',
    expires: 'Verloopt op (mag leeg)',
    make: 'Link maken',
    made: 'De link is gemaakt.',
    links: 'Links',
    none: 'Er zijn nog geen links. Maak hierboven de eerste; daarna kun je er een poster met QR-code bij afdrukken.',
    address: 'Adres',
    stories: 'Verhalen',
    status: 'Status',
    created: 'Gemaakt',
    actions: 'Acties',
    open: 'Open',
    closed: 'Gesloten',
    expired: 'Verlopen',
    until: 'tot {date}',
    poster: 'Poster afdrukken',
    close: 'Sluiten',
    reopen: 'Weer openen',
    closeLabel: 'Link {name} sluiten',
    reopenLabel: 'Link {name} weer openen',
    posterLabel: 'Poster afdrukken voor link {name}',
    copy: 'Kopieer link',
    copyLabel: 'Link {name} kopiëren',
    copied: 'Gekopieerd',
    copiedNote: 'De link {url} staat op het klembord. Plak hem in een bericht of mail.',
    copyFailed: 'Kopiëren lukte niet. Selecteer het adres en kopieer het zelf.',
    noName: 'zonder naam',
    failed: 'Dat lukte niet.',
    notFound: 'Dit project bestaat niet of je mag het niet zien.',
    loading: 'Laden…',
    badDate: 'Kies een datum in de toekomst.',
    workerIntro: 'Links maken en sluiten doen coördinatoren. Jij kiest per link welke vraag bewoners zien en welke klimaatvragen ze krijgen.',
    settings: 'Vraag en klimaatvragen',
    settingsLabel: 'Vraag en klimaatvragen van link {name}',
    question: 'Vraag aan bewoners (mag leeg)',
    questionHint: 'Staat boven het verhaalveld, in elke taal zoals je hem hier schrijft. Leeg: de standaardvraag in de taal van de bewoner: “{standard}”',
    standardQuestion: 'Wat is er veranderd in je buurt, of voor jou?',
    questionShown: 'Vraag',
    standard: 'standaardvraag',
    climate: 'Klimaatvragen (geen tot vier)',
    climateHint: 'Bewoners schuiven bij elke vraag een bolletje tussen twee uitersten. Standaard de eerste twee van het project; geen is ook goed.',
    climateShown: 'Klimaatvragen',
    climateCount: '{n} van hoogstens 4 gekozen',
    climateNone: 'geen',
    residentsRead: 'Bewoners lezen: “{q}”',
    tooMany: 'Kies hoogstens vier klimaatvragen.',
    noVariables: 'Dit project stelt nog geen klimaatvragen. Kies ze bij',
    outcomesLink: 'de uitkomsten van het project',
    save: 'Opslaan',
    cancel: 'Annuleren',
    saved: 'De vraag en klimaatvragen van link {name} zijn opgeslagen.',
    checkFields: 'Controleer de velden hieronder.',
  },
  en: {
    title: 'Resident links',
    intro:
      'With a link, residents tell their story without an account. Put up the poster with the QR code, or share the link. Close a link when you no longer want to receive stories.',
    back: 'Back to the project',
    create: 'Create a new link',
    label: 'Name of the link (may be empty)',
    labelHint: 'For example: community centre De Brug, poster at the bakery.',
    expires: 'Expires on (may be empty)',
    make: 'Create link',
    made: 'The link has been created.',
    links: 'Links',
    none: 'There are no links yet. Create the first one above; then you can print a poster with a QR code for it.',
    address: 'Address',
    stories: 'Stories',
    status: 'Status',
    created: 'Created',
    actions: 'Actions',
    open: 'Open',
    closed: 'Closed',
    expired: 'Expired',
    until: 'until {date}',
    poster: 'Print poster',
    close: 'Close',
    reopen: 'Reopen',
    closeLabel: 'Close link {name}',
    reopenLabel: 'Reopen link {name}',
    posterLabel: 'Print poster for link {name}',
    copy: 'Copy link',
    copyLabel: 'Copy link {name}',
    copied: 'Copied',
    copiedNote: 'The link {url} is on the clipboard. Paste it into a message or email.',
    copyFailed: 'Copying did not work. Select the address and copy it yourself.',
    noName: 'without a name',
    failed: 'That did not work.',
    notFound: 'This project does not exist or you may not see it.',
    loading: 'Loading…',
    badDate: 'Choose a date in the future.',
    workerIntro: 'Coordinators create and close links. You choose per link which question residents see and which climate questions they get.',
    settings: 'Question and climate questions',
    settingsLabel: 'Question and climate questions of link {name}',
    question: 'Question to residents (may be empty)',
    questionHint: 'Shown above the story field, in every language as you write it here. Empty: the standard question in the resident’s language: “{standard}”',
    standardQuestion: 'What has changed in your neighbourhood, or for you?',
    questionShown: 'Question',
    standard: 'standard question',
    climate: 'Climate questions (none to four)',
    climateHint: 'For each question, residents slide a dot between two extremes. By default the project’s first two; none is fine too.',
    climateShown: 'Climate questions',
    climateCount: '{n} of at most 4 chosen',
    climateNone: 'none',
    residentsRead: 'Residents read: “{q}”',
    tooMany: 'Choose at most four climate questions.',
    noVariables: 'This project asks no climate questions yet. Choose them under',
    outcomesLink: 'the project’s outcomes',
    save: 'Save',
    cancel: 'Cancel',
    saved: 'The question and climate questions of link {name} have been saved.',
    checkFields: 'Check the fields below.',
  },
});

/** A climate variable the project asks about (GET /api/projects/{id}/climate-variables). */
type Variable = {
  id: number;
  key: string;
  nameNl: string;
  nameEn: string;
  weakNl: string;
  weakEn: string;
  strongNl: string;
  strongEn: string;
  retiredAt: string | null;
};
/** The link's own climate questions, else (null) the project's first two, as the resident form does. */
const askedIds = (l: PublicLink, variables: Variable[]) => l.climateVariableIds ?? variables.slice(0, 2).map((v) => v.id);
const MAX_CLIMATE = 4;
/** The everyday question residents see for a catalogue variable (web/resident/locales), in the staff's language. */
const residentQuestion = (key: string): string | undefined =>
  ((locale() === 'nl' ? residentNl : residentEn) as Record<string, { name?: string } | undefined>)[key]?.name;

export type LinkStatus = 'open' | 'closed' | 'expired';
export function linkStatus(l: PublicLink, now = new Date()): LinkStatus {
  if (l.status) return l.status;
  if (l.closedAt) return 'closed';
  if (l.expiresAt && new Date(l.expiresAt.length === 10 ? `${l.expiresAt}T23:59:59` : l.expiresAt) < now) return 'expired';
  return 'open';
}

/**
 * A project's submission links for residents (staff): create, close, reopen, print a poster, and
 * set per link the question residents see and which climate questions the form asks (issue 14).
 * Each link is a card (no table), so the page fits a 360 px phone without sideways scrolling.
 */
@customElement('ww-project-links-page')
export class ProjectLinksPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @property({ attribute: false }) user: Me | null = null;
  @state() private project: { id: number; name: string } | null = null;
  @state() private links: PublicLink[] = [];
  @state() private variables: Variable[] = [];
  @state() private message: string | null = null;
  @state() private error: ApiError | null = null;
  /** The link whose question and climate questions are being edited, what is chosen, and its error. */
  @state() private editingId: number | null = null;
  @state() private chosen: number[] = [];
  @state() private settingsError: ApiError | null = null;
  @state() private settingsNote = '';
  /** The link just copied (its button says so for a few seconds), and the message read out. */
  @state() private copiedId: number | null = null;
  @state() private copyNote = '';
  private copyTimer = 0;

  private get projectParam(): string {
    return encodeURIComponent(this.params.id ?? '');
  }

  private readonly loader = new PageLoader(
    this,
    async () => {
      const [p, l, v] = await Promise.all([
        get<{ project: { id: number; name: string } }>(`/api/projects/${this.projectParam}`),
        get<{ links: PublicLink[] }>(`/api/projects/${this.projectParam}/links`),
        get<{ variables: Variable[] }>(`/api/projects/${this.projectParam}/climate-variables`),
      ]);
      this.project = p.project;
      refineTitle(this, p.project.name);
      this.links = l.links;
      this.variables = v.variables.filter((x) => !x.retiredAt);
    },
    { loading: t('loading'), failed: (e) => (e instanceof ApiError ? e.message : t('failed')) },
  );

  /** A project that is not there, or not for this user. */
  private get missing(): boolean {
    const e = this.loader.error;
    return e instanceof ApiError && (e.status === 404 || e.status === 403 || e.status === 400);
  }

  private async create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const label = String(f.get('label') ?? '').trim();
    const expires = String(f.get('expiresAt') ?? '');
    this.message = null;
    this.error = null;
    if (expires && new Date(`${expires}T23:59:59`) < new Date()) {
      this.error = new ApiError(400, 'invalid', t('badDate'), [{ field: 'expiresAt', message: t('badDate') }]);
      return;
    }
    try {
      const { link } = await post<{ link: PublicLink }>(`/api/projects/${this.projectParam}/links`, {
        ...(label ? { label } : {}),
        ...(expires ? { expiresAt: expires } : {}),
      });
      this.links = [link, ...this.links.filter((l) => l.id !== link.id)];
      this.message = t('made');
      form.reset();
    } catch (err) {
      this.error = err instanceof ApiError ? err : new ApiError(0, 'error', t('failed'));
    }
  }

  private async copy(link: PublicLink): Promise<void> {
    this.message = null;
    let ok = false;
    try {
      await navigator.clipboard.writeText(link.url);
      ok = true;
    } catch {
      // Without the async clipboard (an http address other than localhost, an old browser): a hidden selection.
      const area = document.createElement('textarea');
      area.value = link.url;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.append(area);
      area.select();
      ok = document.execCommand('copy');
      area.remove();
    }
    window.clearTimeout(this.copyTimer);
    this.copiedId = ok ? link.id : null;
    this.copyNote = ok ? t('copiedNote', { url: link.url }) : t('copyFailed');
    this.copyTimer = window.setTimeout(() => (this.copiedId = null), 4000);
  }

  private async setClosed(link: PublicLink, closed: boolean): Promise<void> {
    this.message = null;
    this.error = null;
    try {
      const res = await patch<{ link: PublicLink }>(`/api/links/${link.id}`, { closed });
      this.links = this.links.map((l) => (l.id === link.id ? res.link : l));
    } catch (err) {
      this.error = err instanceof ApiError ? err : new ApiError(0, 'error', t('failed'));
    }
  }

  /** Opens (or closes) a link's settings form; focus goes to its first field, and back to the button on close. */
  private async toggleSettings(link: PublicLink): Promise<void> {
    const open = this.editingId !== link.id;
    this.editingId = open ? link.id : null;
    this.chosen = open ? askedIds(link, this.variables) : [];
    this.settingsError = null;
    this.settingsNote = '';
    await this.updateComplete;
    const target = open ? `#question-${link.id}` : `#settings-button-${link.id}`;
    this.renderRoot.querySelector<HTMLElement>(target)?.focus();
  }

  private choose(id: number, on: boolean): void {
    // In the project's order, as the resident form asks them.
    const next = new Set(this.chosen);
    if (on) next.add(id);
    else next.delete(id);
    this.chosen = this.variables.map((v) => v.id).filter((v) => next.has(v));
    if (this.settingsError?.details.some((d) => d.field?.startsWith('climateVariableIds')) && this.chosen.length <= MAX_CLIMATE) this.settingsError = null;
  }

  private async saveSettings(e: SubmitEvent, link: PublicLink): Promise<void> {
    e.preventDefault();
    const question = String(new FormData(e.target as HTMLFormElement).get('question') ?? '').trim();
    this.settingsError = null;
    if (this.chosen.length > MAX_CLIMATE) {
      this.settingsError = new ApiError(400, 'invalid_input', t('checkFields'), [{ field: 'climateVariableIds', message: t('tooMany') }]);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#climate-${link.id} input`)?.focus();
      return;
    }
    // A link that follows the project's first two keeps doing so while that choice is left as it is.
    const asDefault = link.climateVariableIds === null && this.chosen.join() === askedIds(link, this.variables).join();
    try {
      const res = await patch<{ link: PublicLink }>(`/api/links/${link.id}`, {
        question: question || null,
        ...(asDefault ? {} : { climateVariableIds: this.chosen }),
      });
      this.links = this.links.map((l) => (l.id === link.id ? res.link : l));
      this.editingId = null;
      this.settingsNote = t('saved', { name: link.label || t('noName') });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#settings-button-${link.id}`)?.focus();
    } catch (err) {
      this.settingsError = err instanceof ApiError ? err : new ApiError(0, 'error', t('failed'));
      await this.updateComplete;
      const field = this.settingsError.details[0]?.field ?? '';
      this.renderRoot.querySelector<HTMLElement>(field.startsWith('question') ? `#question-${link.id}` : `#climate-${link.id} input`)?.focus();
    }
  }

  override render() {
    if (this.missing) return html`<h1 tabindex="-1">${t('title')}</h1><p role="alert">${t('notFound')}</p>`;
    if (!this.project) return html`<h1 tabindex="-1">${t('title')}</h1>${this.loader.status()}`;
    const labelError = this.error?.field('label');
    const dateError = this.error?.field('expiresAt');
    const general = this.error && !labelError && !dateError ? this.error.message || t('failed') : null;
    return html`
      <p><a href="/projects/${this.project.id}">← ${t('back')}</a></p>
      <h1 tabindex="-1">${t('title')}: ${this.project.name}</h1>
      <p>${t('intro')}</p>

      ${isStaff(this.user?.role) ? this.renderCreate(labelError, dateError, general) : html`<p>${t('workerIntro')}</p>`}

      <h2 id="links-title">${t('links')}</h2>
      <div role="status" class="copy-status">${this.copyNote ? html`<p class="notice">${this.copyNote}</p>` : nothing}</div>
      <div role="status" class="settings-status">${this.settingsNote ? html`<p class="notice">${this.settingsNote}</p>` : nothing}</div>
      ${this.links.length ? html`<ul class="links" aria-labelledby="links-title">${this.links.map((l) => this.renderLink(l))}</ul>` : html`<p>${t('none')}</p>`}
    `;
  }

  /** Making links is for coordinators; workers set what a link asks. */
  private renderCreate(labelError: string | undefined, dateError: string | undefined, general: string | null) {
    return html`
      <h2 id="create-title">${t('create')}</h2>
      <form aria-labelledby="create-title" @submit=${this.create} novalidate>
        <div class="field">
          <label for="link-label">${t('label')}</label>
          <span class="hint" id="label-hint">${t('labelHint')}</span>
          <input id="link-label" name="label" type="text" maxlength="200" aria-describedby="label-hint label-error" aria-invalid=${labelError ? 'true' : 'false'} />
          <span class="field-error" id="label-error">${labelError ?? nothing}</span>
        </div>
        <div class="field">
          <label for="link-expires">${t('expires')}</label>
          <input id="link-expires" name="expiresAt" type="date" aria-describedby="expiresAt-error" aria-invalid=${dateError ? 'true' : 'false'} />
          <span class="field-error" id="expiresAt-error">${dateError ?? nothing}</span>
        </div>
        <div role="alert">${general ? html`<p class="notice error">${general}</p>` : nothing}</div>
        <div role="status">${this.message ? html`<p class="notice">${this.message}</p>` : nothing}</div>
        <div class="actions"><button type="submit">${t('make')}</button></div>
      </form>
    `;
  }

  private variableName(v: Variable): string {
    return locale() === 'nl' ? v.nameNl : v.nameEn || v.nameNl;
  }

  private renderLink(l: PublicLink) {
    const status = linkStatus(l);
    const name = l.label || t('noName');
    const asked = askedIds(l, this.variables).flatMap((id) => this.variables.filter((v) => v.id === id));
    const editing = this.editingId === l.id;
    return html`<li class="card link" data-link=${l.id}>
      <div class="link-head">
        <h3 id="link-name-${l.id}">${l.label || html`<span class="muted">${t('noName')}</span>`}</h3>
        <span class="badge status-${status}">${t(status)}</span>${l.expiresAt && status === 'open' ? html` <span class="muted">${t('until', { date: formatDate(l.expiresAt) })}</span>` : nothing}
      </div>
      <dl>
        <dt>${t('address')}</dt>
        <dd class="url"><a href=${l.url} data-reload>${l.url.replace(/^https?:\/\//, '')}</a></dd>
        <dt>${t('stories')}</dt>
        <dd>${l.storyCount ?? 0}</dd>
        <dt>${t('created')}</dt>
        <dd>${formatDate(l.createdAt)}</dd>
        <dt>${t('questionShown')}</dt>
        <dd class="question">${l.question ?? html`<span class="muted">${t('standard')}:</span> ${t('standardQuestion')}`}</dd>
        <dt>${t('climateShown')}</dt>
        <dd class="climate">${asked.length ? asked.map((v) => this.variableName(v)).join(', ') : html`<span class="muted">${t('climateNone')}</span>`}</dd>
      </dl>
      <div class="actions">
        ${
          status === 'open'
            ? html`<button type="button" class="secondary copy" aria-label=${this.copiedId === l.id ? `${t('copied')}: ${t('copyLabel', { name })}` : t('copyLabel', { name })} @click=${() => this.copy(l)}>
              ${this.copiedId === l.id ? html`<span aria-hidden="true">✓</span> ${t('copied')}` : t('copy')}
            </button>`
            : nothing
        }
        ${status === 'open' ? html`<a class="button secondary" href="/projects/${l.projectId}/links/${l.id}/poster" aria-label=${t('posterLabel', { name })}>${t('poster')}</a>` : nothing}
        <button
          type="button"
          class="secondary"
          id="settings-button-${l.id}"
          aria-expanded=${editing ? 'true' : 'false'}
          aria-controls="settings-${l.id}"
          aria-label=${t('settingsLabel', { name })}
          @click=${() => this.toggleSettings(l)}
        >
          ${t('settings')}
        </button>
        ${
          !isStaff(this.user?.role)
            ? nothing
            : l.closedAt
              ? html`<button type="button" class="secondary" aria-label=${t('reopenLabel', { name })} @click=${() => this.setClosed(l, false)}>${t('reopen')}</button>`
              : html`<button type="button" class="secondary" aria-label=${t('closeLabel', { name })} @click=${() => this.setClosed(l, true)}>${t('close')}</button>`
        }
      </div>
      <div id="settings-${l.id}">${editing ? this.renderSettings(l) : nothing}</div>
    </li>`;
  }

  private renderSettings(l: PublicLink) {
    const err = this.settingsError;
    const qId = `question-${l.id}`;
    const cId = `climate-${l.id}`;
    const climateError = fieldError(err, 'climateVariableIds');
    const shown = ['question', 'climateVariableIds'];
    const general = err && !err.details.some((d) => shown.some((s) => d.field === s || d.field?.startsWith(`${s}.`))) ? err.message || t('failed') : null;
    return html`<form class="settings" aria-label=${t('settingsLabel', { name: l.label || t('noName') })} novalidate @submit=${(e: SubmitEvent) => this.saveSettings(e, l)} @keydown=${(
      e: KeyboardEvent,
    ) => {
      if (e.key === 'Escape') void this.toggleSettings(l);
    }}>
      <div class="field">
        <label for=${qId}>${t('question')}</label>
        <span class="hint" id="${qId}-hint">${t('questionHint', { standard: t('standardQuestion') })}</span>
        <textarea id=${qId} name="question" maxlength="300" rows="3" aria-describedby="${qId}-hint ${qId}-error" aria-invalid=${invalid(err, 'question')}>${l.question ?? ''}</textarea>
        ${errorText(err, 'question', qId)}
      </div>
      ${
        this.variables.length
          ? html`<fieldset id=${cId} aria-describedby="${cId}-hint ${cId}-count ${cId}-error" aria-invalid=${climateError ? 'true' : 'false'}>
            <legend>${t('climate')}</legend>
            <p class="hint" id="${cId}-hint">${t('climateHint')}</p>
            ${this.variables.map(
              (v) => html`<label class="check"
                ><input type="checkbox" name="climate" value=${v.id} .checked=${this.chosen.includes(v.id)} @change=${(e: Event) => this.choose(v.id, (e.target as HTMLInputElement).checked)} />
                <span
                  >${this.variableName(v)} <span class="muted">(${locale() === 'nl' ? v.weakNl : v.weakEn} ↔ ${locale() === 'nl' ? v.strongNl : v.strongEn})</span
                  >${residentQuestion(v.key) ? html`<br /><span class="hint">${t('residentsRead', { q: residentQuestion(v.key)! })}</span>` : nothing}</span
                ></label
              >`,
            )}
            <p class="hint" id="${cId}-count">${t('climateCount', { n: String(this.chosen.length) })}</p>
            ${errorText(err, 'climateVariableIds', cId)}
          </fieldset>`
          : html`<p>${t('noVariables')} <a href="/projects/${l.projectId}/outcomes">${t('outcomesLink')}</a>.</p>`
      }
      <div role="alert">${general ? html`<p class="notice error">${general}</p>` : nothing}</div>
      <div class="actions">
        <button type="submit">${t('save')}</button>
        <button type="button" class="secondary" @click=${() => this.toggleSettings(l)}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  static override styles = [
    pageStyles,
    css`
      .url { overflow-wrap: anywhere; font-family: ui-monospace, monospace; font-size: 0.9rem; }
      .field { display: grid; gap: 0.25rem; }
      .field > label { font-weight: 600; }
      .field-error:empty { display: none; }
      .status-open { background: #dcefe3; color: #14482a; }
      .status-closed, .status-expired { background: #fbeaea; color: #7a1c14; }
      ul.links { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; max-width: 48rem; }
      .link-head { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
      .link-head h3 { margin: 0; font-size: 1.1rem; overflow-wrap: anywhere; }
      .link dl { margin: 0.75rem 0; }
      .link dd { overflow-wrap: anywhere; }
      form.settings { margin-top: 1rem; padding-top: 1rem; border-top: 1px solid var(--ww-line); }
      form.settings fieldset { display: grid; gap: 0.5rem; }
      form.settings fieldset p { margin: 0; }
      form.settings label.check { align-items: flex-start; }
      form.settings label.check input { margin-top: 0.3rem; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-project-links-page': ProjectLinksPage;
  }
}
