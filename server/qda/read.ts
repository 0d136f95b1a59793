// Reading a .qdpx that came back from a QDA tool, refusing what is not one. The app ships no XSD,
// so project.qde is checked structurally here (what Project.xsd requires of the parts Weefwerk
// reads); every refusal is a 400 that names the problem, before anything is imported.
import { DOMParser } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';
import { invalid } from '../errors.js';
import { QDA_NS } from './export.js';

const MAX_ENTRIES = 20_000;
const MAX_UNPACKED = 200 * 1024 * 1024;
const GUID =
  /^(\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
const INTEGER = /^[+-]?\d+$/;

const refuse = (nl: string, en: string, problem: string) => invalid(`${nl} / ${en}`, [{ field: 'file', message: problem }]);

/** A path that would land outside the folder the zip is unpacked into (or is absolute). */
export const escapesFolder = (name: string) =>
  name.startsWith('/') || name.includes('\\') || /^[a-zA-Z]:/.test(name) || name.split('/').some((part) => part === '..') || name.includes('\0');

export type Qdpx = { root: Element; files: Map<string, Uint8Array> };

/** Unzips and parses; throws a 400 naming the problem. */
export function readQdpx(bytes: Uint8Array): Qdpx {
  if (bytes.byteLength < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    throw refuse('Dit is geen .qdpx: het is geen zip-bestand', 'This is not a .qdpx: it is not a zip file', 'not a zip');
  let entries = 0;
  let unpacked = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (escapesFolder(f.name))
          throw refuse(
            `Het bestand wijst buiten zijn eigen map (zip slip): ${f.name}`,
            `The file points outside its own folder (zip slip): ${f.name}`,
            'zip slip',
          );
        entries++;
        unpacked += f.originalSize;
        if (entries > MAX_ENTRIES || unpacked > MAX_UNPACKED)
          throw refuse('Het bestand is uitgepakt te groot', 'The file is too large when unpacked', 'too large');
        return !f.name.endsWith('/');
      },
    });
  } catch (e) {
    if (e instanceof Error && 'status' in e) throw e;
    throw refuse('Dit is geen .qdpx: het zip-bestand is beschadigd', 'This is not a .qdpx: the zip file is damaged', 'not a zip');
  }
  const qdeName = Object.keys(files).find((n) => n.toLowerCase() === 'project.qde');
  if (!qdeName) throw refuse('Er zit geen project.qde in het bestand', 'The file holds no project.qde', 'no project.qde');
  const xml = strFromU8(files[qdeName]!);
  if (/<!DOCTYPE/i.test(xml)) throw refuse('project.qde mag geen DOCTYPE hebben', 'project.qde must not have a DOCTYPE', 'DOCTYPE');
  const errors: string[] = [];
  let doc: ReturnType<DOMParser['parseFromString']> | null = null;
  try {
    doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(xml, 'text/xml');
  } catch (e) {
    errors.push(e instanceof Error ? e.message : String(e));
  }
  if (errors.length || !doc?.documentElement)
    throw refuse(`project.qde is geen geldige XML: ${errors[0] ?? 'leeg'}`, `project.qde is not well-formed XML: ${errors[0] ?? 'empty'}`, 'not well-formed');
  const root = doc.documentElement as unknown as Element;
  checkProject(root);
  return { root, files: new Map(Object.entries(files)) };
}

