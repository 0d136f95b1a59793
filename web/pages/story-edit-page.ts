import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get, patch, post } from '../api.js';
import { pageStyles } from '../components/shared-styles.js';
import type { WwEditor } from '../components/ww-editor.js';
import '../components/ww-editor.js';
import { messages } from '../i18n.js';
import { navigate } from '../navigate.js';
import type { Me } from '../session.js';
import {
  channels,
  consentLevels,
  keepReceipt,
  label,
  languageName,
  languages,
  phases,
  type Area,
  type ConsentLevel,
  type ProjectSummary,
  type Story,
} from '../stories.js';
import { refineTitle } from '../title.js';
import { errorMessage } from '../components/form-field.js';
import { PageLoader } from '../components/page-loader.js';

const t = messages({
  nl: {
    newTitle: 'Verhaal vastleggen',
    editTitle: 'Verhaal bewerken',
    loading: 'Laden…',
    notFound: 'Dit verhaal bestaat niet of je mag het niet zien.',
    kind: 'Wat voor verhaal is het?',
    heard: 'Een verhaal dat ik hoorde',
    heardHint: 'Je schrijft op wat een bewoner vertelde, met diens toestemming.',
    practice: 'Mijn eigen praktijkverhaal',
    practiceHint: 'Iets wat je zelf meemaakte in je werk.',
    about: 'Over het verhaal',
    project: 'Project',
    chooseProject: 'Kies een project',
    area: 'Gebied',
    noArea: 'Geen gebied',
    phase: 'Fase',
    noPhase: 'Geen fase',
    happenedOn: 'Wanneer gebeurde het?',
    language: 'Taal van het verhaal',
    storyTitle: 'Titel',
    story: 'Het verhaal',
    teller: 'De verteller',
    tellerName: 'Naam of schuilnaam (mag leeg)',
    tellerHint: 'Gebruik de naam die de verteller zelf koos. Leeg laten = anoniem.',
    under16: 'De verteller is jonger dan 16',
    guardianName: 'Naam van de ouder of voogd',
    consent: 'Toestemming',
    consentIntro: 'Leg vast wat de verteller heeft gekozen.',
    level: 'Wie mag het verhaal lezen?',
    channel: 'Hoe is de toestemming gegeven?',
    givenBy: 'Wie gaf de toestemming?',
    ownConsent: 'Wie mag jouw verhaal lezen?',
    save: 'Opslaan',
    saving: 'Bezig…',
    cancel: 'Annuleren',
    problems: 'Controleer deze punten:',
    failed: 'Opslaan lukte niet. Probeer het opnieuw.',
    needProject: 'Kies een project.',
    needTitle: 'Geef het verhaal een titel.',
    needBody: 'Schrijf het verhaal.',
    needLevel: 'Kies wie het verhaal mag lezen.',
    needChannel: 'Kies hoe de toestemming is gegeven.',
    needGuardian: 'Vul de naam van de ouder of voogd in.',
    teamExplain: 'Alleen de opbouwwerkers en coördinatoren van het project.',
    reportExplain: 'Mag in verslagen aan financiers, zonder naam en herkenbare details.',
    publicExplain: 'Mag openbaar, met de gekozen naam.',
  },
  en: {
    newTitle: 'Record a story',
    editTitle: 'Edit story',
    loading: 'Loading…',
    notFound: 'This story does not exist or you may not see it.',
    kind: 'What kind of story is it?',
    heard: 'A story I heard',
    heardHint: 'You write down what a resident told, with their consent.',
    practice: 'My own practice story',
    practiceHint: 'Something you experienced yourself in your work.',
    about: 'About the story',
    project: 'Project',
    chooseProject: 'Choose a project',
    area: 'Area',
    noArea: 'No area',
    phase: 'Phase',
    noPhase: 'No phase',
    happenedOn: 'When did it happen?',
    language: 'Language of the story',
    storyTitle: 'Title',
    story: 'The story',
    teller: 'The teller',
    tellerName: 'Name or pseudonym (may be empty)',
    tellerHint: 'Use the name the teller chose. Empty = anonymous.',
    under16: 'The teller is younger than 16',
    guardianName: 'Name of the parent or guardian',
    consent: 'Consent',
    consentIntro: 'Record what the teller chose.',
    level: 'Who may read the story?',
    channel: 'How was consent given?',
    givenBy: 'Who gave consent?',
    ownConsent: 'Who may read your story?',
    save: 'Save',
    saving: 'Working…',
    cancel: 'Cancel',
    problems: 'Please check these points:',
    failed: 'Saving did not work. Please try again.',
    needProject: 'Choose a project.',
    needTitle: 'Give the story a title.',
    needBody: 'Write the story.',
    needLevel: 'Choose who may read the story.',
    needChannel: 'Choose how consent was given.',
    needGuardian: 'Fill in the name of the parent or guardian.',
    teamExplain: "Only the project's workers and coordinators.",
    reportExplain: 'May appear in reports to funders, without name or identifying details.',
    publicExplain: 'May be public, with the chosen name.',
  },
});

