// Keeping the focus and the caret where the writer expects them when moving between text and toolbar.
import type { EditorView } from '@tiptap/pm/view';
import { TextSelection } from '@tiptap/pm/state';

/**
 * The editor learns where the caret went from the browser's selectionchange event, which can come
 * after the next key: a caret just moved (Ctrl+End) and then Alt+F10 would leave the editor thinking
 * the caret is where it was. Read the browser's selection before the focus leaves.
 */
export function keepCaret(view: EditorView): void {
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
export const keepEditorFocus = (e: MouseEvent) => e.preventDefault();
