import { type Executor, rawClient } from '../client';

/**
 * How long after its successor starts signing a key may be retired at the earliest: an issuance
 * that read the old key just before the switch commits its credential within this (its statements
 * and idle gaps are bounded at seconds), so the check for the old key's last expiry sees it.
 */
export const RETIRE_AFTER_SWITCH_SECONDS = 60;

/** What the rotation and the operator see of a key: never its private half. */
export interface IssuerKeyState {
  kid: string;
  generation: number;
  createdAt: Date;
  signsFrom: Date;
  retiredAt: Date | null;
}

export interface IssuerKeyListing extends IssuerKeyState {
  credentialsSigned: number;
  lastExpiry: Date | null;
}

const stateOf = (r: Record<string, unknown>): IssuerKeyState => ({
  kid: r.kid as string,
  generation: r.generation as number,
  createdAt: new Date(r.created_at as string),
  signsFrom: new Date(r.signs_from as string),
  retiredAt: r.retired_at ? new Date(r.retired_at as string) : null,
});

export async function keyOfGeneration(db: Executor, generation: number): Promise<IssuerKeyState | null> {
  const [row] = await rawClient(db)`
    select kid, generation, created_at, signs_from, retired_at from issuer_keys where generation = ${generation}`;
  return row ? stateOf(row) : null;
}

/**
 * Generation `generation`, unless it exists already (a retried activity, or the first issuance
 * making generation 1 at the same moment): published now, signing `prepublishSeconds` from now.
 * The very first key signs at once: no credential, so no verifier, needs it ahead of time.
 */
export async function insertKeyGeneration(
  db: Executor,
  key: { kid: string; generation: number; publicJwk: Record<string, string>; privateJwkEncrypted: string },
  prepublishSeconds: number,
): Promise<void> {
  await rawClient(db)`
    insert into issuer_keys (kid, generation, public_jwk, private_jwk_encrypted, signs_from)
    values (${key.kid}, ${key.generation}, ${JSON.stringify(key.publicJwk)}::jsonb, ${key.privateJwkEncrypted},
      clock_timestamp() + case when exists (select from issuer_keys) then make_interval(secs => ${prepublishSeconds})
        else interval '0' end)
    on conflict (generation) do nothing`;
}

/** The generation a rotation would make now, and the key still waiting to sign, if one is. */
export async function rotationState(db: Executor): Promise<{ next: number; pending: IssuerKeyState | null }> {
  const [row] = await rawClient(db)<{ next: number }[]>`
    select coalesce(max(generation), 0) + 1 as next from issuer_keys`;
  const [pending] = await rawClient(db)`
    select kid, generation, created_at, signs_from, retired_at from issuer_keys
    where retired_at is null and signs_from > clock_timestamp() order by generation desc limit 1`;
  return { next: row!.next, pending: pending ? stateOf(pending) : null };
}

/**
 * Retires `kid` (the JWKS drops it) once a later key has signed for RETIRE_AFTER_SWITCH_SECONDS
 * and every credential it signed has expired, checked in the statement that retires it. Otherwise
 * answers when to ask again: its last credential's expiry, or the end of that wait. Safe to
 * repeat: a retired key answers its retirement.
 */
export async function retireWhenUnused(
  db: Executor,
  kid: string,
): Promise<{ retiredAt: Date } | { waitUntil: Date } | null> {
  const [row] = await rawClient(db)<{ retired_at: string | null; wait_until: string | null }[]>`
    with old as (select generation, retired_at from issuer_keys where kid = ${kid} for update),
    successor as (
      select min(k.signs_from) + make_interval(secs => ${RETIRE_AFTER_SWITCH_SECONDS}) as switched
      from issuer_keys k, old where k.generation > old.generation and k.retired_at is null),
    last as (select max(expires_at) as expiry from credentials where kid = ${kid}),
    due as (
      select case when successor.switched is not null then greatest(successor.switched, last.expiry) end as at
      from successor, last),
    retired as (
      update issuer_keys set retired_at = clock_timestamp()
      from old, due
      where issuer_keys.kid = ${kid} and old.retired_at is null and due.at <= clock_timestamp()
      returning issuer_keys.retired_at)
    select coalesce((select retired_at from retired), old.retired_at) as retired_at, due.at as wait_until
    from old, due`;
  if (!row) return null;
  if (row.retired_at) return { retiredAt: new Date(row.retired_at) };
  // No later key at all: nothing replaces this one, so it is never due (a rotation makes one first).
  if (!row.wait_until) throw new Error(`issuer key ${kid} has no successor to hand over to`);
  return { waitUntil: new Date(row.wait_until) };
}

/** Every key with what it signed, newest first: the operator's `issuer-keys list`. */
export async function listIssuerKeys(db: Executor): Promise<IssuerKeyListing[]> {
  const rows = await rawClient(db)`
    select k.kid, k.generation, k.created_at, k.signs_from, k.retired_at,
      (select count(*)::int from credentials c where c.kid = k.kid) as signed,
      (select max(expires_at) from credentials c where c.kid = k.kid) as last_expiry
    from issuer_keys k order by k.generation desc`;
  return rows.map((r) => ({
    ...stateOf(r),
    credentialsSigned: r.signed as number,
    lastExpiry: r.last_expiry ? new Date(r.last_expiry as string) : null,
  }));
}
