-- One outbox for every workflow start that follows a committed change (docs/adr/0006): the row is
-- written in the change's own transaction and the worker's dispatcher starts the workflow, then
-- deletes the row. A row holds the workflow's type, business-key id, arguments (ids and times,
-- never a secret) and search attributes; its task queue is the writer's TEMPORAL_TASK_QUEUE, which
-- every MIR pool sets on its connections as `mir.task_queue` (a pool without it cannot write here).
CREATE TABLE "workflow_starts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workflow_type" text NOT NULL,
	"workflow_id" text NOT NULL,
	"args" jsonb NOT NULL,
	"search_attributes" jsonb NOT NULL,
	"task_queue" text DEFAULT current_setting('mir.task_queue') NOT NULL,
	"trace_context" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
-- One waiting start per workflow: a second one (a retried request) is the same start.
CREATE UNIQUE INDEX "workflow_starts_workflow_id_idx" ON "workflow_starts" USING btree ("workflow_id");--> statement-breakpoint
CREATE INDEX "workflow_starts_due_idx" ON "workflow_starts" USING btree ("task_queue","next_attempt_at");--> statement-breakpoint
-- Wakes the dispatchers at the commit of any insert (Postgres folds repeats within a transaction).
CREATE FUNCTION mir_notify_workflow_starts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('mir_workflow_starts', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER workflow_starts_notify AFTER INSERT ON workflow_starts
  FOR EACH STATEMENT EXECUTE FUNCTION mir_notify_workflow_starts();
--> statement-breakpoint
-- What the two outboxes this one replaces still held. Their writers' queues are not all known
-- (a meeting never kept one): such rows go to the default queue `mir`; a deployment on another
-- queue moves them with `update workflow_starts set task_queue = '<its queue>'`.
INSERT INTO "workflow_starts" ("workflow_type", "workflow_id", "args", "search_attributes", "task_queue", "created_at")
SELECT 'webhookDeliveryWorkflow', 'webhook-delivery:' || d.id,
  jsonb_build_object('deliveryId', d.id, 'organizationId', d.organization_id, 'endpointId', d.endpoint_id,
    'eventType', d.event_type),
  jsonb_build_object('MirOrgId', d.organization_id, 'MirOperation', 'webhook'),
  coalesce(d.task_queue, 'mir'), d.created_at
FROM "webhook_deliveries" d WHERE d.dispatched_at IS NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "workflow_starts" ("workflow_type", "workflow_id", "args", "search_attributes", "task_queue", "created_at")
SELECT 'miraMeetingWorkflow', 'mira-meeting:' || m.id,
  jsonb_build_object('meetingId', m.id, 'organizationId', m.organization_id, 'source', m.source),
  jsonb_build_object('MirOrgId', 'none', 'MiraOrgId', m.organization_id, 'MirOperation', 'mira-meeting'),
  'mir', m.created_at
FROM "mira_meetings" m WHERE m.workflow_started_at IS NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Their indexes go with them.
ALTER TABLE "webhook_deliveries" DROP COLUMN "dispatched_at";--> statement-breakpoint
ALTER TABLE "webhook_deliveries" DROP COLUMN "task_queue";--> statement-breakpoint
ALTER TABLE "mira_meetings" DROP COLUMN "workflow_started_at";
