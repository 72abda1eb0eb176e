/*
 * Every SQL statement of the programs, by name. db_query() and db_exec() take one of these;
 * a statement is prepared once per connection.
 *
 * One enum and one table, written in one place per statement: the files stmt_<group>.h
 * (listed in stmt_all.h), grouped by the table each statement is about, hold entries
 *
 *	STMT(STMT_NAME,
 *	    "... WHERE id = ?")
 *
 * This header includes them with STMT(name, text) as `name,` to make enum stmt; db_stmts.c
 * includes them again with `[name] = text,` to make stmts[]. So a new statement is one
 * STMT() entry in the file of its table, and nothing else. `?` placeholders only: no
 * statement is ever built from input. A statement two places need is written once; column
 * lists that several statements share are macros at the top of their file.
 */
#ifndef STMT_H
#define STMT_H

#define STMT(name, text) name,
enum stmt {
#include "stmt_all.h"
	STMT__MAX
};
#undef STMT

extern const char *const stmts[STMT__MAX];

#endif
