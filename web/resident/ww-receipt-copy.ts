import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { get } from '../api.js';
import { ResidentElement } from './resident-element.js';
import { residentWording } from './climate-wording.js';
import { consentName, type ConsentLevel } from './consent-texts.js';
import { formatClock, formatDay, isRtl, joinParts, lang, languageNames, isResidentLocale, rt, rtParts } from './i18n.js';
import { receiptProblem } from './ww-receipt-page.js';
import { documentTitle } from '../title.js';
import { titleIsOpening } from './story-title.js';

type Copy = {
  madeAt: string;
  story: {
    title: string;
    text: string;
    language: string;
    project: string;
    area: string | null;
    happenedOn: string | null;
    toldAt: string;
    withdrawnAt: string | null;
    consent: ConsentLevel | null;
  };
  teller: { name: string | null; contact: string | null };
  media: { id: number; kind: 'audio' | 'photo'; lengthSeconds: number | null; youAllowedReports: boolean; mayBeInReports: boolean; url: string }[];
  consentHistory: {
    level: ConsentLevel | null;
    withdrawn: boolean;
    givenBy: 'teller' | 'guardian' | 'worker' | 'coordinator';
    reason: string | null;
    at: string;
  }[];
  placements: {
    variable: string;
    nameNl: string;
    nameEn: string;
    weakPole: { nl: string; en: string };
    strongPole: { nl: string; en: string };
    by: 'teller' | 'team';
    position: number | null;
    status: string;
  }[];
  outcomes: { outcome: string; note: string }[];
  codedPassages: { quote: string; outcome: string | null; variable: string | null; code: string | null; note: string }[];
  usedIn: {
    reports: { report: string; version: number; publishedAt: string }[];
    reportVersion: { title: string; text: string } | null;
    mostSignificantChange: { domain: string; periodFrom: string; periodTo: string; selected: boolean; selectionReasons: string[] }[];
  };
};

const givenBy = { teller: 'copy.byTellerChoice', guardian: 'copy.byGuardian', worker: 'copy.byWorker', coordinator: 'copy.byCoordinator' } as const;

/**
 * The teller's own copy as a printable page (/r/<code>/copy): everything stored about their story,
 * the same as the JSON download beside it (GDPR art. 15 and 20).
 */
@customElement('ww-receipt-copy')
export class WwReceiptCopy extends ResidentElement {
  @property() code = '';
  @state() private copy: Copy | null = null;
  @state() private error: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** The tab's title follows the language. */
  protected override updated(): void {
    document.title = documentTitle(rt('copy.title'));
  }

  private get jsonUrl() {
    return `/api/public/receipts/${encodeURIComponent(this.code)}/copy.json`;
  }

  private async load(): Promise<void> {
    try {
      this.copy = await get<Copy>(this.jsonUrl);
    } catch (e) {
      this.error = receiptProblem(e);
    }
  }

  private placement(p: Copy['placements'][number]) {
    const dutch = lang() === 'nl';
    const v = residentWording({
      key: p.variable,
      name: dutch ? p.nameNl : p.nameEn,
      weak: dutch ? p.weakPole.nl : p.weakPole.en,
      strong: dutch ? p.strongPole.nl : p.strongPole.en,
    });
    // No position: the teller answered "don't know"; the team marks a story it does not fit.
    const where = p.position !== null ? rt('copy.position', { n: p.position }) : rt(p.by === 'teller' ? 'copy.dontKnow' : 'copy.notApplicable');
    return html`<li><strong>${v.name}</strong> (${v.weak} ↔ ${v.strong}): ${joinParts([where, rt(p.by === 'teller' ? 'copy.byTeller' : 'copy.byTeam')])}</li>`;
  }

  /** The recording and photo kept with the story: what they are and whether a report may show them. */
  private renderMedia(media: Copy['media']) {
    return html`<section aria-labelledby="copy-media">
      <h2 id="copy-media">${rt(media.every((m) => m.kind === 'photo') ? 'copy.photoTitle' : media.every((m) => m.kind === 'audio') ? 'copy.recordingTitle' : 'copy.mediaTitle')}</h2>
      <ul class="copy-media">
        ${media.map((m) =>
          m.kind === 'audio'
            ? html`<li>
                <strong>${rtParts('copy.recording', { time: html`<bdi dir="ltr">${formatClock(m.lengthSeconds ?? 0)}</bdi>` })}</strong>
                <a class="no-print" href=${m.url}>${rt('copy.listen')}</a><br />${rt('copy.recordingReports')}
              </li>`
            : html`<li>
                <strong>${rt('copy.photo')}</strong> <a class="no-print" href=${m.url}>${rt('copy.look')}</a><br />
                ${rt(m.mayBeInReports ? 'copy.photoInReports' : m.youAllowedReports ? 'copy.photoAllowed' : 'copy.photoNotInReports')}
              </li>`,
        )}
      </ul>
    </section>`;
  }

  private list<T>(items: T[], one: (item: T) => unknown) {
    return items.length ? html`<ul>${items.map(one)}</ul>` : html`<p class="hint">${rt('copy.none')}</p>`;
  }

