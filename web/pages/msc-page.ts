import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get, post } from '../api.js';
import { pageStyles } from '../components/shared-styles.js';
import { formatDate, messages } from '../i18n.js';
import { navigate } from '../navigate.js';
import { roleName } from '../roles.js';
import type { Me } from '../session.js';
import { isStaff } from '../models.js';
import { PageLoader } from '../components/page-loader.js';
import { failedNotice, focusFailed } from '../components/failed-notice.js';
import { errorMessage } from '../components/form-field.js';

const t = messages({
  nl: {
    title: 'Most Significant Change',
    intro: 'Een panel leest de verhalen uit een periode, kiest per domein van verandering het meest betekenisvolle verhaal en schrijft op waarom.',
    rounds: 'Rondes',
    none: 'Nog geen rondes. Open hieronder de eerste: kies een domein van verandering, een periode, projecten en een panel.',
    noneMember: 'Er zijn nog geen rondes waarin je in het panel zit. Je ziet een ronde hier zodra je ervoor gevraagd bent.',
    open: 'open',
    closed: 'gesloten',
    fedBack: 'teruggekoppeld',
    create: 'Nieuwe ronde',
    domain: 'Domein van verandering',
    description: 'Toelichting voor het panel',
    from: 'Verhalen van',
    to: 'Tot en met',
    projects: 'Projecten',
    panel: 'Panelleden',
    submit: 'Ronde openen',
    created: 'Ronde geopend.',
    failed: 'Dat lukte niet: {msg}',
    chooseProject: 'Kies minstens één project.',
    choosePanel: 'Kies minstens één panellid.',
    needDomain: 'Vul een domein van verandering in.',
    needFrom: 'Kies de eerste dag.',
    needTo: 'Kies de laatste dag.',
    toBeforeFrom: 'Deze dag ligt voor de eerste dag. Kies een latere dag.',
  },
  en: {
    title: 'Most Significant Change',
    intro: 'A panel reads the stories of a period, picks the most significant story per domain of change and writes down why.',
    rounds: 'Rounds',
    none: 'No rounds yet. Open the first one below: choose a domain of change, a period, projects and a panel.',
    noneMember: 'There are no rounds with you on the panel yet. You will see a round here as soon as you are asked to join one.',
    open: 'open',
    closed: 'closed',
    fedBack: 'fed back',
    create: 'New round',
    domain: 'Domain of change',
    description: 'Note for the panel',
    from: 'Stories from',
    to: 'Up to and including',
    projects: 'Projects',
    panel: 'Panel members',
    submit: 'Open round',
    created: 'Round opened.',
    failed: 'That did not work: {msg}',
    chooseProject: 'Choose at least one project.',
    choosePanel: 'Choose at least one panel member.',
    needDomain: 'Fill in a domain of change.',
    needFrom: 'Choose the first day.',
    needTo: 'Choose the last day.',
    toBeforeFrom: 'This day is before the first day. Choose a later day.',
  },
});

const fields = ['domain', 'periodFrom', 'periodTo', 'projectIds', 'panelUserIds'] as const;
type Field = (typeof fields)[number];

type Round = {
  id: number;
  domain: string;
  periodFrom: string;
  periodTo: string;
  status: 'open' | 'closed';
  fedBackAt: string | null;
  projects: { id: number; name: string }[];
  panel: { id: number; name: string }[];
};

