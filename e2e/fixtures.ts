// Test users made through the public API, and browser contexts signed in as them.
import { type APIRequestContext, type Browser, type BrowserContext, expect, type Page } from "@playwright/test";

export interface E2EUser {
  username: string;
  displayName: string;
  password: string;
  userId: string;
}

let counter = 0;
export async function createUser(request: APIRequestContext, displayName: string): Promise<E2EUser> {
  const username = `${displayName.toLowerCase().replace(/\W/g, "")}_${Date.now().toString(36)}${counter++}`;
  const password = "correct horse battery";
  const res = await request.post("/api/v1/auth/register", { data: { username, displayName, password } });
  expect(res.status()).toBe(201);
  return { username, displayName, password, userId: (await res.json()).userId };
}

/** A new browser context (one device) signed in as `user` through next-auth's credentials endpoint. */
export async function signedInContext(browser: Browser, baseURL: string, user: E2EUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL });
  const csrf = await (await context.request.get("/api/auth/csrf")).json();
  const res = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, username: user.username, password: user.password, json: "true" },
  });
  expect(res.ok()).toBe(true);
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("button", { name: "New chat" })).toBeVisible();
  return { context, page };
}

/** Opens a person's contact info from the main search box. */
export async function openPerson(page: Page, user: E2EUser): Promise<void> {
  await page.getByRole("searchbox", { name: "Search or start a new chat" }).fill(user.username);
  await page
    .getByRole("list", { name: "People" })
    .getByRole("button", { name: new RegExp(user.displayName) })
    .click();
  await expect(page.getByRole("region", { name: `Contact info for ${user.displayName}` })).toBeVisible();
}
