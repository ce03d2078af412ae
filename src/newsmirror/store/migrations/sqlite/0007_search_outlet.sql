-- Search filtered by outlet (issue 17): each search document carries its article's outlet, and
-- an index lists one outlet's documents in order-key order (newest first when walked down).
-- Without it a common word filtered by a rare outlet walked the whole match list newest first
-- and read each match's article to test its outlet (中国 + an 87-article outlet: 130 ms at 63k
-- articles). With it, SqliteStore can test the outlet on search_docs alone, or walk the
-- outlet's own documents and ask the index whether each one matches, whichever is cheaper.
ALTER TABLE search_docs ADD COLUMN outlet TEXT NOT NULL DEFAULT '';
UPDATE search_docs SET outlet = (SELECT a.outlet FROM articles a WHERE a.id = search_docs.article_id);
CREATE INDEX search_docs_outlet ON search_docs (outlet, doc);
