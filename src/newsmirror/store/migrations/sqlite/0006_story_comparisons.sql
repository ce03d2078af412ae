-- Story comparisons computed when grouping (issue 14 item 6), so that story pages, builds and
-- `stories show` read one instead of aligning every report's sentences per request.
-- fingerprint: the comparison code's version and every compared report's id, outlet and
-- content hash (stories.stored.comparison_fingerprint); a row whose fingerprint no longer
-- matches the story is stale and is computed again. data: the Comparison as zlib'd JSON.
CREATE TABLE story_comparisons (
    story_id     TEXT PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    fingerprint  TEXT NOT NULL,
    data         BLOB NOT NULL,
    computed_at  TEXT NOT NULL
);
