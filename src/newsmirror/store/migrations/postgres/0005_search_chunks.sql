-- Search index v2 (see store/pg_search.py): one row per title (part 0) and per body chunk
-- (parts 1..), so no match is lost to the tsvector limits (16,383 positions; 256 per lexeme),
-- and phrase rechecks read one short chunk instead of a whole long article. published_utc is
-- repeated here so ranking (title matches first, then newest) never has to read articles.
-- Derived data: filled by the store on the next open (search_backfill), and by migrate.
DROP TABLE search_index;
CREATE TABLE search_index (
    article_id     TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    part           INTEGER NOT NULL,
    published_utc  TIMESTAMPTZ,
    document       TSVECTOR NOT NULL,
    PRIMARY KEY (article_id, part)
);
CREATE INDEX search_index_document ON search_index USING GIN (document);

CREATE TABLE search_backfill (pending INTEGER NOT NULL);
INSERT INTO search_backfill (pending) SELECT 1 WHERE EXISTS (SELECT 1 FROM articles);
