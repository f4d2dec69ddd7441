import { WEBHOOK_EXAMPLES } from '../../src/api/schemas/webhook-examples';
import { WEBHOOK_EVENT_DATA, webhookEventSchema } from '../../src/api/schemas/webhook-events';
import type { AnyWebhookEventType } from '../../src/domain/webhooks';

describe('sample webhook payloads (docs/api-reference.md, /openapi.json)', () => {
  it.each(Object.keys(WEBHOOK_EVENT_DATA) as AnyWebhookEventType[])(
    '%s: the sample is what its schema sends',
    (type) => {
      const sample = { type, timestamp: '2026-12-01T12:00:00.000Z', data: WEBHOOK_EXAMPLES[type] };
      const parsed = webhookEventSchema(type).safeParse(sample);
      expect(parsed.error?.issues ?? []).toEqual([]);
      // Parsing drops a field the schema does not know: a sample with one would differ here.
      expect(parsed.data).toEqual(sample);
    },
  );
});
