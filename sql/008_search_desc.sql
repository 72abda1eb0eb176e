-- 008: the operator's search walks its users newest first (page_search.c: ORDER BY id DESC).
-- On an ascending index that is a backward scan, and MariaDB 10.11 runs a backward scan of
-- this index (which carries the stored search_text) about 3.5 times slower once the same
-- connection has read any other column of users, as every signed-in request does: 220 ms
-- instead of 60 ms for a window of 100,000 users that holds no match (bench/RESULTS.md).
-- With id descending in the index, newest first is a forward scan, at the same speed always.
ALTER TABLE users
  DROP KEY ix_user_op_search,
  ADD KEY ix_user_op_search (operator_id, id DESC, search_text);
