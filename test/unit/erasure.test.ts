import {
  ERASED_ADDRESS,
  type ErasureTargets,
  addCount,
  erasedRef,
  erasedValues,
  jsonLikePattern,
  noCounts,
  scrubJson,
  scrubText,
} from '../../src/domain/erasure';

const targets: ErasureTargets = {
  accountId: 'acct_01abc',
  email: 'ann@example.com',
  partnerUsers: [
    { partnerUserId: 'usr_01a', organizationId: 'org_a', externalId: '42', linkId: 'link_a' },
    { partnerUserId: 'usr_01b', organizationId: 'org_b', externalId: 'we"ird\\id', linkId: 'link_b' },
  ],
};
const values = erasedValues(targets);

describe('erasure digests', () => {
  it('are one-way, stable and distinct per id', () => {
    expect(erasedRef('acct_01abc')).toMatch(/^erased_[0-9a-f]{32}$/);
    expect(erasedRef('acct_01abc')).toBe(erasedRef('acct_01abc'));
    expect(erasedRef('acct_01abc')).not.toBe(erasedRef('acct_01abd'));
    expect(erasedRef('acct_01abc')).not.toContain('acct');
  });
});

describe('scrubbing JSON text', () => {
  it("replaces MIR's ids and the address anywhere, a partner's id only as a whole value in its own rows", () => {
    const json = JSON.stringify({
      mirUserId: 'acct_01abc',
      note: 'mail ann@example.com about usr_01a',
      userId: '42',
      orderId: '420',
      other: '42',
    });
    const scrubbed = JSON.parse(scrubJson(json, values, 'org_a'));
    expect(scrubbed).toEqual({
      mirUserId: erasedRef('acct_01abc'),
      note: `mail ${ERASED_ADDRESS} about ${erasedRef('usr_01a')}`,
      userId: erasedRef('usr_01a'),
      orderId: '420',
      other: erasedRef('usr_01a'),
    });
    // Another organisation's 42 is another user.
    expect(JSON.parse(scrubJson(json, values, 'org_c')).userId).toBe('42');
  });

  it('matches ids JSON had to escape, and keeps the text valid JSON', () => {
    const json = JSON.stringify({ userId: 'we"ird\\id' });
    expect(JSON.parse(scrubJson(json, values, 'org_b'))).toEqual({ userId: erasedRef('usr_01b') });
  });

  it('gives LIKE patterns with the LIKE wildcards of ids escaped', () => {
    const external = values.find((v) => v.value === '42')!;
    expect(jsonLikePattern(external)).toBe('%"42"%');
    const withUnderscore = values.find((v) => v.value === 'usr_01a')!;
    expect(jsonLikePattern(withUnderscore)).toBe('%usr\\_01a%');
  });

  it('scrubs plain columns: a partner id only when it is the whole value', () => {
    expect(scrubText('42', values, 'org_a')).toBe(erasedRef('usr_01a'));
    expect(scrubText('1420', values, 'org_a')).toBe('1420');
    expect(scrubText('user:acct_01abc', values, 'org_a')).toBe(`user:${erasedRef('acct_01abc')}`);
    expect(scrubText(null, values, 'org_a')).toBeNull();
  });
});

describe('erasure counts', () => {
  it('add up per kind and per organisation, without touching the counts given', () => {
    const start = noCounts();
    const once = addCount(start, 'events', 3, 'org_a');
    const twice = addCount(addCount(once, 'events', 2, 'org_a'), 'sessions', 1);
    expect(start).toEqual({ totals: {}, organizations: {} });
    expect(twice).toEqual({ totals: { events: 5, sessions: 1 }, organizations: { org_a: { events: 5 } } });
    expect(addCount(twice, 'events', 0, 'org_b')).toBe(twice);
  });
});
