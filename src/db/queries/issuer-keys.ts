import { type Executor, rawClient } from '../client';

export interface StoredIssuerKey {
  kid: string;
  generation: number;
  publicJwk: Record<string, string>;
  privateJwkEncrypted: string;
  signsFrom: Date;
}

interface Row extends Record<string, unknown> {
  kid: string;
  generation: number;
  public_jwk: Record<string, string>;
  private_jwk_encrypted: string;
  signs_from: string;
}

const toKey = (r: Row): StoredIssuerKey => ({
  kid: r.kid,
  generation: r.generation,
  publicJwk: r.public_jwk,
  privateJwkEncrypted: r.private_jwk_encrypted,
  signsFrom: new Date(r.signs_from),
});

/** The newest key that may sign now; a key prepublished for later is not it yet. */
export async function signingKey(db: Executor): Promise<StoredIssuerKey | null> {
  const [row] = await rawClient(db)<Row[]>`
    select kid, generation, public_jwk, private_jwk_encrypted, signs_from from issuer_keys
    where retired_at is null and signs_from <= clock_timestamp() order by generation desc limit 1`;
  return row ? toKey(row) : null;
}

/** Every key the JWKS publishes: those not retired, oldest first. */
export async function publishedKeys(db: Executor): Promise<StoredIssuerKey[]> {
  const rows = await rawClient(db)<Row[]>`
    select kid, generation, public_jwk, private_jwk_encrypted, signs_from from issuer_keys
    where retired_at is null order by generation`;
  return rows.map(toKey);
}

/**
 * The first key, written by whichever issuance gets there first: the unique generation lets one
 * insert, and a second one at once waits for its commit and inserts nothing.
 */
export async function insertFirstKey(
  db: Executor,
  key: { kid: string; publicJwk: Record<string, string>; privateJwkEncrypted: string },
): Promise<void> {
  await rawClient(db)`
    insert into issuer_keys (kid, generation, public_jwk, private_jwk_encrypted, signs_from)
    values (${key.kid}, 1, ${JSON.stringify(key.publicJwk)}::jsonb, ${key.privateJwkEncrypted}, clock_timestamp())
    on conflict (generation) do nothing`;
}
