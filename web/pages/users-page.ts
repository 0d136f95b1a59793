import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get, patch, post } from '../api.js';
import { formatDate, messages } from '../i18n.js';
import type { AdminUser } from '../models.js';
import type { Role } from '../routes.js';
import { roleName, roles } from '../roles.js';
import type { Me } from '../session.js';
import { errorMessage, formField, generalError } from '../components/form-field.js';
import { pageStyles } from '../components/shared-styles.js';
import { PageLoader } from '../components/page-loader.js';
import { failedNotice, focusFailed } from '../components/failed-notice.js';
import { tableRegion } from '../components/table-region.js';

const t = messages({
  nl: {
    title: 'Gebruikers',
    loading: 'Gebruikers laden…',
    failed: 'De gebruikers konden niet worden geladen.',
    name: 'Naam',
    email: 'E-mailadres',
    role: 'Rol',
    status: 'Status',
    actions: 'Acties',
    active: 'Actief',
    disabled: 'Uitgeschakeld sinds {date}',
    reset: 'Nieuw wachtwoord',
    newPasswordFor: 'Nieuw wachtwoord voor {name}',
    resetSubmit: 'Instellen',
    resetDone: 'Het wachtwoord van {name} is ingesteld; {name} is overal uitgelogd.',
    passwordRule: 'Minstens 10 tekens.',
    roleFor: 'Rol van {name}',
    saveRole: 'Opslaan',
    saveRoleFor: 'Rol van {name} opslaan',
    disable: 'Uitschakelen',
    enable: 'Weer inschakelen',
    disableFor: '{name} uitschakelen',
    enableFor: '{name} weer inschakelen',
    you: '(jij)',
    confirmDisable: '{name} uitschakelen? Alle sessies van deze gebruiker eindigen meteen.',
    roleChanged: 'De rol van {name} is nu {role}. {name} moet opnieuw inloggen.',
    disabledDone: '{name} is uitgeschakeld en overal uitgelogd.',
    enabledDone: '{name} kan weer inloggen.',
    create: 'Gebruiker toevoegen',
    password: 'Eerste wachtwoord',
    passwordHint: 'Minstens 10 tekens. Geef het persoonlijk door; de gebruiker kan het daarna zelf wijzigen.',
    submit: 'Toevoegen',
    created: '{name} is toegevoegd.',
    roleHelp: 'Wat mag elke rol?',
    helpAdmin: 'alles, ook gebruikers beheren.',
    helpCoordinator: 'projecten en gebieden beheren, verhalen duiden, rapporten maken.',
    helpWorker: 'werken in de eigen projecten: verhalen, uren, tellingen.',
    helpFunder: 'alleen de rapporten die met hen gedeeld zijn.',
  },
  en: {
    title: 'Users',
    loading: 'Loading users…',
    failed: 'The users could not be loaded.',
    name: 'Name',
    email: 'Email address',
    role: 'Role',
    status: 'Status',
    actions: 'Actions',
    active: 'Active',
    disabled: 'Disabled since {date}',
    reset: 'New password',
    newPasswordFor: 'New password for {name}',
    resetSubmit: 'Set',
    resetDone: 'The password of {name} was set; {name} is logged out everywhere.',
    passwordRule: 'At least 10 characters.',
    roleFor: 'Role of {name}',
    saveRole: 'Save',
    saveRoleFor: 'Save role of {name}',
    disable: 'Disable',
    enable: 'Enable again',
    disableFor: 'Disable {name}',
    enableFor: 'Enable {name} again',
    you: '(you)',
    confirmDisable: 'Disable {name}? All of their sessions end at once.',
    roleChanged: '{name} is now {role}. {name} has to log in again.',
    disabledDone: '{name} is disabled and logged out everywhere.',
    enabledDone: '{name} can log in again.',
    create: 'Add a user',
    password: 'First password',
    passwordHint: 'At least 10 characters. Hand it over in person; the user can change it afterwards.',
    submit: 'Add',
    created: '{name} was added.',
    roleHelp: 'What may each role do?',
    helpAdmin: 'everything, including managing users.',
    helpCoordinator: 'manage projects and areas, interpret stories, make reports.',
    helpWorker: 'work in their own projects: stories, hours, counts.',
    helpFunder: 'only the reports shared with them.',
  },
});

/** Admins list, create, disable and enable users and change their roles. */
@customElement('ww-users-page')
export class UsersPage extends LitElement {
  @property({ attribute: false }) user: Me | null = null;
  @state() private users: AdminUser[] | null = null;
  @state() private error: ApiError | null = null;
  @state() private rowError: string | null = null;
  @state() private notice = '';
  @state() private busy = false;
  @state() private pending = new Map<number, Role>();
  @state() private resetError: { id: number; message: string } | null = null;

