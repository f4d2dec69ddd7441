-- Who spoke: a meeting may say which transcript speaker is the rep ({"Alex": "rep"}); null lets Mira tell.
ALTER TABLE "mira_meetings" ADD COLUMN "speakers" jsonb;--> statement-breakpoint
-- The competitor and product names an organisation tracks in its calls (PUT /api/v1/settings/trackers).
CREATE TABLE "mira_trackers" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"competitors" jsonb NOT NULL,
	"products" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mira_trackers" ADD CONSTRAINT "mira_trackers_organization_id_mira_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."mira_organizations"("id") ON DELETE cascade ON UPDATE no action;
