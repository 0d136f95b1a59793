// Publishing asks first: what the new version changes against the last one (stories added and
// removed, figures changed, texts rewritten) and where figures are missing (nothing leaves silently).
// Indicators without an outcome are named while editing too, beside the outcomes choice.
import { html, nothing } from 'lit';
import { t, type Changes } from './messages.js';
import { formatPeriod } from '../../i18n.js';

/** A list of names under a short line is open on a wide screen and folded on a phone. */
const wide = () => typeof matchMedia === 'function' && matchMedia('(min-width: 40rem)').matches;

/**
 * Outcomes without an indicator and indicators without an outcome, named with their project: one
 * short line that says how many, the names folded under it (open on a wide screen, closed on a
 * phone, where the full list would push the publish button far down).
 */
export function dropsOut(c: Pick<Changes, 'outcomesWithoutIndicators' | 'indicatorsWithoutOutcome'>) {
  const n = c.outcomesWithoutIndicators.length + c.indicatorsWithoutOutcome.length;
  if (!n) return nothing;
  const group = (head: string, items: string[]) => (items.length ? html`<p>${head}</p><ul>${items.map((i) => html`<li>${i}</li>`)}</ul>` : nothing);
  return html`<details class="notice warn drops-out" ?open=${wide()}>
    <summary><strong>${t(n === 1 ? 'dropsOutOne' : 'dropsOut', { n })}</strong></summary>
    ${group(
      t('outcomesNoIndicator'),
      c.outcomesWithoutIndicators.map((o) => `${o.title} (${o.projectName})`),
    )}
    ${group(
      t('indicatorsNoOutcome'),
      c.indicatorsWithoutOutcome.map((i) => `${i.name} (${i.projectName})`),
    )}
  </details>`;
}

export type Unlinked = { id: number; name: string; projectName?: string };
/**
 * The indicators of the report's projects that belong to no outcome, so their figures never reach
 * the report: one line that says how many, each name linked to its indicator, where it gets one.
 */
export function unlinkedNote(list: Unlinked[]) {
  if (!list.length) return nothing;
  return html`<details class="notice warn drops-out" ?open=${wide()}>
    <summary>${t(list.length === 1 ? 'unlinkedOne' : 'unlinkedN', { n: list.length })}</summary>
    <p>${t('unlinkedHint')}</p>
    <ul>
      ${list.map((i) => html`<li><a href=${`/indicators/${i.id}/edit`}>${i.name}${i.projectName ? ` (${i.projectName})` : ''}</a></li>`)}
    </ul>
  </details>`;
}

/**
 * The question before version n is made; Escape or "cancel" goes back. While a part of the editor
 * holds changes not saved yet (`unsaved`, named), it says so and cannot be confirmed.
 */
export function confirmPublish(c: Changes, on: { busy: boolean; unsaved: string[]; publish: () => void; cancel: () => void }) {
  const n = (c.lastVersion ?? 0) + 1;
  const fig = (v: { target: number | null; actual: number | null } | null) => (v?.actual == null ? '–' : String(v.actual).replace('.', ','));
  const list = (label: string, items: string[]) => (items.length ? html`<h4>${label}</h4><ul>${items.map((i) => html`<li>${i}</li>`)}</ul>` : nothing);
  const none =
    !c.storiesAdded.length &&
    !c.storiesRemoved.length &&
    !c.figuresChanged.length &&
    !c.textsChanged.length &&
    !c.titleChanged &&
    !c.periodChanged &&
    !c.introChanged;
  return html`<div class="confirm" role="group" aria-labelledby="confirm-h" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && on.cancel()}>
    <h3 id="confirm-h" tabindex="-1">${t('confirmTitle', { n })}</h3>
    ${c.lastVersion == null ? html`<p>${t('confirmFirst')}</p>` : html`<p>${t('confirmAgainst', { n: c.lastVersion })}</p>`}
    ${c.unchanged ? html`<p class="notice" id="confirm-unchanged">${t('unchanged', { n: c.lastVersion ?? 0 })}</p>` : nothing}
    ${c.lastVersion != null && none && !c.unchanged ? html`<p>${t('othersChanged')}</p>` : nothing}
    ${c.titleChanged ? html`<p>${t('titleChanged')}</p>` : nothing} ${c.periodChanged ? html`<p>${t('periodChanged')}</p>` : nothing}
    ${c.introChanged ? html`<p>${t('introChanged')}</p>` : nothing}
    ${
      c.lastVersion != null
        ? list(
            t('storiesAdded', { n: c.storiesAdded.length }),
            c.storiesAdded.map((s) => s.title),
          )
        : nothing
    }
    ${list(
      t('storiesRemoved', { n: c.storiesRemoved.length }),
      c.storiesRemoved.map((s) => s.title),
    )}
    ${list(
      t('figuresChanged', { n: c.figuresChanged.length }),
      c.figuresChanged.map((f) =>
        t('figureLine', {
          indicator: f.indicator,
          period: formatPeriod(f.period),
          area: f.area ? ` (${f.area})` : '',
          before: fig(f.before),
          after: fig(f.after),
        }),
      ),
    )}
    ${list(
      t('textsChanged', { n: c.textsChanged.length }),
      c.textsChanged.map((o) => `${o.title} (${o.projectName})`),
    )}
    ${dropsOut(c)}
    ${on.unsaved.length ? html`<p class="notice warn" id="confirm-unsaved">${t('unsavedFirst', { parts: on.unsaved.join(t('and')) })}</p>` : nothing}
    <div class="actions">
      <button
        id="confirm-publish"
        @click=${on.publish}
        ?disabled=${on.busy || on.unsaved.length > 0 || c.unchanged}
        aria-describedby=${on.unsaved.length ? 'confirm-unsaved' : c.unchanged ? 'confirm-unchanged' : nothing}
      >
        ${t('confirmPublish', { n })}
      </button>
      <button class="secondary" @click=${on.cancel}>${t('cancel')}</button>
    </div>
  </div>`;
}
