/*
 * The text of every SQL statement of the programs, in one table indexed by enum stmt
 * (stmt.h), grouped by the table each one is about. `?` placeholders only: no statement is
 * ever built from input. A new statement is added here and in stmt.h; a statement that two
 * places need is written once.
 */
#include "stmt.h"

#define AUDIT_COLS \
	"SELECT DATE_FORMAT(a.at, '%Y-%m-%d %H:%i:%s'), a.actor_label, a.action, " \
	"a.subject_label, a.field, a.old_value, a.new_value, a.occupier_id, o.name, " \
	"a.subject_user_id FROM audit_log a LEFT JOIN occupiers o ON o.id = a.occupier_id "

#define AUDIT_PAGE "ORDER BY a.id DESC LIMIT ? OFFSET ?"

/* any text; who (the actor); what (the action); from and to (dates, to included) */
#define AUDIT_FILTER \
	"AND (? = '' OR a.subject_label LIKE ? OR a.actor_label LIKE ? OR a.action LIKE ?) " \
	"AND (? = '' OR a.actor_label LIKE ? OR a.actor_id IN (SELECT u.id FROM users u " \
	"WHERE u.operator_id = a.operator_id AND CONCAT(u.first_name, ' ', u.last_name) LIKE ?)) " \
	"AND (? = '' OR a.action = ?) " \
	"AND (? = '' OR a.at >= ?) AND (? = '' OR a.at < ? + INTERVAL 1 DAY) "

#define BULK_FROM " FROM users u LEFT JOIN wifi_accounts w ON w.user_id = u.id "

#define BULK_SELECT "u.id, CONCAT(u.first_name, ' ', u.last_name), u.email, u.role, " \
	"u.account_state, IFNULL(w.state, 'NO_ACCOUNT'), u.invited_portal, " \
	"IFNULL(w.homesite_id, 0)"

#define BULK_COLS BULK_SELECT BULK_FROM
#define BULK_COLS_TEXT BULK_SELECT ", u.search_text" BULK_FROM

/* Issue 16: an unanswered invitation is reminded 2 and 6 days after it was sent, unless its
 * operator turned reminders off; the claim repeats the condition under the row lock. */
#define REMIND_WHERE \
	"t.kind = 'invite' AND t.chase = 1 AND t.reminders < 2 AND t.expires_at > UTC_TIMESTAMP() " \
	"AND t.created_at <= UTC_TIMESTAMP() - INTERVAL IF(t.reminders = 0, 2, 6) DAY " \
	"AND o.invite_reminders = 1 AND u.account_state = 'AWAITING_VALIDATION' "

#define NUM_LIST \
	"SELECT n.id, n.number, n.extension, n.status, n.allocated, n.occupier_id, o.name, " \
	"n.user_id, CONCAT(u.first_name, ' ', u.last_name), u.email, s.id, s.name " \
	"FROM phone_numbers n JOIN sites s ON s.id = n.site_id AND s.operator_id = n.operator_id " \
	"LEFT JOIN occupiers o ON o.id = n.occupier_id " \
	"LEFT JOIN users u ON u.id = n.user_id "

/* The occupier's ACTIVE numbers at the number's site: the CLI choices (TEL-3). The same
 * condition decides in tel_parse() whether a chosen number is allowed. */
#define CLI_CANDIDATE \
	"FROM phone_numbers WHERE operator_id = ? AND site_id = ? AND occupier_id <=> ? " \
	"AND allocated = 1 AND status = 'ACTIVE' AND id <> ? "

#define TEL_SELECT \
	"SELECT n.id, n.operator_id, n.site_id, n.occupier_id, n.user_id, n.version, " \
	"n.status = 'PENDING', n.number, n.extension, s.name, n.default_pin, " \
	"n.custom_pin_hash IS NOT NULL, n.handset_type, n.handset_logged_in, " \
	"n.fwd_always, n.fwd_always_to, n.fwd_busy, n.fwd_busy_to, n.fwd_noanswer, " \
	"n.fwd_noanswer_to, n.voicemail, n.vm_to_email, n.vm_email, n.call_waiting, n.dnd, " \
	"n.cli, n.cli_number_id, c.number, n.hide_caller_id, n.auth_code, n.music_on_hold, " \
	"n.anon_reject " \
	"FROM phone_numbers n JOIN sites s ON s.id = n.site_id AND s.operator_id = n.operator_id " \
	"LEFT JOIN phone_numbers c ON c.id = n.cli_number_id AND c.operator_id = n.operator_id "

