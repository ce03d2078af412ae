-- Edit and deletion tracking: the same tables as migrations/sqlite/0004_recheck.sql, column for
-- column. Times are UTC ISO 8601 text (compared as text, byte-wise like SQLite).
CREATE TABLE checks (
    article_id          TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    next_check_at       TEXT COLLATE "C" NOT NULL,
    last_checked_at     TEXT,
    last_live_at        TEXT,
    last_change_at      TEXT,
    etag                TEXT,
    last_modified       TEXT,
    last_outcome        TEXT NOT NULL DEFAULT '',
    last_http_status    INTEGER,
    page_hash           TEXT,
    consecutive_misses  INTEGER NOT NULL DEFAULT 0,
    check_count         INTEGER NOT NULL DEFAULT 0,
    last_error          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX checks_due ON checks (next_check_at);

CREATE TABLE article_events (
    id           BIGSERIAL PRIMARY KEY,
    article_id   TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    seen_at      TEXT COLLATE "C" NOT NULL,
    version      INTEGER,
    detail       TEXT NOT NULL DEFAULT '',
    http_status  INTEGER,
    final_url    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX article_events_article ON article_events (article_id, seen_at);
CREATE INDEX article_events_kind_seen ON article_events (kind, seen_at DESC);
