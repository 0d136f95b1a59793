// Receipts: the code a teller keeps, and what it shows them (used in reports, chosen in MSC).
import { createHash } from 'node:crypto';
import { plainReceiptCode } from '../../domain/receipt-codes.js';
import { selectionsForStory, type PanelRole } from '../sensemaking.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../schema.js';

type Db = Kysely<DB>;

/** The hash of a receipt code as typed (any case, with or without dashes and spaces), or null if it cannot be one. */
export function receiptHash(code: string): string | null {
  const plain = plainReceiptCode(code);
  return plain && createHash('sha256').update(plain).digest('hex');
}

const withReports = new WeakSet<object>();
async function reportsInstalled(db: Db): Promise<boolean> {
  if (withReports.has(db)) return true;
  const found = (await db.introspection.getTables()).some((t) => t.name === 'report_version_stories');
  if (found) withReports.add(db);
  return found;
}

export type ReceiptStatus = { status: 'received' | 'used' | 'withdrawn'; usedIn: { report: string; version: number; publishedAt: string }[] };

/**
 * What became of a story, as its teller sees it. 'used' once a published report version
 * references it (the reports capability's `report_version_stories`, when that table exists).
 */
export async function receiptStatus(db: Db, story: { id: number; withdrawnAt: string | null }): Promise<ReceiptStatus> {
  if (story.withdrawnAt) return { status: 'withdrawn', usedIn: [] };
  if (!(await reportsInstalled(db))) return { status: 'received', usedIn: [] };
  const loose = db as unknown as Kysely<any>;
  const rows: { report: string; version: number; publishedAt: string }[] = await loose
    .selectFrom('reportVersionStories as rvs')
    .innerJoin('reportVersions as rv', 'rv.id', 'rvs.versionId')
    .innerJoin('reports as r', 'r.id', 'rv.reportId')
    .select(['r.title as report', 'rv.number as version', 'rv.publishedAt as publishedAt'])
    .where('rvs.storyId', '=', story.id)
    .orderBy('rv.publishedAt')
    .execute();
  return { status: rows.length ? 'used' : 'received', usedIn: rows };
}

/** A Most Significant Change round that chose the story: its domain, the panel's roles (not names) and every reason. */
export type ReceiptFeedback = { domain: string; panel: PanelRole[]; reasons: string[]; at: string | null };

/**
 * What the team fed back to the teller about their story: the Most Significant Change rounds that
 * chose it (once fed back), who chose it as roles, and why.
 */
export async function receiptFeedback(db: Db, storyId: number): Promise<ReceiptFeedback[]> {
  const rounds = await selectionsForStory(db, storyId);
  return rounds.map((r) => ({ domain: r.domain, panel: r.panel, reasons: r.reasons, at: r.fedBackAt }));
}
