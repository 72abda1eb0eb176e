/*
 * Stand-ins for what auth.c, throttle.c and ngram.c need from db.c, db_auth.c, db_search.c and
 * page.c, so that their password, token, CSRF and gram code is tested without a database:
 * every query fails as if the database were down.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "db_auth.h"
#include "db_search.h"
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

/* The typed functions of db_auth.c that auth.c and throttle.c call (issue 12): the database
 * is down. */
int
db_session_new(struct req *r, const unsigned char hash[32], long user)
{
	(void)r;
	(void)hash;
	(void)user;
	return -1;
}

int
db_session_get(struct req *r, const unsigned char hash[32], struct session_row *s)
{
	(void)r;
	(void)hash;
	memset(s, 0, sizeof(*s));
	return -1;
}

int
db_session_touch(struct req *r, const unsigned char hash[32])
{
	(void)r;
	(void)hash;
	return -1;
}

int
db_session_del(struct req *r, const unsigned char hash[32])
{
	(void)r;
	(void)hash;
	return -1;
}

int
db_credential_moved(struct req *r, enum stmt moved, long occupier_id,
    const unsigned char hash[32])
{
	(void)r;
	(void)moved;
	(void)occupier_id;
	(void)hash;
	return -1;
}

int
db_me(struct req *r, long user, struct me *me, const char **role)
{
	(void)r;
	(void)user;
	(void)me;
	*role = "";
	return -1;
}

int
db_sessions_end(struct req *r, long user, const unsigned char *keep)
{
	(void)r;
	(void)user;
	(void)keep;
	return -1;
}

int
db_links_revoke(struct req *r, long user)
{
	(void)r;
	(void)user;
	return -1;
}

int
db_throttle_take(struct req *r, const char *key, int backoff, int backoff_max, int block_at)
{
	(void)r;
	(void)key;
	(void)backoff;
	(void)backoff_max;
	(void)block_at;
	return -1;
}

int
db_throttle_wait(struct req *r, const char *key)
{
	(void)r;
	(void)key;
	return -1;
}

int
db_throttle_clear(struct req *r, const char *key)
{
	(void)r;
	(void)key;
	return -1;
}

int
db_throttle_give_back(struct req *r, const char *key, int block_at)
{
	(void)r;
	(void)key;
	(void)block_at;
	return -1;
}

/* What ngram.c counts with (db_search.c): the database is down. */
int
db_gram_count(struct req *r, long op, long occ, const char *pattern, long cap, long *rows)
{
	(void)r;
	(void)op;
	(void)occ;
	(void)pattern;
	(void)cap;
	*rows = 0;
	return -1;
}
