import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get, patch, post } from '../api.js';
import { formField } from '../components/form-field.js';
import { pageStyles } from '../components/shared-styles.js';
import { messages } from '../i18n.js';
import type { Me } from '../session.js';
import type { Code } from '../sensemaking-types.js';
import { isStaff } from '../models.js';
import { PageLoader } from '../components/page-loader.js';
import { failedNotice, focusFailed } from '../components/failed-notice.js';

const t = messages({
  nl: {
    title: 'Codeboek',
    intro: 'Codes voor fragmenten van verhalen. Hernoem een code, of voeg twee codes samen: alle fragmenten gaan dan mee.',
    none: 'Nog geen codes. Voeg hieronder de eerste toe; daarna kun je er fragmenten van verhalen mee coderen (knop "Fragmenten coderen" op een verhaal).',
    uses: '{n}× gebruikt',
    add: 'Code toevoegen',
    name: 'Naam',
    description: 'Beschrijving',
    save: 'Toevoegen',
    edit: 'Bewerken',
    update: 'Opslaan',
    cancel: 'Annuleren',
    merge: 'Samenvoegen met…',
    mergeInto: '“{name}” opgaan in',
    mergeDo: 'Samenvoegen',
    merged: '{n} fragmenten verplaatst.',
    saved: 'Opgeslagen.',
    failed: 'Dat lukte niet: {msg}',
  },
  en: {
    title: 'Codebook',
    intro: 'Codes for passages of stories. Rename a code, or merge two codes: all their passages move along.',
    none: 'No codes yet. Add the first one below; then you can code passages of stories with it (button "Code passages" on a story).',
    uses: 'used {n}×',
    add: 'Add a code',
    name: 'Name',
    description: 'Description',
    save: 'Add',
    edit: 'Edit',
    update: 'Save',
    cancel: 'Cancel',
    merge: 'Merge into…',
    mergeInto: 'Merge “{name}” into',
    mergeDo: 'Merge',
    merged: '{n} passages moved.',
    saved: 'Saved.',
    failed: 'That did not work: {msg}',
  },
});

/** The organisation's codebook: add, rename, merge. */
@customElement('ww-codes-page')
export class CodesPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @property({ attribute: false }) user: Me | null = null;
  @state() private codes: Code[] = [];
  @state() private editing: number | null = null;
  @state() private merging: number | null = null;
  @state() private error: ApiError | string | null = null;
  @state() private message = '';

  private get staff() {
    return isStaff(this.user?.role);
  }

  private readonly loader = new PageLoader(
    this,
    async () => {
      this.codes = (await get<{ codes: Code[] }>('/api/codes')).codes;
    },
    { failed: (e) => t('failed', { msg: e instanceof ApiError ? e.message : String(e) }) },
  );

  private async run(fn: () => Promise<string>, form?: HTMLFormElement) {
    this.error = null;
    this.message = '';
    try {
      this.message = await fn();
      form?.reset();
      this.editing = null;
      this.merging = null;
      await this.loader.run();
    } catch (e) {
      this.error = e instanceof ApiError ? e : String(e);
      void focusFailed(this);
    }
  }

  override render() {
    const errMsg = this.error instanceof ApiError ? this.error.message : this.error;
    const apiError = this.error instanceof ApiError ? this.error : null;
    return html`
      <h1 tabindex="-1">${t('title')}</h1>
      <p>${t('intro')}</p>
      <div role="status" class="status">${this.message}</div>
      ${failedNotice(errMsg && t('failed', { msg: errMsg }))}
      ${this.loader.status()} ${this.loader.ready && !this.codes.length ? html`<p>${t('none')}</p>` : nothing}
      <ul class="codes">
        ${this.codes.map((c) =>
          this.editing === c.id
            ? html`<li class="card">
                <form
                  @submit=${(e: SubmitEvent) => {
                    e.preventDefault();
                    const f = new FormData(e.target as HTMLFormElement);
                    void this.run(async () => (await patch(`/api/codes/${c.id}`, { name: f.get('name'), description: f.get('description') }), t('saved')));
                  }}
                >
                  <label>${t('name')}<input name="name" required .value=${c.name} /></label>
                  <label>${t('description')}<textarea name="description" .value=${c.description}></textarea></label>
                  <div class="actions"><button type="submit">${t('update')}</button><button type="button" class="secondary" @click=${() => (this.editing = null)}>${t('cancel')}</button></div>
                </form>
              </li>`
            : html`<li class="card">
                <h2>${c.name} <span class="badge">${t('uses', { n: c.uses })}</span></h2>
                ${c.description ? html`<p>${c.description}</p>` : nothing}
                ${
                  this.staff
                    ? html`<div class="actions">
                      <button type="button" class="secondary" @click=${() => (this.editing = c.id)}>${t('edit')}</button>
                      ${this.codes.length > 1 ? html`<button type="button" class="secondary" @click=${() => (this.merging = c.id)}>${t('merge')}</button>` : nothing}
                    </div>`
                    : nothing
                }
                ${
                  this.merging === c.id
                    ? html`<form
                      @submit=${(e: SubmitEvent) => {
                        e.preventDefault();
                        const intoId = Number(new FormData(e.target as HTMLFormElement).get('intoId'));
                        void this.run(async () => t('merged', { n: (await post<{ moved: number }>(`/api/codes/${c.id}/merge`, { intoId })).moved }));
                      }}
                    >
                      <label
                        >${t('mergeInto', { name: c.name })}<select name="intoId">
                          ${this.codes.filter((x) => x.id !== c.id).map((x) => html`<option value=${x.id}>${x.name}</option>`)}
                        </select></label
                      >
                      <div class="actions"><button type="submit">${t('mergeDo')}</button><button type="button" class="secondary" @click=${() => (this.merging = null)}>${t('cancel')}</button></div>
                    </form>`
                    : nothing
                }
              </li>`,
        )}
      </ul>
      ${
        this.staff
          ? html`<h2>${t('add')}</h2>
            <form
              @submit=${(e: SubmitEvent) => {
                e.preventDefault();
                const form = e.target as HTMLFormElement;
                const f = new FormData(form);
                void this.run(async () => (await post('/api/codes', { name: f.get('name'), description: f.get('description') }), t('saved')), form);
              }}
            >
              ${formField(
                { id: 'name', label: t('name'), error: apiError },
                (x) => html`<input id=${x.id} name="name" required maxlength="120" aria-invalid=${x.invalid} aria-describedby=${x.describedBy} />`,
              )}
              <label>${t('description')}<textarea name="description"></textarea></label>
              <div class="actions"><button type="submit">${t('save')}</button></div>
            </form>`
          : nothing
      }
    `;
  }

  static override styles = [
    pageStyles,
    css`
      * { box-sizing: border-box; }
      .codes { list-style: none; padding: 0; display: grid; gap: 0.75rem; max-width: 48rem; }
      .codes h2 { margin: 0 0 0.25rem; font-size: 1.1rem; }
      .status:empty { display: none; }
      .status { font-weight: 600; color: var(--ww-ok); }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-codes-page': CodesPage;
  }
}
