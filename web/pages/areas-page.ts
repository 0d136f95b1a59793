import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, get, post } from '../api.js';
import { messages } from '../i18n.js';
import { areaKinds, treeOrder, type Area, type AreaKind } from '../models.js';
import type { Me } from '../session.js';
import { formField, generalError } from '../components/form-field.js';
import { pageStyles } from '../components/shared-styles.js';
import { PageLoader } from '../components/page-loader.js';
import { tableRegion } from '../components/table-region.js';

const t = messages({
  nl: {
    title: 'Gebieden',
    intro: 'Wijken en buurten waar projecten werken. Met een CBS-code kunnen cijfers van het CBS erbij worden gezocht.',
    loading: 'Gebieden laden…',
    failed: 'De gebieden konden niet worden geladen.',
    none: 'Er zijn nog geen gebieden.',
    name: 'Naam',
    kind: 'Soort',
    cbsCode: 'CBS-code',
    parent: 'Ligt in',
    noParent: '(geen)',
    gemeente: 'Gemeente',
    wijk: 'Wijk',
    buurt: 'Buurt',
    add: 'Gebied toevoegen',
    cbsHint: 'Optioneel, bijvoorbeeld GM0363, WK036300 of BU03630000.',
    submit: 'Toevoegen',
    added: '{name} is toegevoegd.',
  },
  en: {
    title: 'Areas',
    intro: 'Districts and neighbourhoods projects work in. With a CBS code, Statistics Netherlands figures can be looked up for them.',
    loading: 'Loading areas…',
    failed: 'The areas could not be loaded.',
    none: 'There are no areas yet.',
    name: 'Name',
    kind: 'Kind',
    cbsCode: 'CBS code',
    parent: 'Lies within',
    noParent: '(none)',
    gemeente: 'Municipality',
    wijk: 'District (wijk)',
    buurt: 'Neighbourhood (buurt)',
    add: 'Add an area',
    cbsHint: 'Optional, e.g. GM0363, WK036300 or BU03630000.',
    submit: 'Add',
    added: '{name} was added.',
  },
});

/** Staff list and add areas (gemeente, wijk, buurt) with their CBS codes. */
@customElement('ww-areas-page')
export class AreasPage extends LitElement {
  @property({ attribute: false }) user: Me | null = null;
  @state() private areas: Area[] | null = null;
  @state() private error: ApiError | null = null;
  @state() private notice = '';

  private readonly loader = new PageLoader(
    this,
    async () => {
      this.areas = (await get<{ areas: Area[] }>('/api/areas')).areas;
    },
    { loading: t('loading'), failed: t('failed') },
  );

  private async add(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const code = String(f.get('cbsCode') ?? '').trim();
    const parent = String(f.get('parentId') ?? '');
    this.error = null;
    this.notice = '';
    try {
      const { area } = await post<{ area: Area }>('/api/areas', {
        name: String(f.get('name')),
        kind: String(f.get('kind')) as AreaKind,
        cbsCode: code || null,
        parentId: parent ? Number(parent) : null,
      });
      this.areas = [...(this.areas ?? []), area].sort((a, b) => a.name.localeCompare(b.name));
      this.notice = t('added', { name: area.name });
      form.reset();
    } catch (err) {
      this.error = err instanceof ApiError ? err : new ApiError(0, 'error', t('failed'));
      await this.updateComplete;
      (this.renderRoot.querySelector('form [aria-invalid="true"]') as HTMLElement | null)?.focus();
    }
  }

  override render() {
    const e = this.error;
    const byId = new Map((this.areas ?? []).map((a) => [a.id, a]));
    return html`
      <h1 tabindex="-1" id="areas-title">${t('title')}</h1>
      <p>${t('intro')}</p>
      ${this.loader.status()}
      ${this.areas?.length === 0 ? html`<p>${t('none')}</p>` : nothing}
      ${
        this.areas?.length
          ? tableRegion(
              { labelledBy: 'areas-title' },
              html`<table>
            <thead><tr><th scope="col">${t('name')}</th><th scope="col">${t('kind')}</th><th scope="col">${t('cbsCode')}</th><th scope="col">${t('parent')}</th></tr></thead>
            <tbody>${treeOrder(this.areas).map(({ area: a, depth }) => html`<tr><th scope="row" style=${`padding-left: ${0.5 + depth * 1.25}rem`}>${a.name}</th><td>${t(a.kind)}</td><td>${a.cbsCode ?? ''}</td><td>${a.parentId ? (byId.get(a.parentId)?.name ?? '') : ''}</td></tr>`)}</tbody>
          </table>`,
            )
          : nothing
      }
      <h2 id="add-heading">${t('add')}</h2>
      <p role="status" class=${this.notice ? 'notice' : ''}>${this.notice}</p>
      <form @submit=${this.add} novalidate aria-labelledby="add-heading">
        <div role="alert">${e ? generalError(e, { name: t('name'), kind: t('kind'), cbsCode: t('cbsCode'), parentId: t('parent') }) : nothing}</div>
        ${formField(
          { id: 'name', label: t('name'), error: e },
          (f) => html`<input id=${f.id} name="name" required maxlength="200" aria-invalid=${f.invalid} aria-describedby=${f.describedBy} />`,
        )}
        <div class="field"><label for="kind">${t('kind')}</label>
          <select id="kind" name="kind">${areaKinds.map((k) => html`<option value=${k} ?selected=${k === 'buurt'}>${t(k)}</option>`)}</select></div>
        ${formField(
          { id: 'cbsCode', label: t('cbsCode'), hint: t('cbsHint'), error: e },
          (f) => html`<input id=${f.id} name="cbsCode" maxlength="10" autocomplete="off" aria-invalid=${f.invalid} aria-describedby=${f.describedBy} />`,
        )}
        ${formField(
          { id: 'parentId', label: t('parent'), error: e },
          (f) => html`<select id=${f.id} name="parentId" aria-invalid=${f.invalid} aria-describedby=${f.describedBy}>
            <option value="">${t('noParent')}</option>
            ${treeOrder(this.areas ?? [])
              .filter(({ area: a }) => a.kind !== 'buurt')
              .map(({ area: a, depth }) => html`<option value=${a.id}>${'\u2003'.repeat(depth)}${a.name} (${t(a.kind)})</option>`)}
          </select>`,
        )}
        <div class="actions"><button type="submit">${t('submit')}</button></div>
      </form>
    `;
  }

  static override styles = pageStyles;
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-areas-page': AreasPage;
  }
}
