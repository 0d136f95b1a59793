// One resident link's settings form: the question residents see and which climate questions they get (none to four).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, patch } from '../../api.js';
import { errorText, fieldError, invalid } from '../../components/form-field.js';
import { LocaleController } from '../../components/locale-controller.js';
import { pageStyles } from '../../components/shared-styles.js';
import { locale } from '../../i18n.js';
import type { PublicLink } from '../../stories.js';
import { askedIds, MAX_CLIMATE, residentQuestion, variableName, type Variable } from './climate-questions.js';
import { t } from './messages.js';

/**
 * Edits `link` against the project's climate questions `variables`; its question field has focus when it opens.
 * @fires link-saved - the link as saved (detail: PublicLink)
 * @fires settings-close - Annuleren or Escape: close without saving
 */
@customElement('ww-link-settings')
export class WwLinkSettings extends LitElement {
  @property({ attribute: false }) link!: PublicLink;
  @property({ attribute: false }) variables: Variable[] = [];
  /** What is chosen, in the project's order; starts as what the link asks now. */
  @state() private chosen: number[] | null = null;
  @state() private error: ApiError | null = null;

  constructor() {
    super();
    new LocaleController(this);
  }

  protected override willUpdate(): void {
    this.chosen ??= askedIds(this.link, this.variables);
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>(`#question-${this.link.id}`)?.focus();
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent('settings-close', { bubbles: true, composed: true }));
  }

  private choose(id: number, on: boolean): void {
    // In the project's order, as the resident form asks them.
    const next = new Set(this.chosen);
    if (on) next.add(id);
    else next.delete(id);
    this.chosen = this.variables.map((v) => v.id).filter((v) => next.has(v));
    if (this.error?.details.some((d) => d.field?.startsWith('climateVariableIds')) && this.chosen.length <= MAX_CLIMATE) this.error = null;
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const link = this.link;
    const chosen = this.chosen ?? [];
    const question = String(new FormData(e.target as HTMLFormElement).get('question') ?? '').trim();
    this.error = null;
    if (chosen.length > MAX_CLIMATE) {
      this.error = new ApiError(400, 'invalid_input', t('checkFields'), [{ field: 'climateVariableIds', message: t('tooMany') }]);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#climate-${link.id} input`)?.focus();
      return;
    }
    // A link that follows the project's first two keeps doing so while that choice is left as it is.
    const asDefault = link.climateVariableIds === null && chosen.join() === askedIds(link, this.variables).join();
    try {
      const res = await patch<{ link: PublicLink }>(`/api/links/${link.id}`, {
        question: question || null,
        ...(asDefault ? {} : { climateVariableIds: chosen }),
      });
      this.dispatchEvent(new CustomEvent<PublicLink>('link-saved', { detail: res.link, bubbles: true, composed: true }));
    } catch (err) {
      this.error = err instanceof ApiError ? err : new ApiError(0, 'error', t('failed'));
      await this.updateComplete;
      const field = this.error.details[0]?.field ?? '';
      this.renderRoot.querySelector<HTMLElement>(field.startsWith('question') ? `#question-${link.id}` : `#climate-${link.id} input`)?.focus();
    }
  }

  override render() {
    const l = this.link;
    const chosen = this.chosen ?? [];
    const err = this.error;
    const qId = `question-${l.id}`;
    const cId = `climate-${l.id}`;
    const climateError = fieldError(err, 'climateVariableIds');
    const shown = ['question', 'climateVariableIds'];
    const general = err && !err.details.some((d) => shown.some((s) => d.field === s || d.field?.startsWith(`${s}.`))) ? err.message || t('failed') : null;
    return html`<form class="settings" aria-label=${t('settingsLabel', { name: l.label || t('noName') })} novalidate @submit=${this.save} @keydown=${(
      e: KeyboardEvent,
    ) => {
      if (e.key === 'Escape') this.close();
    }}>
      <div class="field">
        <label for=${qId}>${t('question')}</label>
        <span class="hint" id="${qId}-hint">${t('questionHint', { standard: t('standardQuestion') })}</span>
        <textarea id=${qId} name="question" maxlength="300" rows="3" aria-describedby="${qId}-hint ${qId}-error" aria-invalid=${invalid(err, 'question')}>${l.question ?? ''}</textarea>
        ${errorText(err, 'question', qId)}
      </div>
      ${
        this.variables.length
          ? html`<fieldset id=${cId} aria-describedby="${cId}-hint ${cId}-count ${cId}-error" aria-invalid=${climateError ? 'true' : 'false'}>
            <legend>${t('climate')}</legend>
            <p class="hint" id="${cId}-hint">${t('climateHint')}</p>
            ${this.variables.map((v) => {
              const id = `${cId}-${v.id}`;
              const q = residentQuestion(v.key);
              return html`<div class="check">
                <input type="checkbox" id=${id} name="climate" value=${v.id} .checked=${chosen.includes(v.id)} aria-describedby=${q ? `${id}-hint` : nothing} @change=${(e: Event) => this.choose(v.id, (e.target as HTMLInputElement).checked)} />
                <span
                  ><label for=${id}>${variableName(v)} <span class="muted">(${locale() === 'nl' ? v.weakNl : v.weakEn} ↔ ${locale() === 'nl' ? v.strongNl : v.strongEn})</span></label
                  >${q ? html`<span class="hint" id="${id}-hint">${t('residentsRead', { q })}</span>` : nothing}</span
                >
              </div>`;
            })}
            <p class="hint" id="${cId}-count">${t('climateCount', { n: String(chosen.length) })}</p>
            ${errorText(err, 'climateVariableIds', cId)}
          </fieldset>`
          : html`<p>${t('noVariables')} <a href="/projects/${l.projectId}/outcomes">${t('outcomesLink')}</a>.</p>`
      }
      <div role="alert">${general ? html`<p class="notice error">${general}</p>` : nothing}</div>
      <div class="actions">
        <button type="submit">${t('save')}</button>
        <button type="button" class="secondary" @click=${this.close}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  static override styles = [
    pageStyles,
    css`
      form.settings { margin-top: 1rem; padding-top: 1rem; border-top: 1px solid var(--ww-line); }
      form.settings fieldset { display: grid; gap: 0.5rem; }
      form.settings fieldset p { margin: 0; }
      form.settings .check { display: flex; gap: 0.5rem; align-items: flex-start; }
      form.settings .check input { margin-top: 0.3rem; }
      form.settings .check label { display: inline; font-weight: 400; }
      form.settings .check .hint { display: block; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-link-settings': WwLinkSettings;
  }
}
