import { Editor, type EditorOptions, type JSONContent } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import StarterKit from '@tiptap/starter-kit';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { messages } from '../i18n.js';
import { LocaleController } from './locale-controller.js';
import { docIsEmpty, normaliseUrl, SAFE_URL } from '../richtext.js';

const t = messages({
  nl: {
    toolbar: 'Opmaak',
    bold: 'Vet',
    italic: 'Schuin',
    h2: 'Kop',
    h3: 'Kleine kop',
    bullets: 'Lijstje',
    numbers: 'Nummering',
    quote: 'Citaat',
    link: 'Link',
    url: 'Adres van de link',
    urlHint: 'Begint met https://, http:// of mailto:',
    apply: 'Link plaatsen',
    remove: 'Link weghalen',
    cancel: 'Annuleren',
    badUrl: 'Dit adres werkt niet. Gebruik een webadres (https://…) of een e-mailadres.',
  },
  en: {
    toolbar: 'Formatting',
    bold: 'Bold',
    italic: 'Italic',
    h2: 'Heading',
    h3: 'Subheading',
    bullets: 'Bullets',
    numbers: 'Numbers',
    quote: 'Quote',
    link: 'Link',
    url: 'Address of the link',
    urlHint: 'Starts with https://, http:// or mailto:',
    apply: 'Add link',
    remove: 'Remove link',
    cancel: 'Cancel',
    badUrl: 'This address does not work. Use a web address (https://…) or an email address.',
  },
});

export type WwChangeEvent = CustomEvent<{ value: JSONContent }>;

/** The toolbar's buttons, in toolbar order; `tools` on the element picks a subset by these keys (plus `link`). */
export const TOOL_KEYS = ['bold', 'italic', 'h2', 'h3', 'bullets', 'numbers', 'quote', 'link'] as const;
export type ToolKey = (typeof TOOL_KEYS)[number];

type Tool = { key: Exclude<ToolKey, 'link'>; glyph: string; active: (e: Editor) => boolean; run: (e: Editor) => void };

const tools: Tool[] = [
  { key: 'bold', glyph: 'B', active: (e) => e.isActive('bold'), run: (e) => e.chain().focus().toggleBold().run() },
  { key: 'italic', glyph: 'I', active: (e) => e.isActive('italic'), run: (e) => e.chain().focus().toggleItalic().run() },
  { key: 'h2', glyph: 'H2', active: (e) => e.isActive('heading', { level: 2 }), run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
  { key: 'h3', glyph: 'H3', active: (e) => e.isActive('heading', { level: 3 }), run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run() },
  { key: 'bullets', glyph: '•', active: (e) => e.isActive('bulletList'), run: (e) => e.chain().focus().toggleBulletList().run() },
  { key: 'numbers', glyph: '1.', active: (e) => e.isActive('orderedList'), run: (e) => e.chain().focus().toggleOrderedList().run() },
  { key: 'quote', glyph: '“', active: (e) => e.isActive('blockquote'), run: (e) => e.chain().focus().toggleBlockquote().run() },
];

/**
 * The editor learns where the caret went from the browser's selectionchange event, which can come
 * after the next key: a caret just moved (Ctrl+End) and then Alt+F10 would leave the editor thinking
 * the caret is where it was. Read the browser's selection before the focus leaves.
 */
function keepCaret(view: EditorView): void {
  const sel = (view.root as Document).getSelection?.();
  if (!sel?.anchorNode || !sel.focusNode || !view.dom.contains(sel.anchorNode)) return;
  const anchor = view.posAtDOM(sel.anchorNode, sel.anchorOffset);
  const head = view.posAtDOM(sel.focusNode, sel.focusOffset);
  const { selection } = view.state;
  if (selection.anchor !== anchor || selection.head !== head) view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, anchor, head)));
}

/**
 * A pointer press on a format button must not take the focus from the text: a blur and re-focus
 * lets the browser's selection replace the editor's, which drops a just-toggled mark (bold on, then
 * the next letters come out plain). Keyboard users still reach the buttons with Tab.
 */
const keepEditorFocus = (e: MouseEvent) => e.preventDefault();

