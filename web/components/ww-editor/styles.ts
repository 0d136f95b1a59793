// The editor's looks: the light-DOM parts (label, editable area), adopted once into the tree that
// holds an editor, and the shadow root's toolbar and link form.
import { css } from 'lit';

/** Styles for the parts that live in light DOM (label and editable area); adopted once into the tree that holds the editor. */
const lightStyles = css`
  .ww-editor-label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
  .ww-editor-area {
    min-height: 10rem; padding: 0.6rem 0.7rem; border: 1px solid #6b7671; border-radius: 0 0 6px 6px; background: #fff;
    color: #1c2321; white-space: pre-wrap; overflow-wrap: anywhere; word-break: normal; line-height: 1.5;
  }
  ww-editor[toolbar-below] .ww-editor-area { border-radius: 6px 6px 0 0; }
  .ww-editor-area:focus { outline: 3px solid #c25e00; outline-offset: 2px; }
  .ww-editor-area[aria-invalid='true'] { border: 2px solid #a3261b; }
  .ww-editor-area > :first-child { margin-top: 0; }
  .ww-editor-area > :last-child { margin-bottom: 0; }
  .ww-editor-area p { margin: 0 0 0.75rem; }
  .ww-editor-area h2 { font-size: 1.25rem; margin: 1rem 0 0.5rem; }
  .ww-editor-area h3 { font-size: 1.1rem; margin: 1rem 0 0.5rem; }
  .ww-editor-area ul, .ww-editor-area ol { padding-left: 1.5rem; margin: 0 0 0.75rem; }
  .ww-editor-area blockquote { border-left: 4px solid #c9cfc8; margin: 0 0 0.75rem; padding-left: 0.75rem; }
  .ww-editor-area a { color: #1d5c4d; }
  .ww-editor-area .ProseMirror-gapcursor { display: none; }
`;
const adopted = new WeakSet<Document | ShadowRoot>();
let sheet: CSSStyleSheet | null = null;

export function adoptLightStyles(root: Node): void {
  if (!(root instanceof Document || root instanceof ShadowRoot) || adopted.has(root)) return;
  adopted.add(root);
  if ('adoptedStyleSheets' in root) {
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(lightStyles.cssText);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
}

export const editorStyles = css`
  :host { display: block; }
  [role='toolbar'] {
    display: flex; flex-wrap: wrap; gap: 0.25rem; padding: 0.25rem; border: 1px solid #6b7671; border-bottom: 0;
    border-radius: 6px 6px 0 0; background: #f1f3ef;
  }
  button {
    font: inherit; min-height: 44px; min-width: 44px; padding: 0.25rem 0.6rem; border-radius: 6px; cursor: pointer;
    border: 2px solid #1d5c4d; background: #fff; color: #1d5c4d; font-weight: 600; display: inline-flex; align-items: center; gap: 0.3rem;
  }
  .tool { position: relative; border-color: transparent; background: transparent; color: #1c2321; font-weight: 400; }
  .tool:hover { border-color: #6b7671; }
  .tool[aria-pressed='true'], .tool[data-active='true'] { background: #1d5c4d; color: #fff; border-color: #1d5c4d; }
  .tool[disabled] { opacity: 0.6; cursor: not-allowed; }
  .glyph { font-weight: 700; min-width: 1ch; text-align: center; }
  :host([toolbar-below]) [role='toolbar'] { border-bottom: 1px solid #6b7671; border-top: 0; border-radius: 0 0 6px 6px; }
  :host([toolbar-below]) .link-form { border-bottom: 1px solid #6b7671; border-top: 0; }
  /* On a phone a full toolbar shows only the symbols (the words stay as the buttons' names), so it fits in two rows. */
  @media (max-width: 32rem) {
    .many .word { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .many .tool { padding: 0.25rem; justify-content: center; }
  }
  /* A few tools keep their words on a phone; only a very narrow layout (a phone zoomed to 200%) drops them too. */
  @media (max-width: 15rem) {
    .few .word { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .few .tool { padding: 0.25rem; justify-content: center; }
    .few { gap: 0; padding: 0.15rem; }
  }
  .tool-italic .glyph { font-style: italic; font-family: Georgia, serif; }
  button[type='submit'] { background: #1d5c4d; color: #fff; }
  :focus-visible { outline: 3px solid #c25e00; outline-offset: 2px; }
  .link-form { display: grid; gap: 0.35rem; padding: 0.75rem; border: 1px solid #6b7671; border-bottom: 0; background: #fff; }
  label { font-weight: 600; }
  .hint { color: #4d5a56; font-size: 0.9rem; }
  input { font: inherit; min-height: 44px; padding: 0.5rem 0.6rem; border: 1px solid #6b7671; border-radius: 6px; width: 100%; box-sizing: border-box; }
  input[aria-invalid='true'] { border: 2px solid #a3261b; }
  .field-error { color: #a3261b; font-weight: 600; }
  .field-error:empty { display: none; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
`;
