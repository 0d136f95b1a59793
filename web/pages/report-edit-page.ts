import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../components/report-preview.js';
import { ApiError, api, get, patch, post } from '../api.js';
import { formatDate, locale } from '../i18n.js';
import { navigate } from '../navigate.js';
import { pageStyles } from '../components/shared-styles.js';
import type { WwEditor } from '../components/ww-editor.js';
import '../components/ww-editor.js';
import { audiences, sectionKeys, t, type Changes, type Draft, type Options, type Report } from './report-edit/messages.js';
import './report-edit/read-links.js';
import './report-edit/awaiting-review.js';
import type { ReportOutcomeTexts } from './report-edit/outcome-texts.js';
import './report-edit/outcome-texts.js';
import { confirmPublish, unlinkedNote, type Unlinked } from './report-edit/publish-confirm.js';
import { noFunderToChoose } from './report-edit/share-none.js';
import type { Me } from '../session.js';
import { blankDraft, draftOf, fingerprint } from './report-edit/draft.js';
import { refineTitle } from '../title.js';
import { levelName } from '../sensemaking-types.js';
import { UnsavedGuard } from '../unsaved.js';
import { PageLoader } from '../components/page-loader.js';
import { fold, foldStyles } from '../components/fold.js';
import { errorText, fieldError, formField, invalid } from '../components/form-field.js';
import { failedNotice, focusFailed } from '../components/failed-notice.js';
import { refocus } from '../components/refocus.js';

/** The part of the preview's data the page reads: the summary (what drops out). */
type PreviewData = { summary?: { unlinkedIndicators: Unlinked[] } };

