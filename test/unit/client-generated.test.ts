import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildMiraOpenApi } from '../../src/api/mira/openapi';
import { buildMiraRoutes } from '../../src/api/mira/routes';
import { buildOpenApi } from '../../src/api/openapi';
import { buildRoutes } from '../../src/api/routes';

/**
 * The SDK in packages/client and the .http files are generated from the OpenAPI documents the API
 * serves: a route, schema or example changed without `npm run client:generate` fails here (and so
 * in CI), naming the file that differs.
 */
const ROOT = path.join(__dirname, '..', '..');
const GENERATED = ['packages/client/src/generated', 'examples/mir.http', 'examples/mira.http'];

const filesUnder = (root: string, rel: string): string[] => {
  const full = path.join(root, rel);
  try {
    return readdirSync(full, { withFileTypes: true }).flatMap((entry) => filesUnder(root, path.join(rel, entry.name)));
  } catch {
    return [rel];
  }
};

describe('generated client and .http files', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(path.join(tmpdir(), 'mir-client-'));
    // A child process: the generator is an ES module, and this is what `npm run client:generate` runs.
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/client-generate.ts', '--out', out], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('are what `npm run client:generate` writes from the served contract today', () => {
    const fresh = GENERATED.flatMap((rel) => filesUnder(out, rel)).sort();
    const checkedIn = GENERATED.flatMap((rel) => filesUnder(ROOT, rel)).sort();
    expect({ files: checkedIn, hint: 'run npm run client:generate' }).toEqual({
      files: fresh,
      hint: 'run npm run client:generate',
    });
    for (const file of fresh) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      expect({ file, text, hint: 'run npm run client:generate' }).toEqual({
        file,
        text: readFileSync(path.join(out, file), 'utf8'),
        hint: 'run npm run client:generate',
      });
    }
  });

  it('write one request per operation in the .http files, each with its example body', () => {
    const operationIds = (doc: { paths: Record<string, Record<string, { operationId: string }>> }) =>
      Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    for (const [file, doc] of [
      ['examples/mir.http', buildOpenApi(buildRoutes(), 'http://localhost')],
      ['examples/mira.http', buildMiraOpenApi(buildMiraRoutes(), 'http://localhost')],
    ] as const) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      expect([...text.matchAll(/^### (\w+): /gm)].map((m) => m[1])).toEqual(operationIds(doc as never));
    }
    const mir = readFileSync(path.join(ROOT, 'examples/mir.http'), 'utf8');
    expect(mir).toMatch(/POST \{\{baseUrl\}\}\/events\nx-api-key: \{\{apiKey\}\}\nIdempotency-Key: \{\{\$guid\}\}/);
    expect(mir).toMatch(/"occurredAt": "\{\{\$datetime iso8601 -\d+ m\}\}"/);
    const mira = readFileSync(path.join(ROOT, 'examples/mira.http'), 'utf8');
    expect(mira).toMatch(
      /### createMeeting: .*\n(#.*\n)*POST \{\{baseUrl\}\}\/api\/v1\/meetings\nAuthorization: Bearer/,
    );
  });
});
