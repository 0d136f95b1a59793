import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { ApiError, get } from '../api.js';
import { pageStyles } from '../components/shared-styles.js';
import { formatDate, formatPeriod, locale, messages } from '../i18n.js';
import type { Me } from '../session.js';
import { badgeStyles, consentBadge, giverName, label, languageName, takeReceipt, type ConsentRecord, type Story } from '../stories.js';
import { isStaff } from '../models.js';
import { refineTitle } from '../title.js';
import { PageLoader } from '../components/page-loader.js';
import './story/ww-story-receipt.js';
import './story/ww-consent-change.js';
import './story/ww-teller-privacy.js';
import { tableRegion } from '../components/table-region.js';

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
    version: 'Toestemmingstekst van',
    withdrawnLevel: 'Ingetrokken',
    withdrawnStory: 'Ingetrokken verhaal {id}',
    erased: 'De verteller is gewist, met {n} verhaal/verhalen. Het logboek bewaart alleen dat dit gebeurde.',
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
    version: 'Consent text of',
    withdrawnLevel: 'Withdrawn',
    withdrawnStory: 'Withdrawn story {id}',
    erased: 'The teller has been erased, with {n} story/stories. The log keeps only that this happened.',
  },
});

/** One story: its text (as the server rendered and sanitised it), consent history, placements, and consent changes. */
/** The consent wording agreed to: the text's date, with the language a resident read it in ('2026-11-29/ar'). */
function consentText(version: string): string {
  const [date = '', language] = version.split('/');
  const when = date.length === 10 ? formatDate(date) : formatPeriod(date);
  return language ? `${when} (${languageName(language)})` : when;
}

@customElement('ww-story-page')
export class StoryPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @property({ attribute: false }) user: Me | null = null;
  @state() private story: Story | null = null;
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
    { loading: t('loading') },
  );

  /** A story that is not there, or not for this user, is one message with the way back. */
  private get missing(): boolean {
    const e = this.loader.error;
    return e instanceof ApiError && (e.status === 404 || e.status === 403 || e.status === 400);
  }

  private variableName(p: { variableId: number; name?: string | null }): string {
    return p.name ?? this.variables.get(p.variableId)?.name ?? t('variable', { id: p.variableId });
  }

  /** The teller and their stories are gone: only that is left to say, with the way back. */
  private async erased(e: CustomEvent<{ stories: number }>): Promise<void> {
    this.erasedCount = e.detail.stories;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#erased')?.focus();
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
      ${tableRegion(
        { labelledBy: 'history-title' },
        html`<table class="phone-cards">
          <thead><tr><th scope="col">${t('when')}</th><th scope="col">${t('level')}</th><th scope="col">${t('channel')}</th><th scope="col">${t('givenBy')}</th><th scope="col">${t('reason')}</th><th scope="col">${t('version')}</th></tr></thead>
          <tbody>
            ${(s.consentHistory ?? []).map(
              (r) => html`<tr>
                <td>${formatDate(r.at)}</td>
                <td data-label=${t('level')}>${r.withdrawn ? t('withdrawnLevel') : r.level ? label(r.level) : nothing}</td>
                <td data-label=${t('channel')}>${label(r.channel)}</td>
                <td data-label=${t('givenBy')}>${giverName(r.givenBy)}${r.guardianName ? ` (${r.guardianName})` : nothing}${this.recordedBy(r) ? html`<br /><span class="muted">${this.recordedBy(r)}</span>` : nothing}</td>
                <td data-label=${t('reason')}>${r.reason ?? nothing}</td>
                <td data-label=${t('version')}>${r.consentTextVersion ? consentText(r.consentTextVersion) : nothing}</td>
              </tr>`,
            )}
          </tbody>
        </table>`,
      )}
      ${
        s.withdrawnAt
          ? nothing
          : html`<ww-consent-change .story=${s} .userRole=${this.user?.role ?? null} @story-changed=${(e: CustomEvent<Story>) => (this.story = e.detail)}></ww-consent-change>`
      }
      ${isStaff(this.user?.role) && s.teller?.id ? html`<ww-teller-privacy .tellerId=${s.teller.id} @teller-erased=${this.erased}></ww-teller-privacy>` : nothing}
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
      meter { width: 8rem; vertical-align: middle; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-story-page': StoryPage;
  }
}
