import { readFileSync } from 'node:fs';
import path from 'node:path';
import { documents } from '../helpers/doc-blocks';

/**
 * A partner reads the README and docs/ alone: no path outside the repository, no design notes or
 * product documents they do not have (by file or by number).
 */
const OUTSIDE = [/\.\.\/shared\//, /DESIGN\.md/, /\bspec\/0\d\d/, /\b00[1-9]'s\b/, /\bdocument 00[1-9]\b/];

describe('the docs stand alone', () => {
  it.each(documents())('%s refers to nothing outside the repository', (file) => {
    const lines = readFileSync(path.join(__dirname, '..', '..', file), 'utf8').split('\n');
    const found = lines.flatMap((line, i) => (OUTSIDE.some((re) => re.test(line)) ? [`${file}:${i + 1}: ${line}`] : []));
    expect(found).toEqual([]);
  });
});
