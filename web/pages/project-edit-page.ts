import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get, patch, post } from '../api.js';
import { locale, messages } from '../i18n.js';
import { navigate } from '../navigate.js';
import { FormGuard } from '../unsaved.js';
import { areaKinds, phases, treeOrder, type Area, type AreaKind, type Member, type Project } from '../models.js';
import type { Me } from '../session.js';
import { errorText, formField, generalError, invalid } from '../components/form-field.js';
import { pageStyles } from '../components/shared-styles.js';
import { phaseLabel } from '../components/phase-badge.js';
import { refineTitle } from '../title.js';
import { PageLoader } from '../components/page-loader.js';

const t = messages({
  nl: {
    newTitle: 'Nieuw project',
    editTitle: '{name} bewerken',
    loading: 'Laden…',
    failed: 'Laden lukte niet.',
    notFound: 'Dit project bestaat niet.',
    name: 'Naam van het project',
    vraagstuk: 'Vraagstuk',
    vraagstukHint: 'Welk vraagstuk pakken bewoners aan?',
    eigenaar: 'Eigenaar',
    eigenaarHint: 'Wie is eigenaar van het vraagstuk?',
    betrokkenen: 'Betrokkenen',
    betrokkenenHint: 'Wie zijn er nog meer bij betrokken?',
    werkdoelen: 'Werkdoelen',
    planVanAanpak: 'Plan van aanpak',
    dates: 'Tijdspad',
    startDate: 'Startdatum',
    endDate: 'Einddatum',
    budget: 'Begroting',
    budgetHours: 'Uren',
    budgetEuros: 'Euro’s',
    phase: 'Fase',
    phaseHint: 'Zien, denken, doen, vinden: waar staat het project nu?',
    areas: 'Gebieden',
    noAreas: 'Er zijn nog geen gebieden.',
    addArea: 'Gebied toevoegen',
    areaName: 'Naam',
    areaKind: 'Soort',
    cbsCode: 'CBS-code (optioneel)',
    cbsHint: 'Bijvoorbeeld WK036300 of BU03630000.',
    addAreaButton: 'Gebied toevoegen',
    areaAdded: '{name} is toegevoegd en aangevinkt.',
    areaParent: 'Ligt in',
    areaParentHint: 'De gemeente of wijk waar dit gebied in ligt.',
    noParent: '(geen)',
    gemeente: 'Gemeente',
    wijk: 'Wijk',
    buurt: 'Buurt',
    members: 'Team',
    membersHint: 'Wie werkt aan dit project? Zij zien de gegevens van het project.',
    noTeam: 'Er zijn nog geen accounts om te koppelen.',
    iatiSector: 'Sector voor IATI',
    iatiSectorHint: 'Voor financiers die IATI gebruiken: op welk terrein werkt dit project?',
    orgSector: 'Zoals de organisatie: {name}',
    save: 'Opslaan',
    create: 'Project aanmaken',
    cancel: 'Annuleren',
    busy: 'Bezig met opslaan…',
    saved: 'Opgeslagen.',
  },
  en: {
    newTitle: 'New project',
    editTitle: 'Edit {name}',
    loading: 'Loading…',
    failed: 'Loading failed.',
    notFound: 'This project does not exist.',
    name: 'Project name',
    vraagstuk: 'Issue (vraagstuk)',
    vraagstukHint: 'Which issue do residents take on?',
    eigenaar: 'Owner (eigenaar)',
    eigenaarHint: 'Who owns the issue?',
    betrokkenen: 'People involved',
    betrokkenenHint: 'Who else is involved?',
    werkdoelen: 'Work goals',
    planVanAanpak: 'Plan of approach',
    dates: 'Timeline',
    startDate: 'Start date',
    endDate: 'End date',
    budget: 'Budget',
    budgetHours: 'Hours',
    budgetEuros: 'Euros',
    phase: 'Phase',
    phaseHint: 'See, think, do, find: where does the project stand now?',
    areas: 'Areas',
    noAreas: 'There are no areas yet.',
    addArea: 'Add an area',
    areaName: 'Name',
    areaKind: 'Kind',
    cbsCode: 'CBS code (optional)',
    cbsHint: 'For example WK036300 or BU03630000.',
    addAreaButton: 'Add area',
    areaAdded: '{name} was added and ticked.',
    areaParent: 'Lies within',
    areaParentHint: 'The municipality or district this area lies in.',
    noParent: '(none)',
    gemeente: 'Municipality',
    wijk: 'District (wijk)',
    buurt: 'Neighbourhood (buurt)',
    members: 'Team',
    membersHint: 'Who works on this project? They see the project’s data.',
    noTeam: 'There are no accounts to add yet.',
    iatiSector: 'IATI sector',
    iatiSectorHint: 'For funders who use IATI: which field does this project work in?',
    orgSector: 'As the organisation: {name}',
    save: 'Save',
    create: 'Create project',
    cancel: 'Cancel',
    busy: 'Saving…',
    saved: 'Saved.',
  },
});

