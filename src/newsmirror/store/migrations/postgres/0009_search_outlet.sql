-- Search filtered by outlet (issue 17): each search row carries its article's outlet, and
-- indexes list one outlet's title rows and body rows newest first. Before, the outlet was a
-- semi-join on articles: PostgreSQL assumed an outlet's articles are spread evenly over time
-- and walked the newest rows of every outlet to find a page of an outlet whose articles are
-- older (美国 + Nei.st, 1,448 of 63k articles: 0.8-1.5 s). With the outlet on the row, the
-- outlet's own newest rows are walked, or the word's few matches are filtered and sorted.
ALTER TABLE search_index ADD COLUMN outlet TEXT NOT NULL DEFAULT '';
UPDATE search_index s SET outlet = a.outlet FROM articles a WHERE a.id = s.article_id;
CREATE INDEX search_index_outlet_titles_newest ON search_index (outlet, published_utc DESC NULLS LAST, article_id) WHERE part = 0;
CREATE INDEX search_index_outlet_bodies_newest ON search_index (outlet, published_utc DESC NULLS LAST, article_id) WHERE part > 0;
