import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, api, get } from '../api.js';
import { messages } from '../i18n.js';
import { isStaff, type Project } from '../models.js';
import type { Me } from '../session.js';
import { pageStyles } from '../components/shared-styles.js';
import { refineTitle } from '../title.js';
import { PageLoader } from '../components/page-loader.js';
import { tableRegion } from '../components/table-region.js';
import { refocus } from '../components/refocus.js';

const t = messages({
  nl: {
    title: 'Onderzoeken met QDA-software',
    back: 'Terug naar het project',
    loading: 'Laden…',
    failed: 'Laden lukte niet.',
    notFound: 'Dit project bestaat niet.',
    intro:
      'Onderzoekers werken met ATLAS.ti, NVivo, MAXQDA of QualCoder. Die lezen REFI-QDA-bestanden (.qdpx). Zo geef je hun de verhalen, en haal je hun codes weer binnen.',
    exportHeading: '1. Verhalen exporteren',
    exportIntro:
      'Je krijgt de verhalen van dit project die het team mag zien, met de codes, de gecodeerde fragmenten, de vertellers en de plaatsingen op het sociaal klimaat. Ingetrokken verhalen zitten er niet in. Deel het bestand alleen met wie de verhalen mag lezen.',
    download: '.qdpx downloaden',
    importHeading: '2. Codes terughalen',
    importIntro:
      'Kies het .qdpx-bestand dat uit het programma terugkomt. Eerst zie je wat er bij zou komen; pas als je op Importeren drukt, wordt alles in één keer opgeslagen.',
    file: '.qdpx-bestand',
    check: 'Controleren',
    commit: 'Importeren',
    chooseFile: 'Kies eerst een bestand.',
    summary: '{add} nieuwe coderingen, {codes} nieuwe codes, {here} al aanwezig.',
    nothing: 'Dit bestand voegt niets toe.',
    done: 'Geïmporteerd: {add} coderingen en {codes} nieuwe codes.',
    adds: 'Dit komt erbij',
    story: 'Verhaal',
    passage: 'Fragment',
    code: 'Code',
    moved: 'verschoven: het verhaal is sinds de export veranderd',
    newCode: 'nieuwe code',
    unknownSources: 'Bronnen die niet uit dit project komen (niet ingelezen)',
    unknownCodes: 'Codes die niet in het codeboek staan',
    skipped: 'Overgeslagen',
  },
  en: {
    title: 'Research with QDA software',
    back: 'Back to the project',
    loading: 'Loading…',
    failed: 'Loading failed.',
    notFound: 'This project does not exist.',
    intro:
      'Researchers work with ATLAS.ti, NVivo, MAXQDA or QualCoder. These read REFI-QDA files (.qdpx). This is how you give them the stories and bring their codes back.',
    exportHeading: '1. Export the stories',
    exportIntro:
      'You get the stories of this project the team may see, with the codes, coded passages, tellers and social-climate placements. Withdrawn stories are not in it. Share the file only with people who may read the stories.',
    download: 'Download .qdpx',
    importHeading: '2. Bring codes back',
    importIntro:
      'Choose the .qdpx file that comes back from the program. First you see what would be added; only when you choose Import is everything saved at once.',
    file: '.qdpx file',
    check: 'Check',
    commit: 'Import',
    chooseFile: 'Choose a file first.',
    summary: '{add} new codings, {codes} new codes, {here} already here.',
    nothing: 'This file adds nothing.',
    done: 'Imported: {add} codings and {codes} new codes.',
    adds: 'What will be added',
    story: 'Story',
    passage: 'Passage',
    code: 'Code',
    moved: 'moved: the story changed since the export',
    newCode: 'new code',
    unknownSources: 'Sources not from this project (not read)',
    unknownCodes: 'Codes not in the codebook',
    skipped: 'Skipped',
  },
});

type Plan = {
  sources: { matched: number; unknown: { guid: string; name: string }[] };
  codes: { matched: number; new: { guid: string; name: string; existingCodeId: number | null }[]; unknown: string[] };
  codings: {
    add: { guid: string; storyId: number; storyTitle: string; quote: string; status: 'ok' | 'moved'; target: { kind: string; name: string } }[];
    alreadyHere: number;
    skipped: { guid: string; storyId: number | null; reason: string }[];
  };
};
type Answer = { mode: 'preview' | 'commit'; plan: Plan; result: { codesCreated: number; codingsAdded: number } | null };

/** A project's stories out to QDA tools (.qdpx) and their codes back in: preview, then all or nothing. */
@customElement('ww-project-qda-page')
export class ProjectQdaPage extends LitElement {
  params: Record<string, string> = {};
  user: Me | null = null;
  @state() private project: Project | null = null;
  @state() private file: File | null = null;
  @state() private answer: Answer | null = null;
  @state() private message = '';
  @state() private error = '';
  @state() private busy = false;

  private readonly loader = new PageLoader(
    this,
    async () => {
      this.project = (await get<{ project: Project }>(`/api/projects/${encodeURIComponent(this.params.id ?? '')}`)).project;
      refineTitle(this, this.project.name);
    },
    { loading: t('loading'), failed: (e) => (e instanceof ApiError && (e.status === 404 || e.status === 400) ? t('notFound') : t('failed')) },
  );