  override render() {
    const back = html`<p class="no-print"><a href="/r/${encodeURIComponent(this.code)}"><span aria-hidden="true">${isRtl() ? '→' : '←'}</span> ${rt('copy.back')}</a></p>`;
    if (this.error) return html`${back}<h1>${rt('copy.title')}</h1><p class="notice error" role="alert">${this.error}</p>`;
    const c = this.copy;
    if (!c) return html`<h1>${rt('copy.title')}</h1><p role="status">${rt('app.loading')}</p>`;
    const s = c.story;
    const language = isResidentLocale(s.language) ? languageNames[s.language] : s.language;
    return html`
      ${back}
      <h1 tabindex="-1">${rt('copy.title')}</h1>
      <p>${rt('copy.onlyYours')}</p>
      <p class="no-print actions">
        <button type="button" @click=${() => window.print()}>${rt('copy.print')}</button>
        <a class="button secondary" href=${this.jsonUrl} download>${rt('copy.download')}</a>
      </p>
      <dl>
        <dt>${rt('receipt.code')}</dt><dd class="code-small">${this.code}</dd>
        <dt>${rt('copy.madeAt')}</dt><dd>${formatDay(c.madeAt)}</dd>
      </dl>
      <section aria-labelledby="copy-story">
        <h2 id="copy-story">${rt('copy.story')}</h2>
        ${s.withdrawnAt ? html`<p>${rt('copy.gone')}</p>` : html`<article class="story-text" dir="auto">${titleIsOpening(s.title, s.text) ? nothing : html`<h3>${s.title}</h3>`}<p class="plain">${s.text}</p></article>`}
        <dl>
          <dt>${rt('copy.language')}</dt><dd>${language}</dd>
          <dt>${rt('copy.project')}</dt><dd>${s.project}</dd>
          ${s.area ? html`<dt>${rt('copy.area')}</dt><dd>${s.area}</dd>` : nothing}
          ${s.happenedOn ? html`<dt>${rt('copy.happened')}</dt><dd>${formatDay(s.happenedOn)}</dd>` : nothing}
          <dt>${rt('copy.told')}</dt><dd>${formatDay(s.toldAt)}</dd>
          ${s.withdrawnAt ? html`<dt>${rt('receipt.withdrawn')}</dt><dd>${formatDay(s.withdrawnAt)}</dd>` : nothing}
        </dl>
      </section>
      ${c.media.length ? this.renderMedia(c.media) : nothing}
      ${
        c.teller.name || c.teller.contact
          ? html`<section aria-labelledby="copy-you">
            <h2 id="copy-you">${rt('copy.you')}</h2>
            <dl>
              ${c.teller.name ? html`<dt>${rt('copy.name')}</dt><dd>${c.teller.name}</dd>` : nothing}
              ${c.teller.contact ? html`<dt>${rt('copy.contact')}</dt><dd>${c.teller.contact}</dd>` : nothing}
            </dl>
          </section>`
          : nothing
      }
      <section aria-labelledby="copy-consent">
        <h2 id="copy-consent">${rt('copy.consentHistory')}</h2>
        <ol>
          ${c.consentHistory.map(
            (h) => html`<li>
              ${formatDay(h.at)}:
              ${joinParts([html`<strong>${h.withdrawn || !h.level ? rt('copy.withdrawnChoice') : consentName(h.level)}</strong>`, rt(givenBy[h.givenBy])])}
              ${h.reason ? html`<br />${rt('copy.reason')}: ${h.reason}` : nothing}
            </li>`,
          )}
        </ol>
      </section>
      <section aria-labelledby="copy-placements">
        <h2 id="copy-placements">${rt('copy.placements')}</h2>
        ${this.list(c.placements, (p) => this.placement(p))}
      </section>
      <section aria-labelledby="copy-outcomes">
        <h2 id="copy-outcomes">${rt('copy.outcomes')}</h2>
        ${this.list(c.outcomes, (o) => html`<li>${o.outcome}${o.note ? html`: ${o.note}` : nothing}</li>`)}
        <h3>${rt('copy.passages')}</h3>
        ${this.list(c.codedPassages, (p) => html`<li>“${p.quote}”: ${p.outcome ?? p.variable ?? p.code}${p.note ? html` (${p.note})` : nothing}</li>`)}
      </section>
      <section aria-labelledby="copy-used">
        <h2 id="copy-used">${rt('copy.reports')}</h2>
        ${this.list(c.usedIn.reports, (r) => html`<li>${r.report} <span class="hint">${formatDay(r.publishedAt)}</span></li>`)}
        ${
          c.usedIn.reportVersion
            ? html`<h3>${rt('copy.reportText')}</h3><article class="story-text" dir="auto"><h4>${c.usedIn.reportVersion.title}</h4><p class="plain">${c.usedIn.reportVersion.text}</p></article>`
            : nothing
        }
        <h3>${rt('copy.msc')}</h3>
        ${this.list(
          c.usedIn.mostSignificantChange,
          (m) => html`<li>
            ${m.domain} (${formatDay(m.periodFrom)} – ${formatDay(m.periodTo)}): ${rt(m.selected ? 'copy.selected' : 'copy.notSelected')}
            ${m.selectionReasons.map((r) => html`<br />“${r}”`)}
          </li>`,
        )}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-receipt-copy': WwReceiptCopy;
  }
}
