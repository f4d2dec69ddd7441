import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, useBrowser } from '../helpers/browser';
import { consoleOrg, pendingSpawn, registerWebhook, spawnRequest } from '../helpers/console';
import { waitForDecisions } from '../helpers/decisions';
import { keyHeaders } from '../helpers/events';
import { http } from '../helpers/http';
import { testEnv } from '../helpers/env';
import { spawnChild } from '../helpers/spawn';
import { useTemporalClient, whenStarted } from '../helpers/temporal';

/**
 * The console in a real browser (chromium, desktop viewport): log in, pick the organisation,
 * approve a spawn request, read the family tree, pull a kill switch through its confirmation, find it
 * in the audit log, list the members and invite one, see a webhook's deliveries, the decisions
 * chart and the settings.
 * Every page is checked with axe-core (no serious or critical violation) and kept as a screenshot
 * in test-artifacts/screenshots/console/.
 */
jest.setTimeout(240_000);

const chromium = useBrowser();
const temporal = useTemporalClient();
const url = (p: string) => `${testEnv().apiUrl}${p}`;
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const COLOURS = { ACTIVE: '#1e7d3a', SUSPENDED: '#a15c00', REVOKED: '#b3261e' } as Record<string, string>;

/** Screenshot, then axe-core over the page: the serious and critical violations, by rule id. */
async function check(page: Page, name: string) {
  const dir = path.join(SCREENSHOTS, 'console');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  // Evaluated through the DevTools protocol, so the pages' CSP (no script at all) stays as served.
  const found = (await page.evaluate(
    `${AXE};axe.run(document,{resultTypes:['violations']}).then(r=>r.violations.filter(v=>v.impact==='serious'||v.impact==='critical').map(v=>v.id+': '+v.nodes.map(n=>n.target.join(' ')).join(', ')))`,
  )) as string[];
  expect([name, found]).toEqual([name, []]);
}

/** The tree's nodes as drawn: agent id → status and the colour of its dot. */
const drawnNodes = (page: Page) =>
  page.$$eval('#family-tree a.node', (nodes) =>
    nodes.map((n) => [
      n.getAttribute('data-agent'),
      n.getAttribute('data-status'),
      n.querySelector('circle.status')?.getAttribute('fill'),
    ]),
  );

