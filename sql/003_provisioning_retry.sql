-- 003: TEL-6 retries. A job that the PBX adapter could not apply is tried again after a
-- back-off (build/provisioner sets next_try_at), not on every poll.
ALTER TABLE provisioning_jobs
  ADD COLUMN next_try_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP AFTER attempts,
  DROP INDEX ix_prov_todo,
  ADD KEY ix_prov_todo (applied_at, next_try_at, id);
