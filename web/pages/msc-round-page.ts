import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { ApiError, get, post } from '../api.js';
import { pageStyles } from '../components/shared-styles.js';
import { formatDate, messages } from '../i18n.js';
import type { Me } from '../session.js';
import { isStaff } from '../models.js';
import { refineTitle } from '../title.js';
import { PageLoader } from '../components/page-loader.js';
import { failedNotice, focusFailed } from '../components/failed-notice.js';
import { errorText, invalid } from '../components/form-field.js';
import { FormGuard } from '../unsaved.js';

const t = messages({
  nl: {
    back: 'Alle rondes',
    period: 'Verhalen van {from} tot en met {to}',
    projects: 'Projecten: {names}',
    panel: 'Panel: {names}',
    open: 'Open: panelleden kiezen nu',
    closed: 'Gesloten op {date}',
    fedBack: 'Teruggekoppeld aan de vertellers op {date}.',
    candidates: 'Kandidaten ({n})',
    hiddenStory: 'Dit verhaal wordt niet (meer) getoond.',
    noCandidates: 'Geen verhalen met toestemming voor rapportage in deze periode.',
    anonymous: 'anoniem',
    tellerBy: 'verteld door {name}',
    pickThis: 'Kies dit verhaal',
    reason: 'Waarom is dit voor jou de meest betekenisvolle verandering?',
    savePick: 'Keuze opslaan',
    yourPick: 'Jouw keuze',
    picked: 'Je keuze is opgeslagen.',
    picks: 'Keuzes van het panel ({n})',
    noPicks: 'Nog niemand heeft gekozen.',
    pickedBy: 'Al gekozen: {names}.',
    hiddenForPanel: 'Kies eerst zelf. Daarna zie je wat de anderen kozen en waarom. Zo kiest ieder panellid zonder de anderen te volgen.',
    hiddenForStaff: 'Wat de panelleden kozen en waarom, zie je als de ronde gesloten is. Zo kiest ieder panellid zonder de anderen te volgen.',
    close: 'Ronde sluiten en selectie vastleggen',
    confirmClose: 'Weet je het zeker? Daarna kan niemand meer kiezen.',
    feedback: 'Markeren als teruggekoppeld aan de vertellers',
    selection: 'Selectie',
    noSelection: 'Er is niets gekozen.',
    failed: 'Dat lukte niet: {msg}',
    reasonRequired: 'Schrijf op waarom je dit verhaal kiest.',
    roundTitle: 'Most Significant Change-ronde',
    notFound: 'Deze ronde bestaat niet, of je zit niet in het panel.',
  },
  en: {
    back: 'All rounds',
    period: 'Stories from {from} up to and including {to}',
    projects: 'Projects: {names}',
    panel: 'Panel: {names}',
    open: 'Open: panel members are picking',
    closed: 'Closed on {date}',
    fedBack: 'Fed back to the tellers on {date}.',
    candidates: 'Candidates ({n})',
    hiddenStory: 'This story is not shown (any more).',
    noCandidates: 'No stories with consent for reports in this period.',
    anonymous: 'anonymous',
    tellerBy: 'told by {name}',
    pickThis: 'Pick this story',
    reason: 'Why is this, to you, the most significant change?',
    savePick: 'Save pick',
    yourPick: 'Your pick',
    picked: 'Your pick is saved.',
    picks: 'Picks of the panel ({n})',
    noPicks: 'Nobody has picked yet.',
    pickedBy: 'Picked so far: {names}.',
    hiddenForPanel: 'Pick first yourself. Then you see what the others picked and why. This way each panel member chooses without following the others.',
    hiddenForStaff: 'What the panel members picked and why, you see once the round is closed. This way each panel member chooses without following the others.',
    close: 'Close the round and record the selection',
    confirmClose: 'Are you sure? Nobody can pick after this.',
    feedback: 'Mark as fed back to the tellers',
    selection: 'Selection',
    noSelection: 'Nothing was picked.',
    failed: 'That did not work: {msg}',
    reasonRequired: 'Write down why you pick this story.',
    roundTitle: 'Most Significant Change round',
    notFound: 'This round does not exist, or you are not on its panel.',
  },
});

