import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testEnv } from '../helpers/env';
import { adminHeaders, createOrg, http } from '../helpers/http';
import { type NpmProcess, runNpm, terminate, waitForOutput } from '../helpers/npm-process';
import { descendantsOf } from '../helpers/procs';
import { freePort } from '../helpers/ports';
import { eventually } from '../helpers/temporal';

jest.setTimeout(300_000);

const dataDir = mkdtempSync(path.join(tmpdir(), 'mir-external-'));
const running: NpmProcess[] = [];

function externalEnv(extra: Record<string, string> = {}) {
  const { databaseUrl, temporalAddress, adminToken, workflowBundle } = testEnv();
  return {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    MIR_ADMIN_TOKEN: adminToken,
    MIR_DATA_DIR: dataDir,
    MIR_WORKFLOW_BUNDLE: workflowBundle,
    ...extra,
  };
}

function start(script: string[], env: Record<string, string>, ready: RegExp) {
  const proc = runNpm(script, env);
  running.push(proc);
  return waitForOutput(proc, ready, 120_000).then(() => proc);
}

const embeddedChildren = (proc: NpmProcess) =>
  descendantsOf(proc.child.pid!).filter((p) => /postgres|temporal server/.test(p.cmdline));

afterAll(async () => {
  await Promise.all(running.map((p) => terminate(p)));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('external Postgres and Temporal', () => {
  it('npm start with DATABASE_URL and TEMPORAL_ADDRESS starts nothing embedded', async () => {
    const port = await freePort();
    const proc = await start(
      ['start'],
      externalEnv({ PORT: `${port}`, TEMPORAL_TASK_QUEUE: 'mir-external-start' }),
      /Stop with Ctrl-C/,
    );
    expect(proc.output()).toContain('external Postgres');
    expect(proc.output()).toContain(`external Temporal at ${testEnv().temporalAddress}`);
    expect(embeddedChildren(proc)).toEqual([]);
    expect(existsSync(path.join(dataDir, 'postgres'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'temporal.sqlite'))).toBe(false);
    const smoke = await http('POST', '/admin/diagnostics/workflow', {
      baseUrl: `http://localhost:${port}`,
      headers: adminHeaders(),
    });
    expect(smoke.status).toBe(200);
    expect(await terminate(proc)).toBe(0);
  });

  it('npm run api and npm run worker run apart; several APIs agree on revocation within two seconds', async () => {
    const queue = 'mir-separate';
    const [portA, portB] = [await freePort(), await freePort()];
    const worker = await start(['run', 'worker'], externalEnv({ TEMPORAL_TASK_QUEUE: queue }), /worker polling/);
    const apiA = await start(
      ['run', 'api'],
      externalEnv({ PORT: `${portA}`, TEMPORAL_TASK_QUEUE: queue }),
      /api listening/,
    );
    const apiB = await start(
      ['run', 'api'],
      externalEnv({ PORT: `${portB}`, TEMPORAL_TASK_QUEUE: queue }),
      /api listening/,
    );
    for (const proc of [worker, apiA, apiB]) expect(embeddedChildren(proc)).toEqual([]);

    // Only the separate worker polls this queue, so a completed smoke workflow proves it runs.
    const smoke = await http('POST', '/admin/diagnostics/workflow', {
      baseUrl: `http://localhost:${portA}`,
      headers: adminHeaders(),
    });
    expect(smoke.status).toBe(200);

    const org = await createOrg();
    const urlA = `http://localhost:${portA}`;
    const urlB = `http://localhost:${portB}`;
    const key = await http('POST', `/admin/organizations/${org.id}/keys`, {
      baseUrl: urlA,
      headers: adminHeaders(),
      body: { role: 'ADMIN' },
    });
    expect(
      (await http('GET', '/policy/health', { baseUrl: urlB, headers: { 'x-api-key': key.body.apiKey } })).status,
    ).toBe(200);
    await http('POST', `/admin/organizations/${org.id}/keys/${key.body.id}/revoke`, {
      baseUrl: urlA,
      headers: adminHeaders(),
    });
    // B learns of it by NOTIFY, delivered a moment after the commit (docs/architecture.md, "Partner keys are cached"):
    // under a loaded CI machine that moment once outlasted the next request.
    const refused = await eventually(async () => {
      const res = await http('GET', '/policy/health', { baseUrl: urlB, headers: { 'x-api-key': key.body.apiKey } });
      return res.status === 401 ? res : undefined;
    }, 2_000);
    expect(refused.status).toBe(401);

    for (const proc of [apiA, apiB, worker]) expect(await terminate(proc)).toBe(0);
  });

  it('npm run build: api:prod and worker:prod run the compiled output with node alone', async () => {
    const build = runNpm(['run', 'build'], {});
    expect({ code: await build.exited, output: build.output().slice(-2000) }).toMatchObject({ code: 0 });
    const queue = 'mir-built';
    const port = await freePort();
    // No MIR_WORKFLOW_BUNDLE: the compiled worker finds the bundle the build made beside it.
    const { MIR_WORKFLOW_BUNDLE: _, ...built } = externalEnv({ TEMPORAL_TASK_QUEUE: queue });
    const worker = await start(['run', 'worker:prod'], built, /worker polling/);
    const api = await start(['run', 'api:prod'], { ...built, PORT: `${port}` }, /api listening/);
    for (const proc of [worker, api]) {
      const commands = descendantsOf(proc.child.pid!).map((p) => p.cmdline);
      expect(commands.some((c) => /^node .*dist\/(worker|src\/api\/main)\.js/.test(c))).toBe(true);
      expect(commands.filter((c) => /tsx/.test(c))).toEqual([]);
    }
    const smoke = await http('POST', '/admin/diagnostics/workflow', {
      baseUrl: `http://localhost:${port}`,
      headers: adminHeaders(),
    });
    expect(smoke.status).toBe(200);
    for (const proc of [api, worker]) expect(await terminate(proc)).toBe(0);
  });

  it('GET /ready answers 503 naming Temporal when it cannot be reached', async () => {
    const port = await freePort();
    const deadPort = await freePort();
    const api = await start(
      ['run', 'api'],
      externalEnv({ PORT: `${port}`, TEMPORAL_ADDRESS: `127.0.0.1:${deadPort}` }),
      /api listening/,
    );
    const res = await http('GET', '/ready', { baseUrl: `http://localhost:${port}` });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({
      code: 'not_ready',
      details: { checks: { postgres: 'up', temporal: 'down' }, down: ['temporal'] },
    });
    expect(res.body.error.message).toMatch(/temporal/);
    const code = await terminate(api);
    // The process's own output, shown only if it did not stop cleanly (seen once under a full run).
    expect({ code, output: code === 0 ? '' : api.output() }).toEqual({ code: 0, output: '' });
  });
});
