// Outgoing email. With SMTP_URL, through that server (nodemailer); without, each message is written as
// an .eml file (the raw RFC 822 message, which any mail client opens) to DATA_DIR/outbox, so a fresh
// install shows what it would have sent. Sending is queued: a request never waits for it nor fails with it.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Logger } from "pino";
import type { EmailContent } from "./content";

export interface Email extends EmailContent {
  to: string;
  subject: string;
  /** For the log: what the email is (e.g. "password-reset"). */
  kind: string;
}

export interface Mailer {
  /** Queues the email and returns at once; a failure is logged, never thrown. */
  send(email: Email): void;
  /** Resolves once everything queued so far was handed over (shutdown, tests). */
  drain(): Promise<void>;
}

export interface MailerOptions {
  smtpUrl: string | null;
  from: string;
  dataDir: string;
  log: Logger;
}

export function createMailer({ smtpUrl, from, dataDir, log }: MailerOptions): Mailer {
  const outbox = path.join(dataDir, "outbox");
  const transport = smtpUrl
    ? nodemailer.createTransport(smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  if (smtpUrl) log.info({ smtp: new URL(smtpUrl).host }, "emails are sent through SMTP");
  else log.warn({ outbox }, `SMTP_URL is not set: emails are not sent but written to ${outbox} as .eml files`);

  // One at a time, in order: a burst (a digest sweep) doesn't open a connection per email.
  let queue = Promise.resolve();
  const deliver = async ({ to, subject, text, html, kind }: Email) => {
    const info = await transport.sendMail({ from, to, subject, text, html });
    if (smtpUrl) {
      log.info({ kind, messageId: info.messageId }, "email sent");
      return;
    }
    mkdirSync(outbox, { recursive: true });
    const file = path.join(outbox, `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}.eml`);
    writeFileSync(file, (info as unknown as { message: Buffer }).message, { mode: 0o600 });
    log.info({ kind, file }, `email written to ${file}`);
  };
  return {
    send(email) {
      queue = queue.then(() => deliver(email)).catch((err) => log.error({ err, kind: email.kind }, "email could not be sent"));
    },
    drain: () => queue,
  };
}
