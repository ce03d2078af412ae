-- Full-text search over titles and bodies. The indexed text is a *search key*
-- (newsmirror.text.search_key): folded to Simplified and cut into overlapping CJK bigrams,
-- so the default unicode61 tokenizer only has to split on spaces.
-- search_docs gives every article a stable integer (articles' implicit rowid may change on VACUUM).
CREATE TABLE search_docs (
    doc         INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE
);

CREATE VIRTUAL TABLE article_search USING fts5 (
    title_key,
    body_key,
    tokenize = "unicode61 remove_diacritics 0",
    detail = full
);

-- Articles stored before this migration are indexed by Python on the next open
-- (the key needs OpenCC); this row asks for it and is removed when done.
CREATE TABLE search_backfill (pending INTEGER NOT NULL);
INSERT INTO search_backfill (pending)
SELECT 1 WHERE EXISTS (SELECT 1 FROM articles);

-- Not search, but found by the search benchmark: upsert's URL match
-- (canonical_url = ? OR original_url = ?) scanned the whole table without this index,
-- making every import quadratic (130 articles/s at 40k articles).
CREATE INDEX IF NOT EXISTS articles_original_url ON articles (original_url);
