/*
 * The text of every SQL statement, in one table indexed by enum stmt: the entries of the
 * stmt_<group>.h files (see stmt.h), included here as designated initializers.
 */
#include "stmt.h"

#define STMT(name, text) [name] = text,
const char *const stmts[STMT__MAX] = {
#include "stmt_all.h"
};
#undef STMT
