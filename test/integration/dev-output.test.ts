import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testEnv } from '../helpers/env';
import { freePort } from '../helpers/ports';
import { descendantsOf } from '../helpers/procs';
import { REPO_ROOT } from '../helpers/stack-process';

jest.setTimeout(240_000);

const dataDir = mkdtempSync(path.join(tmpdir(), 'mir-tty-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** An SGR colour sequence: ESC [ <n> m. */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`);

/** `npm start` with a terminal for stdout (util-linux `script` gives it a pseudo-terminal). */
async function startInTerminal(env: Record<string, string>) {
  const child = spawn('script', ['-qfec', 'npm start', '/dev/null'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  const deadline = Date.now() + 180_000;
  while (!/Stop with Ctrl-C/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no banner; output:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, output: () => output };
}

/** SIGTERM to the stack itself (under `script`, it has a session of its own), then wait for all of it. */
async function stop(child: ChildProcess) {
  for (const p of descendantsOf(child.pid!).filter((q) => q.cmdline.includes('src/stack/start.ts'))) {
    process.kill(p.pid, 'SIGTERM');
  }
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
}

describe('npm start in a terminal', () => {
  it('prints coloured, readable log lines, and the URL block is the last thing on the screen', async () => {
    const { databaseUrl, temporalAddress, adminToken, workflowBundle } = testEnv();
    const port = await freePort();
    const { child, output } = await startInTerminal({
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      MIR_ADMIN_TOKEN: adminToken,
      MIR_WORKFLOW_BUNDLE: workflowBundle,
      MIR_DATA_DIR: dataDir,
      TEMPORAL_TASK_QUEUE: 'mir-tty',
      PORT: String(port),
      LOG_LEVEL: 'info',
    });
    try {
      const lines = output()
        .split(/\r?\n/)
        .filter((l) => l.trim() !== '');
      const polling = lines.find((l) => l.includes('worker polling task queue mir-tty'));
      expect(polling).toMatch(ANSI_COLOUR);
      expect(polling).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] .*INFO/);
      expect(lines.filter((l) => l.startsWith('{"level"'))).toEqual([]);
      expect(lines.slice(-7).map((l) => l.trim().split(/\s+/)[0])).toEqual([
        'MIR',
        'API',
        'Docs',
        'Temporal',
        'Admin',
        'Data',
        'Stop',
      ]);
    } finally {
      await stop(child);
    }
  });
});
