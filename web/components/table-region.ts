import { html, nothing, type TemplateResult } from 'lit';

/**
 * A table that may be wider than a phone: it scrolls sideways inside a region that screen readers
 * announce by name (a label, or the id of the heading that names it) and the keyboard can reach
 * and scroll. `focusable: false` for a table whose cells take focus themselves.
 */
export function tableRegion(name: string | { labelledBy: string }, table: TemplateResult, focusable = true): TemplateResult {
  const label = typeof name === 'string' ? name : nothing;
  const labelledBy = typeof name === 'string' ? nothing : name.labelledBy;
  return html`<div class="table-wrap" role="region" tabindex=${focusable ? 0 : -1} aria-label=${label} aria-labelledby=${labelledBy}>${table}</div>`;
}
