// The one way a page loads its data: started when the page is shown, with a loading line, an
// error message and a retry button, so no page writes its own try/catch for it.
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { ApiError } from '../api.js';
import { messages } from '../i18n.js';

const t = messages({
  nl: { loading: 'Laden…', failed: 'Laden lukte niet.', retry: 'Opnieuw proberen' },
  en: { loading: 'Loading…', failed: 'Loading failed.', retry: 'Try again' },
});

export type LoaderText = {
  /** The loading line (default "Laden…"). */
  loading?: string;
  /** The message after a failure: a text, or one made from the error (default: the page's words, else "Laden lukte niet."). */
  failed?: string | ((error: unknown) => string);
};

/**
 * Loads a page's data with `task` when the page connects (or when `run()` is called, e.g. after a
 * save or a changed filter). The task may store what it fetched on the page; its result is `value`.
 * `loading`, `error` and `ready` drive the page's rendering; `status()` renders the loading line or
 * the error with a retry button. A run that a newer run overtook changes nothing.
 */
export class PageLoader<T = unknown> implements ReactiveController {
  value: T | undefined = undefined;
  error: unknown = null;
  loading = false;
  /** Whether any run has finished (successfully or not). */
  settled = false;
  private runs = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly task: () => Promise<T>,
    private readonly text: LoaderText = {},
    private readonly options: { auto?: boolean } = {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.options.auto !== false && !this.settled && !this.loading) void this.run();
  }

  /** Loaded at least once without error. */
  get ready(): boolean {
    return this.settled && this.error === null;
  }

  get failed(): boolean {
    return this.error !== null;
  }

  /** (Re)loads; resolves to the value, or undefined when the task failed or a newer run took over. */
  async run(): Promise<T | undefined> {
    const run = ++this.runs;
    this.loading = true;
    this.error = null;
    this.host.requestUpdate();
    try {
      const value = await this.task();
      if (run !== this.runs) return undefined;
      this.value = value;
      return value;
    } catch (e) {
      if (run === this.runs) this.error = e;
      return undefined;
    } finally {
      if (run === this.runs) {
        this.loading = false;
        this.settled = true;
        this.host.requestUpdate();
      }
    }
  }

  /** The server said the thing is not there (any more) or not for this user: loading again cannot help. */
  private get final(): boolean {
    return this.error instanceof ApiError && [403, 404, 410].includes(this.error.status);
  }

  /** The failure in words: the page's message, or the server's when it says why (403, 404, 410). */
  message(): string {
    const f = this.text.failed;
    if (typeof f === 'function') return f(this.error);
    if (f) return f;
    return this.final ? (this.error as ApiError).message : t('failed');
  }

  /** While the first load runs: the loading line; after a failure: the message and (when it may help) a retry button; else nothing. */
  status() {
    if (this.error !== null)
      return html`<div class="notice error load-error" role="alert">
        <p>${this.message()}</p>
        ${!this.final ? html`<button type="button" class="secondary" @click=${() => void this.run()}>${t('retry')}</button>` : nothing}
      </div>`;
    if (!this.settled) return html`<p role="status">${this.text.loading ?? t('loading')}</p>`;
    return nothing;
  }
}
