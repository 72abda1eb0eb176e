/*
 * Statements about users (with scheduled offboarding), user_grams, import_pending: entries of the one statement table
 * (stmt.h explains STMT()). No include guard: stmt_all.h includes this file twice.
 */

#define BULK_FROM " FROM users u LEFT JOIN wifi_accounts w ON w.user_id = u.id "

#define BULK_SELECT "u.id, CONCAT(u.first_name, ' ', u.last_name), u.email, u.role, " \
	"u.account_state, IFNULL(w.state, 'NO_ACCOUNT'), u.invited_portal, " \
	"IFNULL(w.homesite_id, 0)"

#define BULK_COLS BULK_SELECT BULK_FROM

#define BULK_COLS_TEXT BULK_SELECT ", u.search_text" BULK_FROM

/* ------------------------------------------------------------ users */
/* The user's own fields, when they are not cached under that version (mecache.c), and for
 * team members always. STRAIGHT_JOIN spares the optimizer its search of join orders (the
 * order written is the only sensible one: each table by its primary key from the first). */
STMT(STMT_SESSION_USER,
    "SELECT STRAIGHT_JOIN u.id, u.operator_id, IFNULL(u.occupier_id, 0), u.role, "
    "u.first_name, u.last_name, u.email, u.language, o.name, o.brand_colour, "
    "o.offers_occupier_experience, oc.name, ov.version "
    "FROM users u JOIN operators o ON o.id = u.operator_id "
    "LEFT JOIN occupiers oc ON oc.id = u.occupier_id "
    "LEFT JOIN occupier_versions ov ON ov.occupier_id = u.occupier_id "
    "WHERE u.id = ? AND u.account_state IN ('AWAITING_VALIDATION','VALIDATED') "
    "AND u.password_hash IS NOT NULL")
/* The list's order; search_text is "first last\nemail" (sql/006), read from the index. */
STMT(STMT_LISTIDX,
    "SELECT id, search_text FROM users WHERE operator_id = ? AND occupier_id = ? "
    "ORDER BY last_name, first_name, id")
STMT(STMT_LISTIDX_COUNT,
    "SELECT COUNT(*) FROM (SELECT 1 FROM users WHERE operator_id = ? AND occupier_id = ? "
    "LIMIT ?) c")
STMT(STMT_MEMBER,
    "SELECT CONCAT(first_name, ' ', last_name), email, role FROM users "
    "WHERE id = ? AND operator_id = ? AND occupier_id IS NULL")
STMT(STMT_AUDIT_SUBJECT,
    "SELECT CONCAT(first_name, ' ', last_name, ' <', email, '>') FROM users "
    "WHERE id = ? AND operator_id = ? AND occupier_id = ?")
STMT(STMT_SIGNIN_CANDIDATES,
    "SELECT id, password_hash, account_state, occupier_id IS NULL AND role = 'user' "
    "FROM users WHERE email = ? AND password_hash IS NOT NULL ORDER BY id LIMIT 3")
STMT(STMT_SIGNIN_OK,
    "UPDATE users SET last_sign_in = UTC_TIMESTAMP(), account_state = 'VALIDATED' "
    "WHERE id = ? AND account_state = 'AWAITING_VALIDATION'")
STMT(STMT_SIGNIN_STAMP,
    "UPDATE users SET last_sign_in = UTC_TIMESTAMP() WHERE id = ?")
/* issue 13: an occupier user invited to the app and not to the portal */
STMT(STMT_USER_APP_ONLY,
    "SELECT occupier_id IS NOT NULL AND invited_app = 1 AND invited_portal = 0 "
    "FROM users WHERE id = ?")
STMT(STMT_REHASH,
    "UPDATE users SET password_hash = ? WHERE id = ?")
STMT(STMT_RESET_USERS,
    "SELECT id, operator_id, language, first_name FROM users WHERE email = ? "
    "AND account_state IN ('AWAITING_VALIDATION','VALIDATED') LIMIT 3")
STMT(STMT_SET_PASSWORD,
    "UPDATE users SET password_hash = ?, account_state = 'VALIDATED', "
    "last_sign_in = UTC_TIMESTAMP(), version = version + 1 WHERE id = ?")
