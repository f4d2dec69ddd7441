/** An agent's family: ancestry paths (`root/…/parent`) and the kill switch's operations on them. */
export const REVOCATION_STATUSES = ['RUNNING', 'COMPLETED'] as const;
export type RevocationStatus = (typeof REVOCATION_STATUSES)[number];

/**
 * An agent's ancestry is the ids of its root … parent, each followed by '/' ('' for a root),
 * so a subtree is one indexed prefix range and the lineage of any agent is a bounded list.
 */
export function childAncestry(parent: { id: string; ancestry: string }): string {
  return `${parent.ancestry}${parent.id}/`;
}

export function ancestorIds(ancestry: string): string[] {
  return ancestry.split('/').filter((s) => s.length > 0);
}

/** LIKE pattern of every strict descendant; ids contain '_', a LIKE wildcard, so it is escaped. */
export function descendantsPattern(agent: { id: string; ancestry: string }): string {
  return `${childAncestry(agent).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
