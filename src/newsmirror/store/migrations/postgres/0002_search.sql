-- Full-text search. SQLite's 0002 is an FTS5 table; here the same search key (text.search_key: Simplified, cut
-- into overlapping CJK bigrams plus Latin words, computed in Python by the store) goes into a
-- tsvector literal with positions (no parser, no stemming, no stop words) behind a GIN index.
-- Derived data: `newsmirror migrate` does not copy it, the destination rebuilds it.
CREATE TABLE search_index (
    article_id  TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    document    TSVECTOR NOT NULL
);
CREATE INDEX search_index_document ON search_index USING GIN (document);
