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
