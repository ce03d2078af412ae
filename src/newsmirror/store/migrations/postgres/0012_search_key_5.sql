-- text.search_key KEY_VERSION 5: OpenCC's Taiwan phrases no longer rewrite words both scripts write
-- in their own sense (Traditional 立法程序 and 取消行程 were keyed 立法进程 and 取消进程;
-- text.taiwan_phrases). Rows built with the old key hold the old forms: drop them and let the store
-- index every article again on its next open (as after 0011).
DELETE FROM search_index;
DELETE FROM search_backfill;
INSERT INTO search_backfill (pending) SELECT 1 WHERE EXISTS (SELECT 1 FROM articles);
