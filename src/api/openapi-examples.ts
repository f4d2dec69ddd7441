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

const ISO_INSTANT = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g;
type Recorded = Record<string, { recordedAt: string; body?: unknown; response?: unknown }>;

/**
 * Examples the integration suite recorded (npm run examples:record), each instant moved to the same
 * whole minutes from now as it was from its recording: they read, and are accepted, as fresh ones,
 * like the hand-written examples (so the generated docs and .http files do not change with the clock).
 */
export function freshFromRecording(examples: Recorded): Record<string, { body?: unknown; response?: unknown }> {
  const now = Date.now();
  const shift = (value: unknown, at: number): unknown => {
    // Inside a sentence too ("every delivery failed since …").
    if (typeof value === 'string')
      return value.replace(ISO_INSTANT, (t) =>
        new Date(now + Math.round((Date.parse(t) - at) / 60_000) * 60_000).toISOString(),
      );
    if (Array.isArray(value)) return value.map((v) => shift(v, at));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shift(v, at)]));
    return value;
  };
  return Object.fromEntries(
    Object.entries(examples).map(([id, { recordedAt, ...example }]) => [
      id,
      shift(example, Date.parse(recordedAt)) as object,
    ]),
  );
}