STMT(STMT_EMAILS_USED,
    "SELECT k.e FROM JSON_TABLE(?, '$[*]' COLUMNS (e VARCHAR(254) CHARACTER SET utf8mb4 "
    "COLLATE utf8mb4_unicode_ci PATH '$')) k "
    "JOIN users u ON u.operator_id = ? AND u.email = k.e")
STMT(STMT_EXPORT,
    "SELECT u.first_name, u.last_name, u.email, u.job_title, u.mobile_phone, u.direct_line, "
    "u.language, u.role, w.state IS NOT NULL, w.device_limit, s.name, u.invited_portal, "
    "u.invited_app, IFNULL(w.state, 'NO_ACCOUNT'), u.account_state, "
    "IFNULL(p.number, ''), IFNULL(p.extension, '') "
    "FROM users u LEFT JOIN wifi_accounts w ON w.user_id = u.id "
    "LEFT JOIN sites s ON s.id = w.homesite_id "
    "LEFT JOIN phone_numbers p ON p.user_id = u.id AND p.operator_id = u.operator_id "
    "WHERE u.operator_id = ? AND u.occupier_id = ? ORDER BY u.last_name, u.first_name, u.id")
STMT(STMT_OCC_LIST,
    "SELECT o.id, o.name, (SELECT COUNT(*) FROM users u WHERE u.occupier_id = o.id), "
    "(SELECT GROUP_CONCAT(s.name ORDER BY s.name SEPARATOR ', ') FROM occupier_sites os "
    "JOIN sites s ON s.id = os.site_id WHERE os.occupier_id = o.id) "
    "FROM occupiers o WHERE o.operator_id = ? AND (? = '' OR o.name LIKE ?) "
    "ORDER BY o.name, o.id LIMIT ? OFFSET ?")
STMT(STMT_PROFILE,
    "SELECT first_name, last_name, job_title, mobile_phone, direct_line, language, email, "
    "version, totp_secret_enc IS NOT NULL FROM users WHERE id = ? AND operator_id = ? "
    "AND occupier_id = ?")
STMT(STMT_PROFILE_SAVE,
    "UPDATE users SET first_name = ?, last_name = ?, job_title = ?, mobile_phone = ?, "
    "direct_line = ?, language = ?, version = version + 1, updated_at = UTC_TIMESTAMP() "
    "WHERE id = ? AND operator_id = ? AND occupier_id <=> ? AND version = ?")
/* Not MIN()/MAX(): MariaDB 10.11 reads those from a descending index (sql/008) by a walk of
 * all the operator's users; a one-row read from each end of the index is immediate. */
STMT(STMT_SEARCH_BOUNDS,
    "SELECT (SELECT id FROM users FORCE INDEX (ix_user_op_search) WHERE operator_id = ? "
    "ORDER BY id LIMIT 1), (SELECT id FROM users FORCE INDEX (ix_user_op_search) "
    "WHERE operator_id = ? ORDER BY id DESC LIMIT 1)")
/* Both give: id, first_name, last_name, email, occupier_id, occupier name, role. */
STMT(STMT_SEARCH_EXACT,
    "SELECT u.id, u.first_name, u.last_name, u.email, u.occupier_id, o.name, u.role "
    "FROM users u LEFT JOIN occupiers o ON o.id = u.occupier_id "
    "AND o.operator_id = u.operator_id WHERE u.operator_id = ? AND u.email = ?")
/* The candidates: the users of the grams that ngram_pick's pattern matches. */
STMT(STMT_SEARCH_GRAM,
    "SELECT u.id, u.first_name, u.last_name, u.email, u.occupier_id, o.name, u.role "
    "FROM (SELECT c.id FROM (SELECT DISTINCT user_id AS id FROM user_grams "
    "WHERE operator_id = ? AND gram LIKE ? AND user_id < ?) c "
    "STRAIGHT_JOIN users u ON u.id = c.id "
    "WHERE u.operator_id = ? AND u.search_text LIKE ? "
    "ORDER BY c.id DESC LIMIT ?) m JOIN users u ON u.id = m.id "
    "LEFT JOIN occupiers o ON o.id = u.occupier_id AND o.operator_id = u.operator_id "
    "ORDER BY u.id DESC")
