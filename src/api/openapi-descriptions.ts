/**
 * A description for each operation of /openapi.json beyond its one-line summary: who may call it,
 * what it changes and what to do next. Kept beside each other rather than in the route files while
 * several hands edit those (a route's own `description` wins); openapi-operations.test.ts fails
 * for an operation without one.
 */
export const DESCRIPTIONS: Record<string, string> = {
  listEvents:
    'Cursor-paginated (`limit` ≤ 100, `cursor` from `nextCursor`), filtered by `userId`, `type` and a `from`/`to` time range. Pages cost the same at any depth and any table size. Needs `events:read`.',
  evaluatePolicyBulk:
    'Each item is evaluated as `POST /policy/evaluate` would, in order, and answered in the same position: a decision or an error item with its code. Every decision is logged. Needs `policy:read`.',
  getHealth: 'Answers 200 while the process runs, without touching Postgres or Temporal: for a liveness probe.',
  getReadiness:
    'Answers 200 when Postgres and Temporal both answer, else 503 naming which is down: for a readiness probe and load balancers.',
  adminCreateOrganization:
    'Operator token only. `plan` decides what the organisation may use (agents and members need `enterprise`). With `ownerEmail`, the person at that address becomes its OWNER member once their address is verified. Store `apiKey` now: only its hash is kept.',
  adminCreateOrganizationKey:
    'Operator token only; partners create keys themselves with `POST /portal/api/keys`. The key is shown once; `id` names it for rotation and revocation.',
  adminRevokeOrganizationKey: 'Operator token only. Revoking an already revoked key answers it again.',
  adminUpdateOrganizationLimits:
    'Operator token only. `null` returns the organisation to the default limit; the new limit applies from the next request on every API process.',
  adminGetRuntime:
    'Operator token only. Which database (host, port, name), Temporal address, namespace and task queue this process uses, and its version: `npm run mir -- doctor` compares them with its own settings.',
  adminRunDiagnosticWorkflow:
    'Operator token only. Starts a smoke workflow, waits for the worker to run its activity against Postgres, and answers its id and result: the quickest end-to-end check of a deployment.',
  adminMeasureArgon2:
    'Operator token only. How many password hashes this process has computed and the most it ran at once, to check the concurrency cap under load.',
  adminCreateMiraOrganization:
    'Operator token only. The Mira (coaching) organisation and its first `mira_live_` key, shown once.',
  adminCreateMiraKey:
    'Operator token only. `readOnly: true` makes a key that can read but never write; `rateLimitPerMinute` gives it a limit of its own (absent or null: the server default, MIRA_KEY_RATE_LIMIT_PER_MINUTE).',
  adminListMiraKeys:
    'Operator token only. Each key with its id, prefix, permissions, when it was created, last used (to about a minute) and revoked, its own rate limit (null: the default) and the limit in effect; never the key or its hash. Revoke one with adminRevokeMiraKey.',
  adminUpdateMiraKey:
    "Operator token only. `rateLimitPerMinute` (1 to 100000000) gives the key a limit of its own, null returns it to the server default; every API process counts the key's next request against the new limit, in RateLimit-Limit and RateLimit-Policy too. Sending the same value again changes nothing. An id that is not one of the organisation's keys is 404 and changes nothing.",
  adminRevokeMiraKey:
    'Operator token only. The key is refused (401) from the next request on every API process; revoking it again answers 200 with the first revocation time. An id that is not one of the organisation\'s keys is 404 and changes nothing.',
  adminListSpawnRequests:
    'Operator token only. Every organisation, or one with `organizationId`; filter by `status`. For an operator who decides requests from the CLI.',
  adminApproveSpawnRequest:
    'Operator token only. `operator` names the person deciding (the token names nobody); the decision goes through the approval workflow, so a concurrent decision loses with 409 `invalid_state`.',
  adminRejectSpawnRequest:
    'Operator token only. `operator` names the person deciding, `reason` is recorded and sent in `agent.spawn.decided`.',
  adminGetRevocation:
    'Operator token only. The same answer as `GET /v1/agents/revocations/:operationId`, for any organisation.',
  getAgentTree:
    'Each node carries its status, depth and children; a page of roots is cursor-paginated. With `rootAgentId`, that agent and its descendants only. Needs an OWNER or ADMIN key or member, on the enterprise plan.',
  getAgentLineage:
    'The chain of ancestors from the root to this agent, and its direct children: to see who spawned what before suspending or revoking.',
  listSpawnRequests:
    'At most `limit`, newest first; `status` filters (`PENDING_APPROVAL`, `APPROVED`, `REJECTED`, `EXPIRED`). Each request shows what the child asks for, why it needs approval, who asked and its deadline.',
  getSpawnRequest:
    'Its status, the child it would create, the approval reasons, the requester, the decider and the deadline.',
  approveSpawnRequest:
    'Decided through the spawn-approval workflow: the child agent is created ACTIVE and its key works from this answer. The requester (agent, key or person) can never decide its own request; a second decision is 409 `invalid_state`.',
  rejectSpawnRequest:
    'Decided through the spawn-approval workflow; the child never exists and its key never works. `reason` is recorded and sent in `agent.spawn.decided`.',
  revokeAgentDescendants:
    'Irreversible. The whole family fails authentication from this answer on, on every API process; a workflow then records each revocation and reports progress at `GET /v1/agents/revocations/:operationId`. Pulling it twice answers the running operation.',
  getRevocation:
    'How many agents the kill switch covers and how many are recorded as revoked so far, and whether it is complete.',
  spawnAgent:
    "The child gets at most its parent's permissions, allowlists and limits, never more, and a depth one deeper. Within the organisation's spawn policy the child is ACTIVE at once (201); beyond it (depth, permissions) the answer is 202 with a spawn request that an OWNER or ADMIN decides, and the child's key works only once approved.",
  listAgents: 'Cursor-paginated, newest first; revoked agents only with `includeRevoked=true`. Keys are never shown.',
  getCurrentAgent: 'For an agent to read its own id, permissions, limits and lineage with its own key.',
  getAgent: 'Its type, status, permissions, allowlists, limits, parent, depth and key version (never the key).',
  updateAgent:
    "Only the fields sent change. Permissions may only narrow below the parent's (never widen): a change that would exceed them is 403 `escalation_denied`. Audited.",
  suspendAgent:
    'Reversible: the key is refused (401 `agent_suspended`) from this answer on, and its descendants with it (401 `ancestor_inactive`), until reactivated.',
  reactivateAgent:
    'The key works again from this answer, and so do its descendants unless they are suspended themselves.',
  revokeAgent:
    'Irreversible: the key hash is deleted and the agent answers 401 `agent_revoked`; its descendants are refused with `ancestor_inactive`. To revoke a whole family and record each, use the kill switch.',
  rotateAgentKey:
    'A rotation workflow swaps the key; the old key is refused from this answer on. The new key is shown once. A rotation already under way is 409 `invalid_state`.',
  getSettings:
    'Agent auth enforcement, the spawn policy, agent rate limits, link-invite lifetime and allowed redirect origins, as they are now.',
  updateSettings:
    'Only the fields sent change; each change is audited and applies to the next request on every API process. Reachable with a partner key even when agent auth is enforced, so an owner can always turn it off.',
  listApiKeys:
    'Each key with its id, name, role, creation time and when it was last used (updated at most once a minute). The key itself is never shown after its creation.',
  createApiKey:
    'OWNER and ADMIN; only an OWNER creates, revokes or rotates an OWNER key. The key is shown once; store it now. Send an `Idempotency-Key` so a retry does not create a second key.',
  revokeApiKey:
    'Refused from the next request on every API process. The last OWNER key cannot be revoked (409 `last_owner_key`): create another first.',
  rotateApiKey: 'The new key keeps the name and role and is shown once; the old key is refused from this answer on.',
  listAuditEntries:
    'Who did what: actor (key, agent, person or operator), action, target and details. Filter by `action`, `targetId`, `actorType` and a `from`/`to` time range; cursor-paginated. Needs `audit:read`.',
  getPolicyHealth: 'Answers 200 with a valid key: a cheap check that your key and the Policy API work.',
  listPolicyActions:
    'Each action with its effective configuration: required tier, minimum events, recency and what to answer on failure (`deny`, `step_up` or `limit`).',
  getPolicyAction:
    'The configuration `POST /policy/evaluate` applies to this action, defaults merged with your overrides.',
  listPolicyDecisions:
    'Every evaluation with the actor, action, inputs, outcome and reasons, newest first; filter by `decision`, `action`, `actor_id` and a `from`/`to` time range. Kept `MIR_DECISION_RETENTION_DAYS` (90 by default). Needs `audit:read`.',
  adminSetPolicyAction:
    'Operator token only. A custom action, or an override of a default one; applies to the next evaluation on every API process.',
  adminDeletePolicyAction: 'Operator token only. The default configuration applies again from the next evaluation.',
  adminGetOutbox:
    'Development only (no `SMTP_URL`): the mails MIR would have sent to `to`, newest first, with their text, so a developer can read verification and link mails.',
  adminGetWebhookOutbox:
    'Operator token only. What waits to be delivered and what is being retried, with the last error: to see a stuck endpoint.',
  adminListWorkflowStarts:
    'Operator token only. Starts recorded with their transaction and not yet taken by a worker, with their last error: a stopped worker shows here first.',
  signUp:
    'For a person, not a partner. The password is stored as an argon2id hash. A verification mail follows; the account can link to partners once the address is verified. An address that already has an account gets the same answer (and its owner a mail saying so), so sign-ups do not reveal who has an account.',
  verifyEmail:
    'The token from the verification mail, with the account password (or a session of the account). Verification ends the account’s other sessions and starts claiming any member invites for the address.',
  resendVerificationEmail:
    'A new token replaces the old one; at most one mail every 5 minutes (429 `too_many_attempts` with `Retry-After`).',
  logIn:
    'Answers a session token (send it as `Authorization: Bearer`) and sets it as an HttpOnly `mir_session` cookie. Repeated wrong passwords are throttled (429 `too_many_attempts` with `Retry-After`).',
  logOut: 'The session token is refused from this answer on; other sessions stay.',
  getMe: 'The account’s id, address, whether it is verified and when it was created.',
  requestPasswordReset:
    'Always 202, whether or not the address has an account. The mail holds a single-use token valid for an hour.',
  confirmPasswordReset:
    'The token from the mail and the new password; every session of the account ends, so log in again.',
  getLinkStatus:
    'For `userId` (your own id for the user): whether the person linked their MIR account to you, when, and any invite still waiting. Needs `users:resolve`; the person sees the lookup in their access log.',
  listMyLinks: 'Each partner you linked, with when and how (invite or code). Ended links are not listed.',
  unlinkMyPartner:
    'The partner is told (`link.removed`) and no longer sees your history from other partners; the events it sent about you stay with it.',
  requestMyErasure:
    'Needs your password. Partners are told at once (`user.erasure_scheduled`) and stop seeing your history; after the grace period everything MIR holds about you is deleted and each partner is told (`user.erased`).',
  getMyErasure: 'Scheduled, cancelled or erased, with when it erases and what it counted.',
  cancelMyErasure:
    'Only during the grace period; your links come back as they were and partners are told (`user.erasure_cancelled`).',
  getMyHistory:
    'Your tier, event count, partner count and recency as a partner’s resolve would answer, and per linked partner what it holds about you.',
  getMyAccessLog:
    'Who looked you up, when, and for what (resolve, evaluate, link status, credential verification); cursor-paginated.',
  listMyMemberships: 'Each organisation with your member role and since when.',
  leaveMyMembership:
    'The organisation no longer lists you and is told (audit `member.left`); its later imports of your address do not add you back.',
  createMyExport:
    'A workflow writes everything MIR holds about you (account, links, events, decisions, audit entries, access log, credentials) to one JSON document; you are mailed when it is ready. Asking while one is being written answers that one.',
  getMyExport: 'Its status (`PENDING`, `READY`, `EXPIRED`, `FAILED`), size and expiry.',
  downloadMyExport: 'The JSON document as an attachment, while the export is READY (410 `export_expired` after).',
  issueMyCredential:
    'Choose which claims to disclose (`tier`, `eventCount`, `partnerCount`, `lastActivityMonth`; default `tier`) and its lifetime (`expiresInDays`, 1–90, default 30); it is signed by MIR’s issuer key and you can revoke it at any time.',
  listMyCredentials: 'Each credential with what it disclosed, when it expires and whether you revoked it.',
  revokeMyCredential:
    'Its bit in the status list is set: every verifier refuses it once its cached list expires (within a minute).',
  listMyCredentialVerifications: 'Which partner verified which credential, and when.',
  getIssuerMetadata: 'For verifiers (SD-JWT VC issuer metadata): the issuer identifier and its JWKS.',
  getIssuerKeys:
    'Keys are published before they sign and kept while any credential they signed is valid; cache by `kid`.',
  getStatusList:
    'A signed list with one bit per credential; verifiers fetch it by the `status_list.uri` in the credential.',
  verifyClaim:
    'Checks signature, issuer, expiry and revocation status and answers the disclosed claims with `VALID`, or why not. The person sees the verification in their list. Needs `claims:write`.',
  listClaims: 'Credentials your organisation verified, with their outcome and disclosed claims; needs `claims:read`.',
  redeemLinkCode:
    'The code a partner showed you (from `POST /partners/link/code`); the partner is told (`link.confirmed`) and from then on sees your history. Needs a verified address.',
  importMembers:
    'Addresses by role (`members` or `emails`, `admins`, `analysts`). Each becomes an invite; a person whose address is already verified becomes a member at once, the others when they verify. Needs an OWNER or ADMIN, enterprise plan; audited.',
  listMemberInvites:
    'Each invite with its address, role and status (`PENDING`, `CLAIMED`, `REMOVED`); cursor-paginated.',
  cancelMemberInvite: 'A pending invite is removed; a claimed one ends that membership too. Audited.',
  listMembers: 'Each member with their role and since when; never their MIR account id.',
  updateMemberRole: 'OWNER only. Audited; the organisation always keeps at least one OWNER (409 `last_owner`).',
  listWebhooks: 'Each endpoint with its URL, event types, state and why it was disabled; never the secret.',
  getWebhook: 'Its URL, event types, state and last delivery; never the secret.',
  updateWebhook:
    'Only the fields sent change; `enabled: true` starts delivering again an endpoint that was disabled after failures.',
  deleteWebhook: 'The endpoint stops receiving from this answer on; pending deliveries are dropped.',
  rotateWebhookSecret:
    'Messages are signed with both secrets during the overlap (two `v1,` signatures), so a receiver can switch without losing one.',
  listWebhookDeliveries:
    'Each delivery with its event type, status (`PENDING`, `SUCCEEDED`, `FAILED`), attempts (time, HTTP status, latency) and next attempt; cursor-paginated.',
  retryWebhookDelivery:
    'For a failed or given-up delivery: a new delivery of the same message, with the same `webhook-id` so your receiver can drop a duplicate.',
  testWebhook: 'A `webhook.test` message, signed like any other, to check your receiver end to end.',
  createRegulation:
    '`DELETE` removes the users’ events and decisions in a workflow and reports progress; `SUPPRESS` refuses their new events (409 `user_suppressed`) from this answer on; `SUPPRESS_WITH_DELETE` does both; `UNSUPPRESS` lifts a suppression. Needs `users:delete`.',
  listRegulations: 'Each regulation with its type, status and counts; cursor-paginated.',
  getRegulation: 'How many events, decisions and links it has deleted or ended so far, and whether it finished.',
  listSuppressions: 'Cursor-paginated; lift one with an `UNSUPPRESS` regulation.',
};
