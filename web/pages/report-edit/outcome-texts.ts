// Per outcome of a report: the coordinator's narrative ("wat we zien") and the stories chosen, in
// order, to illustrate it. Saved together with the definition's PATCH (perOutcome).
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { ApiError, get, patch } from '../../api.js';
import { LocaleController } from '../../components/locale-controller.js';
import { PageLoader } from '../../components/page-loader.js';
import { errorText, fieldError, invalid } from '../../components/form-field.js';
import { pageStyles } from '../../components/shared-styles.js';
import type { WwChangeEvent, WwEditor } from '../../components/ww-editor.js';
import '../../components/ww-editor.js';
import { fold, foldStyles } from '../../components/fold.js';
import { formatDate, messages } from '../../i18n.js';
import type { Doc } from './messages.js';
import { refocus } from '../../components/refocus.js';

const t = messages({
  nl: {
    heading: 'Per uitkomst: wat we zien en welke verhalen',
    hint: 'Schrijf per uitkomst wat jullie zien, en kies de verhalen die het laten zien (in deze volgorde). Elk verhaal staat één keer helemaal in de rapportage; elders alleen de titel. Niet gekozen verhalen worden geteld. Zonder keuze stelt Weefwerk voor: eerst de Most Significant Change-keuzes, dan de nieuwste.',
    narrative: 'Wat we zien bij "{title}"',
    stories: 'Verhalen bij "{title}"',
    noCandidates: 'Nog geen verhalen bij deze uitkomst die in een rapportage mogen (getagd, met toestemming, in de periode).',
    noIndicators: 'Deze uitkomst heeft geen indicator: ze komt zonder cijfers in de rapportage.',
    choose: 'Kiezen',
    up: 'Omhoog: {title}',
    down: 'Omlaag: {title}',
    suggestedNow: 'Voorstel (nog niet zelf gekozen).',
    msc: 'Most Significant Change',
    save: 'Teksten en verhalen opslaan',
    saved: 'Teksten en verhalen opgeslagen.',
    failed: 'Niet opgeslagen: {msg}',
    loading: 'Laden…',
    written: 'Tekst geschreven',
    unsaved: 'nog niet opgeslagen',
    noText: 'Nog geen tekst',
    chosenN: '{n} verhalen gekozen',
    chosen1: '1 verhaal gekozen',
    suggestedN: 'Voorstel: {n} verhalen',
    suggested1: 'Voorstel: 1 verhaal',
    noStories: 'geen verhalen om te kiezen',
    withoutFigures: 'zonder cijfers',
  },
  en: {
    heading: 'Per outcome: what we see and which stories',
    hint: 'Write for each outcome what you see, and choose the stories that show it (in this order). Each story appears in full once in the report; elsewhere only its title. Stories not chosen are counted. Without a choice Weefwerk suggests: Most Significant Change selections first, then the most recent.',
    narrative: 'What we see for "{title}"',
    stories: 'Stories for "{title}"',
    noCandidates: 'No stories for this outcome yet that may be used in a report (tagged, with consent, in the period).',
    noIndicators: 'This outcome has no indicator: it appears in the report without figures.',
    choose: 'Choose',
    up: 'Up: {title}',
    down: 'Down: {title}',
    suggestedNow: 'Suggestion (not chosen yet).',
    msc: 'Most Significant Change',
    save: 'Save texts and stories',
    saved: 'Texts and stories saved.',
    failed: 'Not saved: {msg}',
    loading: 'Loading…',
    written: 'Text written',
    unsaved: 'not saved yet',
    noText: 'No text yet',
    chosenN: '{n} stories chosen',
    chosen1: '1 story chosen',
    suggestedN: 'Suggested: {n} stories',
    suggested1: 'Suggested: 1 story',
    noStories: 'no stories to choose from',
    withoutFigures: 'without figures',
  },
});

type Node = { text?: string; content?: Node[] };
/** One object for every empty text: the editor takes a new object as new content (ww-editor, value). */
const emptyDoc = { type: 'doc', content: [] };
const hasText = (n: Node): boolean => !!n.text?.trim() || (n.content ?? []).some(hasText);