STMT(STMT_SEARCH_SCAN,
    "SELECT u.id, u.first_name, u.last_name, u.email, u.occupier_id, o.name, u.role "
    "FROM (SELECT id FROM users FORCE INDEX (ix_user_op_search) "
    "WHERE operator_id = ? AND id < ? AND id >= ? "
    "AND (? = '' OR search_text LIKE ?) "
    "ORDER BY id DESC LIMIT ?) m JOIN users u ON u.id = m.id "
    "LEFT JOIN occupiers o ON o.id = u.occupier_id AND o.operator_id = u.operator_id "
    "ORDER BY u.id DESC")
/* A gram's users with ids in [?, ?), newest first (gram =: one value of the primary key's
 * second column, so user_id DESC is the index's order, read until LIMIT). */
STMT(STMT_GRAM_IDS,
    "SELECT user_id FROM user_grams WHERE operator_id = ? AND gram = ? AND user_id >= ? "
    "AND user_id < ? ORDER BY user_id DESC LIMIT ?")
/* The users of a JSON array of ids that match, newest first. */
STMT(STMT_SEARCH_IDS,
    "SELECT u.id, u.first_name, u.last_name, u.email, u.occupier_id, o.name, u.role "
    "FROM JSON_TABLE(?, '$[*]' COLUMNS (id INT UNSIGNED PATH '$')) k "
    "JOIN users u ON u.id = k.id AND u.operator_id = ? "
    "LEFT JOIN occupiers o ON o.id = u.occupier_id AND o.operator_id = u.operator_id "
    "WHERE u.search_text LIKE ? ORDER BY u.id DESC LIMIT ?")
/* People who may get the number: of its occupier (or team members: occupier NULL), without
 * a number of their own, or its current assignee. */
STMT(STMT_ASSIGNEES,
    "SELECT u.id, CONCAT(u.first_name, ' ', u.last_name), u.email FROM users u "
    "LEFT JOIN phone_numbers p ON p.user_id = u.id "
    "WHERE u.operator_id = ? AND u.occupier_id <=> ? AND (p.id IS NULL OR p.id = ?) "
    "ORDER BY u.last_name, u.first_name, u.id LIMIT ?")
STMT(STMT_ASSIGNEE_OK,
    "SELECT u.email, u.direct_line, p.number FROM users u "
    "LEFT JOIN phone_numbers p ON p.user_id = u.id AND p.id <> ? "
    "WHERE u.id = ? AND u.operator_id = ? AND u.occupier_id <=> ? FOR UPDATE")
/* TEL-1: the number replaces the user's Direct line. */
STMT(STMT_DIRECT_CLEAR,
    "UPDATE users SET direct_line = '', version = version + 1 WHERE id = ? AND operator_id = ?")
STMT(STMT_USER_GET,
    "SELECT u.id, u.first_name, u.last_name, u.email, u.job_title, u.mobile_phone, "
    "u.direct_line, u.language, u.role, u.account_state, u.version, u.invited_portal, "
    "u.invited_app, IFNULL(w.state, 'NO_ACCOUNT'), w.device_limit, w.homesite_id, s.name, "
    "p.number, p.extension, p.status, p.id "
    "FROM users u LEFT JOIN wifi_accounts w ON w.user_id = u.id "
    "LEFT JOIN sites s ON s.id = w.homesite_id "
    "LEFT JOIN phone_numbers p ON p.user_id = u.id AND p.operator_id = u.operator_id "
    "WHERE u.id = ? AND u.operator_id = ? AND u.occupier_id <=> ?")
STMT(STMT_ACCOUNT_OFF,
    "UPDATE users SET account_state = 'DEACTIVATED', version = version + 1 "
    "WHERE id = ? AND operator_id = ? AND occupier_id <=> ? "
    "AND account_state IN ('AWAITING_VALIDATION','VALIDATED')")
STMT(STMT_ACCOUNT_ON,
    "UPDATE users SET account_state = IF(password_hash IS NOT NULL AND "
    "last_sign_in IS NOT NULL, 'VALIDATED', 'AWAITING_VALIDATION'), version = version + 1 "
    "WHERE id = ? AND operator_id = ? AND occupier_id <=> ? AND account_state = 'DEACTIVATED'")
STMT(STMT_USER_UPDATE,
    "UPDATE users SET first_name = ?, last_name = ?, email = ?, job_title = ?, "
    "mobile_phone = ?, direct_line = ?, language = ?, role = ?, version = version + 1, "
    "updated_at = UTC_TIMESTAMP() "
    "WHERE id = ? AND operator_id = ? AND occupier_id <=> ? AND version = ?")
