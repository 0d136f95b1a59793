import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get } from '../api.js';
import { pageStyles } from '../components/shared-styles.js';
import { messages } from '../i18n.js';
import type { PublicLink } from '../stories.js';
import { refineTitle } from '../title.js';
import { PageLoader } from '../components/page-loader.js';

const t = messages({
  nl: {
    print: 'Afdrukken',
    back: 'Terug naar de links',
    loading: 'Laden…',
    notFound: 'Deze link bestaat niet of je mag hem niet zien.',
    qr: 'QR-code naar {url}',
    tip: 'Tip: druk af op A4, staand. De knoppen en het menu komen niet op papier.',
    label: 'Link: {label}. Deze naam is voor het team en staat niet op de poster.',
  },
  en: {
    print: 'Print',
    back: 'Back to the links',
    loading: 'Loading…',
    notFound: 'This link does not exist or you may not see it.',
    qr: 'QR code to {url}',
    tip: 'Tip: print on A4, portrait. The buttons and the menu do not appear on paper.',
    label: 'Link: {label}. This name is for the team and is not on the poster.',
  },
});

/**
 * A printable A4 poster for one resident link: project name, an invitation in Dutch and English,
 * the QR code, the short address to type, and at the foot the organisation's name and contact
 * (ORG_NAME, ORG_CONTACT, each when set) with a one-line privacy note. In print it fills the page
 * top to bottom. The link's name is the team's label ("poster bij de bakker"): shown above the
 * poster on screen, never on paper.
 */
