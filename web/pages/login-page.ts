import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, post } from '../api.js';
import { messages } from '../i18n.js';
import { navigate } from '../navigate.js';
import type { Me } from '../session.js';
import { pageStyles } from '../components/shared-styles.js';

const t = messages({
  nl: {
    title: 'Inloggen',
    email: 'E-mailadres',
    password: 'Wachtwoord',
    submit: 'Inloggen',
    busy: 'Bezig…',
    wrong: 'E-mailadres of wachtwoord klopt niet.',
    limited: 'Te veel pogingen. Wacht een paar minuten en probeer het opnieuw.',
    failed: 'Inloggen lukt nu niet. Probeer het later opnieuw.',
    forgot: 'Wachtwoord vergeten?',
  },
  en: {
    title: 'Log in',
    email: 'Email address',
    password: 'Password',
    submit: 'Log in',
    busy: 'Working…',
    wrong: 'Wrong email address or password.',
    limited: 'Too many attempts. Wait a few minutes and try again.',
    failed: 'Logging in does not work right now. Try again later.',
    forgot: 'Forgot your password?',
  },
});

@customElement('ww-login-page')
export class LoginPage extends LitElement {
  @state() private error: string | null = null;
  @state() private busy = false;

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this.busy = true;
    this.error = null;
    try {
      const { user } = await post<{ user: Me }>('/api/auth/login', { email: String(form.get('email')), password: String(form.get('password')) });
      window.dispatchEvent(new CustomEvent('ww-login', { detail: user }));
      const next = new URLSearchParams(location.search).get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
    } catch (err) {
      this.error =
        err instanceof ApiError ? (err.status === 429 ? t('limited') : err.status === 401 || err.status === 400 ? t('wrong') : t('failed')) : t('failed');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <h1 tabindex="-1">${t('title')}</h1>
      <form @submit=${this.submit} novalidate>
        <div id="login-error" role="alert">${this.error ? html`<p class="error">${this.error}</p>` : nothing}</div>
        <label>${t('email')}<input name="email" type="email" autocomplete="username" required aria-describedby="login-error" aria-invalid=${this.error ? 'true' : 'false'} /></label>
        <label>${t('password')}<input name="password" type="password" autocomplete="current-password" required aria-describedby="login-error" aria-invalid=${this.error ? 'true' : 'false'} /></label>
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.busy ? t('busy') : t('submit')}</button></div>
      </form>
      <p><a href="/forgot-password">${t('forgot')}</a></p>
    `;
  }

  static override styles = pageStyles;
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-login-page': LoginPage;
  }
}
