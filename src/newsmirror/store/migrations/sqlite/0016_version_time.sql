-- Versions in time order (session 33, ux35): when each version's text is known to have been the article's (its
-- crawl time when recorded, else its copy's own date, else when stored; store.rows.observed_at), so an archive
-- imported in any order gives the same history and an older copy imported later never becomes the current text.
-- Rows stored before stay NULL: they keep the order they were stored in (their seen_at stands for them).
-- Numbered 0016 as PostgreSQL's.
ALTER TABLE versions ADD COLUMN observed_at TEXT;
