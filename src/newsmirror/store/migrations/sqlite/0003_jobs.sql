-- The work queue: one row per recurring or one-off job (fetch a source, recheck an article, ...).
-- A worker claims due rows by writing a lease (owner + expiry); a lease that expires because its
-- worker died makes the job claimable again, so nothing is lost. Times are UTC ISO 8601 text.
CREATE TABLE jobs (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    kind              TEXT NOT NULL,          -- fetch | recheck | ...
    key               TEXT NOT NULL,          -- what to work on: a source id, an article id, ...
    host              TEXT NOT NULL DEFAULT '',  -- for per-host politeness limits
    due_at            TEXT NOT NULL,
    lease_owner       TEXT,
    lease_expires_at  TEXT,
    attempts          INTEGER NOT NULL DEFAULT 0,  -- claims since the last success
    last_error        TEXT NOT NULL DEFAULT '',
    done_at           TEXT,                  -- set when a one-off job finished (or gave up)
    UNIQUE (kind, key)
);
CREATE INDEX jobs_due ON jobs (due_at) WHERE done_at IS NULL;
CREATE INDEX jobs_leased_host ON jobs (host) WHERE lease_owner IS NOT NULL;
