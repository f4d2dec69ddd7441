import type { Db } from '../db/client';
import { applyKeyRotation, type KeyRotationOutcome } from '../db/queries/agent-key-rotations';

export type { KeyRotationOutcome } from '../db/queries/agent-key-rotations';

export interface ApplyKeyRotationInput {
  rotationId: string;
}

export function createKeyActivities(db: Db) {
  return {
    /**
     * Swap + audit as one transaction, keyed by the rotation row the API stored: only its id
     * travels through Temporal. Safe to retry: an applied rotation answers its first result.
     */
    async applyKeyRotation(input: ApplyKeyRotationInput): Promise<KeyRotationOutcome> {
      return applyKeyRotation(db, input.rotationId);
    },
  };
}
