// The daily tagging digest: each enabled coordinator whose visible stories await tagging gets one
// mail a day. `mail_log` (migration 0021) has one row per person, kind and day, inserted before the
// mail is sent, so a day's digest goes out at most once even with two processes or a restart.
import type { Db } from '../../db/client.js';
import { awaitingTaggingCount } from '../../db/repositories/sensemaking.js';
import { visibleStories } from '../access.js';
import type { Mailer } from './mailer.js';

const KIND = 'tagging-digest';

/** YYYY-MM-DD of a moment in server time. */
const localDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

function digestMail(locale: string, n: number, link: string) {
  if (locale === 'en')
    return {
      subject: `${n} ${n === 1 ? 'story awaits' : 'stories await'} tagging`,
      text: `${n === 1 ? 'One story awaits' : `${n} stories await`} tagging in Weefwerk.\n\nOpen the tagging inbox:\n${link}\n\nYou get this message at most once a day, only when stories are waiting.`,
    };
  return {
    subject: `${n} ${n === 1 ? 'verhaal wacht' : 'verhalen wachten'} op taggen`,
    text: `In Weefwerk ${n === 1 ? 'wacht één verhaal' : `wachten ${n} verhalen`} op taggen.\n\nOpen de tag-inbox:\n${link}\n\nJe krijgt dit bericht hoogstens één keer per dag, en alleen als er verhalen wachten.`,
  };
}

/** Sends today's digest to every coordinator who has stories to tag and has not had it today; returns how many were sent. */
export async function sendTaggingDigests(db: Db, mailer: Mailer, opts: { baseUrl: string; now?: Date }): Promise<number> {
  const now = opts.now ?? new Date();
  const day = localDay(now);
  const coordinators = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'locale'])
    .where('role', '=', 'coordinator')
    .where('disabledAt', 'is', null)
    .orderBy('id')
    .execute();
  let sent = 0;
  for (const user of coordinators) {
    const n = await awaitingTaggingCount(await visibleStories(db, user));
    if (!n) continue;
    const claimed = await db
      .insertInto('mailLog')
      .values({ userId: user.id, kind: KIND, day, sentAt: now.toISOString() })
      .onConflict((oc) => oc.columns(['userId', 'kind', 'day']).doNothing())
      .returning('userId')
      .execute();
    if (!claimed.length) continue;
    try {
      await mailer.send({ to: user.email, ...digestMail(user.locale, n, `${opts.baseUrl}/tagging`) });
      sent++;
    } catch (err) {
      // Give the next tick a chance to try again today.
      await db.deleteFrom('mailLog').where('userId', '=', user.id).where('kind', '=', KIND).where('day', '=', day).execute();
      console.error(`tagging digest to user ${user.id} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return sent;
}

export type Scheduler = { tick(now?: Date): Promise<number>; stop(): void };

/**
 * The in-process scheduler: every `everyMs` (default 10 minutes) it checks whether the digest hour
 * has come today and, if so, sends what is still due. Nothing starts on import or in createApp:
 * only server/index.ts starts it (with SMTP configured), so tests call `tick` themselves. Ticks
 * never overlap, and the timer does not keep the process alive.
 */
export function startScheduler(db: Db, mailer: Mailer, opts: { baseUrl: string; hour: number; everyMs?: number }): Scheduler {
  let running: Promise<number> | null = null;
  const tick = (now = new Date()): Promise<number> => {
    if (running) return running;
    if (now.getHours() < opts.hour) return Promise.resolve(0);
    running = sendTaggingDigests(db, mailer, { baseUrl: opts.baseUrl, now })
      .catch((err: unknown) => {
        console.error(`tagging digest failed: ${err instanceof Error ? err.message : String(err)}`);
        return 0;
      })
      .finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void tick(), opts.everyMs ?? 10 * 60_000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
