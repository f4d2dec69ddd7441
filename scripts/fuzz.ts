import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, allocateStackPorts, spawnStack, stopStack, waitForReady } from '../test/helpers/stack-process';
import { createCredentials, hookEnvironment } from './fuzz/fixtures';
import { ensureSchemathesis } from './fuzz/schemathesis';
import { operationsOf, untestedOperations } from './fuzz/coverage';
import { createMiraKey } from './fuzz/mira';

/**
 * `npm run fuzz [-- --long | --max-time SECONDS] [-- schemathesis options]`: schemathesis runs every
 * operation of /openapi.json (then, for a third of the time, of Mira's /api/v1/openapi.json), in every phase, against a real stack of its own, with a valid
 * credential for each security scheme. Fails on a 5xx, a response outside its documented status
 * or schema, and on any operation it could not test.
 */
const DEFAULT_SECONDS = 300;
const LONG_SECONDS = 1800;
const REPORT_DIR = path.join(REPO_ROOT, 'test-artifacts', 'fuzz');

function options(argv: string[]) {
  let seconds = DEFAULT_SECONDS;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--long') seconds = LONG_SECONDS;
    else if (argv[i] === '--max-time') seconds = Number(argv[++i]);
    else rest.push(argv[i] as string);
  }
  if (!Number.isInteger(seconds) || seconds < 10) throw new Error('--max-time takes a number of seconds (>= 10)');
  return { seconds, rest };
}

const held: { child?: ChildProcess; root?: string } = {};

async function release() {
  if (held.child) await stopStack(held.child);
  if (held.root) rmSync(held.root, { recursive: true, force: true });
  Object.assign(held, { child: undefined, root: undefined });
}

async function startStack() {
  const root = mkdtempSync(path.join(tmpdir(), 'mir-fuzz-'));
  held.root = root;
  const ports = await allocateStackPorts();
  const adminToken = `mir_admin_fuzz_${randomBytes(24).toString('base64url')}`;
  const logFile = path.join(REPORT_DIR, 'stack.log');
  rmSync(logFile, { force: true });
  // Blank DATABASE_URL / TEMPORAL_ADDRESS count as unset: the fuzzer never reaches a real database.
  // One Mira key carries all of the fuzzer's Mira requests, far past a real client's pace: its
  // per-key limit would turn most of the run into 429s that explore nothing.
  const env = {
    ...ports,
    MIR_ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    TEMPORAL_ADDRESS: '',
    MIRA_KEY_RATE_LIMIT_PER_MINUTE: '100000000',
  };
  held.child = spawnStack({ dataDir: path.join(root, 'data'), logFile, env });
  const apiUrl = `http://127.0.0.1:${ports.PORT}`;
  console.log(`starting the stack (log: ${logFile})`);
  await waitForReady(apiUrl, held.child, 45 * 60_000);
  return { apiUrl, adminToken, root };
}

function run(bin: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: 'inherit', cwd: REPO_ROOT, env: { ...process.env, ...env } });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

interface Run {
  label: string;
  document: string;
  configFile: string;
  seconds: number;
  env: Record<string, string>;
  args: string[];
  reportDir: string;
}

/** One schemathesis run over one document; fails on its own verdict or on an operation not tested. */
async function fuzzDocument(bin: string, run_: Run): Promise<boolean> {
  mkdirSync(run_.reportDir, { recursive: true });
  const operations = operationsOf((await (await fetch(run_.document)).json()) as never);
  const events = path.join(run_.reportDir, 'events.ndjson');
  rmSync(events, { force: true });
  console.log(`${run_.label}: ${operations.length} operations for ${run_.seconds} s`);
  const code = await run(
    bin,
    [
      '--config-file',
      run_.configFile,
      '--no-color',
      'run',
      run_.document,
      '--checks',
      'all',
      '--phases',
      'examples,coverage,fuzzing,stateful',
      '--max-time',
      String(run_.seconds),
      // One thread: CPython 3.11's AST state is shared between threads, and hypothesis parsing a lambda's
      // source in two at once can fail the run with "AST constructor recursion depth mismatch"
      // (python/cpython#106905), an error of the tool that says nothing about the API.
      '--workers',
      '1',
      '--report',
      'junit,ndjson',
      '--report-dir',
      run_.reportDir,
      '--report-ndjson-path',
      events,
      // Inputs that failed before are tried first next time, on this machine.
      '--generation-database',
      path.join(run_.reportDir, 'examples.db'),
      ...run_.args,
    ],
    run_.env,
  );
  const untested = untestedOperations(events, operations);
  if (untested.length > 0) console.error(`${run_.label}: not tested (${untested.length}):\n  ${untested.join('\n  ')}`);
  return code !== 0 || untested.length > 0;
}

async function main(): Promise<number> {
  const { seconds, rest } = options(process.argv.slice(2));
  const bin = ensureSchemathesis();
  mkdirSync(REPORT_DIR, { recursive: true });
  const { apiUrl, adminToken } = await startStack();
  const mirFailed = await fuzzDocument(bin, {
    label: 'MIR',
    document: `${apiUrl}/openapi.json`,
    configFile: path.join(__dirname, 'fuzz', 'schemathesis.toml'),
    seconds,
    env: {
      ...hookEnvironment(apiUrl, await createCredentials(apiUrl, adminToken)),
      SCHEMATHESIS_HOOKS: 'auth_hooks',
      PYTHONPATH: path.join(__dirname, 'fuzz'),
    },
    args: rest,
    reportDir: REPORT_DIR,
  });
  // Mira, the second product on the same stack, has a document and a key scheme of its own.
  const miraKey = await createMiraKey(apiUrl, adminToken);
  const miraFailed = await fuzzDocument(bin, {
    label: 'Mira',
    document: `${apiUrl}/api/v1/openapi.json`,
    configFile: path.join(__dirname, 'fuzz', 'mira.toml'),
    seconds: Math.max(30, Math.ceil(seconds / 3)),
    env: {},
    args: ['--url', apiUrl, '-H', `Authorization: Bearer ${miraKey}`, ...rest],
    reportDir: path.join(REPORT_DIR, 'mira'),
  });
  const failed = mirFailed || miraFailed;
  console.log(
    failed ? `fuzz: FAILED (${[mirFailed && 'MIR', miraFailed && 'Mira'].filter(Boolean).join(', ')})` : 'fuzz: passed',
  );
  return failed ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void release().then(() => process.exit(130)));
main()
  .then(async (code) => {
    await release();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    console.error(err);
    await release();
    process.exit(1);
  });
