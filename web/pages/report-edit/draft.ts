// A report's definition as the editor's form holds it, and how to tell whether it changed.
import { sectionKeys, type Draft, type Report } from './messages.js';

const year = new Date().getFullYear();

/** A new report's definition: this calendar year, every section. */
export const blankDraft: Draft = {
  title: '',
  audience: 'funder',
  periodFrom: `${year}-01-01`,
  periodTo: `${year}-12-31`,
  projectIds: [],
  areaIds: [],
  outcomeIds: [],
  sections: [...sectionKeys],
  intro: { type: 'doc', content: [] },
};

/** The definition of a report as its form edits it. */
export const draftOf = (r: Report): Draft => ({
  title: r.title,
  audience: r.audience,
  periodFrom: r.periodFrom,
  periodTo: r.periodTo,
  projectIds: r.projectIds,
  areaIds: r.areaIds,
  outcomeIds: r.outcomeIds,
  sections: r.sections,
  intro: r.intro,
});

/** A definition as text to compare, lists in any order alike; the introduction's changes are told by its editor. */
export const fingerprint = ({ intro: _, ...d }: Draft) =>
  JSON.stringify({
    ...d,
    projectIds: [...d.projectIds].sort(),
    areaIds: [...d.areaIds].sort(),
    outcomeIds: [...d.outcomeIds].sort(),
    sections: [...d.sections].sort(),
  });
