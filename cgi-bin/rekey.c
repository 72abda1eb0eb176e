/*
 * build/rekey -c conf/portal.conf [-o key=value ...] [--check]: re-seals every sealed value
 * of the database with the sealing key (wifi_key) in the current format (secret.h, issue 11):
 *   wifi_accounts.password_enc       bound to its user_id
 *   mail_outbox.body_text/body_html  of the messages not sent yet (sent ones are wiped)
 * A value sealed in the older format (crypto_secretbox with the master key), or under
 * wifi_key_previous / wifi_key_next, is opened with the key that sealed it and sealed again.
 * It is the migration of the older rows (run once after upgrading: make run and make test run
 * it at every start) and the last step of a key rotation (scripts/rotate-key). The programs
 * keep serving meanwhile: rows are read 500 at a time by primary key and each is written back
 * with a compare-and-set (a row changed since it was read is left as the change made it,
 * which sealed it with the current key). Safe to run again, and on several hosts at once.
 * --check writes nothing and exits 1 when a value is not in the current format and key.
 * Prints one line of counts; exits 1 when a value opens with none of the keys.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "db.h"
#include "db_sealed.h"
#include "secret.h"
#include "util.h"

static struct config cfg;

struct counts {
	long resealed, current, unreadable, raced;
};

/* The bytes of a HEX() column, opened for use/ctx; NULL (and bad++) when no key opens it. */
static char *
open_hex(struct arena *a, const char *hex, enum secret_use use, long long ctx, size_t *len,
    int *current)
{
	size_t n = strlen(hex) / 2;
	unsigned char *box = arena_alloc(a, n + 1);

	if (box == NULL || hex_decode(box, n, hex) < 0)
		return NULL;
	return secret_open_for(a, use, ctx, box, n, len, current);
}

/* One row of a page: 0, or -1 when the database failed. */
typedef int (*row_fn)(struct db *db, struct arena *a, const struct sealed_row *row,
	    int check, struct counts *c);

/* Calls fn for every row of column s (in order of its key), a page at a time. */
static int
each_row(struct db *db, struct arena *a, enum sealed s, row_fn fn, int check,
    struct counts *c)
{
	long long last = 0;
	struct sealed_row *rows;
	int n;

	do {
		arena_reset(a);
		if ((n = db_sealed_page(db, a, s, last, &rows)) < 0)
			return -1;
		for (int i = 0; i < n; i++) {
			last = rows[i].id;
			if (fn(db, a, &rows[i], check, c) < 0)
				return -1;
		}
	} while (n == SEALED_PAGE);
	return 0;
}

/*
 * One value sealed for a user (row: user id, HEX() of the value): re-sealed for use with
 * put (value, user id, old hex) unless it is current; what says what it is in messages.
 */
static int
rekey_user_value(struct db *db, struct arena *a, const struct sealed_row *row, int check,
    struct counts *c, enum secret_use use, enum sealed col, const char *what)
{
	long long uid = row->id;
	const char *hex = row->hex;
	size_t len, blen;
	int cur;
	char *v = open_hex(a, hex, use, uid, &len, &cur);
	unsigned char *box;
	int n;

	if (v == NULL) {
		fprintf(stderr, "rekey: %s %lld: no key opens it\n", what, uid);
		c->unreadable++;
		return 0;
	}
	if (cur || check) {
		c->current += cur;
		c->resealed += !cur;   /* --check: counts what would be re-sealed */
		sodium_memzero(v, len);
		return 0;
	}
	box = secret_seal_for(a, use, uid, v, len, &blen);
	sodium_memzero(v, len);
	if (box == NULL || (n = db_sealed_put(db, col, uid, box, blen, hex)) < 0)
		return -1;
	if (n == 1)
		c->resealed++;
	else
		c->raced++;
	return 0;
}

static int
rekey_wifi(struct db *db, struct arena *a, const struct sealed_row *row, int check,
    struct counts *c)
{
	return rekey_user_value(db, a, row, check, c, SECRET_WIFI, SEALED_WIFI,
	    "wifi_accounts user");
}