describe('the console in a real browser', () => {
  it('log in, pick the org, approve a spawn request, read the tree, pull a kill switch', async () => {
    const setup = await consoleOrg();
    const childA = await spawnChild(setup.org.apiKey, setup.parentId, {
      name: 'child-a',
      permissions: ['events:write'],
    });
    const grand = await spawnChild(setup.org.apiKey, childA.id, { name: 'grand-a', permissions: ['events:write'] });
    const { spawnRequestId, workflowId, childAgentId } = await pendingSpawn(setup.org, setup.parentId);
    // Something for the webhooks and decisions pages to show.
    const hook = await registerWebhook(setup.org.apiKey, 'http://127.0.0.1:9/unreachable');
    const sent = await http('POST', `/v1/webhooks/${hook.id}/test`, { headers: keyHeaders(setup.org.apiKey) });
    const evaluations = ['message.send', 'checkout.complete'].map((action) => ({ actor_id: 'browser-actor', action }));
    await http('POST', '/policy/evaluate/bulk', { headers: keyHeaders(setup.org.apiKey), body: { evaluations } });
    await waitForDecisions(setup.org.apiKey, '', 2);
    await whenStarted(temporal.client, workflowId);
    const base = `/console/orgs/${setup.org.id}`;

    const context = await chromium.browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    try {
      const first = await page.goto(url('/console'));
      expect(page.url()).toBe(url('/account/login?next=%2Fconsole'));
      expect(first!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
      await check(page, '01-login');
      await page.fill('#login-email', setup.admin.email);
      await page.fill('#login-password', 'correct horse battery');
      await Promise.all([page.waitForURL(url('/console')), page.click('#login')]);
      expect(await page.locator('#orgs').innerText()).toContain('as ADMIN');
      await check(page, '02-switcher');

      await Promise.all([page.waitForURL(url(`${base}/spawn-requests`)), page.click(`a[data-org="${setup.org.id}"]`)]);
      const card = page.locator(`article[data-request="${spawnRequestId}"]`);
      expect(await card.innerText()).toContain('events:read');
      await check(page, '03-spawn-requests');
      await card.locator('input[name="reason"]').first().fill('looks right');
      await Promise.all([page.waitForURL(/notice=approved/), card.locator('button.approve').click()]);
      expect(await page.locator('#notice').innerText()).toContain('Approved');
      await check(page, '04-approved');
      const approved = await spawnRequest(setup.admin2, setup.org.id, spawnRequestId);
      expect(approved.body).toMatchObject({
        status: 'APPROVED',
        decisionReason: 'looks right',
        decidedBy: { type: 'user', id: setup.admin.id, via: 'session' },
      });

      await Promise.all([page.waitForURL(url(`${base}/agents/tree`)), page.click(`a[href="${base}/agents/tree"]`)]);
      const all = [setup.parentId, childA.id, grand.id, childAgentId];
      const drawn = await drawnNodes(page);
      expect(drawn.map(([id]) => id).sort()).toEqual([...all].sort());
      for (const [, status, fill] of drawn) expect(fill).toBe(COLOURS[status!]);
      await check(page, '05-tree');

      await Promise.all([
        page.waitForURL(url(`${base}/agents/${childA.id}`)),
        page.click(`a.node[data-agent="${childA.id}"]`),
      ]);
      expect(await page.locator('#lineage').innerText()).toContain('Reconciler');
      await check(page, '06-agent');
      await Promise.all([page.waitForURL(url(`${base}/agents/${childA.id}/kill-switch`)), page.click('#kill-switch')]);
      expect(await page.locator('#kill-count').innerText()).toContain('This revokes 2 agents');
      await check(page, '07-kill-switch-confirm');
      await page.fill('#kill-reason', 'runaway');
      await Promise.all([page.waitForURL(/\/revocations\/rvk_/), page.click('#confirm-kill')]);
      await page.locator('#revocation-status', { hasText: 'COMPLETED' }).waitFor({ timeout: 60_000 });
      expect(await page.locator('#revocation-progress').innerText()).toBe('2 of 2');
      await check(page, '08-kill-switch-progress');

      await page.goto(url(`${base}/agents/tree`));
      const after = new Map((await drawnNodes(page)).map(([id, status, fill]) => [id, [status, fill]]));
      expect(after.get(childA.id)).toEqual(['REVOKED', COLOURS.REVOKED]);
      expect(after.get(grand.id)).toEqual(['REVOKED', COLOURS.REVOKED]);
      expect(after.get(setup.parentId)).toEqual(['ACTIVE', COLOURS.ACTIVE]);
      await check(page, '09-tree-after-kill');

      await Promise.all([page.waitForURL(url(`${base}/audit`)), page.click(`a[href="${base}/audit"]`)]);
      await page.fill('#audit-action', 'agent.revoke_*');
      await Promise.all([page.waitForURL(/action=agent\.revoke_/), page.click('#audit-filters button')]);
      expect(await page.locator('#audit tbody').innerText()).toContain(`user ${setup.admin.id}`);
      await check(page, '10-audit');

      await Promise.all([page.waitForURL(url(`${base}/members`)), page.click(`a[href="${base}/members"]`)]);
      expect(await page.locator('#members').innerText()).toContain(setup.analyst.email);
      await check(page, '11-members');
      const invited = `browser-invite-${Date.now()}@example.com`;
      await page.fill('#import-analysts', invited);
      await Promise.all([page.waitForURL(/imported=1/), page.click('#import-submit')]);
      expect(await page.locator('#invites').innerText()).toContain(invited);
      await check(page, '12-invites');

      await Promise.all([page.waitForURL(url(`${base}/webhooks`)), page.click(`a[href="${base}/webhooks"]`)]);
      await Promise.all([
        page.waitForURL(url(`${base}/webhooks/${hook.id}`)),
        page.click(`a[href$="/webhooks/${hook.id}"]`),
      ]);
      await page.locator(`tr[data-delivery="${sent.body.deliveryId}"]`).waitFor();
      await check(page, '13-webhook-deliveries');

      await Promise.all([page.waitForURL(url(`${base}/decisions`)), page.click(`a[href="${base}/decisions"]`)]);
      expect(await page.locator('#outcomes-chart rect').count()).toBeGreaterThan(0);
      await check(page, '14-decisions');

      await Promise.all([page.waitForURL(url(`${base}/settings`)), page.click(`a[href="${base}/settings"]`)]);
      expect(await page.locator('#owner-only').innerText()).toContain('Only an OWNER');
      await check(page, '15-settings');
    } finally {
      await context.close();
    }
  });
});