/** The tools named in a `tools` attribute (space or comma separated), in toolbar order; empty or unknown: all. */
function parseTools(value: string): ToolKey[] {
  const named = new Set(value.split(/[\s,]+/).filter(Boolean));
  const known = TOOL_KEYS.filter((k) => named.has(k));
  return known.length ? known : [...TOOL_KEYS];
}

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

function adoptLightStyles(root: Node): void {
  if (!(root instanceof Document || root instanceof ShadowRoot) || adopted.has(root)) return;
  adopted.add(root);
  if ('adoptedStyleSheets' in root) {
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(lightStyles.cssText);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
}

let count = 0;

/**
 * Rich text editor (tiptap) with an accessible toolbar. The label and the editable area live in
 * light DOM, so selection works as in any page; the toolbar lives in the shadow root.
 *
 * The toolbar follows the WAI-ARIA toolbar pattern: one Tab stop (roving tabindex), Left/Right/
 * Home/End move between its buttons, Escape returns to the text; Alt+F10 in the text moves to the
 * toolbar (the shortcut of the common editors, which screen reader users know).
 *
 * @attr tools - the buttons to offer, e.g. `tools="bold italic bullets"` (default: all of
 *   TOOL_KEYS). Formatting without a button is also left out of the editor (no shortcut, no
 *   markdown input rule, dropped on paste), so the text can only hold what the toolbar shows.
 * @attr toolbar-below - put the toolbar after the text, in tab order and on screen.
 *
 * @fires ww-change - `{ value }`: the document as tiptap JSON, after every edit.
 * @slot label - filled by the element itself with the visible label.
 * @slot - filled by the element itself with the editable area.
 */
@customElement('ww-editor')
export class WwEditor extends LitElement {
  /** The visible label; the editable area is labelled by it. */
  @property() label = '';
  /** Ids (in the same document or shadow root as this element) that describe the field, e.g. a hint and an error. */
  @property() describedby = '';
  @property({ type: Boolean }) invalid = false;
  /** The buttons to offer (see TOOL_KEYS); read when the editor is created. */
  @property() tools = '';
  /** The toolbar after the text instead of before it. */
  @property({ type: Boolean, reflect: true, attribute: 'toolbar-below' }) toolbarBelow = false;
  /** Words for the toolbar in a language the staff messages lack (the resident pages' six languages), by key: toolbar, bold, italic, … */
  @property({ attribute: false }) labels: Partial<Record<'toolbar' | ToolKey, string>> = {};
  @state() private linkOpen = false;
  @state() private linkError = false;
  @state() private focusIndex = 0;
  @query('#link-url') private linkInput?: HTMLInputElement;

  private editor: Editor | null = null;
  private labelEl: HTMLElement | null = null;
  private area: HTMLElement | null = null;
  private readonly uid = `ww-editor-${++count}`;
  constructor() {
    super();
    new LocaleController(this);
  }
  private pending: JSONContent | null = null;
  private lastSet: JSONContent | null | undefined = undefined;

  /** The document as tiptap JSON. */
  get value(): JSONContent {
    return this.editor ? this.editor.getJSON() : (this.pending ?? { type: 'doc', content: [{ type: 'paragraph' }] });
  }
  set value(doc: JSONContent | null) {
    // Lit sets an object-valued `.value=${doc}` again on every render of the page; the same object
    // again is not new content, and replacing the text with it would undo what was typed since.
    if (doc === this.lastSet) return;
    this.lastSet = doc;
    this.pending = doc;
    if (this.editor && doc && JSON.stringify(doc) !== JSON.stringify(this.editor.getJSON())) this.editor.commands.setContent(doc, { emitUpdate: false });
  }

  get isEmpty(): boolean {
    return this.editor ? this.editor.isEmpty || !this.editor.getText().trim() : docIsEmpty(this.pending);
  }

  /** Moves the focus into the editable area (at the end of the text). */
  override focus(): void {
    if (!this.editor) return;
    // tiptap's focus command moves the focus a frame later; keys pressed in between (a resident
    // typing on while the editor replaces the plain field) would be lost. Focus now, then place the caret.
    this.editor.view.focus();
    this.editor.commands.focus('end');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLightStyles(this.getRootNode());
    if (this.hasUpdated && !this.editor) this.createEditor();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.editor) {
      this.pending = this.editor.getJSON();
      this.editor.destroy();
      this.editor = null;
    }
    this.labelEl?.remove();
    this.area?.remove();
    this.labelEl = this.area = null;
  }

  protected override firstUpdated(): void {
    this.createEditor();
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (this.labelEl && changed.has('label')) this.labelEl.textContent = this.label;
    if (this.editor && (changed.has('describedby') || changed.has('invalid'))) this.editor.setOptions({ editorProps: this.editorProps() });
  }

  private areaAttributes(): Record<string, string> {
    const a: Record<string, string> = {
      class: 'ww-editor-area',
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-labelledby': `${this.uid}-label`,
      'aria-invalid': this.invalid ? 'true' : 'false',
    };
    if (this.describedby) a['aria-describedby'] = this.describedby;
    return a;
  }

  private get toolKeys(): ToolKey[] {
    return parseTools(this.tools);
  }

  /** The view's props; setOptions replaces them as a whole, so they are always built here. */
  private editorProps(): EditorOptions['editorProps'] {
    return {
      attributes: this.areaAttributes(),
      handleKeyDown: (view, e) => {
        if (!(e.altKey && e.key === 'F10')) return false;
        e.preventDefault();
        keepCaret(view);
        this.focusToolbar();
        return true;
      },
    };
  }

  private createEditor(): void {
    const has = new Set(this.toolKeys);
    const levels = ([2, 3] as const).filter((l) => has.has(`h${l}`));
    this.labelEl = document.createElement('span');
    this.labelEl.slot = 'label';
    this.labelEl.id = `${this.uid}-label`;
    this.labelEl.className = 'ww-editor-label';
    this.labelEl.textContent = this.label;
    this.area = document.createElement('div');
    this.append(this.labelEl, this.area);
    this.editor = new Editor({
      element: { mount: this.area },
      injectCSS: false,
      content: this.pending ?? '',
      extensions: [
        StarterKit.configure({
          code: false,
          codeBlock: false,
          strike: false,
          horizontalRule: false,
          underline: false,
          bold: has.has('bold') ? {} : false,
          italic: has.has('italic') ? {} : false,
          heading: levels.length ? { levels: [...levels] } : false,
          bulletList: has.has('bullets') ? {} : false,
          orderedList: has.has('numbers') ? {} : false,
          listItem: has.has('bullets') || has.has('numbers') ? {} : false,
          listKeymap: has.has('bullets') || has.has('numbers') ? {} : false,
          blockquote: has.has('quote') ? {} : false,
          link: !has.has('link')
            ? false
            : {
                openOnClick: false,
                autolink: true,
                protocols: [],
                defaultProtocol: 'https',
                isAllowedUri: (url) => SAFE_URL.test(url.trim()),
                shouldAutoLink: (url) => SAFE_URL.test(url) || !/^[a-z][a-z0-9+.-]*:/i.test(url),
              },
        }),
      ],
      editorProps: this.editorProps(),
      onUpdate: ({ editor }) => {
        this.dispatchEvent(new CustomEvent('ww-change', { detail: { value: editor.getJSON() }, bubbles: true, composed: true }));
      },
      onTransaction: () => this.requestUpdate(),
    });
    this.requestUpdate(); // the buttons were rendered disabled, before there was an editor
  }

  private get buttons(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[role="toolbar"] > button')];
  }

  /**
   * Back to the text where the caret was. Focused here and now: tiptap's own focus command waits a
   * frame, and keys pressed meanwhile would go to the button (Enter twice undoes the bold).
   */
  private backToText(): void {
    this.editor?.view.focus();
  }

  /** Moves the focus to the toolbar's one tab stop. */
  private focusToolbar(): void {
    const buttons = this.buttons;
    buttons[Math.min(this.focusIndex, buttons.length - 1)]?.focus();
  }

  private toolbarKey(e: KeyboardEvent): void {
    const buttons = this.buttons;
    const at = buttons.indexOf(e.target as HTMLButtonElement);
    if (at < 0) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      this.backToText();
      return;
    }
    let next = at;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (at + 1) % buttons.length;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (at - 1 + buttons.length) % buttons.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = buttons.length - 1;
    else return;
    e.preventDefault();
    this.focusIndex = next;
    buttons[next]!.focus();
  }

  private async openLink(): Promise<void> {
    this.linkOpen = !this.linkOpen;
    this.linkError = false;
    if (!this.linkOpen) return;
    await this.updateComplete;
    if (this.linkInput) {
      this.linkInput.value = (this.editor?.getAttributes('link').href as string | undefined) ?? '';
      this.linkInput.focus();
    }
  }

  private applyLink(e: Event): void {
    e.preventDefault();
    const editor = this.editor;
    if (!editor || !this.linkInput) return;
    const href = normaliseUrl(this.linkInput.value);
    if (!href) {
      this.linkError = true;
      this.linkInput.focus();
      return;
    }
    editor.view.focus();
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive('link')) {
      editor
        .chain()
        .focus()
        .insertContent({ type: 'text', text: href.replace(/^mailto:/i, ''), marks: [{ type: 'link', attrs: { href } }] })
        .run();
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    }
    this.linkOpen = false;
  }

  private removeLink(): void {
    this.editor?.view.focus();
    this.editor?.chain().focus().extendMarkRange('link').unsetLink().run();
    this.linkOpen = false;
  }

  private linkKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.preventDefault();
      this.linkOpen = false;
      this.backToText();
    }
  }

  override render() {
    const ed = this.editor;
    const inLink = ed?.isActive('link') ?? false;
    const keys = this.toolKeys;
    const shown = tools.filter((tool) => keys.includes(tool.key));
    const withLink = keys.includes('link');
    const buttonCount = shown.length + (withLink ? 1 : 0);
    const stop = Math.min(this.focusIndex, buttonCount - 1);
    const index = (i: number) => (i === stop ? 0 : -1);
    const toolbar = html`
      <div role="toolbar" aria-label=${this.labels.toolbar ?? t('toolbar')} class=${buttonCount > 4 ? 'many' : 'few'} @keydown=${this.toolbarKey}>
        ${shown.map(
          (tool, i) => html`<button type="button" class="tool tool-${tool.key}" tabindex=${index(i)} aria-pressed=${ed && tool.active(ed) ? 'true' : 'false'}
            ?disabled=${!ed} @mousedown=${keepEditorFocus} @click=${() => ed && (ed.view.focus(), tool.run(ed))} @focus=${() => (this.focusIndex = i)}>
            <span class="glyph" aria-hidden="true">${tool.glyph}</span><span class="word">${this.labels[tool.key] ?? t(tool.key)}</span>
          </button>`,
        )}
        ${
          withLink
            ? html`<button type="button" class="tool tool-link" data-active=${inLink ? 'true' : 'false'} tabindex=${index(shown.length)} aria-expanded=${this.linkOpen ? 'true' : 'false'}
              aria-controls="link-form" ?disabled=${!ed} @click=${this.openLink} @focus=${() => (this.focusIndex = shown.length)}>
              <span class="glyph" aria-hidden="true">↗</span><span class="word">${t('link')}</span>
            </button>`
            : nothing
        }
      </div>
      ${
        this.linkOpen
          ? html`<form id="link-form" class="link-form" @submit=${this.applyLink} @keydown=${this.linkKey} novalidate>
            <label for="link-url">${t('url')}</label>
            <span class="hint" id="link-hint">${t('urlHint')}</span>
            <input id="link-url" type="url" inputmode="url" autocomplete="url" aria-describedby="link-hint link-error" aria-invalid=${this.linkError ? 'true' : 'false'} />
            <span id="link-error" class="field-error" role="alert">${this.linkError ? t('badUrl') : nothing}</span>
            <div class="actions">
              <button type="submit">${t('apply')}</button>
              ${inLink ? html`<button type="button" class="secondary" @click=${this.removeLink}>${t('remove')}</button>` : nothing}
              <button type="button" class="secondary" @click=${() => {
                this.linkOpen = false;
                this.backToText();
              }}>${t('cancel')}</button>
            </div>
          </form>`
          : nothing
      }
    `;
    return this.toolbarBelow ? html`<slot name="label"></slot><slot></slot>${toolbar}` : html`<slot name="label"></slot>${toolbar}<slot></slot>`;
  }

  static override styles = css`
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
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-editor': WwEditor;
  }
  interface HTMLElementEventMap {
    'ww-change': WwChangeEvent;
  }
}
