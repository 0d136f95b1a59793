// Helpers that tie an API error to the input it is about (aria-invalid, aria-describedby, visible message).
import { html, nothing } from 'lit';
import type { ApiError } from '../api.js';
import { messages } from '../i18n.js';

/** The error message for a field, in the UI's language, also matching nested paths like `areaIds.0`. */
export function fieldError(error: ApiError | null, name: string): string | undefined {
  const d = error?.details.find((x) => x.field === name || x.field?.startsWith(`${name}.`));
  return d && error!.messageOf(d);
}

export const invalid = (error: ApiError | null, name: string) => (fieldError(error, name) ? 'true' : 'false');

/**
 * The message element an input points to with aria-describedby="<id>-error". The message stands alone: the input is
 * aria-invalid, so a screen reader already says the field is wrong.
 */
export function errorText(error: ApiError | null, name: string, id = name) {
  return errorMessage(id, fieldError(error, name));
}

/** The same element for a message the page worked out itself (a check before sending). */
export function errorMessage(id: string, message: string | null | undefined) {
  return html`<span class="field-error" id="${id}-error">${message || nothing}</span>`;
}

/**
 * A line in a form's list of problems: the field's name, then its message ("Titel: Geef het verhaal een titel.").
 * A hint in brackets after the name is left out; a question keeps its own mark ("Wie mag je verhaal lezen? …").
 */
export function problemLine(field: string, message: string): string {
  const name = field.replace(/\s*\([^()]*\)$/, '');
  return `${/[?؟]$/.test(name) ? name : `${name}:`} ${message}`;
}

const words = messages({
  nl: { fix: 'Verbeter de gemarkeerde velden: {names}.' },
  en: { fix: 'Please correct the marked fields: {names}.' },
});

/**
 * The message to show above a form, given the form's fields and their names: when every problem is at
 * a field shown, it names those fields ("Verbeter de gemarkeerde velden: Naam, Einddatum."); else the
 * server's message.
 */
export function generalError(error: ApiError | null, fields: Record<string, string>) {
  if (!error) return nothing;
  const fieldOf = (path: string | undefined) => Object.keys(fields).find((s) => path === s || path?.startsWith(`${s}.`));
  const shown = error.details.map((d) => fieldOf(d.field));
  const allShown = error.status === 400 && shown.length > 0 && shown.every((f) => f !== undefined);
  const names = [...new Set(shown.map((f) => fields[f!]!.replace(/\s*\([^()]*\)$/, '')))];
  return html`<p class="notice error">${allShown ? words('fix', { names: names.join(', ') }) : error.message}</p>`;
}

/** What an input needs from its field: its id, what describes it (hint, then error) and whether it is invalid. */
export interface FieldAttrs {
  id: string;
  describedBy: string;
  invalid: 'true' | 'false';
}

export interface FieldOptions {
  /** The input's id; the hint and error get `<id>-hint` and `<id>-error`. */
  id: string;
  label: unknown;
  hint?: unknown;
  /** The API error to show, looked up by `name` (default: the id). */
  error?: ApiError | null;
  name?: string;
  /** A message the page worked out itself; when given, it is shown instead of `error`. */
  message?: string | null;
}

/**
 * One labelled form field: the label holds the field's name alone; the hint and the error sit beside it and
 * describe the input (aria-describedby), so a screen reader reads the name once and the hint as its description.
 */
export function formField(o: FieldOptions, input: (f: FieldAttrs) => unknown) {
  const { id, hint } = o;
  const own = o.message !== undefined;
  const msg = own ? o.message : fieldError(o.error ?? null, o.name ?? id);
  const describedBy = `${hint ? `${id}-hint ` : ''}${id}-error`;
  return html`<div class="field">
    <label for=${id}>${o.label}</label>${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing}
    ${input({ id, describedBy, invalid: msg ? 'true' : 'false' })} ${own ? errorMessage(id, o.message) : errorText(o.error ?? null, o.name ?? id, id)}
  </div>`;
}
