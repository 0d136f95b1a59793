// The parts of a new heard story about its teller and their consent: fields inside the editor's own
// form (so its FormData holds them), with their errors shown through form-field.
import { html, nothing } from 'lit';
import { errorMessage } from '../../components/form-field.js';
import { channels, consentLevels, label } from '../../stories.js';
import { t, type Field } from './messages.js';

/** The fields' errors, as the page found them (before sending, or from the server's answer). */
export type FieldErrors = Partial<Record<Field, string>>;

export const fieldError = (errors: FieldErrors, field: Field) => errorMessage(field, errors[field]);
export const invalidField = (errors: FieldErrors, field: Field): 'true' | 'false' => (errors[field] ? 'true' : 'false');

function radios(errors: FieldErrors, name: Field, legend: string, options: { value: string; label: string; hint?: string }[], checked?: string) {
  return html`<fieldset aria-describedby="${name}-error">
    <legend>${legend}</legend>
    ${options.map((o) => {
      const id = `${name}-${o.value}`;
      return html`<div class="radio">
          <input type="radio" id=${id} name=${name} value=${o.value} ?checked=${checked === o.value} aria-describedby=${o.hint ? `${id}-hint` : nothing} aria-invalid=${invalidField(errors, name)} />
          <span><label for=${id}>${o.label}</label>${o.hint ? html`<span class="hint" id="${id}-hint">${o.hint}</span>` : nothing}</span>
        </div>`;
    })}
    ${fieldError(errors, name)}
  </fieldset>`;
}

/** The teller's name, and a parent or guardian for a teller under 16. */
export function tellerFields(errors: FieldErrors, under16: boolean, setUnder16: (on: boolean) => void) {
  return html`<fieldset>
    <legend>${t('teller')}</legend>
    <div class="field"><label for="f-tellerName">${t('tellerName')}</label>
      <span class="hint" id="tellerName-hint">${t('tellerHint')}</span>
      <input id="f-tellerName" type="text" name="tellerName" maxlength="100" autocomplete="off" aria-describedby="tellerName-hint tellerName-error" aria-invalid=${invalidField(errors, 'tellerName')} />
      ${fieldError(errors, 'tellerName')}</div>
    <label class="radio">
      <input type="checkbox" name="under16" .checked=${under16} @change=${(e: Event) => setUnder16((e.target as HTMLInputElement).checked)} />
      <span>${t('under16')}</span>
    </label>
    ${
      under16
        ? html`<div class="field"><label for="f-guardianName">${t('guardianName')}</label>
          <input type="text" id="f-guardianName" name="guardianName" maxlength="100" autocomplete="off" aria-describedby="guardianName-error" aria-invalid=${invalidField(errors, 'guardianName')} />
          ${fieldError(errors, 'guardianName')}</div>`
        : nothing
    }
  </fieldset>`;
}

/** Who may read the story, and (for a heard story) how consent was given and by whom. */
export function consentFields(errors: FieldErrors, heard: boolean, under16: boolean) {
  return html`<fieldset>
    <legend>${t('consent')}</legend>
    ${heard ? html`<p class="hint">${t('consentIntro')}</p>` : nothing}
    ${radios(
      errors,
      'level',
      heard ? t('level') : t('ownConsent'),
      consentLevels.map((c) => ({ value: c, label: label(c), hint: t(`${c}Explain`) })),
    )}
    ${
      heard
        ? radios(
            errors,
            'channel',
            t('channel'),
            channels.map((c) => ({ value: c, label: label(c) })),
          )
        : nothing
    }
    ${heard ? html`<p>${t('givenBy')} <strong>${under16 ? label('guardian') : label('teller')}</strong></p>` : nothing}
  </fieldset>`;
}
