-- text.search_key KEY_VERSION 7: an alias variant folds only where it also ends a word (鲍尔 inside
-- 鲍尔丁, Balding, was keyed 鲍威尔丁, a Powell; text.aliases). Rows built with the old key hold the old
-- forms: drop them and let the store index every article again on its next open (as after 0013).
DELETE FROM search_index;
DELETE FROM search_backfill;
INSERT INTO search_backfill (pending) SELECT 1 WHERE EXISTS (SELECT 1 FROM articles);
