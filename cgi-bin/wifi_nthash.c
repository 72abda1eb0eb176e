/*
 * build/wifi-nthash -c conf/portal.conf [-o key=value ...]: fills wifi_accounts.nt_hash, the
 * NT hash FreeRADIUS checks Wi-Fi passwords against (sql/010_radius.sql), for the accounts
 * whose password was stored before the portal wrote it (it writes it with every new password).
 * It decrypts password_enc with the server key, hashes, and stores the hash only if the
 * password is still the one it decrypted. A row it cannot decrypt (another key, damaged) is
 * counted and left alone: that account cannot sign in to the Wi-Fi until its next password.
 * Safe to run at any time and repeatedly (scripts/stack.sh runs it at every start); each
 * batch of 500 rows is one transaction. Prints what it did; exits 1 when the database failed.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "db.h"
#include "db_sealed.h"
#include "nthash.h"
#include "secret.h"
#include "util.h"


/* Hashes the password of one row; 1 filled, 0 left alone (undecryptable or changed), -1. */
static int
fill_one(struct db *db, struct arena *a, const struct config *cfg, long long id,
    const char *hex)
{
	size_t n = strlen(hex) / 2, plen;
	unsigned char *enc = arena_alloc(a, n + 1), nt[NT_HASH_BYTES];
	char *pw;
	long long rc;

	if (enc == NULL || hex_decode(enc, n, hex) < 0)
		return 0;
	/* any key of the secrets file, either format (issue 11: bound to the user id) */
	if ((pw = secret_open_for(a, SECRET_WIFI, id, enc, n, &plen, NULL)) == NULL)
		return 0;
	rc = nt_hash(pw, plen, nt);
	sodium_memzero(pw, plen);
	if (rc < 0)
		return 0;
	rc = db_nthash_fill(db, id, nt, sizeof(nt), enc, n);
	sodium_memzero(nt, sizeof(nt));
	return (int)rc;
}

/* Fills every missing hash, a page per transaction; 0, or -1 when the database failed. */
static int
fill_all(struct db *db, struct arena *a, const struct config *cfg, long long *filled,
    long long *skipped)
{
	long long last = 0;
	struct sealed_row *rows;
	int n;

	do {
		arena_reset(a);
		if ((n = db_sealed_page(db, a, SEALED_NO_NTHASH, last, &rows)) < 0 ||
		    db_begin(db) < 0)
			return -1;
		for (int i = 0; i < n; i++) {
			int k;

			last = rows[i].id;
			if ((k = fill_one(db, a, cfg, last, rows[i].hex)) < 0) {
				db_rollback(db);
				return -1;
			}
			*filled += k;
			*skipped += !k;
		}
		if (db_commit(db) < 0) {
			db_rollback(db);
			return -1;
		}
	} while (n == SEALED_PAGE);
	return 0;
}

int
main(int argc, char *argv[])
{
	const char *conf = "conf/portal.conf";
	char *ov[64];
	size_t nov = 0;
	long long filled = 0, skipped = 0;
	struct config cfg;
	struct db *db;
	struct arena a;
	int ch, rc = 0;

	while ((ch = getopt(argc, argv, "c:o:")) != -1) {
		if (ch == 'c')
			conf = optarg;
		else if (ch == 'o' && nov < 64)
			ov[nov++] = optarg;
		else {
			fprintf(stderr, "usage: wifi-nthash -c conf/portal.conf [-o key=value ...]\n");
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "usage: wifi-nthash -c conf/portal.conf [-o key=value ...]\n");
		return 2;
	}
	if (sodium_init() < 0 || conf_load(&cfg, conf, ov, nov) < 0 || secret_init(&cfg) < 0 ||
	    db_library_init() < 0)
		return 1;
	if ((db = db_new(&cfg)) == NULL)
		return 1;
	arena_init(&a, 0);
	rc = fill_all(db, &a, &cfg, &filled, &skipped) < 0;
	if (rc)
		fprintf(stderr, "wifi-nthash: database: %s\n", db_error(db));
	printf("wifi-nthash: %lld NT hash(es) filled, %lld account(s) left without one "
	    "(password not decryptable with this key)\n", filled, skipped);
	arena_free(&a);
	db_free(db);
	db_library_end();
	sodium_memzero(&cfg, sizeof(cfg));
	return rc;
}
