/**
 * Writes what the docs take from the code, so the two cannot disagree: the environment table of
 * docs/configuration.md (from the config schema and src/config-docs.ts) and the README's layer
 * diagram (from eslint.layers.mjs), and docs/api-reference.md (from the OpenAPI document). `npm run docs:generate` writes them;
 * test/unit/docs-generated.test.ts fails when a committed file differs from what this produces.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { CLI_ENV_DOCS, CONFIG_DOCS, type ConfigDoc } from '../../src/config-docs';
import { apiReference } from './api-reference';

const ROOT = path.join(__dirname, '..', '..');

function table(rows: [string, string, string][]): string {
  const head: [string, string, string] = ['Variable', 'Default', 'Meaning'];
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function shownDefault(value: unknown): string {
  if (value === undefined) return '–';
  return `\`${Array.isArray(value) ? value.join(',') : String(value)}\``;
}

export function configurationTable(): string {
  const defaults = loadConfig({}) as Record<string, unknown>;
  const row = (name: string, doc: ConfigDoc, value: unknown): [string, string, string] => [
    `\`${name}\``,
    doc.shown ?? shownDefault(value),
    doc.meaning,
  ];
  const server = Object.entries(CONFIG_DOCS).map(([name, doc]) => row(name, doc, defaults[name]));
  const cli = Object.entries(CLI_ENV_DOCS).map(([name, doc]) => row(name, doc, undefined));
  return `${table(server)}\n\nRead by the operator CLI (\`npm run mir\`) only:\n\n${table(cli)}`;
}

/** Read in a child node: eslint.layers.mjs is an ES module, and jest loads this file as CommonJS. */
export function layerBlock(): string {
  const script = "import('./eslint.layers.mjs').then((m) => process.stdout.write(m.layerDiagram()))";
  return execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
}

/** `text` with what lies between `<!-- name:begin -->` and `<!-- name:end -->` replaced. */
export function replaceBlock(text: string, name: string, content: string): string {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`no ${begin} … ${end} block`);
  // Blank lines around the block, as prettier writes markdown, so a formatted file stays current.
  return `${text.slice(0, from + begin.length)}\n\n${content}\n\n${text.slice(to)}`;
}

/** Every generated file, as it should read: path → contents. */
export function generatedFiles(): Record<string, string> {
  const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
  return {
    'docs/configuration.md': replaceBlock(read('docs/configuration.md'), 'environment', configurationTable()),
    'README.md': replaceBlock(read('README.md'), 'layers', layerBlock()),
    'docs/api-reference.md': apiReference(),
  };
}

if (require.main === module) {
  const files = generatedFiles();
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(ROOT, file), text);
  console.log(`wrote ${Object.keys(files).join(', ')}`);
}
