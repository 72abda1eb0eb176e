/*
 * Statements about the outbox (mail_outbox): entries of the one statement table
 * (stmt.h explains STMT()). No include guard: stmt_all.h includes this file twice.
 */

/* ------------------------------------------------------------ mail_outbox */
STMT(STMT_OUTBOX_ADD,
    "INSERT INTO mail_outbox (operator_id, to_addr, subject, body_text, body_html) "
    "VALUES (?, ?, ?, ?, ?)")
STMT(STMT_DUE,
    "SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_try_at <= UTC_TIMESTAMP() "
    "ORDER BY id LIMIT 20")
STMT(STMT_CLAIM,
    "SELECT to_addr, subject, HEX(body_text), HEX(body_html), attempts, "
    "UNIX_TIMESTAMP(created_at), IFNULL(operator_id, 0) FROM mail_outbox "
    "WHERE id = ? AND sent_at IS NULL AND next_try_at <= UTC_TIMESTAMP() "
    "FOR UPDATE SKIP LOCKED")
STMT(STMT_MAIL_PAGE,
    "SELECT id, HEX(body_text), HEX(body_html) FROM mail_outbox WHERE id > ? "
    "AND sent_at IS NULL AND LENGTH(body_text) > 0 ORDER BY id LIMIT 500")
STMT(STMT_MAIL_PUT,
    "UPDATE mail_outbox SET body_text = ?, body_html = ? WHERE id = ? AND sent_at IS NULL "
    "AND body_text = UNHEX(?) AND body_html = UNHEX(?)")
STMT(STMT_MAIL_TAKE,
    "UPDATE mail_outbox SET claim_token = ?, next_try_at = UTC_TIMESTAMP() + INTERVAL ? SECOND "
    "WHERE id = ?")
STMT(STMT_MAIL_SENT,
    "UPDATE mail_outbox SET sent_at = UTC_TIMESTAMP(), next_try_at = UTC_TIMESTAMP(), "
    "body_text = '', body_html = '', last_error = NULL "
    "WHERE id = ? AND claim_token = ? AND sent_at IS NULL")
STMT(STMT_MAIL_FAILED,
    "UPDATE mail_outbox SET attempts = attempts + 1, "
    "next_try_at = UTC_TIMESTAMP() + INTERVAL ? SECOND, last_error = ? "
    "WHERE id = ? AND claim_token = ? AND sent_at IS NULL")
STMT(STMT_MAIL_ROW_STATE,
    "SELECT sent_at IS NOT NULL, IFNULL(claim_token, '') FROM mail_outbox WHERE id = ?")
STMT(STMT_MAIL_GIVE_BACK,
    "UPDATE mail_outbox SET claim_token = NULL, next_try_at = UTC_TIMESTAMP() "
    "WHERE id = ? AND claim_token = ? AND sent_at IS NULL")
