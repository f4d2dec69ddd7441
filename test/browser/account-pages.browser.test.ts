import type { Page } from 'playwright-core';
import { phone, shot, useBrowser } from '../helpers/browser';
import { accessLogWith, bearer, evaluate, linkStatus, linkWithCode, resolveUser } from '../helpers/data-rights';
import { testEnv } from '../helpers/env';
import { daysAgo, seedEvents } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { freshDomain, importMembers } from '../helpers/members';

/**
 * The person's own pages under /account in a real browser (chromium, phone viewport): log in,
 * then links, history, access log and memberships, unlink and leave with their buttons. A
 * screenshot of every page in test-artifacts/screenshots/account-*.png.
 */
jest.setTimeout(180_000);

const chromium = useBrowser();
const url = (path: string) => `${testEnv().apiUrl}${path}`;

/** Opens a page of the section from the navigation, as a person would, and checks it fits the phone. */
async function open(page: Page, path: string, title: string) {
  await Promise.all([page.waitForURL(url(path)), page.click(`nav a[href="${path}"]`)]);
  expect(await page.locator('h1').innerText()).toBe(title);
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
}

const text = (page: Page, selector = 'body') => page.locator(selector).innerText();

describe('the account pages in a real browser (chromium, phone viewport)', () => {
  it('log in; links, history, access log, memberships; unlink and leave change what they show', async () => {
    const person = await signupAndLogin(`page@${freshDomain()}`);
    // Partner names are other people's input: shown as text, never as markup.
    const rentals = await createOrg(`Acme <b>Rentals</b> & "Co" ${Date.now()}`);
    const market = await createOrg(`Beta Market ${Date.now()}`);
    const employer = await createOrg(`Gamma Corp ${Date.now()}`);
    const atRentals = await linkWithCode(rentals.apiKey, person.token);
    const atMarket = await linkWithCode(market.apiKey, person.token);
    await seedEvents(rentals.apiKey, [
      { userId: atRentals, type: 'order.completed', occurredAt: daysAgo(30) },
      { userId: atRentals, type: 'review.posted', occurredAt: daysAgo(2) },
    ]);
    await seedEvents(market.apiKey, [{ userId: atMarket, type: 'listing.created', occurredAt: daysAgo(5) }]);
    await resolveUser(rentals.apiKey, atRentals);
    await evaluate(rentals.apiKey, atRentals, 'checkout.complete');
    await linkStatus(market.apiKey, atMarket);
    await accessLogWith(person.token, 3);
    await importMembers(employer.apiKey, { members: [person.email] });

    const { context, page } = await phone(chromium.browser);
    try {
      // Not logged in: the section sends the person to log in, and back after.
      const first = await page.goto(url('/account/history'));
      expect(first!.status()).toBe(200);
      expect(page.url()).toBe(url('/account/login?next=%2Faccount%2Fhistory'));
      const headers = first!.headers();
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['cache-control']).toBe('no-store');
      await shot(page, 'account-01-login');
      await page.fill('#login-email', person.email);
      await page.fill('#login-password', person.password);
      await Promise.all([page.waitForURL(url('/account/history')), page.click('#login')]);
      expect(await text(page, 'h1')).toBe('Your history');

      await page.goto(url('/account'));
      expect(await text(page, 'h1')).toBe('Your MIR account');
      expect(await text(page, '#link-count')).toBe('2');
      expect(await text(page, '#membership-count')).toBe('1');
      expect(await page.locator('nav a[href="/account/export"]').count()).toBe(1);
      expect(await page.locator('nav a[href="/account/delete"]').count()).toBe(1);
      await shot(page, 'account-02-overview');

      await open(page, '/account/links', 'Linked partners');
      expect(await text(page, '.links')).toContain(rentals.name);
      expect(await page.locator('.links b').count()).toBe(0);
      await shot(page, 'account-03-links');

      await open(page, '/account/history', 'Your history');
      const history = (await http('GET', '/v1/me/history', { headers: bearer(person.token) })).body;
      expect(await text(page, '#event-count')).toBe(String(history.eventCount));
      expect(await text(page, '#tier')).toBe(String(history.tier));
      expect(await text(page, 'main')).toContain('order.completed');
      await shot(page, 'account-04-history');

      await open(page, '/account/access-log', 'Who looked you up');
      expect(await page.locator('.access-log li').count()).toBe(3);
      expect(await text(page, '.access-log')).toContain('checkout.complete');
      await shot(page, 'account-05-access-log');

      await open(page, '/account/memberships', 'Your memberships');
      expect(await text(page, '.memberships')).toContain(employer.name);
      await shot(page, 'account-06-memberships');

      // Leave, then unlink, with the buttons: the pages say so and show the new state.
      await Promise.all([page.waitForURL(/notice=left/), page.click(`button[data-org="${employer.id}"]`)]);
      expect(await text(page, '.notice')).toContain('You left that organisation');
      expect(await page.locator('#no-memberships').count()).toBe(1);
      await shot(page, 'account-07-left');

      await open(page, '/account/links', 'Linked partners');
      await Promise.all([page.waitForURL(/notice=unlinked/), page.click(`button[data-partner="${market.id}"]`)]);
      expect(await text(page, '.notice')).toContain('Unlinked');
      expect(await text(page, '.links')).not.toContain(market.name);
      await shot(page, 'account-08-unlinked');
      await open(page, '/account/history', 'Your history');
      expect(await text(page, 'main')).not.toContain(market.name);
      await open(page, '/account/access-log', 'Who looked you up');
      expect(await page.locator('.access-log li').count()).toBe(2);
      expect(await text(page, '.access-log')).not.toContain(market.name);
      await shot(page, 'account-09-access-log-after-unlink');

      await Promise.all([page.waitForURL(/notice=logged-out/), page.click('#logout')]);
      await shot(page, 'account-10-logged-out');
      await page.goto(url('/account/links'));
      expect(page.url()).toContain('/account/login');
    } finally {
      await context.close();
    }
  });
});
