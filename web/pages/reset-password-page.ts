import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, post } from '../api.js';
import { messages } from '../i18n.js';
import { navigate } from '../navigate.js';
import type { Me } from '../session.js';
import { formField } from '../components/form-field.js';
import { pageStyles } from '../components/shared-styles.js';

const t = messages({
  nl: {
    title: 'Nieuw wachtwoord kiezen',
    password: 'Nieuw wachtwoord',
    repeat: 'Nieuw wachtwoord nog een keer',
    hint: 'Minstens 10 tekens.',
    submit: 'Wachtwoord opslaan',
    busy: 'Bezig…',
    badTitle: 'Deze link werkt niet',
    bad: 'De link is al gebruikt, verlopen of onbekend. Er is niets veranderd: je wachtwoord is nog hetzelfde.',
    again: 'Vraag een nieuwe link aan',
    login: 'Naar inloggen',
    mismatch: 'De twee wachtwoorden zijn niet hetzelfde.',
    short: 'Gebruik minstens 10 tekens.',
    limited: 'Te veel pogingen. Wacht een paar minuten en probeer het opnieuw.',
    failed: 'Dat lukte nu niet. Probeer het later opnieuw.',
  },
  en: {
    title: 'Choose a new password',
    password: 'New password',
    repeat: 'New password again',
    hint: 'At least 10 characters.',
    submit: 'Save password',
    busy: 'Working…',
    badTitle: 'This link does not work',
    bad: 'The link has been used, has expired or is unknown. Nothing has changed: your password is still the same.',
    again: 'Ask for a new link',
    login: 'Go to log in',
    mismatch: 'The two passwords are not the same.',
    short: 'Use at least 10 characters.',
    limited: 'Too many attempts. Wait a few minutes and try again.',
    failed: 'That did not work right now. Try again later.',
  },
});

/**
 * Sets a new password with the link from the reset e-mail. The token travels in the address's
 * fragment (`/reset-password#token`), so it never reaches server logs or a Referer header.
 */
@customElement('ww-reset-password-page')
export class ResetPasswordPage extends LitElement {
  @state() private state: 'checking' | 'ready' | 'bad' = 'checking';
  @state() private error: { field: 'password' | 'repeat' | null; message: string } | null = null;
  @state() private busy = false;
  private token = location.hash.slice(1);

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    if (!this.token) return void (this.state = 'bad');
    try {
      await post('/api/auth/password-reset/check', { token: this.token });
      this.state = 'ready';
    } catch {
      this.state = 'bad';
    }
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const password = String(f.get('password') ?? '');
    this.error = null;
    if (password.length < 10) this.error = { field: 'password', message: t('short') };
    else if (password !== String(f.get('repeat') ?? '')) this.error = { field: 'repeat', message: t('mismatch') };
    if (this.error) return this.focusInvalid();
    this.busy = true;
    try {
      const { user } = await post<{ user: Me }>('/api/auth/password-reset/complete', { token: this.token, password });
      history.replaceState(null, '', '/reset-password');
      window.dispatchEvent(new CustomEvent('ww-login', { detail: user }));
      navigate('/');
    } catch (err) {
      if (err instanceof ApiError && err.status === 410) this.state = 'bad';
      else
        this.error = {
          field: err instanceof ApiError && err.field('password') ? 'password' : null,
          message: err instanceof ApiError && err.status === 429 ? t('limited') : (err instanceof ApiError && err.field('password')) || t('failed'),
        };
      await this.focusInvalid();
    } finally {
      this.busy = false;
    }
  }

  private async focusInvalid() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('input[aria-invalid="true"], h1')?.focus();
  }

  private field(name: 'password' | 'repeat', label: string, hint?: string) {
    const msg = this.error?.field === name ? this.error.message : '';
    return formField(
      { id: name, label, hint, message: msg },
      (f) =>
        html`<input id=${f.id} name=${name} type="password" autocomplete="new-password" required aria-invalid=${f.invalid} aria-describedby=${f.describedBy} />`,
    );
  }

  override render() {
    if (this.state === 'checking') return nothing;
    if (this.state === 'bad')
      return html`<h1 tabindex="-1">${t('badTitle')}</h1>
        <p class="notice error">${t('bad')}</p>
        <p class="actions"><a class="button" href="/forgot-password">${t('again')}</a> <a href="/login">${t('login')}</a></p>`;
    return html`
      <h1 tabindex="-1">${t('title')}</h1>
      <form @submit=${this.submit} novalidate>
        <div role="alert">${this.error && !this.error.field ? html`<p class="error">${this.error.message}</p>` : nothing}</div>
        ${this.field('password', t('password'), t('hint'))} ${this.field('repeat', t('repeat'))}
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.busy ? t('busy') : t('submit')}</button></div>
      </form>
    `;
  }

  static override styles = pageStyles;
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-reset-password-page': ResetPasswordPage;
  }
}
