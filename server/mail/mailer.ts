// Outgoing e-mail through SMTP (nodemailer), only when SMTP_* is configured (server/env.ts).
// Mail is a courtesy: a failure to send is logged and never fails the request that caused it.
import nodemailer from 'nodemailer';
import type { MailConfig } from '../env.js';

export type Mail = { to: string; subject: string; text: string };
export type Mailer = { send(mail: Mail): Promise<void> };

export function createMailer(cfg: MailConfig | undefined): Mailer | null {
  if (!cfg) return null;
  const transport = nodemailer.createTransport({
    host: cfg.host,
    port: cfg.port,
    secure: cfg.secure,
    auth: cfg.user ? { user: cfg.user, pass: cfg.password ?? '' } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from: cfg.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

/** Sends in the background: the caller neither waits (timing tells nothing) nor fails. */
export function sendLater(mailer: Mailer | null, mail: Mail, onSent?: () => void): void {
  if (!mailer) return;
  mailer
    .send(mail)
    .then(onSent, (err: unknown) => console.error(`mail to ${mail.to.replace(/^[^@]*/, '…')} failed: ${err instanceof Error ? err.message : String(err)}`));
}
