import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { scaleBand, scaleLinear } from 'd3-scale';
import { area, curveBasis } from 'd3-shape';
import { breakable, formatPeriod, messages } from '../i18n.js';
import type { Distribution } from '../sensemaking-types.js';

const t = messages({
  nl: {
    teller: 'Vertellers',
    coordinator: 'Coördinatoren',
    tellerKey: 'Vertellers (links, stip)',
    coordinatorKey: 'Coördinatoren (rechts, ruit)',
    meanKey: 'streep = gemiddelde',
    desc: 'Elk verhaal is een stip op de lijn van 0 ({weak}) tot 100 ({strong}), per periode; links de plaatsing door de verteller, rechts die door een coördinator. Bij veel verhalen toont een vlak waar ze zich ophopen. Een streep is het gemiddelde. De tabel hieronder geeft dezelfde aantallen.',
    howTo: 'Kies een vak (klik, of Tab en dan de pijltjestoetsen en Enter) om de verhalen erin te zien.',
    region: '{who}, {period}, {from}–{to}: {n} verhalen',
    regionOne: '{who}, {period}, {from}–{to}: 1 verhaal',
  },
  en: {
    teller: 'Tellers',
    coordinator: 'Coordinators',
    tellerKey: 'Tellers (left, dot)',
    coordinatorKey: 'Coordinators (right, diamond)',
    meanKey: 'bar = mean',
    desc: 'Every story is a dot on the line from 0 ({weak}) to 100 ({strong}), per period; on the left the teller’s placement, on the right a coordinator’s. With many stories a shape shows where they cluster. A bar is the mean. The table below gives the same counts.',
    howTo: 'Choose a region (click, or Tab, then the arrow keys and Enter) to see the stories in it.',
    region: '{who}, {period}, {from}–{to}: {n} stories',
    regionOne: '{who}, {period}, {from}–{to}: 1 story',
  },
});

export type PatternPeriod = { period: string; teller: Distribution; coordinator: Distribution };
export type Region = { period: string; source: 'teller' | 'coordinator'; bin: number };
const sources = ['teller', 'coordinator'] as const;
const edges = [0, 20, 40, 60, 80, 100];
/** Above this many stories in one strip, a density shape replaces the dots. */
const DOTS_MAX = 80;

/** Deterministic spread of the i-th dot across a strip (golden-ratio sequence): no random jitter, the same picture every time. */
const spreadAt = (i: number) => (i * 0.618033988749895 + 0.31) % 1;

/**
 * The climate pattern of one variable: per period every placement as a dot (or, when many, a
 * density shape), tellers and coordinators side by side, drawn as SVG with d3-scale and
 * d3-shape. Each period × who × fifth of the line is a region: click it, or Tab into the chart,
 * move with the arrow keys and press Enter or Space; the element fires `ww-region` with
 * `{period, source, bin}`. One Tab stop for the whole chart (roving tabindex).
 */
