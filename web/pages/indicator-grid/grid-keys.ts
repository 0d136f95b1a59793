// Moving through the entry grid by keyboard, as in a spreadsheet.

/**
 * Arrow keys and Enter move between the grid's inputs (marked data-row and data-col within `root`): up
 * and down through the rows, left and right through the periods once the caret is at the input's edge.
 */
export function moveInGrid(e: KeyboardEvent, root: ParentNode): void {
  const el = e.target as HTMLInputElement;
  if (el.tagName !== 'INPUT' || el.dataset.row === undefined) return;
  const row = Number(el.dataset.row);
  const col = Number(el.dataset.col);
  const atStart = el.selectionStart === 0 && el.selectionEnd === 0;
  const atEnd = el.selectionStart === el.value.length && el.selectionEnd === el.value.length;
  const all = el.selectionStart === 0 && el.selectionEnd === el.value.length;
  let dr = 0,
    dc = 0;
  if (e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey)) dr = -1;
  else if (e.key === 'ArrowDown' || e.key === 'Enter') dr = 1;
  else if (e.key === 'ArrowLeft' && (atStart || all)) dc = -1;
  else if (e.key === 'ArrowRight' && (atEnd || all)) dc = 1;
  else return;
  e.preventDefault();
  const target = root.querySelector<HTMLInputElement>(`input[data-row="${row + dr}"][data-col="${col + dc}"]`);
  if (target) {
    target.focus();
    target.select();
  }
}
