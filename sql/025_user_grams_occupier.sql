-- 025 (issue 17): user_grams (sql/016) by occupier, and no gram left behind by a deleted
-- occupier or operator.
--
-- ix_ug_occ: an occupier's own rows of a gram are one range, so the User management list
-- filtered in SQL (occupiers past list_index_max_users, page_users_list.c) counts and reads
-- the candidates of its own occupier: a gram common across the operator ('ja': more than
-- 4,000 rows among the million users) is rare within one occupier (500 of its 10,000 users),
-- where the list walked the occupier's index before. The operator search keeps the primary
-- key (operator_id, gram, user_id DESC). Built in place (ALGORITHM=INPLACE, LOCK=NONE: the
-- table stays writable while the index is sorted and built).
ALTER TABLE user_grams ADD KEY ix_ug_occ (occupier_id, gram, user_id), ALGORITHM=INPLACE, LOCK=NONE;

-- Users are deleted by DELETE statements only, which fire users_grams_del (sql/016):
-- fk_user_occ and fk_user_op (sql/001) are RESTRICT, so deleting an occupier or an operator
-- that still has users is refused, and no cascade deletes users behind the triggers' back
-- (MariaDB fires no trigger for a cascaded delete). Should a cascade ever be added, these
-- delete the grams of the occupier or operator in the deleting statement all the same
-- (a range of ix_ug_occ, of the primary key); a refused delete rolls them back with it.
CREATE TRIGGER occ_grams_del BEFORE DELETE ON occupiers FOR EACH ROW
  DELETE FROM user_grams WHERE occupier_id = OLD.id;

CREATE TRIGGER op_grams_del BEFORE DELETE ON operators FOR EACH ROW
  DELETE FROM user_grams WHERE operator_id = OLD.id;
