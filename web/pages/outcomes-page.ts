import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api, get, patch, post, put } from '../api.js';
import { pageStyles } from '../components/shared-styles.js';
import { locale } from '../i18n.js';
import { t } from './outcomes/messages.js';
import type { Me } from '../session.js';
import { levelTitle, type Level, type LibraryOutcome, type Outcome, type Variable } from '../sensemaking-types.js';
import { isStaff } from '../models.js';
import { refineTitle } from '../title.js';
import { PageLoader } from '../components/page-loader.js';
import { failedNotice, focusFailed } from '../components/failed-notice.js';
import { formField } from '../components/form-field.js';

const parentLevel: Record<Level, Level | null> = { output: 'outcome', outcome: 'impact', impact: null };

/** A project's results chain editor, with library reuse and the choice of climate variables. */
@customElement('ww-outcomes-page')
export class OutcomesPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @property({ attribute: false }) user: Me | null = null;
  @state() private project: { id: number; name: string } | null = null;
  @state() private outcomes: Outcome[] = [];
  @state() private library: LibraryOutcome[] = [];
  @state() private indicators: { id: number; outcomeId: number | null; name: string }[] = [];
  @state() private variables: Variable[] = [];
  @state() private chosen = new Set<number>();
  @state() private level: Level = 'outcome';
  @state() private editing: number | null = null;
  /** The outcome whose delete button asks "sure?", and why one could not be deleted (shown at that outcome). */
  @state() private removing: number | null = null;
  @state() private removeError: { id: number; message: string } | null = null;
  /** The forms' own check, shown at the field (not as the browser's pop-up): the add form ('add') or the outcome being edited lacks a title. */
  @state() private needTitle: 'add' | number | null = null;
  @state() private error: ApiError | string | null = null;
  @state() private message = '';

  private get staff() {
    return isStaff(this.user?.role);
  }
  private get pid() {
    return this.params.id;
  }

  private readonly loader = new PageLoader(
    this,
    async () => {
      const [project, outcomes, library, variables, chosen, indicators] = await Promise.all([
        get<{ project: { id: number; name: string } }>(`/api/projects/${this.pid}`),
        get<{ outcomes: Outcome[] }>(`/api/projects/${this.pid}/outcomes`),
        get<{ library: LibraryOutcome[] }>('/api/outcome-library'),
        get<{ variables: Variable[] }>('/api/climate-variables'),
        get<{ variableIds: number[] }>(`/api/projects/${this.pid}/climate-variables`),
        get<{ indicators: OutcomesPage['indicators'] }>(`/api/indicators?projectId=${this.pid}`),
      ]);
      this.indicators = indicators.indicators;
      this.project = project.project;
      refineTitle(this, project.project.name);
      this.outcomes = outcomes.outcomes;
      this.library = library.library;
      this.variables = variables.variables;
      this.chosen = new Set(chosen.variableIds);
    },
    { failed: (e) => t('failed', { msg: e instanceof ApiError ? e.message : String(e) }) },
  );

  /** A failed action is said at the top of the page; the focus goes there, so a phone shows it too. */
  private fail(e: unknown) {
    this.message = '';
    this.error = e instanceof ApiError ? e : String(e);
    void focusFailed(this);
  }

  private async run(fn: () => Promise<unknown>, ok = t('saved')) {
    this.error = null;
    this.message = '';
    this.removing = null;
    this.removeError = null;
    try {
      await fn();
      await this.loader.run();
      if (this.loader.failed) return false;
      this.message = ok; // announced once the page shows the change
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  private async add(e: SubmitEvent) {
    e.preventDefault();
    const formEl = e.target as HTMLFormElement;
    const f = new FormData(formEl);
    const parentId = f.get('parentId') ? Number(f.get('parentId')) : null;
    this.needTitle = String(f.get('title') ?? '').trim() ? null : 'add';
    if (this.needTitle) return this.focusOn('#add-title');
    if (
      await this.run(() =>
        post(`/api/projects/${this.pid}/outcomes`, { level: f.get('level'), title: f.get('title'), description: f.get('description'), parentId }),
      )
    )
      formEl.reset();
  }

  private async saveEdit(e: SubmitEvent, o: Outcome) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const parentId = f.get('parentId') ? Number(f.get('parentId')) : null;
    this.needTitle = String(f.get('title') ?? '').trim() ? null : o.id;
    if (this.needTitle) return this.focusOn(`#edit-title-${o.id}`);
    if (await this.run(() => patch(`/api/outcomes/${o.id}`, { title: f.get('title'), description: f.get('description'), parentId }))) this.editing = null;
  }

  /** Moves an outcome up or down among its level; the focus stays on the button pressed, which moves with it. */
  private async move(o: Outcome, move: 'up' | 'down', e: Event) {
    const label = (e.currentTarget as HTMLElement).getAttribute('aria-label');
    if (!(await this.run(() => patch(`/api/outcomes/${o.id}`, { move })))) return;
    await this.updateComplete;
    [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button[aria-label]')].find((b) => b.getAttribute('aria-label') === label)?.focus();
  }

  /** Focus on the element matching `selector` once the page shows the change. */
  private async focusOn(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Asks first, at the outcome itself; the question's delete button takes the focus. */
  private askRemove(o: Outcome) {
    this.removing = o.id;
    this.removeError = null;
    void this.focusOn(`#remove-${o.id} button.danger`);
  }

  private cancelRemove(o: Outcome) {
    this.removing = null;
    void this.focusOn(`button[aria-label="${CSS.escape(`${t('remove')}: ${o.title}`)}"]`);
  }

  /** Deleted: the focus goes to the page heading, above the status line that says so. Refused: the reason shows at the outcome, and takes the focus. */
  private async removeOutcome(o: Outcome) {
    this.error = null;
    this.message = '';
    try {
      await api('DELETE', `/api/outcomes/${o.id}`);
      this.removing = null;
      await this.loader.run();
      this.message = t('removed');
      void this.focusOn('h1');
    } catch (e) {
      this.removing = null;
      this.removeError = {
        id: o.id,
        message: e instanceof ApiError && e.status === 409 ? e.message : t('failed', { msg: e instanceof ApiError ? e.message : String(e) }),
      };
      void this.focusOn(`#remove-error-${o.id}`);
    }
  }

  private renderActions(o: Outcome) {
    if (this.removing === o.id)
      return html`<div class="actions ask" id="remove-${o.id}" role="group" aria-labelledby="remove-ask-${o.id}">
        <p id="remove-ask-${o.id}">${t('removeAsk', { title: o.title })}</p>
        <button type="button" class="danger" @click=${() => this.removeOutcome(o)}>${t('remove')}</button>
        <button type="button" class="secondary" @click=${() => this.cancelRemove(o)}>${t('cancel')}</button>
      </div>`;
    return html`${
      this.removeError?.id === o.id
        ? html`<p class="notice error" id="remove-error-${o.id}" role="alert" tabindex="-1">${this.removeError.message}</p>`
        : nothing
    }
      <div class="actions">
        <button type="button" class="secondary" @click=${() => ((this.editing = o.id), (this.needTitle = null))}>${t('edit')}</button>
        <button type="button" class="secondary" aria-label="${t('up')}: ${o.title}" @click=${(e: Event) => this.move(o, 'up', e)}>↑</button>
        <button type="button" class="secondary" aria-label="${t('down')}: ${o.title}" @click=${(e: Event) => this.move(o, 'down', e)}>↓</button>
        <button type="button" class="secondary" @click=${() => this.run(() => post('/api/outcome-library', { level: o.level, title: o.title, description: o.description }))}>${t('toLibrary')}</button>
        <button type="button" class="secondary" aria-label="${t('archive')}: ${o.title}" @click=${() => this.run(() => patch(`/api/outcomes/${o.id}`, { archived: true }), t('archivedDone'))}>${t('archive')}</button>
        <button type="button" class="danger" aria-label="${t('remove')}: ${o.title}" @click=${() => this.askRemove(o)}>${t('remove')}</button>
      </div>`;
  }

  private parentOptions(level: Level, selected: number | null) {
    const pl = parentLevel[level];
    return html`<option value="">${t('noParent')}</option>
      ${pl ? this.outcomes.filter((x) => x.level === pl && (!x.archivedAt || x.id === selected)).map((x) => html`<option value=${x.id} ?selected=${selected === x.id}>${x.title}</option>`) : nothing}`;
  }

  private renderOutcome(o: Outcome) {
    const parent = this.outcomes.find((x) => x.id === o.parentId);
    if (this.editing === o.id)
      return html`<li class="card">
        <form @submit=${(e: SubmitEvent) => this.saveEdit(e, o)} novalidate>
          ${formField(
            { id: `edit-title-${o.id}`, label: t('titleField'), message: this.needTitle === o.id ? t('needTitle') : null },
            (x) => html`<input id=${x.id} name="title" required .value=${o.title} aria-invalid=${x.invalid} aria-describedby=${x.describedBy} />`,
          )}
          <label>${t('description')}<textarea name="description" .value=${o.description}></textarea></label>
          ${o.level !== 'impact' ? html`<label>${t('parent')}<select name="parentId">${this.parentOptions(o.level, o.parentId)}</select></label>` : nothing}
          <div class="actions"><button type="submit">${t('update')}</button><button type="button" class="secondary" @click=${() => ((this.editing = null), (this.needTitle = null))}>${t('cancel')}</button></div>
        </form>
      </li>`;
    return html`<li class="card">
      <h3>${o.title} <span class="badge">${levelTitle(o.level)} · ${t('iati', { n: o.iatiType })}</span></h3>
      ${o.description ? html`<p>${o.description}</p>` : nothing}
      ${parent ? html`<p class="muted">${t('parent')}: ${parent.title}</p>` : nothing}
      ${this.renderIndicators(o)}
      ${this.staff ? this.renderActions(o) : nothing}
    </li>`;
  }

  /** The outcome's indicators (what a report shows as its figures), each linking to its form. */
  private renderIndicators(o: Outcome) {
    const list = this.indicators.filter((i) => i.outcomeId === o.id);
    return html`<div class="indicators">
      <h4>${t('indicators')}</h4>
      ${
        list.length
          ? html`<ul>
            ${list.map((i) => html`<li>${this.staff ? html`<a href="/indicators/${i.id}/edit">${i.name}</a>` : i.name}</li>`)}
          </ul>`
          : html`<p class="muted">${t('noIndicators')}</p>`
      }
      ${
        this.staff && !o.archivedAt
          ? html`<a class="add" href="/projects/${this.pid}/indicators/new?outcome=${o.id}" aria-label=${t('addIndicatorFor', { title: o.title })}>${t('addIndicator')}</a>`
          : nothing
      }
    </div>`;
  }

  private renderUnlinked() {
    const list = this.indicators.filter((i) => i.outcomeId === null);
    if (!list.length) return nothing;
    return html`<h2>${t('unlinked')}</h2>
      <p>${t('unlinkedIntro')}</p>
      <ul>
        ${list.map((i) => html`<li>${this.staff ? html`<a href="/indicators/${i.id}/edit">${i.name}</a>` : i.name}</li>`)}
      </ul>`;
  }

  private renderArchived(list: Outcome[]) {
    if (!list.length) return nothing;
    return html`<h2>${t('archivedTitle')}</h2>
      <p>${t('archivedIntro')}</p>
      <ul class="chain">
        ${list.map(
          (o) => html`<li class="card archived">
            <h3>${o.title} <span class="badge">${levelTitle(o.level)} · ${t('iati', { n: o.iatiType })}</span></h3>
            ${o.description ? html`<p>${o.description}</p>` : nothing}
            ${
              this.staff
                ? html`<div class="actions">
                  <button type="button" class="secondary" aria-label="${t('restore')}: ${o.title}" @click=${() => this.run(() => patch(`/api/outcomes/${o.id}`, { archived: false }), t('restoredDone'))}>${t('restore')}</button>
                </div>`
                : nothing
            }
          </li>`,
        )}
      </ul>`;
  }

  override render() {
    const lang = locale();
    const errMsg = this.error instanceof ApiError ? this.error.message : this.error;
    const fe = this.error instanceof ApiError ? this.error : null;
    const active = this.outcomes.filter((o) => !o.archivedAt);
    return html`
      <p><a href="/projects/${this.pid}">${t('back')}</a></p>
      <h1 tabindex="-1">${t('title')}${this.project ? `: ${this.project.name}` : ''}</h1>
      <p>${t('intro')}</p>
      <div role="status" class="status">${this.message}</div>
      ${failedNotice(errMsg && t('failed', { msg: errMsg }))}
      ${this.loader.status()} ${this.loader.ready && !active.length ? html`<p>${t('none')}</p>` : nothing}
      ${(['impact', 'outcome', 'output'] as const).map((level) => {
        const list = active.filter((o) => o.level === level);
        return list.length ? html`<h2>${levelTitle(level)}</h2><ul class="chain">${list.map((o) => this.renderOutcome(o))}</ul>` : nothing;
      })}
      ${this.renderUnlinked()}
      ${this.renderArchived(this.outcomes.filter((o) => o.archivedAt))}
      ${
        this.staff
          ? html`<h2>${t('add')}</h2>
            <form @submit=${this.add} novalidate>
              <label
                >${t('level')}<select name="level" @change=${(e: Event) => (this.level = (e.target as HTMLSelectElement).value as Level)}>
                  ${(['output', 'outcome', 'impact'] as const).map((l) => html`<option value=${l} ?selected=${this.level === l}>${levelTitle(l)}</option>`)}
                </select></label
              >
              ${formField(
                { id: 'add-title', name: 'title', label: t('titleField'), error: fe, ...(this.needTitle === 'add' ? { message: t('needTitle') } : {}) },
                (x) => html`<input id=${x.id} name="title" required maxlength="300" aria-invalid=${x.invalid} aria-describedby=${x.describedBy} />`,
              )}
              <label>${t('description')}<textarea name="description"></textarea></label>
              ${
                this.level !== 'impact'
                  ? formField(
                      { id: 'parentId', label: t('parent'), error: fe },
                      (x) =>
                        html`<select id=${x.id} name="parentId" aria-invalid=${x.invalid} aria-describedby=${x.describedBy}>${this.parentOptions(this.level, null)}</select>`,
                    )
                  : nothing
              }
              <div class="actions"><button type="submit">${t('save')}</button></div>
            </form>
            <h2>${t('fromLibrary')}</h2>
            <p>${t('libraryIntro')}</p>
            ${
              this.library.length
                ? html`<ul class="library">
                  ${this.library.map(
                    (l) => html`<li>
                      <span><strong>${l.title}</strong> <span class="badge">${levelTitle(l.level)}</span> ${l.description ? html`<span class="muted">${l.description}</span>` : nothing}</span>
                      <button type="button" class="secondary" aria-label="${t('reuse')}: ${l.title}" @click=${() => this.run(() => post(`/api/projects/${this.pid}/outcomes`, { libraryId: l.id }))}>
                        ${t('reuse')}
                      </button>
                    </li>`,
                  )}
                </ul>`
                : html`<p class="muted">${t('emptyLibrary')}</p>`
            }
            <h2>${t('variables')}</h2>
            <p>${t('variablesIntro')}</p>
            <form
              @submit=${(e: SubmitEvent) => {
                e.preventDefault();
                void this.run(() => put(`/api/projects/${this.pid}/climate-variables`, { variableIds: [...this.chosen] }));
              }}
            >
              ${[...new Set(this.variables.map((v) => v.groupKey))].map(
                (g) => html`<fieldset>
                  <legend>${lang === 'nl' ? this.variables.find((v) => v.groupKey === g)!.groupNl : this.variables.find((v) => v.groupKey === g)!.groupEn}</legend>
                  ${this.variables
                    .filter((v) => v.groupKey === g)
                    .map(
                      (v) => html`<label class="check"
                        ><input
                          type="checkbox"
                          .checked=${this.chosen.has(v.id)}
                          @change=${(e: Event) => {
                            const next = new Set(this.chosen);
                            if ((e.target as HTMLInputElement).checked) next.add(v.id);
                            else next.delete(v.id);
                            this.chosen = next;
                          }}
                        />${lang === 'nl' ? v.nameNl : v.nameEn}
                        <span class="muted">(${lang === 'nl' ? v.weakNl : v.weakEn} ↔ ${lang === 'nl' ? v.strongNl : v.strongEn})</span></label
                      >`,
                    )}
                </fieldset>`,
              )}
              <div class="actions"><button type="submit">${t('saveVariables')}</button></div>
            </form>`
          : nothing
      }
    `;
  }

  static override styles = [
    pageStyles,
    css`
      * { box-sizing: border-box; }
      .chain, .library { list-style: none; padding: 0; display: grid; gap: 0.75rem; }
      .library li { display: flex; justify-content: space-between; gap: 1rem; align-items: center; flex-wrap: wrap; border-bottom: 1px solid var(--ww-line); padding: 0.5rem 0; }
      h3 { font-size: 1rem; margin: 0 0 0.25rem; }
      label.check { display: block; font-weight: 400; padding: 0.15rem 0; }
      label.check input { margin-right: 0.5rem; }
      .status:empty { display: none; }
      .status { font-weight: 600; color: var(--ww-ok); }
      .archived h3 { color: var(--ww-muted); }
      .indicators { margin: 0.5rem 0; }
      .indicators h4 { margin: 0; font-size: 0.95rem; }
      .indicators ul { margin: 0.25rem 0; padding-left: 1.25rem; }
      .indicators .add { display: inline-block; padding: 0.25rem 0; }
      .ask p { flex-basis: 100%; margin: 0; font-weight: 600; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-outcomes-page': OutcomesPage;
  }
}
