// Before any test: the server's admin account (named in ADMIN_USERNAMES by playwright.config.ts), so
// specs can sign in as an admin (e2e/fixtures.ts adminUser), and the SMTP server the web server sends
// email to (playwright.config.ts), saving each message in MAIL_DIR. The webServer is already up by now;
// it only connects to SMTP when it sends something.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { request } from "@playwright/test";
import { startSmtp } from "../test/helpers/smtp";
import { ADMIN_FILE, ADMIN_USERNAME, MAIL_DIR } from "./fixtures";

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const baseURL = config.projects[0].use.baseURL as string;
  rmSync(MAIL_DIR, { recursive: true, force: true });
  mkdirSync(MAIL_DIR, { recursive: true });
  let received = 0;
  const smtp = await startSmtp(Number(new URL(baseURL).port) + 1, (raw) =>
    writeFileSync(path.join(MAIL_DIR, `${String(++received).padStart(4, "0")}.eml`), raw),
  );
  const api = await request.newContext({ baseURL });
  const admin = { username: ADMIN_USERNAME, displayName: "Root", password: "correct horse battery" };
  const res = await api.post("/api/v1/auth/register", { data: admin });
  if (res.status() !== 201) throw new Error(`could not create the admin account: ${res.status()} ${await res.text()}`);
  writeFileSync(ADMIN_FILE, JSON.stringify({ ...admin, userId: (await res.json()).userId }));
  await api.dispose();
  return () => smtp.close();
}
