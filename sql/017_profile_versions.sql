-- 017: My profile keeps the rows of its three reads (the user, the Wi-Fi account, the phone
-- number) per user under the occupier's data version (cgi-bin/rescache.c). Those reads show
-- two things whose writes did not bump the version yet:
--  * a site's name (the Wi-Fi home site, the phone number's site): any change of a site bumps
--    every occupier of its operator (sites change seldom; a site referenced by an account or
--    a number cannot be deleted: no ON DELETE on those keys);
--  * the digits of the number chosen as another number's caller ID (phone_numbers c in
--    tel.c's TEL_SELECT): a change of them, or its deletion (ON DELETE SET NULL, which fires
--    no trigger), bumps the occupiers of the users whose number shows it.
DELIMITER //

CREATE TRIGGER site_version_upd AFTER UPDATE ON sites FOR EACH ROW
BEGIN
  UPDATE occupier_versions SET version = version + 1
  WHERE occupier_id IN (SELECT id FROM occupiers WHERE operator_id IN (OLD.operator_id, NEW.operator_id));
END//

CREATE TRIGGER num_cli_version_upd AFTER UPDATE ON phone_numbers FOR EACH ROW
BEGIN
  IF NOT (OLD.number <=> NEW.number) THEN
    UPDATE occupier_versions SET version = version + 1
    WHERE occupier_id IN (SELECT u.occupier_id FROM phone_numbers p JOIN users u ON u.id = p.user_id
                          WHERE p.cli_number_id = OLD.id);
  END IF;
END//

CREATE TRIGGER num_cli_version_del BEFORE DELETE ON phone_numbers FOR EACH ROW
BEGIN
  UPDATE occupier_versions SET version = version + 1
  WHERE occupier_id IN (SELECT u.occupier_id FROM phone_numbers p JOIN users u ON u.id = p.user_id
                        WHERE p.cli_number_id = OLD.id);
END//

DELIMITER ;
