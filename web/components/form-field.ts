// Helpers that tie an API error to the input it is about (aria-invalid, aria-describedby, visible message).
import { html, nothing } from 'lit';
import type { ApiError } from '../api.js';
import { messages } from '../i18n.js';

const t = messages({
  nl: {
    check: 'Controleer dit veld:', too_small: 'Dit is te kort of te klein (of leeg).', too_big: 'Dit is te lang of te groot.', invalid_format: 'Dit heeft niet de goede vorm.',
    invalid_type: 'Dit soort waarde past hier niet.', invalid_value: 'Kies een van de mogelijkheden.', unrecognized_keys: 'Onbekend veld.',
  },
  en: {
    check: 'Check this field:', too_small: 'This is too short or too small (or empty).', too_big: 'This is too long or too large.', invalid_format: 'This does not have the right form.',
    invalid_type: 'This kind of value does not fit here.', invalid_value: 'Choose one of the options.', unrecognized_keys: 'Unknown field.',
  },
});
const known = ['too_small', 'too_big', 'invalid_format', 'invalid_type', 'invalid_value', 'unrecognized_keys'] as const;

/** The error message for a field, also matching nested paths like `areaIds.0`. */
export function fieldError(error: ApiError | null, name: string): string | undefined {
  const d = error?.details.find((x) => x.field === name || x.field?.startsWith(`${name}.`));
  if (!d) return undefined;
  const code = known.find((k) => k === d.code);
  return code ? t(code) : d.message;
}

export const invalid = (error: ApiError | null, name: string) => (fieldError(error, name) ? 'true' : 'false');

/** The message element an input points to with aria-describedby="<id>-error". */
export function errorText(error: ApiError | null, name: string, id = name) {
  const msg = fieldError(error, name);
  return html`<span class="field-error" id="${id}-error">${msg ? html`${t('check')} ${msg}` : nothing}</span>`;
}

/** The message to show above a form: `fallback` when every detail names a field shown, else the server's message. */
export function generalError(error: ApiError | null, shown: string[], fallback: string) {
  if (!error) return nothing;
  const allShown = error.status === 400 && error.details.length > 0 && error.details.every((d) => d.field && shown.some((s) => d.field === s || d.field!.startsWith(`${s}.`)));
  return html`<p class="notice error">${allShown ? fallback : error.message}</p>`;
}
