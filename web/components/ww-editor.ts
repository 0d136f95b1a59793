import { Editor, type JSONContent } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { messages } from '../i18n.js';
import { LocaleController } from './locale-controller.js';
import { docIsEmpty, normaliseUrl, SAFE_URL } from '../richtext.js';

const t = messages({
  nl: {
    toolbar: 'Opmaak', bold: 'Vet', italic: 'Schuin', h2: 'Kop', h3: 'Kleine kop', bullets: 'Opsomming', numbers: 'Nummering',
    quote: 'Citaat', link: 'Link', url: 'Adres van de link', urlHint: 'Begint met https://, http:// of mailto:', apply: 'Link plaatsen',
    remove: 'Link weghalen', cancel: 'Annuleren', badUrl: 'Dit adres werkt niet. Gebruik een webadres (https://…) of een e-mailadres.',
  },
  en: {
    toolbar: 'Formatting', bold: 'Bold', italic: 'Italic', h2: 'Heading', h3: 'Subheading', bullets: 'Bullets', numbers: 'Numbers',
    quote: 'Quote', link: 'Link', url: 'Address of the link', urlHint: 'Starts with https://, http:// or mailto:', apply: 'Add link',
    remove: 'Remove link', cancel: 'Cancel', badUrl: 'This address does not work. Use a web address (https://…) or an email address.',
  },
});

export type WwChangeEvent = CustomEvent<{ value: JSONContent }>;

type Tool = { key: 'bold' | 'italic' | 'h2' | 'h3' | 'bullets' | 'numbers' | 'quote'; glyph: string; active: (e: Editor) => boolean; run: (e: Editor) => void };

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
 * A pointer press on a format button must not take the focus from the text: a blur and re-focus
 * lets the browser's selection replace the editor's, which drops a just-toggled mark (bold on, then
 * the next letters come out plain). Keyboard users still reach the buttons with Tab.
 */
const keepEditorFocus = (e: MouseEvent) => e.preventDefault();

/** Styles for the parts that live in light DOM (label and editable area); adopted once into the tree that holds the editor. */
const lightStyles = css`
  .ww-editor-label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
  .ww-editor-area {
    min-height: 10rem; padding: 0.6rem 0.7rem; border: 1px solid #6b7671; border-radius: 0 0 6px 6px; background: #fff;
    color: #1c2321; white-space: pre-wrap; overflow-wrap: anywhere; word-break: normal; line-height: 1.5;
  }
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

  /** The document as tiptap JSON. */
  get value(): JSONContent {
    return this.editor ? this.editor.getJSON() : (this.pending ?? { type: 'doc', content: [{ type: 'paragraph' }] });
  }
  set value(doc: JSONContent | null) {
    this.pending = doc;
    if (this.editor && doc && JSON.stringify(doc) !== JSON.stringify(this.editor.getJSON())) this.editor.commands.setContent(doc, { emitUpdate: false });
  }

  get isEmpty(): boolean {
    return this.editor ? this.editor.isEmpty || !this.editor.getText().trim() : docIsEmpty(this.pending);
  }

  /** Moves the focus into the editable area (at the end of the text). */
  override focus(): void {
    this.editor?.commands.focus('end');
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
    if (this.editor && (changed.has('describedby') || changed.has('invalid'))) this.editor.setOptions({ editorProps: { attributes: this.areaAttributes() } });
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

  private createEditor(): void {
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
          heading: { levels: [2, 3] },
          link: {
            openOnClick: false,
            autolink: true,
            protocols: [],
            defaultProtocol: 'https',
            isAllowedUri: (url) => SAFE_URL.test(url.trim()),
            shouldAutoLink: (url) => SAFE_URL.test(url) || !/^[a-z][a-z0-9+.-]*:/i.test(url),
          },
        }),
      ],
      editorProps: { attributes: this.areaAttributes() },
      onUpdate: ({ editor }) => {
        this.dispatchEvent(new CustomEvent('ww-change', { detail: { value: editor.getJSON() }, bubbles: true, composed: true }));
      },
      onTransaction: () => this.requestUpdate(),
    });
  }

  private toolbarKey(e: KeyboardEvent): void {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[role="toolbar"] > button')];
    const at = buttons.indexOf(e.target as HTMLButtonElement);
    if (at < 0) return;
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
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive('link')) {
      editor.chain().focus().insertContent({ type: 'text', text: href.replace(/^mailto:/i, ''), marks: [{ type: 'link', attrs: { href } }] }).run();
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    }
    this.linkOpen = false;
  }

  private removeLink(): void {
    this.editor?.chain().focus().extendMarkRange('link').unsetLink().run();
    this.linkOpen = false;
  }

  private linkKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.preventDefault();
      this.linkOpen = false;
      this.editor?.commands.focus();
    }
  }

  override render() {
    const ed = this.editor;
    const inLink = ed?.isActive('link') ?? false;
    const index = (i: number) => (i === this.focusIndex ? 0 : -1);
    return html`
      <slot name="label"></slot>
      <div role="toolbar" aria-label=${t('toolbar')} @keydown=${this.toolbarKey}>
        ${tools.map(
          (tool, i) => html`<button type="button" class="tool tool-${tool.key}" tabindex=${index(i)} aria-pressed=${ed && tool.active(ed) ? 'true' : 'false'}
            ?disabled=${!ed} @mousedown=${keepEditorFocus} @click=${() => ed && tool.run(ed)} @focus=${() => (this.focusIndex = i)}>
            <span class="glyph" aria-hidden="true">${tool.glyph}</span><span class="word">${t(tool.key)}</span>
          </button>`,
        )}
        <button type="button" class="tool tool-link" tabindex=${index(tools.length)} aria-pressed=${inLink ? 'true' : 'false'} aria-expanded=${this.linkOpen ? 'true' : 'false'}
          aria-controls="link-form" ?disabled=${!ed} @click=${this.openLink} @focus=${() => (this.focusIndex = tools.length)}>
          <span class="glyph" aria-hidden="true">↗</span><span class="word">${t('link')}</span>
        </button>
      </div>
      ${this.linkOpen
        ? html`<form id="link-form" class="link-form" @submit=${this.applyLink} @keydown=${this.linkKey} novalidate>
            <label for="link-url">${t('url')}</label>
            <span class="hint" id="link-hint">${t('urlHint')}</span>
            <input id="link-url" type="url" inputmode="url" autocomplete="url" aria-describedby="link-hint link-error" aria-invalid=${this.linkError ? 'true' : 'false'} />
            <span id="link-error" class="field-error" role="alert">${this.linkError ? t('badUrl') : nothing}</span>
            <div class="actions">
              <button type="submit">${t('apply')}</button>
              ${inLink ? html`<button type="button" class="secondary" @click=${this.removeLink}>${t('remove')}</button>` : nothing}
              <button type="button" class="secondary" @click=${() => { this.linkOpen = false; this.editor?.commands.focus(); }}>${t('cancel')}</button>
            </div>
          </form>`
        : nothing}
      <slot></slot>
    `;
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
    .tool[aria-pressed='true'] { background: #1d5c4d; color: #fff; border-color: #1d5c4d; }
    .tool[disabled] { opacity: 0.6; cursor: not-allowed; }
    .glyph { font-weight: 700; min-width: 1ch; text-align: center; }
    /* On a phone the toolbar shows only the symbols (the words stay as the buttons' names), so it fits in two rows. */
    @media (max-width: 32rem) {
      .word { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
      .tool { padding: 0.25rem; justify-content: center; }
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
