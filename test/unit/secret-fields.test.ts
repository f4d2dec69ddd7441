import { z } from 'zod';
import { buildMiraRoutes } from '../../src/api/mira/routes';
import { buildRoutes } from '../../src/api/routes';
import { assertSecretsDeclared, fieldPaths, withoutSecrets } from '../../src/api/secret-fields';

const answers = (schema: z.ZodType) => ({ 201: { description: 'Created', schema } });
const miraOrg = z.object({ id: z.string(), key: z.object({ id: z.string(), apiKey: z.string().nullable() }) });

describe('secret fields of an answer', () => {
  it('nulls a nested path in a copy: the live answer keeps the key, the stored one does not', () => {
    const live = { id: 'o', key: { id: 'k', apiKey: 'mira_live_x' } };
    expect(withoutSecrets(live, ['key.apiKey'])).toEqual({ id: 'o', key: { id: 'k', apiKey: null } });
    expect(live.key.apiKey).toBe('mira_live_x');
    expect(withoutSecrets({ apiKey: 'k', id: 1 }, ['apiKey'])).toEqual({ apiKey: null, id: 1 });
    // A path the answer does not have (a spawn answered without a key) leaves it as it is.
    expect(withoutSecrets({ id: 1, key: null }, ['key.apiKey', 'code'])).toEqual({ id: 1, key: null });
  });

  it('refuses a route that leaves a nested key undeclared (the replay that kept mira_live_ keys)', () => {
    expect(() => assertSecretsDeclared('POST /x', answers(miraOrg), ['apiKey'])).toThrow(
      /undeclared: key\.apiKey; not such a path: apiKey/,
    );
    expect(() => assertSecretsDeclared('POST /x', answers(miraOrg), ['key.apiKey'])).not.toThrow();
  });

  it('finds secrets in every answer, in unions, arrays and maps; one in an array cannot be declared', () => {
    const spawn = {
      201: answers(z.object({ apiKey: z.string() }))[201],
      202: answers(z.object({ token: z.string() }))[201],
    };
    expect(() => assertSecretsDeclared('POST /s', spawn, ['apiKey'])).toThrow(/undeclared: token/);
    const list = z.object({ keys: z.array(z.object({ clientSecret: z.string() })) });
    expect(fieldPaths(list).secretLooking).toEqual(new Set(['keys[].clientSecret']));
    expect(() => assertSecretsDeclared('POST /l', answers(list), ['keys[].clientSecret'])).toThrow(/not such a path/);
    const union = z.union([
      z.object({ a: z.object({ webhookSecret: z.string() }) }),
      z.record(z.string(), z.object({ password: z.string() })),
    ]);
    expect(fieldPaths(union).secretLooking).toEqual(new Set(['a.webhookSecret', '*.password']));
  });

  it('an error code beside its message and a value from a closed set are not secrets', () => {
    const bulk = z.object({
      error: z.object({ code: z.string(), message: z.string() }),
      reason: z.object({ code: z.literal('invalid_email') }),
      kind: z.object({ code: z.enum(['a', 'b']) }),
    });
    expect(fieldPaths(bulk).secretLooking).toEqual(new Set());
    expect(fieldPaths(z.object({ code: z.string().nullable() })).secretLooking).toEqual(new Set(['code']));
  });

  it('every MIR route declares exactly its secrets (the app checks the same when it mounts them)', () => {
    for (const route of buildRoutes().filter((r) => r.method === 'post')) {
      expect(() => assertSecretsDeclared(route.path, route.responses, route.secretFields ?? [])).not.toThrow();
    }
  });

  it('no Mira route answers a secret: Mira keys come from the admin routes, and Mira stores no answers', () => {
    for (const route of buildMiraRoutes()) {
      for (const { data } of Object.values(route.responses)) {
        expect([route.path, [...fieldPaths(data).secretLooking]]).toEqual([route.path, []]);
      }
    }
  });
});
