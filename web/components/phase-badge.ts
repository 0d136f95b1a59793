import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { messages } from '../i18n.js';
import type { Phase } from '../models.js';

const t = messages({
  nl: { ZIEN: 'Zien', DENKEN: 'Denken', DOEN: 'Doen', VINDEN: 'Vinden', phase: 'Fase' },
  en: { ZIEN: 'See', DENKEN: 'Think', DOEN: 'Do', VINDEN: 'Find', phase: 'Phase' },
});

/** Label for a phase of the four moves, in the current language. */
export const phaseLabel = (p: Phase) => t(p);

/** The project's current move (ZIEN, DENKEN, DOEN, VINDEN) as a small badge. */
@customElement('ww-phase-badge')
export class PhaseBadge extends LitElement {
  @property() phase: Phase = 'ZIEN';

  override render() {
    return html`<span class="badge ${this.phase.toLowerCase()}"><span class="visually-hidden">${t('phase')}: </span>${t(this.phase)}</span>`;
  }

  static override styles = css`
    .badge { display: inline-block; padding: 0 0.6rem; border-radius: 999px; font-size: 0.85rem; font-weight: 700; border: 1px solid currentColor; }
    .zien { color: #1f4e79; background: #e7eff8; }
    .denken { color: #6a3d00; background: #fbf0de; }
    .doen { color: #1d5c4d; background: #e3f1ec; }
    .vinden { color: #5b2a6e; background: #f1e7f5; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-phase-badge': PhaseBadge;
  }
}
