import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { createOrg } from '../helpers/http';
import { REPO_ROOT } from '../helpers/stack-process';

jest.setTimeout(120_000);

/**
 * The partner guide's SDK example (docs/api.md, between `sdk:start` and `sdk:end`) runs as written:
 * a TypeScript module in the repository, so `@mir/client` resolves as it does for a reader after
 * `npm ci`, pointed at the test stack by the `MIR_URL` it reads.
 */
const sql = testSql();
afterAll(() => sql.end());

function documentedExample(): string {
  const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'api.md'), 'utf8');
  const block = /<!-- sdk:start -->\s*```ts\n([\s\S]*?)```\s*<!-- sdk:end -->/.exec(doc)?.[1];
  if (!block) throw new Error('no sdk:start … sdk:end block in docs/api.md');
  return block;
}

function run(apiKey: string) {
  const dir = path.join(REPO_ROOT, 'test-artifacts', 'sdk-doc-example');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `example-${process.pid}.mts`);
  writeFileSync(file, documentedExample());
  const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  return spawnSync(tsx, [file], {
    cwd: REPO_ROOT,
    env: { ...process.env, MIR_URL: testEnv().apiUrl, MIR_API_KEY: apiKey },
    encoding: 'utf8',
    timeout: 90_000,
  });
}

describe("docs/api.md's SDK example", () => {
  it('records the event it shows and prints its id', async () => {
    const org = await createOrg();
    const out = run(org.apiKey);
    expect(out.stderr).not.toMatch(/error/i);
    expect(out.status).toBe(0);
    const [row] = await sql`select id from events where organization_id = ${org.id} and type = 'order.completed'`;
    expect(out.stdout.trim()).toBe(row!.id);
  });

  it('with a key the API refuses, prints the status and the documented code instead', async () => {
    const out = run('mir_live_nosuchkey0000000000000000000000');
    expect(out.status).toBe(0);
    expect(out.stderr.trim()).toBe('401 unauthorized');
  });
});
