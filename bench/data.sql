-- bench/data.sql: the data of `make bench` (scripts/bench.sh loads it once into var/bench and
-- records it in bench_data). One operator "Bench Workspaces" with 2 sites, 1,000 occupiers and
-- 1,000,000 occupier users: occupier "Bench 0001" has 10,000 of them, the 999 others 990 each.
-- Generated with the sequence engine (seq_1_to_N) in batched INSERT ... SELECT statements.
-- Accounts with the demo password (demo-password-1), for scripts/bench.sh to sign in:
--   bench-ops@bench.test    super admin of the operator (search, import)
--   bench-admin@bench.test  admin of Bench 0001 (User management list)
--   bench-pNN@bench.test    NN = 01..16, users of Bench 0001 (My profile and its save)
-- Emails are first.last.N@occK.bench.test, so every user's email is unique.
SET @pw = '$argon2id$v=19$m=65536,t=2,p=1$CUToPs5LsqFhRocrSNCgZQ$L2KUK2tv+A4PcwpS9TgrSSRt4kgW+QYZJuIW9rNZbx8';
SET @wifi = UNHEX('0F583EB352F2D3043F13C188C8BD02F82F12E4DF8843EABFE869A471210E794B37784809114BF895355004AA38EDB4D8518DE0F06E');

INSERT INTO operators (name, brand_colour) VALUES ('Bench Workspaces', '#2a6f4e');
SET @op = LAST_INSERT_ID();
INSERT INTO operator_contacts (operator_id, kind, email) VALUES (@op, 'technical', 'hello@bench.test');
INSERT INTO sites (operator_id, name) VALUES (@op, 'Bench North');
SET @site = LAST_INSERT_ID();
INSERT INTO sites (operator_id, name) VALUES (@op, 'Bench South');
INSERT INTO site_services (operator_id, site_id, service) VALUES
  (@op, @site, 'wifi'), (@op, @site, 'telephony');

-- Occupier ids @occ0 + 1 .. @occ0 + 1000, set explicitly so users can name them.
SELECT IFNULL(MAX(id), 0) INTO @occ0 FROM occupiers;
INSERT INTO occupiers (id, operator_id, name)
SELECT @occ0 + seq, @op, CONCAT('Bench ', LPAD(seq, 4, '0')) FROM seq_1_to_1000;
INSERT INTO occupier_sites (occupier_id, site_id) SELECT @occ0 + seq, @site FROM seq_1_to_1000;

-- 40 first names x 40 last names; n = 1 .. 1,000,000. Users 1..10,000 are Bench 0001's, the
-- others go round the 999 other occupiers.
CREATE TEMPORARY TABLE bench_first (i INT PRIMARY KEY, v VARCHAR(20));
CREATE TEMPORARY TABLE bench_last (i INT PRIMARY KEY, v VARCHAR(20));
INSERT INTO bench_first SELECT seq - 1, ELT(seq,
  'James','Mary','Robert','Patricia','John','Jennifer','Michael','Linda','David','Elizabeth',
  'William','Barbara','Richard','Susan','Joseph','Jessica','Thomas','Sarah','Charles','Karen',
  'Oliver','Amelia','Noah','Isla','Arthur','Ava','Leo','Mia','Oscar','Ivy','Harry','Freya',
  'Muhammad','Lily','Archie','Florence','Jack','Sophia','George','Evie') FROM seq_1_to_40;
INSERT INTO bench_last SELECT seq - 1, ELT(seq,
  'Smith','Jones','Taylor','Brown','Williams','Wilson','Johnson','Davies','Patel','Wright',
  'Robinson','Thompson','Evans','Walker','Green','Hughes','Wood','Edwards','Hall','Turner',
  'Clarke','Hill','Cooper','Ward','Morris','Moore','King','Watson','Harris','Baker',
  'Khan','Lewis','Young','Allen','Scott','Mitchell','Carter','Phillips','Shah','Kaur') FROM seq_1_to_40;

DELIMITER //
CREATE PROCEDURE bench_users()
BEGIN
  DECLARE b INT DEFAULT 0;
  -- 20 batches of 50,000 rows, each its own transaction.
  WHILE b < 20 DO
    INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, job_title,
                       language, account_state, invited_portal, invited_app)
    SELECT @op, @occ0 + IF(n <= 10000, 1, 2 + (n - 10001) % 999), 'user', f.v, l.v,
      CONCAT(LOWER(f.v), '.', LOWER(l.v), '.', n, '@occ',
             IF(n <= 10000, 1, 2 + (n - 10001) % 999), '.bench.test'),
      ELT(1 + n % 5, 'Analyst', 'Engineer', 'Consultant', 'Designer', 'Sales'),
      ELT(1 + n % 7, 'en', 'en', 'en', 'fr', 'de', 'es', 'en'),
      ELT(1 + n % 4, 'NOT_INVITED', 'AWAITING_VALIDATION', 'VALIDATED', 'DEACTIVATED'),
      n % 4 <> 0, n % 8 = 2
    FROM (SELECT b * 50000 + seq AS n FROM seq_1_to_50000) s
    JOIN bench_first f ON f.i = (n * 7) % 40
    JOIN bench_last l ON l.i = (n * 13 + n DIV 40) % 40;
    SET b = b + 1;
  END WHILE;
END //
DELIMITER ;
CALL bench_users();
DROP PROCEDURE bench_users;

-- Wi-Fi accounts for half of Bench 0001's users, a phone number for every tenth of them.
INSERT INTO wifi_accounts (user_id, state, device_limit, homesite_id, password_enc, nt_hash)
SELECT id, IF(id % 6 = 0, 'DEACTIVATED', 'ACTIVE'), 3, @site, @wifi,
  UNHEX('1B87902C53AE7A804BCA4E35381E895D') FROM users
WHERE occupier_id = @occ0 + 1 AND id % 2 = 0;
INSERT INTO phone_numbers (operator_id, site_id, occupier_id, allocated, user_id, number,
                           extension, default_pin)
SELECT @op, @site, @occ0 + 1, 1, id, CONCAT('+44 20 7000 ', LPAD(id % 100000, 5, '0')),
  LPAD(id % 10000, 4, '0'), '123456'
FROM users WHERE occupier_id = @occ0 + 1 AND id % 10 = 5;

-- The accounts scripts/bench.sh signs in with.
INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, account_state,
                   invited_portal, password_hash) VALUES
  (@op, NULL, 'super_admin', 'Bench', 'Operator', 'bench-ops@bench.test', 'VALIDATED', 1, @pw),
  (@op, @occ0 + 1, 'admin', 'Bench', 'Admin', 'bench-admin@bench.test', 'VALIDATED', 1, @pw);
INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, job_title,
                   account_state, invited_portal, password_hash)
SELECT @op, @occ0 + 1, 'user', 'Profile', CONCAT('User ', LPAD(seq, 2, '0')),
  CONCAT('bench-p', LPAD(seq, 2, '0'), '@bench.test'), 'Tester', 'VALIDATED', 1, @pw
FROM seq_1_to_16;

ANALYZE TABLE users, occupiers, wifi_accounts, phone_numbers;

CREATE TABLE bench_data (
  operator_id INT UNSIGNED NOT NULL, occupier_id INT UNSIGNED NOT NULL,
  users INT UNSIGNED NOT NULL, made_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB;
INSERT INTO bench_data (operator_id, occupier_id, users)
SELECT @op, @occ0 + 1, COUNT(*) FROM users WHERE operator_id = @op;
