/*
 * Typed access for the programs that walk the sealed columns (see db_sealed.h).
 */
#include "db.h"
#include "db_sealed.h"

static const enum stmt page_stmt[SEALED__MAX] = {
	[SEALED_WIFI] = STMT_WIFI_PAGE,
	[SEALED_TOTP] = STMT_TOTP_PAGE,
	[SEALED_OUTBOX] = STMT_MAIL_PAGE,
	[SEALED_NO_NTHASH] = STMT_NTHASH_TODO,
};

static const struct db_col sealed_cols[] = {
	DB_COL(struct sealed_row, id, DB_LLONG), DB_COL(struct sealed_row, hex, DB_STR),
	DB_COL(struct sealed_row, hex2, DB_STR),
};

int
db_sealed_page(struct db *db, struct arena *a, enum sealed s, long long after,
    struct sealed_row **rows)
{
	struct dbres res;
	size_t n = s == SEALED_OUTBOX ? 3 : 2;
	int k;

	if (db_query(db, a, &res, page_stmt[s], "i", after) < 0)
		return -1;
	if ((k = db_read_rows(a, &res, sealed_cols, n, sizeof(**rows), (void **)rows)) <= 0)
		return k;
	for (int i = 0; n < 3 && i < k; i++)
		(*rows)[i].hex2 = NULL;
	return k;
}

int
db_sealed_put(struct db *db, enum sealed s, long long id, const void *box, size_t blen,
    const char *hex)
{
	long long n = db_exec(db, s == SEALED_TOTP ? STMT_TOTP_PUT : STMT_WIFI_PUT, "bis", box,
	    blen, id, hex);

	return n < 0 ? -1 : n == 1;
}

int
db_outbox_put(struct db *db, long long id, const void *txt, size_t ltxt, const void *html,
    size_t lhtml, const char *hex, const char *hex2)
{
	long long n = db_exec(db, STMT_MAIL_PUT, "bbiss", txt, ltxt, html, lhtml, id, hex, hex2);

	return n < 0 ? -1 : n == 1;
}

int
db_nthash_fill(struct db *db, long long id, const void *nt, size_t ntlen, const void *enc,
    size_t elen)
{
	long long n = db_exec(db, STMT_NTHASH_FILL, "bib", nt, ntlen, id, enc, elen);

	return n < 0 ? -1 : n > 0;
}
