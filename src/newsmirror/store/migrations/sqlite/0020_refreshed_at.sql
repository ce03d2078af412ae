-- An article's extracted fields read again in place (session 59, polish80: `import --reread` of a file whose title
-- and text are unchanged gives the date, authors, images and links a newer extraction reads, no new version): when
-- that last happened, NULL when never. Part of the article's content mark (store.base.Store.article_hashes), so a
-- build reads a refreshed article again though its content hash is the same. Numbered 0020 as PostgreSQL's.
ALTER TABLE articles ADD COLUMN refreshed_at TEXT;
