// Helpers that tie an API error to the input it is about (aria-invalid, aria-describedby, visible message).
import { html, nothing } from 'lit';
import type { ApiError } from '../api.js';
import { messages } from '../i18n.js';

const t = messages({ nl: { check: 'Controleer dit veld:' }, en: { check: 'Check this field:' } });

/** The error message for a field, also matching nested paths like `areaIds.0`. */
export function fieldError(error: ApiError | null, name: string): string | undefined {
  return error?.details.find((d) => d.field === name || d.field?.startsWith(`${name}.`))?.message;
}

export const invalid = (error: ApiError | null, name: string) => (fieldError(error, name) ? 'true' : 'false');

/** The message element an input points to with aria-describedby="<id>-error". */
export function errorText(error: ApiError | null, name: string, id = name) {
  const msg = fieldError(error, name);
  // The server's detail is technical English; lead with a sentence in the user's language.
  return html`<span class="field-error" id="${id}-error">${msg ? html`${t('check')} <span lang="en">${msg}</span>` : nothing}</span>`;
}

/** A general message for an error that names no field we show (or any error at all). */
export function generalError(error: ApiError | null, shown: string[], fallback: string) {
  if (!error) return nothing;
  const unnamed = !error.details.length || error.details.some((d) => !d.field || !shown.some((s) => d.field === s || d.field!.startsWith(`${s}.`)));
  return html`<p class="notice error">${unnamed || error.status !== 400 ? error.message : fallback}</p>`;
}
