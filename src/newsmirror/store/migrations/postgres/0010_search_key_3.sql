-- text.search_key KEY_VERSION 3: five Traditional characters OpenCC folded to a rare Simplified
-- form now fold to the one Simplified text writes (篠 -> 筱, not 筿: text.script). Rows built
-- with the old key hold the rare form and miss queries written with the common one: drop them
-- and let the store index every article again on its next open (as after 0007).
DELETE FROM search_index;
DELETE FROM search_backfill;
INSERT INTO search_backfill (pending) SELECT 1 WHERE EXISTS (SELECT 1 FROM articles);
