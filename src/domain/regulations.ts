/**
 * Partner regulations (the shape of Segment's regulations API): a partner asks MIR to delete or
 * suppress its own users, by its own ids, up to REGULATION_MAX_USERS at a time.
 */
export const REGULATION_TYPES = ['DELETE', 'SUPPRESS', 'SUPPRESS_WITH_DELETE', 'UNSUPPRESS'] as const;
export type RegulationType = (typeof REGULATION_TYPES)[number];

export const REGULATION_STATUSES = ['RUNNING', 'COMPLETED', 'FAILED'] as const;
export type RegulationStatus = (typeof REGULATION_STATUSES)[number];

export const REGULATION_MAX_USERS = 5_000;

/** Types that remove the partner's events and decision-log rows and end the links. */
export const deletesData = (type: RegulationType) => type === 'DELETE' || type === 'SUPPRESS_WITH_DELETE';

/** Whether new events for the users are refused (true), allowed again (false), or left as they are (null). */
export function suppressionOf(type: RegulationType): boolean | null {
  if (type === 'SUPPRESS' || type === 'SUPPRESS_WITH_DELETE') return true;
  return type === 'UNSUPPRESS' ? false : null;
}

/**
 * A deletion's stages, in order; each step of one commits its rows with the regulation's count and
 * position. Links first, so a linked person stops being seen through this partner before anything
 * else; users last, once nothing of theirs is left to count.
 */
export const DELETION_STAGES = ['links', 'events', 'decisions', 'users'] as const;
export type DeletionStage = (typeof DELETION_STAGES)[number];
