-- text.search_key KEY_VERSION 4: Taiwan-phrase conversion only for Traditional text (a Simplified
-- 拜登出任 was 拜注销任), alias names keyed in both scripts' forms, and the name transliterations
-- of OpenCC's Taiwan phrases folded in every script through the alias table (密西根 -> 密歇根).
-- Rows built with the old key hold the old forms: drop them and let the store index every
-- article again on its next open (as after 0010).
DELETE FROM search_index;
DELETE FROM search_backfill;
INSERT INTO search_backfill (pending) SELECT 1 WHERE EXISTS (SELECT 1 FROM articles);
