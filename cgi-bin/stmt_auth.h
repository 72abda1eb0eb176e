/*
 * Statements about sessions, API tokens, throttling, single-use links, two-factor sign-in,
 * invitation reminders: entries of the one statement table
 * (stmt.h explains STMT()). No include guard: stmt_all.h includes this file twice.
 */

/* Issue 16: an unanswered invitation is reminded 2 and 6 days after it was sent, unless its
 * operator turned reminders off; the claim repeats the condition under the row lock. */
#define REMIND_WHERE \
	"t.kind = 'invite' AND t.chase = 1 AND t.reminders < 2 AND t.expires_at > UTC_TIMESTAMP() " \
	"AND t.created_at <= UTC_TIMESTAMP() - INTERVAL IF(t.reminders = 0, 2, 6) DAY " \
	"AND o.invite_reminders = 1 AND u.account_state = 'AWAITING_VALIDATION' "

/* ------------------------------------------------------------ sessions */
/* The session carries its user's occupier: the session check reads it with its version. */
STMT(STMT_SESSION_NEW,
    "INSERT INTO sessions (token_hash, user_id, occupier_id, created_at, last_seen) "
    "SELECT ?, id, occupier_id, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM users WHERE id = ?")
/*
 * Every request runs this: three rows by their primary keys. The version is that of the
 * occupier the user had when the session was made (sql/007); the user's own version
 * (sql/026: its API tokens and Wi-Fi sessions; 0 before its first bump) keys My profile's page.
 */
STMT(STMT_SESSION_GET,
    "SELECT STRAIGHT_JOIN s.user_id, IFNULL(s.occupier_id, 0), ov.version, "
    "s.last_seen < UTC_TIMESTAMP() - INTERVAL ? MINUTE, "
    "s.created_at < UTC_TIMESTAMP() - INTERVAL ? HOUR, "
    "s.last_seen < UTC_TIMESTAMP() - INTERVAL 60 SECOND, IFNULL(uv.version, 0) "
    "FROM sessions s LEFT JOIN occupier_versions ov ON ov.occupier_id = s.occupier_id "
    "LEFT JOIN user_versions uv ON uv.user_id = s.user_id "
    "WHERE s.token_hash = ?")
STMT(STMT_SESSION_MOVED,
    "UPDATE sessions SET occupier_id = NULLIF(?, 0) WHERE token_hash = ?")
STMT(STMT_SESSION_TOUCH,
    "UPDATE sessions SET last_seen = UTC_TIMESTAMP() WHERE token_hash = ?")
STMT(STMT_SESSION_DEL,
    "DELETE FROM sessions WHERE token_hash = ?")
STMT(STMT_SESSION_END_ALL,
    "DELETE FROM sessions WHERE user_id = ?")
STMT(STMT_SESSION_END_OTHERS,
    "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?")

/* ------------------------------------------------------------ api_tokens */
STMT(STMT_API_TOKEN_NEW,
    "INSERT INTO api_tokens (token_hash, user_id, client, created_at, expires_at, "
    "last_used) VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? DAY, "
    "UTC_TIMESTAMP())")
STMT(STMT_API_TOKEN_GET,
    "SELECT STRAIGHT_JOIN t.id, t.user_id, IFNULL(u.occupier_id, 0), ov.version, "
    "t.expires_at <= UTC_TIMESTAMP(), t.last_used < UTC_TIMESTAMP() - INTERVAL 60 SECOND, "
    "u.invited_app FROM api_tokens t JOIN users u ON u.id = t.user_id "
    "LEFT JOIN occupier_versions ov ON ov.occupier_id = u.occupier_id "
    "WHERE t.token_hash = ?")
STMT(STMT_API_TOKEN_TOUCH,
    "UPDATE api_tokens SET last_used = UTC_TIMESTAMP() WHERE id = ?")
STMT(STMT_API_TOKEN_DEL,
    "DELETE FROM api_tokens WHERE id = ? AND user_id = ?")
STMT(STMT_API_TOKEN_END_ALL,
    "DELETE FROM api_tokens WHERE user_id = ?")
STMT(STMT_API_TOKEN_EXPIRED_DEL,
    "DELETE FROM api_tokens WHERE user_id = ? AND expires_at <= UTC_TIMESTAMP()")
/* The last column: whole seconds from now (the database's clock) to the token's expiry, when
 * it leaves the list without a write (a kept My profile page lives no longer). */
