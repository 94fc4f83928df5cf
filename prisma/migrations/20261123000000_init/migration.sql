-- Tenancy tree, users and job heartbeats.
-- The application connects as the role tipei_app (created by scripts/setup/db.sh), which owns
-- nothing and has no BYPASSRLS; every table granted here is reached through it.

CREATE TYPE "AuthorityLevel" AS ENUM ('PROVINCE', 'CITY', 'DISTRICT');

CREATE TABLE "authority" (
    "id"         UUID NOT NULL DEFAULT gen_random_uuid(),
    "parent_id"  UUID,
    "level"      "AuthorityLevel" NOT NULL,
    "code"       VARCHAR(12) NOT NULL,
    "slug"       VARCHAR(64) NOT NULL,
    "name"       VARCHAR(100) NOT NULL,
    "name_en"    VARCHAR(100) NOT NULL,
    "settings"   JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "authority_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "authority_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "authority"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    -- A province has no parent; every city and district has one.
    CONSTRAINT "authority_parent_by_level" CHECK (("level" = 'PROVINCE') = ("parent_id" IS NULL)),
    CONSTRAINT "authority_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
CREATE UNIQUE INDEX "authority_code_key" ON "authority"("code");
CREATE UNIQUE INDEX "authority_slug_key" ON "authority"("slug");
CREATE INDEX "authority_parent_id_idx" ON "authority"("parent_id");

CREATE TABLE "app_user" (
    "id"           UUID NOT NULL DEFAULT gen_random_uuid(),
    "email"        VARCHAR(254) NOT NULL,
    "display_name" VARCHAR(100) NOT NULL,
    "phone"        VARCHAR(20),
    "locale"       VARCHAR(10) NOT NULL DEFAULT 'zh-CN',
    "created_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"   TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "app_user_email_lowercase" CHECK ("email" = lower("email")),
    CONSTRAINT "app_user_locale_known" CHECK ("locale" IN ('zh-CN', 'en'))
);
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

CREATE TABLE "job_heartbeat" (
    "name"        VARCHAR(64) NOT NULL,
    "last_run_at" TIMESTAMPTZ(3) NOT NULL,
    "run_count"   INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "job_heartbeat_pkey" PRIMARY KEY ("name")
);

GRANT USAGE ON SCHEMA public TO tipei_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "authority", "app_user", "job_heartbeat" TO tipei_app;
