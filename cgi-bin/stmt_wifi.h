/*
 * Statements about Wi-Fi accounts and devices, radacct: entries of the one statement table
 * (stmt.h explains STMT()). No include guard: stmt_all.h includes this file twice.
 */

/* ------------------------------------------------------------ wifi_accounts */
STMT(STMT_WIFI,
    "SELECT w.state, s.name, w.device_limit FROM wifi_accounts w "
    "JOIN users u ON u.id = w.user_id AND u.operator_id = ? "
    "JOIN sites s ON s.id = w.homesite_id WHERE w.user_id = ?")
STMT(STMT_WIFI_SET,
    "UPDATE wifi_accounts w JOIN users u ON u.id = w.user_id "
    "SET w.password_enc = ?, w.nt_hash = ?, w.password_set_at = UTC_TIMESTAMP() "
    "WHERE w.user_id = ? AND u.operator_id = ? AND u.occupier_id = ? AND w.state = 'ACTIVE'")
STMT(STMT_WIFI_LIMIT,
    "UPDATE wifi_accounts SET device_limit = ? WHERE user_id = ?")
STMT(STMT_DEL_WIFI,
    "DELETE FROM wifi_accounts WHERE user_id = ?")
STMT(STMT_WIFI_GET,
    "SELECT w.state, w.homesite_id, w.device_limit, s.name FROM wifi_accounts w "
    "JOIN sites s ON s.id = w.homesite_id WHERE w.user_id = ?")
STMT(STMT_WIFI_ADD,
    "INSERT INTO wifi_accounts (user_id, state, device_limit, homesite_id, password_enc, "
    "nt_hash) VALUES (?, 'ACTIVE', ?, ?, ?, ?)")
STMT(STMT_WIFI_NEWPW,
    "UPDATE wifi_accounts SET state = 'ACTIVE', homesite_id = ?, password_enc = ?, "
    "nt_hash = ?, password_set_at = UTC_TIMESTAMP() WHERE user_id = ?")
STMT(STMT_WIFI_OFF,
    "UPDATE wifi_accounts SET state = 'DEACTIVATED' WHERE user_id = ? AND state = 'ACTIVE'")
STMT(STMT_WIFI_PAGE,
    "SELECT user_id, HEX(password_enc) FROM wifi_accounts WHERE user_id > ? "
    "ORDER BY user_id LIMIT 500")
STMT(STMT_WIFI_PUT,
    "UPDATE wifi_accounts SET password_enc = ? WHERE user_id = ? AND password_enc = UNHEX(?)")
/* issue 13: the kept import files (sql/018), for build/rekey */
STMT(STMT_IMPORT_PAGE,
    "SELECT HEX(token_hash), HEX(session_hash), occupier_id, TO_BASE64(body_enc) "
    "FROM import_pending WHERE token_hash > UNHEX(?) ORDER BY token_hash LIMIT 100")
STMT(STMT_IMPORT_PUT,
    "UPDATE import_pending SET body_enc = ? WHERE token_hash = UNHEX(?) AND body_enc = ?")
STMT(STMT_NTHASH_TODO,
    "SELECT user_id, HEX(password_enc) FROM wifi_accounts "
    "WHERE nt_hash IS NULL AND user_id > ? ORDER BY user_id LIMIT 500")
STMT(STMT_NTHASH_FILL,
    "UPDATE wifi_accounts SET nt_hash = ? "
    "WHERE user_id = ? AND nt_hash IS NULL AND password_enc = ?")

/* ------------------------------------------------------------ wifi_devices */
STMT(STMT_DEVICES,
    "SELECT d.id, d.name, d.type, d.mac, s.name FROM wifi_devices d "
    "JOIN sites s ON s.id = d.site_id "
    "WHERE d.operator_id = ? AND d.occupier_id <=> ? ORDER BY d.name, d.id")
STMT(STMT_DEVICE_ADD,
    "INSERT INTO wifi_devices (operator_id, occupier_id, site_id, name, type, mac) "
    "VALUES (?, ?, ?, ?, ?, ?)")
STMT(STMT_DEVICE_GET,
    "SELECT d.name, d.type, d.mac, s.name, d.site_id FROM wifi_devices d "
    "JOIN sites s ON s.id = d.site_id "
    "WHERE d.id = ? AND d.operator_id = ? AND d.occupier_id <=> ?")
STMT(STMT_DEVICE_UPDATE,
    "UPDATE wifi_devices SET site_id = ?, name = ?, type = ?, mac = ? "
    "WHERE id = ? AND operator_id = ? AND occupier_id <=> ?")
STMT(STMT_DEVICE_DEL,
    "DELETE FROM wifi_devices WHERE id = ? AND operator_id = ? AND occupier_id <=> ?")
/* A MAC in Calling-Station-Id as 12 hex digits, any case and separators (radacct.mac_key,
 * sql/026): matched with a shared Wi-Fi device's name where one has this MAC (WIFI-5). The
 * triggers of sql/026 bump the user's version on a write to any of these rows. */
STMT(STMT_RADIUS_DEVICES,
    "SELECT r.radacctid, r.callingstationid, s.name, "
    "DATE_FORMAT(r.acctstarttime, '%Y-%m-%d %H:%i'), "
    "(SELECT d.name FROM wifi_devices d WHERE d.operator_id = u.operator_id "
    "AND LOWER(REPLACE(REPLACE(d.mac, ':', ''), '-', '')) = r.mac_key LIMIT 1) "
    "FROM radacct r JOIN users u ON u.id = r.user_id "
    "LEFT JOIN sites s ON s.id = r.site_id AND s.operator_id = u.operator_id "
    "WHERE r.user_id = ? AND u.operator_id = ? AND u.occupier_id <=> ? "
    "AND r.acctstoptime IS NULL ORDER BY r.acctstarttime, r.radacctid LIMIT ?")

/* ------------------------------------------------------------ radacct */
STMT(STMT_RADIUS_SESSION,
    "SELECT r.username, r.acctsessionid, r.callingstationid, r.nasipaddress, n.coa_address, "
    "n.coa_port, n.coa_secret, u.email "
    "FROM radacct r JOIN users u ON u.id = r.user_id "
    "LEFT JOIN radius_nas n ON n.nas_key = r.nas_key AND n.operator_id = u.operator_id "
    "WHERE r.radacctid = ? AND r.user_id = ? AND u.operator_id = ? AND u.occupier_id <=> ? "
    "AND r.acctstoptime IS NULL FOR UPDATE")
STMT(STMT_RADIUS_SESSION_END,
    "UPDATE radacct SET acctstoptime = NOW(), acctterminatecause = 'Admin-Reset', "
    "acctsessiontime = TIMESTAMPDIFF(SECOND, acctstarttime, NOW()) "
    "WHERE radacctid = ? AND acctstoptime IS NULL")
