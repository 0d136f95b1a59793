import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get, post, put } from '../api.js';
import { pageStyles } from '../components/shared-styles.js';
import { breakable, formatDate, locale } from '../i18n.js';
import { t } from './tagging/messages.js';
import type { Me } from '../session.js';
import { levelName, type InboxStory, type Outcome, type Variable } from '../sensemaking-types.js';
import { isStaff } from '../models.js';
import { PageLoader } from '../components/page-loader.js';

type Draft = { outcomes: Set<number>; note: string; placements: Map<number, number | null> };

/** The tagging inbox: keyboard-first tagging of stories to outcomes and climate dyads, one by one or in bulk. */
@customElement('ww-tagging-page')
export class TaggingPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @property({ attribute: false }) user: Me | null = null;
  @state() private stories: InboxStory[] = [];
  /**
   * Keyboard-shortcut help only where a keyboard is likely: a fine pointer (mouse, trackpad), not a
   * phone's finger, and a screen wider than a phone's (narrow windows rarely have a keyboard at hand).
   */
  private readonly keyboard = matchMedia('(any-pointer: fine) and (min-width: 48em)').matches;
  @state() private index = 0;
  @state() private selected = new Set<number>();
  @state() private saved = new Set<number>();
  @state() private projects: { id: number; name: string }[] = [];
  @state() private projectId = new URLSearchParams(location.search).get('projectId') ?? '';
  /** `?story=ID`: that one story, also when it is tagged already, to change its tags. */
  private readonly storyId = new URLSearchParams(location.search).get('story') ?? '';
  @state() private outcomes = new Map<number, Outcome[]>();
  @state() private variables = new Map<number, Variable[]>();
  @state() private drafts = new Map<number, Draft>();
  @state() private message = '';
  @state() private error = '';

  private readonly onKey = (e: KeyboardEvent) => this.key(e);

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.onKey);
    super.disconnectedCallback();
  }

  private get staff() {
    return isStaff(this.user?.role);
  }

  private readonly loader = new PageLoader(
    this,
    async () => {
      if (!this.projects.length) this.projects = (await get<{ projects: { id: number; name: string }[] }>('/api/projects')).projects;
      const q = this.storyId ? `?storyId=${encodeURIComponent(this.storyId)}` : this.projectId ? `?projectId=${this.projectId}` : '';
      this.stories = (await get<{ stories: InboxStory[] }>(`/api/tagging/inbox${q}`)).stories;
      this.index = 0;
      this.selected = new Set();
      this.saved = new Set();
      this.drafts = new Map();
      await this.prepare();
    },
    { loading: t('loading'), failed: t('loadFailed') },
  );

  /** Loads the current story's project outcomes and variables, and starts its draft from any suggestions. */
  private async prepare(): Promise<void> {
    const story = this.current;
    if (!story) return;
    const pid = story.projectId;
    if (!this.outcomes.has(pid)) {
      const { outcomes } = await get<{ outcomes: Outcome[] }>(`/api/projects/${pid}/outcomes`);
      this.outcomes = new Map(this.outcomes).set(
        pid,
        outcomes.filter((o) => !o.archivedAt),
      );
    }
    if (!this.variables.has(pid)) {
      let { variables } = await get<{ variables: Variable[] }>(`/api/projects/${pid}/climate-variables`);
      if (!variables.length) variables = (await get<{ variables: Variable[] }>('/api/climate-variables')).variables;
      this.variables = new Map(this.variables).set(
        pid,
        variables.filter((v) => !v.retiredAt),
      );
    }
    if (!this.drafts.has(story.id)) {
      const s = story.suggestions;
      const draft: Draft = {
        outcomes: new Set(s?.outcomes.map((o) => o.outcomeId) ?? []),
        note: s?.outcomes.find((o) => o.note)?.note ?? '',
        placements: new Map(s?.placements.filter((p) => p.source === 'coordinator').map((p) => [p.variableId, p.position]) ?? []),
      };
      this.drafts = new Map(this.drafts).set(story.id, draft);
    }
  }

  private get current(): InboxStory | undefined {
    return this.stories[this.index];
  }

  private get draft(): Draft | undefined {
    return this.current && this.drafts.get(this.current.id);
  }

  private touch() {
    this.drafts = new Map(this.drafts);
  }

  private async go(delta: number): Promise<void> {
    if (!this.stories.length) return;
    this.index = Math.max(0, Math.min(this.stories.length - 1, this.index + delta));
    this.message = this.error = '';
    await this.prepare();
    await this.updateComplete;
    (this.renderRoot.querySelector('#story-title') as HTMLElement | null)?.focus();
  }

  private toggleOutcome(n: number): void {
    const list = this.current && this.outcomes.get(this.current.projectId);
    const o = list?.[n];
    const d = this.draft;
    if (!o || !d) return;
    if (d.outcomes.has(o.id)) d.outcomes.delete(o.id);
    else d.outcomes.add(o.id);
    this.touch();
  }

  private toggleSelected(id?: number): void {
    const sid = id ?? this.current?.id;
    if (sid === undefined) return;
    const next = new Set(this.selected);
    if (next.has(sid)) next.delete(sid);
    else next.add(sid);
    this.selected = next;
  }

  private payload(d: Draft) {
    return {
      outcomes: [...d.outcomes].map((outcomeId) => ({ outcomeId, note: d.note })),
      placements: [...d.placements].map(([variableId, position]) => ({ variableId, position })),
    };
  }

  private async save(): Promise<void> {
    const story = this.current;
    const d = this.draft;
    if (!story || !d) return;
    this.error = '';
    this.message = '';
    const payload = this.payload(d);
    // Empty tags only make sense to clear a tagged story's tags; elsewhere nothing would be saved.
    if (!payload.outcomes.length && !payload.placements.length && story.state !== 'tagged') {
      this.error = t('nothingChosen');
      return;
    }
    try {
      await put(`/api/stories/${story.id}/tags`, payload);
      this.saved = new Set(this.saved).add(story.id);
      this.message = t(this.staff ? 'savedMsg' : 'suggestedMsg', { title: story.title });
      if (this.index < this.stories.length - 1) {
        const msg = this.message;
        await this.go(1);
        this.message = msg;
      }
    } catch (e) {
      this.error = t('failed', { msg: e instanceof ApiError ? e.message : String(e) });
    }
  }

  private async bulk(): Promise<void> {
    const d = this.draft;
    if (!d) return;
    this.error = '';
    if (!this.selected.size) return void (this.error = t('nothingSelected'));
    const { outcomes, placements } = this.payload(d);
    if (!outcomes.length && !placements.length) return void (this.error = t('nothingChosen'));
    try {
      const ids = [...this.selected];
      await post('/api/tagging/bulk', { storyIds: ids, outcomes, placements });
      this.saved = new Set([...this.saved, ...ids]);
      this.selected = new Set();
      this.message = t('bulkMsg', { n: ids.length });
    } catch (e) {
      this.error = t('failed', { msg: e instanceof ApiError ? e.message : String(e) });
    }
  }

  private key(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey || !this.isConnected) return;
    const target = e.composedPath()[0] as HTMLElement | undefined;
    const tag = target?.tagName ?? '';
    const type = (target as HTMLInputElement | undefined)?.type ?? '';
    if (tag === 'TEXTAREA' || tag === 'SELECT' || (tag === 'INPUT' && !['checkbox', 'range', 'radio'].includes(type))) return;
    const onSlider = tag === 'INPUT' && type === 'range';
    const onControl = tag === 'BUTTON' || tag === 'A' || (tag === 'INPUT' && type === 'checkbox');
    const k = e.key;
    if (k === 'j' || (k === 'ArrowDown' && !onSlider)) return (e.preventDefault(), void this.go(1));
    if (k === 'k' || (k === 'ArrowUp' && !onSlider)) return (e.preventDefault(), void this.go(-1));
    if (/^[1-9]$/.test(k)) return (e.preventDefault(), this.toggleOutcome(Number(k) - 1));
    if (k === 'x' || (k === ' ' && !onControl)) return (e.preventDefault(), this.toggleSelected());
    if (k === 'b') return (e.preventDefault(), void this.bulk());
    if (k === 'Enter' && !onControl) return (e.preventDefault(), void this.save());
  }

  /** Who accepted the story's tags, or who suggested them: each status says what it is. */
  private taggedBy(story: InboxStory, status: 'accepted' | 'suggested') {
    const names = [...new Set((story.suggestions?.outcomes ?? []).filter((o) => o.status === status).map((o) => o.byName ?? '?'))];
    return names.length
      ? html`<p class="badge ${status}">${t(status === 'accepted' ? 'acceptedBy' : 'suggestionBy', { name: names.join(', ') })}</p>`
      : nothing;
  }

  private renderStory(story: InboxStory) {
    const d = this.drafts.get(story.id);
    // Only once its outcomes, variables and draft are there, so keys act on what is shown.
    if (!d || !this.outcomes.has(story.projectId) || !this.variables.has(story.projectId)) return html`<p class="muted">${t('loading')}</p>`;
    const outcomes = this.outcomes.get(story.projectId) ?? [];
    const variables = this.variables.get(story.projectId) ?? [];
    const lang = locale();
    const tellerPos = new Map(story.tellerPlacements.map((p) => [p.variableId, p.position]));
    return html`
      <article aria-labelledby="story-title">
        <h2 id="story-title" tabindex="-1">${story.title}</h2>
        <p class="muted">${story.projectName}${story.areaName ? ` · ${story.areaName}` : ''}${story.happenedOn ? ` · ${formatDate(story.happenedOn)}` : ''}</p>
        ${this.taggedBy(story, 'accepted')} ${this.taggedBy(story, 'suggested')}
        <div class="text">${story.bodyText}</div>
        ${this.staff ? html`<p><a href="/coding/${story.id}">${t('code')}</a></p>` : nothing}
        <fieldset>
          <legend>${t('outcomes')}</legend>
          ${
            outcomes.length
              ? outcomes.map(
                  (o, i) => html`<label class="check"
                  ><input type="checkbox" .checked=${!!d?.outcomes.has(o.id)} @change=${() => this.toggleOutcome(i)} />
                  ${i < 9 && this.keyboard ? html`<kbd>${i + 1}</kbd>` : nothing} ${o.title} <span class="muted">(${levelName(o.level)})</span></label
                >`,
                )
              : html`<p class="muted">${t('noOutcomes')} <a href="/projects/${story.projectId}/outcomes">${t('editOutcomes')}</a></p>`
          }
          <label
            >${t('note')}<textarea
              .value=${d?.note ?? ''}
              @input=${(e: Event) => {
                if (d) d.note = (e.target as HTMLTextAreaElement).value;
              }}
            ></textarea
          ></label>
        </fieldset>
        <fieldset>
          <legend>${t('climate')}</legend>
          ${variables.map((v) => {
            const placed = d?.placements.has(v.id);
            const pos = d?.placements.get(v.id);
            const na = placed && pos === null;
            const name = lang === 'nl' ? v.nameNl : v.nameEn;
            const weak = lang === 'nl' ? v.weakNl : v.weakEn;
            const strong = lang === 'nl' ? v.strongNl : v.strongEn;
            const teller = tellerPos.get(v.id);
            return html`<div class="dyad">
              <label for="v-${v.id}">${name}
                <span class="muted">${placed ? (na ? t('notApplicable') : t('position', { n: pos! })) : t('notPlaced')}${tellerPos.has(v.id) ? ` · ${t('teller', { n: teller ?? t('notApplicable') })}` : ''}</span></label>
              <div class="poles"><span>${breakable(weak)}</span><span>${breakable(strong)}</span></div>
              <input
                id="v-${v.id}"
                type="range"
                min="0"
                max="100"
                step="5"
                .value=${String(pos ?? 50)}
                ?disabled=${na}
                aria-valuetext=${placed && !na ? `${pos}: ${weak} ↔ ${strong}` : t('notPlaced')}
                @input=${(e: Event) => {
                  d?.placements.set(v.id, Number((e.target as HTMLInputElement).value));
                  this.touch();
                }}
              />
              <label class="check"
                ><input
                  type="checkbox"
                  .checked=${!!na}
                  @change=${(e: Event) => {
                    if ((e.target as HTMLInputElement).checked) d?.placements.set(v.id, null);
                    else d?.placements.delete(v.id);
                    this.touch();
                  }}
                />${t('notApplicable')}</label
              >
            </div>`;
          })}
        </fieldset>
        <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
        <div class="actions">
          <button type="button" @click=${() => this.save()}>${this.staff ? t('save') : t('suggest')}${this.keyboard ? ' (Enter)' : ''}</button>
          ${this.staff ? html`<button type="button" class="secondary" @click=${() => this.bulk()}>${t('bulk', { n: this.selected.size })}</button>` : nothing}
        </div>
      </article>
    `;
  }

  override render() {
    const story = this.current;
    return html`
      <h1 tabindex="-1">${t('title')}</h1>
      ${this.keyboard ? html`<p class="help" id="keys">${t('keys')}</p>` : nothing}
      <label class="filter"
        >${t('project')}
        <select
          .value=${this.projectId}
          @change=${(e: Event) => {
            this.projectId = (e.target as HTMLSelectElement).value;
            history.replaceState(null, '', this.projectId ? `/tagging?projectId=${this.projectId}` : '/tagging');
            void this.loader.run();
          }}
        >
          <option value="">${t('allProjects')}</option>
          ${this.projects.map((p) => html`<option value=${String(p.id)} ?selected=${String(p.id) === this.projectId}>${p.name}</option>`)}
        </select></label
      >
      <div role="status" class="status">${this.message}</div>
      ${this.loader.status()} ${this.loader.ready && !this.stories.length ? html`<p>${t('empty')}</p>` : nothing}
      <div class="layout">
        <section aria-label=${t('inbox')}>
          ${this.stories.length ? html`<p class="muted">${t('inboxCount', { n: this.stories.length })}</p>` : nothing}
          <ol class="inbox scroll-y">
            ${this.stories.map(
              (s, i) => html`<li class=${i === this.index ? 'current' : ''}>
                <input type="checkbox" aria-label=${t('select', { title: s.title })} .checked=${this.selected.has(s.id)} @change=${() => this.toggleSelected(s.id)} />
                <button type="button" class="link" aria-current=${i === this.index ? 'true' : 'false'} aria-describedby=${this.keyboard ? 'keys' : nothing} @click=${() => ((this.index = i), this.go(0))}>
                  ${s.title}
                  <span class="muted">${s.projectName}</span>
                  <span class="badge">${this.saved.has(s.id) ? t('saved') : t(s.state)}</span>
                </button>
              </li>`,
            )}
          </ol>
        </section>
        <div>${story ? this.renderStory(story) : nothing}</div>
      </div>
    `;
  }

  static override styles = [
    pageStyles,
    css`
      * { box-sizing: border-box; }
      .help { background: #eef3f0; border-left: 4px solid var(--ww-accent); padding: 0.5rem 0.75rem; max-width: none; }
      .filter { max-width: 24rem; margin-bottom: 0.5rem; }
      .layout { display: grid; gap: 1rem; grid-template-columns: minmax(14rem, 20rem) 1fr; align-items: start; }
      .inbox { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.25rem; max-height: 70vh; }
      @media (max-width: 720px) { .layout { grid-template-columns: minmax(0, 1fr); } .inbox { max-height: 45vh; } }
      .layout > * { min-width: 0; }
      .inbox li { display: flex; gap: 0.5rem; align-items: center; padding: 0.25rem 0.5rem; border-radius: var(--ww-radius); border: 2px solid transparent; }
      .inbox li.current { border-color: var(--ww-accent); background: #eef3f0; }
      button.link { background: none; border: 0; color: var(--ww-ink); font-weight: 400; text-align: left; display: grid; justify-items: start; padding: 0.25rem; min-height: 44px; }
      .text { white-space: pre-wrap; background: var(--ww-surface); border: 1px solid var(--ww-line); border-radius: var(--ww-radius); padding: 0.75rem; margin-bottom: 1rem; max-width: 70ch; }
      fieldset { margin-bottom: 1rem; display: grid; gap: 0.5rem; grid-template-columns: minmax(0, 1fr); }
      label.check { display: flex; gap: 0.5rem; align-items: center; font-weight: 400; }
      kbd { border: 1px solid var(--ww-line); border-radius: 4px; padding: 0 0.3rem; font-size: 0.85rem; background: #f4f4f0; }
      .dyad { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.25rem; padding: 0.5rem 0; border-bottom: 1px solid var(--ww-line); }
      .poles span { min-width: 0; overflow-wrap: anywhere; }
      .poles { display: flex; justify-content: space-between; gap: 1rem; font-size: 0.85rem; color: var(--ww-muted); }
      input[type='range'] { padding: 0; min-height: 32px; }
      .status:empty { display: none; }
      .status { font-weight: 600; color: var(--ww-ok); margin: 0.5rem 0; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-tagging-page': TaggingPage;
  }
}
