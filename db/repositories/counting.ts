// Counting (tellen): indicators, their targets and values with history, hours, expenses and budget,
// one file per part in db/repositories/counting/. indicatorSeries and budgetSummary are what reports read.
export * from './counting/indicators.js';
export * from './counting/values.js';
export * from './counting/series.js';
export * from './counting/hours.js';
export * from './counting/imports.js';

export type { Periodicity } from '../domain/periods.js';
