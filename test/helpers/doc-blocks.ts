import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './stack-process';

export interface DocBlock {
  file: string;
  line: number;
  script: string;
}

/** The marker a document puts on the line before a ```sh block that a test runs as written. */
export const RUNNABLE = '<!-- runnable -->';

/** README.md and docs/*.md, relative to the repository. */
export function documents(): string[] {
  const docs = readdirSync(path.join(REPO_ROOT, 'docs')).filter((f) => f.endsWith('.md'));
  return ['README.md', ...docs.map((f) => `docs/${f}`)];
}

/** Every ```sh block right after the marker, with the line its fence opens on. */
export function runnableBlocks(file: string): DocBlock[] {
  const lines = readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (lines[i]!.trim() !== RUNNABLE) continue;
    if (!/^```(sh|bash)\s*$/.test(lines[i + 1] ?? ''))
      throw new Error(`${file}:${i + 1}: ${RUNNABLE} must precede a \`\`\`sh block`);
    const end = lines.findIndex((l, j) => j > i + 1 && l.startsWith('```'));
    if (end < 0) throw new Error(`${file}:${i + 2}: the block never closes`);
    blocks.push({ file, line: i + 2, script: lines.slice(i + 2, end).join('\n') });
  }
  return blocks;
}
