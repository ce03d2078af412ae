-- text.search_key KEY_VERSION 9: Taiwan phrases no longer extend a word inside its compounds (the Traditional
-- 哈薩克族 was keyed 哈萨克斯坦族, 哈薩克斯坦 was 哈萨克斯坦斯坦; text.taiwan_phrases.EXTENDING). Rows built with the old
-- key: drop them and let the store index every article again on its next open (as after 0017).
DELETE FROM search_index;
DELETE FROM search_backfill;
INSERT INTO search_backfill (pending) SELECT 1 WHERE EXISTS (SELECT 1 FROM articles);
