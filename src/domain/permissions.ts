import type { Role } from './roles';

/**
 * The permission table of the enterprise reference, in its order, then `users:delete`, which the
 * reference does not list: partner regulations (POST /v1/users/regulations) delete and suppress a
 * partner's users, a power no other permission implies. The reference's admin preset is "all
 * permissions", so it holds it; no other preset does.
 */
export const PERMISSIONS = [
  'events:write',
  'events:read',
  'claims:write',
  'claims:read',
  'users:resolve',
  'users:read',
  'policy:read',
  'webhooks:manage',
  'audit:read',
  'users:delete',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PRESETS = {
  event_emitter: ['events:write'],
  verifier: ['users:resolve', 'claims:write'],
  reconciler: ['events:read', 'events:write'],
  admin: [...PERMISSIONS],
} as const satisfies Record<string, readonly Permission[]>;
export type Preset = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as Preset[];

const READS: Permission[] = ['events:read', 'claims:read', 'users:resolve', 'audit:read'];
const MEMBER_WRITES: Permission[] = ['events:write', 'claims:write', 'policy:read'];

/**
 * What a partner key of each role may do, the one role model for people and keys: ANALYST reads,
 * MEMBER also writes events and evaluates policy, ADMIN and OWNER hold every permission (what sets
 * them apart, managing agents, members and settings, is checked by role on those routes).
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ANALYST: READS,
  MEMBER: [...READS, ...MEMBER_WRITES],
  ADMIN: PERMISSIONS,
  OWNER: PERMISSIONS,
};

/** Kept in table order so responses and comparisons are stable. */
export function sortPermissions(perms: Iterable<string>): Permission[] {
  const set = new Set(perms);
  return PERMISSIONS.filter((p) => set.has(p));
}
