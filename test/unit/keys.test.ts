import { PARTNER_KEY_PREFIX, hashSecret, issueSecret, secretMatchesHash } from '../../src/domain/keys';

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
