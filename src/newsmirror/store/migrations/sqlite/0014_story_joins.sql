-- The complete-story join's state across grouping runs (stories.joincomplete; session 27, join24). Each grouping
-- run is a new clusterer: without this a later run judged a story again when a late report moved its last time or
-- it was restored only in part, could make an earlier run's core the side of a bigger story (a chain), and judged
-- later sides against a core swollen by its earlier sides. role: 'judged' (never judged again) or 'core' (absorbed
-- a side: never absorbed itself); unjoined: a core's members before its first side (article ids, space separated).
-- Numbered 0014 as PostgreSQL's (SQLite has fewer migrations: the order is all that counts).
CREATE TABLE story_joins (
    story_id  TEXT PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    role      TEXT NOT NULL DEFAULT 'judged',
    unjoined  TEXT NOT NULL DEFAULT ''
);
