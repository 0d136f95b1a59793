// Most Significant Change as the method asks: a panel member sees the others' picks only after
// their own; the teller's receipt page says in a sentence that their story was chosen, by whom
// (roles, not names) and why. At 360 and 1280 px, axe-clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerLeaving, startE2E, type E2E } from '../helpers/browser.js';
import { checkA11y, expectNoHorizontalScroll } from '../helpers/a11y.js';
import { makeProject, makeStory } from '../helpers/sensemaking-fixtures.js';
import { newReceiptCode } from '../../db/domain/receipt-codes.js';
import { receiptHash } from '../../db/repositories/stories.js';

describe('browser: independent MSC choices and the receipt sentence', () => {
  let e: E2E;
  beforeAll(async () => (e = await startE2E()));
  afterAll(async () => e?.close());

  for (const phone of [true, false]) {
    it(`the second panel member sees the first one's pick only after their own; the teller reads why (${phone ? '360' : '1280'} px)`, async () => {
      const size = phone ? 'phone' : 'desktop';
      const first = await e.user('coordinator');
      const second = await e.user('coordinator');
      const organiser = await e.user('admin');
      const p = await makeProject(e.db, `Buurtkamer ${size}`);
      const story = await makeStory(e.db, {
        projectId: p,
        consent: 'public',
        title: 'Het bankje',
        text: 'Ik durf weer over het plein te lopen.',
        happenedOn: '2026-02-01',
      });
      await makeStory(e.db, { projectId: p, consent: 'public', title: 'Het feest', happenedOn: '2026-02-02' });
      const round = await e.db
        .insertInto('mscRounds')
        .values({ domain: 'Meedoen in de buurt', periodFrom: '2026-01-01', periodTo: '2026-03-31', createdBy: organiser.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await e.db.insertInto('mscRoundProjects').values({ roundId: round.id, projectId: p }).execute();
      await e.db
        .insertInto('mscPanelMembers')
        .values([
          { roundId: round.id, userId: first.id },
          { roundId: round.id, userId: second.id },
        ])
        .execute();

      const pick = async (email: string, reason: string) => {
        const ctx = await e.context({ phone });
        const page = await ctx.newPage();
        await e.login(page, email);
        await page.goto(`/msc/${round.id}`);
        await page.getByRole('heading', { level: 1, name: 'Meedoen in de buurt' }).waitFor();
        return {
          ctx,
          page,
          choose: async () => {
            await page.getByRole('article', { name: 'Het bankje' }).getByRole('button', { name: 'Kies dit verhaal' }).click();
            await page.getByLabel('Waarom is dit voor jou de meest betekenisvolle verandering?').fill(reason);
            // A reason written and not saved: leaving asks first; staying keeps it.
            await answerLeaving(page, () => page.getByRole('link', { name: 'Weefwerk', exact: true }).first().click());
            await page.getByRole('button', { name: 'Keuze opslaan' }).click();
            await page.getByText('Je keuze is opgeslagen.').waitFor();
          },
        };
      };
      const a = await pick(first.email, 'Mensen durven weer naar buiten');
      await a.choose();
      await a.ctx.close();

      const b = await pick(second.email, 'Het plein is van iedereen');
      await b.page.getByText('Kies eerst zelf. Daarna zie je wat de anderen kozen en waarom.').waitFor();
      await expect(b.page.getByText('Mensen durven weer naar buiten').count()).resolves.toBe(0);
      await checkA11y(b.page, `msc-before-own-pick-${size}`);
      await e.screenshot(b.page, `msc-before-own-pick-${size}`);
      if (phone) await expectNoHorizontalScroll(b.page, 'MSC round on a phone');
      await b.choose();
      await b.page.getByText('Mensen durven weer naar buiten').waitFor();
      await expect(b.page.getByText('Kies eerst zelf.').count()).resolves.toBe(0);
      await checkA11y(b.page, `msc-after-own-pick-${size}`);
      await e.screenshot(b.page, `msc-after-own-pick-${size}`);
      await b.ctx.close();

      // The organiser (off the panel) sees who picked, not what, then closes and feeds back.
      const o = await e.context({ phone });
      const op = await o.newPage();
      await e.login(op, organiser.email);
      await op.goto(`/msc/${round.id}`);
      await op.getByText('Wat de panelleden kozen en waarom, zie je als de ronde gesloten is.').waitFor();
      await expect(op.getByText('Het plein is van iedereen').count()).resolves.toBe(0);
      await o.close();
      const api = await e.context();
      const ap = await api.newPage();
      await e.login(ap, organiser.email);
      for (const step of ['close', 'feedback'])
        expect((await ap.request.post(`/api/msc-rounds/${round.id}/${step}`, { headers: { origin: e.baseUrl } })).status()).toBe(200);
      await api.close();

      // The teller reads in a sentence that their story was chosen, by whom and why.
      const code = newReceiptCode();
      await e.db
        .updateTable('stories')
        .set({ receiptHash: receiptHash(code) })
        .where('id', '=', story)
        .execute();
      const r = await e.context({ phone, locale: 'nl-NL' });
      const rp = await r.newPage();
      await rp.goto(`/r/${code}`);
      const chosen = rp.getByRole('region', { name: 'Je verhaal is gekozen' });
      await chosen
        .getByText('Een groep mensen (coördinatoren) las verhalen over ‘Meedoen in de buurt’. Zij kozen jouw verhaal als de belangrijkste verandering.')
        .waitFor();
      await expect(chosen.getByRole('listitem').allTextContents()).resolves.toEqual(
        expect.arrayContaining([expect.stringContaining('Mensen durven weer naar buiten'), expect.stringContaining('Het plein is van iedereen')]),
      );
      await expect(chosen.textContent()).resolves.not.toMatch(/Coordinator \d|Admin \d|2026-01-01\/2026-12-31/);
      await checkA11y(rp, `receipt-chosen-${size}`);
      await e.screenshot(rp, `receipt-chosen-${size}`);
      await rp.goto(`/r/${code}?lang=tr`);
      await rp.getByText('Bir grup insan (koordinatörler) ‘Meedoen in de buurt’ hakkında hikâyeler okudu.', { exact: false }).waitFor();
      await r.close();
    });
  }
});
