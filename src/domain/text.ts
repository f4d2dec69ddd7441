/*
 * Control characters (C0, DEL and C1: Unicode's Cc) written as a plain range rather than `\p{Cc}`,
 * because these patterns also go into /openapi.json, and JSON Schema tools that generate or check
 * data from it do not all know Unicode property escapes. Matching control characters is the point
 * here, hence the lint exception.
 */
/* eslint-disable no-control-regex */
import { z } from 'zod';

/** One or more characters, none of them a control character. */
export const PRINTABLE = /^[^\u0000-\u001f\u007f-\u009f]+$/;

/** Zero or more characters, none of them a control character. */
export const PRINTABLE_OR_EMPTY = /^[^\u0000-\u001f\u007f-\u009f]*$/;

/**
 * Text of at most `max` characters as sent, trimmed, not blank. The length is checked before the
 * trim, so the documented maxLength is the one enforced: a longer value with spaces around it is
 * refused rather than accepted once trimmed.
 */
export const trimmedText = (max: number) => z.string().max(max).trim().min(1);

/** Any control character. */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** An audit action filter: printable, no `*` except one at the end (a prefix match). */
export const AUDIT_ACTION_FILTER = /^[^*\u0000-\u001f\u007f-\u009f]+\*?$/;
