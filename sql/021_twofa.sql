-- 021 (issue 16): two-factor sign-in (TOTP, RFC 6238), invitation reminders, scheduled
-- offboarding.
--
-- users.totp_secret_enc: the TOTP secret sealed with the server key (as Wi-Fi passwords are);
-- NULL = two-factor sign-in off. totp_last_step: the last 30-second step accepted, so that a
-- code is never accepted twice (replay). leave_on: the scheduled leaving date (UTC); build/
-- scheduler deactivates the user on that date and clears it.
ALTER TABLE users
  ADD COLUMN totp_secret_enc VARBINARY(128) NULL,
  ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN leave_on DATE NULL,
  ADD KEY ix_user_leave (leave_on);

-- An operator may require two-factor sign-in of its team and of occupier admins, and turn the
-- invitation reminders off.
ALTER TABLE operators
  ADD COLUMN twofa_required TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN invite_reminders TINYINT(1) NOT NULL DEFAULT 1;

-- Ten one-time recovery codes per user, stored as argon2id strings (salted; no server key, so
-- a key rotation leaves them working); used_at marks a used one.
CREATE TABLE twofa_recovery (
  user_id   INT UNSIGNED NOT NULL,
  code_hash VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  used_at   DATETIME NULL,
  PRIMARY KEY (user_id, code_hash),
  CONSTRAINT fk_rec_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- The half-signed-in state between the password and the code: a short-lived record named by
-- the hash of a random cookie token, not a session. purpose 'code' asks for a code, 'setup'
-- (two-factor required but not set up) shows the set-up first; secret_enc holds the secret
-- being set up. failures counts wrong codes of this record (5 end it).
CREATE TABLE twofa_pending (
  token_hash BINARY(32) NOT NULL PRIMARY KEY,
  user_id    INT UNSIGNED NOT NULL,
  purpose    ENUM('code','setup') NOT NULL,
  next_path  VARCHAR(300) NOT NULL DEFAULT '',
  secret_enc VARBINARY(128) NULL,
  failures   INT UNSIGNED NOT NULL DEFAULT 0,
  expires_at DATETIME NOT NULL,
  KEY ix_pend_user (user_id),
  KEY ix_pend_exp (expires_at),
  CONSTRAINT fk_pend_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Invitation reminders: when the invitation was sent, how many reminders went (0, 1, 2), and
-- whether the row is an invitation to chase (a reminder's own link is not chased again).
ALTER TABLE user_tokens
  ADD COLUMN created_at DATETIME NULL,
  ADD COLUMN reminders TINYINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN chase TINYINT(1) NOT NULL DEFAULT 0,
  ADD KEY ix_tok_chase (kind, chase, reminders, created_at);
