import { html, nothing, type LitElement } from 'lit';

/**
 * What a refused action says, at the top of a page: the action itself is often further down, out
 * of view on a phone. `focusFailed` moves the focus to it, which scrolls it into view as well.
 */
export const failedNotice = (text: string | null | undefined) =>
  html`<div role="alert">${text ? html`<p class="notice error" id="failed" tabindex="-1">${text}</p>` : nothing}</div>`;

/** Once the page shows its failed notice, the focus goes there. */
export async function focusFailed(host: LitElement): Promise<void> {
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>('#failed')?.focus();
}
