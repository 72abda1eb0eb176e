-- 026 (issue 17 item 2): a data version per user, for My profile's rendered page (pcache.c,
-- page_profile.c). The page shows, besides the rows the occupier's data version covers
-- (sql/005, sql/007, sql/017), three panels read from tables without version triggers:
--  * App sign-ins: the user's api_tokens (client, created, last used, expires). The API's token
--    check writes last_used at most once a minute (STMT_API_TOKEN_GET's "stale"), so a token in
--    use bumps its user at most once a minute;
--  * Connected devices: the user's open sessions in radacct (written by FreeRADIUS: device MAC,
--    site, start), each named after the operator's shared Wi-Fi device of the same MAC
--    (wifi_devices), at its site (sites).
-- The triggers below bump user_versions.version of every user whose page one of those writes
-- changes, in the writing statement, whichever program writes (the portal on any host,
-- FreeRADIUS, an operator's tool). The session check reads the version with the session
-- (STMT_SESSION_GET, one statement), and the page is kept under it and the occupier's version.
--
-- A user's row is made by its first bump (INSERT ... ON DUPLICATE KEY UPDATE): no row for the
-- users who never had a token or a session, nothing more to write when users are added (the
-- CSV import). Until then the session check reads version 0. No foreign key: radacct keeps the
-- user_id of a deleted user, and FreeRADIUS's Stop of such a session must not fail on a bump;
-- the row of a deleted user (a few bytes) is never read again (ids are not reused).
CREATE TABLE user_versions (
  user_id INT UNSIGNED NOT NULL PRIMARY KEY,
  version BIGINT UNSIGNED NOT NULL DEFAULT 1
) ENGINE=InnoDB;

-- The MAC of a session as the Connected devices panel compares it with wifi_devices.mac (the
-- separators ':', '-', '.' removed, lower case): one definition for the read
-- (STMT_RADIUS_DEVICES) and for the triggers, whose look-up of a device's open sessions is a
-- range of ix_radacct_mac (a short lock on that MAC's entries, not a walk of every open session).
-- Virtual: FreeRADIUS's statements name their columns, and never see it.
ALTER TABLE radacct
  ADD COLUMN mac_key VARCHAR(50) AS
    (LOWER(REPLACE(REPLACE(REPLACE(callingstationid, ':', ''), '-', ''), '.', ''))) VIRTUAL,
  ADD KEY ix_radacct_mac (mac_key, acctstoptime);

DELIMITER //

-- App sign-ins: every write shows (a new token, a revoked or expired one deleted, last_used).
CREATE TRIGGER tok_uver_ins AFTER INSERT ON api_tokens FOR EACH ROW
BEGIN
  INSERT INTO user_versions (user_id) VALUES (NEW.user_id)
  ON DUPLICATE KEY UPDATE version = version + 1;
END//
CREATE TRIGGER tok_uver_upd AFTER UPDATE ON api_tokens FOR EACH ROW
BEGIN
  INSERT INTO user_versions (user_id) VALUES (OLD.user_id)
  ON DUPLICATE KEY UPDATE version = version + 1;
  IF OLD.user_id <> NEW.user_id THEN
    INSERT INTO user_versions (user_id) VALUES (NEW.user_id)
    ON DUPLICATE KEY UPDATE version = version + 1;
  END IF;
END//
CREATE TRIGGER tok_uver_del AFTER DELETE ON api_tokens FOR EACH ROW
BEGIN
  INSERT INTO user_versions (user_id) VALUES (OLD.user_id)
  ON DUPLICATE KEY UPDATE version = version + 1;
END//

-- Connected devices: a session shows while it is open (acctstoptime NULL) and has a user. An
-- update bumps only when a shown column changes: FreeRADIUS's Interim-Updates (every few
-- minutes per session: octets, session time, acctupdatetime) do not; a Start, a Stop, an
-- Accounting-On/Off of the NAS, a Disconnect from the portal do. Columns compared as bytes
-- (a MAC's letters are shown as the NAS sent them).
CREATE TRIGGER acct_uver_ins AFTER INSERT ON radacct FOR EACH ROW
BEGIN
  IF NEW.user_id IS NOT NULL AND NEW.acctstoptime IS NULL THEN
    INSERT INTO user_versions (user_id) VALUES (NEW.user_id)
    ON DUPLICATE KEY UPDATE version = version + 1;
  END IF;
END//
CREATE TRIGGER acct_uver_upd AFTER UPDATE ON radacct FOR EACH ROW
BEGIN
  IF NOT (OLD.radacctid <=> NEW.radacctid AND OLD.user_id <=> NEW.user_id
      AND (OLD.acctstoptime IS NULL) = (NEW.acctstoptime IS NULL)
      AND BINARY OLD.callingstationid <=> BINARY NEW.callingstationid
      AND OLD.site_id <=> NEW.site_id AND OLD.acctstarttime <=> NEW.acctstarttime) THEN
    IF OLD.user_id IS NOT NULL AND OLD.acctstoptime IS NULL THEN
      INSERT INTO user_versions (user_id) VALUES (OLD.user_id)
      ON DUPLICATE KEY UPDATE version = version + 1;
    END IF;
    IF NEW.user_id IS NOT NULL AND NEW.acctstoptime IS NULL
        AND NOT (OLD.user_id <=> NEW.user_id AND OLD.acctstoptime IS NULL) THEN
      INSERT INTO user_versions (user_id) VALUES (NEW.user_id)
      ON DUPLICATE KEY UPDATE version = version + 1;
    END IF;
  END IF;
END//
CREATE TRIGGER acct_uver_del AFTER DELETE ON radacct FOR EACH ROW
BEGIN
  IF OLD.user_id IS NOT NULL AND OLD.acctstoptime IS NULL THEN
    INSERT INTO user_versions (user_id) VALUES (OLD.user_id)
    ON DUPLICATE KEY UPDATE version = version + 1;
  END IF;
END//

-- A shared device names the open sessions of its MAC (STMT_RADIUS_DEVICES: the operator's
-- device of that MAC): any write to one bumps every user with an open session of the old or
-- the new MAC. Over any operator: a MAC seen at two operators costs an extra render, never a
-- stale page, and the look-up needs no read of users. DISTINCT: the sessions are read (and
-- locked) before the first version row is.
CREATE TRIGGER dev_uver_ins AFTER INSERT ON wifi_devices FOR EACH ROW
BEGIN
  INSERT INTO user_versions (user_id)
  SELECT DISTINCT user_id FROM radacct
  WHERE mac_key = LOWER(REPLACE(REPLACE(NEW.mac, ':', ''), '-', '')) AND acctstoptime IS NULL
    AND user_id IS NOT NULL
  ON DUPLICATE KEY UPDATE version = version + 1;
END//
CREATE TRIGGER dev_uver_upd AFTER UPDATE ON wifi_devices FOR EACH ROW
BEGIN
  INSERT INTO user_versions (user_id)
  SELECT DISTINCT user_id FROM radacct
  WHERE mac_key IN (LOWER(REPLACE(REPLACE(OLD.mac, ':', ''), '-', '')),
                    LOWER(REPLACE(REPLACE(NEW.mac, ':', ''), '-', '')))
    AND acctstoptime IS NULL AND user_id IS NOT NULL
  ON DUPLICATE KEY UPDATE version = version + 1;
END//
CREATE TRIGGER dev_uver_del AFTER DELETE ON wifi_devices FOR EACH ROW
BEGIN
  INSERT INTO user_versions (user_id)
  SELECT DISTINCT user_id FROM radacct
  WHERE mac_key = LOWER(REPLACE(REPLACE(OLD.mac, ':', ''), '-', '')) AND acctstoptime IS NULL
    AND user_id IS NOT NULL
  ON DUPLICATE KEY UPDATE version = version + 1;
END//

-- An occupier's devices go with it (fk_dev_occ ON DELETE CASCADE fires no trigger): its
-- delete bumps the users of their open sessions first (rolled back with a refused delete).
CREATE TRIGGER occ_dev_uver_del BEFORE DELETE ON occupiers FOR EACH ROW
BEGIN
  INSERT INTO user_versions (user_id)
  SELECT DISTINCT r.user_id FROM wifi_devices d
  JOIN radacct r ON r.mac_key = LOWER(REPLACE(REPLACE(d.mac, ':', ''), '-', ''))
    AND r.acctstoptime IS NULL
  WHERE d.operator_id = OLD.operator_id AND d.occupier_id = OLD.id AND r.user_id IS NOT NULL
  ON DUPLICATE KEY UPDATE version = version + 1;
END//

-- A session names its site (sites.name, "unknown site" when gone): a site's rename bumps its
-- operator's occupiers (sql/017), and so does its delete (no foreign key from radacct; sites
-- are deleted by hand if ever: accounts, numbers, devices and NAS reference them).
CREATE TRIGGER site_version_del BEFORE DELETE ON sites FOR EACH ROW
BEGIN
  UPDATE occupier_versions SET version = version + 1
  WHERE occupier_id IN (SELECT id FROM occupiers WHERE operator_id = OLD.operator_id);
END//

DELIMITER ;
