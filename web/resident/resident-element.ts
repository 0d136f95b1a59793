import { LitElement } from 'lit';
import { LocaleController } from '../components/locale-controller.js';

/**
 * An element of the resident pages: in the page's light DOM (tell.css styles it, and its forms and
 * labels are the page's own) and drawn again in the language the resident picks.
 */
export class ResidentElement extends LitElement {
  constructor() {
    super();
    new LocaleController(this, () => this.languageChanged());
  }

  /** Runs when the resident picks another language, before the element is drawn again. */
  protected languageChanged(): void {}

  protected override createRenderRoot() {
    return this;
  }
}
