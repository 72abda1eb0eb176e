-- Demo data for the JSON API (issue 16 item 1): admin@initech.test is invited to the app too,
-- so that the other operator's admin can sign in to the API (tenancy tests); admin@globex.test
-- stays invited to the portal only (the API refuses it).
UPDATE users SET invited_app = 1 WHERE email = 'admin@initech.test';
