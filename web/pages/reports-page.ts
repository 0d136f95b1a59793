import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { get } from '../api.js';
import { formatDate, locale, messages } from '../i18n.js';
import { reportAudienceWords, type ReportAudience } from '../../db/domain/enums.js';
import type { Me } from '../session.js';
import { pageStyles } from '../components/shared-styles.js';
import { PageLoader } from '../components/page-loader.js';
import { tableRegion } from '../components/table-region.js';

const t = messages({
  nl: {
    title: 'Rapportages',
    funderTitle: 'Rapportages voor jou',
    funderIntro: 'Hier staan de rapportages die met je gedeeld zijn. Je ziet alleen gepubliceerde versies.',
    none: 'Er zijn nog geen rapportages.',
    noneShared: 'Er zijn nog geen rapportages met je gedeeld.',
    new: 'Nieuwe rapportage',
    name: 'Titel',
    period: 'Periode',
    audience: 'Voor',
    version: 'Gepubliceerd',
    draft: 'Concept, nog niet gepubliceerd',
    versionN: 'Versie {n}, {date}',
    open: 'Lees versie {n}',
    earlier: 'Eerdere versies:',
    versionShort: 'versie {n}',
    csv: 'Cijfers voor Excel (CSV)',
    iati: 'IATI (XML)',
    loading: 'Laden…',
    failed: 'De rapportages konden niet geladen worden.',
  },
  en: {
    title: 'Reports',
    funderTitle: 'Reports for you',
    funderIntro: 'These are the reports shared with you. You see published versions only.',
    none: 'There are no reports yet.',
    noneShared: 'No reports have been shared with you yet.',
    new: 'New report',
    name: 'Title',
    period: 'Period',
    audience: 'For',
    version: 'Published',
    draft: 'Draft, not published yet',
    versionN: 'Version {n}, {date}',
    open: 'Read version {n}',
    earlier: 'Earlier versions:',
    versionShort: 'version {n}',
    csv: 'Numbers (CSV)',
    iati: 'IATI (XML)',
    loading: 'Loading…',
    failed: 'The reports could not be loaded.',
  },
});

type Summary = {
  id: number;
  title: string;
  audience: ReportAudience;
  periodFrom: string;
  periodTo: string;
  latestVersion: number | null;
  latestPublishedAt: string | null;
};

/** Staff: all reports, to edit and publish. Funders: the published reports shared with them. */
@customElement('ww-reports-page')
export class ReportsPage extends LitElement {
  @property({ attribute: false }) user: Me | null = null;
  @state() private reports: Summary[] | null = null;
  private readonly loader = new PageLoader(
    this,
    async () => {
      this.reports = (await get<{ reports: Summary[] }>('/api/reports')).reports;
    },
    { loading: t('loading'), failed: t('failed') },
  );

  private period(r: Summary) {
    return `${formatDate(r.periodFrom)} – ${formatDate(r.periodTo)}`;
  }

  /** Every version stays readable: a funder compares what was reported before. */
  private earlier(r: Summary) {
    const numbers = Array.from({ length: (r.latestVersion ?? 1) - 1 }, (_, i) => r.latestVersion! - 1 - i);
    if (!numbers.length) return nothing;
    return html`<p class="earlier">
      ${t('earlier')}
      ${numbers.map((n, i) => html`${i ? ', ' : ''}<a data-reload href=${`/reports/${r.id}/versions/${n}`}>${t('versionShort', { n })}</a>`)}
    </p>`;
  }

  private renderFunder(reports: Summary[]) {
    return html`
      <h1 tabindex="-1">${t('funderTitle')}</h1>
      <p>${t('funderIntro')}</p>
      ${
        reports.length
          ? html`<ul class="cards">
            ${reports.map(
              (r) => html`<li class="card">
                <h2>${r.title}</h2>
                <p class="muted">${this.period(r)} · ${t('versionN', { n: r.latestVersion!, date: formatDate(r.latestPublishedAt) })}</p>
                <div class="actions">
                  <a class="button" data-reload href=${`/reports/${r.id}/versions/${r.latestVersion}`}>${t('open', { n: r.latestVersion! })}</a>
                  <a href=${`/api/reports/${r.id}/versions/${r.latestVersion}/export.csv${locale() === 'nl' ? '?excel=nl' : ''}`} download>${t('csv')}</a>
                  <a href=${`/api/reports/${r.id}/versions/${r.latestVersion}/iati.xml`} download>${t('iati')}</a>
                </div>
                ${this.earlier(r)}
              </li>`,
            )}
          </ul>`
          : html`<p>${t('noneShared')}</p>`
      }
    `;
  }

  override render() {
    if (!this.reports) return html`<h1 tabindex="-1">${t('title')}</h1>${this.loader.status()}`;
    if (this.user?.role === 'funder') return this.renderFunder(this.reports);
    return html`
      <h1 tabindex="-1">${t('title')}</h1>
      <p><a class="button" href="/reports/new">${t('new')}</a></p>
      ${
        this.reports.length
          ? tableRegion(
              t('title'),
              html`<table class="phone-cards">
              <thead><tr><th scope="col">${t('name')}</th><th scope="col">${t('audience')}</th><th scope="col">${t('period')}</th><th scope="col">${t('version')}</th></tr></thead>
              <tbody>
                ${this.reports.map(
                  (r) => html`<tr>
                    <td><a href=${`/reports/${r.id}`}>${r.title}</a></td>
                    <td data-label=${t('audience')}>${reportAudienceWords[locale()][r.audience]}</td>
                    <td data-label=${t('period')}>${this.period(r)}</td>
                    <td data-label=${t('version')}>${r.latestVersion ? html`<a data-reload href=${`/reports/${r.id}/versions/${r.latestVersion}`}>${t('versionN', { n: r.latestVersion, date: formatDate(r.latestPublishedAt) })}</a>` : t('draft')}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`,
            )
          : html`<p>${t('none')}</p>`
      }
      ${nothing}
    `;
  }

  static override styles = [
    pageStyles,
    css`
      ul.cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 1rem; max-width: 48rem; }
      .cards h2 { margin-top: 0; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-reports-page': ReportsPage;
  }
}
