-- Search inside the documents: an FTS5 index over every version (its contribution's title, abstract, keywords and
-- source, and the text of its file), kept in step with the tables by the triggers below.
--
-- The index is "external content": it holds only the tokens; the text itself stays in file_texts and contributions,
-- read through the view search_source (snippets are cut from it). With external content, a row's old tokens can only
-- be removed by giving FTS5 the exact old values ('delete'), so every trigger passes the values as they were indexed:
-- always through the same folding (ё → е: Russian readers write both) as the view.
-- `INSERT INTO search_index(search_index, rank) VALUES('integrity-check', 1)` proves index and tables agree (tested).

-- Every stored file gets its text-extraction job in the very transaction that stores it.
CREATE TRIGGER stored_files_text_job AFTER INSERT ON stored_files
BEGIN INSERT INTO file_texts (file_id) VALUES (NEW.id); END;
--> statement-breakpoint
INSERT INTO file_texts (file_id) SELECT id FROM stored_files WHERE id NOT IN (SELECT file_id FROM file_texts);
--> statement-breakpoint
CREATE VIEW search_source AS
SELECT
  v.id AS version_id,
  replace(replace(c.title, 'ё', 'е'), 'Ё', 'Е') AS title,
  replace(replace(c.abstract, 'ё', 'е'), 'Ё', 'Е') AS abstract,
  replace(replace(c.keywords, 'ё', 'е'), 'Ё', 'Е') AS keywords,
  replace(replace(o.name, 'ё', 'е'), 'Ё', 'Е') AS source,
  CASE WHEN t.state = 'done' THEN replace(replace(coalesce(t.text, ''), 'ё', 'е'), 'Ё', 'Е') ELSE '' END AS body
FROM contribution_versions v
JOIN contributions c ON c.id = v.contribution_id
JOIN organisations o ON o.id = c.organisation_id
LEFT JOIN file_texts t ON t.file_id = v.file_id;
--> statement-breakpoint
-- unicode61 with remove_diacritics 2 folds case and Latin diacritics (é → e, ß stays, Cyrillic is kept as is).
CREATE VIRTUAL TABLE search_index USING fts5(
  title, abstract, keywords, source, body,
  content = 'search_source', content_rowid = 'version_id',
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER search_version_insert AFTER INSERT ON contribution_versions
BEGIN
  INSERT INTO search_index (rowid, title, abstract, keywords, source, body)
  SELECT version_id, title, abstract, keywords, source, body FROM search_source WHERE version_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_contribution_update AFTER UPDATE OF title, abstract, keywords ON contributions
WHEN OLD.title IS NOT NEW.title OR OLD.abstract IS NOT NEW.abstract OR OLD.keywords IS NOT NEW.keywords
BEGIN
  INSERT INTO search_index (search_index, rowid, title, abstract, keywords, source, body)
  SELECT 'delete', s.version_id,
    replace(replace(OLD.title, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(OLD.abstract, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(OLD.keywords, 'ё', 'е'), 'Ё', 'Е'),
    s.source, s.body
  FROM search_source s WHERE s.version_id IN (SELECT id FROM contribution_versions WHERE contribution_id = NEW.id);
  INSERT INTO search_index (rowid, title, abstract, keywords, source, body)
  SELECT version_id, title, abstract, keywords, source, body
  FROM search_source WHERE version_id IN (SELECT id FROM contribution_versions WHERE contribution_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER search_organisation_update AFTER UPDATE OF name ON organisations
WHEN OLD.name IS NOT NEW.name
BEGIN
  INSERT INTO search_index (search_index, rowid, title, abstract, keywords, source, body)
  SELECT 'delete', s.version_id, s.title, s.abstract, s.keywords, replace(replace(OLD.name, 'ё', 'е'), 'Ё', 'Е'), s.body
  FROM search_source s
  WHERE s.version_id IN (SELECT v.id FROM contribution_versions v JOIN contributions c ON c.id = v.contribution_id WHERE c.organisation_id = NEW.id);
  INSERT INTO search_index (rowid, title, abstract, keywords, source, body)
  SELECT version_id, title, abstract, keywords, source, body
  FROM search_source
  WHERE version_id IN (SELECT v.id FROM contribution_versions v JOIN contributions c ON c.id = v.contribution_id WHERE c.organisation_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER search_text_update AFTER UPDATE OF state, text ON file_texts
WHEN (OLD.state = 'done') <> (NEW.state = 'done') OR (NEW.state = 'done' AND OLD.text IS NOT NEW.text)
BEGIN
  INSERT INTO search_index (search_index, rowid, title, abstract, keywords, source, body)
  SELECT 'delete', s.version_id, s.title, s.abstract, s.keywords, s.source,
    CASE WHEN OLD.state = 'done' THEN replace(replace(coalesce(OLD.text, ''), 'ё', 'е'), 'Ё', 'Е') ELSE '' END
  FROM search_source s WHERE s.version_id IN (SELECT id FROM contribution_versions WHERE file_id = NEW.file_id);
  INSERT INTO search_index (rowid, title, abstract, keywords, source, body)
  SELECT version_id, title, abstract, keywords, source, body
  FROM search_source WHERE version_id IN (SELECT id FROM contribution_versions WHERE file_id = NEW.file_id);
END;
--> statement-breakpoint
-- The versions already received (a database from before this migration): indexed now, their text when extracted.
INSERT INTO search_index (search_index) VALUES ('rebuild');
