/*
 * Sign-in throttling (AUTH-5, issue 11; see auth.h), split out of auth.c (issue 12): the
 * counters of signin_failures, taken by one conditional UPDATE before the work they guard.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db_auth.h"

/*
 * AUTH-5 (issue 11). Each attempt is counted before the password is checked, by one UPDATE
 * that only succeeds while the key is not blocked: of N parallel guesses only those that got
 * a slot reach argon2id, and the slot is given back when the password was right.
 *   account (its user id, "u:<id>"; an unknown address "a:<email>"): 3 attempts free, then
 *     each needs a wait of 2^(n-2) seconds after the last, at most 300 (a back-off, never a lock-out: the
 *     right password works again after the wait, and the emailed reset link at once);
 *   client address ("ip:<IPv4>", or the /64 of an IPv6 address): 30 attempts, then blocked
 *     for 15 minutes.
 * A count starts again after 15 minutes without a block.
 */
#define WINDOW_MIN 15
#define ACCOUNT_BACKOFF_MAX 300
#define ADDR_BLOCK_AT 30

int
throttle_addr_key(const char *addr, char *out, size_t n)
{
	unsigned char a[16];
	char text[INET6_ADDRSTRLEN];

	if (addr == NULL)
		addr = "";
	if (inet_pton(AF_INET6, addr, a) == 1) {
		if (IN6_IS_ADDR_V4MAPPED((struct in6_addr *)(void *)a)) {
			if (inet_ntop(AF_INET, a + 12, text, sizeof(text)) == NULL)
				return -1;
			return snprintf(out, n, "ip:%s", text) < (int)n ? 0 : -1;
		}
		/* one customer line has a whole /64: counting per address would let it
		 * rotate through 2^64 of them */
		memset(a + 8, 0, 8);
		if (inet_ntop(AF_INET6, a, text, sizeof(text)) == NULL)
			return -1;
		return snprintf(out, n, "ip:%s/64", text) < (int)n ? 0 : -1;
	}
	return snprintf(out, n, "ip:%.64s", addr) < (int)n ? 0 : -1;
}

char *
throttle_key_addr(struct req *r, const char *prefix)
{
	char k[96];

	if (throttle_addr_key(r->remote_addr, k, sizeof(k)) < 0)
		return NULL;
	return arena_printf(r->a, "%s%s", prefix, k);
}

/* 0: the attempt is counted and may go on; >0: seconds to wait; -1: database error. */
int
throttle_take(struct req *r, const char *key, int backoff, int block_at)
{
	int rc;

	if (key == NULL)
		return -1;
	if ((rc = db_throttle_take(r, key, backoff, ACCOUNT_BACKOFF_MAX, block_at)) != 0)
		return rc < 0 ? -1 : 0;
	return db_throttle_wait(r, key);
}

int
throttle_signin(struct req *r, const char *account_key)
{
	int wait = throttle_take(r, account_key, 1, 0);

	if (wait != 0)
		return wait;
	return throttle_take(r, throttle_key_addr(r, ""), 0, ADDR_BLOCK_AT);
}

void
throttle_signin_ok(struct req *r, const char *account_key)
{
	char *ka = throttle_key_addr(r, "");

	db_throttle_clear(r, account_key);
	if (ka != NULL)
		db_throttle_give_back(r, ka, ADDR_BLOCK_AT);
}

void
throttle_clear(struct req *r, const char *key)
{
	db_throttle_clear(r, key);
}
