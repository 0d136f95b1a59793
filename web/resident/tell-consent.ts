import { html, nothing } from 'lit';
import { consentLevels, consentExplain, consentName, consentShort, type ConsentLevel } from './consent-texts.js';
import { rt } from './i18n.js';

export type ConsentChoice = {
  consent: ConsentLevel | null;
  photoInReports: boolean;
  /** A photo goes along: then a public story asks whether the photo may be shown in reports too. */
  withPhoto: boolean;
  invalid: 'true' | 'false';
  /** The message element the fieldset points to (id `consent-error`). */
  error: unknown;
  choose(level: ConsentLevel): void;
};

/** The resident's consent choice in the story form (ww-tell-form): the levels, what each means, and the photo's own yes. */
export function renderConsent(c: ConsentChoice) {
  return html`<fieldset class="consent" aria-describedby="consent-intro consent-error">
    <legend><h2>${rt('consent.title')}</h2></legend>
    <p id="consent-intro">${rt('consent.intro')}</p>
    ${consentLevels.map(
      (level) => html`<div class="choice">
        <input type="radio" id="consent-${level}" name="consent" value=${level} .checked=${c.consent === level}
          aria-describedby="consent-${level}-explain" aria-invalid=${c.invalid} @change=${() => c.choose(level)} />
        <label for="consent-${level}">${consentName(level)}</label>
        <p id="consent-${level}-explain">${consentShort(level)}</p>
      </div>`,
    )}
    ${
      c.withPhoto && c.consent === 'public'
        ? html`<label class="check">
          <input type="checkbox" name="photoInReports" .checked=${c.photoInReports} />
          <span>${rt('photo.inReports')}</span>
        </label>`
        : nothing
    }
    ${c.error}
    <details class="more">
      <summary>${rt('consent.more')}</summary>
      <dl>
        ${consentLevels.map((level) => html`<dt>${consentName(level)}</dt><dd>${consentExplain(level)}</dd>`)}
      </dl>
      <p>${rt('consent.voiceExplain')}</p>
      <p>${rt('consent.photoExplain')}</p>
      <p>${rt('consent.codeExplain')}</p>
    </details>
  </fieldset>`;
}
