-- Demo data (demo mode only, SPEC section 12). Every password is demo-password-1; the Wi-Fi
-- passwords are encrypted with the demo key of conf/secrets.demo.conf.
SET @pw = '$argon2id$v=19$m=65536,t=2,p=1$CUToPs5LsqFhRocrSNCgZQ$L2KUK2tv+A4PcwpS9TgrSSRt4kgW+QYZJuIW9rNZbx8';
SET @wifi = UNHEX('0F583EB352F2D3043F13C188C8BD02F82F12E4DF8843EABFE869A471210E794B37784809114BF895355004AA38EDB4D8518DE0F06E');

INSERT INTO operators (id, name, brand_colour, portal_may_cli) VALUES
  (1, 'Demo Workspaces', '#1f5fbf', 0),
  (2, 'Other Spaces', '#7a3db8', 0);

INSERT INTO sites (id, operator_id, name) VALUES
  (1, 1, 'London Bridge'), (2, 1, 'Canary Wharf'), (3, 2, 'Leeds Dock');

INSERT INTO site_services (operator_id, site_id, service) VALUES
  (1, 1, 'wifi'), (1, 1, 'telephony'), (1, 2, 'wifi'), (1, 2, 'telephony'), (2, 3, 'wifi');

INSERT INTO occupiers (id, operator_id, name) VALUES
  (1, 1, 'Acme Ltd'), (2, 1, 'Globex'), (3, 1, 'Umbrella Corp'), (4, 2, 'Initech');

INSERT INTO occupier_sites (occupier_id, site_id) VALUES (1, 1), (1, 2), (2, 1), (3, 2), (4, 3);

-- The named demo accounts.
INSERT INTO users (id, operator_id, occupier_id, role, first_name, last_name, email, job_title,
                   mobile_phone, direct_line, account_state, invited_portal, invited_app,
                   password_hash) VALUES
  (1, 1, NULL, 'super_admin', 'Olivia', 'Operator', 'ops@demo.test', 'Community manager', '+44 7700 900001', '', 'VALIDATED', 1, 0, @pw),
  (2, 1, 1, 'admin', 'Alice', 'Admin', 'admin@acme.test', 'Office manager', '+44 7700 900002', '+44 20 7946 0002', 'VALIDATED', 1, 1, @pw),
  (3, 1, 1, 'user', 'Uma', 'User', 'user@acme.test', 'Designer', '+44 7700 900003', '', 'VALIDATED', 1, 1, @pw),
  (4, 1, 2, 'admin', 'Gina', 'Globex', 'admin@globex.test', 'Head of operations', '', '', 'VALIDATED', 1, 0, @pw),
  (5, 2, NULL, 'super_admin', 'Oscar', 'Other', 'ops@other.test', 'Site lead', '', '', 'VALIDATED', 1, 0, @pw),
  (6, 2, 4, 'admin', 'Ian', 'Initech', 'admin@initech.test', 'Facilities', '', '', 'VALIDATED', 1, 0, @pw),
  (7, 1, NULL, 'admin', 'Adam', 'Staff', 'staff@demo.test', 'Front of house', '', '', 'VALIDATED', 1, 0, @pw),
  (8, 1, NULL, 'user', 'Rita', 'Reception', 'reception@demo.test', 'Receptionist', '', '', 'NOT_INVITED', 0, 0, NULL);

INSERT INTO user_sites (user_id, site_id) VALUES (1, 1), (1, 2), (7, 1), (8, 1), (5, 3);

INSERT INTO wifi_accounts (user_id, state, device_limit, homesite_id, password_enc) VALUES
  (2, 'ACTIVE', 3, 1, @wifi), (3, 'ACTIVE', 3, 1, @wifi), (4, 'ACTIVE', 2, 1, @wifi),
  (6, 'ACTIVE', 3, 3, @wifi), (8, 'ACTIVE', 2, 1, @wifi);

-- More occupier users, in every Wi-Fi and account state: Acme 250 in all, Globex 20,
-- Umbrella Corp 12, Initech 10.
CREATE TEMPORARY TABLE demo_names (n INT PRIMARY KEY, first VARCHAR(20), last VARCHAR(20));
INSERT INTO demo_names SELECT seq,
  ELT(1 + seq % 20, 'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael',
      'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph',
      'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen'),
  ELT(1 + (seq DIV 20) % 16, 'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson',
      'Johnson', 'Davies', 'Patel', 'Wright', 'Robinson', 'Thompson', 'Evans', 'Walker',
      'Green', 'Hughes')
FROM seq_1_to_300;

INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, job_title,
                   language, account_state, invited_portal, invited_app, password_hash)
