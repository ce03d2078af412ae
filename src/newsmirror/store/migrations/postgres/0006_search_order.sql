-- Search pages (pg: PostgresStore._newest_matches) list title matches, then body matches, each
-- newest first: these indexes give that order, so a common word's page is found by walking the
-- newest rows instead of ranking every match.
CREATE INDEX search_index_titles_newest ON search_index (published_utc DESC NULLS LAST, article_id) WHERE part = 0;
CREATE INDEX search_index_bodies_newest ON search_index (published_utc DESC NULLS LAST, article_id) WHERE part > 0;
-- Titles have their own (small) GIN index: the title half of a page, and the check that a body
-- match's title does not match too, then recheck short titles only, never long body chunks.
CREATE INDEX search_index_titles ON search_index USING GIN (document) WHERE part = 0;
