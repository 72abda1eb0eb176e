-- 001: the whole data model of SPEC section 1 (tenancy, users, accounts, Wi-Fi, telephony,
-- sessions, mail outbox, audit log). InnoDB everywhere: foreign keys and transactions.
-- Every table that holds tenant data carries operator_id so that every query can be scoped by it.

CREATE TABLE operators (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name          VARCHAR(100) NOT NULL,
  brand_colour  CHAR(7) NOT NULL DEFAULT '#1f5fbf',
  logo_text     VARCHAR(40) NULL,
  offers_occupier_experience TINYINT(1) NOT NULL DEFAULT 1,
  wifi_devices_min TINYINT UNSIGNED NOT NULL DEFAULT 1,
  wifi_devices_max TINYINT UNSIGNED NOT NULL DEFAULT 10,
  -- TEL-4: features the operator lets the portal edit beyond the defaults
  portal_may_cli  TINYINT(1) NOT NULL DEFAULT 0,
  portal_may_moh  TINYINT(1) NOT NULL DEFAULT 0,
  portal_may_acr  TINYINT(1) NOT NULL DEFAULT 0,
  contact_email   VARCHAR(254) NULL,
  emergency_email VARCHAR(254) NULL,
  created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sites (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operator_id INT UNSIGNED NOT NULL,
  name        VARCHAR(100) NOT NULL,
  UNIQUE KEY uq_site_name (operator_id, name),
  KEY ix_site_op (operator_id, id),
  CONSTRAINT fk_site_op FOREIGN KEY (operator_id) REFERENCES operators(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE occupiers (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operator_id INT UNSIGNED NOT NULL,
  name        VARCHAR(100) NOT NULL,
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_occ_name (operator_id, name),
  KEY ix_occ_op (operator_id, id),
  CONSTRAINT fk_occ_op FOREIGN KEY (operator_id) REFERENCES operators(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Sites where an occupier has space: the choices for a Wi-Fi homesite (WIFI-2).
CREATE TABLE occupier_sites (
  occupier_id INT UNSIGNED NOT NULL,
  site_id     INT UNSIGNED NOT NULL,
  PRIMARY KEY (occupier_id, site_id),
  CONSTRAINT fk_os_occ FOREIGN KEY (occupier_id) REFERENCES occupiers(id) ON DELETE CASCADE,
  CONSTRAINT fk_os_site FOREIGN KEY (site_id) REFERENCES sites(id)
) ENGINE=InnoDB;

-- One row per person: occupier users (occupier_id set) and operator team members (occupier_id
-- NULL). The email is stored lower-cased and is unique within one operator.
CREATE TABLE users (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operator_id  INT UNSIGNED NOT NULL,
  occupier_id  INT UNSIGNED NULL,
  role         ENUM('user','admin','super_admin') NOT NULL DEFAULT 'user',
  first_name   VARCHAR(100) NOT NULL,
  last_name    VARCHAR(100) NOT NULL,
  email        VARCHAR(254) NOT NULL,
  job_title    VARCHAR(100) NOT NULL DEFAULT '',
  mobile_phone VARCHAR(32) NOT NULL DEFAULT '',
  direct_line  VARCHAR(32) NOT NULL DEFAULT '',
  language     CHAR(2) NOT NULL DEFAULT 'en',
  -- user account for portal and app (AUTH-6, AUTH-7)
  account_state ENUM('NOT_INVITED','AWAITING_VALIDATION','VALIDATED','DEACTIVATED')
                NOT NULL DEFAULT 'NOT_INVITED',
  invited_portal TINYINT(1) NOT NULL DEFAULT 0,
  invited_app    TINYINT(1) NOT NULL DEFAULT 0,
  password_hash  VARCHAR(255) NULL,
  last_sign_in   DATETIME NULL,
  version      INT UNSIGNED NOT NULL DEFAULT 1,   -- optimistic locking (UM-9)
  created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_user_email (operator_id, email),
  KEY ix_user_occ_name (occupier_id, last_name, first_name, id),
  KEY ix_user_email (email),
  FULLTEXT KEY ft_user (first_name, last_name, email),
  CONSTRAINT fk_user_op FOREIGN KEY (operator_id) REFERENCES operators(id),
  CONSTRAINT fk_user_occ FOREIGN KEY (occupier_id) REFERENCES occupiers(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Sites a team member works at (PLAT-6).
CREATE TABLE user_sites (
  user_id INT UNSIGNED NOT NULL,
  site_id INT UNSIGNED NOT NULL,
  PRIMARY KEY (user_id, site_id),
  CONSTRAINT fk_us_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
  CONSTRAINT fk_us_site FOREIGN KEY (site_id) REFERENCES sites(id)
) ENGINE=InnoDB;

-- Wi-Fi Secure account (WIFI-1..4). No row = NO ACCOUNT. The password is encrypted with
-- crypto_secretbox under the server key (a RADIUS server needs the clear text).
CREATE TABLE wifi_accounts (
  user_id      INT UNSIGNED NOT NULL PRIMARY KEY,
  state        ENUM('ACTIVE','DEACTIVATED') NOT NULL DEFAULT 'ACTIVE',
  device_limit TINYINT UNSIGNED NOT NULL DEFAULT 3,
  homesite_id  INT UNSIGNED NOT NULL,
  password_enc VARBINARY(128) NOT NULL,
  password_set_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ix_wifi_state (state),
  CONSTRAINT fk_wifi_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
  CONSTRAINT fk_wifi_site FOREIGN KEY (homesite_id) REFERENCES sites(id)
) ENGINE=InnoDB;

-- Shared Wi-Fi devices (WIFI-5): occupier's (occupier_id set) or the operator account's.
CREATE TABLE wifi_devices (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operator_id INT UNSIGNED NOT NULL,
  occupier_id INT UNSIGNED NULL,
  site_id     INT UNSIGNED NOT NULL,
  name        VARCHAR(100) NOT NULL,
  type        VARCHAR(40) NOT NULL,
  mac         CHAR(17) NOT NULL,
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_dev_mac (operator_id, mac),
  KEY ix_dev_occ (operator_id, occupier_id),
  CONSTRAINT fk_dev_op FOREIGN KEY (operator_id) REFERENCES operators(id),
  CONSTRAINT fk_dev_occ FOREIGN KEY (occupier_id) REFERENCES occupiers(id) ON DELETE CASCADE,
  CONSTRAINT fk_dev_site FOREIGN KEY (site_id) REFERENCES sites(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Telephony (TEL-1..3). A number belongs to an operator at a site, is allocated to an occupier
-- (occupier_id) or to the operator's account (occupier_id NULL), and assigned to at most one user.
CREATE TABLE phone_numbers (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operator_id  INT UNSIGNED NOT NULL,
  site_id      INT UNSIGNED NOT NULL,
  occupier_id  INT UNSIGNED NULL,
  allocated    TINYINT(1) NOT NULL DEFAULT 0,
  user_id      INT UNSIGNED NULL,
  number       VARCHAR(20) NOT NULL,
  extension    VARCHAR(8) NOT NULL,
  status       ENUM('ACTIVE','PENDING') NOT NULL DEFAULT 'ACTIVE',
  default_pin  CHAR(6) NOT NULL,
  custom_pin_hash VARCHAR(255) NULL,
  handset_type ENUM('none','analogue','digital') NOT NULL DEFAULT 'none',
  handset_logged_in TINYINT(1) NOT NULL DEFAULT 0,
  fwd_always   TINYINT(1) NOT NULL DEFAULT 0,
  fwd_always_to VARCHAR(20) NOT NULL DEFAULT '',
  fwd_busy     TINYINT(1) NOT NULL DEFAULT 0,
  fwd_busy_to  VARCHAR(20) NOT NULL DEFAULT '',
  fwd_noanswer TINYINT(1) NOT NULL DEFAULT 0,
  fwd_noanswer_to VARCHAR(20) NOT NULL DEFAULT '',
  voicemail    TINYINT(1) NOT NULL DEFAULT 0,
  vm_to_email  TINYINT(1) NOT NULL DEFAULT 0,
  vm_email     VARCHAR(254) NOT NULL DEFAULT '',
  call_waiting TINYINT(1) NOT NULL DEFAULT 0,
  dnd          TINYINT(1) NOT NULL DEFAULT 0,
  cli          TINYINT(1) NOT NULL DEFAULT 0,
  cli_number_id INT UNSIGNED NULL,
  hide_caller_id TINYINT(1) NOT NULL DEFAULT 0,
  auth_code    TINYINT(1) NOT NULL DEFAULT 0,
  music_on_hold TINYINT(1) NOT NULL DEFAULT 0,
  anon_reject  TINYINT(1) NOT NULL DEFAULT 0,
  version      INT UNSIGNED NOT NULL DEFAULT 1,
  UNIQUE KEY uq_number (operator_id, number),
  UNIQUE KEY uq_number_user (user_id),
  KEY ix_num_site (operator_id, site_id),
  KEY ix_num_occ (occupier_id, site_id, status),
  CONSTRAINT fk_num_op FOREIGN KEY (operator_id) REFERENCES operators(id),
  CONSTRAINT fk_num_site FOREIGN KEY (site_id) REFERENCES sites(id),
  CONSTRAINT fk_num_occ FOREIGN KEY (occupier_id) REFERENCES occupiers(id) ON DELETE SET NULL,
  CONSTRAINT fk_num_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE SET NULL,
  CONSTRAINT fk_num_cli FOREIGN KEY (cli_number_id) REFERENCES phone_numbers(id) ON DELETE SET NULL
) ENGINE=InnoDB;

-- TEL-6: queued changes for the provisioning program, and what it last applied.
CREATE TABLE provisioning_jobs (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  number_id   INT UNSIGNED NOT NULL,
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  applied_at  DATETIME NULL,
  attempts    INT UNSIGNED NOT NULL DEFAULT 0,
  last_error  VARCHAR(255) NULL,
  KEY ix_prov_todo (applied_at, id),
  CONSTRAINT fk_prov_num FOREIGN KEY (number_id) REFERENCES phone_numbers(id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE provisioned_config (
  number_id   INT UNSIGNED NOT NULL PRIMARY KEY,
  config      TEXT NOT NULL,
  applied_at  DATETIME NOT NULL,
  CONSTRAINT fk_pc_num FOREIGN KEY (number_id) REFERENCES phone_numbers(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- AUTH-3: only a hash of the session token is stored.
CREATE TABLE sessions (
  token_hash  BINARY(32) NOT NULL PRIMARY KEY,
  user_id     INT UNSIGNED NOT NULL,
  created_at  DATETIME NOT NULL,
  last_seen   DATETIME NOT NULL,
  KEY ix_sess_user (user_id),
  CONSTRAINT fk_sess_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- AUTH-6, AUTH-8: single-use, expiring links; only a hash of the token is stored.
CREATE TABLE user_tokens (
  token_hash  BINARY(32) NOT NULL PRIMARY KEY,
  user_id     INT UNSIGNED NOT NULL,
  kind        ENUM('invite','reset') NOT NULL,
  expires_at  DATETIME NOT NULL,
  KEY ix_tok_user (user_id, kind),
  CONSTRAINT fk_tok_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- AUTH-5: failed sign-ins per account and per client address.
CREATE TABLE signin_failures (
  throttle_key VARCHAR(300) NOT NULL PRIMARY KEY,
  failures     INT UNSIGNED NOT NULL DEFAULT 0,
  first_at     DATETIME NOT NULL,
  blocked_until DATETIME NULL
) ENGINE=InnoDB;

-- MAIL-2: written in the same transaction as the change; delivered by build/mailer.
CREATE TABLE mail_outbox (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operator_id INT UNSIGNED NULL,
  to_addr     VARCHAR(254) NOT NULL,
  subject     VARCHAR(300) NOT NULL,
  body_text   MEDIUMBLOB NOT NULL,     -- crypto_secretbox: links and Wi-Fi passwords are secrets
  body_html   MEDIUMBLOB NOT NULL,
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  attempts    INT UNSIGNED NOT NULL DEFAULT 0,
  next_try_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  sent_at     DATETIME NULL,
  last_error  VARCHAR(255) NULL,
  KEY ix_outbox_todo (sent_at, next_try_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- PLAT-8: who changed what and when. Never a password, PIN or token.
CREATE TABLE audit_log (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operator_id INT UNSIGNED NOT NULL,
  occupier_id INT UNSIGNED NULL,
  subject_user_id INT UNSIGNED NULL,
  subject_label VARCHAR(300) NOT NULL DEFAULT '',
  actor_id    INT UNSIGNED NULL,
  actor_label VARCHAR(300) NOT NULL DEFAULT '',
  at          DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  action      VARCHAR(40) NOT NULL,
  field       VARCHAR(60) NOT NULL DEFAULT '',
  old_value   VARCHAR(300) NOT NULL DEFAULT '',
  new_value   VARCHAR(300) NOT NULL DEFAULT '',
  KEY ix_audit_op (operator_id, id),
  KEY ix_audit_occ (operator_id, occupier_id, id),
  KEY ix_audit_user (operator_id, subject_user_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- PLAT-6: services activated per site for the operator's account.
CREATE TABLE site_services (
  operator_id INT UNSIGNED NOT NULL,
  site_id     INT UNSIGNED NOT NULL,
  service     VARCHAR(40) NOT NULL,
  PRIMARY KEY (site_id, service),
  CONSTRAINT fk_ss_op FOREIGN KEY (operator_id) REFERENCES operators(id),
  CONSTRAINT fk_ss_site FOREIGN KEY (site_id) REFERENCES sites(id)
) ENGINE=InnoDB;
