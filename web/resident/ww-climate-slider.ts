import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ResidentElement } from './resident-element.js';
import { residentWording } from './climate-wording.js';
import { rt } from './i18n.js';

export type ClimateVariable = { id: number; key: string; name: string; weak: string; strong: string };
/** undefined: not answered; null: does not apply / don't know; 0 (weak pole) … 100 (strong pole). */
export type Position = number | null | undefined;
export type PlacementEvent = CustomEvent<{ variableId: number; position: Position }>;

/** Words for a position, so a screen reader says more than a number. */
export function positionText(v: ClimateVariable, position: Position): string {
  if (position === undefined) return rt('slider.notChosen');
  if (position === null) return rt('slider.unknown');
  const pole = position < 50 ? v.weak : v.strong;
  const words =
    position <= 10
      ? rt('slider.fullWeak', { pole })
      : position < 45
        ? rt('slider.moreWeak', { pole })
        : position <= 55
          ? rt('slider.middle')
          : position < 90
            ? rt('slider.moreStrong', { pole })
            : rt('slider.fullStrong', { pole });
  return `${position} / 100${rt('meta.comma')}${words}`;
}

/**
 * One climate variable as a native range slider between its weak and strong pole, with a
 * "don't know / does not apply" choice and a button to take a choice back (nothing is recorded
 * until the teller moves the slider). Light DOM, so it shares the page's form styles.
 *
 * @fires ww-placement - `{ variableId, position }` whenever the teller moves or clears it.
 */
@customElement('ww-climate-slider')
export class WwClimateSlider extends ResidentElement {
  @property({ attribute: false }) variable!: ClimateVariable;
  @property({ attribute: false }) position: Position = undefined;

  private emit(position: Position): void {
    this.position = position;
    this.dispatchEvent(new CustomEvent('ww-placement', { detail: { variableId: this.variable.id, position }, bubbles: true, composed: true }));
  }

  /** Takes the choice back: not chosen, as before the slider was touched. */
  private async clear(): Promise<void> {
    this.emit(undefined);
    await this.updateComplete;
    this.querySelector<HTMLInputElement>('input[type="range"]')?.focus();
  }

  override render() {
    const v = residentWording(this.variable);
    const id = `dyad-${v.id}`;
    const unknown = this.position === null;
    return html`
      <fieldset class="dyad">
        <legend id="${id}-name">${v.name}</legend>
        <div class="poles">
          <span id="${id}-weak" class="pole weak"><span class="visually-hidden">${rt('slider.weakSide')} </span>${v.weak}</span>
          <span id="${id}-strong" class="pole strong"><span class="visually-hidden">${rt('slider.strongSide')} </span>${v.strong}</span>
        </div>
        <input
          id=${id}
          type="range"
          min="0"
          max="100"
          step="5"
          .value=${String(this.position ?? 50)}
          class=${this.position === undefined ? 'untouched' : ''}
          ?disabled=${unknown}
          aria-labelledby="${id}-name"
          aria-describedby="${id}-weak ${id}-strong"
          aria-valuetext=${positionText(v, this.position)}
          @input=${(e: Event) => this.emit(Number((e.target as HTMLInputElement).value))}
        />
        <label class="check">
          <input type="checkbox" .checked=${unknown} @change=${(e: Event) => this.emit((e.target as HTMLInputElement).checked ? null : undefined)} />
          <span>${rt('slider.unknown')}</span>
        </label>
        ${
          typeof this.position === 'number'
            ? html`<button type="button" class="link slider-clear" aria-describedby="${id}-name" @click=${this.clear}>${rt('slider.clear')}</button>`
            : nothing
        }
      </fieldset>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-climate-slider': WwClimateSlider;
  }
  interface HTMLElementEventMap {
    'ww-placement': PlacementEvent;
  }
}
