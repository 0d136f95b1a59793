// What a resident typed on a link's form, kept in this browser (localStorage) until it is sent,
// so a reload, a closed tab or a lost connection loses nothing. Cleared once the story arrived.
import type { JSONContent } from '@tiptap/core';
import type { ConsentLevel } from './consent-texts.js';

export type Draft = {
  title: string;
  body: JSONContent | null;
  consent: ConsentLevel | null;
  /** [variableId, position] pairs; null = "don't know". */
  placements: [number, number | null][];
  tellerName: string;
  under16: boolean;
  guardianName: string;
  guardianAgrees: boolean;
  photoInReports: boolean;
  /** The resident pressed send while offline: send as soon as the connection is back. */
  pending: boolean;
  /**
   * The receipt code chosen when the resident first pressed send, sent with every try: when an
   * answer is lost and the story goes again, the server knows it already has it.
   */
  receipt: string | null;
};

export const emptyDraft = (): Draft => ({
  title: '',
  body: null,
  consent: null,
  placements: [],
  tellerName: '',
  under16: false,
  guardianName: '',
  guardianAgrees: false,
  photoInReports: false,
  pending: false,
  receipt: null,
});

const key = (token: string) => `weefwerk.draft.${token}`;

export function loadDraft(token: string): Draft | null {
  try {
    const raw = localStorage.getItem(key(token));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Draft>;
    return { ...emptyDraft(), ...parsed };
  } catch {
    return null;
  }
}

export function saveDraft(token: string, draft: Draft): void {
  try {
    localStorage.setItem(key(token), JSON.stringify(draft));
  } catch {
    // storage full or blocked: the form still works, it just is not kept
  }
}

export function clearDraft(token: string): void {
  try {
    localStorage.removeItem(key(token));
  } catch {
    // nothing kept, nothing to clear
  }
}

/** Whether a draft holds anything the resident would miss. */
export const draftHasContent = (d: Draft): boolean =>
  !!(d.title.trim() || d.tellerName.trim() || d.consent || d.placements.length || (d.body && JSON.stringify(d.body).includes('"text"')));

const receiptKey = (token: string) => `weefwerk.receipt.${token}`;
/** How long the thank-you screen comes back: long enough to write the code down, short enough that the next person at a shared tablet does not find it. */
const RECEIPT_KEPT_MS = 30 * 60_000;

/**
 * The receipt code of the story just sent through this link, kept for this tab only and for half an
 * hour, so a reload or the Back button shows the thank-you screen with its code again (never in the
 * address, which ends up in logs). Null forgets it: the resident chose to tell another story.
 */
export function keepReceipt(token: string, code: string | null): void {
  try {
    if (code) sessionStorage.setItem(receiptKey(token), JSON.stringify({ code, at: Date.now() }));
    else sessionStorage.removeItem(receiptKey(token));
  } catch {
    // storage blocked: the code shows until the page is left, as it always did
  }
}

export function keptReceipt(token: string): string | null {
  try {
    const kept = JSON.parse(sessionStorage.getItem(receiptKey(token)) ?? 'null') as { code: string; at: number } | null;
    if (kept && Date.now() - kept.at < RECEIPT_KEPT_MS) return kept.code;
    sessionStorage.removeItem(receiptKey(token));
    return null;
  } catch {
    return null;
  }
}
