import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { testEnv } from '../helpers/env';
import { adminHeaders, http } from '../helpers/http';
import { type NpmProcess, runNpm, terminate, waitForOutput } from '../helpers/npm-process';
import { processesMentioning } from '../helpers/procs';
import { REPO_ROOT, allocateStackPorts } from '../helpers/stack-process';

const run = promisify(execFile);
jest.setTimeout(600_000);

const dataDir = mkdtempSync(path.join(tmpdir(), 'mir-lifecycle-'));
let ports: Awaited<ReturnType<typeof allocateStackPorts>>;
let stack: NpmProcess | undefined;

beforeAll(async () => {
  ports = await allocateStackPorts();
});
afterAll(async () => {
  if (stack) await terminate(stack);
  rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({
  ...ports,
  MIR_DATA_DIR: dataDir,
  MIR_WORKFLOW_BUNDLE: testEnv().workflowBundle,
  MIR_ADMIN_TOKEN: '',
});
const apiUrl = () => `http://localhost:${ports.PORT}`;

async function startStack(): Promise<NpmProcess> {
  const proc = runNpm(['start'], env());
  await waitForOutput(proc, /Stop with Ctrl-C/, 300_000);
  return proc;
}

async function stopAndExpectNothingLeft(proc: NpmProcess) {
  expect(await terminate(proc)).toBe(0);
  const deadline = Date.now() + 30_000;
  while (processesMentioning(dataDir).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  expect(processesMentioning(dataDir).map((p) => p.cmdline)).toEqual([]);
}

describe('npm start', () => {
  let ownerKey: string;
  let workflowId: string;

  it('brings up Postgres, Temporal, worker and API, and prints one block with everything a developer needs', async () => {
    stack = await startStack();
    const token = readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim();
    const banner = stack.output().slice(stack.output().indexOf('MIR is running'));
    expect(banner).toContain(`API          ${apiUrl()}`);
    expect(banner).toContain(`Docs         ${apiUrl()}/docs`);
    expect(banner).toContain(`Temporal UI  http://localhost:${ports.MIR_TEMPORAL_UI_PORT}`);
    expect(banner).toContain(`Admin token  ${token}`);
    expect(existsSync(path.join(dataDir, 'temporal.sqlite-wal'))).toBe(true);

    const ui = await fetch(`http://localhost:${ports.MIR_TEMPORAL_UI_PORT}/`);
    expect(ui.status).toBe(200);
    expect((await http('GET', '/ready', { baseUrl: apiUrl() })).status).toBe(200);
  });

  it('accepts the CLI: npm run mir -- org create', async () => {
    const { stdout } = await run(
      'npm',
      ['run', '-s', 'mir', '--', 'org', 'create', '--name', 'Acme', '--plan', 'enterprise', '--json'],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, ...env() },
      },
    );
    const org = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(org).toMatchObject({ name: 'Acme', plan: 'enterprise', apiKey: expect.stringMatching(/^mir_/) });
    ownerKey = org.apiKey;
    const token = readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim();
    const smoke = await http('POST', '/admin/diagnostics/workflow', {
      baseUrl: apiUrl(),
      headers: adminHeaders(token),
    });
    expect(smoke.status).toBe(200);
    workflowId = smoke.body.workflowId;
  });

  it('stops everything on SIGTERM: no postgres or temporal process is left', async () => {
    await stopAndExpectNothingLeft(stack!);
    stack = undefined;
  });

  it('keeps the data across a restart: keys still work, finished workflows are still there', async () => {
    stack = await startStack();
    const health = await http('GET', '/policy/health', { baseUrl: apiUrl(), headers: { 'x-api-key': ownerKey } });
    expect(health.status).toBe(200);
    const connection = await Connection.connect({ address: `127.0.0.1:${ports.MIR_TEMPORAL_PORT}` });
    try {
      const described = await new Client({ connection }).workflow.getHandle(workflowId).describe();
      expect(described.status.name).toBe('COMPLETED');
    } finally {
      await connection.close();
    }
    await stopAndExpectNothingLeft(stack);
    stack = undefined;
  });
});