/** Child elements of the QDA namespace with this local name. */
export const kids = (el: Element, name?: string): Element[] =>
  Array.from(el.childNodes).filter(
    (n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === QDA_NS && (name === undefined || (n as Element).localName === name),
  );

const required: Record<string, string[]> = {
  User: ['guid'],
  Code: ['guid', 'name', 'isCodable'],
  Case: ['guid'],
  Variable: ['guid', 'name', 'typeOfVariable'],
  Set: ['guid', 'name'],
  TextSource: ['guid'],
  Note: ['guid'],
  PlainTextSelection: ['guid', 'startPosition', 'endPosition'],
  Coding: ['guid'],
  CodeRef: ['targetGUID'],
  SourceRef: ['targetGUID'],
  NoteRef: ['targetGUID'],
  VariableRef: ['targetGUID'],
  SelectionRef: ['targetGUID'],
};
const projectChildren = ['Users', 'CodeBook', 'Variables', 'Cases', 'Sources', 'Notes', 'Links', 'Sets', 'Graphs', 'Description', 'NoteRef'];
const variableTypes = ['Text', 'Boolean', 'Integer', 'Float', 'Date', 'DateTime'];

/** What Project.xsd requires of the parts Weefwerk reads; throws naming the first problem and where. */
function checkProject(root: Element): void {
  const fail = (where: string, problem: string) => {
    throw refuse(
      `project.qde volgt het REFI-QDA-schema niet: ${where}: ${problem}`,
      `project.qde does not follow the REFI-QDA schema: ${where}: ${problem}`,
      `schema: ${where}: ${problem}`,
    );
  };
  if (root.namespaceURI !== QDA_NS || root.localName !== 'Project') fail(root.nodeName, `the root must be <Project xmlns="${QDA_NS}">`);
  if (!root.getAttribute('name')) fail('Project', 'the attribute name is required');
  let last = -1;
  for (const child of Array.from(root.childNodes)) {
    if (child.nodeType !== 1) continue;
    const el = child as Element;
    const at = el.namespaceURI === QDA_NS ? projectChildren.indexOf(el.localName) : -1;
    if (at === -1) fail(`Project/${el.nodeName}`, 'not an element of a REFI-QDA project');
    if (at < last) fail(`Project/${el.localName}`, 'out of order');
    last = at;
  }
  const seen = new Set<string>();
  const walk = (el: Element, path: string) => {
    const name = el.localName;
    for (const attr of required[name] ?? []) if (!el.hasAttribute(attr)) fail(path, `the attribute ${attr} is required`);
    for (const attr of ['guid', 'targetGUID', 'creatingUser', 'modifyingUser', 'creatingUserGUID', 'modifyingUserGUID']) {
      const v = el.getAttribute(attr);
      if (el.hasAttribute(attr) && !GUID.test(v ?? '')) fail(path, `${attr} "${v}" is not a GUID`);
    }
    const guid = el.getAttribute('guid');
    if (guid) {
      const g = guid.replace(/[{}]/g, '').toLowerCase();
      if (seen.has(g)) fail(path, `the GUID ${guid} is used twice`);
      seen.add(g);
    }
    if (name === 'Code' && !['true', 'false', '1', '0'].includes(el.getAttribute('isCodable') ?? '')) fail(path, 'isCodable must be true or false');
    if (name === 'Variable' && !variableTypes.includes(el.getAttribute('typeOfVariable') ?? ''))
      fail(path, 'typeOfVariable is not one of ' + variableTypes.join(', '));
    if (name === 'PlainTextSelection') {
      const [s, e] = [el.getAttribute('startPosition') ?? '', el.getAttribute('endPosition') ?? ''];
      if (!INTEGER.test(s) || !INTEGER.test(e)) fail(path, 'startPosition and endPosition must be whole numbers');
      if (Number(s) < 0 || Number(e) < Number(s)) fail(path, 'the passage must run forwards from position 0 or later');
    }
    if (name === 'Coding' && kids(el, 'CodeRef').length !== 1) fail(path, 'a Coding needs exactly one CodeRef');
    if (name === 'TextSource' && el.hasAttribute('plainTextPath') && kids(el, 'PlainTextContent').length)
      fail(path, 'either PlainTextContent or plainTextPath, not both');
    const counts = new Map<string, number>();
    for (const k of kids(el)) {
      const n = (counts.get(k.localName) ?? 0) + 1;
      counts.set(k.localName, n);
      walk(k, `${path}/${k.localName}[${n}]`);
    }
  };
  walk(root, 'Project');
}
