-- The complete-story join's state across grouping runs (see sqlite/0014_story_joins.sql).
CREATE TABLE story_joins (
    story_id  TEXT COLLATE "C" PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    role      TEXT NOT NULL DEFAULT 'judged',
    unjoined  TEXT NOT NULL DEFAULT ''
);
