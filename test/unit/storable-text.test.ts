import type { IncomingMessage, ServerResponse } from 'node:http';
import { refuseUnstorableText } from '../../src/api/middleware/storable-text';

const check = (text: string) => () =>
  refuseUnstorableText({} as IncomingMessage, {} as ServerResponse, Buffer.from(text, 'utf8'));
const refusedAs = (type: string) => expect.objectContaining({ type });

describe('refuseUnstorableText', () => {
  it('refuses an unpaired surrogate escape anywhere: value, key, high or low half', () => {
    expect(check('{"a":"x\\ud800"}')).toThrow(refusedAs('entity.surrogate'));
    expect(check('{"a":"\\uDC00y"}')).toThrow(refusedAs('entity.surrogate'));
    expect(check('{"k\\udbff":1}')).toThrow(refusedAs('entity.surrogate'));
    expect(check('{"a":"\\udc00\\ud800"}')).toThrow(refusedAs('entity.surrogate'));
  });

  it('lets pairs, escaped backslashes and plain text through', () => {
    expect(check('{"a":"\\ud834\\udd1e"}')).not.toThrow();
    expect(check('{"a":"\\\\ud800"}')).not.toThrow();
    expect(check('{"a":"𝄞 \\u00e9"}')).not.toThrow();
    // Not JSON: left to the parser, which answers invalid_json.
    expect(check('{"a":"\\ud800"')).not.toThrow();
  });

  it('finds one at the end of a body nested deeper than the stack or wider than an argument list', () => {
    const deep = `${'['.repeat(200_000)}"\\ud800"${']'.repeat(200_000)}`;
    expect(() => JSON.parse(deep)).not.toThrow();
    expect(check(deep)).toThrow(refusedAs('entity.surrogate'));
    const wide = `[${'1,'.repeat(400_000)}"\\udfff"]`;
    expect(check(wide)).toThrow(refusedAs('entity.surrogate'));
  });

  it('still refuses the NUL character first', () => {
    expect(check('{"a":"\\u0000\\ud800"}')).toThrow(refusedAs('entity.nul'));
  });
});
