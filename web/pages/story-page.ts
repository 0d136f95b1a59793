import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { ApiError, get, post } from '../api.js';
import { pageStyles } from '../components/shared-styles.js';
import { formatDate, locale, messages } from '../i18n.js';
import type { Me } from '../session.js';
import { badgeStyles, channels, consentBadge, consentLevels, label, languageName, takeReceipt, type ConsentRecord, type Story } from '../stories.js';
import { isStaff } from '../models.js';
import { refineTitle } from '../title.js';
import { PageLoader } from '../components/page-loader.js';
import './story/ww-story-receipt.js';

/** A recording's length as m:ss. */
const clock = (s: number | null) => (s == null ? '' : `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`);

const t = messages({
  nl: {
    loading: 'Laden…',
    notFound: 'Dit verhaal bestaat niet of je mag het niet zien.',
    back: 'Alle verhalen',
    edit: 'Bewerken',
    tag: 'Taggen',
    code: 'Fragmenten coderen',
    recording: 'Ingesproken verhaal ({time})',
    recordingNote: 'Alleen voor het team. In een verslag komt alleen de tekst die iemand ervan uittypt.',
    photo: 'Foto',
    photoAlt: 'Foto bij het verhaal',
    photoInReports: 'De verteller vindt het goed dat deze foto in verslagen komt (bij een openbaar verhaal).',
    review: 'Anonimiseren',
    details: 'Gegevens',
    project: 'Project',
    area: 'Gebied',
    phase: 'Fase',
    happenedOn: 'Gebeurd op',
    language: 'Taal',
    source: 'Bron',
    teller: 'Verteller',
    anonymous: 'Anoniem',
    under16: 'jonger dan 16',
    recordedBy: 'Vastgelegd door',
    createdAt: 'Vastgelegd op',
    consent: 'Toestemming',
    withdrawnNotice: 'De toestemming is ingetrokken op {date}. Het verhaal staat niet meer in verslagen, exports of zoekresultaten.',
    text: 'Verhaal',
    placements: 'Plek op het sociaal klimaat',
    poles: '0 = {weak}, 100 = {strong}',
    outcomes: 'Uitkomsten',
    noOutcomes: 'Dit verhaal is nog niet aan een uitkomst gekoppeld.',
    tagNow: 'Koppel het bij Taggen.',
    outcomesOf: 'Uitkomsten van het project',
    variable: 'Variabele {id}',
    notApplicable: 'past niet / weet niet',
    byTeller: 'door de verteller',
    byCoordinator: 'door coördinator',
    suggested: 'voorstel',
    history: 'Toestemming: geschiedenis',
    when: 'Wanneer',
    level: 'Niveau',
    channel: 'Hoe',
    givenBy: 'Gegeven door',
    reason: 'Reden',
    version: 'Tekstversie',
    withdrawnLevel: 'Ingetrokken',
    withdrawnStory: 'Ingetrokken verhaal {id}',
    change: 'Toestemming wijzigen of intrekken',
    changeIntro: 'Doe dit alleen als de verteller dat zelf vraagt. Leg vast hoe je het hoorde.',
    newLevel: 'Nieuw niveau',
    withdraw: 'Toestemming intrekken: het verhaal gaat uit alle verslagen, exports en zoekresultaten',
    howGiven: 'Hoe is dit doorgegeven?',
    whoGave: 'Wie vroeg hierom?',
    whoGaveHint: 'Ruimer delen kan alleen de verteller zelf (of de ouder of voogd bij een verteller onder 16).',
    guardianName: 'Naam van de ouder of voogd (als die het doorgaf)',
    reasonLabel: 'Reden',
    reasonHint: 'Verplicht bij intrekken.',
    save: 'Toestemming opslaan',
    saved: 'De toestemming is opgeslagen.',
    needReason: 'Geef een reden voor het intrekken.',
    needLevel: 'Kies een niveau of trek in.',
    needChannel: 'Kies hoe het is doorgegeven.',
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
    erased: 'De verteller is gewist, met {n} verhaal/verhalen. Het logboek bewaart alleen dat dit gebeurde.',
    confirmWithdraw: 'Weet je het zeker? Intrekken kan niet ongedaan worden gemaakt.',
  },
  en: {
    loading: 'Loading…',
    notFound: 'This story does not exist or you may not see it.',
    back: 'All stories',
    edit: 'Edit',
    tag: 'Tag',
    code: 'Code passages',
    recording: 'Spoken story ({time})',
    recordingNote: 'For the team only. A report only gets the text someone types from it.',
    photo: 'Photo',
    photoAlt: 'Photo with the story',
    photoInReports: 'The teller agrees that this photo goes into reports (with a public story).',
    review: 'Anonymise',
    details: 'Details',
    project: 'Project',
    area: 'Area',
    phase: 'Phase',
    happenedOn: 'Happened on',
    language: 'Language',
    source: 'Source',
    teller: 'Teller',
    anonymous: 'Anonymous',
    under16: 'younger than 16',
    recordedBy: 'Recorded by',
    createdAt: 'Recorded on',
    consent: 'Consent',
    withdrawnNotice: 'Consent was withdrawn on {date}. The story is no longer in reports, exports or search results.',
    text: 'Story',
    placements: 'Place on the social climate',
    poles: '0 = {weak}, 100 = {strong}',
    outcomes: 'Outcomes',
    noOutcomes: 'This story is not linked to an outcome yet.',
    tagNow: 'Link it under Tagging.',
    outcomesOf: "The project's outcomes",
    variable: 'Variable {id}',
    notApplicable: 'does not apply / not known',
    byTeller: 'by the teller',
    byCoordinator: 'by a coordinator',
    suggested: 'suggestion',
    history: 'Consent: history',
    when: 'When',
    level: 'Level',
    channel: 'How',
    givenBy: 'Given by',
    reason: 'Reason',
    version: 'Text version',
    withdrawnLevel: 'Withdrawn',
    withdrawnStory: 'Withdrawn story {id}',
    change: 'Change or withdraw consent',
    changeIntro: 'Only do this when the teller asks for it. Record how you heard it.',
    newLevel: 'New level',
    withdraw: 'Withdraw consent: the story leaves every report, export and search result',
    howGiven: 'How was this passed on?',
    whoGave: 'Who asked for this?',
    whoGaveHint: 'Only the teller (or the parent or guardian of a teller under 16) can widen who may read it.',
    guardianName: 'Name of the parent or guardian (if they passed it on)',
    reasonLabel: 'Reason',
    reasonHint: 'Required when withdrawing.',
    save: 'Save consent',
    saved: 'Consent has been saved.',
    needReason: 'Give a reason for withdrawing.',
    needLevel: 'Choose a level or withdraw.',
    needChannel: 'Choose how it was passed on.',
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
    erased: 'The teller has been erased, with {n} story/stories. The log keeps only that this happened.',
    confirmWithdraw: 'Are you sure? Withdrawing cannot be undone.',
  },
});

