import { expect, test } from "@playwright/test";
import { createUser, openPerson, openSettings, signedInContext, tinyPng } from "./fixtures";

test("two people sign up, sign out and sign back in through the UI", async ({ browser, baseURL }) => {
  for (const name of ["Alice", "Bruno"]) {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-up$/);
    const username = `${name.toLowerCase()}_${Date.now().toString(36)}`;
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Display name").fill(name);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Password must be at least 8 characters")).toBeVisible();
    await page.getByLabel("Password").fill("a good password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("button", { name: "New chat" })).toBeVisible();
    await expect(page.getByRole("searchbox", { name: "Search or start a new chat" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Welcome" })).toBeVisible();

    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
    // It asks first: Cancel keeps me in.
    const confirm = page.getByRole("dialog", { name: "Sign out?" });
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toBeHidden();
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
    await confirm.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-up$/);

    await page.goto("/sign-in");
    await page.getByLabel("Username").fill(username.toUpperCase());
    await page.getByLabel("Password").fill("a good password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "New chat" })).toBeVisible();
    await context.close();
  }
});

test("a taken username and a wrong password are explained next to the form", async ({ page, request }) => {
  const user = await createUser(request, "Carla");
  await page.goto("/sign-up");
  await page.getByLabel("Username").fill(user.username.toUpperCase());
  await page.getByLabel("Display name").fill("Someone else");
  await page.getByLabel("Password").fill("another password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Username is taken")).toBeVisible();

  await page.goto("/sign-in");
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password" })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a profile change reaches another user without a reload", async ({ browser, baseURL, request }) => {
  const dana = await createUser(request, "Dana");
  const emil = await createUser(request, "Emil");
  const a = await signedInContext(browser, baseURL as string, dana);
  const b = await signedInContext(browser, baseURL as string, emil);

  await openPerson(b.page, dana);
  const contact = b.page.getByRole("region", { name: "Contact info for Dana" });
  await expect(contact.getByText("No about text yet")).toBeVisible();

  await a.page.getByRole("button", { name: "Profile" }).click();
  await a.page.getByLabel("Display name").fill("Dana Scully");
  await a.page.getByLabel("About").fill("Trust no one");
  await a.page.getByRole("button", { name: "Save" }).click();
  await expect(a.page.getByRole("status").filter({ hasText: "Profile saved" })).toBeVisible();

  const renamed = b.page.getByRole("region", { name: "Contact info for Dana Scully" });
  await expect(renamed.getByText("Trust no one")).toBeVisible();
  await expect(renamed.getByRole("img", { name: "Dana Scully's avatar" }).first()).toBeVisible();

  // A new photo replaces the placeholder on the other side too.
  await a.page.getByLabel("Profile photo file").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: tinyPng });
  await expect(a.page.getByRole("button", { name: "Remove photo" })).toBeVisible();
  await expect(renamed.locator('img[alt="Dana Scully\'s avatar"]').first()).toHaveAttribute("src", /\/api\/v1\/users\/.+\/avatar\?v=/);

  await a.context.close();
  await b.context.close();
});

test("signing out of all devices ends the other open sessions at once", async ({ browser, baseURL, request }) => {
  const fran = await createUser(request, "Fran");
  const laptop = await signedInContext(browser, baseURL as string, fran);
  const phone = await signedInContext(browser, baseURL as string, fran);
  const secondTab = await laptop.context.newPage();
  await secondTab.goto("/");
  await expect(secondTab.getByRole("button", { name: "New chat" })).toBeVisible();

  await laptop.page.getByRole("button", { name: "Menu" }).click();
  await laptop.page.getByRole("menuitem", { name: "Sign out of all devices" }).click();
  await laptop.page.getByRole("dialog", { name: "Sign out of all devices?" }).getByRole("button", { name: "Sign out" }).click();

  await expect(laptop.page).toHaveURL(/\/sign-in$/);
  await expect(phone.page).toHaveURL(/\/sign-in$/);
  await expect(secondTab).toHaveURL(/\/sign-in$/);
  await phone.page.goto("/");
  await expect(phone.page).toHaveURL(/\/sign-up$/);
  await laptop.context.close();
  await phone.context.close();
});

test("changing the password in Settings › Security signs the other browser out, and the new one signs in", async ({
  browser,
  baseURL,
  request,
}) => {
  const user = await createUser(request, "Dora");
  const laptop = await signedInContext(browser, baseURL as string, user);
  const phone = await signedInContext(browser, baseURL as string, user);
  const page = laptop.page;
  await openSettings(page, "Security");
  const form = page.getByRole("form", { name: "Change password" });
  const fill = async (current: string, next: string, confirm = next) => {
    await form.getByLabel("Current password").fill(current);
    await form.getByLabel("New password", { exact: true }).fill(next);
    await form.getByLabel("Confirm new password").fill(confirm);
    await form.getByRole("button", { name: "Change password" }).click();
  };

  // Each refusal is explained next to its field, and nothing changes.
  await fill(user.password, "a fresh password 7", "a fresh password 8");
  await expect(form.getByText("The passwords don't match")).toBeVisible();
  await fill("not my password", "a fresh password 7");
  await expect(form.getByText("Your current password is wrong")).toBeVisible();
  await fill(user.password, "Password123");
  await expect(form.getByText(/too common/)).toBeVisible();
  await expect(phone.page.getByRole("button", { name: "New chat" })).toBeVisible();

  await fill(user.password, "a fresh password 7");
  await expect(form.getByRole("status")).toHaveText("Password changed. Your other device was signed out.");
  await expect(form.getByLabel("Current password")).toHaveValue("");
  // The other browser is signed out at once; this one stays signed in, after a reload too.
  await expect(phone.page).toHaveURL(/\/sign-in/);
  await page.reload();
  await expect(page.getByRole("button", { name: "New chat" })).toBeVisible();

  const fresh = await phone.context.newPage();
  await fresh.goto("/sign-in");
  await fresh.getByLabel("Username").fill(user.username);
  await fresh.getByLabel("Password").fill(user.password);
  await fresh.getByRole("button", { name: "Sign in" }).click();
  await expect(fresh.getByRole("alert").filter({ hasText: "Wrong username or password" })).toBeVisible();
  await fresh.getByLabel("Password").fill("a fresh password 7");
  await fresh.getByRole("button", { name: "Sign in" }).click();
  await expect(fresh.getByRole("button", { name: "New chat" })).toBeVisible();
  await laptop.context.close();
  await phone.context.close();
});
