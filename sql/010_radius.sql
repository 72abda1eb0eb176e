-- 010: what FreeRADIUS reads and writes (issue 14, WIFI-1..4). conf/freeradius/ holds its
-- configuration; README "Wi-Fi Secure through FreeRADIUS" the deployment notes.
--
-- Password: PEAP/MSCHAPv2, what Wi-Fi clients use, proves knowledge of the NT hash (MD4 of the
-- UTF-16LE password), so the server needs the clear text or that hash. The clear text stays
-- encrypted (password_enc, WIFI-4); beside it nt_hash is written in the same statement
-- wherever a password is set (userform.c, page_profile.c). build/wifi-nthash fills it for rows
-- written before this migration (it decrypts password_enc with the server key).
ALTER TABLE wifi_accounts ADD COLUMN nt_hash BINARY(16) NULL AFTER password_enc;

-- The access points / controllers (RADIUS clients, "NAS") of each site. A request names its
-- NAS by NAS-Identifier, or when it sends none by NAS-IP-Address (as text): that is nas_key.
-- The NAS decides the operator (an email is unique only within one operator) and the site
-- (homesite or not). A request from a NAS not listed here is rejected.
-- coa_*: where the NAS takes RFC 5176 Disconnect-Requests; NULL address = it does not.
CREATE TABLE radius_nas (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operator_id INT UNSIGNED NOT NULL,
  site_id     INT UNSIGNED NOT NULL,
  nas_key     VARCHAR(64) NOT NULL,
  coa_address VARCHAR(45) NULL,
  coa_port    SMALLINT UNSIGNED NOT NULL DEFAULT 3799,
  coa_secret  VARCHAR(64) NULL,
  UNIQUE KEY uq_nas_key (nas_key),
  KEY ix_nas_site (operator_id, site_id),
  CONSTRAINT fk_nas_site FOREIGN KEY (operator_id, site_id) REFERENCES sites(operator_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Accounts FreeRADIUS may authenticate: ACTIVE ones of existing users that have an NT hash.
-- A deactivated or deleted account, a new password or homesite is seen at the next request
-- (FreeRADIUS queries each time; nothing is cached).
CREATE SQL SECURITY DEFINER VIEW radius_accounts AS
SELECT w.user_id, u.operator_id, u.email AS username, w.homesite_id, w.device_limit, w.nt_hash
FROM wifi_accounts w JOIN users u ON u.id = w.user_id
WHERE w.state = 'ACTIVE' AND w.nt_hash IS NOT NULL;

-- Whose a session is, for accounting: every Wi-Fi account of an existing user, whatever its
-- state (an account deactivated between the authentication and the Start is still its user's).
CREATE SQL SECURITY DEFINER VIEW radius_users AS
SELECT w.user_id, u.operator_id, u.email AS username
FROM wifi_accounts w JOIN users u ON u.id = w.user_id;

-- radcheck / radreply in rlm_sql's shape (id, username, attribute, value, op), plus nas_key:
-- the queries of conf/freeradius/queries.conf select by username and the request's NAS.
--   check: NT-Password (octets as 0x-hex), Simultaneous-Use = the device limit (WIFI-2)
--   reply: Filter-Id "homesite" at a NAS of the account's homesite, "guest" elsewhere
CREATE SQL SECURITY DEFINER VIEW radcheck AS
SELECT a.user_id * 2 AS id, a.username, n.nas_key, 'NT-Password' AS attribute,
  CONCAT('0x', HEX(a.nt_hash)) AS value, ':=' AS op
FROM radius_accounts a JOIN radius_nas n ON n.operator_id = a.operator_id
UNION ALL
SELECT a.user_id * 2 + 1, a.username, n.nas_key, 'Simultaneous-Use',
  CAST(a.device_limit AS CHAR), ':='
FROM radius_accounts a JOIN radius_nas n ON n.operator_id = a.operator_id;

CREATE SQL SECURITY DEFINER VIEW radreply AS
SELECT a.user_id AS id, a.username, n.nas_key, 'Filter-Id' AS attribute,
  IF(n.site_id = a.homesite_id, 'homesite', 'guest') AS value, ':=' AS op, a.user_id,
  n.site_id
FROM radius_accounts a JOIN radius_nas n ON n.operator_id = a.operator_id;

-- Accounting, written by FreeRADIUS (rlm_sql's radacct, FreeRADIUS 3.2 schema) with three
-- columns of ours resolved when a session starts: nas_key, and the user and site it belongs to,
-- so the portal shows a user's connected devices and the device limit counts by user.
CREATE TABLE radacct (
  radacctid bigint(21) NOT NULL auto_increment,
  acctsessionid varchar(64) NOT NULL default '',
  acctuniqueid varchar(32) NOT NULL default '',
  username varchar(254) NOT NULL default '',
  realm varchar(64) default '',
  nasipaddress varchar(15) NOT NULL default '',
  nasportid varchar(32) default NULL,
  nasporttype varchar(32) default NULL,
  acctstarttime datetime NULL default NULL,
  acctupdatetime datetime NULL default NULL,
  acctstoptime datetime NULL default NULL,
  acctinterval int(12) default NULL,
  acctsessiontime int(12) unsigned default NULL,
  acctauthentic varchar(32) default NULL,
  connectinfo_start varchar(128) default NULL,
  connectinfo_stop varchar(128) default NULL,
  acctinputoctets bigint(20) default NULL,
  acctoutputoctets bigint(20) default NULL,
  calledstationid varchar(50) NOT NULL default '',
  callingstationid varchar(50) NOT NULL default '',
  acctterminatecause varchar(32) NOT NULL default '',
  servicetype varchar(32) default NULL,
  framedprotocol varchar(32) default NULL,
  framedipaddress varchar(15) NOT NULL default '',
  framedipv6address varchar(45) NOT NULL default '',
  framedipv6prefix varchar(45) NOT NULL default '',
  framedinterfaceid varchar(44) NOT NULL default '',
  delegatedipv6prefix varchar(45) NOT NULL default '',
  class varchar(64) default NULL,
  nas_key varchar(64) NOT NULL default '',
  user_id INT UNSIGNED NULL,
  site_id INT UNSIGNED NULL,
  PRIMARY KEY (radacctid),
  UNIQUE KEY acctuniqueid (acctuniqueid),
  KEY ix_radacct_user (user_id, acctstoptime),
  KEY ix_radacct_nas (nas_key, acctstoptime),
  KEY acctsessionid (acctsessionid),
  KEY acctstarttime (acctstarttime),
  KEY acctstoptime (acctstoptime)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
