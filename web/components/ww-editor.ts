// <ww-editor>: the rich text field. Its words, tools, focus helpers and styles live in ww-editor/.
import { Editor, type EditorOptions, type JSONContent } from '@tiptap/core';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LocaleController } from './locale-controller.js';
import { docIsEmpty, normaliseUrl } from '../richtext.js';
import { t } from './ww-editor/messages.js';
import { keepCaret, keepEditorFocus } from './ww-editor/focus.js';
import { adoptLightStyles, editorStyles } from './ww-editor/styles.js';
import { parseTools, starterKitFor, tools, type ToolKey } from './ww-editor/tools.js';

export { TOOL_KEYS, type ToolKey } from './ww-editor/tools.js';

export type WwChangeEvent = CustomEvent<{ value: JSONContent }>;

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
      // The text's own direction (Arabic on a Dutch page, Dutch on an Arabic one), not the page's.
      dir: 'auto',
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
      extensions: [starterKitFor(has)],
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

  static override styles = editorStyles;
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-editor': WwEditor;
  }
  interface HTMLElementEventMap {
    'ww-change': WwChangeEvent;
  }
}
