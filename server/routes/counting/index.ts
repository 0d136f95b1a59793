// Counting (tellen): indicators and values, CSV and CBS import, hours, expenses and budget.
import { router } from '../../openapi.js';
import { hoursRoutes } from './hours.js';
import { importRoutes } from './imports.js';
import { indicatorValueRoutes } from './indicator-values.js';
import { indicatorRoutes } from './indicators.js';

export const countingRoutes = router().route('/', indicatorRoutes).route('/', indicatorValueRoutes).route('/', importRoutes).route('/', hoursRoutes);