type Field =
  'source' | 'projectId' | 'areaId' | 'phase' | 'happenedOn' | 'language' | 'title' | 'body' | 'tellerName' | 'guardianName' | 'level' | 'channel' | 'givenBy';
const fieldLabels: Record<Field, Parameters<typeof t>[0]> = {
  source: 'kind',
  projectId: 'project',
  areaId: 'area',
  phase: 'phase',
  happenedOn: 'happenedOn',
  language: 'language',
  title: 'storyTitle',
  body: 'story',
  tellerName: 'tellerName',
  guardianName: 'guardianName',
  level: 'level',
  channel: 'channel',
  givenBy: 'givenBy',
};

/** Maps a server error's field path (e.g. `consent.guardianName`) to the form field it belongs to. */
function fieldOf(path: string): Field | null {
  const map: Record<string, Field> = {
    'consent.level': 'level',
    consent: 'level',
    'consent.channel': 'channel',
    'consent.givenBy': 'givenBy',
    'consent.guardianName': 'guardianName',
    'teller.name': 'tellerName',
    'teller.under16': 'guardianName',
    teller: 'tellerName',
  };
  if (map[path]) return map[path]!;
  const first = path.split('.')[0]!;
  return first in fieldLabels ? (first as Field) : null;
}

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
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private general: string | null = null;
  @state() private busy = false;

  private get editing(): boolean {
    return !!this.params.id;
  }

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
    const errors: Partial<Record<Field, string>> = {};
    if (!this.editing && !str('projectId')) errors.projectId = t('needProject');
    if (!str('title')) errors.title = t('needTitle');
    if (!this.editor || this.editor.isEmpty) errors.body = t('needBody');
    if (!this.editing) {
      if (!str('level')) errors.level = t('needLevel');
      if (this.source === 'heard' && !str('channel')) errors.channel = t('needChannel');
      if (this.source === 'heard' && this.under16 && !str('guardianName')) errors.guardianName = t('needGuardian');
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
      navigate(`/stories/${id}`);
    } catch (err) {
      if (err instanceof ApiError && err.details.some((d) => d.field && fieldOf(d.field))) {
        const errors: Partial<Record<Field, string>> = {};
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
    return errorMessage(field, this.errors[field]);
  }

  private inv(field: Field): 'true' | 'false' {
    return this.errors[field] ? 'true' : 'false';
  }

  private radios(name: Field, legend: string, options: { value: string; label: string; hint?: string }[], checked?: string) {
    return html`<fieldset aria-describedby="${name}-error">
      <legend>${legend}</legend>
      ${options.map(
        (o) => html`<label class="radio">
          <input type="radio" name=${name} value=${o.value} ?checked=${checked === o.value} aria-invalid=${this.inv(name)} />
          <span>${o.label}${o.hint ? html`<span class="hint">${o.hint}</span>` : nothing}</span>
        </label>`,
      )}
      ${this.err(name)}
    </fieldset>`;
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
      <form @submit=${this.submit} novalidate>
        <div id="problems" tabindex="-1" role="alert">
          ${this.general ? html`<p class="notice error">${this.general}</p>` : nothing}
          ${
            problems.length
              ? html`<div class="notice error"><p>${t('problems')}</p>
                <ul>${problems.map(([f, m]) => html`<li><a href="#${f}-error" @click=${(e: Event) => this.jump(e, f)}>${t(fieldLabels[f])}: ${m}</a></li>`)}</ul></div>`
              : nothing
          }
        </div>

        ${
          this.editing
            ? nothing
            : html`<fieldset>
              <legend>${t('kind')}</legend>
              ${(['heard', 'practice'] as const).map(
                (k) => html`<label class="radio">
                  <input type="radio" name="source" value=${k} ?checked=${this.source === k} @change=${() => (this.source = k)} />
                  <span>${t(k)}<span class="hint">${t(`${k}Hint`)}</span></span>
                </label>`,
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
              <input type="date" id="f-happenedOn" name="happenedOn" .value=${s?.happenedOn ?? ''} aria-describedby="happenedOn-error" aria-invalid=${this.inv('happenedOn')} />
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

        ${this.editing ? nothing : heard ? this.renderTeller() : nothing}
        ${this.editing ? nothing : this.renderConsent(heard)}

        <div class="actions">
          <button type="submit" ?disabled=${this.busy}>${this.busy ? t('saving') : t('save')}</button>
          <a class="button secondary" href=${s ? `/stories/${s.id}` : '/stories'}>${t('cancel')}</a>
        </div>
      </form>
    `;
  }

  private renderTeller() {
    return html`<fieldset>
      <legend>${t('teller')}</legend>
      <div class="field"><label for="f-tellerName">${t('tellerName')}</label>
        <span class="hint" id="tellerName-hint">${t('tellerHint')}</span>
        <input id="f-tellerName" type="text" name="tellerName" maxlength="100" autocomplete="off" aria-describedby="tellerName-hint tellerName-error" aria-invalid=${this.inv('tellerName')} />
        ${this.err('tellerName')}</div>
      <label class="radio">
        <input type="checkbox" name="under16" .checked=${this.under16} @change=${(e: Event) => (this.under16 = (e.target as HTMLInputElement).checked)} />
        <span>${t('under16')}</span>
      </label>
      ${
        this.under16
          ? html`<div class="field"><label for="f-guardianName">${t('guardianName')}</label>
            <input type="text" id="f-guardianName" name="guardianName" maxlength="100" autocomplete="off" aria-describedby="guardianName-error" aria-invalid=${this.inv('guardianName')} />
            ${this.err('guardianName')}</div>`
          : nothing
      }
    </fieldset>`;
  }

  private renderConsent(heard: boolean) {
    return html`<fieldset>
      <legend>${t('consent')}</legend>
      ${heard ? html`<p class="hint">${t('consentIntro')}</p>` : nothing}
      ${this.radios(
        'level',
        heard ? t('level') : t('ownConsent'),
        consentLevels.map((c) => ({ value: c, label: label(c), hint: t(`${c}Explain`) })),
      )}
      ${
        heard
          ? this.radios(
              'channel',
              t('channel'),
              channels.map((c) => ({ value: c, label: label(c) })),
            )
          : nothing
      }
      ${heard ? html`<p>${t('givenBy')} <strong>${this.under16 ? label('guardian') : label('teller')}</strong></p>` : nothing}
    </fieldset>`;
  }

  static override styles = [
    pageStyles,
    css`
      .grid2 { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); }
      fieldset { display: grid; gap: 0.75rem; }
      .radio { display: flex; gap: 0.6rem; align-items: flex-start; font-weight: 400; min-height: 44px; padding: 0.25rem 0; }
      .radio input { width: 1.25rem; height: 1.25rem; margin-top: 0.2rem; flex: none; }
      .radio .hint { display: block; }
      .field { display: grid; gap: 0.25rem; align-content: start; }
      .field > label { font-weight: 600; }
      .field-error:empty { display: none; }
      #problems:focus { outline: 3px solid var(--ww-focus); }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-story-edit-page': StoryEditPage;
  }
}
