/** Every error code the API can answer with, and its HTTP status: the one place they are mapped. */
export const ERROR_STATUS = {
  invalid_json: 400,
  validation_failed: 400,
  guardrail_violation: 400,
  idempotency_key_required: 400,
  bulk_limit_exceeded: 400,
  invalid_token: 400,
  invalid_code: 400,
  too_many_emails: 400,
  organization_required: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  agent_suspended: 401,
  agent_revoked: 401,
  agent_pending_approval: 401,
  ancestor_inactive: 401,
  forbidden: 403,
  email_not_verified: 403,
  plan_required: 403,
  role_required: 403,
  permission_denied: 403,
  agent_auth_required: 403,
  agent_key_required: 403,
  event_type_not_allowed: 403,
  spawn_disabled: 403,
  max_depth_exceeded: 403,
  escalation_denied: 403,
  parent_not_active: 403,
  spawn_quota_exceeded: 403,
  not_found: 404,
  user_not_found: 404,
  agent_not_found: 404,
  spawn_request_not_found: 404,
  revocation_not_found: 404,
  invite_not_found: 404,
  unknown_action: 404,
  webhook_not_found: 404,
  delivery_not_found: 404,
  regulation_not_found: 404,
  organization_not_found: 404,
  member_not_found: 404,
  method_not_allowed: 405,
  idempotency_request_in_progress: 409,
  agent_external_id_taken: 409,
  invalid_state: 409,
  already_linked: 409,
  user_suppressed: 409,
  last_owner: 409,
  last_owner_key: 409,
  link_request_gone: 410,
  export_expired: 410,
  request_timeout: 408,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  webhook_url_refused: 422,
  headers_too_large: 431,
  rate_limited: 429,
  too_many_attempts: 429,
  internal_error: 500,
  not_ready: 503,
  worker_unavailable: 503,
  overloaded: 503,
  timeout: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown; requestId: string };
}

export const agentNotFound = (id: string) => new ApiError('agent_not_found', `Agent ${id} not found`);

/** A partner submitted an event for a user it suppressed (a SUPPRESS regulation), until it unsuppresses them. */
export const userSuppressed = (userId: string) =>
  new ApiError('user_suppressed', 'Your organization suppressed this user: unsuppress them to submit events again', {
    userId,
  });

/** A partner asked to link (invite or code) a user whose MIR account is linked already. */
export const userAlreadyLinked = () => new ApiError('already_linked', 'This user has already linked their MIR account');

export function errorBody(err: ApiError, requestId: string): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.details === undefined ? {} : { details: err.details }),
      requestId,
    },
  };
}
