import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import { breakable, messages } from '../i18n.js';

const t = messages({
  nl: { teller: 'Vertellers (gemiddelde)', coordinator: 'Coördinatoren (gemiddelde)', desc: 'Gemiddelde positie per periode van 0 ({weak}) tot 100 ({strong}). De tabel hieronder geeft dezelfde cijfers.' },
  en: { teller: 'Tellers (mean)', coordinator: 'Coordinators (mean)', desc: 'Mean position per period from 0 ({weak}) to 100 ({strong}). The table below gives the same figures.' },
});

export type ChartPoint = { period: string; teller: number | null; coordinator: number | null };

/**
 * A line chart of mean placements per period, tellers and coordinators apart, drawn as SVG with
 * d3-scale and d3-shape. Decorative for screen readers beyond its title and description: the page
 * shows the same numbers in a table.
 */
@customElement('ww-climate-chart')
export class ClimateChart extends LitElement {
  @property({ attribute: false }) points: ChartPoint[] = [];
  @property() label = '';
  @property() weak = '';
  @property() strong = '';

  override render() {
    const width = 640;
    const height = 260;
    const m = { top: 16, right: 24, bottom: 36, left: 44 };
    const x = scalePoint<string>().domain(this.points.map((p) => p.period)).range([m.left, width - m.right]).padding(0.5);
    const y = scaleLinear().domain([0, 100]).range([height - m.bottom, m.top]);
    const path = (key: 'teller' | 'coordinator') =>
      line<ChartPoint>()
        .defined((p) => p[key] !== null)
        .x((p) => x(p.period) ?? 0)
        .y((p) => y(p[key] ?? 0))(this.points) ?? '';
    const id = `c${Math.random().toString(36).slice(2, 8)}`;
    return html`
      <figure>
        <svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t ${id}-d">
          <title id="${id}-t">${this.label}</title>
          <desc id="${id}-d">${t('desc', { weak: this.weak, strong: this.strong })}</desc>
          ${[0, 25, 50, 75, 100].map(
            (v) => svg`<line class="grid" x1=${m.left} x2=${width - m.right} y1=${y(v)} y2=${y(v)}></line>
              <text class="tick" x=${m.left - 6} y=${y(v) + 4} text-anchor="end">${v}</text>`,
          )}
          ${this.points.map((p) => svg`<text class="tick" x=${x(p.period) ?? 0} y=${height - m.bottom + 18} text-anchor="middle">${p.period}</text>`)}
          <path class="teller" d=${path('teller')}></path>
          <path class="coordinator" d=${path('coordinator')}></path>
          ${this.points.map((p) =>
            p.teller === null ? null : svg`<circle class="teller" cx=${x(p.period) ?? 0} cy=${y(p.teller)} r="4"></circle>`,
          )}
          ${this.points.map((p) =>
            p.coordinator === null ? null : svg`<rect class="coordinator" x=${(x(p.period) ?? 0) - 4} y=${y(p.coordinator) - 4} width="8" height="8"></rect>`,
          )}
        </svg>
        <figcaption>
          <span class="key teller-key">● ${t('teller')}</span>
          <span class="key coordinator-key">■ ${t('coordinator')}</span>
          <span class="poles"><span>0 = ${breakable(this.weak)}</span><span>100 = ${breakable(this.strong)}</span></span>
        </figcaption>
      </figure>
    `;
  }

  static override styles = css`
    :host { display: block; }
    figure { margin: 0; }
    svg { width: 100%; height: auto; max-width: 640px; display: block; }
    .grid { stroke: #d8ddd6; stroke-width: 1; }
    .tick { font-size: 12px; fill: #4d5a56; }
    path { fill: none; stroke-width: 2.5; }
    path.teller { stroke: #1d5c4d; }
    path.coordinator { stroke: #c25e00; stroke-dasharray: 6 4; }
    circle.teller { fill: #1d5c4d; }
    rect.coordinator { fill: #c25e00; }
    figcaption { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.9rem; }
    .teller-key { color: #1d5c4d; font-weight: 600; }
    .coordinator-key { color: #a34f00; font-weight: 600; }
    .poles span { min-width: 0; overflow-wrap: anywhere; }
    .poles { display: flex; flex-wrap: wrap; gap: 0 1rem; color: #4d5a56; }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-climate-chart': ClimateChart;
  }
}
