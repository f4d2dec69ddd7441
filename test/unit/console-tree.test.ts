import { STATUS_COLOURS, treeSvg } from '../../src/api/pages/console-tree';

const node = (
  id: string,
  parentId: string | null,
  depth: number,
  extra: Partial<{ name: string; status: 'ACTIVE' | 'SUSPENDED' | 'REVOKED'; pendingChildren: number }> = {},
) => ({
  id,
  name: extra.name ?? id,
  status: extra.status ?? 'ACTIVE',
  parentId,
  spawnDepth: depth,
  ancestry: '',
  pendingChildren: extra.pendingChildren ?? 0,
});

describe('the family tree drawn as SVG', () => {
  const svg = treeSvg(
    [
      node('a', null, 0, { pendingChildren: 2 }),
      node('b', 'a', 1, { status: 'REVOKED', name: '<script>alert(1)</script>' }),
      node('c', 'b', 2, { status: 'SUSPENDED' }),
    ],
    (id) => `/console/orgs/org_x/agents/${id}`,
  ).value;

  it('draws a linked node per agent, its dot in its status colour, indented by depth', () => {
    const nodes = [...svg.matchAll(/<a\s+href="([^"]+)"\s+class="node"\s+data-agent="(\w)"\s+data-status="(\w+)"/g)];
    expect(nodes.map((m) => [m[2], m[3], m[1]])).toEqual([
      ['a', 'ACTIVE', '/console/orgs/org_x/agents/a'],
      ['b', 'REVOKED', '/console/orgs/org_x/agents/b'],
      ['c', 'SUSPENDED', '/console/orgs/org_x/agents/c'],
    ]);
    const dots = [...svg.matchAll(/<circle cx="(\d+)" cy="\d+" r="7" fill="([^"]+)"/g)];
    expect(dots.map((m) => [Number(m[1]), m[2]])).toEqual([
      [15, STATUS_COLOURS.ACTIVE],
      [41, STATUS_COLOURS.REVOKED],
      [67, STATUS_COLOURS.SUSPENDED],
    ]);
    // Two elbow lines: a → b and b → c.
    expect(svg.match(/<path /g)).toHaveLength(2);
  });

  it('marks pending children and escapes names', () => {
    expect(svg).toContain('data-pending="2"');
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('2 pending');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('an empty family says so instead of drawing', () => {
    expect(treeSvg([], (id) => id).value).toContain('No agents yet.');
  });
});
