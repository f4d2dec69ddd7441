import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * drizzle-kit diffs src/db/schema against the newest snapshot in drizzle/meta, so a migration
 * written by hand must still end with its snapshot, or the next `npm run db:generate` proposes it
 * again (docs/architecture.md "A migration"). This writes that snapshot for the journal's last
 * entry, and prints the SQL drizzle-kit would have written so it can be compared with the
 * hand-written file. `npx tsx scripts/db-snapshot.ts`.
 */
export const ROOT = path.join(__dirname, '..');
const META = path.join(ROOT, 'drizzle', 'meta');

export interface JournalEntry {
  idx: number;
  tag: string;
}

export const journal = (): JournalEntry[] =>
  (JSON.parse(readFileSync(path.join(META, '_journal.json'), 'utf8')) as { entries: JournalEntry[] }).entries;

export const snapshotPath = (idx: number) => path.join(META, `${String(idx).padStart(4, '0')}_snapshot.json`);

/**
 * What drizzle-kit generate makes of the schema against a copy of drizzle/meta (so the shared
 * journal is never touched): the SQL it proposes and the snapshot file it wrote, or null when
 * the newest snapshot already describes the schema.
 */
export function generateInCopy(): { sql: string; snapshot: string } | null {
  const out = mkdtempSync(path.join(os.tmpdir(), 'mir-db-snapshot-'));
  try {
    mkdirSync(path.join(out, 'meta'));
    for (const file of readdirSync(META)) copyFileSync(path.join(META, file), path.join(out, 'meta', file));
    const before = new Set(readdirSync(path.join(out, 'meta')));
    // drizzle-kit prefixes --out with "./": it must be relative to the working directory.
    const args = ['generate', '--dialect', 'postgresql', '--schema', './src/db/schema/index.ts'];
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'drizzle-kit'), [...args, '--out', path.relative(ROOT, out)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const snapshot = readdirSync(path.join(out, 'meta')).find((f) => !before.has(f));
    const sqlFile = readdirSync(out).find((f) => f.endsWith('.sql'));
    if (!snapshot || !sqlFile) return null;
    return {
      sql: readFileSync(path.join(out, sqlFile), 'utf8'),
      snapshot: readFileSync(path.join(out, 'meta', snapshot), 'utf8'),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function main() {
  const last = journal().at(-1);
  if (!last) throw new Error('drizzle/meta/_journal.json has no entries');
  const target = snapshotPath(last.idx);
  const generated = generateInCopy();
  if (!generated) {
    console.log('The schema matches the newest snapshot; nothing to write.');
    return;
  }
  if (existsSync(target)) {
    console.error(`${last.tag} has its snapshot, yet the schema differs from it. Write a migration for:\n`);
    console.error(generated.sql);
    process.exitCode = 1;
    return;
  }
  writeFileSync(target, generated.snapshot);
  console.log(`Wrote ${path.relative(ROOT, target)}. Check that ${last.tag}.sql does what drizzle-kit proposes`);
  console.log(`(functions, triggers and data changes are beyond it):\n\n${generated.sql}`);
}

if (require.main === module) main();