type IatiSectors = { sectors: { key: string; nl: string; en: string }[]; organisationDefault: string };

type TextKey = 'vraagstuk' | 'eigenaar' | 'betrokkenen' | 'werkdoelen' | 'planVanAanpak';
/** The form's fields, by the name the server gives them, and what the form calls them. */
const fieldNames = () => ({
  name: t('name'),
  vraagstuk: t('vraagstuk'),
  eigenaar: t('eigenaar'),
  betrokkenen: t('betrokkenen'),
  werkdoelen: t('werkdoelen'),
  planVanAanpak: t('planVanAanpak'),
  startDate: t('startDate'),
  endDate: t('endDate'),
  budgetHours: t('budgetHours'),
  budgetEuros: t('budgetEuros'),
  phase: t('phase'),
  iatiSector: t('iatiSector'),
  areaIds: t('areas'),
  userIds: t('members'),
});

/** Create or edit a project: its plan, areas and team (coordinators and admins). */
@customElement('ww-project-edit-page')
export class ProjectEditPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @property({ attribute: false }) user: Me | null = null;
  @state() private project: Project | null = null;
  @state() private areas: Area[] = [];
  @state() private team: Member[] = [];
  @state() private areaIds = new Set<number>();
  @state() private memberIds = new Set<number>();
  @state() private error: ApiError | null = null;
  @state() private areaError: ApiError | null = null;
  @state() private areaNotice = '';
  @state() private busy = false;
  /** The IATI sectors to choose from (null while loading or when they could not be read: the field is left out). */
  @state() private sectors: IatiSectors | null = null;

  private get projectId(): number | null {
    return this.params.id ? Number(this.params.id) : null;
  }

  /** Leaving asks first once anything in the form was changed and not saved. */
  private readonly guard = new FormGuard(this);
  private readonly loader = new PageLoader(
    this,
    async () => {
      const [areas, team, project] = await Promise.all([
        get<{ areas: Area[] }>('/api/areas'),
        get<{ users: Member[] }>('/api/team'),
        this.projectId ? get<{ project: Project }>(`/api/projects/${encodeURIComponent(this.params.id!)}`) : Promise.resolve(null),
      ]);
      this.areas = areas.areas;
      this.team = team.users;
      if (project) {
        this.project = project.project;
        refineTitle(this, project.project.name);
        this.areaIds = new Set(project.project.areaIds);
        this.memberIds = new Set(project.project.members.map((m) => m.id));
        // Members who are no longer pickable (e.g. disabled) stay visible so saving does not drop them silently.
        for (const m of project.project.members) if (!this.team.some((u) => u.id === m.id)) this.team = [...this.team, m];
      }
      // The form shows without them: the sector field is left out when they could not be read.
      void get<IatiSectors>('/api/iati-sectors')
        .then((s) => (this.sectors = s))
        .catch(() => null);
    },
    { loading: t('loading'), failed: (e) => (e instanceof ApiError && (e.status === 404 || e.status === 400) ? t('notFound') : t('failed')) },
  );

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const str = (k: string) => String(f.get(k) ?? '');
    const num = (k: string) => (str(k).trim() === '' ? null : Number(str(k).replace(',', '.')));
    const date = (k: string) => (str(k) === '' ? null : str(k));
    const body = {
      name: str('name'),
      vraagstuk: str('vraagstuk'),
      eigenaar: str('eigenaar'),
      betrokkenen: str('betrokkenen'),
      werkdoelen: str('werkdoelen'),
      planVanAanpak: str('planVanAanpak'),
      startDate: date('startDate'),
      endDate: date('endDate'),
      budgetHours: num('budgetHours'),
      budgetEuros: num('budgetEuros'),
      phase: str('phase'),
      ...(this.sectors ? { iatiSector: str('iatiSector') || null } : {}),
      areaIds: [...this.areaIds],
      userIds: [...this.memberIds],
    };
    this.busy = true;
    this.error = null;
    try {
      // the plan, areas and team in one request: the server saves all of it or nothing
      const { project } = this.projectId
        ? await patch<{ project: Project }>(`/api/projects/${this.projectId}`, body)
        : await post<{ project: Project }>('/api/projects', body);
      this.guard.saved();
      navigate(`/projects/${project.id}`);
    } catch (err) {
      this.error = err instanceof ApiError ? err : new ApiError(0, 'error', t('failed'));
      // The disabled button dropped the focus: to the first field at fault, else to what was said at the top.
      await this.updateComplete;
      (this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.renderRoot.querySelector<HTMLElement>('#general'))?.focus();
    } finally {
      this.busy = false;
    }
  }

  private async addArea(): Promise<void> {
    const root = this.renderRoot;
    const value = (id: string) => (root.querySelector(`#${id}`) as HTMLInputElement | HTMLSelectElement).value;
    this.areaError = null;
    this.areaNotice = '';
    try {
      const code = value('area-cbs').trim();
      const parent = value('area-parent');
      const { area } = await post<{ area: Area }>('/api/areas', {
        name: value('area-name'),
        kind: value('area-kind') as AreaKind,
        cbsCode: code || null,
        parentId: parent ? Number(parent) : null,
      });
      this.areas = [...this.areas, area].sort((a, b) => a.name.localeCompare(b.name));
      this.areaIds = new Set([...this.areaIds, area.id]);
      this.areaNotice = t('areaAdded', { name: area.name });
      (root.querySelector('#area-name') as HTMLInputElement).value = '';
      (root.querySelector('#area-cbs') as HTMLInputElement).value = '';
    } catch (err) {
      this.areaError = err instanceof ApiError ? err : new ApiError(0, 'error', t('failed'));
    }
  }

  private toggle(set: 'areaIds' | 'memberIds', id: number, on: boolean): void {
    const next = new Set(this[set]);
    if (on) next.add(id);
    else next.delete(id);
    this[set] = next;
  }

  private textField(key: TextKey, hint?: string, rows = 4) {
    const e = this.error;
    return formField(
      { id: key, label: t(key), hint, error: e },
      (f) =>
        html`<textarea id=${f.id} name=${key} rows=${rows} maxlength="20000" aria-invalid=${f.invalid} aria-describedby=${f.describedBy} .value=${this.project?.[key] ?? ''}></textarea>`,
    );
  }

  private sectorField(p: Project | null) {
    const e = this.error;
    const { sectors, organisationDefault } = this.sectors!;
    const name = (key: string) => {
      const s = sectors.find((x) => x.key === key);
      return s ? `${locale() === 'en' ? s.en : s.nl} (${key.replace(':', ' · ')})` : key;
    };
    return formField(
      { id: 'iatiSector', label: t('iatiSector'), hint: t('iatiSectorHint'), error: e },
      (f) => html`<select id=${f.id} name="iatiSector" aria-invalid=${f.invalid} aria-describedby=${f.describedBy}>
        <option value="" ?selected=${!p?.iatiSector}>${t('orgSector', { name: name(organisationDefault) })}</option>
        ${sectors.map((s) => html`<option value=${s.key} ?selected=${p?.iatiSector === s.key}>${name(s.key)}</option>`)}
      </select>`,
    );
  }

  override render() {
    if (this.loader.failed) return html`<h1 tabindex="-1">${this.projectId ? t('editTitle', { name: '' }) : t('newTitle')}</h1>${this.loader.status()}`;
    if (!this.loader.ready) return this.loader.status();
    const p = this.project;
    const e = this.error;
    const input = (name: string, type: string, value: string | number | null | undefined, extra: { step?: string; min?: string; hint?: string } = {}) =>
      formField(
        { id: name, label: t(name as 'name'), hint: extra.hint, error: e },
        (
          f,
        ) => html`<input id=${f.id} name=${name} type=${type} step=${extra.step ?? nothing} min=${extra.min ?? nothing} inputmode=${type === 'number' ? 'decimal' : nothing}
          .value=${value == null ? '' : String(value)} aria-invalid=${f.invalid} aria-describedby=${f.describedBy} />`,
      );
    return html`
      <h1 tabindex="-1">${p ? t('editTitle', { name: p.name }) : t('newTitle')}</h1>
      <form @submit=${this.submit} @input=${this.guard.touch} novalidate>
        <div role="alert" id="general" tabindex="-1">${generalError(e, fieldNames())}</div>
        ${formField(
          { id: 'name', label: t('name'), error: e },
          (f) =>
            html`<input id=${f.id} name="name" required maxlength="200" .value=${p?.name ?? ''} aria-invalid=${f.invalid} aria-describedby=${f.describedBy} />`,
        )}
        ${this.textField('vraagstuk', t('vraagstukHint'))} ${this.textField('eigenaar', t('eigenaarHint'), 2)} ${this.textField('betrokkenen', t('betrokkenenHint'), 3)}
        ${this.textField('werkdoelen')} ${this.textField('planVanAanpak', undefined, 6)}
        <fieldset>
          <legend>${t('dates')}</legend>
          <div class="row">${input('startDate', 'date', p?.startDate)} ${input('endDate', 'date', p?.endDate)}</div>
        </fieldset>
        <fieldset>
          <legend>${t('budget')}</legend>
          <div class="row">${input('budgetHours', 'number', p?.budgetHours, { step: '0.5', min: '0' })} ${input('budgetEuros', 'number', p?.budgetEuros, { step: '0.01', min: '0' })}</div>
        </fieldset>
        ${formField(
          { id: 'phase', label: t('phase'), hint: t('phaseHint'), error: e },
          (f) => html`<select id=${f.id} name="phase" aria-invalid=${f.invalid} aria-describedby=${f.describedBy}>
            ${phases.map((ph) => html`<option value=${ph} ?selected=${(p?.phase ?? 'ZIEN') === ph}>${ph} – ${phaseLabel(ph)}</option>`)}
          </select>`,
        )}
        ${this.sectors ? this.sectorField(p) : nothing}
        <fieldset aria-describedby="areaIds-error" aria-invalid=${invalid(e, 'areaIds')}>
          <legend>${t('areas')}</legend>
          ${this.areas.length ? nothing : html`<p class="muted">${t('noAreas')}</p>`}
          <div class="checks">
            ${this.areas.map(
              (
                a,
              ) => html`<label class="check"><input type="checkbox" .checked=${this.areaIds.has(a.id)} @change=${(ev: Event) => this.toggle('areaIds', a.id, (ev.target as HTMLInputElement).checked)} />
                <span>${a.name} <span class="muted">(${t(a.kind)}${a.cbsCode ? `, ${a.cbsCode}` : ''})</span></span></label>`,
            )}
          </div>
          ${errorText(e, 'areaIds')}
          <details>
            <summary>${t('addArea')}</summary>
            <div class="add-area">
              <div role="alert">${this.areaError ? generalError(this.areaError, { name: t('areaName'), kind: t('areaKind'), cbsCode: t('cbsCode'), parentId: t('areaParent') }) : nothing}</div>
              ${formField(
                { id: 'area-name', name: 'name', label: t('areaName'), error: this.areaError },
                (f) => html`<input id=${f.id} maxlength="200" aria-invalid=${f.invalid} aria-describedby=${f.describedBy} />`,
              )}
              <div class="field"><label for="area-kind">${t('areaKind')}</label>
                <select id="area-kind">${areaKinds.map((k) => html`<option value=${k} ?selected=${k === 'buurt'}>${t(k)}</option>`)}</select></div>
              ${formField(
                { id: 'area-cbs', name: 'cbsCode', label: t('cbsCode'), hint: t('cbsHint'), error: this.areaError },
                (f) => html`<input id=${f.id} maxlength="10" autocomplete="off" aria-invalid=${f.invalid} aria-describedby=${f.describedBy} />`,
              )}
              ${formField(
                { id: 'area-parent', name: 'parentId', label: t('areaParent'), hint: t('areaParentHint'), error: this.areaError },
                (f) => html`<select id=${f.id} aria-invalid=${f.invalid} aria-describedby=${f.describedBy}>
                  <option value="">${t('noParent')}</option>
                  ${treeOrder(this.areas)
                    .filter(({ area: a }) => a.kind !== 'buurt')
                    .map(({ area: a, depth }) => html`<option value=${a.id}>${'\u2003'.repeat(depth)}${a.name} (${t(a.kind)})</option>`)}
                </select>`,
              )}
              <div><button type="button" class="secondary" @click=${this.addArea}>${t('addAreaButton')}</button></div>
              <p role="status" class="muted">${this.areaNotice}</p>
            </div>
          </details>
        </fieldset>
        <fieldset aria-describedby="members-hint userIds-error">
          <legend>${t('members')}</legend>
          <p class="hint" id="members-hint">${t('membersHint')}</p>
          ${this.team.length ? nothing : html`<p class="muted">${t('noTeam')}</p>`}
          <div class="checks">
            ${this.team.map(
              (
                u,
              ) => html`<label class="check"><input type="checkbox" .checked=${this.memberIds.has(u.id)} @change=${(ev: Event) => this.toggle('memberIds', u.id, (ev.target as HTMLInputElement).checked)} />
                <span>${u.name}<br /><span class="muted small">${u.email}</span></span></label>`,
            )}
          </div>
          ${errorText(e, 'userIds')}
        </fieldset>
        <div class="actions">
          <button type="submit" ?disabled=${this.busy}>${this.busy ? t('busy') : p ? t('save') : t('create')}</button>
          <a class="button secondary" href=${p ? `/projects/${p.id}` : '/projects'}>${t('cancel')}</a>
        </div>
      </form>
    `;
  }

  static override styles = [
    pageStyles,
    css`
      form { max-width: 48rem; }
      #general:focus { outline: 3px solid var(--ww-focus); }
      form > label { gap: 0.1rem; }
      .row { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); }
      .checks { display: grid; gap: 0.25rem; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); }
      label.check { display: flex; gap: 0.5rem; align-items: center; font-weight: 400; min-height: 44px; }
      label.check input { width: 1.25rem; height: 1.25rem; flex: none; }
      label.check > span { min-width: 0; overflow-wrap: anywhere; }
      .small { font-size: 0.85rem; }
      details { margin-top: 0.75rem; }
      summary { cursor: pointer; font-weight: 600; min-height: 44px; display: flex; align-items: center; color: var(--ww-accent); }
      .add-area { display: grid; gap: 0.75rem; padding: 0.5rem 0; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-project-edit-page': ProjectEditPage;
  }
}
