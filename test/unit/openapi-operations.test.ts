import { buildMiraOpenApi } from '../../src/api/mira/openapi';
import { buildMiraRoutes } from '../../src/api/mira/routes';
import { buildOpenApi } from '../../src/api/openapi';
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

  it('refuses to build a document where two operations share a name', () => {
    const [first, second] = buildRoutes();
    expect(() => buildOpenApi([first!, { ...second!, operationId: first!.operationId }], 'http://x')).toThrow(
      /two operations are named/,
    );
  });
});
