-- 011: the outbox is claimed by a committed write before a message is delivered (mailer.c).
-- A row lock taken with SELECT ... FOR UPDATE SKIP LOCKED holds on one server only: on a
-- Galera cluster two mailers connected to two nodes both "lock" the same row, both deliver,
-- and only the COMMIT of one survives certification, after both messages went out. So the
-- claim is committed first (certification lets one claim win across the cluster), with a
-- random token and a lease (next_try_at moves to the lease's end); the row is then marked
-- sent only WHERE claim_token is still that token.
ALTER TABLE mail_outbox
  ADD COLUMN claim_token CHAR(32) CHARACTER SET ascii NULL AFTER last_error;
