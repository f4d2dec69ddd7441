import {
  PARTNER_KEY_PREFIX,
  deriveKey,
  hashSecret,
  issueSecret,
  keyedHash,
  secretMatchesHash,
} from '../../src/domain/keys';

describe('issueSecret', () => {
  it('returns a prefixed base62 key whose sha256 is the stored hash', () => {
    const key = issueSecret(PARTNER_KEY_PREFIX);
    expect(key.plaintext).toMatch(/^mir_[0-9A-Za-z]{43}$/);
    expect(key.hash).toBe(hashSecret(key.plaintext));
    expect(key.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(key.hash).not.toContain(key.plaintext.slice(4, 20));
    expect(key.displayPrefix).toBe(key.plaintext.slice(0, 10));
  });

  it('never issues the same key twice', () => {
    const keys = new Set(Array.from({ length: 500 }, () => issueSecret(PARTNER_KEY_PREFIX).plaintext));
    expect(keys.size).toBe(500);
  });
});

describe('secretMatchesHash', () => {
  it('accepts the secret and rejects anything else', () => {
    const { plaintext, hash } = issueSecret(PARTNER_KEY_PREFIX);
    expect(secretMatchesHash(plaintext, hash)).toBe(true);
    expect(secretMatchesHash(`${plaintext}x`, hash)).toBe(false);
    expect(secretMatchesHash('', hash)).toBe(false);
    expect(secretMatchesHash(plaintext, 'not-a-hash')).toBe(false);
  });
});

describe('keyedHash', () => {
  it('is HMAC-SHA256 (RFC 4231, test case 2)', () => {
    expect(keyedHash('what do ya want for nothing?', Buffer.from('Jefe'))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('depends on the server secret and the purpose, and is not the plain hash', () => {
    const code = 'BCDFGHJK';
    const key = deriveKey('server-secret', 'mir link codes v1');
    expect(keyedHash(code, key)).toBe(keyedHash(code, deriveKey('server-secret', 'mir link codes v1')));
    expect(keyedHash(code, key)).not.toBe(keyedHash(code, deriveKey('other-secret', 'mir link codes v1')));
    expect(keyedHash(code, key)).not.toBe(keyedHash(code, deriveKey('server-secret', 'another purpose')));
    expect(keyedHash(code, key)).not.toBe(hashSecret(code));
    expect(deriveKey('server-secret', 'mir link codes v1').toString('hex')).not.toContain(
      Buffer.from('server-secret').toString('hex'),
    );
  });
});
