// Leaving a page that holds changes not saved yet asks first: a link within the app, a reload or
// closing the tab. A page says what it holds with an UnsavedGuard while it is shown.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { messages } from './i18n.js';

const t = messages({
  nl: { leave: 'Er zijn wijzigingen die nog niet zijn opgeslagen. Toch deze pagina verlaten? Dan gaan ze verloren.' },
  en: { leave: 'Some changes are not saved yet. Leave this page anyway? They will be lost.' },
});

const checks = new Set<() => boolean>();

/** Whether a page shown now holds changes not saved yet. */
export const hasUnsaved = (): boolean => [...checks].some((holds) => holds());

/** Whether leaving may go on: nothing is unsaved, or the user says so. */
export const mayLeave = (): boolean => !hasUnsaved() || confirm(t('leave'));

addEventListener('beforeunload', (e) => {
  if (hasUnsaved()) e.preventDefault();
});

/** Registers `holds` (true while the page has changes not saved yet) for as long as the page is connected. */
export class UnsavedGuard implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly holds: () => boolean,
  ) {
    host.addController(this);
  }
  hostConnected(): void {
    checks.add(this.holds);
  }
  hostDisconnected(): void {
    checks.delete(this.holds);
  }
}

/** For a form page: any input in the form counts as a change, until the form is saved. */
export class FormGuard {
  private touched = false;
  constructor(host: ReactiveControllerHost) {
    new UnsavedGuard(host, () => this.touched);
    // A page shown again starts untouched.
    host.addController({ hostConnected: () => this.saved() });
  }
  /** Listens on the form: `@input=${guard.touch}`. Typing in a rich-text field counts too (input events leave shadow roots). */
  readonly touch = (): void => {
    this.touched = true;
  };
  /** Saved: leaving no longer asks. */
  saved(): void {
    this.touched = false;
  }
}