  private readonly loader = new PageLoader(
    this,
    async () => {
      this.users = (await get<{ users: AdminUser[] }>('/api/users')).users;
    },
    { loading: t('loading'), failed: t('failed') },
  );

  private replace(u: AdminUser): void {
    this.users = (this.users ?? []).map((x) => (x.id === u.id ? u : x));
  }

  private async create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    this.busy = true;
    this.error = null;
    this.notice = '';
    try {
      const { user } = await post<{ user: AdminUser }>('/api/users', {
        name: String(f.get('name')),
        email: String(f.get('email')),
        role: String(f.get('role')),
        password: String(f.get('password')),
      });
      this.users = [...(this.users ?? []), user].sort((a, b) => a.name.localeCompare(b.name));
      this.notice = t('created', { name: user.name });
      form.reset();
      // The button was disabled while adding, which drops the focus; the notice at the top takes it, in view.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#notice')?.focus();
    } catch (err) {
      this.error = err instanceof ApiError ? err : new ApiError(0, 'error', t('failed'));
      await this.updateComplete;
      (this.renderRoot.querySelector('form [aria-invalid="true"]') as HTMLElement | null)?.focus();
    } finally {
      this.busy = false;
    }
  }

  /** Choosing a role only marks it; saving is a separate, deliberate step (arrow keys in a select fire change). */
  private pick(u: AdminUser, role: Role): void {
    const next = new Map(this.pending);
    if (role === u.role) next.delete(u.id);
    else next.set(u.id, role);
    this.pending = next;
  }

  private async changeRole(u: AdminUser, role: Role): Promise<void> {
    this.rowError = null;
    this.notice = '';
    try {
      const { user } = await patch<{ user: AdminUser }>(`/api/users/${u.id}`, { role });
      this.replace(user);
      this.pick(user, user.role);
      this.notice = t('roleChanged', { name: user.name, role: roleName(role) });
    } catch (err) {
      this.rowError = err instanceof ApiError ? err.message : t('failed');
      void focusFailed(this);
      this.replace({ ...u }); // puts the select back
    }
  }

  private async setDisabled(u: AdminUser, disabled: boolean): Promise<void> {
    if (disabled && !confirm(t('confirmDisable', { name: u.name }))) return;
    this.rowError = null;
    this.notice = '';
    try {
      const { user } = await patch<{ user: AdminUser }>(`/api/users/${u.id}`, { disabled });
      this.replace(user);
      this.notice = t(disabled ? 'disabledDone' : 'enabledDone', { name: user.name });
    } catch (err) {
      this.rowError = err instanceof ApiError ? err.message : t('failed');
      void focusFailed(this);
    }
  }

  private async resetPassword(e: SubmitEvent, u: AdminUser): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const password = String(new FormData(form).get('password') ?? '');
    this.resetError = null;
    this.notice = '';
    try {
      await patch(`/api/users/${u.id}`, { password });
      form.reset();
      (form.closest('details') as HTMLDetailsElement).open = false;
      this.notice = t('resetDone', { name: u.name });
    } catch (err) {
      this.resetError = {
        id: u.id,
        message: err instanceof ApiError && err.field('password') ? t('passwordRule') : err instanceof Error ? err.message : t('failed'),
      };
    }
  }

  private renderRow(u: AdminUser) {
    const self = u.id === this.user?.id;
    return html`<tr class=${u.disabledAt ? 'off' : ''}>
      <th scope="row">${u.name} ${self ? html`<span class="muted">${t('you')}</span>` : nothing}</th>
      <td class="email">${u.email}</td>
      <td>
        <div class="role">
          <select aria-label=${t('roleFor', { name: u.name })} ?disabled=${self} @change=${(e: Event) => this.pick(u, (e.target as HTMLSelectElement).value as Role)}>
            ${roles.map((r) => html`<option value=${r} ?selected=${r === (this.pending.get(u.id) ?? u.role)}>${roleName(r)}</option>`)}
          </select>
          ${
            this.pending.has(u.id)
              ? html`<button class="secondary" aria-label=${t('saveRoleFor', { name: u.name })} @click=${() => this.changeRole(u, this.pending.get(u.id)!)}>${t('saveRole')}</button>`
              : nothing
          }
        </div>
      </td>
      <td>${u.disabledAt ? t('disabled', { date: formatDate(u.disabledAt) }) : t('active')}</td>
      <td>
        ${
          self
            ? nothing
            : u.disabledAt
              ? html`<button class="secondary" aria-label=${t('enableFor', { name: u.name })} @click=${() => this.setDisabled(u, false)}>${t('enable')}</button>`
              : html`<button class="danger" aria-label=${t('disableFor', { name: u.name })} @click=${() => this.setDisabled(u, true)}>${t('disable')}</button>`
        }
        ${
          self
            ? nothing
            : html`<details class="reset">
              <summary>${t('reset')}<span class="visually-hidden"> (${u.name})</span></summary>
              <form class="reset-form" novalidate @submit=${(e: SubmitEvent) => this.resetPassword(e, u)}>
                <label for="reset-${u.id}">${t('newPasswordFor', { name: u.name })}</label>
                <input id="reset-${u.id}" name="password" type="password" autocomplete="new-password" aria-invalid=${this.resetError?.id === u.id ? 'true' : 'false'} aria-describedby="reset-${u.id}-error" />
                ${errorMessage(`reset-${u.id}`, this.resetError?.id === u.id ? this.resetError.message : null)}
                <button type="submit" class="secondary">${t('resetSubmit')}</button>
              </form>
            </details>`
        }
      </td>
    </tr>`;
  }

  override render() {
    const e = this.error;
    const field = (name: string, label: string, type: string, autocomplete: string, hint?: string) =>
      formField(
        { id: `new-${name}`, name, label, hint, error: e },
        (f) =>
          html`<input id=${f.id} name=${name} type=${type} autocomplete=${autocomplete} required aria-invalid=${f.invalid} aria-describedby=${f.describedBy} />`,
      );
    return html`
      <h1 tabindex="-1">${t('title')}</h1>
      <p role="status" id="notice" tabindex="-1" class=${this.notice ? 'notice' : ''}>${this.notice}</p>
      ${failedNotice(this.rowError)}
      ${this.loader.status()}
      ${
        this.users
          ? tableRegion(
              t('title'),
              html`<table>
              <thead><tr><th scope="col">${t('name')}</th><th scope="col">${t('email')}</th><th scope="col">${t('role')}</th><th scope="col">${t('status')}</th><th scope="col">${t('actions')}</th></tr></thead>
              <tbody>${this.users.map((u) => this.renderRow(u))}</tbody>
            </table>`,
            )
          : nothing
      }
      <details class="help">
        <summary>${t('roleHelp')}</summary>
        <ul>
          <li><strong>${roleName('admin')}</strong>: ${t('helpAdmin')}</li>
          <li><strong>${roleName('coordinator')}</strong>: ${t('helpCoordinator')}</li>
          <li><strong>${roleName('worker')}</strong>: ${t('helpWorker')}</li>
          <li><strong>${roleName('funder')}</strong>: ${t('helpFunder')}</li>
        </ul>
      </details>
      <h2 id="create-heading">${t('create')}</h2>
      <form @submit=${this.create} novalidate aria-labelledby="create-heading">
        <div role="alert">${e ? generalError(e, { name: t('name'), email: t('email'), role: t('role'), password: t('password') }) : nothing}</div>
        ${field('name', t('name'), 'text', 'off')} ${field('email', t('email'), 'email', 'off')}
        ${formField(
          { id: 'new-role', name: 'role', label: t('role'), error: e },
          (f) => html`<select id=${f.id} name="role" aria-invalid=${f.invalid} aria-describedby=${f.describedBy}>
            ${roles.map((r) => html`<option value=${r} ?selected=${r === 'worker'}>${roleName(r)}</option>`)}
          </select>`,
        )}
        ${field('password', t('password'), 'password', 'new-password', t('passwordHint'))}
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${t('submit')}</button></div>
      </form>
    `;
  }

  static override styles = [
    pageStyles,
    css`
      td select { min-width: 10rem; width: auto; }
      .role { display: flex; flex-wrap: wrap; gap: 0.5rem; }
      .reset { margin-top: 0.5rem; }
      .reset summary { cursor: pointer; min-height: 44px; display: flex; align-items: center; color: var(--ww-accent); }
      .reset-form { display: grid; gap: 0.25rem; max-width: 18rem; }
      .reset-form label { font-weight: 600; }
      .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
      td.email { word-break: break-all; }
      tr.off th, tr.off td.email { color: var(--ww-muted); }
      .help { margin: 1rem 0; }
      .help summary { cursor: pointer; font-weight: 600; min-height: 44px; display: flex; align-items: center; color: var(--ww-accent); }
      @media (max-width: 640px) {
        table, thead, tbody, tr, th, td { display: block; }
        thead { position: absolute; left: -9999px; }
        tr { border: 1px solid var(--ww-line); border-radius: var(--ww-radius); padding: 0.5rem; margin-bottom: 0.75rem; background: var(--ww-surface); }
        th, td { border: 0; padding: 0.25rem 0; }
        td select { flex: 1; }
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-users-page': UsersPage;
  }
}