/** One story: its text (as the server rendered and sanitised it), consent history, placements, and consent changes. */
@customElement('ww-story-page')
export class StoryPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @property({ attribute: false }) user: Me | null = null;
  @state() private story: Story | null = null;
  @state() private withdrawing = false;
  @state() private confirming = false;
  @state() private errors: Partial<Record<'level' | 'channel' | 'reason', string>> = {};
  @state() private message: string | null = null;
  @state() private general: string | null = null;
  @state() private eraseErrors: { reason?: string; confirm?: string; general?: string } = {};
  @state() private erasedCount: number | null = null;
  @state() private variables = new Map<number, { name: string; weak: string; strong: string }>();
  @state() private outcomeTags: { outcomeId: number; title: string; status: string }[] | null = null;
  @state() private receipt: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.receipt = takeReceipt(Number(this.params.id));
  }

  private readonly loader = new PageLoader(
    this,
    async () => {
      this.story = (await get<{ story: Story }>(`/api/stories/${encodeURIComponent(this.params.id ?? '')}`)).story;
      refineTitle(this, this.story.title || t('withdrawnStory', { id: this.story.id }));
      if (this.story.placements?.length) {
        const { variables } = await get<{
          variables: { id: number; nameNl: string; nameEn: string; weakNl: string; weakEn: string; strongNl: string; strongEn: string }[];
        }>('/api/climate-variables?includeRetired=true');
        const nl = locale() === 'nl';
        this.variables = new Map(
          variables.map((v) => [v.id, { name: nl ? v.nameNl : v.nameEn, weak: nl ? v.weakNl : v.weakEn, strong: nl ? v.strongNl : v.strongEn }]),
        );
      }
      // The outcome links are extra: the story shows without them if they cannot be read.
      if (!this.story.withdrawnAt)
        this.outcomeTags = await get<{ tags: { outcomes: { outcomeId: number; title: string; status: string }[] } }>(`/api/stories/${this.story.id}/tags`).then(
          (r) => r.tags.outcomes,
          () => null,
        );
    },
    { loading: t('loading'), failed: t('failed') },
  );

  /** A story that is not there, or not for this user, is one message with the way back. */
  private get missing(): boolean {
    const e = this.loader.error;
    return e instanceof ApiError && (e.status === 404 || e.status === 403 || e.status === 400);
  }

  private variableName(p: { variableId: number; name?: string | null }): string {
    return p.name ?? this.variables.get(p.variableId)?.name ?? t('variable', { id: p.variableId });
  }

  private async changeConsent(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement; // kept: after dispatch the event's target reads null
    const f = new FormData(form);
    const level = String(f.get('level') ?? '');
    const channel = String(f.get('channel') ?? '');
    const givenBy = String(f.get('givenBy') ?? 'teller');
    const reason = String(f.get('reason') ?? '').trim();
    const guardianName = String(f.get('guardianName') ?? '').trim();
    const errors: typeof this.errors = {};
    if (!this.withdrawing && !level) errors.level = t('needLevel');
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
        channel,
        givenBy,
      };
      this.story = (await post<{ story: Story }>(`/api/stories/${this.story!.id}/consent`, body)).story;
      this.message = t('saved');
      this.withdrawing = this.confirming = false;
      form.reset();
    } catch (err) {
      this.general = err instanceof ApiError ? err.message : t('failed');
    }
  }

  private async erase(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const reason = String(f.get('eraseReason') ?? '').trim();
    const errors: typeof this.eraseErrors = {};
    if (!reason) errors.reason = t('needEraseReason');
    if (!f.get('eraseConfirm')) errors.confirm = t('needEraseConfirm');
    this.eraseErrors = errors;
    if (Object.keys(errors).length) return;
    try {
      const res = await post<{ erased: { stories: number } }>(`/api/tellers/${this.story!.teller.id}/erase`, { reason });
      this.erasedCount = res.erased.stories;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#erased')?.focus();
    } catch (err) {
      this.eraseErrors = { general: err instanceof ApiError ? err.message : t('failed') };
    }
  }

  /** The guardian named in the last consent, to prefill when a guardian speaks again. */
  private guardianOf(): string {
    return [...(this.story?.consentHistory ?? [])].reverse().find((r) => r.guardianName)?.guardianName ?? '';
  }

  private recordedBy(r: ConsentRecord): string {
    if (!r.recordedBy) return '';
    return typeof r.recordedBy === 'object' ? r.recordedBy.name : String(r.recordedBy);
  }

  override render() {
    if (this.erasedCount !== null)
      return html`<p id="erased" tabindex="-1" role="status" class="notice">${t('erased', { n: this.erasedCount })}</p><p><a href="/stories">${t('back')}</a></p>`;
    if (this.missing) return html`<p><a href="/stories">${t('back')}</a></p><p role="alert">${t('notFound')}</p>`;
    if (!this.story) return this.loader.status();
    const s = this.story;
    const teller = s.teller?.name ?? s.tellerName;
    return html`
      <p><a href="/stories">← ${t('back')}</a></p>
      <div class="head">
        <h1 tabindex="-1">${s.title || t('withdrawnStory', { id: s.id })}</h1>
        ${s.canEdit && !s.withdrawnAt ? html`<a class="button secondary" href="/stories/${s.id}/edit">${t('edit')}</a>` : nothing}
        ${!s.withdrawnAt ? html`<a class="button secondary" href="/tagging?story=${s.id}">${t('tag')}</a>` : nothing}
        ${!s.withdrawnAt && isStaff(this.user?.role) ? html`<a class="button secondary" href="/coding/${s.id}">${t('code')}</a>` : nothing}
        ${!s.withdrawnAt && s.consent !== 'team' ? html`<a class="button secondary" href="/stories/${s.id}/review">${t('review')}</a>` : nothing}
      </div>
      ${
        this.receipt || s.canReissueReceipt
          ? html`<ww-story-receipt .storyId=${s.id} .code=${this.receipt} .canReissue=${Boolean(s.canReissueReceipt)}></ww-story-receipt>`
          : nothing
      }
      <p>${consentBadge(s.consent, s.withdrawnAt)}</p>
      ${s.withdrawnAt ? html`<p class="notice">${t('withdrawnNotice', { date: formatDate(s.withdrawnAt) })}</p>` : nothing}

      ${
        s.bodyHtml
          ? html`<section aria-labelledby="text-title">
            <h2 id="text-title" class="visually-hidden">${t('text')}</h2>
            <!-- bodyHtml is rendered from validated tiptap JSON and sanitised by the server; nothing else is inserted as HTML. -->
            <div class="story-body">${unsafeHTML(s.bodyHtml)}</div>
          </section>`
          : nothing
      }

      ${(s.media ?? []).map((m) =>
        m.kind === 'audio'
          ? html`<section class="media" aria-labelledby="media-${m.id}">
              <h2 id="media-${m.id}">${t('recording', { time: clock(m.durationSeconds) })}</h2>
              <audio controls preload="metadata" src=${m.url} aria-labelledby="media-${m.id}"></audio>
              <p class="hint">${t('recordingNote')}</p>
            </section>`
          : html`<section class="media" aria-labelledby="media-${m.id}">
              <h2 id="media-${m.id}">${t('photo')}</h2>
              <img src=${m.url} alt=${t('photoAlt')} style="max-width: 100%; max-height: 24rem" />
              ${m.photoInReports ? html`<p class="hint">${t('photoInReports')}</p>` : nothing}
            </section>`,
      )}

      <h2>${t('details')}</h2>
      <dl>
        <dt>${t('project')}</dt><dd><a href="/projects/${s.projectId}">${s.projectName}</a></dd>
        ${s.areaName ? html`<dt>${t('area')}</dt><dd>${s.areaName}</dd>` : nothing}
        ${s.phase ? html`<dt>${t('phase')}</dt><dd>${label(s.phase)}</dd>` : nothing}
        ${s.happenedOn ? html`<dt>${t('happenedOn')}</dt><dd>${formatDate(s.happenedOn)}</dd>` : nothing}
        <dt>${t('language')}</dt><dd>${languageName(s.language)}</dd>
        <dt>${t('source')}</dt><dd>${label(s.source)}</dd>
        <dt>${t('teller')}</dt><dd>${teller || t('anonymous')}${s.teller?.under16 ? ` (${t('under16')})` : ''}</dd>
        ${s.recordedBy ? html`<dt>${t('recordedBy')}</dt><dd>${s.recordedBy.name}</dd>` : nothing}
        <dt>${t('createdAt')}</dt><dd>${formatDate(s.createdAt)}</dd>
      </dl>

      ${
        s.placements?.length
          ? html`<h2>${t('placements')}</h2>
            <ul>
              ${s.placements.map(
                (p) => html`<li>
                  ${this.variableName(p)}:
                  ${p.position === null ? t('notApplicable') : html`<meter min="0" max="100" .value=${p.position} aria-label=${this.variableName(p)}></meter> ${p.position}/100`}
                  <span class="muted">(${p.source === 'teller' ? t('byTeller') : t('byCoordinator')}${p.status === 'suggested' ? `, ${t('suggested')}` : ''})</span>
                  ${this.variables.has(p.variableId) ? html`<br /><span class="hint">${t('poles', { weak: this.variables.get(p.variableId)!.weak, strong: this.variables.get(p.variableId)!.strong })}</span>` : nothing}
                </li>`,
              )}
            </ul>`
          : nothing
      }
      ${this.outcomeTags ? this.renderOutcomes(s) : nothing}

      <h2 id="history-title">${t('history')}</h2>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="history-title">
        <table>
          <thead><tr><th scope="col">${t('when')}</th><th scope="col">${t('level')}</th><th scope="col">${t('channel')}</th><th scope="col">${t('givenBy')}</th><th scope="col">${t('reason')}</th><th scope="col">${t('version')}</th></tr></thead>
          <tbody>
            ${(s.consentHistory ?? []).map(
              (r) => html`<tr>
                <td>${formatDate(r.at)}</td>
                <td>${r.withdrawn ? t('withdrawnLevel') : r.level ? label(r.level) : ''}</td>
                <td>${label(r.channel)}</td>
                <td>${label(r.givenBy as 'teller')}${r.guardianName ? ` (${r.guardianName})` : ''}${this.recordedBy(r) ? html`<br /><span class="muted">${this.recordedBy(r)}</span>` : nothing}</td>
                <td>${r.reason ?? ''}</td>
                <td>${r.consentTextVersion ?? ''}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${s.withdrawnAt ? nothing : this.renderChange()}
      ${isStaff(this.user?.role) ? this.renderPrivacy() : nothing}
    `;
  }

  /** The outcomes this story is linked to, with the way to link it when it is not. */
  private renderOutcomes(s: Story) {
    const tags = this.outcomeTags!;
    return html`<h2>${t('outcomes')}</h2>
      ${
        tags.length
          ? html`<ul>
            ${tags.map((o) => html`<li>${o.title}${o.status === 'suggested' ? html` <span class="muted">(${t('suggested')})</span>` : nothing}</li>`)}
          </ul>`
          : html`<p>${t('noOutcomes')} <a href="/tagging?story=${s.id}">${t('tagNow')}</a></p>`
      }
      <p><a href="/projects/${s.projectId}/outcomes">${t('outcomesOf')}</a></p>`;
  }

  private renderChange() {
    const err = (k: 'level' | 'channel' | 'reason') => html`<span class="field-error" id="consent-${k}-error">${this.errors[k] ?? nothing}</span>`;
    const inv = (k: 'level' | 'channel' | 'reason') => (this.errors[k] ? 'true' : 'false');
    return html`<h2 id="change-title">${t('change')}</h2>
      <form class="card" aria-labelledby="change-title" @submit=${this.changeConsent} novalidate>
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
              ${consentLevels.map((c) => html`<label class="radio"><input type="radio" name="level" value=${c} aria-invalid=${inv('level')} ?disabled=${c === this.story!.consent} /><span>${label(c)}</span></label>`)}
              ${err('level')}
            </fieldset>`
        }
        <fieldset aria-describedby="consent-channel-error"><legend>${t('howGiven')}</legend>
          ${channels.map((c) => html`<label class="radio"><input type="radio" name="channel" value=${c} aria-invalid=${inv('channel')} /><span>${label(c)}</span></label>`)}
          ${err('channel')}
        </fieldset>
        <fieldset><legend>${t('whoGave')}</legend>
          <span class="hint">${t('whoGaveHint')}</span>
          ${(['teller', 'guardian', this.user?.role === 'worker' ? 'worker' : 'coordinator'] as const).map((g) => html`<label class="radio"><input type="radio" name="givenBy" value=${g} ?checked=${g === (this.story!.teller?.under16 ? 'guardian' : 'teller')} /><span>${label(g)}</span></label>`)}
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

  private renderPrivacy() {
    const id = this.story!.teller?.id;
    if (!id) return nothing;
    const err = this.eraseErrors;
    return html`<h2 id="privacy-title">${t('privacy')}</h2>
      <p>${t('privacyIntro')}</p>
      <p><a class="button secondary" href="/api/tellers/${id}/export" download="teller-${id}.json">${t('exportTeller')}</a></p>
      <form class="card" aria-label=${t('erase')} @submit=${this.erase} novalidate>
        <div role="alert">${err.general ? html`<p class="notice error">${err.general}</p>` : nothing}</div>
        <div class="field">
          <label for="erase-reason">${t('eraseReason')}</label>
          <textarea id="erase-reason" name="eraseReason" maxlength="500" aria-describedby="erase-reason-error" aria-invalid=${err.reason ? 'true' : 'false'}></textarea>
          <span class="field-error" id="erase-reason-error">${err.reason ?? nothing}</span>
        </div>
        <label class="radio"><input type="checkbox" name="eraseConfirm" aria-describedby="erase-confirm-error" aria-invalid=${err.confirm ? 'true' : 'false'} /><span>${t('eraseConfirm')}</span></label>
        <span class="field-error" id="erase-confirm-error">${err.confirm ?? nothing}</span>
        <div class="actions"><button type="submit" class="danger">${t('erase')}</button></div>
      </form>`;
  }

  static override styles = [
    pageStyles,
    badgeStyles,
    css`
      .head { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
      .head h1 { margin-right: auto; }
      .head h1 { margin: 0; }
      .story-body { max-width: 70ch; font-size: 1.05rem; overflow-wrap: anywhere; }
      .story-body blockquote { border-left: 4px solid var(--ww-line); margin: 0 0 1rem; padding-left: 0.75rem; }
      .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
      .radio { display: flex; gap: 0.6rem; align-items: flex-start; font-weight: 400; min-height: 44px; padding: 0.25rem 0; }
      .radio input { width: 1.25rem; height: 1.25rem; margin-top: 0.2rem; flex: none; }
      fieldset { display: grid; gap: 0.25rem; }
      form.card { max-width: 40rem; }
      .field { display: grid; gap: 0.25rem; }
      .field > label { font-weight: 600; }
      .field-error:empty { display: none; }
      meter { width: 8rem; vertical-align: middle; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-story-page': StoryPage;
  }
}
