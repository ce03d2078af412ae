-- Edit and deletion tracking. Times are UTC ISO 8601 so they compare as text.

-- One row per article that has been re-checked at least once: when to look again and what
-- the last look saw. Articles without a row are checked for the first time soon after
-- they were first seen.
CREATE TABLE checks (
    article_id          TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    next_check_at       TEXT NOT NULL,
    last_checked_at     TEXT,
    last_live_at        TEXT,                       -- last time the page still had the article
    last_change_at      TEXT,                       -- last edit, deletion or restoration
    etag                TEXT,
    last_modified       TEXT,
    last_outcome        TEXT NOT NULL DEFAULT '',   -- unchanged|edited|deleted|restored|baseline|error
    last_http_status    INTEGER,
    page_hash           TEXT,                       -- fingerprint of the article as the page showed it
    consecutive_misses  INTEGER NOT NULL DEFAULT 0, -- failed or inconclusive checks in a row
    check_count         INTEGER NOT NULL DEFAULT 0,
    last_error          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX checks_due ON checks (next_check_at);

-- What happened to an article and when: edited, deleted, restored. Unchanged checks leave
-- no row here (they would grow without bound); checks.check_count and last_checked_at tell them.
CREATE TABLE article_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id   TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    seen_at      TEXT NOT NULL,
    version      INTEGER,                   -- the article's version number after the event
    detail       TEXT NOT NULL DEFAULT '',  -- for people: "HTTP 410", "redirected to ...", a diff summary
    http_status  INTEGER,
    final_url    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX article_events_article ON article_events (article_id, seen_at);
CREATE INDEX article_events_kind_seen ON article_events (kind, seen_at DESC);
