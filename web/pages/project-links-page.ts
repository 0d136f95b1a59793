import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get, patch, post } from '../api.js';
import { pageStyles } from '../components/shared-styles.js';
import { formatDate, messages } from '../i18n.js';
import type { Me } from '../session.js';
import type { PublicLink } from '../stories.js';
import { refineTitle } from '../title.js';

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
  },
});

export type LinkStatus = 'open' | 'closed' | 'expired';
export function linkStatus(l: PublicLink, now = new Date()): LinkStatus {
  if (l.status) return l.status;
  if (l.closedAt) return 'closed';
  if (l.expiresAt && new Date(l.expiresAt.length === 10 ? `${l.expiresAt}T23:59:59` : l.expiresAt) < now) return 'expired';
  return 'open';
}

/** A project's submission links for residents (staff): create, close, reopen, print a poster. */
@customElement('ww-project-links-page')
export class ProjectLinksPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @property({ attribute: false }) user: Me | null = null;
  @state() private project: { id: number; name: string } | null = null;
  @state() private links: PublicLink[] = [];
  @state() private missing = false;
  @state() private message: string | null = null;
  @state() private error: ApiError | null = null;
  /** The link just copied (its button says so for a few seconds), and the message read out. */
  @state() private copiedId: number | null = null;
  @state() private copyNote = '';
  private copyTimer = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get projectParam(): string {
    return encodeURIComponent(this.params.id ?? '');
  }

  private async load(): Promise<void> {
    try {
      const [p, l] = await Promise.all([
        get<{ project: { id: number; name: string } }>(`/api/projects/${this.projectParam}`),
        get<{ links: PublicLink[] }>(`/api/projects/${this.projectParam}/links`),
      ]);
      this.project = p.project;
      refineTitle(this, p.project.name);
      this.links = l.links;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 403 || e.status === 400)) this.missing = true;
      else this.error = e instanceof ApiError ? e : new ApiError(0, 'error', t('failed'));
    }
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

  override render() {
    if (this.missing) return html`<h1 tabindex="-1">${t('title')}</h1><p role="alert">${t('notFound')}</p>`;
    if (!this.project) return html`<h1 tabindex="-1">${t('title')}</h1><p role="status">${this.error?.message ?? t('loading')}</p>`;
    const labelError = this.error?.field('label');
    const dateError = this.error?.field('expiresAt');
    const general = this.error && !labelError && !dateError ? this.error.message || t('failed') : null;
    return html`
      <p><a href="/projects/${this.project.id}">← ${t('back')}</a></p>
      <h1 tabindex="-1">${t('title')}: ${this.project.name}</h1>
      <p>${t('intro')}</p>

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

      <h2 id="links-title">${t('links')}</h2>
      <div role="status" class="copy-status">${this.copyNote ? html`<p class="notice">${this.copyNote}</p>` : nothing}</div>
      ${
        this.links.length
          ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="links-title"><table>
            <thead><tr><th scope="col">${t('label').split(' (')[0]}</th><th scope="col">${t('address')}</th><th scope="col">${t('stories')}</th><th scope="col">${t('status')}</th><th scope="col">${t('created')}</th><th scope="col">${t('actions')}</th></tr></thead>
            <tbody>${this.links.map((l) => this.renderLink(l))}</tbody>
          </table></div>`
          : html`<p>${t('none')}</p>`
      }
    `;
  }

  private renderLink(l: PublicLink) {
    const status = linkStatus(l);
    const name = l.label || t('noName');
    return html`<tr data-link=${l.id}>
      <td>${l.label || html`<span class="muted">${t('noName')}</span>`}</td>
      <td class="url"><a href=${l.url} data-reload>${l.url.replace(/^https?:\/\//, '')}</a></td>
      <td>${l.storyCount ?? 0}</td>
      <td><span class="badge status-${status}">${t(status)}</span>${l.expiresAt && status === 'open' ? html` <span class="muted">${t('until', { date: formatDate(l.expiresAt) })}</span>` : nothing}</td>
      <td>${formatDate(l.createdAt)}</td>
      <td><div class="actions">
        ${
          status === 'open'
            ? html`<button type="button" class="secondary copy" aria-label=${this.copiedId === l.id ? `${t('copied')}: ${t('copyLabel', { name })}` : t('copyLabel', { name })} @click=${() => this.copy(l)}>
              ${this.copiedId === l.id ? html`<span aria-hidden="true">✓</span> ${t('copied')}` : t('copy')}
            </button>`
            : nothing
        }
        ${status === 'open' ? html`<a class="button secondary" href="/projects/${l.projectId}/links/${l.id}/poster" aria-label=${t('posterLabel', { name })}>${t('poster')}</a>` : nothing}
        ${
          l.closedAt
            ? html`<button type="button" class="secondary" aria-label=${t('reopenLabel', { name })} @click=${() => this.setClosed(l, false)}>${t('reopen')}</button>`
            : html`<button type="button" class="secondary" aria-label=${t('closeLabel', { name })} @click=${() => this.setClosed(l, true)}>${t('close')}</button>`
        }
      </div></td>
    </tr>`;
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
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-project-links-page': ProjectLinksPage;
  }
}
