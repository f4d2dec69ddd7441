import { keyHeaders } from './events';
import { adminHeaders, http } from './http';
import { signupAndLogin } from './linking';
import type { Role } from './role-matrix';

export interface Person {
  id: string;
  email: string;
  token: string;
}

/** How a person calls the management API: their session and the organisation they act for. */
export const asMember = (person: Person | string, orgId: string) => ({
  authorization: `Bearer ${typeof person === 'string' ? person : person.token}`,
  'x-mir-org': orgId,
});

/** An organisation created for `owner` (ownerEmail), as `npm run mir -- org create --owner-email` does. */
export async function createOrgFor(owner: Person, name = `Org ${Date.now()}`) {
  const res = await http('POST', '/admin/organizations', {
    headers: adminHeaders(),
    body: { name, plan: 'enterprise', ownerEmail: owner.email },
  });
  if (res.status !== 201) throw new Error(`creating an org failed: ${res.status} ${res.text}`);
  return res.body as { id: string; apiKey: string; ownerInvite: { id: string; email: string; status: string } };
}

/** Verified, logged-in people, made members of `orgKey`'s organisation with these roles (import). */
export async function addMembers(orgKey: string, roles: Exclude<Role, 'OWNER'>[]): Promise<Person[]> {
  const people = await Promise.all(roles.map(() => signupAndLogin()));
  const field = { ADMIN: 'admins', MEMBER: 'members', ANALYST: 'analysts' } as const;
  const body: Record<string, string[]> = {};
  roles.forEach((role, i) => (body[field[role]] ??= []).push(people[i]!.email));
  const res = await http('POST', '/enterprise/api/members/import', { headers: keyHeaders(orgKey), body });
  if (res.status !== 200 || res.body.results.autoLinked !== roles.length) {
    throw new Error(`import failed: ${res.status} ${res.text}`);
  }
  return people;
}

/** An organisation with one person in each role, the OWNER made by org creation. */
export async function orgWithEveryRole() {
  const owner = await signupAndLogin();
  const org = await createOrgFor(owner);
  const [admin, member, analyst] = await addMembers(org.apiKey, ['ADMIN', 'MEMBER', 'ANALYST']);
  const people: Record<Role, Person> = { OWNER: owner, ADMIN: admin!, MEMBER: member!, ANALYST: analyst! };
  return { org, people };
}
