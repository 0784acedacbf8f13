// The app in the user's language: the browser's first (Accept-Language) until Settings › Language says
// otherwise, from the first paint (the server renders it), with dates by Intl; Arabic reads right to left.
// Names come from the catalogs, so the spec checks what a Spanish or Arabic reader sees.
import { expect, type Page, test } from "@playwright/test";
import { befriend, catalog, createUser, signIn } from "./fixtures";

const [es, ar] = [catalog("es"), catalog("ar")];

const box = async (page: Page, role: "region" | "complementary", name: string) =>
  (await page.getByRole(role, { name }).boundingBox()) ?? { x: 0, width: 0 };

test("the app speaks the browser's language, another one chosen in Settings, and Arabic right to left", async ({
  browser,
  baseURL,
  request,
}) => {
  const [lia, max] = [await createUser(request, "Lia"), await createUser(request, "Max")];
  await befriend(request, lia, max);

  // A Spanish browser: the sign-in page is Spanish before anyone signs in.
  const context = await browser.newContext({ baseURL, locale: "es-ES" });
  const signInPage = await context.newPage();
  await signInPage.goto("/sign-in");
  await expect(signInPage.locator("html")).toHaveAttribute("lang", "es");
  await expect(signInPage.getByRole("button", { name: es.auth.signIn.submit })).toBeVisible();
  await expect(signInPage).toHaveTitle(es.app.titles.signIn);
  await signInPage.close();

  const page = await signIn(context, lia, es.shell.newChat);
  await expect(page.getByRole("searchbox", { name: es.shell.chatsPanel.search })).toBeVisible();
  await page.getByRole("searchbox", { name: es.shell.chatsPanel.search }).fill(max.username);
  await page.getByRole("list", { name: es.shell.people }).getByRole("button", { name: /Max/ }).click();
  const chat = page.getByRole("region", { name: es.chat.view.chatWith.replace("{title}", "Max") });
  await chat.getByRole("textbox", { name: es.chat.composer.message }).fill("hola Max");
  await chat.getByRole("textbox", { name: es.chat.composer.message }).press("Enter");
  // The day by Intl in Spanish ("Hoy"), the message as it was written (messages are never translated).
  await expect(chat.getByText("Hoy", { exact: true })).toBeVisible();
  await expect(chat.getByText("hola Max")).toBeVisible();

  // Settings › Language › العربية: the page renders again in Arabic, right to left, the chat still open.
  await page.getByRole("navigation", { name: es.shell.navRail.label }).getByRole("button", { name: es.shell.settings }).click();
  await page
    .getByRole("list", { name: es.shell.settings })
    .getByRole("button", { name: new RegExp(`^${es.shell.settingsHub.pages.language}`) })
    .click();
  await page.getByRole("radiogroup", { name: es.language.label }).getByRole("radio", { name: "العربية" }).check();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.getByRole("radiogroup", { name: ar.language.label }).getByRole("radio", { name: "العربية" })).toBeChecked();
  const arabicChat = page.getByRole("region", { name: ar.chat.view.chatWith.replace("{title}", "Max") });
  await expect(arabicChat.getByText("اليوم", { exact: true })).toBeVisible();
  await expect(arabicChat.getByRole("textbox", { name: ar.chat.composer.message })).toBeVisible();
  // Right to left: the chat list is on the right of the chat, and my message on the chat's left.
  const panel = await box(page, "complementary", ar.shell.messenger.sidebar);
  const conversation = await box(page, "region", ar.chat.view.chatWith.replace("{title}", "Max"));
  expect(panel.x).toBeGreaterThan(conversation.x);
  const message = (await arabicChat.locator("[data-message]", { hasText: "hola Max" }).boundingBox()) ?? { x: 0, width: 0 };
  expect(message.x).toBeLessThan(conversation.x + conversation.width * 0.4);

  // After a reload too (the cookie), then back to the browser's language.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.getByRole("navigation", { name: ar.shell.navRail.label }).getByRole("button", { name: ar.shell.settings }).click();
  await page
    .getByRole("list", { name: ar.shell.settings })
    .getByRole("button", { name: new RegExp(`^${ar.shell.settingsHub.pages.language}`) })
    .click();
  await page.getByRole("radiogroup", { name: ar.language.label }).getByRole("radio", { name: ar.language.browser }).check();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await context.close();
});