type Candidate = { id: number; title: string; when: string; msc: boolean };
type OutcomeChoice = {
  outcomeId: number;
  title: string;
  projectName: string;
  archived: boolean;
  indicators: number;
  narrative: Doc | null;
  storyIds: number[] | null;
  suggested: number[];
  candidates: Candidate[];
};

/**
 * Narrative and chosen stories per outcome of one report. `refresh` changes when the definition
 * was saved (other outcomes, another period); fires `outcome-texts-saved` after saving and
 * `outcome-texts-changed` when what is not saved yet changes (`unsaved`).
 */
@customElement('ww-report-outcome-texts')
export class ReportOutcomeTexts extends LitElement {
  @property({ type: Number }) reportId = 0;
  @property({ type: Number }) refresh = 0;
  @state() private outcomes: OutcomeChoice[] | null = null;
  private readonly loader = new PageLoader(
    this,
    async () => {
      const { outcomes } = await get<{ outcomes: OutcomeChoice[] }>(`/api/reports/${this.reportId}/outcomes`);
      // What was written or chosen and not saved yet stays when the list loads again (after the
      // definition above was saved): the texts as their editors hold them, the stories that are
      // still candidates.
      const editors = this.renderRoot.querySelectorAll<WwEditor>('ww-editor');
      const texts = new Map(
        (this.outcomes ?? []).flatMap((o, i) => (this.typed.has(o.outcomeId) && editors[i] ? [[o.outcomeId, editors[i]!.value as Doc] as const] : [])),
      );
      const picked = (o: OutcomeChoice) =>
        this.picked.has(o.outcomeId) ? (this.chosen.get(o.outcomeId) ?? []).filter((id) => o.candidates.some((c) => c.id === id)) : undefined;
      const here = (id: number) => outcomes.some((o) => o.outcomeId === id);
      this.chosen = new Map(outcomes.map((o) => [o.outcomeId, picked(o) ?? o.storyIds ?? o.suggested]));
      this.touched = new Set(outcomes.filter((o) => o.storyIds || this.picked.has(o.outcomeId)).map((o) => o.outcomeId));
      this.outcomes = outcomes.map((o) => (texts.has(o.outcomeId) ? { ...o, narrative: texts.get(o.outcomeId)! } : o));
      this.typed = new Map([...this.typed].filter(([id]) => texts.has(id) && here(id)));
      this.picked = new Set([...this.picked].filter(here));
    },
    { loading: t('loading') },
    { auto: false },
  );
  /** The chosen stories per outcome, in order (starts from the saved choice or the suggestion). */
  @state() private chosen = new Map<number, number[]>();
  @state() private touched = new Set<number>();
  /** The outcomes unfolded: each folds away to one line, so the page stays short. */
  @state() private open = new Set<number>();
  /** Outcomes whose text was changed since it was last saved: whether it holds text now. */
  @state() private typed = new Map<number, boolean>();
  /** Outcomes whose stories were chosen or ordered since they were last saved. */
  @state() private picked = new Set<number>();
  @state() private error: ApiError | null = null;
  @state() private message = '';
  @state() private busy = false;

  constructor() {
    super();
    new LocaleController(this);
  }

