/*
 * Statements about phone numbers and their provisioning (phone_numbers, provisioned_config,
 * provisioning_jobs): entries of the one statement table
 * (stmt.h explains STMT()). No include guard: stmt_all.h includes this file twice.
 */

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

/* ------------------------------------------------------------ phone_numbers */
STMT(STMT_NUMBERS,
    NUM_LIST "WHERE n.operator_id = ? AND (? = '' OR n.number LIKE ? OR n.extension LIKE ? "
    "OR o.name LIKE ? OR u.email LIKE ? OR CONCAT(u.first_name, ' ', u.last_name) LIKE ?) "
    "ORDER BY s.name, s.id, n.number LIMIT ?")
STMT(STMT_ACCOUNT_NUMBERS,
    NUM_LIST "WHERE n.operator_id = ? AND n.allocated = 1 AND n.occupier_id IS NULL "
    "ORDER BY s.name, s.id, n.number LIMIT ?")
STMT(STMT_NUM_EXTRA,
    "SELECT n.allocated, o.name, u.id, CONCAT(u.first_name, ' ', u.last_name), u.email, "
    "u.occupier_id, op.name FROM phone_numbers n JOIN operators op ON op.id = n.operator_id "
    "LEFT JOIN occupiers o ON o.id = n.occupier_id "
    "LEFT JOIN users u ON u.id = n.user_id WHERE n.id = ? AND n.operator_id = ?")
STMT(STMT_NUM_LOCK,
    "SELECT id FROM phone_numbers WHERE id = ? AND operator_id = ? AND version = ? FOR UPDATE")
/* A new allocation drops the assignment and the CLI choices that named another tenancy's
 * numbers; the change waits for the provisioning step (TEL-6). */
STMT(STMT_ALLOCATE,
    "UPDATE phone_numbers SET occupier_id = ?, allocated = ?, user_id = NULL, cli = 0, "
    "cli_number_id = NULL, status = 'PENDING', version = version + 1 "
    "WHERE id = ? AND operator_id = ?")
/* Numbers that show this one as their CLI: it may no longer be theirs to show (TEL-5). */
STMT(STMT_CLI_USERS,
    "SELECT id, number, IFNULL(occupier_id, 0), IFNULL(user_id, 0) FROM phone_numbers "
    "WHERE cli_number_id = ? AND operator_id = ? FOR UPDATE")
STMT(STMT_CLI_DROP,
    "UPDATE phone_numbers SET cli = 0, cli_number_id = NULL, status = 'PENDING', "
    "version = version + 1 WHERE id = ? AND operator_id = ?")
STMT(STMT_ASSIGN,
    "UPDATE phone_numbers SET user_id = ?, status = 'PENDING', version = version + 1 "
    "WHERE id = ? AND operator_id = ?")
STMT(STMT_LOCK_NUMBER,
    "SELECT id FROM phone_numbers WHERE id = ? FOR UPDATE")
STMT(STMT_CONFIG,
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
    "WHERE n.id = ?")
STMT(STMT_ACTIVE,
    "UPDATE phone_numbers SET status = 'ACTIVE' WHERE id = ?")
STMT(STMT_TEL_BY_ID,
    TEL_SELECT "WHERE n.id = ? AND n.operator_id = ?")
STMT(STMT_TEL_BY_USER,
    TEL_SELECT "WHERE n.user_id = ? AND n.operator_id = ?")
STMT(STMT_CLI_CHOICES,
    "SELECT id, number, extension " CLI_CANDIDATE "ORDER BY number LIMIT 500")
STMT(STMT_CLI_CHECK,
    "SELECT number " CLI_CANDIDATE "AND id = ?")
STMT(STMT_TEL_SAVE,
    "UPDATE phone_numbers SET fwd_always = ?, fwd_always_to = ?, fwd_busy = ?, "
    "fwd_busy_to = ?, fwd_noanswer = ?, fwd_noanswer_to = ?, voicemail = ?, "
    "vm_to_email = ?, vm_email = ?, call_waiting = ?, dnd = ?, cli = ?, cli_number_id = ?, "
    "hide_caller_id = ?, auth_code = ?, music_on_hold = ?, anon_reject = ?, "
    "status = 'PENDING', version = version + 1 "
    "WHERE id = ? AND operator_id = ? AND version = ?")
STMT(STMT_PIN_RESET,
    "UPDATE phone_numbers SET custom_pin_hash = NULL WHERE id = ? AND operator_id = ?")
STMT(STMT_HANDSET_LOGOUT,
    "UPDATE phone_numbers SET handset_logged_in = 0 WHERE id = ? AND operator_id = ? "
    "AND handset_type = 'digital' AND handset_logged_in = 1")
STMT(STMT_FREE_NUMBER,
    "UPDATE phone_numbers SET user_id = NULL WHERE user_id = ? AND operator_id = ?")

/* ------------------------------------------------------------ provisioned_config */
STMT(STMT_RECORD,
    "INSERT INTO provisioned_config (number_id, config, applied_at) "
    "VALUES (?, ?, UTC_TIMESTAMP()) "
    "ON DUPLICATE KEY UPDATE config = VALUES(config), applied_at = VALUES(applied_at)")

/* ------------------------------------------------------------ provisioning_jobs */
STMT(STMT_JOB,
    "INSERT INTO provisioning_jobs (number_id) VALUES (?)")
STMT(STMT_PROVISIONER_DUE,
    "SELECT id FROM provisioning_jobs WHERE applied_at IS NULL "
    "AND next_try_at <= UTC_TIMESTAMP() ORDER BY id LIMIT 20")
STMT(STMT_PROVISIONER_CLAIM,
    "SELECT number_id, attempts FROM provisioning_jobs WHERE id = ? AND applied_at IS NULL "
    "AND next_try_at <= UTC_TIMESTAMP() FOR UPDATE SKIP LOCKED")
STMT(STMT_APPLIED,
    "UPDATE provisioning_jobs SET applied_at = UTC_TIMESTAMP(), attempts = attempts + 1, "
    "last_error = NULL WHERE id = ?")
STMT(STMT_OTHERS_WAITING,
    "SELECT COUNT(*) FROM provisioning_jobs WHERE number_id = ? AND applied_at IS NULL "
    "AND id <> ?")
STMT(STMT_PROVISIONER_FAILED,
    "UPDATE provisioning_jobs SET attempts = attempts + 1, last_error = LEFT(?, 255), "
    "next_try_at = UTC_TIMESTAMP() + INTERVAL ? SECOND WHERE id = ?")
