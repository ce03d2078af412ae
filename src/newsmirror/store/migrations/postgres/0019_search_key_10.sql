-- text.search_key KEY_VERSION 10: a Taiwan phrase rule no longer breaks a word it reaches into (the Traditional
-- 拜登入主白宮 was keyed 拜登录主白宫, 安全形勢 安全角势; text.taiwan_phrases.to_mainland). Rows built with the old
-- key: drop them and let the store index every article again on its next open (as after 0018).
DELETE FROM search_index;
DELETE FROM search_backfill;
INSERT INTO search_backfill (pending) SELECT 1 WHERE EXISTS (SELECT 1 FROM articles);
