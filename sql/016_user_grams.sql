-- 016: an n-gram index of users.search_text (sql/006) for the substring searches that no
-- B-tree range serves: the operator's search across all users (page_search.c) and the User
-- management list's SQL filter past the in-memory index's limit (page_users.c).
--
-- user_grams holds, for every user, SUBSTRING(search_text, p, 3) at every position p: the
-- trigrams, and at the end of the text the last two characters and the last one, so every
-- substring of one or two characters is the start of some gram. The gram column has the
-- collation of search_text (utf8mb4_general_ci): a gram of a query equals (=) the stored gram
-- of every user whose search_text LIKE '%query%', so the grams of a query give a superset of
-- its matches; the pages still apply that same LIKE to the candidates, so what they show is
-- exactly what a scan shows. Grams equal under the collation are stored once per user.
--
-- Kept by the database itself, in the writing transaction, whoever writes (AFTER triggers:
-- NEW.search_text is computed and NEW.id assigned by then): every app host reads the same
-- index, and Galera replicates its rows like any InnoDB row (the triggers fire on the node
-- that takes the write only). Not Mroonga: Galera replicates InnoDB tables only, so a Mroonga
-- index would exist on the node that wrote it and nowhere else (HACKING.md, Caches).
-- A user deleted by a cascade (its operator or occupier deleted) fires no trigger and leaves
-- its grams: the pages join users, so such rows are never shown, only skipped.
CREATE TABLE ngram_pos (
  p SMALLINT UNSIGNED NOT NULL PRIMARY KEY
) ENGINE=InnoDB;
-- 1 .. 460, the longest search_text (VARCHAR(460)); no sequence engine needed
INSERT INTO ngram_pos (p)
SELECT a.d * 100 + b.d * 10 + c.d + 1
FROM (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) a
CROSS JOIN (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) b
CROSS JOIN (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) c
WHERE a.d * 100 + b.d * 10 + c.d + 1 <= 460;

-- Newest first within a gram (user_id descending), the order of the operator's search. The
-- user's occupier is carried along (NULL for the operator's team), so the User management
-- list keeps the candidates of its occupier while it reads the gram's rows, before any
-- users row is read (3,750 candidates among the million: 10 ms -> 1 ms).
CREATE TABLE user_grams (
  operator_id INT UNSIGNED NOT NULL,
  gram        VARCHAR(3) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL,
  user_id     INT UNSIGNED NOT NULL,
  occupier_id INT UNSIGNED NULL,
  PRIMARY KEY (operator_id, gram, user_id DESC)
) ENGINE=InnoDB;

DELIMITER //

-- The users there are, 50,000 at a time (each its own transaction). DISTINCT dedups as the
-- primary key does (same collation, trailing spaces ignored), in memory: a quarter of the
-- time of INSERT IGNORE's duplicate errors. Bench data (1,000,018 users): bench/RESULTS.md.
CREATE PROCEDURE user_grams_build()
BEGIN
  DECLARE lo, top INT UNSIGNED;
  SELECT IFNULL(MIN(id), 1), IFNULL(MAX(id), 0) INTO lo, top FROM users;
  WHILE lo <= top DO
    INSERT IGNORE INTO user_grams (operator_id, gram, user_id, occupier_id)
    SELECT DISTINCT u.operator_id, SUBSTRING(u.search_text, p.p, 3), u.id, u.occupier_id
    FROM users u STRAIGHT_JOIN ngram_pos p ON p.p <= CHAR_LENGTH(u.search_text)
    WHERE u.id >= lo AND u.id < lo + 50000;
    SET lo = lo + 50000;
  END WHILE;
END//

DELIMITER ;
SET SESSION tmp_table_size = 1073741824, max_heap_table_size = 1073741824;
CALL user_grams_build();
DROP PROCEDURE user_grams_build;

DELIMITER //

-- One user's ~50 rows: INSERT IGNORE alone (the primary key drops the duplicates) costs less
-- than a DISTINCT's temporary table per user (1,000 users: 0.38 s against 0.51 s, 0.18 s
-- without the trigger).
CREATE TRIGGER users_grams_ins AFTER INSERT ON users FOR EACH ROW
BEGIN
  INSERT IGNORE INTO user_grams (operator_id, gram, user_id, occupier_id)
  SELECT NEW.operator_id, SUBSTRING(NEW.search_text, p, 3), NEW.id, NEW.occupier_id
  FROM ngram_pos WHERE p <= CHAR_LENGTH(NEW.search_text);
END//

-- Only a change of the text (byte for byte: a change of case changes the stored grams' case
-- only, which is harmless, but is redone all the same), of the operator or of the occupier
-- touches the index.
CREATE TRIGGER users_grams_upd AFTER UPDATE ON users FOR EACH ROW
BEGIN
  IF NOT (OLD.search_text COLLATE utf8mb4_bin <=> NEW.search_text COLLATE utf8mb4_bin)
     OR OLD.operator_id <> NEW.operator_id OR NOT (OLD.occupier_id <=> NEW.occupier_id) THEN
    DELETE g FROM ngram_pos s STRAIGHT_JOIN user_grams g
      ON g.operator_id = OLD.operator_id AND g.gram = SUBSTRING(OLD.search_text, s.p, 3)
      AND g.user_id = OLD.id
    WHERE s.p <= CHAR_LENGTH(OLD.search_text);
    INSERT IGNORE INTO user_grams (operator_id, gram, user_id, occupier_id)
    SELECT NEW.operator_id, SUBSTRING(NEW.search_text, p, 3), NEW.id, NEW.occupier_id
    FROM ngram_pos WHERE p <= CHAR_LENGTH(NEW.search_text);
  END IF;
END//

CREATE TRIGGER users_grams_del AFTER DELETE ON users FOR EACH ROW
BEGIN
  DELETE g FROM ngram_pos s STRAIGHT_JOIN user_grams g
    ON g.operator_id = OLD.operator_id AND g.gram = SUBSTRING(OLD.search_text, s.p, 3)
    AND g.user_id = OLD.id
  WHERE s.p <= CHAR_LENGTH(OLD.search_text);
END//

DELIMITER ;
