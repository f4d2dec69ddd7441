import { Webhook } from 'standardwebhooks';
import { toCommand } from '../../src/cli/commands';
import { loadConfig } from '../../src/config';
import { AddressPolicy } from '../../src/domain/address-ranges';
import { issueSigningSecret, parseRetrySchedule, signatureHeader } from '../../src/domain/webhooks';
import { decryptSecret, encryptSecret, webhookSecretKey } from '../../src/services/webhooks/secrets';
import { resolveTarget, targetPolicy } from '../../src/services/webhooks/target';

const production = loadConfig({
  NODE_ENV: 'production',
  MIR_ADMIN_TOKEN: 'x'.repeat(40),
  DATABASE_URL: 'postgres://db/mir',
  TEMPORAL_ADDRESS: 'temporal:7233',
});

describe('webhook address policy', () => {
  const strict = new AddressPolicy(false);
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::10.0.0.1',
  ])('refuses %s in production', (address) => {
    expect(strict.refusal(address)).toMatch(/range/);
  });

  it.each(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:93.184.216.34'])('allows %s', (a) => {
    expect(strict.refusal(a)).toBeNull();
  });

  it('lets named ranges through, and everything in development', () => {
    expect(new AddressPolicy(false, ['10.20.0.0/16']).refusal('10.20.3.4')).toBeNull();
    expect(new AddressPolicy(false, ['10.20.0.0/16']).refusal('10.21.3.4')).not.toBeNull();
    expect(new AddressPolicy(true).refusal('127.0.0.1')).toBeNull();
  });

  it('production takes https only and checks literal addresses; development allows a local http receiver', async () => {
    expect(await resolveTarget('http://93.184.216.34/x', targetPolicy(production))).toEqual({
      ok: false,
      reason: 'the URL must be https',
      detail: 'the URL must be https',
    });
    // What the network decided is told as one reason; where the name pointed is for the log.
    const metadata = await resolveTarget('https://169.254.169.254/latest', targetPolicy(production));
    expect(metadata).toEqual({
      ok: false,
      reason: 'target_not_allowed',
      detail: expect.stringMatching(/169\.254\.169\.254/),
    });
    const local = await resolveTarget('http://127.0.0.1:4000/hooks', targetPolicy(loadConfig({})));
    expect(local).toMatchObject({ ok: true, address: '127.0.0.1', family: 4 });
    expect(await resolveTarget('https://user:pw@93.184.216.34/', targetPolicy(production))).toMatchObject({
      ok: false,
    });
  });

  it('refuses malformed allowed ranges at start', () => {
    expect(() => loadConfig({ MIR_WEBHOOK_ALLOWED_CIDRS: '10.0.0.0/33' })).toThrow(/MIR_WEBHOOK_ALLOWED_CIDRS/);
  });
});

describe('webhook signatures and secrets', () => {
  it('signs as the standardwebhooks package verifies, with every secret given', () => {
    const [a, b] = [issueSigningSecret(), issueSigningSecret()];
    const body = JSON.stringify({ type: 'webhook.test', timestamp: new Date().toISOString(), data: {} });
    const ts = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(ts),
      'webhook-signature': signatureHeader([a, b], 'msg_1', ts, body),
    };
    expect(new Webhook(a).verify(body, headers)).toMatchObject({ type: 'webhook.test' });
    expect(new Webhook(b).verify(body, headers)).toMatchObject({ type: 'webhook.test' });
    expect(() => new Webhook(issueSigningSecret()).verify(body, headers)).toThrow();
  });

  it('encrypts secrets at rest; another key cannot read them', () => {
    const key = webhookSecretKey(loadConfig({ MIR_WEBHOOK_SECRET_KEY: 'k'.repeat(32) }), 'admin').key;
    const secret = issueSigningSecret();
    const sealed = encryptSecret(key, secret);
    expect(sealed).not.toContain(secret.slice(6));
    expect(decryptSecret(key, sealed)).toBe(secret);
    const other = webhookSecretKey(loadConfig({}), 'another admin token').key;
    expect(() => decryptSecret(other, sealed)).toThrow();
  });
});

describe('webhook retry schedule', () => {
  it("defaults to Svix's schedule and takes a shorter one from the environment", () => {
    expect(loadConfig({}).MIR_WEBHOOK_RETRY_SCHEDULE_MS).toEqual([
      0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
    expect(loadConfig({ MIR_WEBHOOK_RETRY_SCHEDULE_MS: '0, 100,200' }).MIR_WEBHOOK_RETRY_SCHEDULE_MS).toEqual([
      0, 100, 200,
    ]);
    expect(parseRetrySchedule('0,soon')).toBeNull();
    expect(() => loadConfig({ MIR_WEBHOOK_RETRY_SCHEDULE_MS: '-1' })).toThrow(/MIR_WEBHOOK_RETRY_SCHEDULE_MS/);
  });
});

describe('npm run mir -- outbox', () => {
  it('reads the workflow starts waiting and the deliveries still retrying, and prints them by age', () => {
    const command = toCommand(['outbox'], {});
    expect([command.operation, command.options]).toEqual(['adminListWorkflowStarts', { query: {} }]);
    const start = {
      workflowId: 'webhook-delivery:whd_1',
      taskQueue: 'mir',
      attempts: 2,
      lastError: 'Namespace default is not found',
      ageSeconds: 12.5,
    };
    const delivery = {
      id: 'whd_2',
      organizationId: 'org_1',
      eventType: 'agent.created',
      attempts: 3,
      nextAttemptAt: '2030-01-01T00:00:00.000Z',
      ageSeconds: 40,
    };
    const lines = command.describe({
      counts: { waiting: 1, failing: 1, retryingDeliveries: 1 },
      starts: [start],
      retryingDeliveries: [delivery],
    });
    expect(lines[0]).toBe(
      'Workflow starts: 1 waiting (1 of them failed at least once); webhook deliveries still retrying: 1',
    );
    const text = lines.join('\n');
    expect(text).toContain(
      'webhook-delivery:whd_1  queue mir  age 12.5s  attempts 2  last error: Namespace default is not found',
    );
    expect(text).toContain('whd_2  org_1  agent.created  age 40s  attempts 3  next 2030-01-01T00:00:00.000Z');
  });
});
