import { expect, type Page, test } from "@playwright/test";
import { type LinkPages, PAGE_DESCRIPTION, PAGE_TITLE, startLinkPages } from "../test/helpers/link-pages";
import { anaAndBen, backToChats, bubble, LINK_PAGES_PORT, openChat, openSettings } from "./fixtures";

// One test site on the port the server allows (playwright.config.ts), so the tests of this file share a worker.
test.describe.configure({ mode: "serial" });

let pages: LinkPages;
test.beforeAll(async () => {
  pages = await startLinkPages(LINK_PAGES_PORT);
});
test.afterAll(() => pages.close());

/** Takes a screenshot of `what` in the light and the dark theme, for a person to look at (test-results/). */
async function bothThemes(page: Page, what: ReturnType<Page["locator"]>, name: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await what.screenshot({ path: `test-results/link-preview-${name}-${colorScheme}.png` });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("a link's preview is made on the sender's side and arrives inside the encrypted message", async ({ browser, baseURL, request }) => {
  const { a, b, ana, close } = await anaAndBen(browser, baseURL as string, request);
  await openChat(b.page, ana);
  const link = pages.url("/article");
  const box = a.page.getByRole("textbox", { name: "Message" });
  await box.fill(`Have you seen this? ${link} It's back!`);

  const draft = a.page.getByRole("group", { name: "Link preview" });
  await expect(draft).toContainText(PAGE_TITLE);
  await expect(draft).toContainText(PAGE_DESCRIPTION);
  await expect(draft).toContainText("127.0.0.1");
  await expect(draft.getByRole("img")).toHaveCount(0); // the thumbnail is decorative (alt="")
  await expect(draft.locator("img")).toBeVisible();
  await bothThemes(a.page, a.page.locator("form").filter({ has: box }), "composer");

  const fetched = pages.hits.length;
  await a.page.getByRole("button", { name: "Send" }).click();
  await expect(draft).toHaveCount(0);

  // Ben's bubble shows the card from the message itself: his device fetched nothing.
  const card = bubble(b.page, "Have you seen this?").getByRole("link", { name: PAGE_TITLE });
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute("href", link);
  await expect(card).toHaveAttribute("target", "_blank");
  await expect(card).toHaveAttribute("rel", /noopener noreferrer/);
  await expect(card.locator("img")).toHaveAttribute("src", /^data:image\/jpeg;base64,/);
  await expect(bubble(a.page, "Have you seen this?").getByRole("link", { name: PAGE_TITLE })).toBeVisible();
  expect(pages.hits.length).toBe(fetched);
  await bothThemes(b.page, bubble(b.page, "Have you seen this?"), "received");
  await bothThemes(a.page, bubble(a.page, "Have you seen this?"), "sent");

  // Removed from the draft, the preview doesn't go.
  await box.fill(`Once more: ${link}`);
  await expect(draft).toContainText(PAGE_TITLE);
  await a.page.getByRole("button", { name: "Remove link preview" }).click();
  await expect(draft).toHaveCount(0);
  await a.page.getByRole("button", { name: "Send" }).click();
  await expect(bubble(b.page, "Once more:")).toBeVisible();
  await expect(bubble(b.page, "Once more:").locator("[data-link-preview]")).toHaveCount(0);
  await close();
});

test("with Link previews turned off, the composer never asks the server and the message goes as text", async ({
  browser,
  baseURL,
  request,
}) => {
  const { a, b, ana, ben, close } = await anaAndBen(browser, baseURL as string, request);
  await openSettings(a.page, "Privacy");
  const setting = a.page.getByRole("switch", { name: "Link previews" });
  await expect(setting).toBeChecked();
  await setting.click();
  await expect(setting).not.toBeChecked();
  await backToChats(a.page);
  await openChat(a.page, ben);
  await openChat(b.page, ana);

  const fetched = pages.hits.length;
  const asked: string[] = [];
  a.page.on("request", (r) => r.url().includes("/api/v1/link-previews") && asked.push(r.url()));
  await a.page.getByRole("textbox", { name: "Message" }).fill(`No preview please: ${pages.url("/article")}`);
  // Longer than the composer's pause before it asks.
  await a.page.waitForTimeout(1_500);
  await expect(a.page.getByRole("group", { name: "Link preview" })).toHaveCount(0);
  await a.page.getByRole("button", { name: "Send" }).click();
  await expect(bubble(b.page, "No preview please:").getByRole("link", { name: pages.url("/article") })).toBeVisible();
  await expect(bubble(b.page, "No preview please:").locator("[data-link-preview]")).toHaveCount(0);
  expect(asked).toEqual([]);
  expect(pages.hits.length).toBe(fetched);
  await close();
});
