import { z } from 'zod';
import { fromNotAfterTo, isoDateQuery, isoUpperBoundQuery } from '../../src/api/mira/schemas/common';

/** Issue 35 point 6: a date alone as an upper bound is that whole UTC day; a range may not end before it starts. */
const range = z
  .object({ from: isoDateQuery.optional(), to: isoUpperBoundQuery.optional() })
  .superRefine(fromNotAfterTo('from', 'to'));

describe('Mira date bounds', () => {
  it.each([
    ['2026-12-05', '2026-12-06T00:00:00.000Z'],
    ['2026-12-31', '2027-01-01T00:00:00.000Z'],
    ['2028-02-28', '2028-02-29T00:00:00.000Z'],
    ['2028-02-29', '2028-03-01T00:00:00.000Z'],
  ])('to=%s ends before the next midnight, %s', (date, next) => {
    expect(isoUpperBoundQuery.parse(date)).toEqual({ at: new Date(next), inclusive: false });
  });

  it('a date-time is the instant itself, included, whatever its offset', () => {
    expect(isoUpperBoundQuery.parse('2026-12-05T10:00:00+02:00')).toEqual({
      at: new Date('2026-12-05T08:00:00.000Z'),
      inclusive: true,
    });
  });

  it.each([
    [{ from: '2026-12-05', to: '2026-12-05' }, true],
    [{ from: '2026-12-05T23:59:59.999Z', to: '2026-12-05' }, true],
    [{ from: '2026-12-06', to: '2026-12-05' }, false],
    [{ from: '2026-12-05T10:00:00Z', to: '2026-12-05T10:00:00Z' }, true],
    [{ from: '2026-12-05T10:00:00.001Z', to: '2026-12-05T10:00:00Z' }, false],
    [{ from: '2026-12-06' }, true],
    [{ to: '2026-12-05' }, true],
  ])('%j is a range: %s', (query, ok) => {
    const parsed = range.safeParse(query);
    expect(parsed.success).toBe(ok);
    if (!ok) expect(parsed.error!.issues[0]).toMatchObject({ path: ['to'], message: 'must not be before from' });
  });
});
