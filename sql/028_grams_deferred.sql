-- 028: "Add multiple users" (PLAT-2) writes the n-gram rows (sql/016, sql/025) of all its users
-- with one statement at the end of its transaction, instead of ~43 rows per user from the
-- insert trigger as each user is inserted. The per-user rows land all over both indexes of
-- user_grams (the primary key and ix_ug_occ, 2.5 GB on the bench's million users); one
-- statement sorted by gram writes them in index order, each leaf page touched once for many
-- rows (bench/RESULTS.md: the 10,000-row import).
--
-- The transaction that defers inserts a row for its connection here first; the trigger skips
-- a user inserted by a connection that has one; the same transaction writes the grams of the
-- users it inserted (STMT_GRAMS_FILL) and deletes its row before it commits. The row is never
-- committed: a rollback (a failed import, a lost connection, a Galera conflict) removes it with
-- the users, and no other connection ever sees it.
CREATE TABLE user_grams_deferred (
  conn_id BIGINT UNSIGNED NOT NULL PRIMARY KEY
) ENGINE=InnoDB;

DROP TRIGGER users_grams_ins;

DELIMITER //

CREATE TRIGGER users_grams_ins AFTER INSERT ON users FOR EACH ROW
BEGIN
  IF NOT EXISTS (SELECT 1 FROM user_grams_deferred WHERE conn_id = CONNECTION_ID()) THEN
    INSERT IGNORE INTO user_grams (operator_id, gram, user_id, occupier_id)
    SELECT NEW.operator_id, SUBSTRING(NEW.search_text, p, 3), NEW.id, NEW.occupier_id
    FROM ngram_pos WHERE p <= CHAR_LENGTH(NEW.search_text);
  END IF;
END//

DELIMITER ;
