// A real SMTP server for tests (smtp-server, no TLS, no auth) that parses every message it receives
// (mailparser) and keeps it by recipient, so a test can wait for "the next email to ana@…".
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface TestMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  raw: ParsedMail;
}

export interface TestSmtp {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  port: number;
  /** Every email received so far for this address (case-insensitive). */
  mailsTo(address: string): TestMail[];
  /** Waits for the `n`th email (1 = the first ever) to this address, counting only those with this subject if given. */
  nthMailTo(address: string, n: number, subject?: string): Promise<TestMail>;
  close(): Promise<void>;
}

/** Starts an SMTP server on `port` (0: any free one). `onMail` also sees each message's raw bytes. */
export async function startSmtp(port = 0, onMail?: (raw: Buffer, mail: TestMail) => void): Promise<TestSmtp> {
  const mails: TestMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            const to = [parsed.to ?? []].flat().flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase()));
            for (const address of to) {
              const mail = {
                to: address,
                subject: parsed.subject ?? "",
                text: parsed.text ?? "",
                html: String(parsed.html || ""),
                raw: parsed,
              };
              mails.push(mail);
              onMail?.(raw, mail);
            }
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  const mailsTo = (address: string) => mails.filter((m) => m.to === address.toLowerCase());
  return {
    url: `smtp://127.0.0.1:${bound}`,
    port: bound,
    mailsTo,
    async nthMailTo(address, n, subject) {
      const matching = () => mailsTo(address).filter((m) => subject === undefined || m.subject === subject);
      const until = Date.now() + 10_000;
      while (matching().length < n) {
        if (Date.now() > until) throw new Error(`no email #${n} to ${address} (${subject ?? "any subject"}) within 10 s`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return matching()[n - 1];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in the email's text that goes to this path of the app (e.g. "/reset-password"). */
export function linkIn(mail: TestMail, pathname: string): URL {
  const match = mail.text.match(new RegExp(`https?://\\S+${pathname}\\?\\S+`));
  if (!match) throw new Error(`no ${pathname} link in:\n${mail.text}`);
  return new URL(match[0]);
}
