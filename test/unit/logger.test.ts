import { Writable } from 'node:stream';
import { createLogger, redactUrl } from '../../src/logger';

describe('redactUrl', () => {
  it('hides tokens in link paths and secret query parameters', () => {
    expect(redactUrl('/link/abc123secret')).toBe('/link/[redacted]');
    expect(redactUrl('/link/abc123secret/confirm?x=1')).toBe('/link/[redacted]/confirm?x=1');
    expect(redactUrl('/v1/things?token=s3cr3t&page=2')).toBe('/v1/things?token=%5Bredacted%5D&page=2');
    expect(redactUrl('/health')).toBe('/health');
  });

  it('hides the invite token on every link page route, whatever the case or trailing parts', () => {
    const token = 'Abc_123-xyzSecretTokenValue0123456789abcdef';
    for (const action of ['', '/', '/signup', '/login', '/confirm', '/decline', '/logout', '/a/b'])
      expect(redactUrl(`/link/${token}${action}`)).toBe(`/link/[redacted]${action}`);
    expect(redactUrl(`/LINK/${token}/confirm`)).toBe('/LINK/[redacted]/confirm');
    expect(redactUrl(`/link/${token}?notice=signed-up`)).toBe('/link/[redacted]?notice=signed-up');
  });
});

describe('createLogger', () => {
  it('censors keys and tokens wherever they appear in a log object', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info({ req: { headers: { 'x-api-key': 'mir_secret1', authorization: 'Bearer adm_secret2' } } }, 'request');
    logger.info({ body: { apiKey: 'mir_secret3', token: 'tok_secret4' } }, 'body');
    const output = lines.join('');
    for (const secret of ['mir_secret1', 'adm_secret2', 'mir_secret3', 'tok_secret4'])
      expect(output).not.toContain(secret);
    expect(output).toContain('[redacted]');
  });
});
