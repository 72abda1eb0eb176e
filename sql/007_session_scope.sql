-- 007: the session check of every request reads two rows, the session and its occupier's data
-- version (sql/005), instead of joining five tables. A portal process keeps the signed-in
-- user's own fields (name, role, language, operator brand, occupier name; cgi-bin/mecache.c)
-- under that version, so everything those fields are read from must bump it when it changes:
-- users already do (sql/005), operators and occupiers do from here on.
--
-- sessions.occupier_id is the occupier of the session's user when it was made. A user moved to
-- another occupier bumps both versions (sql/005), so the cached fields are read again, and the
-- portal corrects the session's occupier then. NULL for operator team members, whose fields are
-- read from the users table on every request.
ALTER TABLE sessions ADD COLUMN occupier_id INT UNSIGNED NULL AFTER user_id;

UPDATE sessions s JOIN users u ON u.id = s.user_id SET s.occupier_id = u.occupier_id;

DELIMITER //

-- The name shows on every page of its users.
CREATE TRIGGER occ_version_upd BEFORE UPDATE ON occupiers FOR EACH ROW
BEGIN
  UPDATE occupier_versions SET version = version + 1 WHERE occupier_id IN (OLD.id, NEW.id);
END//

-- Name, brand colour and the occupier experience show on every page of the operator's users.
-- Any change bumps all of its occupiers: operators change seldom, and a missed column would be
-- a page showing stale settings.
CREATE TRIGGER op_version_upd AFTER UPDATE ON operators FOR EACH ROW
BEGIN
  UPDATE occupier_versions SET version = version + 1
  WHERE occupier_id IN (SELECT id FROM occupiers WHERE operator_id IN (OLD.id, NEW.id));
END//

DELIMITER ;
