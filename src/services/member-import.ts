import { z } from 'zod';
import type { Executor } from '../db/client';
import type { AuditActor } from '../db/queries/audit';
import { type ImportRow, importMembers } from '../db/queries/member-import';
import type { Role } from '../domain/roles';
import { emailField } from './account-actions';
import { ApiError } from '../domain/errors';

export const MAX_IMPORT_EMAILS = 500;

/** Request fields and the role each assigns; `emails` is the enterprise reference's synonym for `members`. */
const FIELDS = [
  { field: 'admins', role: 'ADMIN', bucket: 'admins' },
  { field: 'analysts', role: 'ANALYST', bucket: 'analysts' },
  { field: 'members', role: 'MEMBER', bucket: 'members' },
  { field: 'emails', role: 'MEMBER', bucket: 'members' },
] as const;
type Field = (typeof FIELDS)[number]['field'];
type Bucket = (typeof FIELDS)[number]['bucket'];

// Entries are strings of any shape: a bad address is counted in the results, not a 400 for the batch.
const list = z.array(z.string().max(1000)).optional();
export const importBody = z.strictObject({ members: list, emails: list, analysts: list, admins: list });
export type ImportBody = z.output<typeof importBody>;

export interface ImportError {
  field: Field;
  index: number;
  email: string;
  code: 'invalid_email';
}

export interface ImportPlan {
  rows: (ImportRow & { bucket: Bucket })[];
  duplicates: number;
  errors: ImportError[];
}

/**
 * Normalises (trim, lower-case) and validates every address, and drops repeats within the request.
 * Admins are read first, so an address listed under several roles gets the strongest one.
 */
export function planImport(body: ImportBody): ImportPlan {
  const total = FIELDS.reduce((n, f) => n + (body[f.field]?.length ?? 0), 0);
  if (total > MAX_IMPORT_EMAILS) {
    throw new ApiError('too_many_emails', `At most ${MAX_IMPORT_EMAILS} emails per request (got ${total})`, {
      max: MAX_IMPORT_EMAILS,
      received: total,
    });
  }
  const seen = new Set<string>();
  const plan: ImportPlan = { rows: [], duplicates: 0, errors: [] };
  for (const { field, role, bucket } of FIELDS) {
    (body[field] ?? []).forEach((raw, index) => {
      const parsed = emailField.safeParse(raw);
      if (!parsed.success) {
        plan.errors.push({ field, index, email: raw, code: 'invalid_email' });
        return;
      }
      if (seen.has(parsed.data)) {
        plan.duplicates += 1;
        return;
      }
      seen.add(parsed.data);
      plan.rows.push({ email: parsed.data, role: role as Role, bucket });
    });
  }
  return plan;
}

export const importResults = z.object({
  imported: z.number().int(),
  alreadyImported: z.number().int(),
  autoLinked: z.number().int(),
  invalid: z.number().int(),
  byRole: z.object({ members: z.number().int(), analysts: z.number().int(), admins: z.number().int() }),
  errors: z.array(
    z.object({ field: z.string(), index: z.number().int(), email: z.string(), code: z.literal('invalid_email') }),
  ),
});
export type ImportResults = z.output<typeof importResults>;

export function summarise(
  plan: ImportPlan,
  imported: readonly { email: string; status: 'PENDING' | 'CLAIMED' }[],
): ImportResults {
  const bucketOf = new Map(plan.rows.map((r) => [r.email, r.bucket]));
  const byRole = { members: 0, analysts: 0, admins: 0 };
  for (const row of imported) byRole[bucketOf.get(row.email) ?? 'members'] += 1;
  return {
    imported: imported.length,
    alreadyImported: plan.duplicates + (plan.rows.length - imported.length),
    autoLinked: imported.filter((r) => r.status === 'CLAIMED').length,
    invalid: plan.errors.length,
    byRole,
    errors: plan.errors,
  };
}

/**
 * An import as POST /enterprise/api/members/import and the console's form make it. `strict` (the
 * console) refuses the whole batch when any address is invalid, before anything is written, so a
 * person fixes the list rather than re-sending part of it.
 */
export async function importMemberEmails(
  db: Executor,
  params: {
    organizationId: string;
    body: ImportBody;
    importSource: 'api' | 'console';
    actor: AuditActor;
    requestId: string | null;
    strict?: boolean;
  },
): Promise<ImportResults> {
  const plan = planImport(params.body);
  if (params.strict && plan.errors.length > 0) return summarise(plan, []);
  const imported = await importMembers(db, { ...params, rows: plan.rows });
  return summarise(plan, imported);
}
