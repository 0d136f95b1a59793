// Changing or withdrawing a story's consent.
import { createRoute, z } from '@hono/zod-openapi';
import { addConsent, nameTeller, setConsentLevel, withdrawStory } from '../../../db/repositories/stories.js';
import { mediaDir, removeMediaFiles } from '../../media/index.js';
import { canWidenConsent, isStaff, visibleStory } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole } from '../../auth/guard.js';
import { checkConsentGiver, checkPublicName, CONSENT_TEXT_VERSION, widens } from '../../consent.js';
import { conflict, forbidden, invalid } from '../../errors.js';
import { body, cookieAuth, errors, idParam, json, router } from '../../openapi.js';
import { ConsentChangeBody, Story } from './schemas.js';
import { storyFor } from './checks.js';
import { redactStoredVersions } from '../../reports/redact.js';
import { purgeRemovedText } from '../../../db/engine.js';

export const consentRoutes = router().openapi(
  createRoute({
    method: 'post',
    path: '/stories/{id}/consent',
    tags: ['stories'],
    summary: 'Change or withdraw a story’s consent (withdrawal needs a reason and removes the text)',
    security: cookieAuth,
    request: { params: idParam, body: body(ConsentChangeBody) },
    responses: { 200: json(z.object({ story: Story })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const user = requireRole(c, 'admin', 'coordinator', 'worker', 'funder');
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const db = c.get('db');
    const story = await visibleStory(db, user, id);
    if (story.withdrawnAt) throw conflict('Dit verhaal is al ingetrokken / This story has already been withdrawn');
    if ((input.level === undefined) === (input.withdraw === undefined)) {
      throw invalid('Kies een nieuw niveau of trek in / Choose a new level or withdraw', [
        { field: 'level', message: 'Kies een nieuw niveau, of trek de toestemming in. / Choose a new level, or withdraw the consent.' },
      ]);
    }
    if (input.withdraw && !input.reason)
      throw invalid('Geef een reden voor het intrekken / Give a reason for the withdrawal', [
        { field: 'reason', message: 'Geef een reden voor het intrekken. / Give a reason for the withdrawal.' },
      ]);
    if (input.givenBy === 'coordinator' && !isStaff(user))
      throw invalid('Alleen een coördinator / Only a coordinator', [
        { field: 'givenBy', message: 'Alleen een coördinator kan dit kiezen. / Only a coordinator can choose this.' },
      ]);
    if (input.givenBy === 'worker' && user.role !== 'worker')
      throw invalid('Kies wie de wijziging vroeg / Choose who asked for the change', [
        { field: 'givenBy', message: 'Je bent geen medewerker. Kies wie de wijziging vroeg. / You are not a worker. Choose who asked for the change.' },
      ]);
    const widening = input.level !== undefined && widens(story.consent, input.level);
    if (widening && !canWidenConsent(user, story)) {
      throw forbidden(
        'Alleen wie het verhaal vastlegde of een coördinator legt ruimere toestemming vast / Only the story’s recorder or a coordinator records wider consent',
      );
    }
    checkConsentGiver({ under16: story.under16, givenBy: input.givenBy, guardianName: input.guardianName, widening });
    const newName = input.tellerName || null;
    if (newName && (input.level !== 'public' || story.tellerName))
      throw invalid('Hier geen naam / No name here', [
        {
          field: 'tellerName',
          message: story.tellerName
            ? 'De verteller heeft al een naam. / The teller already has a name.'
            : 'Een naam hoort alleen bij een openbaar verhaal. / A name goes only with a public story.',
        },
      ]);
    if (input.level !== undefined) checkPublicName(input.level, newName ?? story.tellerName, 'tellerName', 'staff');
    const files = await db.transaction().execute(async (tx) => {
      await addConsent(tx, id, {
        level: input.withdraw ? null : input.level!,
        withdrawn: input.withdraw === true,
        givenBy: input.givenBy,
        guardianName: input.givenBy === 'guardian' ? (input.guardianName ?? null) : null,
        channel: input.channel,
        consentTextVersion: input.consentTextVersion ?? CONSENT_TEXT_VERSION,
        reason: input.reason || null,
        recordedBy: user.id,
      });
      const files = input.withdraw ? await withdrawStory(tx, id) : [];
      if (input.withdraw)
        await redactStoredVersions(tx, [id], user, 'story withdrawn'); // the text leaves published versions too
      else await setConsentLevel(tx, id, input.level!);
      if (newName) await nameTeller(tx, story.tellerId, newName);
      await audit(
        tx,
        user,
        input.withdraw ? 'story.withdraw' : 'story.consent',
        { type: 'story', id },
        {
          from: story.consent,
          to: input.withdraw ? null : input.level,
          givenBy: input.givenBy,
          channel: input.channel,
          ...(widening ? { widened: true } : {}),
          ...(newName ? { tellerNamed: true } : {}),
        },
      );
      return files;
    });
    await removeMediaFiles(mediaDir(c.get('config')), files); // a withdrawn story's recording and photo go too
    if (input.withdraw) void purgeRemovedText(db); // the old text leaves the data files (PostgreSQL: VACUUM, in the background)
    return c.json({ story: await storyFor(db, user, id) }, 200);
  },
);