STMT(STMT_LIST_IDS,
    "SELECT id FROM users WHERE operator_id = ? AND occupier_id = ? "
    "AND (? = '' OR search_text LIKE ?) "
    "ORDER BY last_name, first_name, id LIMIT ?")
/* The candidates: the occupier's users of the grams that ngram_pick's pattern matches
 * (a range of ix_ug_occ, sql/025). */
STMT(STMT_LIST_GRAM_IDS,
    "SELECT u.id FROM (SELECT DISTINCT user_id AS id FROM user_grams FORCE INDEX (ix_ug_occ) "
    "WHERE occupier_id = ? AND gram LIKE ? AND operator_id = ?) c "
    "STRAIGHT_JOIN users u ON u.id = c.id "
    "WHERE u.operator_id = ? AND u.occupier_id = ? AND u.search_text LIKE ? "
    "ORDER BY u.last_name, u.first_name, u.id")
/* The three give the same columns (issue 16: the leaving date and the invitation's expiry
 * last, "" when none); spelled out, as scripts/bench.sh times them by name. */
STMT(STMT_LIST_ROWS,
    "SELECT u.id, u.first_name, u.last_name, u.email, u.role, u.account_state, "
    "IFNULL(w.state, 'NO_ACCOUNT'), p.number, p.extension, "
    "IFNULL(DATE_FORMAT(u.leave_on, '%Y-%m-%d'), ''), IFNULL((SELECT "
    "DATE_FORMAT(MAX(t.expires_at), '%Y-%m-%d') FROM user_tokens t WHERE t.user_id = u.id "
    "AND t.kind = 'invite'), '') "
    "FROM JSON_TABLE(?, '$[*]' COLUMNS (id INT UNSIGNED PATH '$')) k "
    "JOIN users u ON u.id = k.id AND u.operator_id = ? AND u.occupier_id = ? "
    "LEFT JOIN wifi_accounts w ON w.user_id = u.id "
    "LEFT JOIN phone_numbers p ON p.user_id = u.id AND p.operator_id = u.operator_id "
    "ORDER BY u.last_name, u.first_name, u.id")
STMT(STMT_LIST,
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
    "ORDER BY u.last_name, u.first_name, u.id")
STMT(STMT_LIST_BY_EMAIL,
    "SELECT u.id, u.first_name, u.last_name, u.email, u.role, u.account_state, "
    "IFNULL(w.state, 'NO_ACCOUNT'), p.number, p.extension, "
    "IFNULL(DATE_FORMAT(u.leave_on, '%Y-%m-%d'), ''), IFNULL((SELECT "
    "DATE_FORMAT(MAX(t.expires_at), '%Y-%m-%d') FROM user_tokens t WHERE t.user_id = u.id "
    "AND t.kind = 'invite'), '') "
    "FROM users u "
    "LEFT JOIN wifi_accounts w ON w.user_id = u.id "
    "LEFT JOIN phone_numbers p ON p.user_id = u.id AND p.operator_id = u.operator_id "
    "WHERE u.operator_id = ? AND u.occupier_id = ? AND u.email = ?")
STMT(STMT_EMAIL_USED,
    "SELECT id, IFNULL(occupier_id, 0) FROM users WHERE operator_id = ? AND email = ? "
    "AND id <> ?")
