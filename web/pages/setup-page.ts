import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, get, post } from '../api.js';
import { messages } from '../i18n.js';
import { PageLoader } from '../components/page-loader.js';
import { navigate } from '../navigate.js';
import type { Me } from '../session.js';
import { formField } from '../components/form-field.js';
import { pageStyles } from '../components/shared-styles.js';

const t = messages({
  nl: {
    title: 'Weefwerk instellen',
    intro: 'Maak het eerste beheerdersaccount. Daarna maak je zelf de andere accounts.',
    done: 'Weefwerk is al ingesteld. Log in met je account.',
    name: 'Je naam',
    email: 'E-mailadres',
    password: 'Wachtwoord',
    passwordHint: 'Minstens 10 tekens.',
    submit: 'Account maken',
    noToken: 'Deze link mist de code. Gebruik de link die bij het starten van de server werd getoond.',
    badToken: 'Deze link is ongeldig of verlopen. Start de server opnieuw voor een nieuwe link.',
    failed: 'Dat lukte niet.',
    login: 'Naar inloggen',
    check: 'Het account is nog niet gemaakt. Verbeter wat hieronder in rood staat.',
  },
  en: {
    title: 'Set up Weefwerk',
    intro: 'Create the first administrator account. You then create the other accounts yourself.',
    done: 'Weefwerk has been set up already. Log in with your account.',
    name: 'Your name',
    email: 'Email address',
    password: 'Password',
    passwordHint: 'At least 10 characters.',
    submit: 'Create account',
    noToken: 'This link lacks its code. Use the link shown when the server started.',
    badToken: 'This link is invalid or expired. Restart the server for a new link.',
    failed: 'That did not work.',
    login: 'Go to log in',
    check: 'The account has not been created yet. Correct what is shown in red below.',
  },
});

@customElement('ww-setup-page')
export class SetupPage extends LitElement {
  private readonly loader = new PageLoader(this, async () => (await get<{ needed: boolean }>('/api/setup')).needed);
  @state() private error: ApiError | null = null;
  private token = new URLSearchParams(location.search).get('token') ?? '';

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    try {
      const { user } = await post<{ user: Me }>('/api/setup', {
        token: this.token,
        name: String(f.get('name')),
        email: String(f.get('email')),
        password: String(f.get('password')),
      });
      window.dispatchEvent(new CustomEvent('ww-login', { detail: user }));
      navigate('/');
    } catch (err) {
      this.error = err instanceof ApiError ? err : new ApiError(0, 'error', t('failed'));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
    }
  }

  private field(name: string, label: string, type: string, autocomplete: string, hint?: string) {
    return formField(
      { id: name, label, hint, error: this.error },
      (f) =>
        html`<input id=${f.id} name=${name} type=${type} autocomplete=${autocomplete} required aria-invalid=${f.invalid} aria-describedby=${f.describedBy} />`,
    );
  }

  override render() {
    if (!this.loader.ready) return html`<h1 tabindex="-1">${t('title')}</h1>${this.loader.status()}`;
    if (!this.loader.value) return html`<h1 tabindex="-1">${t('title')}</h1><p>${t('done')}</p><a href="/login">${t('login')}</a>`;
    const general = !this.error ? null : this.error.details.length ? t('check') : this.error.status === 403 ? t('badToken') : this.error.message;
    return html`
      <h1 tabindex="-1">${t('title')}</h1>
      <p>${t('intro')}</p>
      ${this.token ? nothing : html`<p class="notice error">${t('noToken')}</p>`}
      <form @submit=${this.submit} novalidate>
        <div role="alert">${general ? html`<p class="error">${general}</p>` : nothing}</div>
        ${this.field('name', t('name'), 'text', 'name')} ${this.field('email', t('email'), 'email', 'username')}
        ${this.field('password', t('password'), 'password', 'new-password', t('passwordHint'))}
        <div class="actions"><button type="submit">${t('submit')}</button></div>
      </form>
    `;
  }

  static override styles = pageStyles;
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-setup-page': SetupPage;
  }
}
