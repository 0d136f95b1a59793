import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get } from '../api.js';
import { pageStyles } from '../components/shared-styles.js';
import { messages } from '../i18n.js';
import type { PublicLink } from '../stories.js';

const t = messages({
  nl: { print: 'Afdrukken', back: 'Terug naar de links', loading: 'Laden…', notFound: 'Deze link bestaat niet of je mag hem niet zien.', qr: 'QR-code naar {url}', tip: 'Tip: druk af op A4, staand. De knoppen en het menu komen niet op papier.' },
  en: { print: 'Print', back: 'Back to the links', loading: 'Loading…', notFound: 'This link does not exist or you may not see it.', qr: 'QR code to {url}', tip: 'Tip: print on A4, portrait. The buttons and the menu do not appear on paper.' },
});

/** A printable poster for one resident link: project name, QR code, short address, and an invitation in Dutch and English. */
@customElement('ww-link-poster-page')
export class LinkPosterPage extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private project: { id: number; name: string } | null = null;
  @state() private link: PublicLink | null = null;
  @state() private missing = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const pid = encodeURIComponent(this.params.id ?? '');
    try {
      const [p, l] = await Promise.all([get<{ project: { id: number; name: string } }>(`/api/projects/${pid}`), get<{ links: PublicLink[] }>(`/api/projects/${pid}/links`)]);
      this.project = p.project;
      this.link = l.links.find((x) => String(x.id) === this.params.linkId) ?? null;
      this.missing = !this.link;
    } catch (e) {
      if (e instanceof ApiError) this.missing = true;
      else throw e;
    }
  }

  override render() {
    const back = html`<a href="/projects/${encodeURIComponent(this.params.id ?? '')}/links">← ${t('back')}</a>`;
    if (this.missing) return html`<p class="no-print">${back}</p><p role="alert">${t('notFound')}</p>`;
    if (!this.project || !this.link) return html`<p role="status">${t('loading')}</p>`;
    const short = this.link.url.replace(/^https?:\/\//, '');
    return html`
      <div class="no-print tools">
        ${back}
        <button type="button" @click=${() => window.print()}>${t('print')}</button>
        <p class="hint">${t('tip')}</p>
      </div>
      <article class="poster">
        <p class="kicker"><span lang="nl">Vertel je verhaal</span> · <span lang="en">Tell your story</span></p>
        <h1 tabindex="-1">${this.project.name}</h1>
        <p class="invite" lang="nl">Wat is er veranderd in je buurt? Scan de code met je telefoon en vertel het ons. Het kost maar een paar minuten.</p>
        <p class="invite" lang="en">What has changed in your neighbourhood? Scan the code with your phone and tell us. It only takes a few minutes.</p>
        <img class="qr" src="/api/links/${this.link.id}/qr.svg" alt=${t('qr', { url: short })} width="320" height="320" />
        <p class="url">${short}</p>
        ${this.link.label ? html`<p class="label muted">${this.link.label}</p>` : nothing}
      </article>
    `;
  }

  static override styles = [
    pageStyles,
    css`
      .tools { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: center; margin-bottom: 1.5rem; }
      .tools .hint { margin: 0; flex-basis: 100%; }
      .poster { max-width: 42rem; margin: 0 auto; padding: 2rem 1.5rem; text-align: center; border: 3px solid var(--ww-accent); border-radius: 12px; background: #fff; }
      .kicker { font-size: 1.3rem; font-weight: 700; color: var(--ww-accent); margin: 0 auto 0.5rem; }
      h1 { font-size: 2.4rem; margin: 0 0 1rem; overflow-wrap: anywhere; }
      .invite { font-size: 1.25rem; margin: 0 auto 0.75rem; max-width: 34rem; }
      .invite[lang='en'] { color: var(--ww-muted); }
      .qr { display: block; width: min(320px, 80%); height: auto; margin: 1.5rem auto 0.75rem; image-rendering: pixelated; }
      .url { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 1.3rem; font-weight: 700; overflow-wrap: anywhere; margin: 0 auto; }
      .label { margin: 1rem auto 0; font-size: 0.9rem; }
      @media print {
        .no-print { display: none !important; }
        .poster { border: 0; max-width: none; padding: 0; }
        h1 { font-size: 36pt; }
        .kicker { font-size: 20pt; }
        .invite { font-size: 16pt; color: #000; }
        .invite[lang='en'] { color: #333; }
        .qr { width: 11cm; }
        .url { font-size: 18pt; }
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-link-poster-page': LinkPosterPage;
  }
}
