-- The work queue (see migrations/sqlite/0003_jobs.sql). Workers on any machine claim due rows with
-- SELECT ... FOR UPDATE SKIP LOCKED and hold them by a lease that expires if the worker dies.
CREATE TABLE jobs (
    id                BIGSERIAL PRIMARY KEY,
    kind              TEXT NOT NULL,
    key               TEXT NOT NULL,
    host              TEXT NOT NULL DEFAULT '',
    due_at            TIMESTAMPTZ NOT NULL,
    lease_owner       TEXT,
    lease_expires_at  TIMESTAMPTZ,
    attempts          INTEGER NOT NULL DEFAULT 0,
    last_error        TEXT NOT NULL DEFAULT '',
    done_at           TIMESTAMPTZ,
    UNIQUE (kind, key)
);
CREATE INDEX jobs_due ON jobs (due_at) WHERE done_at IS NULL;
CREATE INDEX jobs_leased_host ON jobs (host) WHERE lease_owner IS NOT NULL;
