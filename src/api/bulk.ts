import type { PartnerPrincipal } from '../domain/principals';
import { ApiError } from '../domain/errors';

/** An agent's maxBulkItems caps every bulk endpoint below the endpoint's own maximum. */
export function assertBulkCap(principal: PartnerPrincipal, received: number): void {
  const cap = principal.agent?.maxBulkItems;
  if (cap != null && received > cap) {
    throw new ApiError('bulk_limit_exceeded', `This agent may send at most ${cap} items per bulk request`, {
      maxBulkItems: cap,
      received,
    });
  }
}
