/** Written by `npm run examples:record` from requests the integration suite made and their answers; do not edit. */
export const RECORDED_EXAMPLES: Record<string, { body?: unknown; response?: unknown }> = {};
