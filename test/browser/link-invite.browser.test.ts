import type { Page } from 'playwright-core';
import { useBrowser, phone as phoneOf, shot } from '../helpers/browser';
import { testEnv } from '../helpers/env';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { allowRedirects, invite, verifyFromOutbox } from '../helpers/linking';

/**
 * The invite page in a real browser (chromium, phone viewport; test/helpers/browser.ts). Every
 * step leaves a screenshot in test-artifacts/screenshots/.
 */
jest.setTimeout(120_000);

const PASSWORD = 'correct horse battery staple';
const chromium = useBrowser();
const phone = () => phoneOf(chromium.browser);

const linkStatus = (apiKey: string, userId: string) =>
  http('GET', `/partners/link/status?userId=${encodeURIComponent(userId)}`, { headers: keyHeaders(apiKey) });

/** Opens the invite as the partner would send it, but on the test stack's address. */
const pageUrl = (inviteUrl: string) => `${testEnv().apiUrl}${new URL(inviteUrl).pathname}`;

async function signUpAndLogIn(page: Page, email: string, prefix: string) {
  await page.fill('#signup-email', email);
  await page.fill('#signup-password', PASSWORD);
  await shot(page, `${prefix}-02-signup-filled`);
  await Promise.all([page.waitForURL(/notice=signed-up/), page.click('#signup button[type=submit]')]);
  expect(await page.locator('.notice').innerText()).toContain('Account created');
  await shot(page, `${prefix}-03-signed-up`);
  // The person opens the verification mail (only verified people link).
  await verifyFromOutbox(email, undefined, PASSWORD);

  await page.fill('#login-email', email);
  await page.fill('#login-password', PASSWORD);
  await shot(page, `${prefix}-04-login-filled`);
  await Promise.all([page.waitForURL((url) => !url.search), page.click('#login button[type=submit]')]);
  expect(await page.locator('#decide').innerText()).toContain(`Logged in as ${email}`);
}

describe('link invite in a real browser (chromium, phone viewport)', () => {
  it('sign up, log in, see the partner, confirm: the success page, and the link exists', async () => {
    const org = await createOrg(`Acme Rentals ${Date.now()}`);
    const userId = uniqueUserId();
    const inv = await invite(org.apiKey, userId);
    const email = `browser${Date.now()}@example.com`;
    const { context, page } = await phone();
    try {
      const opened = await page.goto(pageUrl(inv.inviteUrl));
      expect(opened!.status()).toBe(200);
      expect(await page.title()).toBe(`Link your MIR account to ${org.name} · MIR`);
      expect(await page.locator('h1').innerText()).toBe(`${org.name} asks to link your MIR account`);
      expect(await page.locator('body').innerText()).toContain('History signals only');
      // Readable on a phone: nothing wider than the screen.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await shot(page, 'invite-01-opened');

      await signUpAndLogIn(page, email, 'invite');
      expect(await page.locator('h1').innerText()).toContain(org.name);
      await shot(page, 'invite-05-logged-in');

      const [confirmed] = await Promise.all([page.waitForNavigation(), page.click('#confirm')]);
      expect(confirmed!.status()).toBe(200);
      expect(await page.locator('h1').innerText()).toBe('Linked');
      expect(await page.locator('.notice').innerText()).toContain(`now linked to ${org.name}`);
      await shot(page, 'invite-06-linked');

      expect((await linkStatus(org.apiKey, userId)).body).toMatchObject({ userId, linked: true });
      const login = await http('POST', '/v1/users/login', { body: { email, password: PASSWORD } });
      const links = await http('GET', '/v1/me/links', { headers: { authorization: `Bearer ${login.body.token}` } });
      expect(links.body.links).toEqual([{ partner: { id: org.id, name: org.name }, linkedAt: expect.any(String) }]);

      // Reopening the used invite says so.
      const reopened = await page.goto(pageUrl(inv.inviteUrl));
      expect(reopened!.status()).toBe(410);
      expect(await page.locator('h1').innerText()).toBe('This link has already been used');
      await shot(page, 'invite-07-reopened-used');
    } finally {
      await context.close();
    }
  });

  it('follows the partner’s redirectUrl on another origin after Confirm (allowed by form-action)', async () => {
    const org = await createOrg(`Redirect Partner ${Date.now()}`);
    const userId = uniqueUserId();
    // The stack answers on 127.0.0.1 and localhost: a different origin with a page that loads.
    const redirectUrl = `${testEnv().apiUrl.replace('127.0.0.1', 'localhost')}/health?from=mir`;
    await allowRedirects(org.apiKey, [new URL(redirectUrl).origin]);
    const inv = await invite(org.apiKey, userId, { redirectUrl });
    const { context, page } = await phone();
    try {
      await page.goto(pageUrl(inv.inviteUrl));
      await signUpAndLogIn(page, `redirect${Date.now()}@example.com`, 'redirect');
      await Promise.all([page.waitForURL(redirectUrl), page.click('#confirm')]);
      expect(page.url()).toBe(redirectUrl);
      await shot(page, 'redirect-06-partner-page');
      expect((await linkStatus(org.apiKey, userId)).body.linked).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('declines without an account', async () => {
    const org = await createOrg(`Decline Partner ${Date.now()}`);
    const userId = uniqueUserId();
    const inv = await invite(org.apiKey, userId);
    const { context, page } = await phone();
    try {
      await page.goto(pageUrl(inv.inviteUrl));
      await Promise.all([page.waitForNavigation(), page.click('#decline')]);
      expect(await page.locator('h1').innerText()).toBe('Declined');
      await shot(page, 'decline-02-declined');
      expect((await linkStatus(org.apiKey, userId)).body.linked).toBe(false);
    } finally {
      await context.close();
    }
  });
});
