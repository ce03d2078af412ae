-- Story comparisons computed when grouping (see sqlite/0006_story_comparisons.sql).
CREATE TABLE story_comparisons (
    story_id     TEXT COLLATE "C" PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    fingerprint  TEXT NOT NULL,
    data         BYTEA NOT NULL,
    computed_at  TEXT NOT NULL
);