STMT(STMT_API_TOKENS_OF,
    "SELECT id, client, DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ'), "
    "DATE_FORMAT(expires_at, '%Y-%m-%dT%H:%i:%sZ'), "
    "DATE_FORMAT(last_used, '%Y-%m-%dT%H:%i:%sZ'), "
    "TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), expires_at) FROM api_tokens "
    "WHERE user_id = ? AND expires_at > UTC_TIMESTAMP() ORDER BY id DESC LIMIT 50")

/* ------------------------------------------------------------ signin_failures */
STMT(STMT_THROTTLE_CLEAR,
    "DELETE FROM signin_failures WHERE throttle_key = ?")
/* The policy column: 1 back-off (accounts), 0 block at ? for 15 minutes (addresses, forgot). */
STMT(STMT_THROTTLE_ROW,
    "INSERT IGNORE INTO signin_failures (throttle_key, failures, first_at) "
    "VALUES (?, 0, UTC_TIMESTAMP())")
/* MariaDB evaluates the assignments of a single-table UPDATE left to right: first_at and
 * blocked_until see the new failures. */
STMT(STMT_THROTTLE_TAKE,
    "UPDATE signin_failures SET "
    "failures = IF(first_at < UTC_TIMESTAMP() - INTERVAL 15 MINUTE AND "
    "IFNULL(blocked_until, first_at) < UTC_TIMESTAMP() - INTERVAL 15 MINUTE, 1, failures + 1), "
    "first_at = IF(failures = 1, UTC_TIMESTAMP(), first_at), "
    "blocked_until = CASE "
    "WHEN ? = 1 AND failures >= 3 THEN UTC_TIMESTAMP() + "
    "INTERVAL LEAST(POW(2, failures - 2), ?) SECOND "
    "WHEN ? = 0 AND failures >= ? THEN UTC_TIMESTAMP() + INTERVAL 15 MINUTE "
    "ELSE NULL END "
    "WHERE throttle_key = ? AND (blocked_until IS NULL OR blocked_until <= UTC_TIMESTAMP())")
STMT(STMT_THROTTLE_WAIT,
    "SELECT GREATEST(1, TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), blocked_until)) "
    "FROM signin_failures WHERE throttle_key = ?")
STMT(STMT_THROTTLE_GIVE_BACK,
    "UPDATE signin_failures SET failures = IF(failures > 0, failures - 1, 0), "
    "blocked_until = IF(failures < ?, NULL, blocked_until) WHERE throttle_key = ?")

/* ------------------------------------------------------------ user_tokens */
STMT(STMT_TOKEN_DEL,
    "DELETE FROM user_tokens WHERE user_id = ? AND kind = ?")
STMT(STMT_TOKEN_DEL_ALL,
    "DELETE FROM user_tokens WHERE user_id = ?")
STMT(STMT_TOKEN_ADD,
    "INSERT INTO user_tokens (token_hash, user_id, kind, expires_at, created_at, chase) "
    "VALUES (?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? HOUR, UTC_TIMESTAMP(), 1)")
STMT(STMT_TOKEN_GET,
    "SELECT t.user_id, t.kind, u.email FROM user_tokens t JOIN users u ON u.id = t.user_id "
    "WHERE t.token_hash = ? AND t.expires_at > UTC_TIMESTAMP() "
    "AND u.account_state <> 'DEACTIVATED'")
STMT(STMT_TOKEN_USE,
    "DELETE FROM user_tokens WHERE token_hash = ?")

/* ------------------------------------------------------------ two-factor sign-in */
/* The user's secret (NULL: off), last step accepted, address, whether the operator
 * requires it of this user (its team, occupier admins), the operator's name (the issuer
 * shown by authenticator apps) and the unused recovery codes. */
STMT(STMT_TFA_USER,
    "SELECT HEX(u.totp_secret_enc), u.totp_last_step, u.email, "
    "o.twofa_required AND (u.occupier_id IS NULL OR u.role = 'admin'), o.name, "
    "(SELECT COUNT(*) FROM twofa_recovery c WHERE c.user_id = u.id AND c.used_at IS NULL), "
    "u.operator_id, IFNULL(u.occupier_id, 0) FROM users u JOIN operators o ON o.id = u.operator_id WHERE u.id = ?")
STMT(STMT_TFA_ENABLE,
    "UPDATE users SET totp_secret_enc = UNHEX(?), totp_last_step = ? WHERE id = ?")
/* Taking a step is one conditional update: of two hosts given the same code at once,
 * one changes the row and the other finds nothing (replay refused). */
STMT(STMT_TFA_STEP,
    "UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ? "
    "AND totp_secret_enc IS NOT NULL")
