// The summary a report opens with: per indicator the latest period that has both an actual and a
// target, the percentage of the target reached (respecting the indicator's direction)
// and a status by one stated rule; per outcome the status of its indicators together.
import type { IndicatorOut } from './types.js';

/** At or above this percentage of the target an indicator is "op koers". */
export const ON_TRACK_PERCENT = 90;

export const statuses = ['on_track', 'behind', 'no_data'] as const;
export type Status = (typeof statuses)[number];

export type IndicatorProgress = {
  id: number;
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
  baseline: number | null;
  /**
   * the latest period in the report with both an actual and a target (all areas together); without
   * such a period, the latest period with an actual
   */
  period: string | null;
  actual: number | null;
  target: number | null;
  /** share of the target reached, in whole percent; null without an actual or a target */
  percent: number | null;
  status: Status;
};

/**
 * Percentage of the target reached: actual ÷ target when higher is better, target ÷ actual when
 * lower is better (at or under the target is 100% or more).
 */
export function percentOfTarget(actual: number, target: number, direction: 'higher' | 'lower'): number {
  if (direction === 'higher') return target === 0 ? (actual >= 0 ? 100 : 0) : Math.round((actual / target) * 100);
  if (actual <= 0) return target >= actual ? 100 : 0;
  return Math.round((target / actual) * 100);
}

export function indicatorProgress(ind: IndicatorOut): IndicatorProgress {
  // A newest quarter without a target must not hide earlier quarters that can be compared.
  const newestFirst = [...ind.periods].reverse();
  const last = newestFirst.find((p) => p.actual != null && p.target != null) ?? newestFirst.find((p) => p.actual != null);
  const actual = last?.actual ?? null;
  const target = last?.target ?? null;
  const percent = actual != null && target != null ? percentOfTarget(actual, target, ind.direction) : null;
  return {
    id: ind.id,
    name: ind.name,
    unit: ind.unit,
    direction: ind.direction,
    baseline: ind.baseline?.value ?? null,
    period: last?.period ?? null,
    actual,
    target,
    percent,
    status: percent == null ? 'no_data' : percent >= ON_TRACK_PERCENT ? 'on_track' : 'behind',
  };
}

/** An outcome is behind when any of its indicators is; on track when the others with data are; else no data. */
export function outcomeStatus(indicators: { status: Status }[]): Status {
  if (indicators.some((i) => i.status === 'behind')) return 'behind';
  return indicators.some((i) => i.status === 'on_track') ? 'on_track' : 'no_data';
}
