// The accessibility bar every browser test can hold a page to (issue 8):
// axe-core with the WCAG 2.2 A/AA rules, keyboard-only movement with visible focus,
// form errors tied to their fields, and reflow at 200% zoom on a phone.
import axe from 'axe-core';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';

export const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const SCREENSHOTS = join(process.cwd(), 'tests', 'artifacts', 'screenshots');

type AxeNode = { target: unknown[]; html: string; failureSummary?: string };
type AxeViolation = { id: string; impact: string | null; help: string; helpUrl: string; nodes: AxeNode[] };

/** Formats axe violations as a list a person can act on: rule, impact, where, what to do. */
export function formatViolations(label: string, violations: AxeViolation[]): string {
  const lines = [`${label}: ${violations.length} accessibility violation(s)`];
  for (const v of violations) {
    lines.push(`- ${v.id} [${v.impact ?? 'n/a'}] ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes.slice(0, 8)) {
      // Targets inside shadow roots come as nested arrays: host selector, then the inner one.
      const where = n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(', ');
      lines.push(`    at ${where}`);
      lines.push(`       ${n.html.slice(0, 160)}`);
      if (n.failureSummary) lines.push(`       ${n.failureSummary.replace(/\s*\n\s*/g, ' / ').slice(0, 300)}`);
    }
    if (v.nodes.length > 8) lines.push(`    … and ${v.nodes.length - 8} more`);
  }
  return lines.join('\n');
}

/**
 * Runs axe-core (WCAG 2.2 A and AA) on the page as it is now, shadow roots included, and throws
 * a readable list of violations. axe is evaluated through the DevTools protocol, so the page's
 * CSP (no inline scripts) stays on while it runs.
 */
export async function checkA11y(page: Page, label: string, opts: { disable?: string[] } = {}): Promise<void> {
  await page.waitForLoadState('networkidle');
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(axe.source);
  const violations = await page.evaluate(
    async ({ tags, disable }) => {
      const a = (window as unknown as { axe: typeof axe }).axe;
      const rules = Object.fromEntries(disable.map((id) => [id, { enabled: false }]));
      const result = await a.run(document, { runOnly: { type: 'tag', values: tags }, rules, resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target as unknown[], html: n.html, failureSummary: n.failureSummary })),
      }));
    },
    { tags: A11Y_TAGS, disable: opts.disable ?? [] },
  );
  if (violations.length) throw new Error(formatViolations(`${label} (${page.url()})`, violations));
}

/** A short description of the element that has focus, looking through shadow roots. */
export async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    if (!a || a === document.body) return '(body)';
    const text = (a.getAttribute('aria-label') ?? (a as HTMLElement).innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    const name = a.getAttribute('name');
    return `<${a.tagName.toLowerCase()}${name ? ` name=${name}` : ''}${a.id ? `#${a.id}` : ''}> ${text}`;
  });
}

/** Whether the element is the one that has focus (looking through shadow roots). */
export async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a === el;
  });
}

/**
 * Throws unless the focused element shows where focus is: the browser's focus ring, an outline of
 * at least 2px, or a box-shadow (WCAG 2.4.7, 2.4.11). Checks the focused element itself and,
 * for controls that draw focus on a wrapper, its parent.
 */
export async function expectVisibleFocus(page: Page): Promise<void> {
  const found = await page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    if (!a || a === document.body) return { ok: false, why: 'nothing has focus' };
    const shows = (el: Element) => {
      const s = getComputedStyle(el);
      // 'auto' is the browser's own two-colour focus ring; any other outline must be at least 2px.
      const outline = s.outlineStyle === 'auto' || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2);
      const shadow = s.boxShadow !== 'none' && s.boxShadow !== '';
      return outline || shadow;
    };
    const parent = a.parentElement ?? ((a.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
    if (shows(a) || (parent && parent.matches(':focus-within') && shows(parent))) return { ok: true, why: '' };
    const s = getComputedStyle(a);
    return {
      ok: false,
      why: `<${a.tagName.toLowerCase()}> ${(a as HTMLElement).innerText?.slice(0, 40) ?? ''}: outline ${s.outlineStyle} ${s.outlineWidth}, box-shadow ${s.boxShadow}`,
    };
  });
  if (!found.ok) throw new Error(`Focus is not visible: ${found.why}`);
}

/**
 * Presses Tab (or Shift+Tab) until `reached()` holds, then checks that focus is visible.
 * Fails with the path focus took when it never holds: a keyboard user could not get there.
 */
async function tabUntil(page: Page, reached: () => Promise<boolean>, what: string, opts: { max?: number; back?: boolean }): Promise<void> {
  const max = opts.max ?? 80;
  const path: string[] = [];
  for (let i = 0; i <= max; i++) {
    if (await reached()) {
      await expectVisibleFocus(page);
      return;
    }
    if (i === max) break;
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    path.push(await describeFocus(page));
  }
  throw new Error(`Could not reach ${what} with ${opts.back ? 'Shift+Tab' : 'Tab'} in ${max} presses. Focus went:\n  ${path.join('\n  ')}`);
}

/** Presses Tab (or Shift+Tab) until `target` has focus, then checks that focus is visible. */
export async function tabTo(page: Page, target: Locator, opts: { max?: number; back?: boolean } = {}): Promise<void> {
  await target.waitFor({ state: 'visible' });
  await tabUntil(page, () => isFocused(target), String(target), opts);
}

/**
 * Tabs into the radio group of `radio` (Tab stops once per group), then moves with the arrow keys
 * until `radio` is focused and checked, as a keyboard user chooses.
 */
export async function chooseRadio(page: Page, radio: Locator, opts: { max?: number; back?: boolean } = {}): Promise<void> {
  await radio.waitFor({ state: 'visible' });
  const name = await radio.getAttribute('name');
  const inGroup = () =>
    page.evaluate((group) => {
      let a: Element | null = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a instanceof HTMLInputElement && a.type === 'radio' && a.name === group;
    }, name);
  await tabUntil(page, inGroup, `the radio group ${name}`, opts);
  for (let i = 0; i < 12 && !(await isFocused(radio)); i++) await page.keyboard.press('ArrowDown');
  if (!(await isFocused(radio))) throw new Error(`Arrow keys did not reach ${radio}`);
  if (!(await radio.isChecked())) await page.keyboard.press('Space');
  if (!(await radio.isChecked())) throw new Error(`${radio} is focused but not checked`);
}

/** Tabs to a button or link and activates it with Enter (or Space). */
export async function activate(page: Page, target: Locator, key: 'Enter' | 'Space' = 'Enter', opts: { back?: boolean } = {}): Promise<void> {
  await tabTo(page, target, opts);
  await page.keyboard.press(key);
}

/** Tabs to a text field and types into it (replacing what was there). */
export async function typeInto(page: Page, target: Locator, text: string, opts: { back?: boolean } = {}): Promise<void> {
  await tabTo(page, target, opts);
  await page.keyboard.press('ControlOrMeta+A');
  if (text === '') await page.keyboard.press('Backspace');
  else await page.keyboard.insertText(text);
}

/** Tabs to a <select> and moves through its options with the arrow keys until `label` is chosen. */
export async function chooseOption(page: Page, select: Locator, label: string | RegExp, opts: { back?: boolean } = {}): Promise<void> {
  await tabTo(page, select, opts);
  const chosen = () => select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent?.trim() ?? '');
  const matches = (s: string) => (typeof label === 'string' ? s === label : label.test(s));
  await page.keyboard.press('Home');
  const count = await select.evaluate((el) => (el as HTMLSelectElement).options.length);
  for (let i = 0; i < count; i++) {
    if (matches(await chosen())) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`Option ${label} not found in ${select}`);
}

/** The text of what describes a field (aria-describedby), as a screen reader would read it. */
export async function descriptionOf(field: Locator): Promise<string> {
  return field.evaluate((el) => {
    const root = el.getRootNode() as Document | ShadowRoot;
    const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    return ids
      .map((id) => root.getElementById(id)?.textContent?.trim() ?? '')
      .filter(Boolean)
      .join(' ');
  });
}

/** The text of a field's own label(s): the name a screen reader reads for it (a hint inside would be read with it). */
export async function labelOf(field: Locator): Promise<string> {
  return field.evaluate((el) =>
    Array.from((el as HTMLInputElement).labels ?? [])
      .map((l) => l.textContent?.replace(/\s+/g, ' ').trim() ?? '')
      .join(' '),
  );
}

/** Throws unless the field's label is its name alone and its hint describes it (aria-describedby), read once each. */
export async function expectNameAndHint(field: Locator, name: string, hint: string): Promise<void> {
  expect(await labelOf(field), `label of ${field}`).toBe(name);
  expect(await descriptionOf(field), `description of ${field}`).toBe(hint);
}

/** Chromium's own accessible name and description of an element, as its accessibility tree gives them to a screen reader. */
export async function accessibleOf(el: Locator): Promise<{ name: string; description: string }> {
  const page = el.page();
  const cdp = await page.context().newCDPSession(page);
  const slot = globalThis as { axTarget?: Element };
  try {
    await el.evaluate((node) => ((globalThis as typeof slot).axTarget = node));
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'globalThis.axTarget' });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: false });
    const text = (p?: { value?: unknown }) =>
      String(p?.value ?? '')
        .replace(/\s+/g, ' ')
        .trim();
    return { name: text(nodes[0]?.name), description: text(nodes[0]?.description) };
  } finally {
    await el.evaluate(() => delete (globalThis as typeof slot).axTarget);
    await cdp.detach();
  }
}

/** Throws unless Chromium names the element `name` alone and describes it with `description`. */
export async function expectAccessible(el: Locator, name: string, description: string | RegExp): Promise<void> {
  const got = await accessibleOf(el);
  expect(got.name, `accessible name of ${el}`).toBe(name);
  if (typeof description === 'string') expect(got.description, `accessible description of ${el}`).toBe(description);
  else expect(got.description, `accessible description of ${el}`).toMatch(description);
}

/**
 * Throws unless the field is marked invalid and its error text (matching `message`) is tied to it
 * through aria-describedby and sits in a live region (role=alert or aria-live), so it is announced.
 */
export async function expectFieldError(field: Locator, message: RegExp): Promise<void> {
  await field.page().waitForFunction((el) => el?.getAttribute('aria-invalid') === 'true', await field.elementHandle());
  const desc = await descriptionOf(field);
  if (!message.test(desc)) throw new Error(`Field ${field} is described by "${desc}", expected ${message}`);
  const announced = await field.evaluate((el) => {
    const root = el.getRootNode() as Document | ShadowRoot;
    const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    return (
      ids.some((id) => {
        const d = root.getElementById(id);
        return !!d?.textContent?.trim() && !!d.closest('[role=alert],[aria-live=polite],[aria-live=assertive],[role=status]');
      }) || Array.from(root.querySelectorAll('[role=alert]')).some((a) => !!a.textContent?.trim())
    );
  });
  if (!announced) throw new Error(`The error of ${field} is not in a live region (role=alert / aria-live): it is not announced`);
}

/**
 * WCAG 1.4.10 reflow: at `width` CSS px the page scrolls only vertically.
 * Lists the elements that stick out to the right, if any.
 */
export async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const out = await page.evaluate(() => {
    const doc = document.documentElement;
    const width = doc.clientWidth;
    if (doc.scrollWidth <= width + 1) return [];
    const wide: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        const r = el.getBoundingClientRect();
        const spills = getComputedStyle(el).overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
        if ((r.right > width + 1 && r.width > 0) || (spills && r.left + el.scrollWidth > width + 1))
          wide.push(
            `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}> right=${Math.round(Math.max(r.right, r.left + el.scrollWidth))}`,
          );
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return [`page is ${doc.scrollWidth}px wide in a ${width}px viewport`, ...wide.slice(0, 12)];
  });
  if (out.length) throw new Error(`${label}: horizontal scrolling needed:\n  ${out.join('\n  ')}`);
}

/**
 * WCAG 2.1.1 with 1.4.10: every table wrapper (`.table-wrap`) is a named region the keyboard can
 * reach, and each one that scrolls sideways is reached with Tab and scrolled with the arrow keys.
 * Returns how many scroll.
 */
export async function expectScrollingTablesReachable(page: Page, label: string): Promise<number> {
  let scrolling = 0;
  for (const wrap of await page.locator('.table-wrap').all()) {
    const about = await wrap.evaluate((el) => {
      const root = el.getRootNode() as Document | ShadowRoot;
      const byIds = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).map((id) => (id ? (root.getElementById(id)?.textContent ?? '') : ''));
      return {
        role: el.getAttribute('role'),
        tabindex: el.getAttribute('tabindex'),
        name: (el.getAttribute('aria-label') ?? byIds.join(' ')).trim(),
        table: el.querySelector('caption, th')?.textContent?.trim() ?? '',
        scrolls: el.scrollWidth > el.clientWidth + 1,
      };
    });
    if (about.role !== 'region' || about.tabindex !== '0' || !about.name)
      throw new Error(
        `${label}: the table "${about.table}" is not a named region the keyboard reaches (role=${about.role}, tabindex=${about.tabindex}, name="${about.name}")`,
      );
    if (!about.scrolls) continue;
    scrolling++;
    // Its caption stays in view (and wraps) while the table scrolls sideways under it.
    const caption = await wrap.evaluate((el) => {
      const c = el.querySelector('caption');
      return c ? c.getBoundingClientRect().right - el.getBoundingClientRect().right : null;
    });
    if (caption !== null) expect(caption, `${label}: the caption of "${about.name}" runs out of view`).toBeLessThanOrEqual(1);
    await tabTo(page, wrap, { max: 80 });
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => wrap.evaluate((el) => el.scrollLeft), { message: `${label}: arrow keys scroll "${about.name}"` }).toBeGreaterThan(0);
  }
  return scrolling;
}

/**
 * A 360×740 phone at 200% zoom lays out like a 180×370 CSS px viewport at device scale 2:
 * checks that the page reflows without horizontal scrolling there and at 320 px (WCAG 1.4.10),
 * saves a screenshot of the zoomed page, then restores the viewport.
 */
export async function checkZoom200(page: Page, label: string): Promise<void> {
  const before = page.viewportSize();
  try {
    for (const size of [
      { width: 320, height: 640 },
      { width: 180, height: 370 },
    ]) {
      await page.setViewportSize(size);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await expectNoHorizontalScroll(page, `${label} at ${size.width}px`);
    }
    await screenshot(page, `${label}-zoom200`);
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

/** Saves a full-page screenshot into tests/artifacts/screenshots (kept out of git). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** axe on the page, then a screenshot: what every journey does on each page it visits. */
export async function visit(page: Page, label: string, opts: { disable?: string[]; shot?: boolean } = {}): Promise<void> {
  await checkA11y(page, label, opts);
  if (opts.shot) await screenshot(page, label);
}
