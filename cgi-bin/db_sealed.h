/*
 * Typed access for the programs that walk the sealed columns (rekey.c, wifi_nthash.c): pages
 * of sealed values and their replacement. Returns: <0 failure, 0 nothing changed (the value
 * changed under us), >0 done.
 */
#ifndef DB_SEALED_H
#define DB_SEALED_H

#include <stddef.h>

struct arena;
struct db;

/* The sealed columns, each read by pages of 500 in order of its key. */
enum sealed {
	SEALED_WIFI,            /* wifi_accounts.password_enc by user id */
	SEALED_TOTP,            /* users.totp_secret_enc by user id (issue 16) */
	SEALED_OUTBOX,          /* mail_outbox body_text, body_html by id (not sent) */
	SEALED_NO_NTHASH,       /* wifi_accounts.password_enc without an NT hash yet */
	SEALED__MAX
};

/* A sealed value as read: its key and the HEX() of its value (and of the second, outbox). */
struct sealed_row {
	long long id;
	const char *hex, *hex2;
};

#define SEALED_PAGE 500
/* The next page of column s after key `after` into *rows; how many (>= 0). */
int	 db_sealed_page(struct db *db, struct arena *a, enum sealed s, long long after,
	    struct sealed_row **rows);
/* Replaces the value of key id of s (SEALED_WIFI, SEALED_TOTP) by box if it is still the
 * value of hex; 1, 0 it changed since. */
int	 db_sealed_put(struct db *db, enum sealed s, long long id, const void *box, size_t blen,
	    const char *hex);
/* Replaces both bodies of outbox row id if they are still those of hex and hex2; 1, 0. */
int	 db_outbox_put(struct db *db, long long id, const void *txt, size_t ltxt,
	    const void *html, size_t lhtml, const char *hex, const char *hex2);
/* Stores the NT hash of the Wi-Fi password of user id if it still has password enc; 1, 0. */
int	 db_nthash_fill(struct db *db, long long id, const void *nt, size_t ntlen,
	    const void *enc, size_t elen);

#endif
