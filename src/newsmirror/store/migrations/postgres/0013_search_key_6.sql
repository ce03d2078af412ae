-- text.search_key KEY_VERSION 6: an alias variant folds only where it begins a word (中央通讯社 inside
-- 朝鲜中央通讯社 was keyed 朝鲜中央社, 油管 inside 输油管道 输优兔道; text.aliases). Rows built with the
-- old key hold the old forms: drop them and let the store index every article again on its next open
-- (as after 0012).
DELETE FROM search_index;
DELETE FROM search_backfill;
INSERT INTO search_backfill (pending) SELECT 1 WHERE EXISTS (SELECT 1 FROM articles);