STMT(STMT_USER_ADD,
    "INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, "
    "job_title, mobile_phone, direct_line, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
STMT(STMT_WHO,
    "SELECT id, email, language, first_name, CONCAT(first_name, ' ', last_name, ' <', "
    "email, '>'), role, account_state, invited_portal, invited_app "
    "FROM users WHERE id = ? AND operator_id = ? AND occupier_id <=> ? FOR UPDATE")
STMT(STMT_DEL_USER,
    "DELETE FROM users WHERE id = ? AND operator_id = ? AND occupier_id <=> ?")
STMT(STMT_INVITE_SET,
    "UPDATE users SET invited_portal = invited_portal OR ?, invited_app = invited_app OR ?, "
    "account_state = IF(account_state = 'NOT_INVITED', 'AWAITING_VALIDATION', "
    "account_state), version = version + 1 WHERE id = ?")
STMT(STMT_BULK_ONE,
    "SELECT " BULK_COLS "WHERE u.id = ? AND u.operator_id = ? AND u.occupier_id = ?")
/* Every user of the occupier, with search_text last: bulk_targets applies the list's own
 * matcher (listidx_text_matches), so "all matching" means exactly what the list showed. */
STMT(STMT_BULK_MATCH,
    "SELECT " BULK_COLS_TEXT "WHERE u.operator_id = ? AND u.occupier_id = ? "
    "ORDER BY u.last_name, u.first_name, u.id")

/* ------------------------------------------------------------ user_grams */
/* Always LIKE, a range of the primary key: `gram = ? OR gram LIKE ?` with one of them NULL
 * made MariaDB 10.11 read all the operator's rows. */
STMT(STMT_NGRAM_COUNT,
    "SELECT COUNT(*) FROM (SELECT 1 FROM user_grams WHERE operator_id = ? "
    "AND gram LIKE ? LIMIT ?) c")
/* The same within one occupier (ix_ug_occ, sql/025). */
STMT(STMT_NGRAM_COUNT_OCC,
    "SELECT COUNT(*) FROM (SELECT 1 FROM user_grams FORCE INDEX (ix_ug_occ) "
    "WHERE occupier_id = ? AND gram LIKE ? AND operator_id = ? LIMIT ?) c")

/* ------------------------------------------------------------ scheduled offboarding */
/* What the details page shows beside the user: two-factor on, the leaving date, the
 * invitation's expiry and whether it has passed. */
STMT(STMT_USER_EXTRA,
    "SELECT u.totp_secret_enc IS NOT NULL, IFNULL(DATE_FORMAT(u.leave_on, '%Y-%m-%d'), ''), "
    "IFNULL((SELECT DATE_FORMAT(MAX(t.expires_at), '%Y-%m-%d %H:%i') FROM user_tokens t "
    "WHERE t.user_id = u.id AND t.kind = 'invite'), ''), "
    "IFNULL((SELECT MAX(t.expires_at) < UTC_TIMESTAMP() FROM user_tokens t "
    "WHERE t.user_id = u.id AND t.kind = 'invite'), 0) "
    "FROM users u WHERE u.id = ? AND u.operator_id = ? AND u.occupier_id <=> ?")
STMT(STMT_LEAVE_SET,
    "UPDATE users SET leave_on = ?, version = version + 1 "
    "WHERE id = ? AND operator_id = ? AND occupier_id <=> ?")
STMT(STMT_LEAVERS_DUE,
    "SELECT id FROM users WHERE leave_on <= UTC_DATE() ORDER BY leave_on, id LIMIT ?")
STMT(STMT_LEAVER_CLAIM,
    "SELECT id, operator_id, IFNULL(occupier_id, 0), "
    "CONCAT(first_name, ' ', last_name, ' <', email, '>'), "
    "DATE_FORMAT(leave_on, '%Y-%m-%d'), account_state "
    "FROM users WHERE id = ? AND leave_on <= UTC_DATE() FOR UPDATE SKIP LOCKED")
STMT(STMT_LEAVER_NUMBER,
    "SELECT id, number FROM phone_numbers WHERE user_id = ? AND operator_id = ? FOR UPDATE")
STMT(STMT_LEAVER_DONE,
    "UPDATE users SET leave_on = NULL, account_state = 'DEACTIVATED', "
    "version = version + 1 WHERE id = ?")

/* ------------------------------------------------------------ "Add multiple users" */
/* PLAT-2: a batch of checked rows in one statement, from a JSON array of [role, first name,
 * last name, email, job title, mobile phone, direct line, language] in the file's order (a
 * statement per user cost a round trip each: 10,000 of them). */
#define IMPORT_COL(name, type, i) name " " type " CHARACTER SET utf8mb4 COLLATE " \
	"utf8mb4_unicode_ci PATH '$[" #i "]'"
STMT(STMT_USERS_ADD_JSON,
    "INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, "
    "job_title, mobile_phone, direct_line, language) "
    "SELECT ?, ?, j.role, j.f, j.l, j.e, j.t, j.m, j.d, j.lang FROM JSON_TABLE(?, '$[*]' "
    "COLUMNS (ord FOR ORDINALITY, " IMPORT_COL("role", "VARCHAR(20)", 0) ", "
    IMPORT_COL("f", "VARCHAR(100)", 1) ", " IMPORT_COL("l", "VARCHAR(100)", 2) ", "
    IMPORT_COL("e", "VARCHAR(254)", 3) ", " IMPORT_COL("t", "VARCHAR(100)", 4) ", "
    IMPORT_COL("m", "VARCHAR(32)", 5) ", " IMPORT_COL("d", "VARCHAR(32)", 6) ", "
    IMPORT_COL("lang", "VARCHAR(2)", 7) ")) j ORDER BY j.ord")
/* The ids of the users of a JSON array of addresses, in its order. */
STMT(STMT_USER_IDS_BY_EMAIL,
    "SELECT u.id FROM JSON_TABLE(?, '$[*]' COLUMNS (ord FOR ORDINALITY, e VARCHAR(254) "
    "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$')) k "
    "JOIN users u ON u.operator_id = ? AND u.email = k.e ORDER BY k.ord")
/* The "user.create" entries of the users of a JSON array of ids, in its order, as
 * STMT_AUDIT_ADD writes one (user_insert's label: "first last <email>"). */
STMT(STMT_AUDIT_USERS_ADDED,
    "INSERT INTO audit_log (operator_id, occupier_id, subject_user_id, subject_label, "
    "actor_id, actor_label, action, field, old_value, new_value) "
    "SELECT u.operator_id, u.occupier_id, u.id, "
    "LEFT(CONCAT(u.first_name, ' ', u.last_name, ' <', u.email, '>'), 300), ?, LEFT(?, 300), "
    "'user.create', '', '', '' "
    "FROM JSON_TABLE(?, '$[*]' COLUMNS (ord FOR ORDINALITY, id INT UNSIGNED PATH '$')) k "
    "JOIN users u ON u.id = k.id AND u.operator_id = ? ORDER BY k.ord")

/* ------------------------------------------------------------ user_grams_deferred */
/* sql/028: "Add multiple users" writes its users' grams at the end, in index order. */
STMT(STMT_GRAMS_DEFER,
    "INSERT INTO user_grams_deferred (conn_id) VALUES (CONNECTION_ID())")
/* The grams of the users of a JSON array of ids, as users_grams_ins writes them (sql/016),
 * sorted in the primary key's order (the occupier's index, ix_ug_occ, has the same gram order
 * for one occupier): 360,000 rows of 10,000 users in 2.2 s where the trigger took 2.7 s. The
 * sort fits its buffer (an external merge sort cost more than it saved); INSERT IGNORE drops
 * a user's repeated grams as the trigger's does. */
STMT(STMT_GRAMS_FILL,
    "SET STATEMENT sort_buffer_size = 67108864 FOR "
    "INSERT IGNORE INTO user_grams (operator_id, gram, user_id, occupier_id) "
    "SELECT u.operator_id, SUBSTRING(u.search_text, p.p, 3) AS g, u.id, u.occupier_id "
    "FROM JSON_TABLE(?, '$[*]' COLUMNS (id INT UNSIGNED PATH '$')) k "
    "STRAIGHT_JOIN users u ON u.id = k.id "
    "STRAIGHT_JOIN ngram_pos p ON p.p <= CHAR_LENGTH(u.search_text) "
    "ORDER BY u.operator_id, g, u.id DESC")
STMT(STMT_GRAMS_UNDEFER,
    "DELETE FROM user_grams_deferred WHERE conn_id = CONNECTION_ID()")

/* ------------------------------------------------------------ import_pending */
STMT(STMT_IMPORT_PURGE,
    "DELETE FROM import_pending WHERE expires_at < UTC_TIMESTAMP()")
STMT(STMT_IMPORT_KEEP,
    "INSERT INTO import_pending (token_hash, session_hash, operator_id, occupier_id, "
    "data_version, filename, body_enc, expires_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? MINUTE)")
STMT(STMT_IMPORT_TAKE,
    "SELECT data_version, filename, TO_BASE64(body_enc) FROM import_pending "
    "WHERE token_hash = ? AND session_hash = ? AND operator_id = ? AND occupier_id = ? "
    "AND expires_at >= UTC_TIMESTAMP() FOR UPDATE")
STMT(STMT_IMPORT_DROP,
    "DELETE FROM import_pending WHERE token_hash = ?")
