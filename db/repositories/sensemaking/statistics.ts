// Statistics over climate placements (positions 0..100): bins, mean, median, spread.

export const round2 = (x: number) => Math.round(x * 100) / 100;

export type Distribution = { n: number; notApplicable: number; mean: number | null; median: number | null; bins: number[]; spread: [number, number][] };
/** The five bins over 0..100: [0,20) [20,40) [40,60) [60,80) [80,100]. */
export const binEdges = [0, 20, 40, 60, 80, 100];
/** The bin a position falls in (0..4); the last bin includes 100. */
export const binOf = (x: number) => Math.min(4, Math.floor(x / 20));

export function distribution(positions: (number | null)[]): Distribution {
  const xs = positions.filter((p): p is number => p !== null).sort((a, b) => a - b);
  const bins = [0, 0, 0, 0, 0];
  for (const x of xs) bins[binOf(x)]!++;
  // Every placement, as [position, how many stories] in position order: the dots of the pattern.
  const spread: [number, number][] = [];
  for (const x of xs) {
    const last = spread[spread.length - 1];
    if (last && last[0] === x) last[1]++;
    else spread.push([x, 1]);
  }
  const n = xs.length;
  const mean = n ? round2(xs.reduce((a, b) => a + b, 0) / n) : null;
  const median = n ? (n % 2 ? xs[(n - 1) / 2]! : round2((xs[n / 2 - 1]! + xs[n / 2]!) / 2)) : null;
  return { n, notApplicable: positions.length - n, mean, median, bins, spread };
}
