import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, post } from '../api.js';
import { messages } from '../i18n.js';
import { roleName } from '../roles.js';
import type { Me } from '../session.js';
import { formField, generalError } from '../components/form-field.js';
import { pageStyles } from '../components/shared-styles.js';

const t = messages({
  nl: {
    title: 'Mijn account',
    name: 'Naam',
    email: 'E-mailadres',
    role: 'Rol',
    password: 'Wachtwoord wijzigen',
    current: 'Huidig wachtwoord',
    next: 'Nieuw wachtwoord',
    nextHint: 'Minstens 10 tekens. Je wordt op je andere apparaten uitgelogd.',
    repeat: 'Nieuw wachtwoord nog eens',
    mismatch: 'De twee nieuwe wachtwoorden zijn niet gelijk.',
    submit: 'Wachtwoord wijzigen',
    done: 'Je wachtwoord is gewijzigd. Andere sessies zijn beëindigd.',
    wrong: 'Je huidige wachtwoord klopt niet.',
  },
  en: {
    title: 'My account',
    name: 'Name',
    email: 'Email address',
    role: 'Role',
    password: 'Change password',
    current: 'Current password',
    next: 'New password',
    nextHint: 'At least 10 characters. You will be logged out on your other devices.',
    repeat: 'New password again',
    mismatch: 'The two new passwords differ.',
    submit: 'Change password',
    done: 'Your password was changed. Other sessions have ended.',
    wrong: 'Your current password is wrong.',
  },
});

/** The logged-in user's own account: who they are, and changing their password. */
@customElement('ww-account-page')
export class AccountPage extends LitElement {
  @property({ attribute: false }) user: Me | null = null;
  @state() private error: ApiError | null = null;
  @state() private done = false;

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    this.done = false;
    this.error = null;
    if (f.get('newPassword') !== f.get('repeat')) {
      this.error = new ApiError(400, 'invalid_input', t('mismatch'), [{ field: 'repeat', message: t('mismatch') }]);
    } else {
      try {
        await post('/api/me/password', { currentPassword: String(f.get('currentPassword')), newPassword: String(f.get('newPassword')) });
        this.done = true;
        form.reset();
        return;
      } catch (err) {
        this.error = err instanceof ApiError ? err : new ApiError(0, 'error', String(err));
        if (this.error.field('currentPassword'))
          this.error = new ApiError(400, 'invalid_input', t('wrong'), [{ field: 'currentPassword', message: t('wrong') }]);
      }
    }
    await this.updateComplete;
    (this.renderRoot.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
  }

  override render() {
    const u = this.user;
    const e = this.error;
    const field = (name: string, label: string, autocomplete: string, hint?: string) =>
      formField(
        { id: name, label, hint, error: e },
        (f) =>
          html`<input id=${f.id} name=${name} type="password" autocomplete=${autocomplete} required aria-invalid=${f.invalid} aria-describedby=${f.describedBy} />`,
      );
    return html`
      <h1 tabindex="-1">${t('title')}</h1>
      ${u ? html`<dl><dt>${t('name')}</dt><dd>${u.name}</dd><dt>${t('email')}</dt><dd>${u.email}</dd><dt>${t('role')}</dt><dd>${roleName(u.role)}</dd></dl>` : nothing}
      <h2 id="pw-heading">${t('password')}</h2>
      <p role="status" class=${this.done ? 'notice' : ''}>${this.done ? t('done') : ''}</p>
      <form @submit=${this.submit} novalidate aria-labelledby="pw-heading">
        <div role="alert">${e ? generalError(e, { currentPassword: t('current'), newPassword: t('next'), repeat: t('repeat') }) : nothing}</div>
        ${field('currentPassword', t('current'), 'current-password')} ${field('newPassword', t('next'), 'new-password', t('nextHint'))} ${field('repeat', t('repeat'), 'new-password')}
        <div class="actions"><button type="submit">${t('submit')}</button></div>
      </form>
    `;
  }

  static override styles = pageStyles;
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-account-page': AccountPage;
  }
}
