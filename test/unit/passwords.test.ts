import { BoundExceeded } from '../../src/domain/bounds';
import { Passwords } from '../../src/services/passwords';

describe('Passwords: the per-process argon2 cap', () => {
  it('runs at most `concurrency` at once; a caller that waits past the bound gets 503 overloaded (bound argon2)', async () => {
    const passwords = new Passwords(1, 1);
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => passwords.hash('a long enough password')));
    expect(results[0]!.status).toBe('fulfilled');
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(refused).toHaveLength(3);
    for (const err of refused) {
      expect(err).toBeInstanceOf(BoundExceeded);
      expect(err).toMatchObject({ code: 'overloaded', status: 503, bound: 'argon2' });
    }
    expect(passwords.stats()).toMatchObject({ hashes: 1, running: 0, waiting: 0, peakRunning: 1 });
  });

  it('lets waiters in as others finish, and checks unknown accounts at the same cost', async () => {
    const passwords = new Passwords(2, 30_000);
    const hash = await passwords.hash('a long enough password');
    const checks = await Promise.all([
      passwords.matches(hash, 'a long enough password'),
      passwords.matches(hash, 'wrong'),
      passwords.matches(null, 'a long enough password'),
      passwords.matches(hash, 'a long enough password'),
    ]);
    expect(checks).toEqual([true, false, false, true]);
    expect(passwords.stats()).toMatchObject({ verifications: 4, peakRunning: 2, running: 0, waiting: 0 });
  });
});