@customElement('ww-link-poster-page')
export class LinkPosterPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private project: { id: number; name: string } | null = null;
  @state() private link: PublicLink | null = null;
  @state() private missing = false;
  @state() private organisation: { name: string | null; contact: string | null } | null = null;

  private readonly loader = new PageLoader(
    this,
    async () => {
      const res = await get<{ link: PublicLink; project: { id: number; name: string }; organisation: { name: string | null; contact: string | null } }>(
        `/api/links/${encodeURIComponent(this.params.linkId ?? '')}/poster`,
      );
      this.missing = String(res.project.id) !== this.params.id;
      this.project = res.project;
      this.link = res.link;
      refineTitle(this, res.project.name);
      this.organisation = res.organisation;
    },
    { loading: t('loading'), failed: (e) => (e instanceof ApiError ? t('notFound') : String(e)) },
  );

  override render() {
    const back = html`<a href="/projects/${encodeURIComponent(this.params.id ?? '')}/links">← ${t('back')}</a>`;
    if (this.missing) return html`<p class="no-print">${back}</p><p role="alert">${t('notFound')}</p>`;
    if (!this.project || !this.link) return html`<p class="no-print">${back}</p>${this.loader.status()}`;
    const short = this.link.url.replace(/^https?:\/\//, '');
    const org = this.organisation!;
    return html`
      <div class="no-print tools">
        ${back}
        <button type="button" @click=${() => window.print()}>${t('print')}</button>
        <p class="hint">${t('tip')}</p>
        ${this.link.label ? html`<p class="hint">${t('label', { label: this.link.label })}</p>` : nothing}
      </div>
      <article class="poster">
        <div class="top">
          <p class="kicker"><span lang="nl">Vertel je verhaal</span> · <span lang="en">Tell your story</span></p>
          <h1 tabindex="-1" lang="nl">${this.project.name}</h1>
          <p class="invite" lang="nl">Wat is er veranderd in je buurt? Scan de code met je telefoon en vertel het ons. Het kost maar een paar minuten.</p>
          <p class="invite" lang="en">What has changed in your neighbourhood? Scan the code with your phone and tell us. It only takes a few minutes.</p>
        </div>
        <img class="qr" src="/api/links/${this.link.id}/qr.svg" alt=${t('qr', { url: short })} width="320" height="320" />
        <div class="address">
          <p class="type"><span lang="nl">Of typ dit adres</span> · <span lang="en">Or type this address</span></p>
          <p class="url">${short.split('/').map((part, i) => (i ? html`/<wbr /><span class="whole">${part}</span>` : part))}</p>
        </div>
        <footer>
          ${org.name ? html`<p class="org">${org.name}</p>` : nothing}
          ${org.contact ? html`<p class="contact"><span lang="nl">Vragen?</span> <span lang="en">Questions?</span> ${org.contact}</p>` : nothing}
          <!-- Without ORG_NAME the story stays with the project's team: never with the software's name. -->
          <p class="privacy" lang="nl">Je verhaal blijft bij ${org.name ?? 'het team van dit project'}. Jij kiest wie het mag lezen, en je kunt het altijd intrekken.</p>
          <p class="privacy" lang="en">Your story stays with ${org.name ?? 'the team of this project'}. You choose who may read it, and you can always withdraw it.</p>
        </footer>
      </article>
    `;
  }

  static override styles = [
    pageStyles,
    css`
      .tools { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: center; margin-bottom: 1.5rem; }
      .tools .hint { margin: 0; flex-basis: 100%; }
      .poster { max-width: 42rem; margin: 0 auto; padding: 2rem 1.5rem; text-align: center; border: 3px solid var(--ww-accent); border-radius: 12px; background: #fff; display: flex; flex-direction: column; gap: 1rem; }
      .poster p { margin-left: auto; margin-right: auto; }
      .kicker { font-size: 1.3rem; font-weight: 700; color: var(--ww-accent); margin: 0 auto 0.5rem; }
      /* Whole words: smaller on a narrow screen so a long Dutch compound fits its line; only a word longer than the line is broken (hyphenated where the browser can). */
      h1 { font-size: clamp(1.6rem, 7.5vw, 2.4rem); margin: 0 0 1rem; overflow-wrap: break-word; hyphens: auto; hyphenate-limit-chars: 12 6 6; }
      @media (max-width: 30em) { .poster { padding: 1.5rem 1rem; } }
      .invite { font-size: 1.25rem; margin: 0 auto 0.75rem; max-width: 34rem; }
      .invite[lang='en'] { color: var(--ww-muted); }
      .qr { display: block; width: min(320px, 80%); height: auto; margin: 0.5rem auto 0; image-rendering: pixelated; }
      .type { margin: 0 auto 0.25rem; font-size: 1.05rem; }
      .url { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 1.3rem; font-weight: 700; overflow-wrap: break-word; margin: 0 auto; }
      /* the address breaks after a slash, never inside the code a resident types */
      .url .whole { white-space: nowrap; }
      footer { border-top: 2px solid var(--ww-accent); padding-top: 1rem; }
      .org { font-size: 1.3rem; font-weight: 700; margin: 0 auto 0.25rem; }
      .contact { font-size: 1.15rem; margin: 0 auto 0.75rem; overflow-wrap: anywhere; }
      .privacy { font-size: 1rem; margin: 0 auto 0.25rem; max-width: 36rem; }
      .privacy[lang='en'] { color: var(--ww-muted); }
      @media print {
        .no-print { display: none !important; }
        /* One A4 page, portrait, filled top to bottom: the footer sits at the foot of the page. */
        .poster { border: 0; max-width: none; padding: 0; min-height: 262mm; justify-content: space-between; gap: 0; }
        h1 { font-size: 36pt; }
        .kicker { font-size: 20pt; }
        .invite { font-size: 16pt; color: #000; }
        .invite[lang='en'] { color: #333; }
        .qr { width: 10.5cm; }
        .type { font-size: 14pt; }
        .url { font-size: 20pt; }
        footer { border-top: 1.5pt solid #000; }
        .org { font-size: 18pt; }
        .contact { font-size: 15pt; }
        .privacy { font-size: 12pt; color: #000; }
        .privacy[lang='en'] { color: #333; }
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-link-poster-page': LinkPosterPage;
  }
}
