-- The search key now adds forms instead of replacing what was written (text.search_key
-- KEY_VERSION 2: 新冠肺炎 is indexed with 肺炎 and 新冠; Taiwan phrases fold only Traditional
-- text). Rows built with the old key would miss those words: drop them and let the store
-- index every article again on its next open (search_backfill, as after 0005).
DELETE FROM search_index;
DELETE FROM search_backfill;
INSERT INTO search_backfill (pending) SELECT 1 WHERE EXISTS (SELECT 1 FROM articles);
