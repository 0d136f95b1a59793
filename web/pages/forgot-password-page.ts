import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, get, post } from '../api.js';
import { messages } from '../i18n.js';
import { PageLoader } from '../components/page-loader.js';
import { pageStyles } from '../components/shared-styles.js';

const t = messages({
  nl: {
    title: 'Wachtwoord vergeten',
    intro: 'Vul je e-mailadres in. We sturen je een link waarmee je een nieuw wachtwoord kiest. De link werkt één keer en 1 uur lang.',
    noMail: 'Weefwerk kan hier geen e-mail sturen. Vraag een beheerder om je wachtwoord opnieuw in te stellen.',
    email: 'E-mailadres',
    submit: 'Stuur de link',
    busy: 'Bezig…',
    sent: 'Als er een account bij {email} hoort, staat er nu een e-mail met een link voor je klaar. Zie je niets? Kijk ook bij ongewenste mail.',
    invalid: 'Vul een geldig e-mailadres in.',
    limited: 'Te veel aanvragen. Wacht een paar minuten en probeer het opnieuw.',
    failed: 'Dat lukte nu niet. Probeer het later opnieuw.',
    login: 'Terug naar inloggen',
  },
  en: {
    title: 'Forgot your password',
    intro: 'Enter your email address. We send you a link to choose a new password. The link works once, for 1 hour.',
    noMail: 'Weefwerk cannot send e-mail here. Ask an admin to reset your password.',
    email: 'Email address',
    submit: 'Send the link',
    busy: 'Working…',
    sent: 'If {email} has an account, an email with a link is on its way. Nothing there? Check your spam folder too.',
    invalid: 'Enter a valid email address.',
    limited: 'Too many requests. Wait a few minutes and try again.',
    failed: 'That did not work right now. Try again later.',
    login: 'Back to log in',
  },
});

/** Asks for a password reset link by e-mail; without e-mail configured it says to ask an admin. */
@customElement('ww-forgot-password-page')
export class ForgotPasswordPage extends LitElement {
  private readonly loader = new PageLoader(this, async () => (await get<{ available: boolean }>('/api/auth/password-reset')).available);
  @state() private sentTo = '';
  @state() private error = '';
  @state() private busy = false;

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const email = String(new FormData(e.target as HTMLFormElement).get('email') ?? '').trim();
    this.busy = true;
    this.error = '';
    try {
      await post('/api/auth/password-reset', { email });
      this.sentTo = email;
    } catch (err) {
      this.error =
        err instanceof ApiError
          ? err.status === 400
            ? t('invalid')
            : err.status === 429
              ? t('limited')
              : err.status === 409
                ? t('noMail')
                : t('failed')
          : t('failed');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (!this.loader.ready) return html`<h1 tabindex="-1">${t('title')}</h1>${this.loader.status()}`;
    return html`
      <h1 tabindex="-1">${t('title')}</h1>
      ${
        !this.loader.value
          ? html`<p class="notice">${t('noMail')}</p>`
          : html`<div role="status">${this.sentTo ? html`<p class="notice">${t('sent', { email: this.sentTo })}</p>` : nothing}</div>
            ${
              this.sentTo
                ? nothing
                : html`<p>${t('intro')}</p>
                  <form @submit=${this.submit} novalidate>
                    <div id="forgot-error" role="alert">${this.error ? html`<p class="error">${this.error}</p>` : nothing}</div>
                    <label>${t('email')}<input name="email" type="email" autocomplete="username" required aria-describedby="forgot-error" aria-invalid=${this.error ? 'true' : 'false'} /></label>
                    <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.busy ? t('busy') : t('submit')}</button></div>
                  </form>`
            }`
      }
      <p><a href="/login">${t('login')}</a></p>
    `;
  }

  static override styles = pageStyles;
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-forgot-password-page': ForgotPasswordPage;
  }
}
