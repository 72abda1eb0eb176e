/*
 * "Add multiple users" (PLAT-2): reading and checking an uploaded CSV of users (import.c)
 * for the page (page_import.c), and the columns the export writes (page_export.c).
 */
#ifndef IMPORT_H
#define IMPORT_H

#include <stddef.h>

#include "userform.h"

struct arena;
struct req;

/* The columns of the file, in the order the template and the export write them. */
enum icol {
	IC_FIRST_NAME, IC_LAST_NAME, IC_EMAIL, IC_JOB_TITLE, IC_MOBILE, IC_DIRECT,
	IC_LANGUAGE, IC_ROLE, IC_WIFI, IC_DEVICE_LIMIT, IC_HOMESITE, IC_INVITE_PORTAL,
	IC_INVITE_APP,
	IC_WIFI_STATUS, IC_ACCOUNT_STATUS,     /* written by the export, ignored by the import */
	IC_PHONE_NUMBER, IC_EXTENSION,
	IC__MAX
};

struct icol_def {
	const char *name;           /* NULL: the user field's */
	int uf;                     /* the enum uf_field it feeds, -1 for none */
	int required;               /* -1: optional in the file although the field is required */
	const char *doc_key;        /* catalogue key of its description; NULL: the field's */
};
extern const struct icol_def icols[IC__MAX];
/* Column c's name in the file, the catalogue key of its description, and whether the
 * header must have it. */
const char *icol_name(int c);
const char *icol_doc(int c);
int	 icol_required(int c);

/* One problem of the report: a row of the file (1 = the header line) and a column. */
struct iproblem {
	size_t row;
	int col;                    /* enum icol, or -1 for the row as a whole */
	const char *value, *msg;
	size_t seq;                 /* the order found in, for problems of one field */
};

struct ireport {
	const char *file_error;     /* the file as a whole is unusable: this says why */
	struct iproblem *p;
	size_t n, cap;
	size_t nrows;               /* users in the file */
	size_t bad_rows;
};

/* A user of the file, ready for user_insert(), and its row. */
struct iuser {
	struct user_input in;
	size_t row;
};

/* Adds a problem to the report; -1 out of memory. */
int	 add_problem(struct req *r, struct ireport *rep, size_t row, int col, const char *value,
	    const char *msg);
/*
 * Reads and checks the whole upload into users (n of them). rep says what is wrong.
 * Returns 0 (look at rep), or 500.
 */
int	 import_check(struct req *r, struct arena *scratch, long occ, int experience,
	    struct iuser **users, size_t *n, struct ireport *rep);

#endif
