-- 006: one stored search column for the substring filters (UM-2 on the User management list,
-- the operator's search across all users): "first last", a newline (which a search box cannot
-- send, so no query matches across the name and the address), and the email address.
-- One LIKE on one column in utf8mb4_general_ci costs about half of the earlier
-- `email LIKE ? OR CONCAT(first_name, ' ', last_name) LIKE ?` per row, and still ignores case
-- and accents ("jose" finds "José"). Kept by the database on every write (PERSISTENT), and
-- carried by the two covering indexes that those filters walk, in place of the columns they
-- compared before.
ALTER TABLE users
  ADD COLUMN search_text VARCHAR(460) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci
    AS (CONCAT(first_name, ' ', last_name, '\n', email)) PERSISTENT,
  DROP KEY ix_user_occ_list,
  ADD KEY ix_user_occ_list (operator_id, occupier_id, last_name, first_name, id, search_text),
  DROP KEY ix_user_op_search,
  ADD KEY ix_user_op_search (operator_id, id, search_text);
