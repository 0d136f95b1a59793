// One-off notices by e-mail, sent in the background after the change they tell about committed.
import { sendLater, type Mailer } from './mailer.js';

/** A funder is told that a report was shared with them (funders are addressed with "u"). */
export function reportSharedMail(mailer: Mailer | null, to: { email: string; locale: string }, report: { title: string }, baseUrl: string): void {
  const link = `${baseUrl}/reports`;
  const mail =
    to.locale === 'en'
      ? {
          subject: `A report was shared with you: ${report.title}`,
          text: `The report "${report.title}" was shared with you in Weefwerk.\n\nYou can read it once it is published, with your account:\n${link}`,
        }
      : {
          subject: `Er is een rapportage met u gedeeld: ${report.title}`,
          text: `De rapportage "${report.title}" is in Weefwerk met u gedeeld.\n\nU leest haar met uw account zodra zij gepubliceerd is:\n${link}`,
        };
  sendLater(mailer, { to: to.email, ...mail });
}