/* Issue 16: a two-factor secret (users.totp_secret_enc). */
static int
rekey_totp(struct db *db, struct arena *a, const struct sealed_row *row, int check,
    struct counts *c)
{
	return rekey_user_value(db, a, row, check, c, SECRET_TOTP, SEALED_TOTP,
	    "two-factor secret of user");
}

static int
rekey_outbox(struct db *db, struct arena *a, const struct sealed_row *row, int check,
    struct counts *c)
{
	long long id = row->id;
	const char *ht = row->hex, *hh = row->hex2;
	int n;
	size_t lt = 0, lh = 0, bt, bh;
	int ct, ch, rc = 0;
	char *t = open_hex(a, ht, SECRET_OUTBOX, 0, &lt, &ct);
	char *h = open_hex(a, hh, SECRET_OUTBOX, 0, &lh, &ch);
	unsigned char *nt, *nh;

	if (t == NULL || h == NULL) {
		fprintf(stderr, "rekey: mail_outbox #%lld: no key opens it\n", id);
		c->unreadable++;
	} else if ((ct && ch) || check) {
		c->current += ct && ch;
		c->resealed += !(ct && ch);
	} else {
		nt = secret_seal_for(a, SECRET_OUTBOX, 0, t, lt, &bt);
		nh = secret_seal_for(a, SECRET_OUTBOX, 0, h, lh, &bh);
		if (nt == NULL || nh == NULL ||
		    (n = db_outbox_put(db, id, nt, bt, nh, bh, ht, hh)) < 0)
			rc = -1;
		else if (n == 1)
			c->resealed++;
		else
			c->raced++;
	}
	if (t != NULL)
		sodium_memzero(t, lt);
	if (h != NULL)
		sodium_memzero(h, lh);
	return rc;
}

static void
usage(void)
{
	fprintf(stderr, "usage: rekey -c conf/portal.conf [-o key=value ...] [--check]\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "check", no_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 },
	};
	const char *conf = "conf/portal.conf";
	char *ov[64];
	size_t nov = 0;
	int ch, check = 0, rc;
	struct counts w = { 0, 0, 0, 0 }, m = { 0, 0, 0, 0 }, t = { 0, 0, 0, 0 };
	struct db *db;
	struct arena a;

	while ((ch = getopt_long(argc, argv, "c:o:", longopts, NULL)) != -1) {
		if (ch == 'c')
			conf = optarg;
		else if (ch == 'o' && nov < 64)
			ov[nov++] = optarg;
		else if (ch == 'C')
			check = 1;
		else
			usage();
	}
	if (optind != argc)
		usage();
	if (conf_load(&cfg, conf, ov, nov) < 0 || secret_init(&cfg) < 0 || db_library_init() < 0)
		return 1;
	if ((db = db_new(&cfg)) == NULL) {
		fprintf(stderr, "rekey: cannot reach the database\n");
		return 1;
	}
	arena_init(&a, 0);
	rc = each_row(db, &a, SEALED_WIFI, rekey_wifi, check, &w) < 0 ||
	    each_row(db, &a, SEALED_OUTBOX, rekey_outbox, check, &m) < 0 ||
	    each_row(db, &a, SEALED_TOTP, rekey_totp, check, &t) < 0;
	if (rc)
		fprintf(stderr, "rekey: database: %s\n", db_error(db));
	printf("rekey: wifi %s %ld, current %ld, unreadable %ld, changed meanwhile %ld; "
	    "outbox %s %ld, current %ld, unreadable %ld, changed meanwhile %ld\n",
	    check ? "to re-seal" : "re-sealed", w.resealed, w.current, w.unreadable, w.raced,
	    check ? "to re-seal" : "re-sealed", m.resealed, m.current, m.unreadable, m.raced);
	printf("rekey: two-factor secrets %s %ld, current %ld, unreadable %ld, changed meanwhile "
	    "%ld\n", check ? "to re-seal" : "re-sealed", t.resealed, t.current, t.unreadable, t.raced);
	arena_free(&a);
	db_free(db);
	db_library_end();
	sodium_memzero(&cfg, sizeof(cfg));
	if (rc || w.unreadable || m.unreadable || t.unreadable)
		return 1;
	return check && (w.resealed || m.resealed || t.resealed) ? 1 : 0;
}
