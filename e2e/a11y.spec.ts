// Accessibility of the main screens, light and dark: axe-core finds no serious or critical violation (colour
// contrast, names, roles, headings) on sign-in, the chat list with a chat open, contact info beside it,
// Settings, and a dialog.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { anaAndBen, openSettings, sendText } from "./fixtures";

async function expectNoSeriousViolations(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious).toEqual([]);
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`the main screens have no serious accessibility violations (${colorScheme})`, async ({ browser, baseURL, request }) => {
    const signIn = await browser.newContext({ baseURL, colorScheme });
    const page = await signIn.newPage();
    await page.goto("/sign-in");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expectNoSeriousViolations(page, "sign-in");
    await signIn.close();

    const { a, b, close } = await anaAndBen(browser, baseURL as string, request);
    await a.page.emulateMedia({ colorScheme });
    await b.page.emulateMedia({ colorScheme });
    await sendText(a.page, "Are we still on for tonight?");
    await b.page
      .getByRole("list", { name: "Chats" })
      .getByRole("button", { name: /^Ana's avatar/ })
      .hover();
    await expectNoSeriousViolations(b.page, "chat list with unread");
    await sendText(a.page, "Bring the lamp");
    await expectNoSeriousViolations(a.page, "open chat");
    await a.page.getByRole("button", { name: "Contact info" }).click();
    await expect(a.page.getByRole("region", { name: "Contact info for Ben" })).toBeVisible();
    await expectNoSeriousViolations(a.page, "contact info");
    await a.page.keyboard.press("Escape");
    await openSettings(a.page, "Chats");
    await expectNoSeriousViolations(a.page, "settings: chats");
    await a.page.getByRole("button", { name: "Back" }).click();
    await expectNoSeriousViolations(a.page, "settings");
    await close();
  });
}