/** Most Significant Change rounds: the list (staff see all, panel members theirs) and opening a round. */
@customElement('ww-msc-page')
export class MscPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @property({ attribute: false }) user: Me | null = null;
  @state() private rounds: Round[] = [];
  @state() private projects: { id: number; name: string }[] = [];
  @state() private people: { id: number; name: string; role: string }[] = [];
  @state() private error: ApiError | string | null = null;
  /** What is wrong per field, from the page's own checks or the server's, shown at that field. */
  @state() private problems: Partial<Record<Field, string>> = {};

  private get staff() {
    return isStaff(this.user?.role);
  }

  private readonly loader = new PageLoader(
    this,
    async () => {
      this.rounds = (await get<{ rounds: Round[] }>('/api/msc-rounds')).rounds;
      if (this.staff) {
        this.projects = (await get<{ projects: { id: number; name: string }[] }>('/api/projects')).projects;
        this.people = (await get<{ users: { id: number; name: string; role: string }[] }>('/api/msc-panel-candidates')).users;
      }
    },
    { failed: (e) => t('failed', { msg: e instanceof ApiError ? e.message : String(e) }) },
  );

  /** Every problem at once, each at its field; the focus goes to the first. */
  private async create(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const str = (k: string) => String(form.get(k) ?? '').trim();
    const projectIds = form.getAll('projectIds').map(Number);
    const panelUserIds = form.getAll('panelUserIds').map(Number);
    const problems: Partial<Record<Field, string>> = {};
    if (!str('domain')) problems.domain = t('needDomain');
    if (!str('periodFrom')) problems.periodFrom = t('needFrom');
    if (!str('periodTo')) problems.periodTo = t('needTo');
    else if (str('periodFrom') && str('periodTo') < str('periodFrom')) problems.periodTo = t('toBeforeFrom');
    if (!projectIds.length) problems.projectIds = t('chooseProject');
    if (!panelUserIds.length) problems.panelUserIds = t('choosePanel');
    this.error = null;
    this.problems = problems;
    if (Object.keys(problems).length) return this.focusProblem();
    try {
      const { round } = await post<{ round: Round }>('/api/msc-rounds', {
        domain: str('domain'),
        description: str('description'),
        periodFrom: str('periodFrom'),
        periodTo: str('periodTo'),
        projectIds,
        panelUserIds,
      });
      navigate(`/msc/${round.id}`);
    } catch (err) {
      const shown = err instanceof ApiError ? err.details.filter((d) => fields.some((f) => d.field === f || d.field?.startsWith(`${f}.`))) : [];
      if (err instanceof ApiError && shown.length === err.details.length && shown.length) {
        for (const d of shown) problems[fields.find((f) => d.field === f || d.field!.startsWith(`${f}.`))!] ??= err.messageOf(d);
        this.problems = { ...problems };
        return this.focusProblem();
      }
      this.error = err instanceof ApiError ? err : String(err);
      void focusFailed(this);
    }
  }

  private async focusProblem() {
    await this.updateComplete;
    const first = fields.find((f) => this.problems[f]);
    if (first) this.renderRoot.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  /** An input's aria-invalid and aria-describedby, pointing at its message. */
  private field(name: Field) {
    return { invalid: this.problems[name] ? 'true' : 'false', text: errorMessage(name, this.problems[name]) };
  }

  override render() {
    const errMsg = this.error instanceof ApiError ? this.error.message : this.error;
    const [domain, from, to, projects, panel] = [
      this.field('domain'),
      this.field('periodFrom'),
      this.field('periodTo'),
      this.field('projectIds'),
      this.field('panelUserIds'),
    ];
    return html`
      <h1 tabindex="-1">${t('title')}</h1>
      <p>${t('intro')}</p>
      <h2>${t('rounds')}</h2>
      ${this.loader.status()}
      ${this.loader.ready && !this.rounds.length ? html`<p>${this.staff ? t('none') : t('noneMember')}</p>` : nothing}
      <ul class="rounds">
        ${this.rounds.map(
          (r) => html`<li>
            <a href="/msc/${r.id}">${r.domain}</a>
            <span class="muted">${formatDate(r.periodFrom)} – ${formatDate(r.periodTo)} · ${r.projects.map((p) => p.name).join(', ')}</span>
            <span class="badge">${r.status === 'open' ? t('open') : r.fedBackAt ? t('fedBack') : t('closed')}</span>
          </li>`,
        )}
      </ul>
      ${failedNotice(errMsg && t('failed', { msg: errMsg }))}
      ${
        this.staff
          ? html`<h2>${t('create')}</h2>
            <form @submit=${this.create} novalidate>
              <label>${t('domain')}<input name="domain" required maxlength="300" aria-invalid=${domain.invalid} aria-describedby="domain-error" />${domain.text}</label>
              <label>${t('description')}<textarea name="description"></textarea></label>
              <div class="two">
                <label>${t('from')}<input name="periodFrom" type="date" required aria-invalid=${from.invalid} aria-describedby="periodFrom-error" />${from.text}</label>
                <label>${t('to')}<input name="periodTo" type="date" required aria-invalid=${to.invalid} aria-describedby="periodTo-error" />${to.text}</label>
              </div>
              <fieldset aria-describedby="projectIds-error">
                <legend>${t('projects')}</legend>
                ${this.projects.map((p) => html`<label class="check"><input type="checkbox" name="projectIds" value=${p.id} aria-invalid=${projects.invalid} />${p.name}</label>`)} ${projects.text}
              </fieldset>
              <fieldset aria-describedby="panelUserIds-error">
                <legend>${t('panel')}</legend>
                ${this.people.map((u) => html`<label class="check"><input type="checkbox" name="panelUserIds" value=${u.id} aria-invalid=${panel.invalid} />${u.name} <span class="muted">(${roleName(u.role)})</span></label>`)}
                ${panel.text}
              </fieldset>
              <div class="actions"><button type="submit">${t('submit')}</button></div>
            </form>`
          : nothing
      }
    `;
  }

  static override styles = [
    pageStyles,
    css`
      * { box-sizing: border-box; }
      .rounds { display: grid; gap: 0.5rem; padding-left: 1.2rem; }
      .rounds li > * { margin-right: 0.5rem; }
      label.check { display: flex; gap: 0.5rem; align-items: center; font-weight: 400; }
      .two { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-msc-page': MscPage;
  }
}