type Candidate = {
  id: number;
  projectName: string;
  areaName: string | null;
  title: string;
  bodyHtml: string;
  date: string;
  consent: string;
  tellerName: string | null;
};
type Pick = { userId: number; userName: string; storyId: number; reason: string; at: string };
type Detail = {
  round: {
    id: number;
    domain: string;
    description: string;
    periodFrom: string;
    periodTo: string;
    status: 'open' | 'closed';
    closedAt: string | null;
    fedBackAt: string | null;
    projects: { name: string }[];
    panel: { name: string }[];
  };
  isPanel: boolean;
  candidates: Candidate[];
  picks: Pick[];
  pickedBy: { userId: number; userName: string }[];
  picksHidden: boolean;
  myPick: Pick | null;
  selections: { storyId: number; title: string; hidden: boolean; reasons: { reason: string; by: string | null }[] }[];
};

/** One Most Significant Change round: panel members read the candidates and pick with a reason; staff close and feed back. */
@customElement('ww-msc-round-page')
export class MscRoundPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @property({ attribute: false }) user: Me | null = null;
  @state() private data: Detail | null = null;
  @state() private choice: number | null = null;
  @state() private error: ApiError | string | null = null;
  @state() private message = '';
  @state() private confirming = false;

  private get staff() {
    return isStaff(this.user?.role);
  }

  /** Leaving asks first while a reason is written and not saved. */
  private readonly guard = new FormGuard(this);
  private readonly loader = new PageLoader(
    this,
    async () => {
      this.data = await get<Detail>(`/api/msc-rounds/${this.params.id}`);
      refineTitle(this, this.data.round.domain);
      this.choice = this.data.myPick?.storyId ?? this.choice;
    },
    {
      // The server's 404 text is bilingual; say it here in the reader's language only.
      failed: (e) =>
        e instanceof ApiError && [400, 403, 404].includes(e.status) ? t('notFound') : t('failed', { msg: e instanceof ApiError ? e.message : String(e) }),
    },
  );

  private async pick(e: SubmitEvent) {
    e.preventDefault();
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason') ?? '').trim();
    this.error = null;
    this.message = '';
    if (!reason) return this.fail(new ApiError(400, 'invalid_input', t('reasonRequired'), [{ field: 'reason', message: t('reasonRequired') }]));
    try {
      await post(`/api/msc-rounds/${this.params.id}/picks`, { storyId: this.choice, reason });
      this.guard.saved();
      this.message = t('picked');
      await this.loader.run();
    } catch (err) {
      void this.fail(err);
    }
  }

  /** A missing reason is said at its field, anything else at the top of the page; the focus goes there. */
  private async fail(err: unknown) {
    this.error = err instanceof ApiError ? err : String(err);
    if (!this.reasonError) return focusFailed(this);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('textarea[name="reason"]')?.focus();
  }

  private get reasonError() {
    return this.error instanceof ApiError && !!this.error.field('reason');
  }

  /** The confirm button replaces the one that had focus: keep keyboard users on it. */
  private async askClose() {
    this.confirming = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('button.danger')?.focus();
  }

  private async act(what: 'close' | 'feedback') {
    this.error = null;
    try {
      await post(`/api/msc-rounds/${this.params.id}/${what}`);
      this.confirming = false;
      await this.loader.run();
    } catch (err) {
      void this.fail(err);
    }
  }

  private renderCandidate(c: Candidate, canPick: boolean) {
    const d = this.data!;
    const chosen = this.choice === c.id;
    const fe = this.error instanceof ApiError ? this.error : null;
    return html`<article class="card ${chosen ? 'chosen' : ''}" aria-labelledby="c-${c.id}">
      <h3 id="c-${c.id}">${c.title}</h3>
      <p class="muted">${c.projectName}${c.areaName ? ` · ${c.areaName}` : ''} · ${formatDate(c.date)} · ${c.tellerName ? t('tellerBy', { name: c.tellerName }) : t('anonymous')}</p>
      <div class="body">${unsafeHTML(c.bodyHtml)}</div>
      ${d.myPick?.storyId === c.id ? html`<p class="badge">${t('yourPick')}</p>` : nothing}
      ${canPick && !chosen ? html`<button type="button" class="secondary" @click=${() => (this.choice = c.id)}>${t('pickThis')}</button>` : nothing}
      ${
        canPick && chosen
          ? html`<form @submit=${this.pick} @input=${this.guard.touch} novalidate>
            <label
              >${t('reason')}<textarea name="reason" required .value=${d.myPick?.storyId === c.id ? d.myPick.reason : ''} aria-invalid=${invalid(fe, 'reason')} aria-describedby="reason-error"></textarea
            ></label>
            ${errorText(fe, 'reason')}
            <div class="actions"><button type="submit">${t('savePick')}</button></div>
          </form>`
          : nothing
      }
    </article>`;
  }

  override render() {
    const d = this.data;
    const errMsg = this.error instanceof ApiError ? this.error.message : this.error;
    if (!d) return html`<p><a href="/msc">← ${t('back')}</a></p><h1 tabindex="-1">${t('roundTitle')}</h1>${this.loader.status()}`;
    const r = d.round;
    const canPick = d.isPanel && r.status === 'open';
    const title = (id: number) => d.candidates.find((c) => c.id === id)?.title ?? `#${id}`;
    return html`
      <p><a href="/msc">← ${t('back')}</a></p>
      <h1 tabindex="-1">${r.domain}</h1>
      ${r.description ? html`<p>${r.description}</p>` : nothing}
      <p>
        ${t('period', { from: formatDate(r.periodFrom), to: formatDate(r.periodTo) })}<br />
        ${t('projects', { names: r.projects.map((p) => p.name).join(', ') })}<br />
        ${t('panel', { names: r.panel.map((p) => p.name).join(', ') })}
      </p>
      <p class="badge">${r.status === 'open' ? t('open') : t('closed', { date: formatDate(r.closedAt) })}</p>
      ${r.fedBackAt ? html`<p>${t('fedBack', { date: formatDate(r.fedBackAt) })}</p>` : nothing}
      <div role="status" class="status">${this.message}</div>
      ${failedNotice(errMsg && !this.reasonError ? t('failed', { msg: errMsg }) : null)}
      ${this.loader.status()}

      ${
        r.status === 'closed'
          ? html`<h2>${t('selection')}</h2>
            ${
              d.selections.length
                ? d.selections.map(
                    (s) => html`<section class="card">
                    <h3>${s.hidden ? html`<em>${t('hiddenStory')}</em>` : this.staff ? html`<a href="/stories/${s.storyId}">${s.title}</a>` : s.title}</h3>
                    <ul>
                      ${s.reasons.map((x) => html`<li>${x.reason} <span class="muted">— ${x.by ?? ''}</span></li>`)}
                    </ul>
                  </section>`,
                  )
                : html`<p>${t('noSelection')}</p>`
            }`
          : nothing
      }
      ${
        this.staff
          ? html`<div class="actions">
            ${
              r.status === 'open'
                ? this.confirming
                  ? html`<p>${t('confirmClose')}</p>
                    <button type="button" class="danger" @click=${() => this.act('close')}>${t('close')}</button>`
                  : html`<button type="button" @click=${this.askClose}>${t('close')}</button>`
                : nothing
            }
            ${r.status === 'closed' && !r.fedBackAt ? html`<button type="button" @click=${() => this.act('feedback')}>${t('feedback')}</button>` : nothing}
          </div>`
          : nothing
      }

      <h2>${t('picks', { n: d.pickedBy.length })}</h2>
      ${d.pickedBy.length && r.status === 'open' ? html`<p>${t('pickedBy', { names: d.pickedBy.map((p) => p.userName).join(', ') })}</p>` : nothing}
      ${d.picksHidden ? html`<p class="notice">${d.isPanel ? t('hiddenForPanel') : t('hiddenForStaff')}</p>` : nothing}
      ${
        d.picks.length
          ? html`<ul>
            ${d.picks.map((p) => html`<li><strong>${p.userName}</strong>: ${title(p.storyId)} — ${p.reason}</li>`)}
          </ul>`
          : d.pickedBy.length
            ? nothing
            : html`<p class="muted">${t('noPicks')}</p>`
      }

      <h2>${t('candidates', { n: d.candidates.length })}</h2>
      ${d.candidates.length ? html`<div class="candidates">${d.candidates.map((c) => this.renderCandidate(c, canPick))}</div>` : html`<p>${t('noCandidates')}</p>`}
    `;
  }

  static override styles = [
    pageStyles,
    css`
      * { box-sizing: border-box; }
      .candidates { display: grid; gap: 1rem; }
      article.chosen { border: 2px solid var(--ww-accent); }
      .body { max-width: 70ch; }
      .status:empty { display: none; }
      .status { font-weight: 600; color: var(--ww-ok); }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-msc-round-page': MscRoundPage;
  }
}
