/*
 * Statements about the audit log (audit_log): entries of the one statement table
 * (stmt.h explains STMT()). No include guard: stmt_all.h includes this file twice.
 */

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

/* ------------------------------------------------------------ audit_log */
STMT(STMT_AUDIT_ADD,
    "INSERT INTO audit_log (operator_id, occupier_id, subject_user_id, subject_label, "
    "actor_id, actor_label, action, field, old_value, new_value) "
    "VALUES (?, ?, ?, LEFT(?, 300), ?, LEFT(?, 300), ?, ?, LEFT(?, 300), LEFT(?, 300))")
/* One statement per scope, so that each uses its own index (see ix_audit_* in the schema). */
STMT(STMT_AUDIT_OP_COUNT,
    "SELECT COUNT(*) FROM audit_log a WHERE a.operator_id = ? " AUDIT_FILTER)
STMT(STMT_AUDIT_OP,
    AUDIT_COLS "WHERE a.operator_id = ? " AUDIT_FILTER AUDIT_PAGE)
STMT(STMT_AUDIT_OCC_COUNT,
    "SELECT COUNT(*) FROM audit_log a WHERE a.operator_id = ? AND a.occupier_id = ? "
    AUDIT_FILTER)
STMT(STMT_AUDIT_OCC,
    AUDIT_COLS "WHERE a.operator_id = ? AND a.occupier_id = ? " AUDIT_FILTER AUDIT_PAGE)
STMT(STMT_AUDIT_USER_COUNT,
    "SELECT COUNT(*) FROM audit_log a WHERE a.operator_id = ? AND a.occupier_id = ? "
    "AND a.subject_user_id = ? " AUDIT_FILTER)
STMT(STMT_AUDIT_USER,
    AUDIT_COLS "WHERE a.operator_id = ? AND a.occupier_id = ? AND a.subject_user_id = ? "
    AUDIT_FILTER AUDIT_PAGE)
STMT(STMT_AUDIT_SUBJECT_GONE,
    "SELECT subject_label FROM audit_log WHERE operator_id = ? AND occupier_id = ? "
    "AND subject_user_id = ? ORDER BY id DESC LIMIT 1")
