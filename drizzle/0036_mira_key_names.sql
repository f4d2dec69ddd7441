-- An operator's name for a Mira key ("reporting", "crm-sync"), to tell keys apart in the list; null for keys made without one.
ALTER TABLE "mira_api_keys" ADD COLUMN "name" text;
