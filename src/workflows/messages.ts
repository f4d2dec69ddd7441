import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ConfirmOutcome, LinkRequestStatus } from '../domain/links';
import { ERASURE_CHANGED_SIGNAL } from '../domain/workflow-starts';

export type { ConfirmOutcome, LinkRequestStatus };

/** The person confirms (invite page or code redemption); the answer comes back once the link is written. */
export const confirmLinkUpdate = defineUpdate<ConfirmOutcome, [{ mirUserId: string }]>('confirmLink');
export const declineLinkUpdate = defineUpdate<LinkRequestStatus, []>('declineLink');
export const linkStatusQuery = defineQuery<LinkRequestStatus>('linkStatus');

/**
 * Spawn approval: operators decide with these signals from the Temporal CLI or UI, e.g.
 * `temporal workflow signal --workflow-id spawn-approval:<id> --name approve --input '{"approver":"alice"}'`.
 */
export interface SpawnDecisionSignal {
  /** Who decides: a person's name from the CLI/UI, or the partner key id when the API relays it. */
  approver: string;
  reason?: string;
}

export const approveSignal = defineSignal<[SpawnDecisionSignal]>('approve');
export const rejectSignal = defineSignal<[SpawnDecisionSignal]>('reject');

/**
 * A decision made over REST, by a partner key, by a person's session (`accountId`, their MIR
 * account), or by an operator with the admin token (who names themself, `operator`: the token is
 * shared, so the name is what they claim, recorded as such); the workflow is its only writer and
 * answers its outcome.
 */
export interface SpawnDecisionRequest {
  decision: 'approve' | 'reject';
  keyId: string | null;
  accountId?: string;
  operator?: string;
  reason?: string;
}

export interface SpawnDecisionAnswer {
  spawnRequestId: string;
  status: string;
  alreadyDecided: boolean;
  reason?: string | null;
}

export const decideSpawnUpdate = defineUpdate<SpawnDecisionAnswer, [SpawnDecisionRequest]>('decideSpawn');

export interface SpawnApprovalState {
  spawnRequestId: string;
  status: 'PENDING_APPROVAL' | 'DECIDING' | 'DONE';
  outcome: string | null;
}
export const spawnApprovalStateQuery = defineQuery<SpawnApprovalState>('spawnApprovalState');

export interface RevocationProgress {
  operationId: string;
  /** Agents this run of the workflow revoked (a continued-as-new run starts at 0; the database has the total). */
  revokedThisRun: number;
  batchesThisRun: number;
  done: boolean;
}
export const revocationProgressQuery = defineQuery<RevocationProgress>('revocationProgress');

/**
 * The person requested, cancelled or logged in: the erasure workflow reads the account's erasure
 * again from Postgres (which decides; the signal only wakes it before its timer would).
 */
export const erasureChangedSignal = defineSignal<[]>(ERASURE_CHANGED_SIGNAL);

/** A partner regulation's deletion (regulation workflow); the database holds its totals. */
export interface RegulationProgress {
  regulationId: string;
  /** The stage the last step worked on: links, events, decisions, users. */
  stage: string | null;
  rowsThisRun: number;
  done: boolean;
}
export const regulationProgressQuery = defineQuery<RegulationProgress>('regulationProgress');

/** A person's data export (data-export workflow); the database holds its progress and chunks. */
export interface DataExportProgress {
  exportId: string;
  /** WRITING the document, READY until expiresAt, then EXPIRED or FAILED; GONE with its account. */
  phase: 'WRITING' | 'READY' | 'EXPIRED' | 'FAILED' | 'GONE';
  stepsThisRun: number;
  expiresAt: string | null;
}
export const dataExportProgressQuery = defineQuery<DataExportProgress>('dataExportProgress');
