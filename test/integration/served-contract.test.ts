import { buildMiraOpenApi } from '../../src/api/mira/openapi';
import { buildMiraRoutes } from '../../src/api/mira/routes';
import { buildOpenApi } from '../../src/api/openapi';
import { buildRoutes } from '../../src/api/routes';
import { http } from '../helpers/http';

/**
 * `npm run client:generate` builds the SDK from the route tables without a stack, and
 * client-generated.test.ts keeps the checked-in SDK equal to that build. This closes the loop: the
 * documents a running API serves are that same build. Left out of the comparison: `servers` (the
 * stack's address) and examples, whose recorded instants are moved to the minute the document was
 * built (the unit test checks them).
 */
function contractOf(document: object): unknown {
  const { servers: _servers, ...rest } = document as { servers?: unknown };
  return JSON.parse(JSON.stringify(rest), (key, value) =>
    key === 'example' || key === 'examples' ? undefined : value,
  );
}

describe('the served contract is the one the SDK is generated from', () => {
  it.each([
    ['MIR', '/openapi.json', () => buildOpenApi(buildRoutes(), 'http://localhost:3000')],
    ['Mira', '/api/v1/openapi.json', () => buildMiraOpenApi(buildMiraRoutes(), 'http://localhost:3000')],
  ])('%s: %s', async (_name, path, build) => {
    const served = await http('GET', path);
    expect(served.status).toBe(200);
    expect(contractOf(served.body)).toEqual(contractOf(build()));
  });
});
