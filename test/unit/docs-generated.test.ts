import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generatedFiles } from '../../scripts/docs/generate';
import { loadConfig } from '../../src/config';
import { CONFIG_DOCS } from '../../src/config-docs';

/**
 * The parts of the docs written from the code (the environment table, the README's layer diagram)
 * must be what `npm run docs:generate` writes today: a variable or a layer rule changed without
 * regenerating fails here.
 */
describe('generated docs', () => {
  it('docs/configuration.md and the README layer diagram are up to date (npm run docs:generate)', () => {
    for (const [file, expected] of Object.entries(generatedFiles())) {
      expect({ file, text: readFileSync(path.join(__dirname, '..', '..', file), 'utf8') }).toEqual({
        file,
        text: expected,
      });
    }
  });

  it('documents every variable the config schema reads, and no other', () => {
    const withDefaults = Object.keys(loadConfig({}));
    // Every variable that has a default appears in the parsed config; each must have a line.
    expect(withDefaults.filter((name) => !(name in CONFIG_DOCS))).toEqual([]);
    for (const doc of Object.values(CONFIG_DOCS)) expect(doc.meaning.length).toBeGreaterThan(10);
  });
});
