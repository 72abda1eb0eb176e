-- 004: no query uses the full-text index of users (substring filters use the covering
-- indexes of 002), and it slowed every insert, "Add multiple users" most.
ALTER TABLE users DROP INDEX ft_user;
