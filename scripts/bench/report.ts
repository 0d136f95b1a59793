// Report assembly for the bench: sets up a report through the API and runs the same aggregates as
// hand-written SQL (the SQL floor). Filled in when the reports capability is merged.
import type { Remote } from '../lib/server-process.js';

export type BenchReport = { id: number; publishedPath: string | null };

export async function setUpReport(_a: Remote): Promise<BenchReport> {
  throw new Error('the reports capability (GET /api/reports/:id/preview) is not merged into this branch yet');
}
export const reportPreviewPath = (r: BenchReport) => `/api/reports/${r.id}/preview`;
export const publishedVersionPath = (r: BenchReport) => r.publishedPath;
export function sqlFloor(_db: string, _r: BenchReport): { p50: number; what: string } {
  throw new Error('no SQL floor without the reports capability');
}
