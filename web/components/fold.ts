// A part of a long page that folds away: its heading is a button (the disclosure pattern), so it
// stays a heading for screen readers, takes the keyboard, and says whether the part is open.
import { css, html, nothing, type TemplateResult } from 'lit';

export type Fold = {
  /** Makes the ids of the heading and of the part it opens. */
  id: string;
  level: 2 | 3;
  title: TemplateResult | string;
  /** One line under the heading that says what the folded part holds. */
  note?: string;
  open: boolean;
  toggle: () => void;
};

/** The heading (with its note) and, when open, the part; a closed part stays in the page, hidden. */
export function fold(f: Fold, body: TemplateResult): TemplateResult {
  const button = html`<button type="button" class="fold" id=${`${f.id}-h`} aria-expanded=${f.open ? 'true' : 'false'} aria-controls=${`${f.id}-part`} @click=${f.toggle}><span>${f.title}</span></button>`;
  return html`${f.level === 2 ? html`<h2 class="fold">${button}</h2>` : html`<h3 class="fold">${button}</h3>`}
    ${f.note ? html`<p class="hint fold-note">${f.note}</p>` : nothing}
    <div id=${`${f.id}-part`} ?hidden=${!f.open}>${body}</div>`;
}

export const foldStyles = css`
  h2.fold, h3.fold { margin-bottom: 0.25rem; }
  button.fold {
    all: unset; box-sizing: border-box; display: flex; gap: 0.5rem; align-items: baseline; width: 100%;
    min-height: 44px; padding: 0.4rem 0; cursor: pointer; font-weight: 700; color: var(--ww-ink);
  }
  /* the marker is decoration (empty alternative text): aria-expanded says open or closed */
  button.fold::before { content: '▸' / ''; color: var(--ww-accent); flex: none; }
  button.fold[aria-expanded='true']::before { content: '▾' / ''; }
  button.fold:focus-visible { outline: 3px solid var(--ww-focus); outline-offset: 2px; }
  .fold-note { margin: 0 0 0.5rem 1.4rem; }
  [hidden] { display: none !important; }
`;
