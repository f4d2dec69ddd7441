export const SIGNIFICANCES = ['low', 'normal', 'high'] as const;
export type Significance = (typeof SIGNIFICANCES)[number];

const SEGMENT = '[a-z][a-z0-9_]*';
/** `category.action`, with the `mir.` prefix already removed. */
export const EVENT_TYPE = new RegExp(`^${SEGMENT}\\.${SEGMENT}$`);
/*
 * The same shapes as written by a client, `mir.` prefix allowed: checked before normalising, so
 * /openapi.json (which shows a schema's input side) states exactly what is accepted.
 */
export const EVENT_TYPE_INPUT = new RegExp(`^(?:mir\\.)?${SEGMENT}\\.${SEGMENT}$`);
export const TYPE_FILTER_INPUT = new RegExp(`^(?:mir\\.)?${SEGMENT}\\.(?:${SEGMENT}|\\*)$`);
export const EVENT_PATTERN_INPUT = new RegExp(`^(?:mir\\.)?${SEGMENT}\\.\\*$`);
const TYPE_PATTERN = new RegExp(`^(?:${SEGMENT}\\.${SEGMENT}|${SEGMENT}\\.\\*)$`);

export const EVENT_DATA_MAX_BYTES = 16 * 1024;
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;
export const BULK_MAX_EVENTS = 500;

/** `mir.review.posted` and `review.posted` are one type everywhere: storage, filters, allowlists. */
export function normalizeEventType(type: string): string {
  return type.startsWith('mir.') ? type.slice(4) : type;
}

export function isEventType(type: string): boolean {
  return EVENT_TYPE.test(normalizeEventType(type));
}

export type TypeFilter = { exact: string } | { prefix: string };

/** `review.posted` matches exactly; `review.*` matches every action of the category. Null if malformed. */
export function parseTypeFilter(pattern: string): TypeFilter | null {
  const normalized = normalizeEventType(pattern);
  if (!TYPE_PATTERN.test(normalized)) return null;
  return normalized.endsWith('.*') ? { prefix: normalized.slice(0, -1) } : { exact: normalized };
}