/** Define a report, preview it, publish versions and share it with funders. */
@customElement('ww-report-edit-page')
export class ReportEditPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @property({ attribute: false }) user: Me | null = null;
  @state() private options: Options | null = null;
  @state() private report: Report | null = null;
  @state() private draft: Draft = blankDraft;
  /** The definition as saved (or, for a new report, as the form starts). */
  private saved: Draft = blankDraft;
  @state() private error: ApiError | null = null;
  @state() private message: string | null = null;
  @state() private publishedNote: string | null = null;
  @state() private busy = false;
  @state() private previewHtml: string | null = null;
  /** The report's indicators without an outcome, as the preview found them: named beside the outcomes choice. */
  @state() private unlinked: Unlinked[] = [];
  @state() private shareTo = '';
  @state() private linkExpiry = '';
  @state() private linkUrl: string | null = null;
  private linkUrlId: number | null = null;
  @state() private linkLabel = '';
  /** Bumped when a link was made: the list below reloads. */
  @state() private linksMade = 0;
  /** What publishing would change: shown for confirmation before a version is made. */
  @state() private changes: Changes | null = null;
  /** The definition unfolded (a report made already). */
  @state() private definitionOpen = false;
  /** Bumped when the definition was saved: the per-outcome texts reload. */
  @state() private saves = 0;
  /** The introduction was changed since it was loaded. */
  @state() private introChanged = false;

  private get reportId(): number | null {
    return this.params.id ? Number(this.params.id) : null;
  }

  /** Leaving asks first while the definition or the texts per outcome hold changes not saved yet. */
  private readonly guard = new UnsavedGuard(this, () => this.unsavedParts().length > 0);
  private readonly loader = new PageLoader(
    this,
    async () => {
      this.options = await get<Options>('/api/reports/options');
      if (this.reportId) await this.load();
    },
    { loading: t('loading'), failed: t('loadFailed') },
  );

  private async load(): Promise<void> {
    const { report } = await get<{ report: Report }>(`/api/reports/${this.reportId}`);
    this.report = report;
    refineTitle(this, report.title);
    this.draft = this.saved = draftOf(report);
    this.introChanged = false;
    await this.loadPreview();
  }

  private async loadPreview(): Promise<void> {
    if (!this.reportId) return;
    const preview = await get<{ html: string; data: PreviewData }>(`/api/reports/${this.reportId}/preview?lang=${locale()}&data=summary`);
    this.previewHtml = preview.html;
    this.unlinked = preview.data.summary?.unlinkedIndicators ?? [];
  }

  /** The parts of the editor that hold changes not saved yet, named for the publishing question. */
  private unsavedParts(): string[] {
    const definition = this.introChanged || fingerprint(this.draft) !== fingerprint(this.saved);
    const texts = this.renderRoot.querySelector<ReportOutcomeTexts>('ww-report-outcome-texts')?.unsaved ?? false;
    return [...(definition ? [t('unsavedDefinition')] : []), ...(texts ? [t('unsavedTexts')] : [])];
  }

  private set<K extends keyof Draft>(key: K, value: Draft[K]) {
    this.draft = { ...this.draft, [key]: value };
  }

  private toggle(key: 'projectIds' | 'areaIds' | 'outcomeIds', id: number, on: boolean) {
    const list = this.draft[key].filter((x) => x !== id);
    this.set(key, on ? [...list, id] : list);
  }

  /** Runs an action with the page busy; `back` takes the focus after, if the disabled button dropped it. */
  private async run(action: () => Promise<void>, back?: string) {
    this.busy = true;
    this.error = null;
    this.message = null;
    this.publishedNote = null;
    try {
      await action();
    } catch (err) {
      this.error = err instanceof ApiError ? err : new ApiError(0, 'error', t('failed'));
      // A problem at a field is said there; anything else at the top of the page, where the focus goes.
      if (!this.error.details.length) void focusFailed(this);
    } finally {
      this.busy = false;
    }
    if (back) await refocus(this, back);
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    await this.run(async () => {
      const { intro, ...rest } = this.draft;
      const outcomeIds = rest.outcomeIds.filter((id) => this.options!.outcomes.some((o) => o.id === id && rest.projectIds.includes(o.projectId)));
      const body = {
        ...rest,
        outcomeIds,
        sections: sectionKeys.filter((k) => rest.sections.includes(k)),
        intro: this.renderRoot.querySelector<WwEditor>('ww-editor')?.value ?? intro,
      };
      if (this.reportId) {
        await patch(`/api/reports/${this.reportId}`, body);
        await this.load();
        this.saves++;
        this.message = t('saved');
      } else {
        const { report } = await post<{ report: Report }>('/api/reports', body);
        navigate(`/reports/${report.id}`, true);
      }
    });
    if (!this.error) return;
    // The first field the server named (the title, or a list of choices), not the foot of the form.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('form [aria-invalid="true"], form fieldset[aria-describedby] input')?.focus();
  }

  /** Publishing asks first, saying what changes against the last version and what drops out. */
  private async askPublish() {
    await this.run(async () => {
      this.changes = (await get<{ changes: Changes }>(`/api/reports/${this.reportId}/changes`)).changes;
    });
    // Once the page is no longer busy. A button that stays disabled (nothing changed, or something
    // unsaved) cannot take the focus: then the question does, so its reason is read out.
    await this.updateComplete;
    const confirm = this.renderRoot.querySelector<HTMLButtonElement>('#confirm-publish');
    (confirm && !confirm.disabled ? confirm : this.renderRoot.querySelector<HTMLElement>('#confirm-h'))?.focus();
  }

  private async cancelPublish() {
    this.changes = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('#publish')?.focus();
  }

  /** After publishing, the word that it worked stands where the question was, and takes the focus. */
  private async publish() {
    await this.run(async () => {
      const { version } = await post<{ version: { number: number } }>(`/api/reports/${this.reportId}/versions`);
      this.changes = null;
      await this.load();
      this.publishedNote = t('published', { n: version.number });
    });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#published-note')?.focus();
  }

  private share() {
    if (!this.shareTo) return;
    return this.run(async () => {
      await post(`/api/reports/${this.reportId}/shares`, { userId: Number(this.shareTo) });
      this.shareTo = '';
      await this.load();
    }, '#shared-h');
  }

  private unshare(userId: number) {
    return this.run(async () => {
      await api('DELETE', `/api/reports/${this.reportId}/shares/${userId}`);
      await this.load();
    }, '#shared-h'); // the button is gone: the focus goes to the list's heading
  }

  private makeLink() {
    if (!this.linkExpiry) return;
    return this.run(async () => {
      const label = this.linkLabel.trim();
      const { link } = await post<{ link: { id: number; url: string } }>(`/api/reports/${this.reportId}/links`, {
        expiresAt: new Date(`${this.linkExpiry}T23:59:59`).toISOString(),
        ...(label ? { label } : {}),
      });
      this.linkUrl = link.url;
      this.linkUrlId = link.id;
      this.linkLabel = '';
      this.linksMade++;
    }, '#make-link');
  }

  private linkRevoked(e: CustomEvent<number>) {
    if (this.linkUrlId === e.detail) this.linkUrl = this.linkUrlId = null; // no dead link to copy
  }

  /** The field's error in words (form-field), for aria-describedby. */
  private err(field: string) {
    return fieldError(this.error, field);
  }

  private fieldError(field: string) {
    return errorText(this.error, field);
  }

  private invalid(field: string) {
    return invalid(this.error, field);
  }

  private checkboxes(legend: string, key: 'projectIds' | 'areaIds' | 'outcomeIds', items: { id: number; name: string }[], hint?: string) {
    return html`<fieldset aria-describedby=${this.err(key) ? `${key}-error` : nothing}>
      <legend>${legend}</legend>
      ${hint ? html`<p class="hint">${hint}</p>` : nothing}
      ${items.map((i) => html`<label class="check"><input type="checkbox" .checked=${this.draft[key].includes(i.id)} @change=${(e: Event) => this.toggle(key, i.id, (e.target as HTMLInputElement).checked)} />${i.name}</label>`)}
      ${this.fieldError(key)}
    </fieldset>`;
  }

  /** The chosen projects' areas (and ones already chosen), each named under its parent: "Wijk › Buurt", sorted so children follow. */
  private areaChoices(o: Options) {
    const byId = new Map(o.areas.map((a) => [a.id, a]));
    const path = (a: Options['areas'][number]): string => {
      const parent = a.parentId != null ? byId.get(a.parentId) : undefined;
      return parent && parent.id !== a.id ? `${path(parent)} › ${a.name}` : a.name;
    };
    return o.areas
      .filter((a) => a.projectIds.some((p) => this.draft.projectIds.includes(p)) || this.draft.areaIds.includes(a.id))
      .map((a) => ({ id: a.id, name: path(a) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }

  private renderForm(o: Options) {
    const d = this.draft;
    // With several projects, outcomes of the same name are told apart by their project.
    const projectName = (id: number) => (d.projectIds.length > 1 ? `${o.projects.find((p) => p.id === id)?.name ?? ''} · ` : '');
    const outcomes = o.outcomes
      .filter((x) => d.projectIds.includes(x.projectId))
      .map((x) => ({ id: x.id, name: `${x.title} (${projectName(x.projectId)}${levelName(x.level)}${x.archivedAt ? `, ${t('archived')}` : ''})` }));
    const input = (field: keyof Draft, label: string, type: string) => html`<label
      >${label}<input
        type=${type}
        .value=${String(d[field])}
        required
        aria-invalid=${this.invalid(field)}
        aria-describedby=${this.err(field) ? `${field}-error` : nothing}
        @input=${(e: Event) => this.set(field, (e.target as HTMLInputElement).value as never)}
      />${this.fieldError(field)}</label
    >`;
    const form = html`<form @submit=${this.save} novalidate>
      ${input('title', t('title'), 'text')}
      ${formField(
        { id: 'audience', label: t('audience'), hint: t('audienceHint'), error: this.error },
        (
          f,
        ) => html`<select id=${f.id} .value=${d.audience} aria-describedby=${f.describedBy} aria-invalid=${f.invalid} @change=${(e: Event) => this.set('audience', (e.target as HTMLSelectElement).value as Draft['audience'])}>
          ${audiences.map((a) => html`<option value=${a} ?selected=${d.audience === a}>${t(a)}</option>`)}
        </select>`,
      )}
      <div class="row">${input('periodFrom', t('from'), 'date')} ${input('periodTo', t('to'), 'date')}</div>
      ${this.checkboxes(t('projects'), 'projectIds', o.projects)}
      ${this.checkboxes(t('areas'), 'areaIds', this.areaChoices(o), t('areasHint'))}
      ${outcomes.length ? this.checkboxes(t('outcomes'), 'outcomeIds', outcomes, t('outcomesHint')) : html`<p class="hint">${t(d.projectIds.length ? 'noOutcomes' : 'outcomesAfterProjects')}</p>`}
      ${unlinkedNote(this.unlinked)}
      <fieldset>
        <legend>${t('sections')}</legend>
        ${sectionKeys.map(
          (k) =>
            html`<label class="check"><input type="checkbox" .checked=${d.sections.includes(k)} @change=${(e: Event) => this.set('sections', (e.target as HTMLInputElement).checked ? [...d.sections, k] : d.sections.filter((s) => s !== k))} />${t(k)}</label>`,
        )}
      </fieldset>
      <div>
        <ww-editor .label=${t('intro')} .value=${d.intro} describedby="intro-error" ?invalid=${!!this.err('intro')} @ww-change=${() => (this.introChanged = true)}></ww-editor>
        ${this.fieldError('intro')}
      </div>
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.busy ? t('saving') : t('save')}</button></div>
    </form>`;
    // A new report is all definition; once made, the definition folds away under the texts and versions.
    if (!this.report) return html`<h2>${t('definition')}</h2>${form}`;
    const r = this.report;
    // Folded, it still says when an indicator drops out (named inside, beside the outcomes).
    const note = [
      t('definitionNote', {
        from: formatDate(r.periodFrom),
        to: formatDate(r.periodTo),
        projects: t(r.projectIds.length === 1 ? 'projectsOne' : 'projectsN', { n: r.projectIds.length }),
        outcomes: r.outcomeIds.length ? t(r.outcomeIds.length === 1 ? 'outcomesOne' : 'outcomesN', { n: r.outcomeIds.length }) : t('outcomesAll'),
      }),
      ...(this.unlinked.length ? [t(this.unlinked.length === 1 ? 'unlinkedShortOne' : 'unlinkedShortN', { n: this.unlinked.length })] : []),
    ].join(' · ');
    return fold(
      { id: 'definition', level: 2, title: t('definition'), note, open: this.definitionOpen, toggle: () => (this.definitionOpen = !this.definitionOpen) },
      form,
    );
  }

  private renderPublished(r: Report, o: Options) {
    const unshared = o.funders.filter((f) => !r.shares.some((s) => s.userId === f.id));
    return html`
      <ww-report-awaiting-review .reportId=${r.id} .refresh=${this.saves}></ww-report-awaiting-review>
      <ww-report-outcome-texts
        .reportId=${r.id}
        .refresh=${this.saves}
        @outcome-texts-saved=${() => this.run(() => this.loadPreview())}
        @outcome-texts-changed=${() => this.requestUpdate()}
      ></ww-report-outcome-texts>
      <section aria-labelledby="versions-h">
        <h2 id="versions-h">${t('versions')}</h2>
        <p class="hint">${t('publishHint')}</p>
        ${this.changes ? confirmPublish(this.changes, { busy: this.busy, unsaved: this.unsavedParts(), publish: () => this.publish(), cancel: () => this.cancelPublish() }) : html`<div class="actions"><button id="publish" @click=${this.askPublish} ?disabled=${this.busy}>${t('publish')}</button></div>`}
        ${this.publishedNote ? html`<p class="notice" id="published-note" tabindex="-1" role="status">${this.publishedNote}</p>` : nothing}
        ${
          r.versions.length
            ? html`<ul>
              ${r.versions.map((v) => html`<li><a data-reload href=${`/reports/${r.id}/versions/${v.number}`}>${t('versionN', { n: v.number })}</a> — ${t('by', { date: formatDate(v.publishedAt), name: v.publishedBy ?? '' })}</li>`)}
            </ul>`
            : html`<p>${t('noVersions')}</p>`
        }
      </section>
      <section aria-labelledby="share-h">
        <h2 id="share-h">${t('share')}</h2>
        <p class="hint">${t('shareHint')}</p>
        ${
          unshared.length
            ? html`<div class="row">
              <label
                >${t('funderAccount')}
                <select .value=${this.shareTo} aria-invalid=${this.invalid('userId')} aria-describedby=${this.err('userId') ? 'userId-error' : nothing} @change=${(e: Event) => (this.shareTo = (e.target as HTMLSelectElement).value)}>
                  <option value="">${t('choose')}</option>
                  ${unshared.map((f) => html`<option value=${String(f.id)}>${f.name} (${f.email})</option>`)}
                </select>
                ${this.fieldError('userId')}
              </label>
              <button class="secondary" @click=${this.share} ?disabled=${this.busy || !this.shareTo}>${t('doShare')}</button>
            </div>`
            : noFunderToChoose(o.funders.length, this.user?.role === 'admin')
        }
        <h3 id="shared-h" tabindex="-1">${t('sharedWith')}</h3>
        ${
          r.shares.length
            ? html`<ul>
              ${r.shares.map((s) => html`<li>${s.name} (${s.email}) <button class="secondary small" @click=${() => this.unshare(s.userId)} aria-label=${t('unshareWith', { name: s.name })}>${t('unshare')}</button></li>`)}
            </ul>`
            : html`<p>${t('notShared')}</p>`
        }
      </section>
      <section aria-labelledby="link-h">
        <h2 id="link-h">${t('link')}</h2>
        <p class="hint">${t('linkHint')}</p>
        <div class="row">
          <label
            >${t('expires')}<input type="date" .value=${this.linkExpiry} aria-invalid=${this.invalid('expiresAt')} aria-describedby=${this.err('expiresAt') ? 'expiresAt-error' : nothing} @input=${(e: Event) => (this.linkExpiry = (e.target as HTMLInputElement).value)} />${this.fieldError('expiresAt')}</label
          >
          ${formField(
            { id: 'link-label', name: 'label', label: t('linkLabel'), hint: t('linkLabelHint'), error: this.error },
            (f) =>
              html`<input id=${f.id} type="text" maxlength="200" .value=${this.linkLabel} aria-describedby=${f.describedBy} aria-invalid=${f.invalid} @input=${(e: Event) => (this.linkLabel = (e.target as HTMLInputElement).value)} />`,
          )}
          <button class="secondary" id="make-link" @click=${this.makeLink} ?disabled=${this.busy || !this.linkExpiry}>${t('makeLink')}</button>
        </div>
        ${this.linkUrl ? html`<p class="notice" role="status">${t('linkMade')} <code>${this.linkUrl}</code></p>` : nothing}
        <ww-report-read-links .reportId=${r.id} .refresh=${this.linksMade} ?disabled=${this.busy} @link-revoked=${this.linkRevoked}></ww-report-read-links>
      </section>
      <section aria-labelledby="preview-h">
        <h2 id="preview-h" tabindex="-1">${t('preview')}</h2>
        <p class="hint">${t('previewHint')}</p>
        <div class="actions"><button class="secondary" id="refresh" @click=${() => this.run(() => this.loadPreview(), '#refresh')} ?disabled=${this.busy}>${t('refresh')}</button></div>
        ${this.previewHtml ? html`<ww-report-preview class="preview" .html=${this.previewHtml}></ww-report-preview>` : html`<p>${t('loading')}</p>`}
      </section>
    `;
  }

  /** The editor is long: this jumps past the definition, texts and publishing to the preview (an in-page link cannot reach into the shadow root). */
  private toPreview(e: Event) {
    e.preventDefault();
    const heading = this.renderRoot.querySelector<HTMLElement>('#preview-h');
    heading?.scrollIntoView();
    heading?.focus();
  }

  override render() {
    const title = this.reportId ? t('editTitle') : t('newTitle');
    if (this.loader.failed || !this.options || (this.reportId && !this.report)) return html`<h1 tabindex="-1">${title}</h1>${this.loader.status()}`;
    return html`
      <p><a href="/reports">← ${t('back')}</a></p>
      <h1 tabindex="-1">${this.report?.title ?? title}</h1>
      ${this.report ? html`<p><a href="#preview-h" @click=${this.toPreview}>${t('toPreview')} ↓</a></p>` : nothing}
      ${failedNotice(this.error && (this.error.details.length ? t('invalid') : this.error.message))}
      <div role="status">${this.message ? html`<p class="notice">${this.message}</p>` : nothing}</div>
      ${this.renderForm(this.options)} ${this.report ? this.renderPublished(this.report, this.options) : nothing}
    `;
  }

  static override styles = [
    pageStyles,
    foldStyles,
    css`
      label.check { display: flex; gap: 0.5rem; align-items: center; font-weight: 400; min-height: 44px; padding-block: 0.25rem; }
      .row { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; }
      .row > label, .row > .field { flex: 1 1 12rem; }
      button.small { min-height: 32px; padding: 0 0.6rem; }
      section { margin-top: 2rem; }
      code { word-break: break-all; }
      ww-report-preview { margin-top: 0.75rem; }
      .confirm { border: 2px solid var(--ww-accent); border-radius: var(--ww-radius); padding: 0.75rem 1rem; background: var(--ww-surface); }
      .confirm h3 { margin-top: 0; }
      .warn { border-color: #e0c36a; background: #fff8e1; }
      .drops-out { margin: 0.75rem 0; padding: 0.25rem 1rem; }
      .drops-out summary { cursor: pointer; padding: 0.5rem 0; }
      .drops-out p { margin: 0.25rem 0 0; }
      .drops-out ul { margin: 0.25rem 0 0.5rem; padding-left: 1.25rem; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-report-edit-page': ReportEditPage;
  }
}
