import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { exportDocument } from '../../src/api/schemas/exports';
import { phone, shot, useBrowser } from '../helpers/browser';
import { testEnv } from '../helpers/env';
import { linkByCode } from '../helpers/erasure';
import { seedEvents } from '../helpers/events';
import { createOrg } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { eventually } from '../helpers/temporal';

/**
 * /account/export in a real browser (chromium, phone viewport): the button asks for the export,
 * the page shows it being written, then ready with a download link that the session cookie opens.
 * Screenshots in test-artifacts/screenshots/account-export-*.png.
 */
jest.setTimeout(180_000);

const chromium = useBrowser();
const url = (path: string) => `${testEnv().apiUrl}${path}`;

it('asks for an export with its button, then downloads the document from its link', async () => {
  const person = await signupAndLogin();
  const org = await createOrg(`Acme <b>Rentals</b> & "Co" ${randomBytes(3).toString('hex')}`);
  const partner = { id: org.id, apiKey: org.apiKey, userId: `ext-${randomBytes(8).toString('hex')}`, webhookId: null };
  await seedEvents(org.apiKey, [{ type: 'order.completed', userId: partner.userId, data: { note: '<i>hi</i>' } }]);
  await linkByCode(partner, person.token);

  const { context, page } = await phone(chromium.browser);
  try {
    await page.goto(url('/account/export'));
    expect(page.url()).toBe(url('/account/login?next=%2Faccount%2Fexport'));
    await page.fill('#login-email', person.email);
    await page.fill('#login-password', person.password);
    await Promise.all([page.waitForURL(url('/account/export')), page.click('#login')]);
    expect(await page.locator('h1').innerText()).toBe('Export your data');
    expect(await page.locator('nav [aria-current="page"]').innerText()).toBe('Export your data');
    expect(await page.locator('#no-exports').count()).toBe(1);
    await shot(page, 'account-export-01-none');

    await Promise.all([page.waitForURL(url('/account/export')), page.click('#request-export')]);
    expect(await page.locator('.exports li').count()).toBe(1);
    await shot(page, 'account-export-02-asked');
    // Written by the worker: the page shows it ready once it is, on a reload as a person would.
    await eventually(async () => {
      await page.reload();
      return (await page.locator('.exports a.download').count()) === 1 ? true : undefined;
    }, 60_000);
    expect(await page.locator('.exports .status').innerText()).toBe('Ready');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot(page, 'account-export-03-ready');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.exports a.download')]);
    expect(download.suggestedFilename()).toMatch(/^mir-export-exp_[0-9a-z]+\.json$/);
    const doc = exportDocument.parse(JSON.parse(readFileSync((await download.path())!, 'utf8')));
    expect(doc.account.email).toBe(person.email);
    expect(doc.events.map((e) => [e.partner.name, e.type, e.data])).toEqual([
      [org.name, 'order.completed', { note: '<i>hi</i>' }],
    ]);

    // Asking again the same day makes a new export; the list shows both, newest first.
    await Promise.all([page.waitForURL(url('/account/export')), page.click('#request-export')]);
    expect(await page.locator('.exports li').count()).toBe(2);
  } finally {
    await context.close();
  }
});