const char *const stmts[STMT__MAX] = {
	/* ------------------------------------------------------------ audit_log */
	[STMT_AUDIT_ADD] =
	    "INSERT INTO audit_log (operator_id, occupier_id, subject_user_id, subject_label, "
	    "actor_id, actor_label, action, field, old_value, new_value) "
	    "VALUES (?, ?, ?, LEFT(?, 300), ?, LEFT(?, 300), ?, ?, LEFT(?, 300), LEFT(?, 300))",
	/* One statement per scope, so that each uses its own index (see ix_audit_* in the schema). */
	[STMT_AUDIT_OP_COUNT] =
	    "SELECT COUNT(*) FROM audit_log a WHERE a.operator_id = ? " AUDIT_FILTER,
	[STMT_AUDIT_OP] =
	    AUDIT_COLS "WHERE a.operator_id = ? " AUDIT_FILTER AUDIT_PAGE,
	[STMT_AUDIT_OCC_COUNT] =
	    "SELECT COUNT(*) FROM audit_log a WHERE a.operator_id = ? AND a.occupier_id = ? "
	    AUDIT_FILTER,
	[STMT_AUDIT_OCC] =
	    AUDIT_COLS "WHERE a.operator_id = ? AND a.occupier_id = ? " AUDIT_FILTER AUDIT_PAGE,
	[STMT_AUDIT_USER_COUNT] =
	    "SELECT COUNT(*) FROM audit_log a WHERE a.operator_id = ? AND a.occupier_id = ? "
	    "AND a.subject_user_id = ? " AUDIT_FILTER,
	[STMT_AUDIT_USER] =
	    AUDIT_COLS "WHERE a.operator_id = ? AND a.occupier_id = ? AND a.subject_user_id = ? "
	    AUDIT_FILTER AUDIT_PAGE,
	[STMT_AUDIT_SUBJECT_GONE] =
	    "SELECT subject_label FROM audit_log WHERE operator_id = ? AND occupier_id = ? "
	    "AND subject_user_id = ? ORDER BY id DESC LIMIT 1",
	/* ------------------------------------------------------------ mail_outbox */
	[STMT_OUTBOX_ADD] =
	    "INSERT INTO mail_outbox (operator_id, to_addr, subject, body_text, body_html) "
	    "VALUES (?, ?, ?, ?, ?)",
	[STMT_DUE] =
	    "SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_try_at <= UTC_TIMESTAMP() "
	    "ORDER BY id LIMIT 20",
	[STMT_CLAIM] =
	    "SELECT to_addr, subject, HEX(body_text), HEX(body_html), attempts, "
	    "UNIX_TIMESTAMP(created_at), IFNULL(operator_id, 0) FROM mail_outbox "
	    "WHERE id = ? AND sent_at IS NULL AND next_try_at <= UTC_TIMESTAMP() "
	    "FOR UPDATE SKIP LOCKED",
	[STMT_MAIL_PAGE] =
	    "SELECT id, HEX(body_text), HEX(body_html) FROM mail_outbox WHERE id > ? "
	    "AND sent_at IS NULL AND LENGTH(body_text) > 0 ORDER BY id LIMIT 500",
	[STMT_MAIL_PUT] =
	    "UPDATE mail_outbox SET body_text = ?, body_html = ? WHERE id = ? AND sent_at IS NULL "
	    "AND body_text = UNHEX(?) AND body_html = UNHEX(?)",
	[STMT_MAIL_TAKE] =
	    "UPDATE mail_outbox SET claim_token = ?, next_try_at = UTC_TIMESTAMP() + INTERVAL ? SECOND "
	    "WHERE id = ?",
	[STMT_MAIL_SENT] =
	    "UPDATE mail_outbox SET sent_at = UTC_TIMESTAMP(), next_try_at = UTC_TIMESTAMP(), "
	    "body_text = '', body_html = '', last_error = NULL "
	    "WHERE id = ? AND claim_token = ? AND sent_at IS NULL",
	[STMT_MAIL_FAILED] =
	    "UPDATE mail_outbox SET attempts = attempts + 1, "
	    "next_try_at = UTC_TIMESTAMP() + INTERVAL ? SECOND, last_error = ? "
	    "WHERE id = ? AND claim_token = ? AND sent_at IS NULL",
	[STMT_MAIL_ROW_STATE] =
	    "SELECT sent_at IS NOT NULL, IFNULL(claim_token, '') FROM mail_outbox WHERE id = ?",
	[STMT_MAIL_GIVE_BACK] =
	    "UPDATE mail_outbox SET claim_token = NULL, next_try_at = UTC_TIMESTAMP() "
	    "WHERE id = ? AND claim_token = ? AND sent_at IS NULL",
	/* ------------------------------------------------------------ occupier_sites */
	/* The sites a device may be at: the occupier's, or any of the operator's for the account. */
	[STMT_OCC_SITES] =
	    "SELECT s.id, s.name FROM occupier_sites os JOIN sites s ON s.id = os.site_id "
	    "WHERE os.occupier_id = ? AND s.operator_id = ? ORDER BY s.name",
	[STMT_OCC_SITE] =
	    "SELECT s.id FROM occupier_sites os JOIN sites s ON s.id = os.site_id "
	    "WHERE os.occupier_id = ? AND s.id = ? AND s.operator_id = ?",
	/* ------------------------------------------------------------ occupiers */
	[STMT_OCC_COUNT] =
	    "SELECT COUNT(*) FROM occupiers WHERE operator_id = ? AND (? = '' OR name LIKE ?)",
	[STMT_ALLOC_CHOICES] =
	    "SELECT o.id, o.name FROM occupiers o JOIN occupier_sites os ON os.occupier_id = o.id "
	    "WHERE o.operator_id = ? AND os.site_id = ? ORDER BY o.name",
	[STMT_ALLOC_OK] =
	    "SELECT o.name FROM occupiers o JOIN occupier_sites os ON os.occupier_id = o.id "
	    "WHERE o.id = ? AND o.operator_id = ? AND os.site_id = ?",
	[STMT_SCOPE_OCC] =
	    "SELECT o.name, op.offers_occupier_experience, ov.version FROM occupiers o "
	    "JOIN operators op ON op.id = o.operator_id "
	    "LEFT JOIN occupier_versions ov ON ov.occupier_id = o.id "
	    "WHERE o.id = ? AND o.operator_id = ?",
	/* ------------------------------------------------------------ operators */
	[STMT_OPERATOR_BRAND] =
	    "SELECT o.name, o.brand_colour, IF(l.operator_id IS NULL, 0, o.logo_version), "
	    "IFNULL(o.base_url, '') "
	    "FROM operators o LEFT JOIN operator_logos l ON l.operator_id = o.id WHERE o.id = ?",
	/* Not part of the locking read: every message of an operator would contend for its row. */
	[STMT_OPERATOR_NAME] =
	    "SELECT name FROM operators WHERE id = ?",
	[STMT_BOUNDS] =
	    "SELECT wifi_devices_min, wifi_devices_max FROM operators WHERE id = ?",
	[STMT_SETTINGS] =
	    "SELECT name, brand_colour, offers_occupier_experience, portal_may_cli, portal_may_moh, "
	    "portal_may_acr, IFNULL(contact_email, ''), IFNULL(emergency_email, ''), "
	    "IFNULL(base_url, '') FROM operators WHERE id = ?",
	[STMT_BASE_URL_SET] =
	    "UPDATE operators SET base_url = ? WHERE id = ?",
	[STMT_SETTINGS_SAVE] =
	    "UPDATE operators SET name = ?, brand_colour = ?, offers_occupier_experience = ?, "
	    "portal_may_cli = ?, portal_may_moh = ?, portal_may_acr = ?, contact_email = ?, "
	    "emergency_email = ? WHERE id = ?",
	[STMT_PORTAL_MASK] =
	    "SELECT portal_may_cli, portal_may_moh, portal_may_acr FROM operators WHERE id = ?",
	/* ------------------------------------------------------------ phone_numbers */
	[STMT_NUMBERS] =
	    NUM_LIST "WHERE n.operator_id = ? AND (? = '' OR n.number LIKE ? OR n.extension LIKE ? "
	    "OR o.name LIKE ? OR u.email LIKE ? OR CONCAT(u.first_name, ' ', u.last_name) LIKE ?) "
	    "ORDER BY s.name, s.id, n.number LIMIT ?",
	[STMT_ACCOUNT_NUMBERS] =
	    NUM_LIST "WHERE n.operator_id = ? AND n.allocated = 1 AND n.occupier_id IS NULL "
	    "ORDER BY s.name, s.id, n.number LIMIT ?",
	[STMT_NUM_EXTRA] =
	    "SELECT n.allocated, o.name, u.id, CONCAT(u.first_name, ' ', u.last_name), u.email, "
	    "u.occupier_id, op.name FROM phone_numbers n JOIN operators op ON op.id = n.operator_id "
	    "LEFT JOIN occupiers o ON o.id = n.occupier_id "
	    "LEFT JOIN users u ON u.id = n.user_id WHERE n.id = ? AND n.operator_id = ?",
	[STMT_NUM_LOCK] =
	    "SELECT id FROM phone_numbers WHERE id = ? AND operator_id = ? AND version = ? FOR UPDATE",
	/* A new allocation drops the assignment and the CLI choices that named another tenancy's
	 * numbers; the change waits for the provisioning step (TEL-6). */
	[STMT_ALLOCATE] =
	    "UPDATE phone_numbers SET occupier_id = ?, allocated = ?, user_id = NULL, cli = 0, "
	    "cli_number_id = NULL, status = 'PENDING', version = version + 1 "
	    "WHERE id = ? AND operator_id = ?",
	/* Numbers that show this one as their CLI: it may no longer be theirs to show (TEL-5). */
	[STMT_CLI_USERS] =
	    "SELECT id, number, IFNULL(occupier_id, 0), IFNULL(user_id, 0) FROM phone_numbers "
	    "WHERE cli_number_id = ? AND operator_id = ? FOR UPDATE",
	[STMT_CLI_DROP] =
	    "UPDATE phone_numbers SET cli = 0, cli_number_id = NULL, status = 'PENDING', "
	    "version = version + 1 WHERE id = ? AND operator_id = ?",
	[STMT_ASSIGN] =
	    "UPDATE phone_numbers SET user_id = ?, status = 'PENDING', version = version + 1 "
	    "WHERE id = ? AND operator_id = ?",
	[STMT_LOCK_NUMBER] =
	    "SELECT id FROM phone_numbers WHERE id = ? FOR UPDATE",
	[STMT_CONFIG] =
	    "SELECT n.id, n.number, n.extension, s.name, n.operator_id, IFNULL(n.occupier_id, 0), "
	    "IFNULL(o.name, ''), IFNULL(n.user_id, 0), "
	    "IFNULL(CONCAT(u.first_name, ' ', u.last_name), ''), IFNULL(u.email, ''), n.version, "
	    "n.default_pin, n.custom_pin_hash IS NOT NULL, n.handset_type, n.handset_logged_in, "
	    "n.fwd_always, n.fwd_always_to, n.fwd_busy, n.fwd_busy_to, n.fwd_noanswer, "
	    "n.fwd_noanswer_to, n.voicemail, n.vm_to_email, n.vm_email, n.call_waiting, n.dnd, "
	    "n.cli, IFNULL(c.number, ''), n.hide_caller_id, n.auth_code, n.music_on_hold, "
	    "n.anon_reject "
	    "FROM phone_numbers n JOIN sites s ON s.id = n.site_id "
	    "LEFT JOIN occupiers o ON o.id = n.occupier_id AND o.operator_id = n.operator_id "
	    "LEFT JOIN users u ON u.id = n.user_id AND u.operator_id = n.operator_id "
	    "LEFT JOIN phone_numbers c ON c.id = n.cli_number_id AND c.operator_id = n.operator_id "
	    "WHERE n.id = ?",
	[STMT_ACTIVE] =
	    "UPDATE phone_numbers SET status = 'ACTIVE' WHERE id = ?",
	[STMT_TEL_BY_ID] =
	    TEL_SELECT "WHERE n.id = ? AND n.operator_id = ?",
	[STMT_TEL_BY_USER] =
	    TEL_SELECT "WHERE n.user_id = ? AND n.operator_id = ?",
	[STMT_CLI_CHOICES] =
	    "SELECT id, number, extension " CLI_CANDIDATE "ORDER BY number LIMIT 500",
	[STMT_CLI_CHECK] =
	    "SELECT number " CLI_CANDIDATE "AND id = ?",
	[STMT_TEL_SAVE] =
	    "UPDATE phone_numbers SET fwd_always = ?, fwd_always_to = ?, fwd_busy = ?, "
	    "fwd_busy_to = ?, fwd_noanswer = ?, fwd_noanswer_to = ?, voicemail = ?, "
	    "vm_to_email = ?, vm_email = ?, call_waiting = ?, dnd = ?, cli = ?, cli_number_id = ?, "
	    "hide_caller_id = ?, auth_code = ?, music_on_hold = ?, anon_reject = ?, "
	    "status = 'PENDING', version = version + 1 "
	    "WHERE id = ? AND operator_id = ? AND version = ?",
	[STMT_PIN_RESET] =
	    "UPDATE phone_numbers SET custom_pin_hash = NULL WHERE id = ? AND operator_id = ?",
	[STMT_HANDSET_LOGOUT] =
	    "UPDATE phone_numbers SET handset_logged_in = 0 WHERE id = ? AND operator_id = ? "
	    "AND handset_type = 'digital' AND handset_logged_in = 1",
	[STMT_FREE_NUMBER] =
	    "UPDATE phone_numbers SET user_id = NULL WHERE user_id = ? AND operator_id = ?",
	/* ------------------------------------------------------------ provisioned_config */
	[STMT_RECORD] =
	    "INSERT INTO provisioned_config (number_id, config, applied_at) "
	    "VALUES (?, ?, UTC_TIMESTAMP()) "
	    "ON DUPLICATE KEY UPDATE config = VALUES(config), applied_at = VALUES(applied_at)",
	/* ------------------------------------------------------------ provisioning_jobs */
	[STMT_JOB] =
	    "INSERT INTO provisioning_jobs (number_id) VALUES (?)",
	[STMT_PROVISIONER_DUE] =
	    "SELECT id FROM provisioning_jobs WHERE applied_at IS NULL "
	    "AND next_try_at <= UTC_TIMESTAMP() ORDER BY id LIMIT 20",
	[STMT_PROVISIONER_CLAIM] =
	    "SELECT number_id, attempts FROM provisioning_jobs WHERE id = ? AND applied_at IS NULL "
	    "AND next_try_at <= UTC_TIMESTAMP() FOR UPDATE SKIP LOCKED",
	[STMT_APPLIED] =
	    "UPDATE provisioning_jobs SET applied_at = UTC_TIMESTAMP(), attempts = attempts + 1, "
	    "last_error = NULL WHERE id = ?",
	[STMT_OTHERS_WAITING] =
	    "SELECT COUNT(*) FROM provisioning_jobs WHERE number_id = ? AND applied_at IS NULL "
	    "AND id <> ?",
	[STMT_PROVISIONER_FAILED] =
	    "UPDATE provisioning_jobs SET attempts = attempts + 1, last_error = LEFT(?, 255), "
	    "next_try_at = UTC_TIMESTAMP() + INTERVAL ? SECOND WHERE id = ?",
	/* ------------------------------------------------------------ sessions */
	/* The session carries its user's occupier: the session check reads it with its version. */
	[STMT_SESSION_NEW] =
	    "INSERT INTO sessions (token_hash, user_id, occupier_id, created_at, last_seen) "
	    "SELECT ?, id, occupier_id, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM users WHERE id = ?",
	/*
	 * Every request runs this: two rows by their primary keys. The version is that of the
	 * occupier the user had when the session was made (sql/007).
	 */
	[STMT_SESSION_GET] =
	    "SELECT STRAIGHT_JOIN s.user_id, IFNULL(s.occupier_id, 0), ov.version, "
	    "s.last_seen < UTC_TIMESTAMP() - INTERVAL ? MINUTE, "
	    "s.created_at < UTC_TIMESTAMP() - INTERVAL ? HOUR, "
	    "s.last_seen < UTC_TIMESTAMP() - INTERVAL 60 SECOND "
	    "FROM sessions s LEFT JOIN occupier_versions ov ON ov.occupier_id = s.occupier_id "
	    "WHERE s.token_hash = ?",
	[STMT_SESSION_MOVED] =
	    "UPDATE sessions SET occupier_id = NULLIF(?, 0) WHERE token_hash = ?",
	[STMT_SESSION_TOUCH] =
	    "UPDATE sessions SET last_seen = UTC_TIMESTAMP() WHERE token_hash = ?",
	[STMT_SESSION_DEL] =
	    "DELETE FROM sessions WHERE token_hash = ?",
	[STMT_SESSION_END_ALL] =
	    "DELETE FROM sessions WHERE user_id = ?",
	[STMT_SESSION_END_OTHERS] =
	    "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?",
	/* ------------------------------------------------------------ api_tokens */
	[STMT_API_TOKEN_NEW] =
	    "INSERT INTO api_tokens (token_hash, user_id, client, created_at, expires_at, "
	    "last_used) VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? DAY, "
	    "UTC_TIMESTAMP())",
	[STMT_API_TOKEN_GET] =
	    "SELECT STRAIGHT_JOIN t.id, t.user_id, IFNULL(u.occupier_id, 0), ov.version, "
	    "t.expires_at <= UTC_TIMESTAMP(), t.last_used < UTC_TIMESTAMP() - INTERVAL 60 SECOND, "
	    "u.invited_app FROM api_tokens t JOIN users u ON u.id = t.user_id "
	    "LEFT JOIN occupier_versions ov ON ov.occupier_id = u.occupier_id "
	    "WHERE t.token_hash = ?",
	[STMT_API_TOKEN_TOUCH] =
	    "UPDATE api_tokens SET last_used = UTC_TIMESTAMP() WHERE id = ?",
	[STMT_API_TOKEN_DEL] =
	    "DELETE FROM api_tokens WHERE id = ? AND user_id = ?",
	[STMT_API_TOKEN_END_ALL] =
	    "DELETE FROM api_tokens WHERE user_id = ?",
	[STMT_API_TOKEN_EXPIRED_DEL] =
	    "DELETE FROM api_tokens WHERE user_id = ? AND expires_at <= UTC_TIMESTAMP()",
	[STMT_API_TOKENS_OF] =
	    "SELECT id, client, DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ'), "
	    "DATE_FORMAT(expires_at, '%Y-%m-%dT%H:%i:%sZ'), "
	    "DATE_FORMAT(last_used, '%Y-%m-%dT%H:%i:%sZ') FROM api_tokens "
	    "WHERE user_id = ? AND expires_at > UTC_TIMESTAMP() ORDER BY id DESC LIMIT 50",
	/* ------------------------------------------------------------ signin_failures */
	[STMT_THROTTLE_CLEAR] =
	    "DELETE FROM signin_failures WHERE throttle_key = ?",
	/* The policy column: 1 back-off (accounts), 0 block at ? for 15 minutes (addresses, forgot). */
	[STMT_THROTTLE_ROW] =
	    "INSERT IGNORE INTO signin_failures (throttle_key, failures, first_at) "
	    "VALUES (?, 0, UTC_TIMESTAMP())",
	/* MariaDB evaluates the assignments of a single-table UPDATE left to right: first_at and
	 * blocked_until see the new failures. */
	[STMT_THROTTLE_TAKE] =
	    "UPDATE signin_failures SET "
	    "failures = IF(first_at < UTC_TIMESTAMP() - INTERVAL 15 MINUTE AND "
	    "IFNULL(blocked_until, first_at) < UTC_TIMESTAMP() - INTERVAL 15 MINUTE, 1, failures + 1), "
	    "first_at = IF(failures = 1, UTC_TIMESTAMP(), first_at), "
	    "blocked_until = CASE "
	    "WHEN ? = 1 AND failures >= 3 THEN UTC_TIMESTAMP() + "
	    "INTERVAL LEAST(POW(2, failures - 2), ?) SECOND "
	    "WHEN ? = 0 AND failures >= ? THEN UTC_TIMESTAMP() + INTERVAL 15 MINUTE "
	    "ELSE NULL END "
	    "WHERE throttle_key = ? AND (blocked_until IS NULL OR blocked_until <= UTC_TIMESTAMP())",
	[STMT_THROTTLE_WAIT] =
	    "SELECT GREATEST(1, TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), blocked_until)) "
	    "FROM signin_failures WHERE throttle_key = ?",
	[STMT_THROTTLE_GIVE_BACK] =
	    "UPDATE signin_failures SET failures = IF(failures > 0, failures - 1, 0), "
	    "blocked_until = IF(failures < ?, NULL, blocked_until) WHERE throttle_key = ?",
	/* ------------------------------------------------------------ site_services */
	[STMT_SERVICES] =
	    "SELECT site_id, service FROM site_services WHERE operator_id = ?",
	[STMT_SERVICE_DEL] =
	    "DELETE FROM site_services WHERE operator_id = ? AND site_id = ? AND service = ?",
	[STMT_SERVICE_ADD] =
	    "INSERT INTO site_services (operator_id, site_id, service) VALUES (?, ?, ?)",
	/* ------------------------------------------------------------ sites */
	[STMT_SITES] =
	    "SELECT id, name FROM sites WHERE operator_id = ? ORDER BY name",
	[STMT_SITE_OK] =
	    "SELECT name FROM sites WHERE id = ? AND operator_id = ?",
	[STMT_TEAM_SITE] =
	    "SELECT id FROM sites WHERE id = ? AND operator_id = ?",
	/* ------------------------------------------------------------ user_sites */
	[STMT_TEAM] =
	    "SELECT u.id, CONCAT(u.first_name, ' ', u.last_name), u.email, u.role, u.account_state, "
	    "IFNULL(w.state, 'NO_ACCOUNT'), (SELECT GROUP_CONCAT(s.name ORDER BY s.name SEPARATOR ', ') "
	    "FROM user_sites us JOIN sites s ON s.id = us.site_id WHERE us.user_id = u.id), "
	    "p.number, p.id, u.totp_secret_enc IS NOT NULL "
	    "FROM users u LEFT JOIN wifi_accounts w ON w.user_id = u.id "
	    "LEFT JOIN phone_numbers p ON p.user_id = u.id "
	    "WHERE u.operator_id = ? AND u.occupier_id IS NULL ORDER BY u.last_name, u.first_name, u.id",
	[STMT_SITE_ADD] =
	    "INSERT INTO user_sites (user_id, site_id) VALUES (?, ?)",
	[STMT_DEL_SITES] =
	    "DELETE FROM user_sites WHERE user_id = ?",
	[STMT_TEAM_SITES_OF] =
	    "SELECT s.id, s.name FROM user_sites us JOIN sites s ON s.id = us.site_id "
	    "WHERE us.user_id = ? AND s.operator_id = ? ORDER BY s.name",
	/* the other super admins who can still sign in, locked (the last one stays) */
	[STMT_TEAM_SUPERS] =
	    "SELECT id FROM users WHERE operator_id = ? AND occupier_id IS NULL "
	    "AND role = 'super_admin' AND account_state <> 'DEACTIVATED' AND id <> ? FOR UPDATE",
	/* ------------------------------------------------------------ user_tokens */
	[STMT_TOKEN_DEL] =
	    "DELETE FROM user_tokens WHERE user_id = ? AND kind = ?",
	[STMT_TOKEN_DEL_ALL] =
	    "DELETE FROM user_tokens WHERE user_id = ?",
	[STMT_TOKEN_ADD] =
	    "INSERT INTO user_tokens (token_hash, user_id, kind, expires_at, created_at, chase) "
	    "VALUES (?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? HOUR, UTC_TIMESTAMP(), 1)",
	[STMT_TOKEN_GET] =
	    "SELECT t.user_id, t.kind, u.email FROM user_tokens t JOIN users u ON u.id = t.user_id "
	    "WHERE t.token_hash = ? AND t.expires_at > UTC_TIMESTAMP() "
	    "AND u.account_state <> 'DEACTIVATED'",
	[STMT_TOKEN_USE] =
	    "DELETE FROM user_tokens WHERE token_hash = ?",
	/* ------------------------------------------------------------ users */
	/* The user's own fields, when they are not cached under that version (mecache.c), and for
	 * team members always. STRAIGHT_JOIN spares the optimizer its search of join orders (the
	 * order written is the only sensible one: each table by its primary key from the first). */
	[STMT_SESSION_USER] =
	    "SELECT STRAIGHT_JOIN u.id, u.operator_id, IFNULL(u.occupier_id, 0), u.role, "
	    "u.first_name, u.last_name, u.email, u.language, o.name, o.brand_colour, "
	    "o.offers_occupier_experience, oc.name, ov.version "
	    "FROM users u JOIN operators o ON o.id = u.operator_id "
	    "LEFT JOIN occupiers oc ON oc.id = u.occupier_id "
	    "LEFT JOIN occupier_versions ov ON ov.occupier_id = u.occupier_id "
	    "WHERE u.id = ? AND u.account_state IN ('AWAITING_VALIDATION','VALIDATED') "
	    "AND u.password_hash IS NOT NULL",
	/* The list's order; search_text is "first last\nemail" (sql/006), read from the index. */
	[STMT_LISTIDX] =
	    "SELECT id, search_text FROM users WHERE operator_id = ? AND occupier_id = ? "
	    "ORDER BY last_name, first_name, id",
	[STMT_LISTIDX_COUNT] =
	    "SELECT COUNT(*) FROM (SELECT 1 FROM users WHERE operator_id = ? AND occupier_id = ? "
	    "LIMIT ?) c",
	[STMT_MEMBER] =
	    "SELECT CONCAT(first_name, ' ', last_name), email, role FROM users "
	    "WHERE id = ? AND operator_id = ? AND occupier_id IS NULL",
	[STMT_AUDIT_SUBJECT] =
	    "SELECT CONCAT(first_name, ' ', last_name, ' <', email, '>') FROM users "
	    "WHERE id = ? AND operator_id = ? AND occupier_id = ?",
	[STMT_SIGNIN_CANDIDATES] =
	    "SELECT id, password_hash, account_state, occupier_id IS NULL AND role = 'user' "
	    "FROM users WHERE email = ? AND password_hash IS NOT NULL ORDER BY id LIMIT 3",
	[STMT_SIGNIN_OK] =
	    "UPDATE users SET last_sign_in = UTC_TIMESTAMP(), account_state = 'VALIDATED' "
	    "WHERE id = ? AND account_state = 'AWAITING_VALIDATION'",
	[STMT_SIGNIN_STAMP] =
	    "UPDATE users SET last_sign_in = UTC_TIMESTAMP() WHERE id = ?",
	[STMT_REHASH] =
	    "UPDATE users SET password_hash = ? WHERE id = ?",
	[STMT_RESET_USERS] =
	    "SELECT id, operator_id, language, first_name FROM users WHERE email = ? "
	    "AND account_state IN ('AWAITING_VALIDATION','VALIDATED') LIMIT 3",
	[STMT_SET_PASSWORD] =
	    "UPDATE users SET password_hash = ?, account_state = 'VALIDATED', "
	    "last_sign_in = UTC_TIMESTAMP(), version = version + 1 WHERE id = ?",
	[STMT_EMAILS_USED] =
	    "SELECT k.e FROM JSON_TABLE(?, '$[*]' COLUMNS (e VARCHAR(254) CHARACTER SET utf8mb4 "
	    "COLLATE utf8mb4_unicode_ci PATH '$')) k "
	    "JOIN users u ON u.operator_id = ? AND u.email = k.e",
	[STMT_EXPORT] =
	    "SELECT u.first_name, u.last_name, u.email, u.job_title, u.mobile_phone, u.direct_line, "
	    "u.language, u.role, w.state IS NOT NULL, w.device_limit, s.name, u.invited_portal, "
	    "u.invited_app, IFNULL(w.state, 'NO_ACCOUNT'), u.account_state, "
	    "IFNULL(p.number, ''), IFNULL(p.extension, '') "
	    "FROM users u LEFT JOIN wifi_accounts w ON w.user_id = u.id "
	    "LEFT JOIN sites s ON s.id = w.homesite_id "
	    "LEFT JOIN phone_numbers p ON p.user_id = u.id AND p.operator_id = u.operator_id "
	    "WHERE u.operator_id = ? AND u.occupier_id = ? ORDER BY u.last_name, u.first_name, u.id",
	[STMT_OCC_LIST] =
	    "SELECT o.id, o.name, (SELECT COUNT(*) FROM users u WHERE u.occupier_id = o.id), "
	    "(SELECT GROUP_CONCAT(s.name ORDER BY s.name SEPARATOR ', ') FROM occupier_sites os "
	    "JOIN sites s ON s.id = os.site_id WHERE os.occupier_id = o.id) "
	    "FROM occupiers o WHERE o.operator_id = ? AND (? = '' OR o.name LIKE ?) "
	    "ORDER BY o.name, o.id LIMIT ? OFFSET ?",
	[STMT_PROFILE] =
	    "SELECT first_name, last_name, job_title, mobile_phone, direct_line, language, email, "
	    "version, totp_secret_enc IS NOT NULL FROM users WHERE id = ? AND operator_id = ? "
	    "AND occupier_id = ?",
	[STMT_PROFILE_SAVE] =
	    "UPDATE users SET first_name = ?, last_name = ?, job_title = ?, mobile_phone = ?, "
	    "direct_line = ?, language = ?, version = version + 1, updated_at = UTC_TIMESTAMP() "
	    "WHERE id = ? AND operator_id = ? AND occupier_id <=> ? AND version = ?",
	/* Not MIN()/MAX(): MariaDB 10.11 reads those from a descending index (sql/008) by a walk of
	 * all the operator's users; a one-row read from each end of the index is immediate. */
	[STMT_SEARCH_BOUNDS] =
	    "SELECT (SELECT id FROM users FORCE INDEX (ix_user_op_search) WHERE operator_id = ? "
	    "ORDER BY id LIMIT 1), (SELECT id FROM users FORCE INDEX (ix_user_op_search) "
	    "WHERE operator_id = ? ORDER BY id DESC LIMIT 1)",
	/* Both give: id, first_name, last_name, email, occupier_id, occupier name, role. */
	[STMT_SEARCH_EXACT] =
	    "SELECT u.id, u.first_name, u.last_name, u.email, u.occupier_id, o.name, u.role "
	    "FROM users u LEFT JOIN occupiers o ON o.id = u.occupier_id "
	    "AND o.operator_id = u.operator_id WHERE u.operator_id = ? AND u.email = ?",
	/* The candidates: the users of the grams that ngram_pick's pattern matches. */
	[STMT_SEARCH_GRAM] =
	    "SELECT u.id, u.first_name, u.last_name, u.email, u.occupier_id, o.name, u.role "
	    "FROM (SELECT c.id FROM (SELECT DISTINCT user_id AS id FROM user_grams "
	    "WHERE operator_id = ? AND gram LIKE ? AND user_id < ?) c "
	    "STRAIGHT_JOIN users u ON u.id = c.id "
	    "WHERE u.operator_id = ? AND u.search_text LIKE ? "
	    "ORDER BY c.id DESC LIMIT ?) m JOIN users u ON u.id = m.id "
	    "LEFT JOIN occupiers o ON o.id = u.occupier_id AND o.operator_id = u.operator_id "
	    "ORDER BY u.id DESC",
	[STMT_SEARCH_SCAN] =
	    "SELECT u.id, u.first_name, u.last_name, u.email, u.occupier_id, o.name, u.role "
	    "FROM (SELECT id FROM users FORCE INDEX (ix_user_op_search) "
	    "WHERE operator_id = ? AND id < ? AND id >= ? "
	    "AND (? = '' OR search_text LIKE ?) "
	    "ORDER BY id DESC LIMIT ?) m JOIN users u ON u.id = m.id "
	    "LEFT JOIN occupiers o ON o.id = u.occupier_id AND o.operator_id = u.operator_id "
	    "ORDER BY u.id DESC",
	/* A gram's users with ids in [?, ?), newest first (gram =: one value of the primary key's
	 * second column, so user_id DESC is the index's order, read until LIMIT). */
	[STMT_GRAM_IDS] =
	    "SELECT user_id FROM user_grams WHERE operator_id = ? AND gram = ? AND user_id >= ? "
	    "AND user_id < ? ORDER BY user_id DESC LIMIT ?",
	/* The users of a JSON array of ids that match, newest first. */
	[STMT_SEARCH_IDS] =
	    "SELECT u.id, u.first_name, u.last_name, u.email, u.occupier_id, o.name, u.role "
	    "FROM JSON_TABLE(?, '$[*]' COLUMNS (id INT UNSIGNED PATH '$')) k "
	    "JOIN users u ON u.id = k.id AND u.operator_id = ? "
	    "LEFT JOIN occupiers o ON o.id = u.occupier_id AND o.operator_id = u.operator_id "
	    "WHERE u.search_text LIKE ? ORDER BY u.id DESC LIMIT ?",
	/* People who may get the number: of its occupier (or team members: occupier NULL), without
	 * a number of their own, or its current assignee. */
	[STMT_ASSIGNEES] =
	    "SELECT u.id, CONCAT(u.first_name, ' ', u.last_name), u.email FROM users u "
	    "LEFT JOIN phone_numbers p ON p.user_id = u.id "
	    "WHERE u.operator_id = ? AND u.occupier_id <=> ? AND (p.id IS NULL OR p.id = ?) "
	    "ORDER BY u.last_name, u.first_name, u.id LIMIT ?",
	[STMT_ASSIGNEE_OK] =
	    "SELECT u.email, u.direct_line, p.number FROM users u "
	    "LEFT JOIN phone_numbers p ON p.user_id = u.id AND p.id <> ? "
	    "WHERE u.id = ? AND u.operator_id = ? AND u.occupier_id <=> ? FOR UPDATE",
	/* TEL-1: the number replaces the user's Direct line. */
	[STMT_DIRECT_CLEAR] =
	    "UPDATE users SET direct_line = '', version = version + 1 WHERE id = ? AND operator_id = ?",
	[STMT_USER_GET] =
	    "SELECT u.id, u.first_name, u.last_name, u.email, u.job_title, u.mobile_phone, "
	    "u.direct_line, u.language, u.role, u.account_state, u.version, u.invited_portal, "
	    "u.invited_app, IFNULL(w.state, 'NO_ACCOUNT'), w.device_limit, w.homesite_id, s.name, "
	    "p.number, p.extension, p.status, p.id "
	    "FROM users u LEFT JOIN wifi_accounts w ON w.user_id = u.id "
	    "LEFT JOIN sites s ON s.id = w.homesite_id "
	    "LEFT JOIN phone_numbers p ON p.user_id = u.id AND p.operator_id = u.operator_id "
	    "WHERE u.id = ? AND u.operator_id = ? AND u.occupier_id <=> ?",
	[STMT_ACCOUNT_OFF] =
	    "UPDATE users SET account_state = 'DEACTIVATED', version = version + 1 "
	    "WHERE id = ? AND operator_id = ? AND occupier_id <=> ? "
	    "AND account_state IN ('AWAITING_VALIDATION','VALIDATED')",
	[STMT_ACCOUNT_ON] =
	    "UPDATE users SET account_state = IF(password_hash IS NOT NULL AND "
	    "last_sign_in IS NOT NULL, 'VALIDATED', 'AWAITING_VALIDATION'), version = version + 1 "
	    "WHERE id = ? AND operator_id = ? AND occupier_id <=> ? AND account_state = 'DEACTIVATED'",
	[STMT_USER_UPDATE] =
	    "UPDATE users SET first_name = ?, last_name = ?, email = ?, job_title = ?, "
	    "mobile_phone = ?, direct_line = ?, language = ?, role = ?, version = version + 1, "
	    "updated_at = UTC_TIMESTAMP() "
	    "WHERE id = ? AND operator_id = ? AND occupier_id <=> ? AND version = ?",
	[STMT_LIST_IDS] =
	    "SELECT id FROM users WHERE operator_id = ? AND occupier_id = ? "
	    "AND (? = '' OR search_text LIKE ?) "
	    "ORDER BY last_name, first_name, id LIMIT ?",
	/* The candidates: the occupier's users of the grams that ngram_pick's pattern matches
	 * (a range of ix_ug_occ, sql/025). */
	[STMT_LIST_GRAM_IDS] =
	    "SELECT u.id FROM (SELECT DISTINCT user_id AS id FROM user_grams FORCE INDEX (ix_ug_occ) "
	    "WHERE occupier_id = ? AND gram LIKE ? AND operator_id = ?) c "
	    "STRAIGHT_JOIN users u ON u.id = c.id "
	    "WHERE u.operator_id = ? AND u.occupier_id = ? AND u.search_text LIKE ? "
	    "ORDER BY u.last_name, u.first_name, u.id",
	/* The three give the same columns (issue 16: the leaving date and the invitation's expiry
	 * last, "" when none); spelled out, as scripts/bench.sh times them by name. */
	[STMT_LIST_ROWS] =
	    "SELECT u.id, u.first_name, u.last_name, u.email, u.role, u.account_state, "
	    "IFNULL(w.state, 'NO_ACCOUNT'), p.number, p.extension, "
	    "IFNULL(DATE_FORMAT(u.leave_on, '%Y-%m-%d'), ''), IFNULL((SELECT "
	    "DATE_FORMAT(MAX(t.expires_at), '%Y-%m-%d') FROM user_tokens t WHERE t.user_id = u.id "
	    "AND t.kind = 'invite'), '') "
	    "FROM JSON_TABLE(?, '$[*]' COLUMNS (id INT UNSIGNED PATH '$')) k "
	    "JOIN users u ON u.id = k.id AND u.operator_id = ? AND u.occupier_id = ? "
	    "LEFT JOIN wifi_accounts w ON w.user_id = u.id "
	    "LEFT JOIN phone_numbers p ON p.user_id = u.id AND p.operator_id = u.operator_id "
	    "ORDER BY u.last_name, u.first_name, u.id",
	[STMT_LIST] =
	    "SELECT u.id, u.first_name, u.last_name, u.email, u.role, u.account_state, "
	    "IFNULL(w.state, 'NO_ACCOUNT'), p.number, p.extension, "
	    "IFNULL(DATE_FORMAT(u.leave_on, '%Y-%m-%d'), ''), IFNULL((SELECT "
	    "DATE_FORMAT(MAX(t.expires_at), '%Y-%m-%d') FROM user_tokens t WHERE t.user_id = u.id "
	    "AND t.kind = 'invite'), '') "
	    "FROM (SELECT id FROM users WHERE operator_id = ? AND occupier_id = ? "
	    "AND (? = '' OR search_text LIKE ?) "
	    "ORDER BY last_name, first_name, id LIMIT ? OFFSET ?) k "
	    "JOIN users u ON u.id = k.id "
	    "LEFT JOIN wifi_accounts w ON w.user_id = u.id "
	    "LEFT JOIN phone_numbers p ON p.user_id = u.id AND p.operator_id = u.operator_id "
	    "ORDER BY u.last_name, u.first_name, u.id",
	[STMT_LIST_BY_EMAIL] =
	    "SELECT u.id, u.first_name, u.last_name, u.email, u.role, u.account_state, "
	    "IFNULL(w.state, 'NO_ACCOUNT'), p.number, p.extension, "
	    "IFNULL(DATE_FORMAT(u.leave_on, '%Y-%m-%d'), ''), IFNULL((SELECT "
	    "DATE_FORMAT(MAX(t.expires_at), '%Y-%m-%d') FROM user_tokens t WHERE t.user_id = u.id "
	    "AND t.kind = 'invite'), '') "
	    "FROM users u "
	    "LEFT JOIN wifi_accounts w ON w.user_id = u.id "
	    "LEFT JOIN phone_numbers p ON p.user_id = u.id AND p.operator_id = u.operator_id "
	    "WHERE u.operator_id = ? AND u.occupier_id = ? AND u.email = ?",
	[STMT_EMAIL_USED] =
	    "SELECT id, IFNULL(occupier_id, 0) FROM users WHERE operator_id = ? AND email = ? "
	    "AND id <> ?",
	[STMT_USER_ADD] =
	    "INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, "
	    "job_title, mobile_phone, direct_line, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_WHO] =
	    "SELECT id, email, language, first_name, CONCAT(first_name, ' ', last_name, ' <', "
	    "email, '>'), role, account_state, invited_portal, invited_app "
	    "FROM users WHERE id = ? AND operator_id = ? AND occupier_id <=> ? FOR UPDATE",
	[STMT_DEL_USER] =
	    "DELETE FROM users WHERE id = ? AND operator_id = ? AND occupier_id <=> ?",
	[STMT_INVITE_SET] =
	    "UPDATE users SET invited_portal = invited_portal OR ?, invited_app = invited_app OR ?, "
	    "account_state = IF(account_state = 'NOT_INVITED', 'AWAITING_VALIDATION', "
	    "account_state), version = version + 1 WHERE id = ?",
	[STMT_BULK_ONE] =
	    "SELECT " BULK_COLS "WHERE u.id = ? AND u.operator_id = ? AND u.occupier_id = ?",
	/* Every user of the occupier, with search_text last: bulk_targets applies the list's own
	 * matcher (listidx_text_matches), so "all matching" means exactly what the list showed. */
	[STMT_BULK_MATCH] =
	    "SELECT " BULK_COLS_TEXT "WHERE u.operator_id = ? AND u.occupier_id = ? "
	    "ORDER BY u.last_name, u.first_name, u.id",
	/* ------------------------------------------------------------ wifi_accounts */
	[STMT_WIFI] =
	    "SELECT w.state, s.name, w.device_limit FROM wifi_accounts w "
	    "JOIN users u ON u.id = w.user_id AND u.operator_id = ? "
	    "JOIN sites s ON s.id = w.homesite_id WHERE w.user_id = ?",
	[STMT_WIFI_SET] =
	    "UPDATE wifi_accounts w JOIN users u ON u.id = w.user_id "
	    "SET w.password_enc = ?, w.nt_hash = ?, w.password_set_at = UTC_TIMESTAMP() "
	    "WHERE w.user_id = ? AND u.operator_id = ? AND u.occupier_id = ? AND w.state = 'ACTIVE'",
	[STMT_WIFI_LIMIT] =
	    "UPDATE wifi_accounts SET device_limit = ? WHERE user_id = ?",
	[STMT_DEL_WIFI] =
	    "DELETE FROM wifi_accounts WHERE user_id = ?",
	[STMT_WIFI_GET] =
	    "SELECT w.state, w.homesite_id, w.device_limit, s.name FROM wifi_accounts w "
	    "JOIN sites s ON s.id = w.homesite_id WHERE w.user_id = ?",
	[STMT_WIFI_ADD] =
	    "INSERT INTO wifi_accounts (user_id, state, device_limit, homesite_id, password_enc, "
	    "nt_hash) VALUES (?, 'ACTIVE', ?, ?, ?, ?)",
	[STMT_WIFI_NEWPW] =
	    "UPDATE wifi_accounts SET state = 'ACTIVE', homesite_id = ?, password_enc = ?, "
	    "nt_hash = ?, password_set_at = UTC_TIMESTAMP() WHERE user_id = ?",
	[STMT_WIFI_OFF] =
	    "UPDATE wifi_accounts SET state = 'DEACTIVATED' WHERE user_id = ? AND state = 'ACTIVE'",
	[STMT_WIFI_PAGE] =
	    "SELECT user_id, HEX(password_enc) FROM wifi_accounts WHERE user_id > ? "
	    "ORDER BY user_id LIMIT 500",
	[STMT_WIFI_PUT] =
	    "UPDATE wifi_accounts SET password_enc = ? WHERE user_id = ? AND password_enc = UNHEX(?)",
	[STMT_NTHASH_TODO] =
	    "SELECT user_id, HEX(password_enc) FROM wifi_accounts "
	    "WHERE nt_hash IS NULL AND user_id > ? ORDER BY user_id LIMIT 500",
	[STMT_NTHASH_FILL] =
	    "UPDATE wifi_accounts SET nt_hash = ? "
	    "WHERE user_id = ? AND nt_hash IS NULL AND password_enc = ?",
	/* ------------------------------------------------------------ wifi_devices */
	[STMT_DEVICES] =
	    "SELECT d.id, d.name, d.type, d.mac, s.name FROM wifi_devices d "
	    "JOIN sites s ON s.id = d.site_id "
	    "WHERE d.operator_id = ? AND d.occupier_id <=> ? ORDER BY d.name, d.id",
	[STMT_DEVICE_ADD] =
	    "INSERT INTO wifi_devices (operator_id, occupier_id, site_id, name, type, mac) "
	    "VALUES (?, ?, ?, ?, ?, ?)",
	[STMT_DEVICE_GET] =
	    "SELECT d.name, d.type, d.mac, s.name, d.site_id FROM wifi_devices d "
	    "JOIN sites s ON s.id = d.site_id "
	    "WHERE d.id = ? AND d.operator_id = ? AND d.occupier_id <=> ?",
	[STMT_DEVICE_UPDATE] =
	    "UPDATE wifi_devices SET site_id = ?, name = ?, type = ?, mac = ? "
	    "WHERE id = ? AND operator_id = ? AND occupier_id <=> ?",
	[STMT_DEVICE_DEL] =
	    "DELETE FROM wifi_devices WHERE id = ? AND operator_id = ? AND occupier_id <=> ?",
	/* A MAC in Calling-Station-Id as 12 hex digits, any case and separators: matched with a shared
	 * Wi-Fi device's name where one has this MAC (WIFI-5). */
	[STMT_RADIUS_DEVICES] =
	    "SELECT r.radacctid, r.callingstationid, s.name, "
	    "DATE_FORMAT(r.acctstarttime, '%Y-%m-%d %H:%i'), "
	    "(SELECT d.name FROM wifi_devices d WHERE d.operator_id = u.operator_id "
	    "AND LOWER(REPLACE(REPLACE(d.mac, ':', ''), '-', '')) = "
	    "LOWER(REPLACE(REPLACE(REPLACE(r.callingstationid, ':', ''), '-', ''), '.', '')) LIMIT 1) "
	    "FROM radacct r JOIN users u ON u.id = r.user_id "
	    "LEFT JOIN sites s ON s.id = r.site_id AND s.operator_id = u.operator_id "
	    "WHERE r.user_id = ? AND u.operator_id = ? AND u.occupier_id <=> ? "
	    "AND r.acctstoptime IS NULL ORDER BY r.acctstarttime, r.radacctid LIMIT ?",
	/* ------------------------------------------------------------ radacct */
	[STMT_RADIUS_SESSION] =
	    "SELECT r.username, r.acctsessionid, r.callingstationid, r.nasipaddress, n.coa_address, "
	    "n.coa_port, n.coa_secret, u.email "
	    "FROM radacct r JOIN users u ON u.id = r.user_id "
	    "LEFT JOIN radius_nas n ON n.nas_key = r.nas_key AND n.operator_id = u.operator_id "
	    "WHERE r.radacctid = ? AND r.user_id = ? AND u.operator_id = ? AND u.occupier_id <=> ? "
	    "AND r.acctstoptime IS NULL FOR UPDATE",
	[STMT_RADIUS_SESSION_END] =
	    "UPDATE radacct SET acctstoptime = NOW(), acctterminatecause = 'Admin-Reset', "
	    "acctsessiontime = TIMESTAMPDIFF(SECOND, acctstarttime, NOW()) "
	    "WHERE radacctid = ? AND acctstoptime IS NULL",
	/* ------------------------------------------------------------ user_grams */
	/* Always LIKE, a range of the primary key: `gram = ? OR gram LIKE ?` with one of them NULL
	 * made MariaDB 10.11 read all the operator's rows. */
	[STMT_NGRAM_COUNT] =
	    "SELECT COUNT(*) FROM (SELECT 1 FROM user_grams WHERE operator_id = ? "
	    "AND gram LIKE ? LIMIT ?) c",
	/* The same within one occupier (ix_ug_occ, sql/025). */
	[STMT_NGRAM_COUNT_OCC] =
	    "SELECT COUNT(*) FROM (SELECT 1 FROM user_grams FORCE INDEX (ix_ug_occ) "
	    "WHERE occupier_id = ? AND gram LIKE ? AND operator_id = ? LIMIT ?) c",
	/* ------------------------------------------------------------ two-factor sign-in */
	/* The user's secret (NULL: off), last step accepted, address, whether the operator
	 * requires it of this user (its team, occupier admins), the operator's name (the issuer
	 * shown by authenticator apps) and the unused recovery codes. */
	[STMT_TFA_USER] =
	    "SELECT HEX(u.totp_secret_enc), u.totp_last_step, u.email, "
	    "o.twofa_required AND (u.occupier_id IS NULL OR u.role = 'admin'), o.name, "
	    "(SELECT COUNT(*) FROM twofa_recovery c WHERE c.user_id = u.id AND c.used_at IS NULL), "
	    "u.operator_id, IFNULL(u.occupier_id, 0) FROM users u JOIN operators o ON o.id = u.operator_id WHERE u.id = ?",
	[STMT_TFA_ENABLE] =
	    "UPDATE users SET totp_secret_enc = UNHEX(?), totp_last_step = ? WHERE id = ?",
	/* Taking a step is one conditional update: of two hosts given the same code at once,
	 * one changes the row and the other finds nothing (replay refused). */
	[STMT_TFA_STEP] =
	    "UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ? "
	    "AND totp_secret_enc IS NOT NULL",
	[STMT_TFA_RESET] =
	    "UPDATE users SET totp_secret_enc = NULL, totp_last_step = 0 "
	    "WHERE id = ? AND operator_id = ? AND occupier_id <=> ? AND totp_secret_enc IS NOT NULL",
	[STMT_TFA_REC_DEL] =
	    "DELETE FROM twofa_recovery WHERE user_id = ?",
	[STMT_TFA_REC_ADD] =
	    "INSERT INTO twofa_recovery (user_id, code_hash) VALUES (?, ?)",
	[STMT_TFA_REC_LIST] =
	    "SELECT code_hash FROM twofa_recovery WHERE user_id = ? AND used_at IS NULL",
	[STMT_TFA_REC_USE] =
	    "UPDATE twofa_recovery SET used_at = UTC_TIMESTAMP() "
	    "WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
	[STMT_TFA_PEND_ADD] =
	    "INSERT INTO twofa_pending (token_hash, user_id, purpose, next_path, secret_enc, "
	    "expires_at) VALUES (?, ?, ?, ?, UNHEX(?), UTC_TIMESTAMP() + INTERVAL ? SECOND)",
	[STMT_TFA_PEND_GET] =
	    "SELECT p.user_id, p.purpose, p.next_path, HEX(p.secret_enc), u.email "
	    "FROM twofa_pending p JOIN users u ON u.id = p.user_id "
	    "WHERE p.token_hash = ? AND p.expires_at > UTC_TIMESTAMP() AND p.failures < ? "
	    "AND u.account_state IN ('AWAITING_VALIDATION','VALIDATED')",
	[STMT_TFA_PEND_FAIL] =
	    "UPDATE twofa_pending SET failures = failures + 1 WHERE token_hash = ?",
	/* the record, and any expired one on the way */
	[STMT_TFA_PEND_DEL] =
	    "DELETE FROM twofa_pending WHERE token_hash = ? OR expires_at < UTC_TIMESTAMP()",
	[STMT_TFA_PEND_DEL_USER] =
	    "DELETE FROM twofa_pending WHERE user_id = ?",
	[STMT_TFA_SETTINGS] =
	    "SELECT twofa_required, invite_reminders FROM operators WHERE id = ?",
	[STMT_TFA_SETTINGS_SAVE] =
	    "UPDATE operators SET twofa_required = ?, invite_reminders = ? WHERE id = ?",
	/* build/rekey: the sealed secrets, 500 at a time, and one re-sealed unless it changed */
	[STMT_TOTP_PAGE] =
	    "SELECT id, HEX(totp_secret_enc) FROM users WHERE id > ? AND totp_secret_enc IS NOT NULL "
	    "ORDER BY id LIMIT 500",
	[STMT_TOTP_PUT] =
	    "UPDATE users SET totp_secret_enc = ? WHERE id = ? AND totp_secret_enc = UNHEX(?)",
	/* ------------------------------------------------------------ invitation reminders */
	[STMT_REMIND_DUE] =
	    "SELECT HEX(t.token_hash) FROM user_tokens t JOIN users u ON u.id = t.user_id "
	    "JOIN operators o ON o.id = u.operator_id WHERE " REMIND_WHERE "LIMIT ?",
	[STMT_REMIND_CLAIM] =
	    "SELECT t.user_id, u.operator_id, u.email, u.language, u.first_name, t.reminders, "
	    "IFNULL(u.occupier_id, 0), t.created_at <= UTC_TIMESTAMP() - INTERVAL 6 DAY, "
	    "DATE_FORMAT(t.expires_at, '%Y-%m-%d %H:%i'), "
	    "CONCAT(u.first_name, ' ', u.last_name, ' <', u.email, '>') "
	    "FROM user_tokens t JOIN users u ON u.id = t.user_id "
	    "JOIN operators o ON o.id = u.operator_id "
	    "WHERE t.token_hash = UNHEX(?) AND " REMIND_WHERE "FOR UPDATE SKIP LOCKED",
	[STMT_REMIND_MARK] =
	    "UPDATE user_tokens SET reminders = ? WHERE token_hash = UNHEX(?)",
	/* the reminder's own link: same expiry as the invitation's, not chased itself */
	[STMT_REMIND_TOKEN] =
	    "INSERT INTO user_tokens (token_hash, user_id, kind, expires_at, created_at, chase) "
	    "SELECT ?, user_id, 'invite', expires_at, created_at, 0 FROM user_tokens "
	    "WHERE token_hash = UNHEX(?)",
	/* ------------------------------------------------------------ scheduled offboarding */
	/* What the details page shows beside the user: two-factor on, the leaving date, the
	 * invitation's expiry and whether it has passed. */
	[STMT_USER_EXTRA] =
	    "SELECT u.totp_secret_enc IS NOT NULL, IFNULL(DATE_FORMAT(u.leave_on, '%Y-%m-%d'), ''), "
	    "IFNULL((SELECT DATE_FORMAT(MAX(t.expires_at), '%Y-%m-%d %H:%i') FROM user_tokens t "
	    "WHERE t.user_id = u.id AND t.kind = 'invite'), ''), "
	    "IFNULL((SELECT MAX(t.expires_at) < UTC_TIMESTAMP() FROM user_tokens t "
	    "WHERE t.user_id = u.id AND t.kind = 'invite'), 0) "
	    "FROM users u WHERE u.id = ? AND u.operator_id = ? AND u.occupier_id <=> ?",
	[STMT_LEAVE_SET] =
	    "UPDATE users SET leave_on = ?, version = version + 1 "
	    "WHERE id = ? AND operator_id = ? AND occupier_id <=> ?",
	[STMT_LEAVERS_DUE] =
	    "SELECT id FROM users WHERE leave_on <= UTC_DATE() ORDER BY leave_on, id LIMIT ?",
	[STMT_LEAVER_CLAIM] =
	    "SELECT id, operator_id, IFNULL(occupier_id, 0), "
	    "CONCAT(first_name, ' ', last_name, ' <', email, '>'), "
	    "DATE_FORMAT(leave_on, '%Y-%m-%d'), account_state "
	    "FROM users WHERE id = ? AND leave_on <= UTC_DATE() FOR UPDATE SKIP LOCKED",
	[STMT_LEAVER_NUMBER] =
	    "SELECT id, number FROM phone_numbers WHERE user_id = ? AND operator_id = ? FOR UPDATE",
	[STMT_LEAVER_DONE] =
	    "UPDATE users SET leave_on = NULL, account_state = 'DEACTIVATED', "
	    "version = version + 1 WHERE id = ?",
	/* ------------------------------------------------------------ import_pending */
	[STMT_IMPORT_PURGE] =
	    "DELETE FROM import_pending WHERE expires_at < UTC_TIMESTAMP()",
	[STMT_IMPORT_KEEP] =
	    "INSERT INTO import_pending (token_hash, session_hash, operator_id, occupier_id, "
	    "data_version, filename, body_enc, expires_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? MINUTE)",
	[STMT_IMPORT_TAKE] =
	    "SELECT data_version, filename, TO_BASE64(body_enc) FROM import_pending "
	    "WHERE token_hash = ? AND session_hash = ? AND operator_id = ? AND occupier_id = ? "
	    "AND expires_at >= UTC_TIMESTAMP() FOR UPDATE",
	[STMT_IMPORT_DROP] =
	    "DELETE FROM import_pending WHERE token_hash = ?",
	/* ------------------------------------------------------------ operator_logos */
	[STMT_LOGO_PUT] =
	    "INSERT INTO operator_logos (operator_id, mime, data) VALUES (?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE mime = VALUES(mime), data = VALUES(data)",
	[STMT_LOGO_DEL] =
	    "DELETE FROM operator_logos WHERE operator_id = ?",
	[STMT_LOGO_BUMP] =
	    "UPDATE operators SET logo_version = logo_version + 1 WHERE id = ?",
	[STMT_LOGO_GET] =
	    "SELECT mime, TO_BASE64(data) FROM operator_logos WHERE operator_id = ?",
	/* the logo's version when the operator has one (for its URL), else no row */
	[STMT_LOGO_OF] =
	    "SELECT o.logo_version FROM operators o JOIN operator_logos l ON l.operator_id = o.id "
	    "WHERE o.id = ?",
};
