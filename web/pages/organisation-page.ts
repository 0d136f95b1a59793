import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api, get } from '../api.js';
import { messages } from '../i18n.js';
import type { Me } from '../session.js';
import { formField, generalError } from '../components/form-field.js';
import { pageStyles } from '../components/shared-styles.js';
import { PageLoader } from '../components/page-loader.js';
import { LOGO_BYTES } from '../../db/domain/uploads.js';

type Organisation = { name: string | null; logo: { url: string; width: number; height: number; updatedAt: string } | null };

const t = messages({
  nl: {
    title: 'Organisatie',
    loading: 'Gegevens laden…',
    failed: 'De gegevens konden niet geladen worden.',
    name: 'Naam',
    nameHint: 'De naam staat op de voorkant van elke rapportage en onderaan de posters voor bewoners. Een beheerder stelt hem hier in.',
    noName: 'Nog niet ingesteld',
    noNameHint: 'Zonder naam staat er geen organisatie op de voorkant van rapportages, alleen het logo als dat er is. Een beheerder stelt de naam hier in.',
    nameField: 'Naam van de organisatie',
    nameFieldHint:
      'Op de voorkant van rapportages, op posters voor bewoners en in IATI-exports. Laat leeg om de naam te gebruiken die is ingesteld waar de server draait (ORG_NAME), als die er is.',
    saveName: 'Naam opslaan',
    nameSaved: 'De naam is opgeslagen.',
    nameCleared: 'De naam is leeggemaakt.',
    logo: 'Logo',
    logoIntro: 'Het logo staat op de voorkant van rapportages. Een versie die al gepubliceerd is, houdt het logo dat ze had.',
    none: 'Nog geen logo: rapportages tonen alleen de naam.',
    noLogoNoName: 'Nog geen logo.',
    current: 'Huidig logo',
    file: 'Nieuw logo kiezen',
    fileHint: 'PNG, JPEG, WebP, GIF of SVG, tot 5 MB. We bewaren het als PNG van hoogstens 800 × 320 pixels.',
    upload: 'Logo opslaan',
    remove: 'Logo weghalen',
    saved: 'Het logo is opgeslagen.',
    removed: 'Het logo is weggehaald.',
    choose: 'Kies eerst een afbeelding.',
    tooBig: 'Dit bestand is groter dan {mb} MB. Kies een kleiner plaatje.',
    onlyAdmin: 'Alleen een beheerder kan het logo veranderen.',
  },
  en: {
    title: 'Organisation',
    loading: 'Loading…',
    failed: 'The details could not be loaded.',
    name: 'Name',
    nameHint: 'The name is on the cover of every report and at the foot of the posters for residents. An admin sets it on this page.',
    noName: 'Not set yet',
    noNameHint: 'Without a name, report covers name no organisation, only the logo if there is one. An admin sets the name on this page.',
    nameField: 'Name of the organisation',
    nameFieldHint:
      'On report covers, posters for residents and IATI exports. Leave it empty to use the name set where the server runs (ORG_NAME), if there is one.',
    saveName: 'Save name',
    nameSaved: 'The name was saved.',
    nameCleared: 'The name was cleared.',
    logo: 'Logo',
    logoIntro: 'The logo is on the cover of reports. A version already published keeps the logo it had.',
    none: 'No logo yet: reports show the name only.',
    noLogoNoName: 'No logo yet.',
    current: 'Current logo',
    file: 'Choose a new logo',
    fileHint: 'PNG, JPEG, WebP, GIF or SVG, up to 5 MB. We keep it as a PNG of at most 800 × 320 pixels.',
    upload: 'Save logo',
    remove: 'Remove logo',
    saved: 'The logo was saved.',
    removed: 'The logo was removed.',
    choose: 'Choose an image first.',
    tooBig: 'This file is larger than {mb} MB. Choose a smaller image.',
    onlyAdmin: 'Only an admin can change the logo.',
  },
});

/** The organisation as reports show it: its name and its logo, both set here by an admin (the name defaults to ORG_NAME). */
@customElement('ww-organisation-page')
export class OrganisationPage extends LitElement {
  @property({ attribute: false }) user: Me | null = null;
  @state() private org: Organisation | null = null;
  @state() private error: ApiError | null = null;
  @state() private notice = '';
  @state() private busy = false;
  @state() private nameError: ApiError | null = null;
  @state() private nameNotice = '';

  private readonly loader = new PageLoader(
    this,
    async () => {
      this.org = (await get<{ organisation: Organisation }>('/api/organisation')).organisation;
    },
    { loading: t('loading'), failed: t('failed') },
  );

