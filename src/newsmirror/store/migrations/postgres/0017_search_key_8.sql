-- text.search_key KEY_VERSION 8: invisible format characters (zero-width space, joiners, soft hyphen, BOM) are
-- left out of keys and queries (a zero-width space inside 美军人员 (U+200B) 在斯里兰卡 cut the run, and a search for the
-- phrase found nothing). Rows built with the old key: drop them and let the store index every article again on
-- its next open (as after 0015).
DELETE FROM search_index;
DELETE FROM search_backfill;
INSERT INTO search_backfill (pending) SELECT 1 WHERE EXISTS (SELECT 1 FROM articles);
