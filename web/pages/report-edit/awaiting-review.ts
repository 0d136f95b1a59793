// The stories of a report's projects, areas and period that may leave the team but wait for a
// review of their report version: they stay out of the report until someone reviews them.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { get } from '../../api.js';
import { LocaleController } from '../../components/locale-controller.js';
import { PageLoader } from '../../components/page-loader.js';
import { pageStyles } from '../../components/shared-styles.js';
import { formatDate, messages } from '../../i18n.js';

const t = messages({
  nl: {
    heading: 'Wacht op anonimiseren ({n})',
    none: 'Alle verhalen met toestemming voor verslagen zijn gecontroleerd.',
    hint: 'Deze verhalen hebben toestemming voor verslagen, maar niemand heeft de versie voor verslagen nog gecontroleerd (of het verhaal is daarna gewijzigd). Ze staan niet in de rapportage, leeslinks, exports of IATI tot ze gecontroleerd zijn.',
    review: 'Anonimiseren',
    reviewStory: 'Anonimiseren: {title}',
    stale: 'gewijzigd na controle',
    more: 'En nog {n} meer.',
    failed: 'De lijst kon niet worden geladen.',
  },
  en: {
    heading: 'Waiting for anonymising ({n})',
    none: 'Every story with consent for reports has been reviewed.',
    hint: 'These stories have consent for reports, but nobody has reviewed their report version yet (or the story changed since). They stay out of the report, read links, exports and IATI until they are reviewed.',
    review: 'Anonymise',
    reviewStory: 'Anonymise: {title}',
    stale: 'changed after review',
    more: 'And {n} more.',
    failed: 'The list could not be loaded.',
  },
});

type Waiting = { count: number; stories: { id: number; title: string; projectName: string; date: string; stale: boolean }[] };

/** "Wacht op anonimiseren": a count and a link to review each. `refresh` changes to load again. */
@customElement('ww-report-awaiting-review')
export class ReportAwaitingReview extends LitElement {
  @property({ type: Number }) reportId = 0;
  @property({ type: Number }) refresh = 0;
  @state() private waiting: Waiting | null = null;
  private readonly loader = new PageLoader(
    this,
    async () => {
      this.waiting = await get<Waiting>(`/api/reports/${this.reportId}/awaiting-review`);
    },
    { failed: t('failed') },
    { auto: false },
  );

  constructor() {
    super();
    new LocaleController(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('reportId') || changed.has('refresh')) && this.reportId) void this.loader.run();
  }

  override render() {
    // Nothing while it loads: the list appears when there is one.
    if (this.loader.failed) return this.loader.status();
    if (!this.waiting) return nothing;
    const { count, stories } = this.waiting;
    return html`<section aria-labelledby="awaiting-h">
      <h2 id="awaiting-h">${t('heading', { n: count })}</h2>
      ${
        count
          ? html`<p class="hint">${t('hint')}</p>
            <ul>
              ${stories.map(
                (s) => html`<li>
                  <a href="/stories/${s.id}/review" aria-label=${t('reviewStory', { title: s.title })}>${s.title}</a>
                  <span class="muted">— ${s.projectName}, ${formatDate(s.date)}${s.stale ? `, ${t('stale')}` : ''}</span>
                </li>`,
              )}
            </ul>
            ${count > stories.length ? html`<p>${t('more', { n: count - stories.length })}</p>` : nothing}`
          : html`<p>${t('none')}</p>`
      }
    </section>`;
  }

  static override styles = [pageStyles, css`ul { padding-left: 1.25rem; } li { margin: 0.25rem 0; }`];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-report-awaiting-review': ReportAwaitingReview;
  }
}
