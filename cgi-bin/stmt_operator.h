/*
 * Statements about operators, occupiers, sites and their services, team sites, logos: entries of the one statement table
 * (stmt.h explains STMT()). No include guard: stmt_all.h includes this file twice.
 */

/* ------------------------------------------------------------ occupier_sites */
/* The sites a device may be at: the occupier's, or any of the operator's for the account. */
STMT(STMT_OCC_SITES,
    "SELECT s.id, s.name FROM occupier_sites os JOIN sites s ON s.id = os.site_id "
    "WHERE os.occupier_id = ? AND s.operator_id = ? ORDER BY s.name")
STMT(STMT_OCC_SITE,
    "SELECT s.id FROM occupier_sites os JOIN sites s ON s.id = os.site_id "
    "WHERE os.occupier_id = ? AND s.id = ? AND s.operator_id = ?")

/* ------------------------------------------------------------ occupiers */
STMT(STMT_OCC_COUNT,
    "SELECT COUNT(*) FROM occupiers WHERE operator_id = ? AND (? = '' OR name LIKE ?)")
STMT(STMT_ALLOC_CHOICES,
    "SELECT o.id, o.name FROM occupiers o JOIN occupier_sites os ON os.occupier_id = o.id "
    "WHERE o.operator_id = ? AND os.site_id = ? ORDER BY o.name")
STMT(STMT_ALLOC_OK,
    "SELECT o.name FROM occupiers o JOIN occupier_sites os ON os.occupier_id = o.id "
    "WHERE o.id = ? AND o.operator_id = ? AND os.site_id = ?")
STMT(STMT_SCOPE_OCC,
    "SELECT o.name, op.offers_occupier_experience, ov.version FROM occupiers o "
    "JOIN operators op ON op.id = o.operator_id "
    "LEFT JOIN occupier_versions ov ON ov.occupier_id = o.id "
    "WHERE o.id = ? AND o.operator_id = ?")

/* ------------------------------------------------------------ operators */
STMT(STMT_OPERATOR_BRAND,
    "SELECT o.name, o.brand_colour, IF(l.operator_id IS NULL, 0, o.logo_version), "
    "IFNULL(o.base_url, '') "
    "FROM operators o LEFT JOIN operator_logos l ON l.operator_id = o.id WHERE o.id = ?")
/* Not part of the locking read: every message of an operator would contend for its row. */
STMT(STMT_OPERATOR_NAME,
    "SELECT name FROM operators WHERE id = ?")
STMT(STMT_BOUNDS,
    "SELECT wifi_devices_min, wifi_devices_max FROM operators WHERE id = ?")
STMT(STMT_SETTINGS,
    "SELECT name, brand_colour, offers_occupier_experience, portal_may_cli, portal_may_moh, "
    "portal_may_acr, IFNULL(contact_email, ''), IFNULL(emergency_email, ''), "
    "IFNULL(base_url, '') FROM operators WHERE id = ?")
STMT(STMT_BASE_URL_SET,
    "UPDATE operators SET base_url = ? WHERE id = ?")
STMT(STMT_SETTINGS_SAVE,
    "UPDATE operators SET name = ?, brand_colour = ?, offers_occupier_experience = ?, "
    "portal_may_cli = ?, portal_may_moh = ?, portal_may_acr = ?, contact_email = ?, "
    "emergency_email = ? WHERE id = ?")
STMT(STMT_PORTAL_MASK,
    "SELECT portal_may_cli, portal_may_moh, portal_may_acr FROM operators WHERE id = ?")

/* ------------------------------------------------------------ site_services */
STMT(STMT_SERVICES,
    "SELECT site_id, service FROM site_services WHERE operator_id = ?")
STMT(STMT_SERVICE_DEL,
    "DELETE FROM site_services WHERE operator_id = ? AND site_id = ? AND service = ?")
STMT(STMT_SERVICE_ADD,
    "INSERT INTO site_services (operator_id, site_id, service) VALUES (?, ?, ?)")

/* ------------------------------------------------------------ sites */
STMT(STMT_SITES,
    "SELECT id, name FROM sites WHERE operator_id = ? ORDER BY name")
STMT(STMT_SITE_OK,
    "SELECT name FROM sites WHERE id = ? AND operator_id = ?")
STMT(STMT_TEAM_SITE,
    "SELECT id FROM sites WHERE id = ? AND operator_id = ?")

/* ------------------------------------------------------------ user_sites */
STMT(STMT_TEAM,
    "SELECT u.id, CONCAT(u.first_name, ' ', u.last_name), u.email, u.role, u.account_state, "
    "IFNULL(w.state, 'NO_ACCOUNT'), (SELECT GROUP_CONCAT(s.name ORDER BY s.name SEPARATOR ', ') "
    "FROM user_sites us JOIN sites s ON s.id = us.site_id WHERE us.user_id = u.id), "
    "p.number, p.id, u.totp_secret_enc IS NOT NULL "
    "FROM users u LEFT JOIN wifi_accounts w ON w.user_id = u.id "
    "LEFT JOIN phone_numbers p ON p.user_id = u.id "
    "WHERE u.operator_id = ? AND u.occupier_id IS NULL ORDER BY u.last_name, u.first_name, u.id")
STMT(STMT_SITE_ADD,
    "INSERT INTO user_sites (user_id, site_id) VALUES (?, ?)")
STMT(STMT_DEL_SITES,
    "DELETE FROM user_sites WHERE user_id = ?")
STMT(STMT_TEAM_SITES_OF,
    "SELECT s.id, s.name FROM user_sites us JOIN sites s ON s.id = us.site_id "
    "WHERE us.user_id = ? AND s.operator_id = ? ORDER BY s.name")
/* the other super admins who can still sign in, locked (the last one stays) */
STMT(STMT_TEAM_SUPERS,
    "SELECT id FROM users WHERE operator_id = ? AND occupier_id IS NULL "
    "AND role = 'super_admin' AND account_state <> 'DEACTIVATED' AND id <> ? FOR UPDATE")

/* ------------------------------------------------------------ operator_logos */
STMT(STMT_LOGO_PUT,
    "INSERT INTO operator_logos (operator_id, mime, data) VALUES (?, ?, ?) "
    "ON DUPLICATE KEY UPDATE mime = VALUES(mime), data = VALUES(data)")
STMT(STMT_LOGO_DEL,
    "DELETE FROM operator_logos WHERE operator_id = ?")
STMT(STMT_LOGO_BUMP,
    "UPDATE operators SET logo_version = logo_version + 1 WHERE id = ?")
STMT(STMT_LOGO_GET,
    "SELECT mime, TO_BASE64(data) FROM operator_logos WHERE operator_id = ?")
/* the logo's version when the operator has one (for its URL), else no row */
STMT(STMT_LOGO_OF,
    "SELECT o.logo_version FROM operators o JOIN operator_logos l ON l.operator_id = o.id "
    "WHERE o.id = ?")
