import fc from 'fast-check';
import { nestsDeeperThan, textNestsDeeperThan } from '../../src/domain/json-depth';

const nested = (levels: number, inner = '1') => `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;
const scan = (text: string, max: number) => textNestsDeeperThan(Buffer.from(text, 'utf8'), max);

/** The depth of a parsed value by its definition: each object or array one level. */
const depthOf = (value: unknown): number =>
  value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;

describe('JSON nesting depth', () => {
  it('counts objects and arrays alike; exactly the limit passes, one more does not', () => {
    expect(scan(nested(64), 64)).toBe(false);
    expect(scan(nested(65), 64)).toBe(true);
    expect(scan(`{"a":${nested(62, '{}')}}`, 64)).toBe(false);
    expect(scan(`{"a":${nested(62, '{"b":{}}')}}`, 64)).toBe(true);
    expect(nestsDeeperThan(JSON.parse(nested(32)), 32)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(nested(33)), 32)).toBe(true);
  });

  it('brackets inside strings do not count, escaped quotes and backslashes included', () => {
    expect(scan(`{"a":"${'['.repeat(1000)}"}`, 2)).toBe(false);
    expect(scan(`{"a":"\\"${'{'.repeat(1000)}\\""}`, 2)).toBe(false);
    // An escaped backslash ends the string at the next quote: the brackets after it are structure.
    expect(scan(`{"a":"\\\\","b":${nested(3)}}`, 3)).toBe(true);
    expect(scan(`{"a":"\\\\","b":${nested(2)}}`, 3)).toBe(false);
    expect(scan(`{"${'['.repeat(100)}":"é𝄞${'{'.repeat(100)}"}`, 1)).toBe(false);
  });

  it('reads 100,000 levels without a stack, as text and as a value', () => {
    expect(scan(nested(100_000), 64)).toBe(true);
    expect(nestsDeeperThan(JSON.parse(nested(100_000)), 64)).toBe(true);
  });

  it('property: the text scan and the value walk agree with the depth of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.nat(14), (value, max) => {
        const deeper = depthOf(value) > max;
        expect(scan(JSON.stringify(value), max)).toBe(deeper);
        expect(nestsDeeperThan(value, max)).toBe(deeper);
      }),
      { numRuns: 2000 },
    );
  });
});