  private pick(e: Event): void {
    this.file = (e.target as HTMLInputElement).files?.[0] ?? null;
    this.answer = null;
    this.message = '';
    this.error = '';
  }

  private async run(mode: 'preview' | 'commit'): Promise<void> {
    if (!this.file) {
      this.error = t('chooseFile');
      return;
    }
    this.busy = true;
    this.error = '';
    this.message = '';
    try {
      const answer = await api<Answer>(
        'POST',
        `/api/projects/${this.project!.id}/qdpx/import?mode=${mode}`,
        new Blob([await this.file.arrayBuffer()], { type: 'application/zip' }),
      );
      this.answer = answer;
      const p = answer.plan;
      this.message =
        mode === 'commit'
          ? t('done', { add: answer.result!.codingsAdded, codes: answer.result!.codesCreated })
          : p.codings.add.length || p.codes.new.length
            ? t('summary', { add: p.codings.add.length, codes: p.codes.new.filter((c) => c.existingCodeId === null).length, here: p.codings.alreadyHere })
            : t('nothing');
    } catch (e) {
      this.answer = null;
      this.error = e instanceof ApiError ? e.message : t('failed');
    } finally {
      this.busy = false;
    }
    // The disabled buttons dropped the focus: back to Controleren, or after an import (its button stays off) to what was said.
    await refocus(this, mode === 'preview' ? '#check' : '.said');
  }

  private renderPlan(a: Answer) {
    const p = a.plan;
    return html`
      ${
        p.codings.add.length
          ? tableRegion(
              t('adds'),
              html`<table>
              <caption>${t('adds')}</caption>
              <thead><tr><th scope="col">${t('story')}</th><th scope="col">${t('passage')}</th><th scope="col">${t('code')}</th></tr></thead>
              <tbody>
                ${p.codings.add.map(
                  (c) => html`<tr>
                    <th scope="row"><a href="/coding/${c.storyId}">${c.storyTitle}</a></th>
                    <td>“${c.quote}”${c.status === 'moved' ? html`<span class="hint">${t('moved')}</span>` : nothing}</td>
                    <td>${c.target.name}${c.target.kind === 'newCode' ? html`<span class="hint">${t('newCode')}</span>` : nothing}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`,
            )
          : nothing
      }
      ${p.sources.unknown.length ? html`<h3>${t('unknownSources')}</h3><ul>${p.sources.unknown.map((s) => html`<li>${s.name || s.guid}</li>`)}</ul>` : nothing}
      ${p.codes.unknown.length ? html`<h3>${t('unknownCodes')}</h3><ul>${p.codes.unknown.map((g) => html`<li><code>${g}</code></li>`)}</ul>` : nothing}
      ${p.codings.skipped.length ? html`<h3>${t('skipped')}</h3><ul>${p.codings.skipped.map((s) => html`<li>${s.reason}</li>`)}</ul>` : nothing}
    `;
  }

  override render() {
    if (this.loader.failed) return html`<h1 tabindex="-1">${t('title')}</h1>${this.loader.status()}`;
    const p = this.project;
    if (!p) return this.loader.status();
    const a = this.answer;
    return html`
      <p class="crumb"><a href="/projects/${p.id}">← ${t('back')}</a></p>
      <h1 tabindex="-1">${t('title')}: ${p.name}</h1>
      <p>${t('intro')}</p>
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">${t('exportHeading')}</h2>
        <p>${t('exportIntro')}</p>
        <p><a class="button" href="/api/projects/${p.id}/stories.qdpx" download>${t('download')}</a></p>
      </section>
      ${
        isStaff(this.user?.role)
          ? html`<section aria-labelledby="import-heading">
            <h2 id="import-heading">${t('importHeading')}</h2>
            <p>${t('importIntro')}</p>
            <div class="stack">
              <label>${t('file')}<input type="file" accept=".qdpx,application/zip" @change=${this.pick} /></label>
              <div class="actions">
                <button class="secondary" id="check" ?disabled=${this.busy} @click=${() => this.run('preview')}>${t('check')}</button>
                <button ?disabled=${this.busy || !a || a.mode === 'commit' || (a.plan.codings.add.length === 0 && a.plan.codes.new.length === 0)} @click=${() => this.run('commit')}>${t('commit')}</button>
              </div>
              <div role="status">${this.message ? html`<p class="notice said" tabindex="-1">${this.message}</p>` : nothing}</div>
              <div role="alert">${this.error ? html`<p class="notice error said" tabindex="-1">${this.error}</p>` : nothing}</div>
              ${a ? this.renderPlan(a) : nothing}
            </div>
          </section>`
          : nothing
      }
    `;
  }

  static override styles = [
    pageStyles,
    css`
      .crumb { margin: 0 0 0.5rem; }
      .stack { display: grid; gap: 0.75rem; max-width: 60rem; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
      caption { text-align: left; font-weight: 600; padding: 0.5rem 0; }
      td .hint { display: block; font-size: 0.85rem; }
      tbody th { text-align: left; font-weight: 600; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-project-qda-page': ProjectQdaPage;
  }
}