STMT(STMT_TFA_RESET,
    "UPDATE users SET totp_secret_enc = NULL, totp_last_step = 0 "
    "WHERE id = ? AND operator_id = ? AND occupier_id <=> ? AND totp_secret_enc IS NOT NULL")
STMT(STMT_TFA_REC_DEL,
    "DELETE FROM twofa_recovery WHERE user_id = ?")
STMT(STMT_TFA_REC_ADD,
    "INSERT INTO twofa_recovery (user_id, code_hash) VALUES (?, ?)")
STMT(STMT_TFA_REC_LIST,
    "SELECT code_hash FROM twofa_recovery WHERE user_id = ? AND used_at IS NULL")
STMT(STMT_TFA_REC_USE,
    "UPDATE twofa_recovery SET used_at = UTC_TIMESTAMP() "
    "WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")
STMT(STMT_TFA_PEND_ADD,
    "INSERT INTO twofa_pending (token_hash, user_id, purpose, next_path, secret_enc, "
    "expires_at) VALUES (?, ?, ?, ?, UNHEX(?), UTC_TIMESTAMP() + INTERVAL ? SECOND)")
STMT(STMT_TFA_PEND_GET,
    "SELECT p.user_id, p.purpose, p.next_path, HEX(p.secret_enc), u.email "
    "FROM twofa_pending p JOIN users u ON u.id = p.user_id "
    "WHERE p.token_hash = ? AND p.expires_at > UTC_TIMESTAMP() AND p.failures < ? "
    "AND u.account_state IN ('AWAITING_VALIDATION','VALIDATED')")
STMT(STMT_TFA_PEND_FAIL,
    "UPDATE twofa_pending SET failures = failures + 1 WHERE token_hash = ?")
/* the record, and any expired one on the way */
STMT(STMT_TFA_PEND_DEL,
    "DELETE FROM twofa_pending WHERE token_hash = ? OR expires_at < UTC_TIMESTAMP()")
STMT(STMT_TFA_PEND_DEL_USER,
    "DELETE FROM twofa_pending WHERE user_id = ?")
STMT(STMT_TFA_SETTINGS,
    "SELECT twofa_required, invite_reminders FROM operators WHERE id = ?")
STMT(STMT_TFA_SETTINGS_SAVE,
    "UPDATE operators SET twofa_required = ?, invite_reminders = ? WHERE id = ?")
/* build/rekey: the sealed secrets, 500 at a time, and one re-sealed unless it changed */
STMT(STMT_TOTP_PAGE,
    "SELECT id, HEX(totp_secret_enc) FROM users WHERE id > ? AND totp_secret_enc IS NOT NULL "
    "ORDER BY id LIMIT 500")
STMT(STMT_TOTP_PUT,
    "UPDATE users SET totp_secret_enc = ? WHERE id = ? AND totp_secret_enc = UNHEX(?)")

/* ------------------------------------------------------------ invitation reminders */
STMT(STMT_REMIND_DUE,
    "SELECT HEX(t.token_hash) FROM user_tokens t JOIN users u ON u.id = t.user_id "
    "JOIN operators o ON o.id = u.operator_id WHERE " REMIND_WHERE "LIMIT ?")
STMT(STMT_REMIND_CLAIM,
    "SELECT t.user_id, u.operator_id, u.email, u.language, u.first_name, t.reminders, "
    "IFNULL(u.occupier_id, 0), t.created_at <= UTC_TIMESTAMP() - INTERVAL 6 DAY, "
    "DATE_FORMAT(t.expires_at, '%Y-%m-%d %H:%i'), "
    "CONCAT(u.first_name, ' ', u.last_name, ' <', u.email, '>'), u.invited_portal, "
    "u.invited_app "
    "FROM user_tokens t JOIN users u ON u.id = t.user_id "
    "JOIN operators o ON o.id = u.operator_id "
    "WHERE t.token_hash = UNHEX(?) AND " REMIND_WHERE "FOR UPDATE SKIP LOCKED")
STMT(STMT_REMIND_MARK,
    "UPDATE user_tokens SET reminders = ? WHERE token_hash = UNHEX(?)")
/* the reminder's own link: same expiry as the invitation's, not chased itself */
STMT(STMT_REMIND_TOKEN,
    "INSERT INTO user_tokens (token_hash, user_id, kind, expires_at, created_at, chase) "
    "SELECT ?, user_id, 'invite', expires_at, created_at, 0 FROM user_tokens "
    "WHERE token_hash = UNHEX(?)")
