// Small numbers stay out of reports. A climate figure with fewer than MIN_CLIMATE_STORIES stories
// behind it is not shown ("te weinig verhalen"), and suppression is complementary: when one half
// of the period is suppressed, the other half is suppressed too, because the whole period's
// figure and one half's would give the missing half away by subtraction (n × mean − n₁ × mean₁).
// One function, applied when a report is assembled and again when a published version is served
// (versions from before this rule), so the JSON, page, CSV and IATI always agree.

/** Fewer stories than this behind a climate figure: no figure ("te weinig verhalen"). */
export const MIN_CLIMATE_STORIES = 5;

export type ClimateFigure = { n: number; mean: number | null };
type Split = {
  all: ClimateFigure;
  firstHalf: ClimateFigure;
  secondHalf: ClimateFigure;
  shift: number | null;
  spread?: { first: number[] | null; second: number[] | null };
};

const hide = (f: ClimateFigure): ClimateFigure => (f.mean === null ? f : { ...f, mean: null });
const tooFew = (f: ClimateFigure, min: number) => f.n > 0 && (f.n < min || f.mean === null);

/**
 * The figures of one climate line with every small number suppressed, and everything that would
 * let one be derived from the others: returns the same object when nothing had to change.
 */
export function suppressClimate<T extends Split>(v: T, min = MIN_CLIMATE_STORIES): T {
  let { all, firstHalf, secondHalf } = v;
  if (all.n < min) all = hide(all);
  if (firstHalf.n < min) firstHalf = hide(firstHalf);
  if (secondHalf.n < min) secondHalf = hide(secondHalf);
  // complementary: a half with stories but no figure takes the other half's figure with it
  if (tooFew(firstHalf, min) || tooFew(secondHalf, min)) {
    firstHalf = hide(firstHalf);
    secondHalf = hide(secondHalf);
  }
  const shift = firstHalf.mean !== null && secondHalf.mean !== null ? v.shift : null;
  // the spread chart (issue 12) shows a half's stories per band: only where its figure is shown
  const spread = v.spread && {
    first: firstHalf.mean === null ? null : v.spread.first,
    second: secondHalf.mean === null ? null : v.spread.second,
  };
  const spreadSame = !v.spread || (spread!.first === v.spread.first && spread!.second === v.spread.second);
  if (all === v.all && firstHalf === v.firstHalf && secondHalf === v.secondHalf && shift === v.shift && spreadSame) return v;
  return { ...v, all, firstHalf, secondHalf, shift, ...(spread ? { spread } : {}) };
}
