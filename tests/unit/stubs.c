/*
 * Stand-ins for what auth.c needs from db.c and page.c, so that its password, token and CSRF
 * code is tested without a database: every query fails as if the database were down.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "unit.h"

char stub_last_header[512];
int stub_headers;

void
header_add(struct req *r, const char *name, const char *value)
{
	(void)r;
	snprintf(stub_last_header, sizeof(stub_last_header), "%s: %s", name, value);
	stub_headers++;
}

int
db_query(struct db *db, struct arena *a, struct dbres *res, enum stmt s,
    const char *fmt, ...)
{
	(void)db;
	(void)a;
	(void)s;
	(void)fmt;
	memset(res, 0, sizeof(*res));
	return -1;
}

long long
db_exec(struct db *db, enum stmt s, const char *fmt, ...)
{
	(void)db;
	(void)s;
	(void)fmt;
	return -1;
}

const char *
db_str(const struct dbres *r, size_t row, size_t col)
{
	(void)r;
	(void)row;
	(void)col;
	return "";
}

long long
db_int(const struct dbres *r, size_t row, size_t col)
{
	(void)r;
	(void)row;
	(void)col;
	return 0;
}

int
db_isnull(const struct dbres *r, size_t row, size_t col)
{
	(void)r;
	(void)row;
	(void)col;
	return 1;
}
