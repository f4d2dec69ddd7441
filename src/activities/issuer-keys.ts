import type { Db } from '../db/client';
import {
  type IssuerKeyState,
  insertKeyGeneration,
  keyOfGeneration,
  retireWhenUnused,
  rotationState,
} from '../db/queries/issuer-key-rotation';
import { issuerKeyEncryptionKey, newIssuerKey } from '../services/credentials/issuer-keys';
import { webhookDeliveryOptionsFromEnv } from '../services/webhooks/options';

/** What crosses the workflow boundary about a key: never its private half, encrypted or not. */
export interface IssuerKeyRef {
  kid: string;
  generation: number;
  signsFrom: string;
}

/** The worker's: the key that encrypts the private JWKs, and how long a new key is published before it signs. */
export interface IssuerKeyOptions {
  webhookSecretKey: Buffer;
  prepublishSeconds: number;
}

const DEFAULT_PREPUBLISH_SECONDS = 24 * 3600;
const refOf = (k: IssuerKeyState): IssuerKeyRef => ({
  kid: k.kid,
  generation: k.generation,
  signsFrom: k.signsFrom.toISOString(),
});

/** Options omitted (tests, scripts): this process's webhook key and the default prepublication. */
export function createIssuerKeyActivities(db: Db, opts?: IssuerKeyOptions) {
  const options = () =>
    opts ?? {
      webhookSecretKey: webhookDeliveryOptionsFromEnv().secretKey,
      prepublishSeconds: DEFAULT_PREPUBLISH_SECONDS,
    };
  return {
    /**
     * Generation `generation` of the issuer key, made here if absent (the private JWK is generated
     * and encrypted in this process and goes straight to Postgres), and the one it replaces. Safe
     * to retry: keyed by the generation, a second call finds the key the first one stored.
     */
    async createIssuerKey(input: {
      generation: number;
    }): Promise<{ key: IssuerKeyRef; previous: IssuerKeyRef | null }> {
      if (!(await keyOfGeneration(db, input.generation))) {
        const { webhookSecretKey, prepublishSeconds } = options();
        const made = newIssuerKey(issuerKeyEncryptionKey(webhookSecretKey));
        await insertKeyGeneration(db, { ...made, generation: input.generation }, prepublishSeconds);
      }
      const key = await keyOfGeneration(db, input.generation);
      if (!key) throw new Error(`issuer key generation ${input.generation} was not stored`);
      const previous = input.generation > 1 ? await keyOfGeneration(db, input.generation - 1) : null;
      return { key: refOf(key), previous: previous && !previous.retiredAt ? refOf(previous) : null };
    },

    /** The generation a rotation would make now, and the one still waiting to sign (then no rotation starts). */
    async nextIssuerKeyRotation(): Promise<{ generation: number; pending: IssuerKeyRef | null }> {
      const { next, pending } = await rotationState(db);
      return { generation: next, pending: pending ? refOf(pending) : null };
    },

    /** Retires `kid` if every credential it signed has expired; else when to ask again. */
    async retireIssuerKey(input: { kid: string }): Promise<{ retiredAt: string } | { waitUntil: string }> {
      const outcome = await retireWhenUnused(db, input.kid);
      if (!outcome) throw new Error(`no issuer key ${input.kid}`);
      return 'retiredAt' in outcome
        ? { retiredAt: outcome.retiredAt.toISOString() }
        : { waitUntil: outcome.waitUntil.toISOString() };
    },
  };
}
