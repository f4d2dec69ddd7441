-- 002: a revoked agent's key hash is deleted, not recoverable. Earlier revocations kept copies.
DELETE FROM "retired_agent_keys" WHERE "reason" = 'revoked'
  OR "agent_id" IN (SELECT "id" FROM "agents" WHERE "status" = 'REVOKED');--> statement-breakpoint
DELETE FROM "agent_key_rotations" WHERE "agent_id" IN (SELECT "id" FROM "agents" WHERE "status" = 'REVOKED');--> statement-breakpoint
UPDATE "agent_spawn_requests" SET "key_hash" = NULL WHERE "status" = 'APPROVED';
