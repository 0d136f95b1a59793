import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Re-renders its host when the language changes (and runs `onChange`, e.g. to reload translated data). */
export class LocaleController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange?: () => void,
  ) {
    host.addController(this);
  }
  private readonly handler = () => {
    this.onChange?.();
    this.host.requestUpdate();
  };
  hostConnected(): void {
    window.addEventListener('ww-locale', this.handler);
  }
  hostDisconnected(): void {
    window.removeEventListener('ww-locale', this.handler);
  }
}
