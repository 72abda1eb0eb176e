-- 005: a data version per occupier, for the cache of rendered User management lists (pcache.c).
-- Every write to what the list shows (users, wifi_accounts, phone_numbers) bumps the version
-- of the occupiers it touches, in the same transaction, through the triggers below: no code
-- path can change a list and leave its cached page valid, whatever program writes.
-- BEFORE triggers: the version row is locked before the written row's foreign-key checks, so
-- two transactions adding users to one occupier queue on it instead of deadlocking.
-- Each trigger reads the occupier ids into variables first, so its UPDATE is a primary-key
-- look-up that locks those version rows only.
-- Cascaded deletes fire no triggers; they follow a users delete, whose trigger has bumped.
CREATE TABLE occupier_versions (
  occupier_id INT UNSIGNED NOT NULL PRIMARY KEY,
  version     BIGINT UNSIGNED NOT NULL DEFAULT 1,
  CONSTRAINT fk_ov_occ FOREIGN KEY (occupier_id) REFERENCES occupiers(id) ON DELETE CASCADE
) ENGINE=InnoDB;

INSERT IGNORE INTO occupier_versions (occupier_id) SELECT id FROM occupiers;

DELIMITER //

CREATE TRIGGER occ_version_new AFTER INSERT ON occupiers FOR EACH ROW
BEGIN
  INSERT IGNORE INTO occupier_versions (occupier_id) VALUES (NEW.id);
END//

CREATE TRIGGER users_version_ins BEFORE INSERT ON users FOR EACH ROW
BEGIN
  UPDATE occupier_versions SET version = version + 1 WHERE occupier_id = NEW.occupier_id;
END//
CREATE TRIGGER users_version_upd BEFORE UPDATE ON users FOR EACH ROW
BEGIN
  UPDATE occupier_versions SET version = version + 1
  WHERE occupier_id IN (OLD.occupier_id, NEW.occupier_id);
END//
CREATE TRIGGER users_version_del BEFORE DELETE ON users FOR EACH ROW
BEGIN
  UPDATE occupier_versions SET version = version + 1 WHERE occupier_id = OLD.occupier_id;
END//

CREATE TRIGGER wifi_version_ins BEFORE INSERT ON wifi_accounts FOR EACH ROW
BEGIN
  DECLARE a INT UNSIGNED DEFAULT (SELECT occupier_id FROM users WHERE id = NEW.user_id);
  UPDATE occupier_versions SET version = version + 1 WHERE occupier_id = a;
END//
CREATE TRIGGER wifi_version_upd BEFORE UPDATE ON wifi_accounts FOR EACH ROW
BEGIN
  DECLARE a INT UNSIGNED DEFAULT (SELECT occupier_id FROM users WHERE id = OLD.user_id);
  DECLARE b INT UNSIGNED DEFAULT (SELECT occupier_id FROM users WHERE id = NEW.user_id);
  UPDATE occupier_versions SET version = version + 1 WHERE occupier_id IN (a, b);
END//
CREATE TRIGGER wifi_version_del BEFORE DELETE ON wifi_accounts FOR EACH ROW
BEGIN
  DECLARE a INT UNSIGNED DEFAULT (SELECT occupier_id FROM users WHERE id = OLD.user_id);
  UPDATE occupier_versions SET version = version + 1 WHERE occupier_id = a;
END//

-- A number shows in the list of its user's occupier, and is allocated to an occupier.
CREATE TRIGGER num_version_ins BEFORE INSERT ON phone_numbers FOR EACH ROW
BEGIN
  DECLARE a INT UNSIGNED DEFAULT (SELECT occupier_id FROM users WHERE id = NEW.user_id);
  UPDATE occupier_versions SET version = version + 1 WHERE occupier_id IN (a, NEW.occupier_id);
END//
CREATE TRIGGER num_version_upd BEFORE UPDATE ON phone_numbers FOR EACH ROW
BEGIN
  DECLARE a INT UNSIGNED DEFAULT (SELECT occupier_id FROM users WHERE id = OLD.user_id);
  DECLARE b INT UNSIGNED DEFAULT (SELECT occupier_id FROM users WHERE id = NEW.user_id);
  UPDATE occupier_versions SET version = version + 1
  WHERE occupier_id IN (a, b, OLD.occupier_id, NEW.occupier_id);
END//
CREATE TRIGGER num_version_del BEFORE DELETE ON phone_numbers FOR EACH ROW
BEGIN
  DECLARE a INT UNSIGNED DEFAULT (SELECT occupier_id FROM users WHERE id = OLD.user_id);
  UPDATE occupier_versions SET version = version + 1 WHERE occupier_id IN (a, OLD.occupier_id);
END//

DELIMITER ;
