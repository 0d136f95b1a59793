// Counting (tellen): indicators with their targets, values and value history, import batches, and
// the hours and expenses a project spends. Declared in db/schema.ts's `DB`.
import type { Generated } from 'kysely';

import type { Phase } from '../domain/enums.js';
import type { Default } from './columns.js';

export interface IndicatorsTable {
  id: Generated<number>;
  projectId: number | null;
  outcomeId: number | null;
  name: string;
  description: Default<string>;
  unit: 'count' | 'percentage' | 'euro' | 'hours' | 'score';
  measure: 'unit' | 'percentage' | 'nominal' | 'ordinal' | 'qualitative';
  direction: Default<'higher' | 'lower'>;
  periodicity: 'month' | 'quarter' | 'year';
  baselineValue: number | null;
  baselinePeriod: string | null;
  byArea: Default<number>;
  source: Default<string>;
  sourceKey: string | null;
  createdAt: Default<string>;
  updatedAt: Default<string>;
}

export interface IndicatorTargetsTable {
  indicatorId: number;
  period: string;
  /** 0 = all areas */
  areaId: Default<number>;
  value: number;
}

export interface IndicatorValuesTable {
  id: Generated<number>;
  indicatorId: number;
  period: string;
  /** 0 = all areas */
  areaId: Default<number>;
  /** null = missing, never zero */
  value: number | null;
  note: Default<string>;
  enteredBy: number | null;
  updatedAt: Default<string>;
}

// --- Value history, import batches, hours, expenses (migration 0006) ---

export interface ImportBatchesTable {
  id: Generated<number>;
  kind: 'csv' | 'cbs';
  checksum: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  createdBy: number;
  createdAt: Default<string>;
}

export interface IndicatorValueHistoryTable {
  id: Generated<number>;
  indicatorId: number;
  period: string;
  /** 0 = all areas */
  areaId: Default<number>;
  /** 0 when this change created the value */
  existed: number;
  oldValue: number | null;
  newValue: number | null;
  oldNote: string | null;
  newNote: string | null;
  changedBy: number | null;
  batchId: number | null;
  changedAt: Default<string>;
}

export interface HoursTable {
  id: Generated<number>;
  projectId: number;
  userId: number;
  date: string;
  hours: number;
  phase: Phase;
  activity: string;
  createdAt: Default<string>;
}

export interface ExpensesTable {
  id: Generated<number>;
  projectId: number;
  date: string;
  amountCents: number;
  description: string;
  category: string | null;
  enteredBy: number;
  createdAt: Default<string>;
}
