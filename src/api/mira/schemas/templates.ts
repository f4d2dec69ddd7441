import { z } from 'zod';
import { CALL_TYPES, COACHING_TONES } from '../../../domain/mira/types';
import { trimmedText } from '../../../domain/text';
import { textField } from './common';

const WEIGHT_TOTAL = 100;

const criterion = z.strictObject({
  name: textField(200),
  weight: z.number().positive('must be positive').max(WEIGHT_TOTAL),
  description: z.string().max(2000).optional(),
});

/** 1-20 criteria, names unique (ignoring case), positive weights summing to 100. */
export const gradingCriteria = z
  .array(criterion)
  .min(1, 'needs at least 1 criterion')
  .max(20, 'takes at most 20 criteria')
  .superRefine((criteria, ctx) => {
    const seen = new Set<string>();
    criteria.forEach((c, i) => {
      const key = c.name.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate criterion name "${c.name}"` });
      seen.add(key);
    });
    const total = criteria.reduce((n, c) => n + c.weight, 0);
    if (Math.abs(total - WEIGHT_TOTAL) > 1e-6) {
      ctx.addIssue({ code: 'custom', message: `weights must sum to ${WEIGHT_TOTAL} (they sum to ${total})` });
    }
  });

const fields = {
  name: textField(200),
  prompt_template: trimmedText(20_000),
  grading_criteria: gradingCriteria,
  description: z.string().max(5000).nullable().optional(),
  coaching_tone: z.enum(COACHING_TONES),
  call_type: z.enum(CALL_TYPES),
  industry_context: z.string().max(5000).nullable().optional(),
};

export const createTemplateBody = z.strictObject({
  ...fields,
  coaching_tone: fields.coaching_tone.default('encouraging'),
  call_type: fields.call_type.default('general'),
});

export const updateTemplateBody = z
  .strictObject({
    name: fields.name.optional(),
    prompt_template: fields.prompt_template.optional(),
    grading_criteria: fields.grading_criteria.optional(),
    description: fields.description,
    coaching_tone: fields.coaching_tone.optional(),
    call_type: fields.call_type.optional(),
    industry_context: fields.industry_context,
    is_active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one field to change' });

type Update = z.output<typeof updateTemplateBody>;

/** The body's fields in the table's names, only those given. */
export function templateChanges(b: Update) {
  const pairs = {
    name: b.name,
    promptTemplate: b.prompt_template,
    gradingCriteria: b.grading_criteria,
    description: b.description,
    coachingTone: b.coaching_tone,
    callType: b.call_type,
    industryContext: b.industry_context,
    isActive: b.is_active,
  };
  return Object.fromEntries(Object.entries(pairs).filter(([, v]) => v !== undefined));
}
