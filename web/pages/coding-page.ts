import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiError, api, get, post } from '../api.js';
import { pageStyles } from '../components/shared-styles.js';
import { locale, messages } from '../i18n.js';
import type { Me } from '../session.js';
import type { Code, Excerpt, Outcome, Variable } from '../sensemaking-types.js';
import { isStaff } from '../models.js';
import { refineTitle } from '../title.js';
import { PageLoader } from '../components/page-loader.js';
import { failedNotice, focusFailed } from '../components/failed-notice.js';

const t = messages({
  nl: {
    title: 'Fragmenten coderen: {title}',
    back: 'Terug naar het verhaal',
    tagging: 'Naar taggen',
    codebook: 'Codeboek',
    textLabel: 'Tekst van het verhaal',
    textHint: 'Selecteer een fragment: met de muis, op een telefoon met je vinger (lang indrukken, dan de grepen slepen), of met Shift en de pijltjestoetsen.',
    selection: 'Selectie: {n} tekens',
    noSelection: 'Nog geen fragment geselecteerd.',
    kind: 'Coderen met',
    code: 'Code',
    outcome: 'Uitkomst',
    variable: 'Klimaatvariabele',
    position: 'Positie (0 = {weak}, 100 = {strong})',
    notApplicable: 'niet van toepassing',
    note: 'Notitie',
    save: 'Fragment coderen',
    excerpts: 'Gecodeerde fragmenten ({n})',
    none: 'Nog geen fragmenten.',
    ok: 'op zijn plek',
    moved: 'verschoven na bewerking',
    stale: 'past niet meer: de tekst is veranderd',
    remove: 'Verwijderen',
    saved: 'Fragment gecodeerd.',
    removed: 'Fragment verwijderd.',
    failed: 'Dat lukte niet: {msg}',
    pickSelection: 'Selecteer eerst een fragment in de tekst.',
    noCodes: 'Het codeboek is leeg; voeg codes toe in het codeboek.',
  },
  en: {
    title: 'Code passages: {title}',
    back: 'Back to the story',
    tagging: 'To tagging',
    codebook: 'Codebook',
    textLabel: 'Text of the story',
    textHint: 'Select a passage: with the mouse, on a phone with your finger (press and hold, then drag the handles), or with Shift and the arrow keys.',
    selection: 'Selection: {n} characters',
    noSelection: 'No passage selected yet.',
    kind: 'Code with',
    code: 'Code',
    outcome: 'Outcome',
    variable: 'Climate variable',
    position: 'Position (0 = {weak}, 100 = {strong})',
    notApplicable: 'does not apply',
    note: 'Note',
    save: 'Code passage',
    excerpts: 'Coded passages ({n})',
    none: 'No passages yet.',
    ok: 'in place',
    moved: 'moved after an edit',
    stale: 'no longer fits: the text changed',
    remove: 'Delete',
    saved: 'Passage coded.',
    removed: 'Passage deleted.',
    failed: 'That did not work: {msg}',
    pickSelection: 'First select a passage in the text.',
    noCodes: 'The codebook is empty; add codes in the codebook.',
  },
});

type Kind = 'code' | 'outcome' | 'variable';

