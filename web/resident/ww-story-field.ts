import type { JSONContent } from '@tiptap/core';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { WwEditor } from '../components/ww-editor.js';
import { ResidentElement } from './resident-element.js';
import { docIsEmpty, docToText, textToDoc } from '../richtext.js';
import { rt } from './i18n.js';

let count = 0;

/**
 * The story text. Starts as a plain textarea (tiny, works everywhere) and turns into the rich
 * editor the first time someone focuses or taps it; the editor's code (tiptap) loads only then.
 * If it cannot load, the textarea stays, and its text is sent as tiptap paragraphs.
 * Renders into light DOM so labels, hints and errors share one document with the editable area.
 *
 * @fires ww-change - `{ value }`, bubbling from the editor after every edit.
 */
@customElement('ww-story-field')
export class WwStoryField extends ResidentElement {
  @property() label = '';
  @property() hint = '';
  /** Id of the element holding this field's error, if any. */
  @property() errorid = '';
  @property({ type: Boolean }) invalid = false;

  @state() private mode: 'plain' | 'loading' | 'rich' | 'failed' = 'plain';
  private text = '';
  private doc: JSONContent | null = null;
  private readonly uid = `story-field-${++count}`;

  private get editor(): WwEditor | null {
    return this.querySelector('ww-editor');
  }

  /** The story as a tiptap document, whichever way it was typed. */
  get value(): JSONContent {
    if (this.mode === 'rich' && this.editor) return this.editor.value;
    return this.doc ?? textToDoc(this.text);
  }

  get isEmpty(): boolean {
    return this.mode === 'rich' && this.editor ? this.editor.isEmpty : docIsEmpty(this.value);
  }

  /** Whether the rich editor is in use (false: plain text). */
  get rich(): boolean {
    return this.mode === 'rich';
  }

  /** Starts from a story kept in the browser (a draft), before the resident types anything. */
  restore(doc: JSONContent): void {
    if (this.mode !== 'plain' || this.text) return;
    this.doc = doc;
    this.requestUpdate();
  }

  override focus(): void {
    if (this.mode === 'rich') this.editor?.focus();
    else this.querySelector('textarea')?.focus();
  }

  private async upgrade(): Promise<void> {
    if (this.mode !== 'plain') return;
    this.mode = 'loading';
    try {
      await import('../components/ww-editor.js');
    } catch {
      this.mode = 'failed';
      return;
    }
    const hadFocus = this.querySelector('textarea') === document.activeElement;
    this.doc = this.doc ?? textToDoc(this.text);
    this.mode = 'rich';
    await this.updateComplete;
    const editor = this.editor;
    if (!editor) return;
    await editor.updateComplete;
    if (hadFocus || this.contains(document.activeElement) || document.activeElement === document.body) editor.focus();
  }

  private onInput(e: Event): void {
    this.text = (e.target as HTMLTextAreaElement).value;
    this.doc = null;
    this.dispatchEvent(new CustomEvent('ww-change', { detail: { value: textToDoc(this.text) }, bubbles: true, composed: true }));
  }

  private describedBy(): string {
    return [this.hint ? `${this.uid}-hint` : '', this.errorid].filter(Boolean).join(' ');
  }

  override render() {
    const hint = this.hint ? html`<span class="hint" id="${this.uid}-hint">${this.hint}</span>` : nothing;
    if (this.mode === 'rich') {
      // Residents get three buttons (bold, italic, bullets): one row on a 360 px phone, even at 200% zoom,
      // and no headings, quotes or links to make sense of. The toolbar comes after the text, on screen
      // and in tab order: the field follows its label at once (as the plain textarea did), which is
      // what a screen reader user swiping or tabbing through the form expects, and formatting is an
      // extra they meet next (one Tab stop, or Alt+F10 from the text) on the way to the next question.
      // Staff editors keep the full toolbar above the text, as in a word processor.
      return html`<ww-editor .label=${this.label} .value=${this.doc} tools="bold italic bullets" toolbar-below
        .labels=${{ toolbar: rt('editor.toolbar'), bold: rt('editor.bold'), italic: rt('editor.italic'), bullets: rt('editor.bullets') }}
        describedby=${this.describedBy()} ?invalid=${this.invalid}></ww-editor>${hint}`;
    }
    return html`
      <label class="field-label" for="${this.uid}-text">${this.label}</label>
      <textarea
        id="${this.uid}-text"
        class="story-text"
        dir="auto"
        rows="8"
        .value=${this.doc ? docToText(this.doc) : this.text}
        aria-describedby=${this.describedBy() || nothing}
        aria-invalid=${this.invalid ? 'true' : 'false'}
        @input=${this.onInput}
        @focus=${this.upgrade}
        @pointerdown=${this.upgrade}
      ></textarea>
      ${hint}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-story-field': WwStoryField;
  }
}
