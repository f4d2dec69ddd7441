import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTemporalDevServer } from '../../src/stack/temporal-server';

/** A stand-in binary that dies at once, as the dev server does when a port it chose is taken. */
function dyingServer(dir: string) {
  const file = path.join(dir, 'temporal');
  const count = path.join(dir, 'starts');
  writeFileSync(count, '');
  writeFileSync(file, `#!/bin/sh\necho start >> '${count}'\necho 'listen tcp 127.0.0.1:7243: bind: address already in use' >&2\nexit 1\n`);
  chmodSync(file, 0o755);
  return { file, starts: () => readFileSync(count, 'utf8').split('\n').filter(Boolean).length };
}

describe('startTemporalDevServer', () => {
  it('starts once more when the server dies during start-up, then says why it died', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mir-devserver-'));
    const server = dyingServer(dir);
    const logged: string[] = [];
    const start = startTemporalDevServer(server.file, {
      dataDir: path.join(dir, 'data'),
      port: 1,
      uiPort: 2,
      namespace: 'default',
      log: (m) => logged.push(m),
    });
    await expect(start).rejects.toThrow(
      /exited during start-up \(exit code 1\): listen tcp 127\.0\.0\.1:7243: bind: address already in use/,
    );
    expect(server.starts()).toBe(2);
    expect(logged.some((m) => m.includes('starting it once more'))).toBe(true);
  });
});
