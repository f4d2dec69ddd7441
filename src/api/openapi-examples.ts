/**
 * Example values for /openapi.json. Dates are computed when the routes load, a few minutes in the
 * past, so an example event is always accepted (occurredAt may not be in the future) and reads like
 * a real one; ids carry the prefixes the API gives them.
 */
export const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();

/** One user of a partner's platform, named the same in every example so they chain (event, resolve, link). */
export const EXAMPLE_USER = 'user_48213';

/** An OpenAPI media type's `examples` (which Swagger UI shows and schemathesis replays), or nothing. */
export const examplesOf = (value: unknown): { examples?: Record<string, { value: unknown }> } =>
  value === undefined ? {} : { examples: { default: { value } } };
