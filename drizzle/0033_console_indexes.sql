-- The console's reads. The family tree lists an organisation (or a subtree) in depth-first order,
-- ancestry || id || '/', compared byte by byte ("C") whatever the database's collation; indexed, the
-- first 300 of 10,000 agents are read in order instead of sorting them all, and a subtree is the
-- range of its own prefix. A delivery's manual retries are found by retry_of (the console shows
-- "retried as", and retries a failed delivery once).
CREATE INDEX IF NOT EXISTS "agents_org_tree_order_idx" ON "agents" USING btree ("organization_id", (("ancestry" || "id" || '/') COLLATE "C"));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "webhook_deliveries_retry_of_idx" ON "webhook_deliveries" USING btree ("retry_of") WHERE "retry_of" IS NOT NULL;
