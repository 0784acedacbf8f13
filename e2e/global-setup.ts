// Before any test: the server's first account, which is its admin (see server/services/register-user.ts),
// so specs can sign in as an admin (e2e/fixtures.ts adminUser). The webServer is already up by now.
import { writeFileSync } from "node:fs";
import type { FullConfig } from "@playwright/test";
import { request } from "@playwright/test";
import { ADMIN_FILE } from "./fixtures";

export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0].use.baseURL as string;
  const api = await request.newContext({ baseURL });
  const admin = { username: `root_${Date.now().toString(36)}`, displayName: "Root", password: "correct horse battery" };
  const res = await api.post("/api/v1/auth/register", { data: admin });
  if (res.status() !== 201) throw new Error(`could not create the admin account: ${res.status()} ${await res.text()}`);
  writeFileSync(ADMIN_FILE, JSON.stringify({ ...admin, userId: (await res.json()).userId }));
  await api.dispose();
}
