-- 018 (issue 13, PLAT-2): "Add N users" imports the file that a dry run found clean without a
-- second upload. The checked file is kept here, sealed with the server key (secret_seal), until
-- the one click or for 30 minutes; it is bound to the session that checked it (the session
-- token's hash), to the operator and the occupier, and to the occupier's data version at the
-- check (sql/005): a change to the occupier's users meanwhile refuses the import.
-- token_hash is the BLAKE2b hash of the random token the report's form carries.
CREATE TABLE import_pending (
  token_hash   BINARY(32) NOT NULL PRIMARY KEY,
  session_hash BINARY(32) NOT NULL,
  operator_id  INT UNSIGNED NOT NULL,
  occupier_id  INT UNSIGNED NOT NULL,
  data_version BIGINT UNSIGNED NOT NULL,
  filename     VARCHAR(255) NOT NULL,
  body_enc     LONGBLOB NOT NULL,
  expires_at   DATETIME NOT NULL,
  KEY ix_import_pending_expires (expires_at),
  CONSTRAINT fk_ip_occ FOREIGN KEY (occupier_id) REFERENCES occupiers(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
