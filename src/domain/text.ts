/*
 * Control characters (C0, DEL and C1: Unicode's Cc) written as a plain range rather than `\p{Cc}`,
 * because these patterns also go into /openapi.json, and JSON Schema tools that generate or check
 * data from it do not all know Unicode property escapes. Matching control characters is the point
 * here, hence the lint exception.
 */
/* eslint-disable no-control-regex */

/** One or more characters, none of them a control character. */
export const PRINTABLE = /^[^\u0000-\u001f\u007f-\u009f]+$/;

/** Zero or more characters, none of them a control character. */
export const PRINTABLE_OR_EMPTY = /^[^\u0000-\u001f\u007f-\u009f]*$/;

/** Any control character. */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** An audit action filter: printable, no `*` except one at the end (a prefix match). */
export const AUDIT_ACTION_FILTER = /^[^*\u0000-\u001f\u007f-\u009f]+\*?$/;