SELECT 1, 1, IF(n % 50 = 0, 'admin', 'user'), first, last,
  CONCAT(LOWER(first), '.', LOWER(last), n, '@acme.test'),
  ELT(1 + n % 5, 'Analyst', 'Engineer', 'Consultant', 'Designer', 'Sales'),
  ELT(1 + n % 7, 'en', 'en', 'en', 'fr', 'de', 'es', 'en'),
  ELT(1 + n % 4, 'NOT_INVITED', 'AWAITING_VALIDATION', 'VALIDATED', 'DEACTIVATED'),
  n % 4 <> 0, n % 8 = 2,
  IF(n % 4 IN (2, 3), @pw, NULL)
FROM demo_names WHERE n <= 248;

INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, account_state,
                   invited_portal, password_hash)
SELECT 1, 2, 'user', first, last, CONCAT(LOWER(first), '.', LOWER(last), n, '@globex.test'),
  ELT(1 + n % 3, 'NOT_INVITED', 'AWAITING_VALIDATION', 'VALIDATED'), n % 3 <> 0,
  IF(n % 3 = 2, @pw, NULL)
FROM demo_names WHERE n <= 19;

INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, account_state)
SELECT 1, 3, IF(n = 1, 'admin', 'user'), first, last,
  CONCAT(LOWER(first), '.', LOWER(last), n, '@umbrella.test'), 'NOT_INVITED'
FROM demo_names WHERE n <= 12;

INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, account_state)
SELECT 2, 4, 'user', first, last, CONCAT(LOWER(first), '.', LOWER(last), n, '@initech.test'),
  'NOT_INVITED'
FROM demo_names WHERE n <= 9;

-- Wi-Fi: about a third ACTIVE, a sixth DEACTIVATED, the rest NO ACCOUNT.
INSERT INTO wifi_accounts (user_id, state, device_limit, homesite_id, password_enc)
SELECT u.id, IF(u.id % 6 = 1, 'DEACTIVATED', 'ACTIVE'), 1 + u.id % 5,
  IF(u.occupier_id = 1, 1 + u.id % 2, IF(u.occupier_id = 2, 1, IF(u.occupier_id = 3, 2, 3))),
  @wifi
FROM users u WHERE u.id > 8 AND u.occupier_id IS NOT NULL AND u.id % 3 <> 0
  AND u.id NOT IN (SELECT user_id FROM wifi_accounts);

-- Telephony: numbers at both of Demo Workspaces' sites, allocated to Acme, Globex and the
-- operator's account; user@acme.test has one with a digital handset logged in.
INSERT INTO phone_numbers (id, operator_id, site_id, occupier_id, allocated, user_id, number,
  extension, status, default_pin, handset_type, handset_logged_in, voicemail, call_waiting) VALUES
  (1, 1, 1, 1, 1, 3, '+442079460101', '101', 'ACTIVE', '482915', 'digital', 1, 1, 1),
  (2, 1, 1, 1, 1, 2, '+442079460102', '102', 'ACTIVE', '730164', 'analogue', 0, 1, 0),
  (3, 1, 1, 1, 1, NULL, '+442079460100', '100', 'ACTIVE', '215873', 'none', 0, 0, 0),
  (4, 1, 2, 1, 1, NULL, '+442079460201', '201', 'ACTIVE', '664208', 'none', 0, 0, 0),
  (5, 1, 2, 1, 1, NULL, '+442079460202', '202', 'PENDING', '903317', 'none', 0, 0, 0),
  (6, 1, 1, 2, 1, 4, '+442079460301', '301', 'ACTIVE', '118724', 'digital', 0, 0, 1),
  (7, 1, 1, NULL, 1, 7, '+442079460001', '001', 'ACTIVE', '559301', 'digital', 1, 1, 0),
  (8, 1, 2, NULL, 0, NULL, '+442079460009', '009', 'ACTIVE', '372640', 'none', 0, 0, 0),
  (9, 2, 3, 4, 1, 6, '+441134960101', '101', 'ACTIVE', '846152', 'digital', 0, 1, 0),
  (10, 2, 3, NULL, 0, NULL, '+441134960100', '100', 'ACTIVE', '290437', 'none', 0, 0, 0);
UPDATE users SET direct_line = '' WHERE id IN (2, 3, 4, 6, 7);

-- A few Acme users get numbers at Canary Wharf too.
UPDATE phone_numbers SET user_id = (SELECT MIN(id) FROM users WHERE occupier_id = 1 AND id > 8)
WHERE id = 4;

INSERT INTO wifi_devices (operator_id, occupier_id, site_id, name, type, mac) VALUES
  (1, 1, 1, 'Reception printer', 'Printer', '00:1a:2b:3c:4d:01'),
  (1, 1, 2, 'Meeting room screen', 'AV', '00:1a:2b:3c:4d:02'),
  (1, NULL, 1, 'Lobby display', 'AV', '00:1a:2b:3c:4d:03'),
  (2, 4, 3, 'Office printer', 'Printer', '00:1a:2b:3c:4d:04');

DROP TEMPORARY TABLE demo_names;
