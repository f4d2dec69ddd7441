import { decodeCursor, encodeCursor } from '../../src/domain/cursor';
import { isEventType, normalizeEventType, parseTypeFilter } from '../../src/domain/events';
import { eventInputSchema } from '../../src/api/schemas/events';

describe('event types', () => {
  it('strips the mir. prefix so both spellings are one type', () => {
    expect(normalizeEventType('mir.review.posted')).toBe('review.posted');
    expect(normalizeEventType('review.posted')).toBe('review.posted');
  });

  it.each(['review.posted', 'mir.transaction.completed', 'a1.b_2'])('accepts %s', (t) =>
    expect(isEventType(t)).toBe(true),
  );
  it.each(['Review.posted', 'review', 'review.posted.extra', '1a.b', 'review.', 'mir.', 'review.*'])(
    'refuses %s',
    (t) => expect(isEventType(t)).toBe(false),
  );

  it('parses exact and trailing-wildcard filters, and nothing else', () => {
    expect(parseTypeFilter('mir.review.posted')).toEqual({ exact: 'review.posted' });
    expect(parseTypeFilter('review.*')).toEqual({ prefix: 'review.' });
    expect(parseTypeFilter('*.posted')).toBeNull();
    expect(parseTypeFilter('review*')).toBeNull();
  });
});

describe('event input schema', () => {
  it('defaults significance and normalises the type', () => {
    const parsed = eventInputSchema.parse({ type: 'mir.review.posted', userId: 'u-1' });
    expect(parsed).toEqual({ type: 'review.posted', userId: 'u-1', significance: 'normal' });
  });

  it('refuses data over 16 KiB and a date more than 5 minutes ahead', () => {
    expect(eventInputSchema.safeParse({ type: 'a.b', userId: 'u', data: { x: 'y'.repeat(16 * 1024) } }).success).toBe(
      false,
    );
    const ahead = new Date(Date.now() + 6 * 60_000).toISOString();
    expect(eventInputSchema.safeParse({ type: 'a.b', userId: 'u', occurredAt: ahead }).success).toBe(false);
    const soon = new Date(Date.now() + 4 * 60_000).toISOString();
    expect(eventInputSchema.safeParse({ type: 'a.b', userId: 'u', occurredAt: soon }).success).toBe(true);
  });
});

describe('cursors', () => {
  it('round-trips and refuses anything else', () => {
    const cursor = { at: new Date('2026-01-02T03:04:05.678Z'), id: 'evt_abc' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    for (const bad of [
      '',
      'abc',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('["x","y"]').toString('base64url'),
    ]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });
});
