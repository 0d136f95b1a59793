import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { ApiError, api, get, patch, post } from '../api.js';
import { formatDate, locale, messages } from '../i18n.js';
import { navigate } from '../navigate.js';
import { pageStyles } from '../components/shared-styles.js';
import type { WwEditor } from '../components/ww-editor.js';
import '../components/ww-editor.js';

const t = messages({
  nl: {
    back: 'Alle rapportages',
    newTitle: 'Nieuwe rapportage',
    editTitle: 'Rapportage bewerken',
    definition: 'Opzet',
    title: 'Titel',
    audience: 'Voor wie',
    funder: 'Financier',
    municipality: 'Gemeente',
    internal: 'Intern',
    residents: 'Bewoners',
    audienceHint: 'Verhalen met toestemming "alleen het team" komen nooit in een rapportage, voor geen enkel publiek.',
    from: 'Van',
    to: 'Tot en met',
    projects: 'Projecten',
    areas: 'Gebieden',
    areasHint: 'Geen gebied gekozen: alle gebieden van de projecten.',
    outcomes: 'Uitkomsten',
    outcomesHint: 'Geen uitkomst gekozen: alle uitkomsten van de gekozen projecten.',
    archived: 'gearchiveerd',
    noOutcomes: 'De gekozen projecten hebben nog geen uitkomsten.',
    sections: 'Onderdelen',
    indicators: 'Indicatoren (grafiek en tabel)',
    stories: 'Verhalen bij de uitkomsten',
    msc: 'Most Significant Change',
    climate: 'Sociaal klimaat',
    phases: 'Zien, denken, doen, vinden',
    resources: 'Uren en geld',
    intro: 'Inleiding',
    save: 'Opslaan',
    saved: 'Opgeslagen.',
    saving: 'Bezig…',
    invalid: 'Controleer de gemarkeerde velden.',
    failed: 'Opslaan lukte niet. Probeer het opnieuw.',
    preview: 'Voorbeeld',
    previewHint: 'Zo ziet de rapportage er nu uit, met de cijfers en verhalen van dit moment. Dit is nog niet gepubliceerd.',
    refresh: 'Voorbeeld vernieuwen',
    publish: 'Publiceren als nieuwe versie',
    publishHint: 'Een gepubliceerde versie verandert nooit meer. Wie later een verhaal terugtrekt, ziet het ook uit gepubliceerde versies verdwijnen.',
    published: 'Versie {n} is gepubliceerd.',
    versions: 'Gepubliceerde versies',
    noVersions: 'Nog geen gepubliceerde versies.',
    versionN: 'Versie {n}',
    by: '{date}, door {name}',
    share: 'Delen met een financier',
    shareHint: 'Een financier ziet alleen de gepubliceerde versies van rapportages die met hem gedeeld zijn.',
    funderAccount: 'Financiersaccount',
    choose: 'Kies…',
    noFunders: 'Er zijn nog geen financiersaccounts. Een beheerder kan ze aanmaken.',
    doShare: 'Delen',
    sharedWith: 'Gedeeld met',
    unshare: 'Stop delen met {name}',
    notShared: 'Nog met niemand gedeeld.',
    link: 'Leeslink',
    linkHint: 'Een link die tot de vervaldatum de laatst gepubliceerde versie laat lezen, zonder account. De link wordt één keer getoond.',
    expires: 'Geldig tot en met',
    makeLink: 'Link maken',
    linkMade: 'Kopieer deze link nu; hij wordt niet opnieuw getoond:',
    linkLabel: 'Voor wie (niet verplicht)',
    linkLabelHint: 'Bijvoorbeeld "Gemeente, afdeling Welzijn": zo herken je de link later in de lijst.',
    links: 'Gemaakte leeslinks',
    noLinks: 'Nog geen leeslinks gemaakt.',
    unnamed: 'Leeslink {id}',
    active: 'Actief',
    expired: 'Verlopen',
    revoked: 'Ingetrokken',
    linkMeta: 'Gemaakt op {date} door {name}; geldig tot en met {until}.',
    linkRevoked: 'Ingetrokken op {date} door {name}.',
    revoke: 'Intrekken',
    revokeLabel: 'Leeslink "{label}" intrekken',
    confirmRevoke: 'Weet je het zeker? Wie de link "{label}" opent, ziet de rapportage daarna niet meer. Dit kan niet ongedaan worden gemaakt.',
    doRevoke: 'Ja, intrekken',
    cancel: 'Annuleren',
    revokedDone: 'De leeslink "{label}" is ingetrokken.',
    revokeFailed: 'Intrekken lukte niet: {message}',
    linksFailed: 'De leeslinks konden niet geladen worden.',
    loading: 'Laden…',
    loadFailed: 'De rapportage kon niet geladen worden.',
  },
  en: {
    back: 'All reports',
    newTitle: 'New report',
    editTitle: 'Edit report',
    definition: 'Definition',
    title: 'Title',
    audience: 'Audience',
    funder: 'Funder',
    municipality: 'Municipality',
    internal: 'Internal',
    residents: 'Residents',
    audienceHint: 'Stories with "team only" consent never appear in a report, for any audience.',
    from: 'From',
    to: 'To (inclusive)',
    projects: 'Projects',
    areas: 'Areas',
    areasHint: 'No area chosen: all areas of the projects.',
    outcomes: 'Outcomes',
    outcomesHint: 'No outcome chosen: all outcomes of the chosen projects.',
    archived: 'archived',
    noOutcomes: 'The chosen projects have no outcomes yet.',
    sections: 'Sections',
    indicators: 'Indicators (chart and table)',
    stories: 'Stories per outcome',
    msc: 'Most Significant Change',
    climate: 'Social climate',
    phases: 'See, think, do, find',
    resources: 'Hours and money',
    intro: 'Introduction',
    save: 'Save',
    saved: 'Saved.',
    saving: 'Working…',
    invalid: 'Check the marked fields.',
    failed: 'Saving failed. Please try again.',
    preview: 'Preview',
    previewHint: 'This is how the report looks now, with today\'s numbers and stories. It is not published yet.',
    refresh: 'Refresh preview',
    publish: 'Publish as a new version',
    publishHint: 'A published version never changes. A story withdrawn later also disappears from published versions.',
    published: 'Version {n} is published.',
    versions: 'Published versions',
    noVersions: 'No published versions yet.',
    versionN: 'Version {n}',
    by: '{date}, by {name}',
    share: 'Share with a funder',
    shareHint: 'A funder sees only the published versions of reports shared with them.',
    funderAccount: 'Funder account',
    choose: 'Choose…',
    noFunders: 'There are no funder accounts yet. An administrator can create them.',
    doShare: 'Share',
    sharedWith: 'Shared with',
    unshare: 'Stop sharing with {name}',
    notShared: 'Not shared with anyone yet.',
    link: 'Read link',
    linkHint: 'A link that shows the latest published version without an account until it expires. It is shown once.',
    expires: 'Valid until',
    makeLink: 'Make link',
    linkMade: 'Copy this link now; it will not be shown again:',
    linkLabel: 'For whom (optional)',
    linkLabelHint: 'For example "Municipality, welfare department": so you recognise the link later in the list.',
    links: 'Read links made',
    noLinks: 'No read links made yet.',
    unnamed: 'Read link {id}',
    active: 'Active',
    expired: 'Expired',
    revoked: 'Revoked',
    linkMeta: 'Made on {date} by {name}; valid until {until}.',
    linkRevoked: 'Revoked on {date} by {name}.',
    revoke: 'Revoke',
    revokeLabel: 'Revoke read link "{label}"',
    confirmRevoke: 'Are you sure? Whoever opens the link "{label}" will no longer see the report. This cannot be undone.',
    doRevoke: 'Yes, revoke',
    cancel: 'Cancel',
    revokedDone: 'The read link "{label}" has been revoked.',
    revokeFailed: 'Revoking failed: {message}',
    linksFailed: 'The read links could not be loaded.',
    loading: 'Loading…',
    loadFailed: 'The report could not be loaded.',
  },
});

