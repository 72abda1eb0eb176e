-- 019 (issue 13, PLAT-7): the operator's logo, stored in the database so that every app host
-- serves it (type checked from the bytes, at most 512 KB, SVG only without scripts or external
-- references), and its version, which changes with each upload so that pages and emails ask
-- for the new one. Any change to operators bumps its occupiers' data versions (sql/007).
-- base_url: the operator's own portal address, put in its emailed links (NULL: base_url of the
-- configuration).
ALTER TABLE operators ADD COLUMN logo_version INT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN base_url VARCHAR(200) NULL;

CREATE TABLE operator_logos (
  operator_id INT UNSIGNED NOT NULL PRIMARY KEY,
  mime        VARCHAR(40) NOT NULL,
  data        MEDIUMBLOB NOT NULL,
  CONSTRAINT fk_logo_op FOREIGN KEY (operator_id) REFERENCES operators(id) ON DELETE CASCADE
) ENGINE=InnoDB;
