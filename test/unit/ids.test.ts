import { newId } from '../../src/domain/ids';

describe('newId', () => {
  it('has a readable prefix and a fixed-length crockford body', () => {
    expect(newId('org')).toMatch(/^org_[0-9a-hjkmnp-tv-z]{26}$/);
  });

  it('sorts by creation time', () => {
    const earlier = newId('key', Date.UTC(2026, 0, 1));
    const later = newId('key', Date.UTC(2026, 0, 2));
    expect([later, earlier].sort()).toEqual([earlier, later]);
  });
});
