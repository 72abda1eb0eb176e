-- 020 (issue 16 item 1): bearer tokens of the JSON API (/api/v1/) for the mobile app. Like
-- sessions, only a BLAKE2b hash of the token is stored. A token expires at expires_at, is
-- revoked by deleting its row (My profile, the user's details page, or sign-out through the
-- API), and goes with its user. `id` names a token in the lists without revealing its hash.
CREATE TABLE api_tokens (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash  BINARY(32) NOT NULL,
  user_id     INT UNSIGNED NOT NULL,
  client      VARCHAR(100) NOT NULL DEFAULT '',
  created_at  DATETIME NOT NULL,
  expires_at  DATETIME NOT NULL,
  last_used   DATETIME NOT NULL,
  UNIQUE KEY uq_api_token (token_hash),
  KEY ix_api_token_user (user_id),
  CONSTRAINT fk_api_token_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
) ENGINE=InnoDB;
