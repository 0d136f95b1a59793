import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, post } from '../api.js';
import { messages } from '../i18n.js';
import { navigate } from '../navigate.js';
import type { Me } from '../session.js';
import { pageStyles } from '../components/shared-styles.js';
import { formField } from '../components/form-field.js';

const t = messages({
  nl: {
    title: 'Inloggen',
    email: 'E-mailadres',
    password: 'Wachtwoord',
    submit: 'Inloggen',
    busy: 'Bezig…',
    wrong: 'E-mailadres of wachtwoord klopt niet.',
    needEmail: 'Vul je e-mailadres in.',
    needPassword: 'Vul je wachtwoord in.',
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
    needEmail: 'Fill in your email address.',
    needPassword: 'Fill in your password.',
    limited: 'Too many attempts. Wait a few minutes and try again.',
    failed: 'Logging in does not work right now. Try again later.',
    forgot: 'Forgot your password?',
  },
});

@customElement('ww-login-page')
export class LoginPage extends LitElement {
  @state() private error: string | null = null;
  /** A field left empty, named at the field itself (checked before sending). */
  @state() private empty: Partial<Record<'email' | 'password', string>> = {};
  @state() private busy = false;

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    this.error = null;
    this.empty = { ...(email ? {} : { email: t('needEmail') }), ...(password ? {} : { password: t('needPassword') }) };
    if (this.empty.email || this.empty.password) {
      await this.updateComplete;
      return this.renderRoot.querySelector<HTMLElement>('input[aria-invalid="true"]')?.focus();
    }
    this.busy = true;
    try {
      const { user } = await post<{ user: Me }>('/api/auth/login', { email, password });
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

  /** An input with its own message when left empty; wrong credentials are said once above both. */
  private field(name: 'email' | 'password', type: string, autocomplete: string) {
    return formField(
      { id: name, label: t(name), message: this.empty[name] ?? null },
      (f) =>
        html`<input id=${f.id} name=${name} type=${type} autocomplete=${autocomplete} required aria-describedby="login-error ${f.describedBy}"
          aria-invalid=${this.error || f.invalid === 'true' ? 'true' : 'false'} @input=${() => this.filled(name)} />`,
    );
  }

  /** A field's message goes once something is typed in it. */
  private filled(name: 'email' | 'password'): void {
    if (!this.empty[name]) return;
    const { [name]: _, ...rest } = this.empty;
    this.empty = rest;
  }

  override render() {
    return html`
      <h1 tabindex="-1">${t('title')}</h1>
      <form @submit=${this.submit} novalidate>
        <div id="login-error" role="alert">${this.error ? html`<p class="error">${this.error}</p>` : nothing}</div>
        ${this.field('email', 'email', 'username')} ${this.field('password', 'password', 'current-password')}
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
