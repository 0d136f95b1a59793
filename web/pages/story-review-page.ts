import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get, put } from '../api.js';
import { errorMessage } from '../components/form-field.js';
import { pageStyles } from '../components/shared-styles.js';
import type { WwEditor } from '../components/ww-editor.js';
import '../components/ww-editor.js';
import { formatDate, messages } from '../i18n.js';
import { docToText, type RichDoc } from '../richtext.js';
import type { Me } from '../session.js';
import { findIdentifiers, identifierKinds, markIdentifiers, type Finding, type IdentifierKind } from '../../db/domain/identifiers.js';
import { refineTitle } from '../title.js';
import { FormGuard } from '../unsaved.js';
import { PageLoader } from '../components/page-loader.js';
import { refocus } from '../components/refocus.js';

const t = messages({
  nl: {
    loading: 'Laden…',
    notFound: 'Dit verhaal bestaat niet, is ingetrokken of je mag het niet zien.',
    back: 'Terug naar het verhaal',
    title: 'Anonimiseren: {title}',
    intro:
      'Lezers buiten het team lezen alleen de versie voor verslagen: in rapportages, leeslinks, exports, IATI en in Most Significant Change-panels met mensen van buiten. Haal weg wat iemand herkenbaar maakt. De markeringen zijn een hulp; lees het hele verhaal zelf.',
    team: 'Dit verhaal blijft binnen het team (toestemming: team). Je kunt de versie voor verslagen alvast controleren, voor als de verteller later ruimer toestemming geeft.',
    notReviewed: 'Nog niet gecontroleerd. Het verhaal wacht op anonimiseren en komt niet in verslagen.',
    reviewed: 'Gecontroleerd door {name} op {date}.',
    stale: 'Het verhaal is gewijzigd na de controle op {date}. Het staat niet in verslagen tot iemand het opnieuw controleert.',
    original: 'Het verhaal zoals verteld',
    found: 'Gemarkeerd: {n}',
    foundNone: 'Niets gemarkeerd. Lees toch het hele verhaal.',
    version: 'Versie voor verslagen',
    versionTitle: 'Titel in verslagen',
    versionText: 'Tekst in verslagen',
    stillFound: 'Nog gemarkeerd in deze versie: {n}. Kijk of het weg moet.',
    stillNone: 'Niets meer gemarkeerd in deze versie.',
    save: 'Gecontroleerd: gebruik deze versie',
    saved: 'Opgeslagen. Deze versie staat nu in verslagen.',
    needTitle: 'Geef een titel.',
    failed: 'Opslaan lukte niet: {msg}',
    kind_name: 'naam',
    kind_address: 'adres',
    kind_postcode: 'postcode',
    kind_phone: 'telefoon',
    kind_email: 'e-mail',
    kind_date: 'datum',
    kind_age: 'leeftijd',
    kind_institution: 'school, gebedshuis of werkgever',
  },
  en: {
    loading: 'Loading…',
    notFound: 'This story does not exist, has been withdrawn or you may not see it.',
    back: 'Back to the story',
    title: 'Anonymise: {title}',
    intro:
      'Readers beyond the team only read the report version: in reports, read links, exports, IATI and Most Significant Change panels with people from outside. Take out what makes someone recognisable. The marks are a help; read the whole story yourself.',
    team: 'This story stays within the team (consent: team). You can already review the report version, for when the teller widens consent later.',
    notReviewed: 'Not reviewed yet. The story waits for anonymising and stays out of reports.',
    reviewed: 'Reviewed by {name} on {date}.',
    stale: 'The story changed after the review on {date}. It stays out of reports until someone reviews it again.',
    original: 'The story as told',
    found: 'Marked: {n}',
    foundNone: 'Nothing marked. Still read the whole story.',
    version: 'Report version',
    versionTitle: 'Title in reports',
    versionText: 'Text in reports',
    stillFound: 'Still marked in this version: {n}. Check whether it should go.',
    stillNone: 'Nothing marked in this version any more.',
    save: 'Reviewed: use this version',
    saved: 'Saved. This version is now what reports show.',
    needTitle: 'Give a title.',
    failed: 'Saving did not work: {msg}',
    kind_name: 'name',
    kind_address: 'address',
    kind_postcode: 'postcode',
    kind_phone: 'phone',
    kind_email: 'e-mail',
    kind_date: 'date',
    kind_age: 'age',
    kind_institution: 'school, place of worship or employer',
  },
});

