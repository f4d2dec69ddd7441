import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { freePort } from '../helpers/ports';
import { REPO_ROOT } from '../helpers/stack-process';
import { eventually } from '../helpers/temporal';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'webhook-receiver');
const dir = mkdtempSync(path.join(tmpdir(), 'mir-receiver-'));
let receiver: ChildProcess | undefined;
let output = '';

afterAll(() => {
  receiver?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('examples/webhook-receiver', () => {
  it('is the receiver docs/webhooks.md shows, byte for byte', () => {
    const docs = readFileSync(path.join(REPO_ROOT, 'docs', 'webhooks.md'), 'utf8');
    const block = /```js\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(block).toBe(readFileSync(path.join(EXAMPLE, 'server.js'), 'utf8'));
  });

  it('runs as a package of its own (ESM) and verifies what MIR sends it', async () => {
    // Its own package.json, as `npm install` in the folder would use; the packages come from this repo's.
    cpSync(EXAMPLE, dir, { recursive: true });
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    const port = await freePort();
    const org = await createOrg();
    const hook = await http('POST', '/v1/webhooks', {
      headers: keyHeaders(org.apiKey),
      body: { url: `http://127.0.0.1:${port}/mir`, eventTypes: ['*'] },
    });
    expect(hook.status).toBe(201);
    receiver = spawn('node', ['server.js'], {
      cwd: dir,
      env: { ...process.env, PORT: String(port), MIR_WEBHOOK_SECRET: hook.body.secret },
    });
    receiver.stdout?.on('data', (d) => (output += String(d)));
    receiver.stderr?.on('data', (d) => (output += String(d)));
    await eventually(async () => (output.includes(`listening on ${port}`) ? true : undefined), 30_000);
    const sent = await http('POST', `/v1/webhooks/${hook.body.id}/test`, { headers: keyHeaders(org.apiKey) });
    expect(sent.status).toBe(202);
    const line = await eventually(async () => output.split('\n').find((l) => l.startsWith('webhook.test ')), 60_000);
    expect(line).toContain(sent.body.messageId);
    expect(line).toContain(hook.body.id);
  });
});
