import { ERROR_STATUS, type ErrorCode } from '../../src/domain/errors';
import { buildMiraOpenApi } from '../../src/api/mira/openapi';
import { buildMiraRoutes } from '../../src/api/mira/routes';
import { buildOpenApi } from '../../src/api/openapi';
import { DESCRIPTIONS } from '../../src/api/openapi-descriptions';
import { MIRA_DESCRIPTIONS } from '../../src/api/mira/openapi-descriptions';
import { buildRoutes } from '../../src/api/routes';

type Doc = { paths: Record<string, Record<string, { operationId?: string; summary?: string }>> };
const operations = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method, path, op })));

const mir = buildOpenApi(buildRoutes(), 'http://localhost') as Doc;
const mira = buildMiraOpenApi(buildMiraRoutes(), 'http://localhost') as Doc;

describe('operation names (generated clients call them by these)', () => {
  it.each([
    ['MIR', mir],
    ['Mira', mira],
  ])('every %s operation has a unique camelCase operationId and a summary', (_name, doc) => {
    const ids = operations(doc).map(({ method, path, op }) => {
      expect([method, path, op.operationId]).toEqual([method, path, expect.stringMatching(/^[a-z][A-Za-z0-9]+$/)]);
      expect(op.summary?.length).toBeGreaterThan(10);
      return op.operationId;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names a versioned twin after its path, and keeps the names clients already use', () => {
    const id = (method: string, path: string) => mir.paths[path]?.[method]?.operationId;
    expect(id('post', '/events')).toBe('createEvent');
    expect(id('post', '/v1/events')).toBe('createEventV1');
    expect(id('post', '/resolve')).toBe('resolveUser');
    expect(id('post', '/v1/agents/{id}/key/rotate')).toBe('rotateAgentKey');
    expect(id('post', '/v1/agents/{id}/suspend')).toBe('suspendAgent');
    expect(id('post', '/admin/spawn-requests/{id}/approve')).toBe('adminApproveSpawnRequest');
    expect(mira.paths['/api/v1/meetings']?.post?.operationId).toBe('createMeeting');
  });

  it('describes the operations a first integration calls at more length than their summary', () => {
    const byId = new Map(
      operations(mir).map(({ op }) => [op.operationId, op as { summary: string; description?: string }]),
    );
    for (const id of [
      'createEvent',
      'createEventsBulk',
      'resolveUser',
      'evaluatePolicy',
      'createLinkInvite',
      'createAgent',
      'createWebhook',
    ]) {
      const op = byId.get(id)!;
      expect([id, (op.description?.length ?? 0) > op.summary.length]).toEqual([id, true]);
    }
  });

  it.each([
    ['MIR', mir],
    ['Mira', mira],
  ])('describes every %s operation beyond its summary', (_name, doc) => {
    const missing = operations(doc)
      .filter(({ op }) => ((op as { description?: string }).description?.length ?? 0) <= 40)
      .map(({ op }) => op.operationId);
    expect(missing).toEqual([]);
  });

  it('describes no operation that does not exist', () => {
    const ids = new Set([...buildRoutes(), ...buildMiraRoutes()].map((r) => r.operationId));
    expect(Object.keys({ ...DESCRIPTIONS, ...MIRA_DESCRIPTIONS }).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('refuses to build a document where two operations share a name', () => {
    const [first, second] = buildRoutes();
    expect(() => buildOpenApi([first!, { ...second!, operationId: first!.operationId }], 'http://x')).toThrow(
      /two operations are named/,
    );
  });
});

describe('error responses per operation', () => {
  const codesOf = (response: any): string[] => {
    const error = response.content['application/json'].schema.properties.error;
    return (error.anyOf ?? [error]).flatMap((v: any) => v.properties.code.enum ?? [v.properties.code.const]);
  };

  it('documents each code under the status ERROR_STATUS gives it, never the same code twice', () => {
    for (const { method, path, op } of operations(mir)) {
      for (const [status, response] of Object.entries((op as any).responses)) {
        if (Number(status) < 400) continue;
        const codes = codesOf(response);
        expect(codes.length).toBeGreaterThan(0);
        expect(new Set(codes).size).toBe(codes.length);
        for (const code of codes)
          expect([method, path, code, ERROR_STATUS[code as ErrorCode]]).toEqual([method, path, code, Number(status)]);
      }
    }
  });

  it("a route's codes follow from its auth, inputs and own errors, not from every route's", () => {
    const codes = (method: string, path: string) =>
      Object.entries((mir.paths[path]![method] as any).responses)
        .filter(([s]) => Number(s) >= 400)
        .flatMap(([, r]) => codesOf(r));
    expect(codes('post', '/events')).not.toContain('too_many_emails');
    expect(codes('post', '/events')).toEqual(expect.arrayContaining(['user_suppressed', 'idempotency_key_reused']));
    expect(codes('get', '/health')).not.toContain('unauthorized');
    expect(codes('get', '/v1/agents/me')).toContain('agent_key_required');
    expect(codes('get', '/events')).not.toContain('role_required');
    expect(codes('post', '/portal/api/keys/{id}/revoke')).toEqual(
      expect.arrayContaining(['role_required', 'last_owner_key']),
    );
  });
});

describe('request bodies', () => {
  it('a body the route accepts leaving out is documented as optional, every other as required', () => {
    const bodies = operations(mir as Doc).flatMap(({ method, path, op }) => {
      const body = (op as { requestBody?: { required: boolean } }).requestBody;
      return body ? [`${method} ${path} ${body.required ? 'required' : 'optional'}`] : [];
    });
    // A schemathesis run sent a revoke with no body, which the route accepts, while the document said required.
    expect(bodies).toContain('post /v1/agents/{id}/revoke optional');
    expect(bodies).toContain('post /v1/agents/spawn-requests/{id}/approve optional');
    expect(bodies).toContain('post /events required');
    expect(bodies.filter((b) => b.endsWith('optional'))).toHaveLength(
      buildRoutes().filter((r) => r.body?.safeParse(undefined).success).length,
    );
  });
});
