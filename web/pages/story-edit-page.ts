import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get, patch, post } from '../api.js';
import { pageStyles } from '../components/shared-styles.js';
import type { WwEditor } from '../components/ww-editor.js';
import '../components/ww-editor.js';
import { navigate } from '../navigate.js';
import { FormGuard } from '../unsaved.js';
import type { Me } from '../session.js';
import { keepReceipt, label, languageName, languages, phases, type Area, type ConsentLevel, type ProjectSummary, type Story } from '../stories.js';
import { refineTitle } from '../title.js';
import { fieldLabels, fieldOf, t, type Field } from './story-edit/messages.js';
import { consentFields, fieldError, invalidField, tellerFields, type FieldErrors } from './story-edit/teller-consent.js';
import { PageLoader } from '../components/page-loader.js';
import { problemLine } from '../components/form-field.js';

/** Record a story (heard, or the worker's own practice story) at /stories/new; edit one at /stories/:id/edit. */
@customElement('ww-story-edit-page')
export class StoryEditPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @property({ attribute: false }) user: Me | null = null;
  @state() private projects: ProjectSummary[] = [];
  @state() private areas: Area[] = [];
  @state() private story: Story | null = null;
  @state() private source: 'heard' | 'practice' = 'heard';
  @state() private projectId = '';
  @state() private under16 = false;
  @state() private errors: FieldErrors = {};
  @state() private general: string | null = null;
  @state() private busy = false;

  private get editing(): boolean {
    return !!this.params.id;
  }

  /** Leaving asks first once anything in the form was changed and not saved. */
  private readonly guard = new FormGuard(this);
  private readonly loader = new PageLoader(
    this,
    async () => {
      const [p, a, s] = await Promise.all([
        get<{ projects: ProjectSummary[] }>('/api/projects'),
        get<{ areas: Area[] }>('/api/areas'),
        this.editing ? get<{ story: Story }>(`/api/stories/${encodeURIComponent(this.params.id!)}`) : Promise.resolve(null),
      ]);
      this.projects = p.projects;
      this.areas = a.areas;
      if (s) {
        this.story = s.story;
        refineTitle(this, s.story.title);
        this.projectId = String(s.story.projectId);
      } else {
        const fromQuery = new URLSearchParams(location.search).get('projectId');
        this.projectId = fromQuery ?? (this.projects.length === 1 ? String(this.projects[0]!.id) : '');
      }
    },
    { loading: t('loading'), failed: t('failed') },
  );

  /** A story that is not there, or not for this user. */
  private get missing(): boolean {
    const e = this.loader.error;
    return e instanceof ApiError && (e.status === 404 || e.status === 403);
  }

  private get editor(): WwEditor | null {
    return this.renderRoot.querySelector('ww-editor');
  }

  /** The project's areas and the areas within them (the server refuses any other); an edited story keeps its own. */
  private areasFor(projectId: string): Area[] {
    const project = this.projects.find((p) => String(p.id) === projectId);
    const within = new Set(project?.areaIds ?? []);
    for (let grew = true; grew;) {
      grew = false;
      for (const a of this.areas) if (a.parentId !== null && within.has(a.parentId) && !within.has(a.id)) (within.add(a.id), (grew = true));
    }
    const current = this.story?.areaId;
    return this.areas.filter((a) => within.has(a.id) || (a.id === current && String(this.story?.projectId) === projectId));
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const f = new FormData(e.target as HTMLFormElement);
    const str = (k: string) => String(f.get(k) ?? '').trim();
    const errors: FieldErrors = {};
    if (!this.editing && !str('projectId')) errors.projectId = t('needProject');
    if (!str('title')) errors.title = t('needTitle');
    if (!this.editor || this.editor.isEmpty) errors.body = t('needBody');
    if (str('happenedOn') > today()) errors.happenedOn = t('futureDate');
    if (!this.editing) {
      if (!str('level')) errors.level = t('needLevel');
      if (this.source === 'heard' && !str('channel')) errors.channel = t('needChannel');
      if (this.source === 'heard' && this.under16 && !str('guardianName')) errors.guardianName = t('needGuardian');
      if (this.source === 'heard' && str('level') === 'public' && !str('tellerName')) errors.tellerName = t('needNamePublic');
    }
    this.errors = errors;
    this.general = null;
    if (Object.keys(errors).length) return this.focusProblems();

    const common = {
      title: str('title'),
      body: this.editor!.value,
      areaId: str('areaId') ? Number(str('areaId')) : null,
      phase: str('phase') || null,
      happenedOn: str('happenedOn') || null,
      language: str('language') || 'nl',
    };
    this.busy = true;
    try {
      let id: number;
      if (this.editing) {
        id = (await patch<{ story: Story }>(`/api/stories/${this.story!.id}`, common)).story.id;
      } else {
        const heard = this.source === 'heard';
        const body = {
          projectId: Number(str('projectId')),
          ...Object.fromEntries(Object.entries(common).filter(([, v]) => v !== null)),
          source: this.source,
          ...(heard ? { teller: { ...(str('tellerName') ? { name: str('tellerName') } : {}), under16: this.under16 } } : {}),
          consent: {
            level: str('level') as ConsentLevel,
            channel: heard ? str('channel') : 'online',
            givenBy: heard && this.under16 ? 'guardian' : 'teller',
            ...(heard && this.under16 ? { guardianName: str('guardianName') } : {}),
          },
        };
        const created = await post<{ story: Story; receipt: string | null }>('/api/stories', body);
        id = created.story.id;
        if (created.receipt) keepReceipt(id, created.receipt);
      }
      this.guard.saved();
      navigate(`/stories/${id}`);
    } catch (err) {
      if (err instanceof ApiError && err.details.some((d) => d.field && fieldOf(d.field))) {
        const errors: FieldErrors = {};
        for (const d of err.details) {
          const field = d.field ? fieldOf(d.field) : null;
          if (field) errors[field] ??= err.messageOf(d);
        }
        this.errors = errors;
      } else this.general = err instanceof ApiError && err.message ? err.message : t('failed');
      void this.focusProblems();
    } finally {
      this.busy = false;
    }
  }

  private async focusProblems(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#problems')?.focus();
  }

  private jump(e: Event, field: Field): void {
    e.preventDefault();
    if (field === 'body') return this.editor?.focus();
    this.renderRoot.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
  }

  private err(field: Field) {
    return fieldError(this.errors, field);
  }

  private inv(field: Field): 'true' | 'false' {
    return invalidField(this.errors, field);
  }

  override render() {
    const title = this.editing ? t('editTitle') : t('newTitle');
    if (this.missing) return html`<h1 tabindex="-1">${title}</h1><p role="alert">${t('notFound')}</p>`;
    if ((this.editing && !this.story) || this.loader.failed) return html`<h1 tabindex="-1">${title}</h1>${this.loader.status()}`;
    const s = this.story;
    const problems = Object.entries(this.errors) as [Field, string][];
    const heard = this.source === 'heard';
    return html`
      <h1 tabindex="-1">${title}</h1>
      <form @submit=${this.submit} @input=${this.guard.touch} novalidate>
        <div id="problems" tabindex="-1" role="alert">
          ${this.general ? html`<p class="notice error">${this.general}</p>` : nothing}
          ${
            problems.length
              ? html`<div class="notice error"><p>${t('problems')}</p>
                <ul>${problems.map(([f, m]) => html`<li><a href="#${f}-error" @click=${(e: Event) => this.jump(e, f)}>${problemLine(t(f === 'level' && !heard ? 'ownConsent' : fieldLabels[f]), m)}</a></li>`)}</ul></div>`
              : nothing
          }
        </div>

        ${
          this.editing
            ? nothing
            : html`<fieldset>
              <legend>${t('kind')}</legend>
              ${(['heard', 'practice'] as const).map(
                (k) => html`<div class="radio">
                  <input type="radio" id="source-${k}" name="source" value=${k} ?checked=${this.source === k} aria-describedby="source-${k}-hint" @change=${() => (this.source = k)} />
                  <span><label for="source-${k}">${t(k)}</label><span class="hint" id="source-${k}-hint">${t(`${k}Hint`)}</span></span>
                </div>`,
              )}
            </fieldset>`
        }

        <fieldset>
          <legend>${t('about')}</legend>
          <div class="grid2">
            ${
              this.editing
                ? nothing
                : html`<div class="field"><label for="f-projectId">${t('project')}</label>
                  <select id="f-projectId" name="projectId" aria-describedby="projectId-error" aria-invalid=${this.inv('projectId')} @change=${(e: Event) => (this.projectId = (e.target as HTMLSelectElement).value)}>
                    <option value="">${t('chooseProject')}</option>
                    ${this.projects.map((p) => html`<option value=${p.id} ?selected=${String(p.id) === this.projectId}>${p.name}</option>`)}
                  </select>
                  ${this.err('projectId')}</div>`
            }
            <div class="field"><label for="f-areaId">${t('area')}</label>
              <select id="f-areaId" name="areaId" aria-describedby="areaId-error" aria-invalid=${this.inv('areaId')}>
                <option value="">${t('noArea')}</option>
                ${this.areasFor(this.projectId).map((a) => html`<option value=${a.id} ?selected=${s?.areaId === a.id}>${a.name}</option>`)}
              </select>
              ${this.err('areaId')}</div>
            <div class="field"><label for="f-phase">${t('phase')}</label>
              <select id="f-phase" name="phase" aria-describedby="phase-error" aria-invalid=${this.inv('phase')}>
                <option value="">${t('noPhase')}</option>
                ${phases.map((p) => html`<option value=${p} ?selected=${s?.phase === p}>${label(p)}</option>`)}
              </select>
              ${this.err('phase')}</div>
            <div class="field"><label for="f-happenedOn">${t('happenedOn')}</label>
              <input type="date" id="f-happenedOn" name="happenedOn" max=${today()} .value=${s?.happenedOn ?? ''} aria-describedby="happenedOn-error" aria-invalid=${this.inv('happenedOn')} />
              ${this.err('happenedOn')}</div>
            <div class="field"><label for="f-language">${t('language')}</label>
              <select id="f-language" name="language">
                ${languages.map((l) => html`<option value=${l} ?selected=${(s?.language ?? 'nl') === l}>${languageName(l)}</option>`)}
                ${s && !(languages as readonly string[]).includes(s.language) ? html`<option value=${s.language} selected>${s.language}</option>` : nothing}
              </select>
            </div>
          </div>
        </fieldset>

        <div class="field"><label for="f-title">${t('storyTitle')}</label>
          <input type="text" id="f-title" name="title" maxlength="200" .value=${s?.title ?? ''} aria-describedby="title-error" aria-invalid=${this.inv('title')} />
          ${this.err('title')}</div>
        <div>
          <ww-editor .label=${t('story')} .value=${s?.body ?? null} describedby="body-error" ?invalid=${!!this.errors.body}></ww-editor>
          ${this.err('body')}
        </div>

        ${this.editing ? nothing : heard ? tellerFields(this.errors, this.under16, (on) => (this.under16 = on)) : nothing}
        ${this.editing ? nothing : consentFields(this.errors, heard, this.under16)}

        <div class="actions">
          <button type="submit" ?disabled=${this.busy}>${this.busy ? t('saving') : t('save')}</button>
          <a class="button secondary" href=${s ? `/stories/${s.id}` : '/stories'}>${t('cancel')}</a>
        </div>
      </form>
    `;
  }

  static override styles = [
    pageStyles,
    css`
      .grid2 { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); }
      fieldset { display: grid; gap: 0.75rem; }
      .radio { display: flex; gap: 0.6rem; align-items: flex-start; font-weight: 400; min-height: 44px; padding: 0.25rem 0; }
      .radio input { width: 1.25rem; height: 1.25rem; margin-top: 0.2rem; flex: none; }
      .radio label { display: block; font-weight: inherit; }
      .radio .hint { display: block; }
      #problems:focus { outline: 3px solid var(--ww-focus); }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-story-edit-page': StoryEditPage;
  }
}

/** Today on this device's calendar, YYYY-MM-DD. */
const today = () => new Date().toLocaleDateString('sv-SE');