@customElement('ww-climate-pattern')
export class ClimatePattern extends LitElement {
  @property({ attribute: false }) periods: PatternPeriod[] = [];
  @property({ attribute: false }) selected: Region | null = null;
  @property() label = '';
  @property() weak = '';
  @property() strong = '';
  @state() private active = 0;
  /** Drawn at the width it is shown at (within 300–720), so its text stays readable on a phone. */
  @state() private width = 640;
  private readonly resize = new ResizeObserver(([entry]) => {
    const w = Math.round(Math.max(300, Math.min(720, entry?.contentRect.width ?? 640)));
    if (Math.abs(w - this.width) > 8) this.width = w;
  });
  private readonly uid = `p${Math.random().toString(36).slice(2, 8)}`;

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
  }

  private regions(): (Region & { n: number })[] {
    return this.periods.flatMap((p) =>
      sources.flatMap((source) => [4, 3, 2, 1, 0].map((bin) => ({ period: p.period, source, bin, n: p[source].bins[bin] ?? 0 }))),
    );
  }

  private regionLabel(r: Region & { n: number }) {
    return t(r.n === 1 ? 'regionOne' : 'region', { who: t(r.source), period: formatPeriod(r.period), from: edges[r.bin]!, to: edges[r.bin + 1]!, n: r.n });
  }

  private choose(r: Region) {
    this.dispatchEvent(new CustomEvent<Region>('ww-region', { detail: { period: r.period, source: r.source, bin: r.bin }, bubbles: true, composed: true }));
  }

  private async keydown(e: KeyboardEvent) {
    const all = this.regions();
    const perStrip = 5;
    const strips = all.length / perStrip;
    const strip = Math.floor(this.active / perStrip);
    const row = this.active % perStrip; // 0 = top (80–100)
    let next = this.active;
    if (e.key === 'ArrowRight') next = Math.min(strips - 1, strip + 1) * perStrip + row;
    else if (e.key === 'ArrowLeft') next = Math.max(0, strip - 1) * perStrip + row;
    else if (e.key === 'ArrowDown') next = strip * perStrip + Math.min(perStrip - 1, row + 1);
    else if (e.key === 'ArrowUp') next = strip * perStrip + Math.max(0, row - 1);
    else if (e.key === 'Home') next = strip * perStrip;
    else if (e.key === 'End') next = strip * perStrip + perStrip - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.choose(all[this.active]!);
      return;
    } else return;
    e.preventDefault();
    this.active = next;
    await this.updateComplete;
    this.renderRoot.querySelector<SVGElement>(`[data-region="${next}"]`)?.focus();
  }

  override render() {
    const width = this.width;
    const height = 300;
    const m = { top: 12, right: 8, bottom: 40, left: 34 };
    const x = scaleBand<string>()
      .domain(this.periods.map((p) => p.period))
      .range([m.left, width - m.right])
      .paddingInner(0.2)
      .paddingOuter(0.1);
    const half = x.bandwidth() / 2;
    // Period labels ('K4 2026', 12px text, ~7.2px a character) side by side when they fit; on a narrow
    // chart stacked (quarter or month over year), and only every n-th when even that is too wide.
    const charWidth = 7.2;
    const labels = new Map(this.periods.map((p) => [p.period, formatPeriod(p.period, 'short')]));
    const longest = Math.max(0, ...[...labels.values()].map((l) => l.length));
    const stacked = longest * charWidth + 6 > x.step() && [...labels.values()].some((l) => l.includes(' '));
    const widest = stacked ? Math.max(...[...labels.values()].flatMap((l) => l.split(' ').map((part) => part.length))) : longest;
    const every = Math.max(1, Math.ceil((widest * charWidth + 4) / x.step()));
    if (stacked) m.bottom = 54;
    const tick = (period: string, i: number) => {
      if (i % every) return nothing;
      const cx = (x(period) ?? 0) + half;
      const label = labels.get(period) ?? period;
      const [part, year] = label.split(' ');
      return stacked && year
        ? svg`<text class="tick" x=${cx} y=${height - m.bottom + 18} text-anchor="middle" aria-hidden="true"><tspan x=${cx}>${part}</tspan><tspan x=${cx} dy="14">${year}</tspan></text>`
        : svg`<text class="tick" x=${cx} y=${height - m.bottom + 18} text-anchor="middle" aria-hidden="true">${label}</text>`;
    };
    const y = scaleLinear()
      .domain([0, 100])
      .range([height - m.bottom, m.top]);
    const stripX = (period: string, source: (typeof sources)[number]) => (x(period) ?? 0) + (source === 'teller' ? 0 : half);
    const all = this.regions();
    const sel = this.selected;
    const marks = this.periods.flatMap((p) =>
      sources.map((source) => {
        const d = p[source];
        const x0 = stripX(p.period, source);
        const cx = x0 + half / 2;
        let body;
        if (d.n > DOTS_MAX) {
          // Density: a smoothed histogram, mirrored around the strip's middle (a violin).
          const grid = Array.from({ length: 51 }, (_, i) => i * 2);
          const dens = grid.map((g) => d.spread.reduce((a, [pos, k]) => a + k * Math.exp(-((pos - g) ** 2) / (2 * 5 ** 2)), 0));
          const max = Math.max(...dens) || 1;
          const w = (i: number) => ((dens[i] ?? 0) / max) * (half / 2 - 2);
          const path = area<number>()
            .x0((_, i) => cx - w(i))
            .x1((_, i) => cx + w(i))
            .y((g) => y(g))
            .curve(curveBasis)(grid);
          body = svg`<path class="density ${source}" d=${path ?? ''}></path>`;
        } else {
          let i = 0;
          body = d.spread.flatMap(([pos, k]) =>
            Array.from({ length: k }, () => {
              const dx = x0 + 3 + spreadAt(i++) * Math.max(0, half - 6);
              return source === 'teller'
                ? svg`<circle class="dot teller" cx=${dx} cy=${y(pos)} r="3.2"></circle>`
                : svg`<rect class="dot coordinator" x=${dx - 3} y=${y(pos) - 3} width="6" height="6" transform="rotate(45 ${dx} ${y(pos)})"></rect>`;
            }),
          );
        }
        const mean = d.mean === null ? nothing : svg`<line class="mean ${source}" x1=${x0 + 1} x2=${x0 + half - 1} y1=${y(d.mean)} y2=${y(d.mean)}></line>`;
        return svg`${body}${mean}`;
      }),
    );
    const id = this.uid;
    return html`
      <figure>
        <svg viewBox="0 0 ${width} ${height}" role="group" aria-labelledby="${id}-t" aria-describedby="${id}-d" @keydown=${this.keydown}>
          <title id="${id}-t">${this.label}</title>
          <desc id="${id}-d">${t('desc', { weak: this.weak, strong: this.strong })}</desc>
          ${edges.map(
            (v) => svg`<line class="grid" x1=${m.left} x2=${width - m.right} y1=${y(v)} y2=${y(v)}></line>
              <text class="tick" x=${m.left - 6} y=${y(v) + 4} text-anchor="end" aria-hidden="true">${v}</text>`,
          )}
          ${this.periods.map(
            (p, i) => svg`<line class="divider" x1=${(x(p.period) ?? 0) + half} x2=${(x(p.period) ?? 0) + half} y1=${y(100)} y2=${y(0)}></line>
              ${tick(p.period, i)}
              <text class="sub" x=${(x(p.period) ?? 0) + half / 2} y=${height - m.bottom + (stacked ? 48 : 34)} text-anchor="middle" aria-hidden="true">●</text>
              <text class="sub c" x=${(x(p.period) ?? 0) + half * 1.5} y=${height - m.bottom + (stacked ? 48 : 34)} text-anchor="middle" aria-hidden="true">◆</text>`,
          )}
          <g aria-hidden="true">${marks}</g>
          ${all.map((r, i) => {
            const on = !!sel && sel.period === r.period && sel.source === r.source && sel.bin === r.bin;
            return svg`<rect class="region ${on ? 'on' : ''}" data-region=${i} role="button" tabindex=${i === this.active ? 0 : -1}
              aria-label=${this.regionLabel(r)} aria-pressed=${on ? 'true' : 'false'}
              x=${stripX(r.period, r.source)} y=${y(edges[r.bin + 1]!)} width=${half} height=${y(edges[r.bin]!) - y(edges[r.bin + 1]!)}
              @click=${() => {
                this.active = i;
                this.choose(r);
              }}
              @focus=${() => (this.active = i)}></rect>`;
          })}
        </svg>
        <figcaption>
          <span class="key teller-key">● ${t('tellerKey')}</span>
          <span class="key coordinator-key">◆ ${t('coordinatorKey')}</span>
          <span class="key">— ${t('meanKey')}</span>
          <span class="poles"><span>0 = ${breakable(this.weak)}</span><span>100 = ${breakable(this.strong)}</span></span>
          <span class="how">${t('howTo')}</span>
        </figcaption>
      </figure>
    `;
  }

  static override styles = css`
    :host { display: block; }
    figure { margin: 0; }
    svg { width: 100%; height: auto; max-width: 720px; display: block; }
    .grid { stroke: #d8ddd6; stroke-width: 1; }
    .divider { stroke: #eef0ec; stroke-width: 1; }
    .tick { font-size: 12px; fill: #4d5a56; }
    .sub { font-size: 10px; fill: #1d5c4d; }
    .sub.c { fill: #a34f00; }
    .dot.teller { fill: #1d5c4d; fill-opacity: 0.75; }
    .dot.coordinator { fill: #fff; stroke: #a34f00; stroke-width: 1.5; }
    .density.teller { fill: #1d5c4d; fill-opacity: 0.55; }
    .density.coordinator { fill: #c25e00; fill-opacity: 0.45; }
    .mean { stroke: #1c2321; stroke-width: 3; }
    .region { fill: transparent; stroke: none; cursor: pointer; }
    .region:hover { fill: rgba(29, 92, 77, 0.08); stroke: #6b7671; stroke-width: 1; }
    .region.on { fill: rgba(194, 94, 0, 0.12); stroke: #1c2321; stroke-width: 2; }
    .region:focus { outline: none; }
    .region:focus-visible { stroke: var(--ww-focus, #c25e00); stroke-width: 3; outline: 3px solid var(--ww-focus, #c25e00); outline-offset: -3px; }
    figcaption { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.9rem; }
    .teller-key { color: #1d5c4d; font-weight: 600; }
    .coordinator-key { color: #a34f00; font-weight: 600; }
    .poles span { min-width: 0; overflow-wrap: anywhere; }
    .poles { display: flex; flex-wrap: wrap; gap: 0 1rem; color: #4d5a56; }
    .how { color: #4d5a56; flex-basis: 100%; }
  `;
}

/** A region's words: used by the page for the list it opens. */
export const regionRange = (bin: number) => `${edges[bin]}–${edges[bin + 1]}`;

declare global {
  interface HTMLElementTagNameMap {
    'ww-climate-pattern': ClimatePattern;
  }
}
