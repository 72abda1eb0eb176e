-- 022 (issue 13): an operator's portal address names one operator (the sign-in page is branded
-- by the request's host name: db_operator_by_host), several contact addresses per kind, and the
-- operator-level notices that its emergency contacts receive.
ALTER TABLE operators ADD UNIQUE KEY ux_operators_base_url (base_url);

-- PLAT-6: contact addresses, several per kind (the settings page, one address a line).
CREATE TABLE operator_contacts (
  operator_id INT UNSIGNED NOT NULL,
  kind        ENUM('billing','technical','emergency') NOT NULL,
  email       VARCHAR(254) NOT NULL,
  PRIMARY KEY (operator_id, kind, email),
  CONSTRAINT fk_contact_op FOREIGN KEY (operator_id) REFERENCES operators(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO operator_contacts (operator_id, kind, email)
  SELECT id, 'technical', contact_email FROM operators WHERE contact_email IS NOT NULL;
INSERT IGNORE INTO operator_contacts (operator_id, kind, email)
  SELECT id, 'emergency', emergency_email FROM operators WHERE emergency_email IS NOT NULL;
ALTER TABLE operators DROP COLUMN contact_email, DROP COLUMN emergency_email;

-- Operator-level notices for the emergency contacts: a message the mailer could not deliver
-- after 5 attempts, a provisioning job the provisioner could not apply after 5 attempts.
-- Written by the triggers below in the failing program's own transaction, at most once per
-- message or job (the unique key), and turned into email by build/scheduler through the
-- outbox. The notices' own messages carry mail_outbox.notice = 1 and never raise one: a
-- notice that cannot be delivered does not start a loop.
ALTER TABLE mail_outbox ADD COLUMN notice TINYINT(1) NOT NULL DEFAULT 0;

CREATE TABLE operator_notices (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operator_id INT UNSIGNED NOT NULL,
  kind        ENUM('mail_failed','job_failed') NOT NULL,
  ref_id      BIGINT UNSIGNED NOT NULL,
  what        VARCHAR(300) NOT NULL,
  error       VARCHAR(255) NOT NULL DEFAULT '',
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  sent_at     DATETIME NULL,
  UNIQUE KEY ux_notice_ref (kind, ref_id),
  KEY ix_notice_todo (sent_at, id),
  CONSTRAINT fk_notice_op FOREIGN KEY (operator_id) REFERENCES operators(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DELIMITER //

CREATE TRIGGER outbox_notice AFTER UPDATE ON mail_outbox FOR EACH ROW
BEGIN
  IF NEW.notice = 0 AND NEW.sent_at IS NULL AND NEW.attempts >= 5 AND OLD.attempts < 5
     AND NEW.operator_id IS NOT NULL AND NEW.operator_id > 0 THEN
    INSERT IGNORE INTO operator_notices (operator_id, kind, ref_id, what, error)
      VALUES (NEW.operator_id, 'mail_failed', NEW.id,
              LEFT(CONCAT(NEW.to_addr, ': ', NEW.subject), 300), IFNULL(NEW.last_error, ''));
  END IF;
END//

CREATE TRIGGER job_notice AFTER UPDATE ON provisioning_jobs FOR EACH ROW
BEGIN
  IF NEW.applied_at IS NULL AND NEW.attempts >= 5 AND OLD.attempts < 5 THEN
    INSERT IGNORE INTO operator_notices (operator_id, kind, ref_id, what, error)
      SELECT n.operator_id, 'job_failed', NEW.id, n.number, IFNULL(NEW.last_error, '')
      FROM phone_numbers n WHERE n.id = NEW.number_id;
  END IF;
END//

DELIMITER ;
