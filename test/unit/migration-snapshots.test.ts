import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, generateInCopy, journal, snapshotPath } from '../../scripts/db-snapshot';

/**
 * drizzle-kit diffs the schema against the newest snapshot in drizzle/meta: a migration that ends
 * without its snapshot (one written by hand) makes the next `npm run db:generate` propose it all
 * again, as 0018–0025 once did. docs/architecture.md "A migration" says how to write one.
 */
describe('drizzle migrations and snapshots', () => {
  const entries = journal();

  it('the last journal entry has its snapshot (npx tsx scripts/db-snapshot.ts writes it)', () => {
    const last = entries.at(-1)!;
    expect({ tag: last.tag, snapshot: existsSync(snapshotPath(last.idx)) }).toEqual({ tag: last.tag, snapshot: true });
  });

  it('journal entries are 0..n in order, each with its SQL file and no SQL file without one', () => {
    expect(entries.map((e) => e.idx)).toEqual(entries.map((_, i) => i));
    for (const e of entries) expect(e.tag.startsWith(`${String(e.idx).padStart(4, '0')}_`)).toBe(true);
    const files = readdirSync(path.join(ROOT, 'drizzle')).filter((f) => f.endsWith('.sql'));
    expect(files.sort()).toEqual(entries.map((e) => `${e.tag}.sql`));
  });

  it('each snapshot follows the one before it (prevId), so drizzle-kit reads one chain', () => {
    const snapshots = entries
      .filter((e) => existsSync(snapshotPath(e.idx)))
      .map((e) => JSON.parse(readFileSync(snapshotPath(e.idx), 'utf8')) as { id: string; prevId: string });
    snapshots.forEach((s, i) => {
      expect(s.prevId).toBe(i === 0 ? '00000000-0000-0000-0000-000000000000' : snapshots[i - 1]!.id);
    });
  });

  it('the newest snapshot describes src/db/schema: drizzle-kit generate proposes nothing', () => {
    expect(generateInCopy()?.sql ?? null).toBeNull();
  }, 120_000);
});
