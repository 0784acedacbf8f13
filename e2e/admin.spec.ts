import { expect, test } from "@playwright/test";
import { adminUser, createUser, openChat, sendText, signedInContext } from "./fixtures";

test("an admin reviews a report and disables the account: it is signed out everywhere and can't sign in", async ({
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(60_000);
  const [dan, eve] = [await createUser(request, "Dan"), await createUser(request, "Eve")];
  const d = await signedInContext(browser, baseURL as string, dan);
  const e = await signedInContext(browser, baseURL as string, eve);
  await openChat(d.page, eve);
  const spam = `Send me your password and win a prize, ${dan.username}`;
  await sendText(d.page, spam);

  // Eve reads the request (decrypted on her device: the report carries the words she read), then reports
  // it without blocking Dan.
  await e.page.getByRole("button", { name: /Dan/ }).first().click();
  await expect(e.page.getByRole("log").getByText(spam)).toBeVisible();
  await e.page.getByRole("region", { name: "Message request" }).getByRole("button", { name: "Report" }).click();
  const dialog = e.page.getByRole("dialog", { name: "Report Dan" });
  await dialog.getByRole("textbox", { name: "Reason (optional)" }).fill("Phishing");
  await dialog.getByRole("checkbox", { name: "Block Dan" }).uncheck();
  await dialog.getByRole("button", { name: "Report" }).click();
  await expect(dialog).toBeHidden();

  const root = await signedInContext(browser, baseURL as string, adminUser());
  await root.page.getByRole("button", { name: "Menu" }).click();
  await root.page.getByRole("menuitem", { name: "Reports" }).click();
  // Other tests (in parallel, or a retry) report people called Dan too: this report is the one with this Dan's message.
  const report = root.page.getByRole("article", { name: "Report of Dan" }).filter({ hasText: `Dan: ${spam}` });
  await expect(report).toContainText("Reported by Eve");
  await expect(report).toContainText("Phishing");
  await expect(report.getByRole("list", { name: "Reported messages" })).toContainText(`Dan: ${spam}`);
  await report.getByRole("button", { name: "Disable Dan's account" }).click();

  // Dan's open page is signed out at once, and signing in again is refused with the reason.
  await expect(d.page).toHaveURL(/\/sign-in/);
  await d.page.getByLabel("Username").fill(dan.username);
  await d.page.getByLabel("Password").fill(dan.password);
  await d.page.getByRole("button", { name: "Sign in" }).click();
  await expect(d.page.getByRole("alert").filter({ hasText: "This account has been disabled by the server's admins" })).toBeVisible();
  await expect(report).toContainText("Disabled");
  await expect(report.getByRole("button", { name: "Enable Dan's account" })).toBeVisible();
  for (const c of [d, e, root]) await c.context.close();
});

test("the reports page is for admins only", async ({ browser, baseURL, request }) => {
  const eve = await createUser(request, "Eve");
  const e = await signedInContext(browser, baseURL as string, eve);
  await e.page.getByRole("button", { name: "Menu" }).click();
  await expect(e.page.getByRole("menuitem", { name: "Reports" })).toHaveCount(0);
  await e.page.goto("/admin");
  await expect(e.page).toHaveURL(/\/$/);
  await e.context.close();
});