  /** Whether a text or a choice of stories was changed and not saved yet. */
  get unsaved(): boolean {
    return this.typed.size > 0 || this.picked.size > 0;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const was = changed as Map<string, unknown>;
    if (was.has('typed') || was.has('picked')) this.dispatchEvent(new CustomEvent('outcome-texts-changed', { bubbles: true, composed: true }));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.reportId && (changed.has('reportId') || changed.has('refresh'))) void this.loader.run();
  }

  private setChosen(outcomeId: number, ids: number[]) {
    this.chosen = new Map(this.chosen).set(outcomeId, ids);
    this.touched = new Set(this.touched).add(outcomeId);
    this.picked = new Set(this.picked).add(outcomeId);
  }

  /** Moves a chosen story up or down; the focus stays on the button pressed, which moves with its story. */
  private async move(outcomeId: number, id: number, delta: number, e: Event) {
    const list = [...(this.chosen.get(outcomeId) ?? [])];
    const i = list.indexOf(id);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j]!, list[i]!];
    const button = e.currentTarget as HTMLButtonElement;
    this.setChosen(outcomeId, list);
    await this.updateComplete;
    button.focus();
  }

  private async save() {
    this.busy = true;
    this.error = null;
    this.message = '';
    try {
      const perOutcome = this.outcomes!.map((o, i) => {
        const editor = this.renderRoot.querySelectorAll<WwEditor>('ww-editor')[i];
        const narrative = editor && !editor.isEmpty ? editor.value : undefined;
        return {
          outcomeId: o.outcomeId,
          ...(narrative ? { narrative } : {}),
          storyIds: this.touched.has(o.outcomeId) ? (this.chosen.get(o.outcomeId) ?? []) : null,
        };
      });
      await patch(`/api/reports/${this.reportId}`, { perOutcome });
      this.typed = new Map();
      this.picked = new Set();
      await this.loader.run();
      this.message = t('saved');
      this.dispatchEvent(new CustomEvent('outcome-texts-saved', { bubbles: true, composed: true }));
    } catch (err) {
      this.error = err instanceof ApiError ? err : new ApiError(0, 'error', String(err));
      // An outcome with something to fix unfolds, so its message can be seen.
      const wrong = this.outcomes!.filter((_, i) => this.error!.details.some((d) => d.field?.startsWith(`perOutcome.${i}.`)));
      this.open = new Set([...this.open, ...wrong.map((o) => o.outcomeId)]);
    } finally {
      this.busy = false;
    }
    await refocus(this, '#save-texts');
  }

  private renderOutcome(o: OutcomeChoice, i: number) {
    const chosen = this.chosen.get(o.outcomeId) ?? [];
    const flip = () => {
      const open = new Set(this.open);
      if (!open.delete(o.outcomeId)) open.add(o.outcomeId);
      this.open = open;
    };
    const f = { id: `o-${o.outcomeId}`, level: 3 as const, open: this.open.has(o.outcomeId), toggle: flip };
    return html`<section class="outcome" aria-labelledby="o-${o.outcomeId}-h">
      ${fold({ ...f, title: html`${o.title} <span class="muted">· ${o.projectName}</span>`, note: this.noteOf(o, chosen) }, this.renderChoice(o, i, chosen))}
    </section>`;
  }

  /** What an outcome holds, in one line: its text, its stories, and a warning when it has no figures. */
  private noteOf(o: OutcomeChoice, chosen: number[]) {
    const stories = !o.candidates.length
      ? t('noStories')
      : t(`${this.touched.has(o.outcomeId) ? 'chosen' : 'suggested'}${chosen.length === 1 ? '1' : 'N'}`, { n: chosen.length });
    const typed = this.typed.get(o.outcomeId);
    const text = (typed ?? (!!o.narrative && hasText(o.narrative))) ? t('written') : t('noText');
    const unsaved = (line: string, changed: boolean) => (changed ? `${line} (${t('unsaved')})` : line);
    return [unsaved(text, typed !== undefined), unsaved(stories, this.picked.has(o.outcomeId)), ...(o.indicators ? [] : [t('withoutFigures')])].join(' · ');
  }

  private renderChoice(o: OutcomeChoice, i: number, chosen: number[]) {
    const narrative = `perOutcome.${i}.narrative`;
    const stories = `perOutcome.${i}.storyIds`;
    const ordered = [...chosen.flatMap((id) => o.candidates.find((c) => c.id === id) ?? []), ...o.candidates.filter((c) => !chosen.includes(c.id))];
    return html`${o.indicators ? nothing : html`<p class="notice warn">${t('noIndicators')}</p>`}
      <ww-editor
        .label=${t('narrative', { title: o.title })}
        .value=${o.narrative ?? emptyDoc}
        describedby="narrative-${i}-error"
        ?invalid=${!!fieldError(this.error, narrative)}
        @ww-change=${(e: WwChangeEvent) => (this.typed = new Map(this.typed).set(o.outcomeId, hasText(e.detail.value as Node)))}
      ></ww-editor>
      ${errorText(this.error, narrative, `narrative-${i}`)}
      <fieldset aria-describedby="stories-${i}-error" aria-invalid=${invalid(this.error, stories)}>
        <legend>${t('stories', { title: o.title })}</legend>
        ${this.touched.has(o.outcomeId) || !o.candidates.length ? nothing : html`<p class="hint">${t('suggestedNow')}</p>`}
        ${
          o.candidates.length
            ? html`<ol class="stories">
              ${repeat(
                ordered,
                (c) => c.id,
                (c) => {
                  const on = chosen.includes(c.id);
                  return html`<li class=${on ? 'on' : ''}>
                  <label class="check"
                    ><input type="checkbox" .checked=${live(on)} @change=${(e: Event) => this.setChosen(o.outcomeId, (e.target as HTMLInputElement).checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))} />
                    <span>${c.title} <span class="muted">${formatDate(c.when)}</span>${c.msc ? html` <span class="badge">${t('msc')}</span>` : nothing}</span></label
                  >
                  ${
                    on
                      ? html`<span class="order">
                        <button type="button" class="secondary small" aria-label=${t('up', { title: c.title })} @click=${(e: Event) => this.move(o.outcomeId, c.id, -1, e)}>↑</button>
                        <button type="button" class="secondary small" aria-label=${t('down', { title: c.title })} @click=${(e: Event) => this.move(o.outcomeId, c.id, 1, e)}>↓</button>
                      </span>`
                      : nothing
                  }
                </li>`;
                },
              )}
            </ol>`
            : html`<p class="muted">${t('noCandidates')}</p>`
        }
        ${errorText(this.error, stories, `stories-${i}`)}
      </fieldset>`;
  }

  override render() {
    // The heading stays while the texts load or failed to, so the message says what it is about.
    // The section is this element's own: a label in another shadow root would not name it.
    return html`<section aria-labelledby="texts-h">
      <h2 id="texts-h">${t('heading')}</h2>
      ${this.outcomes ? this.renderTexts(this.outcomes) : this.loader.status()}
    </section>`;
  }

  private renderTexts(outcomes: OutcomeChoice[]) {
    return html`<p class="hint">${t('hint')}</p>
      ${this.loader.status()}
      ${outcomes.map((o, i) => this.renderOutcome(o, i))}
      <div role="alert">${this.error ? html`<p class="notice error">${t('failed', { msg: this.error.message })}</p>` : nothing}</div>
      <div role="status">${this.message ? html`<p class="notice">${this.message}</p>` : nothing}</div>
      <div class="actions"><button type="button" id="save-texts" @click=${this.save} ?disabled=${this.busy}>${t('save')}</button></div>`;
  }

  static override styles = [
    pageStyles,
    foldStyles,
    css`
      :host { display: block; margin-top: 2rem; }
      section.outcome { border-top: 1px solid var(--ww-line); padding-top: 0.5rem; margin-top: 1rem; }
      ol.stories { list-style: none; padding: 0; margin: 0; }
      ol.stories li { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; flex-wrap: wrap; border-bottom: 1px solid var(--ww-line); }
      ol.stories li.on { background: var(--ww-surface); }
      label.check { display: flex; gap: 0.5rem; align-items: center; font-weight: 400; min-height: 44px; flex: 1 1 14rem; }
      .order { display: flex; gap: 0.25rem; }
      button.small { min-height: 36px; min-width: 36px; padding: 0 0.5rem; }
      .warn { border-color: #e0c36a; background: #fff8e1; }
      .actions { margin-top: 1rem; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-report-outcome-texts': ReportOutcomeTexts;
  }
}
