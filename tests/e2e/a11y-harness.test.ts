// The harness must be able to fail: a page with known problems is caught, a sound one passes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../helpers/browser.js';
import { checkA11y, expectFieldError, expectNoHorizontalScroll, expectVisibleFocus, tabTo } from '../helpers/a11y.js';

describe('browser: accessibility harness', () => {
  let e: E2E;
  let page: Page;
  beforeAll(async () => {
    e = await startE2E();
    page = await (await e.context()).newPage();
  });
  afterAll(async () => e?.close());

  it('lists axe violations by rule, target and help', async () => {
    await page.setContent(`<html><body><main><img src="x.png"><input id="q"><p style="color:#aaa;background:#fff">pale</p></main></body></html>`);
    const err = await checkA11y(page, 'broken').then(
      () => null,
      (e: Error) => e.message,
    );
    expect(err).toMatch(/html-has-lang/);
    expect(err).toMatch(/image-alt \[critical\]/);
    expect(err).toMatch(/label \[critical\].*\n\s+at #q/);
    expect(err).toMatch(/color-contrast/);
  });

  it('finds violations inside shadow roots', async () => {
    await page.setContent(`<html lang="nl"><body><main><div id="host"></div></main></body></html>`);
    await page.evaluate(() => {
      document.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = '<button></button>';
    });
    await expect(checkA11y(page, 'shadow')).rejects.toThrow(/button-name[\s\S]*#host >>> button/);
  });

  it('tabs to an element, notices focus without an outline, and names the path when unreachable', async () => {
    await page.setContent(`<html lang="nl"><body><main>
      <a href="#a">Eerste</a><button style="outline:none">Zonder rand</button><button>Met rand</button>
      <div role="button" aria-label="Niet bereikbaar">x</div></main></body></html>`);
    await tabTo(page, page.getByRole('button', { name: 'Met rand' }));
    await page.keyboard.press('Shift+Tab');
    await expect(expectVisibleFocus(page)).rejects.toThrow(/Focus is not visible/);
    await expect(tabTo(page, page.getByRole('button', { name: 'Niet bereikbaar' }), { max: 5 })).rejects.toThrow(/Could not reach[\s\S]*Eerste/);
  });

  it('requires field errors to be tied and announced', async () => {
    await page.setContent(`<html lang="nl"><body><main>
      <label>Naam <input id="a" aria-invalid="true" aria-describedby="a-err"></label><span id="a-err">Vul je naam in.</span>
      <div role="alert"></div></main></body></html>`);
    await expect(expectFieldError(page.locator('#a'), /naam/)).rejects.toThrow(/not announced/);
    await page.setContent(`<html lang="nl"><body><main>
      <label>Mail <input id="b" aria-invalid="true" aria-describedby="b-err"></label><div role="alert"><span id="b-err">Vul je e-mail in.</span></div>
      </main></body></html>`);
    await expectFieldError(page.locator('#b'), /e-mail/);
  });

  it('notices horizontal scrolling at a narrow width', async () => {
    await page.setViewportSize({ width: 320, height: 600 });
    await page.setContent(`<html lang="nl"><body><main><div class="wide" style="width:500px">breed</div></main></body></html>`);
    await expect(expectNoHorizontalScroll(page, 'wide')).rejects.toThrow(/<div.wide> right=5\d\d/);
  });
});
