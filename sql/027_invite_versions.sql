-- 027: the User management list shows when a pending invitation expires (issue 16: the latest
-- expires_at of the user's invite tokens), but user_tokens had no version trigger: a token
-- written or deleted without a write to its user row (straight in SQL, a clean-up) left the
-- cached list pages (pcache.c) and the list lines kept with the in-memory filter
-- (listidx.c) as they were. Invite tokens now bump their user's occupier's data version, as
-- users rows do (sql/005; reset tokens show nowhere). Only what the list shows counts: the
-- reminders' count changing (issue 16) bumps nothing. BEFORE triggers, as in sql/005: the
-- version row is locked first.
DELIMITER //

CREATE TRIGGER tok_version_ins BEFORE INSERT ON user_tokens FOR EACH ROW
BEGIN
  DECLARE a INT UNSIGNED DEFAULT (SELECT occupier_id FROM users WHERE id = NEW.user_id);
  IF NEW.kind = 'invite' THEN
    UPDATE occupier_versions SET version = version + 1 WHERE occupier_id = a;
  END IF;
END//

CREATE TRIGGER tok_version_upd BEFORE UPDATE ON user_tokens FOR EACH ROW
BEGIN
  DECLARE a INT UNSIGNED DEFAULT (SELECT occupier_id FROM users WHERE id = OLD.user_id);
  DECLARE b INT UNSIGNED DEFAULT (SELECT occupier_id FROM users WHERE id = NEW.user_id);
  IF (OLD.kind = 'invite' OR NEW.kind = 'invite') AND NOT (OLD.kind <=> NEW.kind AND
      OLD.user_id <=> NEW.user_id AND OLD.expires_at <=> NEW.expires_at) THEN
    UPDATE occupier_versions SET version = version + 1 WHERE occupier_id IN (a, b);
  END IF;
END//

CREATE TRIGGER tok_version_del BEFORE DELETE ON user_tokens FOR EACH ROW
BEGIN
  DECLARE a INT UNSIGNED DEFAULT (SELECT occupier_id FROM users WHERE id = OLD.user_id);
  IF OLD.kind = 'invite' THEN
    UPDATE occupier_versions SET version = version + 1 WHERE occupier_id = a;
  END IF;
END//

DELIMITER ;