/** Coding passages of one story: select text, code it with a code, an outcome or a climate variable. */
@customElement('ww-coding-page')
export class CodingPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @property({ attribute: false }) user: Me | null = null;
  @state() private story: { id: number; projectId: number; title: string } | null = null;
  @state() private text = '';
  @state() private excerpts: Excerpt[] = [];
  @state() private codes: Code[] = [];
  @state() private outcomes: Outcome[] = [];
  @state() private variables: Variable[] = [];
  @state() private range: [number, number] | null = null;
  @state() private kind: Kind = 'code';
  @state() private variableId: number | null = null;
  @state() private na = false;
  @state() private error: ApiError | string | null = null;
  @state() private message = '';
  @query('#story-text') private textarea!: HTMLTextAreaElement;

  private get staff() {
    return isStaff(this.user?.role);
  }

  private readonly loader = new PageLoader(
    this,
    async () => {
      const data = await get<{ story: { id: number; projectId: number; title: string }; bodyText: string; excerpts: Excerpt[] }>(
        `/api/stories/${this.params.storyId}/excerpts`,
      );
      this.story = data.story;
      refineTitle(this, data.story.title);
      this.text = data.bodyText;
      this.excerpts = data.excerpts;
      const [codes, outcomes, variables] = await Promise.all([
        get<{ codes: Code[] }>('/api/codes'),
        get<{ outcomes: Outcome[] }>(`/api/projects/${data.story.projectId}/outcomes`),
        get<{ variables: Variable[] }>('/api/climate-variables'),
      ]);
      this.codes = codes.codes;
      this.outcomes = outcomes.outcomes.filter((o) => !o.archivedAt);
      this.variables = variables.variables;
      this.variableId ??= this.variables[0]?.id ?? null;
    },
    { failed: (e) => t('failed', { msg: e instanceof ApiError ? e.message : String(e) }) },
  );

  private readSelection() {
    const ta = this.textarea;
    if (!ta) return;
    this.range = ta.selectionEnd > ta.selectionStart ? [ta.selectionStart, ta.selectionEnd] : null;
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    this.error = null;
    this.message = '';
    if (!this.range) return this.fail(t('pickSelection'));
    // Keep the form now: once the event is dispatched, its target (inside this shadow root) reads null.
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const body: Record<string, unknown> = { start: this.range[0], end: this.range[1], note: String(f.get('note') ?? '') };
    if (this.kind === 'code') body.codeId = Number(f.get('codeId'));
    if (this.kind === 'outcome') body.outcomeId = Number(f.get('outcomeId'));
    if (this.kind === 'variable') {
      body.variableId = Number(f.get('variableId'));
      body.position = this.na ? null : Number(f.get('position'));
    }
    try {
      await post(`/api/stories/${this.params.storyId}/excerpts`, body);
      this.message = t('saved');
      form.reset();
      this.range = null;
      await this.loader.run();
    } catch (err) {
      this.fail(err);
    }
  }

  /** Said at the top of the page, and the focus goes there: on a phone the form is far below. */
  private fail(err: unknown) {
    this.error = err instanceof ApiError ? err : String(err);
    void focusFailed(this);
  }

  private async removeExcerpt(x: Excerpt) {
    try {
      await api('DELETE', `/api/excerpts/${x.id}`);
      this.message = t('removed');
      await this.loader.run();
    } catch (err) {
      this.fail(err);
    }
  }

  private target(x: Excerpt) {
    if (x.codeName) return `${t('code')}: ${x.codeName}`;
    if (x.outcomeTitle) return `${t('outcome')}: ${x.outcomeTitle}`;
    const name = locale() === 'nl' ? x.variableNameNl : x.variableNameEn;
    return `${t('variable')}: ${name}${x.position === null ? ` (${t('notApplicable')})` : ` (${x.position})`}`;
  }

  override render() {
    const errMsg = this.error instanceof ApiError ? this.error.message : this.error;
    const lang = locale();
    const v = this.variables.find((x) => x.id === this.variableId);
    return html`
      <p class="links"><a href="/stories/${this.params.storyId}">${t('back')}</a> <a href="/tagging">${t('tagging')}</a> <a href="/codes">${t('codebook')}</a></p>
      <h1 tabindex="-1">${t('title', { title: this.story?.title ?? '' })}</h1>
      <div role="status" class="status">${this.message}</div>
      ${failedNotice(errMsg && t('failed', { msg: errMsg }))}
      ${this.loader.status()}
      <div class="field">
      <label for="story-text">${t('textLabel')}</label>
      <span class="hint" id="text-hint">${t('textHint')}</span>
      <!-- not readonly: Chromium offers no keyboard selection in read-only text areas, so edits are refused instead -->
        <textarea
          id="story-text"
          aria-readonly="true"
          rows="12"
          .value=${this.text}
          @beforeinput=${(e: InputEvent) => e.preventDefault()}
          @select=${this.readSelection}
          @keyup=${this.readSelection}
          @mouseup=${this.readSelection}
          aria-describedby="text-hint sel"
        ></textarea>
      </div>
      <p id="sel" class="muted">${this.range ? t('selection', { n: this.range[1] - this.range[0] }) : t('noSelection')}</p>
      ${this.range ? html`<blockquote>${this.text.slice(this.range[0], this.range[1])}</blockquote>` : nothing}
      ${
        this.staff
          ? html`<form @submit=${this.save}>
            <fieldset>
              <legend>${t('kind')}</legend>
              ${(['code', 'outcome', 'variable'] as const).map(
                (k) =>
                  html`<label class="check"><input type="radio" name="kind" value=${k} .checked=${this.kind === k} @change=${() => (this.kind = k)} />${t(k)}</label>`,
              )}
            </fieldset>
            ${
              this.kind === 'code'
                ? this.codes.length
                  ? html`<label>${t('code')}<select name="codeId">${this.codes.map((c) => html`<option value=${c.id}>${c.name}</option>`)}</select></label>`
                  : html`<p>${t('noCodes')} <a href="/codes">${t('codebook')}</a></p>`
                : nothing
            }
            ${this.kind === 'outcome' ? html`<label>${t('outcome')}<select name="outcomeId">${this.outcomes.map((o) => html`<option value=${o.id}>${o.title}</option>`)}</select></label>` : nothing}
            ${
              this.kind === 'variable'
                ? html`<label
                    >${t('variable')}<select name="variableId" @change=${(e: Event) => (this.variableId = Number((e.target as HTMLSelectElement).value))}>
                      ${this.variables.map((x) => html`<option value=${x.id} ?selected=${x.id === this.variableId}>${lang === 'nl' ? x.nameNl : x.nameEn}</option>`)}
                    </select></label
                  >
                  ${
                    v
                      ? html`<label>${t('position', { weak: lang === 'nl' ? v.weakNl : v.weakEn, strong: lang === 'nl' ? v.strongNl : v.strongEn })}<input type="range" name="position" min="0" max="100" step="5" ?disabled=${this.na} /></label>`
                      : nothing
                  }
                  <label class="check"><input type="checkbox" .checked=${this.na} @change=${(e: Event) => (this.na = (e.target as HTMLInputElement).checked)} />${t('notApplicable')}</label>`
                : nothing
            }
            <label>${t('note')}<input name="note" maxlength="2000" /></label>
            <div class="actions"><button type="submit">${t('save')}</button></div>
          </form>`
          : nothing
      }
      <h2>${t('excerpts', { n: this.excerpts.length })}</h2>
      ${
        this.excerpts.length
          ? html`<ul class="excerpts">
            ${this.excerpts.map(
              (x) => html`<li class="card ${x.status}">
                <blockquote>${x.quote}</blockquote>
                <p>${this.target(x)} · <span class="badge">${t(x.status)}</span></p>
                ${x.note ? html`<p class="muted">${x.note}</p>` : nothing}
                ${this.staff ? html`<button type="button" class="secondary" @click=${() => this.removeExcerpt(x)}>${t('remove')}</button>` : nothing}
              </li>`,
            )}
          </ul>`
          : html`<p class="muted">${t('none')}</p>`
      }
    `;
  }

  static override styles = [
    pageStyles,
    css`
      * { box-sizing: border-box; }
      .links { display: flex; gap: 1rem; flex-wrap: wrap; }
      textarea#story-text { max-width: 70ch; min-height: 14rem; font-weight: 400; line-height: 1.6; }
      blockquote { border-left: 4px solid var(--ww-accent); margin: 0.5rem 0; padding: 0.25rem 0.75rem; background: #f4f6f2; }
      label.check { display: flex; gap: 0.5rem; align-items: center; font-weight: 400; }
      .excerpts { list-style: none; padding: 0; display: grid; gap: 0.75rem; }
      li.stale { border-color: var(--ww-danger); }
      li.stale .badge { background: #fbeaea; color: var(--ww-danger); }
      .status:empty { display: none; }
      .status { font-weight: 600; color: var(--ww-ok); }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-coding-page': CodingPage;
  }
}