const sectionKeys = ['indicators', 'stories', 'msc', 'climate', 'phases', 'resources'] as const;
const audiences = ['funder', 'municipality', 'internal', 'residents'] as const;

type Options = {
  projects: { id: number; name: string }[];
  areas: { id: number; name: string }[];
  outcomes: { id: number; projectId: number; level: string; title: string; archivedAt: string | null }[];
  funders: { id: number; name: string; email: string }[];
};
type Doc = { type: 'doc'; content?: { type: string; content?: { type: string; text?: string }[] }[] };
type Report = {
  id: number;
  title: string;
  audience: (typeof audiences)[number];
  periodFrom: string;
  periodTo: string;
  projectIds: number[];
  areaIds: number[];
  outcomeIds: number[];
  sections: string[];
  intro: Doc;
  versions: { number: number; publishedAt: string; publishedBy: string | null }[];
  shares: { userId: number; name: string; email: string }[];
};
type Draft = Omit<Report, 'id' | 'versions' | 'shares'>;
type ReadLink = { id: number; label: string | null; createdAt: string; createdBy: string | null; expiresAt: string; status: 'active' | 'expired' | 'revoked'; revokedAt: string | null; revokedBy: string | null };

const year = new Date().getFullYear();

/** Define a report, preview it, publish versions and share it with funders. */
@customElement('ww-report-edit-page')
export class ReportEditPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private options: Options | null = null;
  @state() private report: Report | null = null;
  @state() private draft: Draft = { title: '', audience: 'funder', periodFrom: `${year}-01-01`, periodTo: `${year}-12-31`, projectIds: [], areaIds: [], outcomeIds: [], sections: [...sectionKeys], intro: { type: 'doc', content: [] } };
  @state() private error: ApiError | null = null;
  @state() private message: string | null = null;
  @state() private busy = false;
  @state() private previewHtml: string | null = null;
  @state() private shareTo = '';
  @state() private linkExpiry = '';
  @state() private linkUrl: string | null = null;
  private linkUrlId: number | null = null;
  @state() private linkLabel = '';
  @state() private links: ReadLink[] | null = null;
  @state() private linksError: string | null = null;
  @state() private linksMessage: string | null = null;
  /** The link whose revocation waits for confirmation. */
  @state() private confirmingLink: number | null = null;
  @state() private loadFailed = false;

  private get reportId(): number | null {
    return this.params.id ? Number(this.params.id) : null;
  }

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    try {
      this.options = await get<Options>('/api/reports/options');
      if (this.reportId) await this.load();
    } catch {
      this.loadFailed = true;
    }
  }

  private async load(): Promise<void> {
    const { report } = await get<{ report: Report }>(`/api/reports/${this.reportId}`);
    this.report = report;
    await this.loadLinks();
    this.draft = { title: report.title, audience: report.audience, periodFrom: report.periodFrom, periodTo: report.periodTo, projectIds: report.projectIds, areaIds: report.areaIds, outcomeIds: report.outcomeIds, sections: report.sections, intro: report.intro };
    await this.loadPreview();
  }

  private async loadPreview(): Promise<void> {
    if (!this.reportId) return;
    this.previewHtml = (await get<{ html: string }>(`/api/reports/${this.reportId}/preview?lang=${locale()}`)).html;
  }

  private set<K extends keyof Draft>(key: K, value: Draft[K]) {
    this.draft = { ...this.draft, [key]: value };
  }

  private toggle(key: 'projectIds' | 'areaIds' | 'outcomeIds', id: number, on: boolean) {
    const list = this.draft[key].filter((x) => x !== id);
    this.set(key, on ? [...list, id] : list);
  }

  private async run(action: () => Promise<void>) {
    this.busy = true;
    this.error = null;
    this.message = null;
    try {
      await action();
    } catch (err) {
      this.error = err instanceof ApiError ? err : new ApiError(0, 'error', t('failed'));
    } finally {
      this.busy = false;
    }
  }

  private save(e: SubmitEvent) {
    e.preventDefault();
    return this.run(async () => {
      const { intro, ...rest } = this.draft;
      const outcomeIds = rest.outcomeIds.filter((id) => this.options!.outcomes.some((o) => o.id === id && rest.projectIds.includes(o.projectId)));
      const body = { ...rest, outcomeIds, sections: sectionKeys.filter((k) => rest.sections.includes(k)), intro: this.renderRoot.querySelector<WwEditor>('ww-editor')?.value ?? intro };
      if (this.reportId) {
        await patch(`/api/reports/${this.reportId}`, body);
        await this.load();
        this.message = t('saved');
      } else {
        const { report } = await post<{ report: Report }>('/api/reports', body);
        navigate(`/reports/${report.id}`, true);
      }
    });
  }

  private publish() {
    return this.run(async () => {
      const { version } = await post<{ version: { number: number } }>(`/api/reports/${this.reportId}/versions`);
      await this.load();
      this.message = t('published', { n: version.number });
    });
  }

  private share() {
    if (!this.shareTo) return;
    return this.run(async () => {
      await post(`/api/reports/${this.reportId}/shares`, { userId: Number(this.shareTo) });
      this.shareTo = '';
      await this.load();
    });
  }

  private unshare(userId: number) {
    return this.run(async () => {
      await api('DELETE', `/api/reports/${this.reportId}/shares/${userId}`);
      await this.load();
    });
  }

  private makeLink() {
    if (!this.linkExpiry) return;
    return this.run(async () => {
      const label = this.linkLabel.trim();
      const { link } = await post<{ link: { id: number; url: string } }>(`/api/reports/${this.reportId}/links`, { expiresAt: new Date(`${this.linkExpiry}T23:59:59`).toISOString(), ...(label ? { label } : {}) });
      this.linkUrl = link.url;
      this.linkUrlId = link.id;
      this.linkLabel = '';
      this.linksMessage = null;
      await this.loadLinks();
    });
  }

  private async loadLinks(): Promise<void> {
    try {
      this.links = (await get<{ links: ReadLink[] }>(`/api/reports/${this.reportId}/links`)).links;
    } catch {
      this.linksError = t('linksFailed');
    }
  }

  private linkName(l: ReadLink) {
    return l.label ?? t('unnamed', { id: l.id });
  }

  /** The confirmation replaces the button that had focus: keep keyboard users on it. */
  private async askRevoke(id: number) {
    this.confirmingLink = id;
    this.linksError = this.linksMessage = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(`#link-${id} button.danger`)?.focus();
  }

  private async cancelRevoke() {
    const id = this.confirmingLink;
    this.confirmingLink = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(`#link-${id} button.revoke`)?.focus();
  }

  private async revoke(l: ReadLink) {
    this.busy = true;
    this.linksError = this.linksMessage = null;
    try {
      await post(`/api/reports/${this.reportId}/links/${l.id}/revoke`);
      this.confirmingLink = null;
      if (this.linkUrlId === l.id) this.linkUrl = this.linkUrlId = null; // no dead link to copy
      await this.loadLinks();
      this.linksMessage = t('revokedDone', { label: this.linkName(l) });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#links-h')?.focus();
    } catch (err) {
      this.linksError = t('revokeFailed', { message: err instanceof ApiError ? err.message : t('failed') });
    } finally {
      this.busy = false;
    }
  }

  private renderLink(l: ReadLink) {
    const name = this.linkName(l);
    const confirming = this.confirmingLink === l.id;
    return html`<li id=${`link-${l.id}`} class="link">
      <div>
        <strong>${name}</strong> <span class=${`badge ${l.status}`}>${t(l.status)}</span>
        <p class="meta">
          ${t('linkMeta', { date: formatDate(l.createdAt), name: l.createdBy ?? '–', until: formatDate(l.expiresAt) })}
          ${l.revokedAt ? t('linkRevoked', { date: formatDate(l.revokedAt), name: l.revokedBy ?? '–' }) : nothing}
        </p>
      </div>
      ${l.status !== 'active'
        ? nothing
        : confirming
          ? html`<div class="confirm" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.cancelRevoke()}>
              <p id=${`confirm-${l.id}`}>${t('confirmRevoke', { label: name })}</p>
              <div class="actions">
                <button type="button" class="danger" aria-describedby=${`confirm-${l.id}`} @click=${() => this.revoke(l)} ?disabled=${this.busy}>${t('doRevoke')}</button>
                <button type="button" class="secondary" @click=${this.cancelRevoke}>${t('cancel')}</button>
              </div>
            </div>`
          : html`<button type="button" class="secondary revoke" aria-label=${t('revokeLabel', { label: name })} @click=${() => this.askRevoke(l.id)} ?disabled=${this.busy}>${t('revoke')}</button>`}
    </li>`;
  }

  private renderLinks() {
    return html`<h3 id="links-h" tabindex="-1">${t('links')}</h3>
      <div role="alert">${this.linksError ? html`<p class="notice error">${this.linksError}</p>` : nothing}</div>
      <div role="status">${this.linksMessage ? html`<p class="notice">${this.linksMessage}</p>` : nothing}</div>
      ${this.links === null
        ? this.linksError
          ? nothing
          : html`<p>${t('loading')}</p>`
        : this.links.length
          ? html`<ul class="links">
              ${this.links.map((l) => this.renderLink(l))}
            </ul>`
          : html`<p>${t('noLinks')}</p>`}`;
  }

  /** Attributes that tie an input to its error message. */
  private err(field: string) {
    return this.error?.field(field);
  }

  private fieldError(field: string) {
    const m = this.err(field);
    return m ? html`<span class="field-error" id=${`err-${field}`}>${m}</span>` : nothing;
  }

  private checkboxes(legend: string, key: 'projectIds' | 'areaIds' | 'outcomeIds', items: { id: number; name: string }[], hint?: string) {
    return html`<fieldset aria-describedby=${this.err(key) ? `err-${key}` : nothing}>
      <legend>${legend}</legend>
      ${hint ? html`<p class="hint">${hint}</p>` : nothing}
      ${items.map((i) => html`<label class="check"><input type="checkbox" .checked=${this.draft[key].includes(i.id)} @change=${(e: Event) => this.toggle(key, i.id, (e.target as HTMLInputElement).checked)} />${i.name}</label>`)}
      ${this.fieldError(key)}
    </fieldset>`;
  }

  private renderForm(o: Options) {
    const d = this.draft;
    // With several projects, outcomes of the same name are told apart by their project.
    const projectName = (id: number) => (d.projectIds.length > 1 ? `${o.projects.find((p) => p.id === id)?.name ?? ''} · ` : '');
    const outcomes = o.outcomes.filter((x) => d.projectIds.includes(x.projectId)).map((x) => ({ id: x.id, name: `${x.title} (${projectName(x.projectId)}${x.level}${x.archivedAt ? `, ${t('archived')}` : ''})` }));
    const input = (field: keyof Draft, label: string, type: string) => html`<label
      >${label}<input
        type=${type}
        .value=${String(d[field])}
        required
        aria-invalid=${this.err(field) ? 'true' : 'false'}
        aria-describedby=${this.err(field) ? `err-${field}` : nothing}
        @input=${(e: Event) => this.set(field, (e.target as HTMLInputElement).value as never)}
      />${this.fieldError(field)}</label
    >`;
    return html`<form @submit=${this.save} novalidate>
      <h2>${t('definition')}</h2>
      ${input('title', t('title'), 'text')}
      <label
        >${t('audience')}
        <select .value=${d.audience} aria-describedby="audience-hint" @change=${(e: Event) => this.set('audience', (e.target as HTMLSelectElement).value as Draft['audience'])}>
          ${audiences.map((a) => html`<option value=${a} ?selected=${d.audience === a}>${t(a)}</option>`)}
        </select>
        <span class="hint" id="audience-hint">${t('audienceHint')}</span>
      </label>
      <div class="row">${input('periodFrom', t('from'), 'date')} ${input('periodTo', t('to'), 'date')}</div>
      ${this.checkboxes(t('projects'), 'projectIds', o.projects)}
      ${this.checkboxes(t('areas'), 'areaIds', o.areas, t('areasHint'))}
      ${outcomes.length ? this.checkboxes(t('outcomes'), 'outcomeIds', outcomes, t('outcomesHint')) : html`<p class="hint">${t('noOutcomes')}</p>`}
      <fieldset>
        <legend>${t('sections')}</legend>
        ${sectionKeys.map(
          (k) => html`<label class="check"><input type="checkbox" .checked=${d.sections.includes(k)} @change=${(e: Event) => this.set('sections', (e.target as HTMLInputElement).checked ? [...d.sections, k] : d.sections.filter((s) => s !== k))} />${t(k)}</label>`,
        )}
      </fieldset>
      <div>
        <ww-editor .label=${t('intro')} .value=${d.intro} describedby="err-intro" ?invalid=${!!this.err('intro')}></ww-editor>
        ${this.fieldError('intro')}
      </div>
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.busy ? t('saving') : t('save')}</button></div>
    </form>`;
  }

  private renderPublished(r: Report, o: Options) {
    const unshared = o.funders.filter((f) => !r.shares.some((s) => s.userId === f.id));
    return html`
      <section aria-labelledby="versions-h">
        <h2 id="versions-h">${t('versions')}</h2>
        <p class="hint">${t('publishHint')}</p>
        <div class="actions"><button @click=${this.publish} ?disabled=${this.busy}>${t('publish')}</button></div>
        ${r.versions.length
          ? html`<ul>
              ${r.versions.map((v) => html`<li><a data-reload href=${`/reports/${r.id}/versions/${v.number}`}>${t('versionN', { n: v.number })}</a> — ${t('by', { date: formatDate(v.publishedAt), name: v.publishedBy ?? '' })}</li>`)}
            </ul>`
          : html`<p>${t('noVersions')}</p>`}
      </section>
      <section aria-labelledby="share-h">
        <h2 id="share-h">${t('share')}</h2>
        <p class="hint">${t('shareHint')}</p>
        ${o.funders.length
          ? html`<div class="row">
              <label
                >${t('funderAccount')}
                <select .value=${this.shareTo} aria-invalid=${this.err('userId') ? 'true' : 'false'} aria-describedby=${this.err('userId') ? 'err-userId' : nothing} @change=${(e: Event) => (this.shareTo = (e.target as HTMLSelectElement).value)}>
                  <option value="">${t('choose')}</option>
                  ${unshared.map((f) => html`<option value=${String(f.id)}>${f.name} (${f.email})</option>`)}
                </select>
                ${this.fieldError('userId')}
              </label>
              <button class="secondary" @click=${this.share} ?disabled=${this.busy || !this.shareTo}>${t('doShare')}</button>
            </div>`
          : html`<p>${t('noFunders')}</p>`}
        <h3>${t('sharedWith')}</h3>
        ${r.shares.length
          ? html`<ul>
              ${r.shares.map((s) => html`<li>${s.name} (${s.email}) <button class="secondary small" @click=${() => this.unshare(s.userId)} aria-label=${t('unshare', { name: s.name })}>×</button></li>`)}
            </ul>`
          : html`<p>${t('notShared')}</p>`}
      </section>
      <section aria-labelledby="link-h">
        <h2 id="link-h">${t('link')}</h2>
        <p class="hint">${t('linkHint')}</p>
        <div class="row">
          <label
            >${t('expires')}<input type="date" .value=${this.linkExpiry} aria-invalid=${this.err('expiresAt') ? 'true' : 'false'} aria-describedby=${this.err('expiresAt') ? 'err-expiresAt' : nothing} @input=${(e: Event) => (this.linkExpiry = (e.target as HTMLInputElement).value)} />${this.fieldError('expiresAt')}</label
          >
          <label
            >${t('linkLabel')}<input type="text" maxlength="200" .value=${this.linkLabel} aria-describedby=${this.err('label') ? 'link-label-hint err-label' : 'link-label-hint'} aria-invalid=${this.err('label') ? 'true' : 'false'} @input=${(e: Event) => (this.linkLabel = (e.target as HTMLInputElement).value)} /><span class="hint" id="link-label-hint"
              >${t('linkLabelHint')}</span
            >${this.fieldError('label')}</label
          >
          <button class="secondary" @click=${this.makeLink} ?disabled=${this.busy || !this.linkExpiry}>${t('makeLink')}</button>
        </div>
        ${this.linkUrl ? html`<p class="notice" role="status">${t('linkMade')} <code>${this.linkUrl}</code></p>` : nothing}
        ${this.renderLinks()}
      </section>
      <section aria-labelledby="preview-h">
        <h2 id="preview-h">${t('preview')}</h2>
        <p class="hint">${t('previewHint')}</p>
        <div class="actions"><button class="secondary" @click=${() => this.run(() => this.loadPreview())} ?disabled=${this.busy}>${t('refresh')}</button></div>
        ${this.previewHtml ? html`<div class="preview">${unsafeHTML(this.previewHtml)}</div>` : html`<p>${t('loading')}</p>`}
      </section>
    `;
  }

  override render() {
    const title = this.reportId ? t('editTitle') : t('newTitle');
    if (this.loadFailed) return html`<h1 tabindex="-1">${title}</h1><p role="alert" class="error">${t('loadFailed')}</p>`;
    if (!this.options || (this.reportId && !this.report)) return html`<h1 tabindex="-1">${title}</h1><p aria-live="polite">${t('loading')}</p>`;
    return html`
      <p><a href="/reports">← ${t('back')}</a></p>
      <h1 tabindex="-1">${this.report?.title ?? title}</h1>
      <div role="alert">${this.error ? html`<p class="notice error">${this.error.details.length ? t('invalid') : this.error.message}</p>` : nothing}</div>
      <div role="status">${this.message ? html`<p class="notice">${this.message}</p>` : nothing}</div>
      ${this.renderForm(this.options)} ${this.report ? this.renderPublished(this.report, this.options) : nothing}
    `;
  }

  static override styles = [
    pageStyles,
    css`
      label.check { display: flex; gap: 0.5rem; align-items: center; font-weight: 400; min-height: 44px; }
      .row { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; }
      .row > label { flex: 1 1 12rem; }
      button.small { min-height: 32px; padding: 0 0.6rem; }
      section { margin-top: 2rem; }
      code { word-break: break-all; }
      ul.links { list-style: none; padding: 0; }
      li.link { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; justify-content: space-between; align-items: start; border-top: 1px solid var(--ww-line); padding: 0.75rem 0; }
      li.link > div { flex: 1 1 16rem; }
      li.link .meta { margin: 0.25rem 0 0; color: var(--ww-muted); }
      .badge.active { background: #dcefdc; }
      .badge.revoked { background: #f6dede; }
      .confirm { flex: 1 1 100%; }
      .preview { border: 1px solid var(--ww-line); border-radius: var(--ww-radius); background: var(--ww-surface); padding: 1rem; overflow-x: auto; }
      .preview .figure { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; }
      .preview svg { width: 100%; height: auto; }
      .preview article.story { border-left: 4px solid var(--ww-accent); padding-left: 1rem; margin: 1rem 0; }
      .preview .meta, .preview .muted, .preview .not-included, .preview .too-few { color: var(--ww-muted); }
      .preview .not-included { font-style: italic; border: 1px dashed var(--ww-line); padding: 0.5rem; }
      @media (max-width: 720px) { .preview .figure { grid-template-columns: 1fr; } }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-report-edit-page': ReportEditPage;
  }
}
