// A real SMTP server on loopback (smtp-server) that keeps what it receives, parsed by mailparser.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { MailConfig } from '../../server/env.js';

export type Smtp = {
  mail: MailConfig;
  inbox: ParsedMail[];
  /** The first received mail to `to` (after `after` mails in the inbox), waiting up to `ms`. */
  waitFor(to: string, opts?: { after?: number; ms?: number }): Promise<ParsedMail>;
  close(): Promise<void>;
};

export const recipient = (m: ParsedMail) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address?.toLowerCase()));

export async function startSmtp(): Promise<Smtp> {
  const inbox: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (m) => {
          inbox.push(m);
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    mail: { host: '127.0.0.1', port, secure: false, from: 'Weefwerk <noreply@weefwerk.test>' },
    inbox,
    async waitFor(to, { after = 0, ms = 5000 } = {}) {
      const until = Date.now() + ms;
      for (;;) {
        const found = inbox.slice(after).find((m) => recipient(m).includes(to.toLowerCase()));
        if (found) return found;
        if (Date.now() > until) throw new Error(`no mail to ${to} within ${ms} ms (inbox: ${inbox.length})`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The reset link in a password reset mail. */
export const resetLink = (m: ParsedMail) => /https?:\/\/\S+\/reset-password#\S+/.exec(m.text ?? '')?.[0] ?? '';
