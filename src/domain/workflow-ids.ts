/**
 * Workflow ids are business keys: what a partner or an operator reports is what they paste into
 * the Temporal UI. Every id format lives here, for the client functions, queries and tests alike.
 */
export const workflowIds = {
  linkRequest: (request: { kind: 'invite' | 'code'; id: string }) =>
    `${request.kind === 'invite' ? 'link-invite' : 'link-code'}:${request.id}`,
  memberAutoLink: (mirUserId: string) => `member-autolink:${mirUserId}`,
  spawnApproval: (spawnRequestId: string) => `spawn-approval:${spawnRequestId}`,
  keyRotation: (agentId: string, version: number) => `key-rotate:${agentId}:${version}`,
  revokeDescendants: (rootAgentId: string, operationId: string) => `revoke-descendants:${rootAgentId}:${operationId}`,
  smoke: (pingId: string) => `smoke:${pingId}`,
  webhookDelivery: (deliveryId: string) => `webhook-delivery:${deliveryId}`,
  /** A partner's regulation of its users (POST /v1/users/regulations). */
  regulation: (regulationId: string) => `regulation:${regulationId}`,
  /** One per account: a second request, or a new one after a cancellation, meets the same workflow. */
  erasure: (accountId: string) => `erasure:${accountId}`,
  /** A person's data export (POST /v1/me/exports): one run per export. */
  dataExport: (exportId: string) => `data-export:${exportId}`,
  /** The credential issuer's key rotation to `generation`: two asks at once meet one rotation. */
  issuerKeyRotation: (generation: number) => `issuer-key-rotation:${generation}`,
  /** Mira (a second product): one pipeline run per meeting or roleplay session's meeting. */
  miraMeeting: (meetingId: string) => `mira-meeting:${meetingId}`,
};
