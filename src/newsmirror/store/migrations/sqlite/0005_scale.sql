-- Scale (issue 17): a smaller store and a search index that pages without sorting.

-- The search index keeps no copy of the keys (contentless; the keys were 3x the text) and no
-- per-row sizes (nothing ranks by BM25). Rows are removed with FTS5's 'delete' command, given
-- the same keys again. search_docs.doc is an *order key*: newer publication time is a larger
-- number (then article id), so FTS5 returns matches newest first without sorting them.
DROP TABLE article_search;
DROP TABLE search_docs;
CREATE TABLE search_docs (
    doc         INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE
);
CREATE VIRTUAL TABLE article_search USING fts5 (
    title_key,
    body_key,
    content = '',
    columnsize = 0,
    tokenize = "unicode61 remove_diacritics 0",
    detail = full
);
-- Which version of newsmirror.text.search_key built the index; another version rebuilds it.
CREATE TABLE search_meta (key_version INTEGER NOT NULL);
DELETE FROM search_backfill;
INSERT INTO search_backfill (pending) SELECT 1 WHERE EXISTS (SELECT 1 FROM articles);

-- Bodies compressed: the three renderings (HTML, Markdown, text) in one zlib stream, where
-- the second and third cost little (they repeat the first). body_html/body_markdown/body_text
-- are '' when body_z is set. An old version's body is compressed; the current version's is
-- NULL (it is the article's own).
ALTER TABLE articles ADD COLUMN body_z BLOB;
ALTER TABLE versions ADD COLUMN body_z BLOB;

-- Import bookkeeping: a hash of every archive file's bytes already imported, so an unchanged
-- re-import skips the file without reading it as an article.
CREATE TABLE imported_files (
    hash        TEXT PRIMARY KEY,
    article_id  TEXT,            -- NULL for a file that is not an article
    reason      TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