type ReviewData = {
  story: { id: number; projectId: number; title: string; body: RichDoc; bodyText: string; consent: 'team' | 'report' | 'public'; textHash: string };
  leavesTeam: boolean;
  review: { title: string; body: RichDoc; textHash: string; reviewedAt: string; reviewedBy: { id: number; name: string } | null; current: boolean } | null;
  findings: { title: Finding[]; text: Finding[] };
};

const kindLabel = (k: IdentifierKind) => t(`kind_${k}` as 'kind_name');

/**
 * The review of a story's report version: the story as told with what likely identifies someone
 * marked, beside an editable copy; "Reviewed" saves the copy as what readers beyond the team get.
 */
@customElement('ww-story-review-page')
export class StoryReviewPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @property({ attribute: false }) user: Me | null = null;
  @state() private data: ReviewData | null = null;
  @state() private draftTitle = '';
  @state() private draftText = '';
  @state() private message: string | null = null;
  @state() private error: string | null = null;
  @state() private titleError: string | null = null;
  @state() private saving = false;

  /** Leaving asks first once the version was changed and not saved. */
  private readonly guard = new FormGuard(this);
  private readonly loader = new PageLoader(
    this,
    async () => this.show(await get<ReviewData>(`/api/stories/${encodeURIComponent(this.params.id ?? '')}/review`)),
    { loading: t('loading'), failed: (e) => (e instanceof Error ? e.message : String(e)) },
  );

  /** A story that is not there, not for this user, or needs no review. */
  private get missing(): boolean {
    const e = this.loader.error;
    return e instanceof ApiError && (e.status === 404 || e.status === 409 || e.status === 403);
  }

  private show(data: ReviewData): void {
    this.data = data;
    refineTitle(this, data.story.title);
    const start = data.review?.current ? data.review : null;
    this.draftTitle = start?.title ?? data.story.title;
    this.draftText = docToText(start?.body ?? data.story.body);
  }

  private get editor(): WwEditor | null {
    return this.renderRoot.querySelector('ww-editor');
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    if (!this.data || this.saving) return;
    this.message = this.error = this.titleError = null;
    if (!this.draftTitle.trim()) {
      this.titleError = t('needTitle');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#review-title')?.focus();
      return;
    }
    this.saving = true;
    try {
      const body = this.editor?.value ?? this.data.story.body;
      const saved = await put<ReviewData>(`/api/stories/${this.data.story.id}/review`, { title: this.draftTitle, body, storyHash: this.data.story.textHash });
      this.data = saved;
      this.guard.saved();
      this.message = t('saved');
    } catch (err) {
      this.error = t('failed', { msg: err instanceof ApiError ? err.message : String(err) });
    } finally {
      this.saving = false;
    }
    await refocus(this, '#save');
  }

  private marked(text: string, findings: Finding[]) {
    return markIdentifiers(text, findings).map((p) =>
      'kind' in p ? html`<mark class="found" data-kind=${p.kind}>${p.text}<span class="kind"> (${kindLabel(p.kind)})</span></mark>` : p.text,
    );
  }

  private status() {
    const r = this.data!.review;
    if (!r) return html`<p class="notice warn">${t('notReviewed')}</p>`;
    if (!r.current) return html`<p class="notice warn">${t('stale', { date: formatDate(r.reviewedAt) })}</p>`;
    // The text's hash stays in the data (saving sends it back to catch a story changed meanwhile); a worker never needs to see it.
    return html`<p class="notice ok">${t('reviewed', { name: r.reviewedBy?.name ?? '–', date: formatDate(r.reviewedAt) })}</p>`;
  }

  override render() {
    if (this.missing) return html`<p role="alert">${t('notFound')}</p>`;
    if (!this.data) return this.loader.status();
    const { story, findings } = this.data;
    const count = findings.title.length + findings.text.length;
    const draftFindings = [...findIdentifiers(this.draftTitle), ...findIdentifiers(this.draftText)];
    const byKind = identifierKinds.map((k) => [k, [...findings.title, ...findings.text].filter((f) => f.kind === k).length] as const).filter(([, n]) => n > 0);
    return html`
      <p><a href="/stories/${story.id}">← ${t('back')}</a></p>
      <h1 tabindex="-1">${t('title', { title: story.title })}</h1>
      <p>${t('intro')}</p>
      ${this.data.leavesTeam ? nothing : html`<p class="notice">${t('team')}</p>`}
      <div role="status">${this.status()}</div>

      <div class="columns">
        <section aria-labelledby="original-title" class="original">
          <h2 id="original-title">${t('original')}</h2>
          <p class="muted">${count ? html`${t('found', { n: count })}: ${byKind.map(([k, n], i) => html`${i ? ', ' : ''}${kindLabel(k)} ${n}`)}` : t('foundNone')}</p>
          <h3 class="story-title">${this.marked(story.title, findings.title)}</h3>
          <div class="story-text">${this.marked(story.bodyText, findings.text)}</div>
        </section>

        <form class="version" aria-labelledby="version-title" novalidate @submit=${this.save} @input=${this.guard.touch}>
          <h2 id="version-title">${t('version')}</h2>
          <div class="field">
            <label for="review-title">${t('versionTitle')}</label>
            <input
              id="review-title"
              .value=${this.draftTitle}
              maxlength="200"
              aria-invalid=${this.titleError ? 'true' : 'false'}
              aria-describedby="review-title-error"
              @input=${(e: Event) => (this.draftTitle = (e.target as HTMLInputElement).value)}
            />
            ${errorMessage('review-title', this.titleError)}
          </div>
          <ww-editor
            .label=${t('versionText')}
            .value=${this.data.review?.current ? this.data.review.body : story.body}
            @ww-change=${(e: CustomEvent<{ value: RichDoc }>) => (this.draftText = docToText(e.detail.value))}
          ></ww-editor>
          <p class="muted" aria-live="polite">${draftFindings.length ? t('stillFound', { n: draftFindings.length }) : t('stillNone')}</p>
          ${draftFindings.length ? html`<ul class="still">${draftFindings.map((f) => html`<li><mark class="found" data-kind=${f.kind}>${f.text}</mark> (${kindLabel(f.kind)})</li>`)}</ul>` : nothing}
          <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
          <div role="status">${this.message ? html`<p class="notice ok">${this.message}</p>` : nothing}</div>
          <button type="submit" id="save" ?disabled=${this.saving}>${t('save')}</button>
        </form>
      </div>
    `;
  }

  static override styles = [
    pageStyles,
    css`
      .columns { display: grid; gap: 1.5rem; grid-template-columns: minmax(0, 1fr); }
      @media (min-width: 60rem) { .columns { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
      .story-text { white-space: pre-wrap; line-height: 1.6; overflow-wrap: anywhere; }
      .story-title { margin: 0.5rem 0; }
      mark.found { background: #fff1a8; color: #1a1a1a; border-bottom: 2px solid #8a6d00; padding: 0 0.1em; }
      mark.found[data-kind='name'], mark.found[data-kind='email'], mark.found[data-kind='phone'] { background: #ffd6d6; border-bottom-color: #a30000; }
      mark.found[data-kind='address'], mark.found[data-kind='postcode'] { background: #d8e8ff; border-bottom-color: #0b4da2; }
      mark .kind { font-size: 0.8em; color: #3d3d3d; }
      .version input { width: 100%; box-sizing: border-box; }
      .field { margin-bottom: 1rem; }
      .field-error { color: #a30000; }
      ul.still { padding-left: 1.25rem; }
      .notice.warn { border-left: 4px solid #8a6d00; }
      .notice.ok { border-left: 4px solid #1d6b2f; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-story-review-page': StoryReviewPage;
  }
}
