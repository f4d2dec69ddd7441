import { execFile } from 'node:child_process';
import { operatorEnv } from '../helpers/cli';
import { type DocBlock, documents, runnableBlocks } from '../helpers/doc-blocks';
import { testEnv } from '../helpers/env';
import { REPO_ROOT } from '../helpers/stack-process';
import { WebhookReceiver } from '../helpers/webhook-receiver';

jest.setTimeout(600_000);

/**
 * Every block a document marks runnable runs as written against the test stack: a document's blocks
 * in order, in one shell (a later block uses what an earlier one set, as a reader's terminal
 * would), in the repository, with the operator's environment (`npm run mir` finds this stack).
 * What differs from a reader's terminal, stated in docs/testing.md: `localhost:3000` is the test
 * API's address; `HOOK_URL` is a receiver on this machine; curl fails the block on any answer that is
 * not 2xx (`-f`), so a command that stopped working cannot pass by printing an error; and curl speaks from a loopback address of
 * this run's own, so other tests' deliberate wrong logins from 127.0.0.1 do not throttle it.
 */
function scriptOf(blocks: DocBlock[]): string {
  const api = new URL(testEnv().apiUrl).host;
  const from = `127.${80 + (process.pid % 100)}.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;
  return [
    `curl() { command curl -fsS --interface ${from} "$@"; echo; }`,
    `trap 'echo "failed in the block at ${blocks[0]!.file}:$__LINE" >&2' ERR`,
    ...blocks.map((b) => `__LINE=${b.line}\n${b.script.replaceAll('localhost:3000', api)}`),
  ].join('\n');
}

// A reader registers their own endpoint (`HOOK_URL`); here, one on this machine the test stack may call.
const receiver = new WebhookReceiver();
let hookUrl = '';
beforeAll(async () => {
  hookUrl = await receiver.start();
});
afterAll(() => receiver.stop());

function run(script: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-Eeuo', 'pipefail', '-c', script],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, ...operatorEnv({ HOOK_URL: hookUrl }) },
        timeout: 480_000,
        maxBuffer: 16 << 20,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, out: `${stdout}\n${stderr}` });
      },
    );
  });
}

const byFile = documents()
  .map((file) => [file, runnableBlocks(file)] as const)
  .filter(([, blocks]) => blocks.length > 0);

describe('the commands in the README and docs run as written', () => {
  it('marks blocks runnable in the README and the partner, operator, webhook and Mira guides', () => {
    expect(byFile.map(([file]) => file)).toEqual(
      expect.arrayContaining(['README.md', 'docs/api.md', 'docs/operations.md', 'docs/mira.md', 'docs/webhooks.md']),
    );
  });

  it.each(byFile)('%s', async (_file, blocks) => {
    const { code, out } = await run(scriptOf(blocks));
    if (code !== 0) throw new Error(`exit ${code}:\n${out.slice(-6000)}`);
  });
});
