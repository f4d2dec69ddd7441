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

/**
 * Every ```sh block after the marker, with the line its fence opens on. Blank lines may stand between
 * them (a Markdown formatter puts one after an HTML comment); anything else is a mistake.
 */
export function runnableBlocks(file: string): DocBlock[] {
  const lines = readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (lines[i]!.trim() !== RUNNABLE) continue;
    let fence = i + 1;
    while (lines[fence]?.trim() === '') fence += 1;
    if (!/^```(sh|bash)\s*$/.test(lines[fence] ?? ''))
      throw new Error(`${file}:${i + 1}: ${RUNNABLE} must precede a \`\`\`sh block`);
    const end = lines.findIndex((l, j) => j > fence && l.startsWith('```'));
    if (end < 0) throw new Error(`${file}:${fence + 1}: the block never closes`);
    blocks.push({ file, line: fence + 1, script: lines.slice(fence + 1, end).join('\n') });
  }
  return blocks;
}
