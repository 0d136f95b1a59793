import type { LitElement } from 'lit';

/**
 * A button disabled while its action runs drops the focus to the page. Once the page is updated,
 * the element at `selector` takes it back, unless the focus went somewhere on purpose meanwhile.
 */
export async function refocus(host: LitElement, selector: string): Promise<void> {
  await host.updateComplete;
  if (document.activeElement === document.body) host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
}
