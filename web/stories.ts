// Types and labels for stories in the staff app, as the story routes send them (server/routes/stories/schemas.ts).
import type { JSONContent } from '@tiptap/core';
import { css, html } from 'lit';
import { messages } from './i18n.js';
import { roleName } from './roles.js';

import type { ConsentChannel as Channel, ConsentGiver, ConsentLevel, Phase, StorySource as Source } from '../db/domain/enums.js';
import { consentLevelWords } from '../db/domain/enums.js';

export { consentChannels as channels, consentLevels, phases, storySources as sources } from '../db/domain/enums.js';
export type { Channel, ConsentLevel, Phase, Source };
export const languages = ['nl', 'en', 'ar', 'tr', 'pl', 'uk', 'so', 'ti', 'fr', 'es', 'de'] as const;

export type StorySummary = {
  id: number;
  projectId: number;
  projectName: string;
  areaId: number | null;
  areaName: string | null;
  title: string;
  excerpt: string;
  phase: Phase | null;
  happenedOn: string | null;
  language: string;
  source: Source;
  consent: ConsentLevel;
  withdrawnAt: string | null;
  tellerName: string | null;
  createdAt: string;
  tagged: boolean;
};

export type ConsentRecord = {
  id?: number;
  level: ConsentLevel | null;
  withdrawn?: boolean | number;
  givenBy: string;
  guardianName?: string | null;
  channel: Channel;
  consentTextVersion?: string;
  reason?: string | null;
  recordedBy?: { id: number; name: string } | string | number | null;
  at: string;
};

export type Story = StorySummary & {
  body: JSONContent;
  bodyHtml: string;
  bodyText: string;
  teller: { id: number; name: string | null; under16: boolean; kind: 'resident' | 'worker' };
  recordedBy: { id: number; name: string } | null;
  consentHistory: ConsentRecord[];
  placements: { variableId: number; source: string; position: number | null; status: string; name?: string; weak?: string; strong?: string }[];
  canEdit: boolean;
  /** A heard story whose receipt code this user may replace (only its hash is kept, so it is never shown again). */
  canReissueReceipt?: boolean;
  /** Its voice recording and photo (for the team only; never in reports as such). */
  media?: StoryMedia[];
};

export type StoryMedia = {
  id: number;
  kind: 'audio' | 'photo';
  mime: string;
  bytes: number;
  durationSeconds: number | null;
  photoInReports: boolean;
  url: string;
};

export type PublicLink = {
  id: number;
  projectId: number;
  token: string;
  url: string;
  label: string;
  expiresAt: string | null;
  closedAt: string | null;
  createdAt: string;
  status?: 'open' | 'closed' | 'expired';
  storyCount: number;
  /** the question residents see above the story field; null = the standard one, in their language */
  question: string | null;
  /** the climate questions the form asks (0–4); null = the project's first two */
  climateVariableIds: number[] | null;
};

export type Area = { id: number; name: string; kind: string; parentId: number | null };
export type ProjectSummary = { id: number; name: string; areaIds: number[] };

export const label = messages({
  nl: {
    ...consentLevelWords.nl,
    link: 'Bewoner via link',
    heard: 'Gehoord',
    practice: 'Eigen praktijkverhaal',
    paper: 'Op papier',
    spoken: 'Mondeling',
    online: 'Online',
    teller: 'Verteller',
    guardian: 'Ouder of voogd',
    ZIEN: 'Zien',
    DENKEN: 'Denken',
    DOEN: 'Doen',
    VINDEN: 'Vinden',
    withdrawn: 'Ingetrokken',
    nl_: 'Nederlands',
    en_: 'Engels',
    ar_: 'Arabisch',
    tr_: 'Turks',
    pl_: 'Pools',
    uk_: 'Oekraïens',
    so_: 'Somalisch',
    ti_: 'Tigrinya',
    fr_: 'Frans',
    es_: 'Spaans',
    de_: 'Duits',
  },
  en: {
    ...consentLevelWords.en,
    link: 'Resident via link',
    heard: 'Heard',
    practice: 'Own practice story',
    paper: 'On paper',
    spoken: 'Spoken',
    online: 'Online',
    teller: 'Teller',
    guardian: 'Parent or guardian',
    ZIEN: 'See',
    DENKEN: 'Think',
    DOEN: 'Do',
    VINDEN: 'Find',
    withdrawn: 'Withdrawn',
    nl_: 'Dutch',
    en_: 'English',
    ar_: 'Arabic',
    tr_: 'Turkish',
    pl_: 'Polish',
    uk_: 'Ukrainian',
    so_: 'Somali',
    ti_: 'Tigrinya',
    fr_: 'French',
    es_: 'Spanish',
    de_: 'German',
  },
});

export function languageName(code: string): string {
  return (languages as readonly string[]).includes(code) ? label(`${code}_` as Parameters<typeof label>[0]) : code;
}

/** Who gave a consent: the teller, their parent or guardian, or staff by their role's name. */
export const giverName = (g: ConsentGiver | string): string => (g === 'teller' || g === 'guardian' ? label(g) : roleName(g));

/** A consent level as a badge: text, not colour alone. */
export function consentBadge(level: ConsentLevel, withdrawnAt?: string | null) {
  return withdrawnAt
    ? html`<span class="badge consent-withdrawn">${label('withdrawn')}</span>`
    : html`<span class="badge consent-${level}">${label(level)}</span>`;
}

export const badgeStyles = css`
  .badge.consent-team { background: #e8ebe6; color: #1c2321; }
  .badge.consent-report { background: #dfeaf6; color: #123a5e; }
  .badge.consent-public { background: #dcefe3; color: #14482a; }
  .badge.consent-withdrawn { background: #fbeaea; color: #7a1c14; }
`;

// A story heard from a resident gets a receipt code, shown once (only its hash is stored): the
// new-story page hands it to the story page it opens, which shows it to the worker to pass on.
const freshReceipts = new Map<number, string>();
export const keepReceipt = (storyId: number, code: string) => void freshReceipts.set(storyId, code);
export function takeReceipt(storyId: number): string | null {
  const code = freshReceipts.get(storyId) ?? null;
  freshReceipts.delete(storyId);
  return code;
}
