-- The same tables as migrations/sqlite/0001_core.sql, column for column, so `newsmirror migrate`
-- copies rows unchanged. Timestamps stay ISO 8601 text (they keep the outlet's UTC offset);
-- only published_utc is a real timestamptz because every listing orders and filters by it.
-- Identifiers sort byte-wise (COLLATE "C") as in SQLite, whatever the database's locale.
CREATE TABLE articles (
    id             TEXT COLLATE "C" PRIMARY KEY,
    outlet         TEXT NOT NULL,
    title          TEXT NOT NULL,
    original_url   TEXT NOT NULL,
    canonical_url  TEXT NOT NULL,
    published_at   TEXT,
    published_utc  TIMESTAMPTZ,
    fetched_at     TEXT NOT NULL,
    first_seen_at  TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    authors        TEXT NOT NULL DEFAULT '[]',
    editors        TEXT NOT NULL DEFAULT '[]',
    images         TEXT NOT NULL DEFAULT '[]',
    tags           TEXT NOT NULL DEFAULT '[]',
    body_html      TEXT NOT NULL DEFAULT '',
    body_markdown  TEXT NOT NULL DEFAULT '',
    body_text      TEXT NOT NULL DEFAULT '',
    channel        TEXT NOT NULL DEFAULT '',
    script         TEXT NOT NULL DEFAULT 'und',
    summary        TEXT NOT NULL DEFAULT '',
    guid           TEXT,
    source_id      TEXT,
    origin         TEXT NOT NULL DEFAULT '',
    content_hash   TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    status         TEXT NOT NULL DEFAULT 'live'
);
CREATE INDEX articles_canonical_url ON articles (canonical_url);
CREATE INDEX articles_original_url ON articles (original_url);
CREATE INDEX articles_guid ON articles (source_id, guid);
CREATE INDEX articles_outlet_hash ON articles (outlet, content_hash);
CREATE INDEX articles_published ON articles (published_utc DESC);
CREATE INDEX articles_outlet_published ON articles (outlet, published_utc DESC);
CREATE INDEX articles_channel_published ON articles (channel, published_utc DESC);

CREATE TABLE versions (
    article_id    TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    content_hash  TEXT NOT NULL,
    title         TEXT NOT NULL,
    body_html     TEXT NOT NULL,
    body_text     TEXT NOT NULL,
    published_at  TEXT,
    seen_at       TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'live',
    PRIMARY KEY (article_id, number)
);

CREATE TABLE sources (
    id               TEXT COLLATE "C" PRIMARY KEY,
    url              TEXT NOT NULL UNIQUE,
    outlet           TEXT NOT NULL,
    name             TEXT NOT NULL DEFAULT '',
    kind             TEXT NOT NULL DEFAULT 'feed',
    channel          TEXT NOT NULL DEFAULT '',
    script           TEXT NOT NULL DEFAULT 'und',
    enabled          INTEGER NOT NULL DEFAULT 1,
    full_text        INTEGER NOT NULL DEFAULT 1,
    interval_minutes INTEGER NOT NULL DEFAULT 30
);

CREATE TABLE feed_state (
    source_id             TEXT COLLATE "C" PRIMARY KEY,
    etag                  TEXT,
    last_modified         TEXT,
    last_checked_at       TEXT,
    last_success_at       TEXT,
    consecutive_failures  INTEGER NOT NULL DEFAULT 0,
    last_error            TEXT NOT NULL DEFAULT '',
    next_due_at           TEXT
);

CREATE TABLE stories (
    id          TEXT COLLATE "C" PRIMARY KEY,
    title       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE story_members (
    article_id    TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id      TEXT COLLATE "C" NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    role          TEXT NOT NULL DEFAULT 'member',
    duplicate_of  TEXT,
    score         DOUBLE PRECISION NOT NULL DEFAULT 0,
    joined_at     TEXT NOT NULL
);
CREATE INDEX story_members_story ON story_members (story_id);