  private async send(method: 'PUT' | 'DELETE', body?: FormData): Promise<void> {
    this.busy = true;
    this.error = null;
    this.notice = '';
    try {
      this.org = (await api<{ organisation: Organisation }>(method, '/api/organisation/logo', body)).organisation;
      this.notice = method === 'PUT' ? t('saved') : t('removed');
      (this.renderRoot.querySelector('form') as HTMLFormElement | null)?.reset();
      // The buttons were disabled while sending, which drops the focus; the notice takes it.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#notice')?.focus();
    } catch (err) {
      this.error = err instanceof ApiError ? err : new ApiError(0, 'error', String(err));
      await this.updateComplete;
      (this.renderRoot.querySelector('#logo') as HTMLElement | null)?.focus();
    } finally {
      this.busy = false;
    }
  }

  private async saveName(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const input = this.renderRoot.querySelector('#org-name') as HTMLInputElement;
    const name = input.value.trim() || null;
    this.busy = true;
    this.nameError = null;
    this.nameNotice = '';
    try {
      this.org = (await api<{ organisation: Organisation }>('PATCH', '/api/organisation', { name })).organisation;
      this.nameNotice = name ? t('nameSaved') : t('nameCleared');
      input.value = this.org.name ?? '';
    } catch (err) {
      this.nameError = err instanceof ApiError ? err : new ApiError(0, 'error', String(err));
      await this.updateComplete;
      input.focus();
    } finally {
      this.busy = false;
    }
  }

  private submit(e: SubmitEvent): void {
    e.preventDefault();
    const input = this.renderRoot.querySelector('#logo') as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) {
      this.error = new ApiError(400, 'invalid_input', t('choose'), [{ field: 'logo', message: t('choose') }]);
      input.focus();
      return;
    }
    if (file.size > LOGO_BYTES) {
      const message = t('tooBig', { mb: LOGO_BYTES / (1 << 20) });
      this.error = new ApiError(413, 'payload_too_large', message, [{ field: 'logo', message }]);
      input.focus();
      return;
    }
    const form = new FormData();
    form.set('logo', file);
    void this.send('PUT', form);
  }

  override render() {
    const o = this.org;
    const admin = this.user?.role === 'admin';
    const e = this.error;
    if (!o) return html`<h1 tabindex="-1">${t('title')}</h1>${this.loader.status()}`;
    return html`
      <h1 tabindex="-1">${t('title')}</h1>
      ${
        admin
          ? this.nameForm(o)
          : html`<dl>
              <dt>${t('name')}</dt>
              <dd>${o.name ?? t('noName')}</dd>
            </dl>
            <p class="hint">${o.name ? t('nameHint') : t('noNameHint')}</p>`
      }
      <h2 id="logo-heading">${t('logo')}</h2>
      <p>${t('logoIntro')}</p>
      ${
        o.logo
          ? html`<figure><img class="logo" src=${o.logo.url} alt=${o.name ? `${t('current')}: ${o.name}` : t('current')} width=${o.logo.width} height=${o.logo.height} /><figcaption>${t('current')}</figcaption></figure>`
          : html`<p>${o.name ? t('none') : t('noLogoNoName')}</p>`
      }
      <p role="status" id="notice" tabindex="-1" class=${this.notice ? 'notice' : ''}>${this.notice}</p>
      ${
        admin
          ? html`<form @submit=${this.submit} novalidate aria-labelledby="logo-heading">
            ${formField(
              { id: 'logo', label: t('file'), hint: t('fileHint'), error: e },
              (
                f,
              ) => html`<input id=${f.id} name="logo" type="file" accept="image/png,image/jpeg,image/webp,image/gif,image/svg+xml" aria-invalid=${f.invalid} aria-describedby=${f.describedBy} />
                ${e && !e.field('logo') ? html`<p role="alert" class="error">${e.message}</p>` : nothing}`,
            )}
            <div class="actions">
              <button type="submit" ?disabled=${this.busy}>${t('upload')}</button>
              ${o.logo ? html`<button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.send('DELETE')}>${t('remove')}</button>` : nothing}
            </div>
          </form>`
          : html`<p>${t('onlyAdmin')}</p>`
      }
    `;
  }

  private nameForm(o: Organisation) {
    const e = this.nameError;
    return html`<form @submit=${this.saveName} novalidate>
      <div role="alert">${e ? generalError(e, { name: t('nameField') }) : nothing}</div>
      ${formField(
        { id: 'org-name', name: 'name', label: t('nameField'), hint: t('nameFieldHint'), error: e },
        (f) =>
          html`<input id=${f.id} name="name" type="text" autocomplete="organization" .value=${o.name ?? ''} aria-invalid=${f.invalid} aria-describedby=${f.describedBy} />`,
      )}
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${t('saveName')}</button></div>
      <p role="status" id="name-notice" class=${this.nameNotice ? 'notice' : ''}>${this.nameNotice}</p>
    </form>`;
  }

  static override styles = [
    pageStyles,
    css`
      figure { margin: 0.5rem 0 1rem; }
      img.logo { display: block; max-width: min(100%, 20rem); height: auto; border: 1px solid var(--ww-line); padding: 0.5rem; background: #fff; }
      input[type='file'] { max-width: 100%; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-organisation-page': OrganisationPage;
  }
}
