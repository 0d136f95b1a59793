import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get, patch, post } from '../api.js';
import { pageStyles } from '../components/shared-styles.js';
import { formatDate } from '../i18n.js';
import type { Me } from '../session.js';
import { isStaff } from '../models.js';
import type { PublicLink } from '../stories.js';
import { refineTitle } from '../title.js';
import { PageLoader } from '../components/page-loader.js';
import { failedNotice, focusFailed } from '../components/failed-notice.js';
import { errorMessage } from '../components/form-field.js';
import { askedIds, variableName, type Variable } from './project-links/climate-questions.js';
import { t } from './project-links/messages.js';
import './project-links/ww-link-settings.js';

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
  /** The link whose question and climate questions are being edited, and what its saving said. */
  @state() private editingId: number | null = null;
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
      void focusFailed(this); // said in the form above the list
    }
  }

  /** Opens (or closes) a link's settings form; the form focuses its first field, and focus goes back to the button on close. */
  private async toggleSettings(link: PublicLink): Promise<void> {
    const open = this.editingId !== link.id;
    this.editingId = open ? link.id : null;
    this.settingsNote = '';
    if (open) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#settings-button-${link.id}`)?.focus();
  }

  private async settingsSaved(link: PublicLink): Promise<void> {
    this.links = this.links.map((l) => (l.id === link.id ? link : l));
    this.editingId = null;
    this.settingsNote = t('saved', { name: link.label || t('noName') });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#settings-button-${link.id}`)?.focus();
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
          ${errorMessage('label', labelError)}
        </div>
        <div class="field">
          <label for="link-expires">${t('expires')}</label>
          <input id="link-expires" name="expiresAt" type="date" aria-describedby="expiresAt-error" aria-invalid=${dateError ? 'true' : 'false'} />
          ${errorMessage('expiresAt', dateError)}
        </div>
        ${failedNotice(general)}
        <div role="status">${this.message ? html`<p class="notice">${this.message}</p>` : nothing}</div>
        <div class="actions"><button type="submit">${t('make')}</button></div>
      </form>
    `;
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
        <dd class="climate">${asked.length ? asked.map((v) => variableName(v)).join(', ') : html`<span class="muted">${t('climateNone')}</span>`}</dd>
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
      <div id="settings-${l.id}">
        ${
          editing
            ? html`<ww-link-settings
                .link=${l}
                .variables=${this.variables}
                @link-saved=${(e: CustomEvent<PublicLink>) => this.settingsSaved(e.detail)}
                @settings-close=${() => this.toggleSettings(l)}
              ></ww-link-settings>`
            : nothing
        }
      </div>
    </li>`;
  }

  static override styles = [
    pageStyles,
    css`
      .url { overflow-wrap: anywhere; font-family: ui-monospace, monospace; font-size: 0.9rem; }
      .status-open { background: #dcefe3; color: #14482a; }
      .status-closed, .status-expired { background: #fbeaea; color: #7a1c14; }
      ul.links { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; max-width: 48rem; }
      .link-head { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
      .link-head h3 { margin: 0; font-size: 1.1rem; overflow-wrap: anywhere; }
      .link dl { margin: 0.75rem 0; }
      .link dd { overflow-wrap: anywhere; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-project-links-page': ProjectLinksPage;
  }
}
