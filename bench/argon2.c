/*
 * bench/argon2.c: the cost of one password hash alone, as the portal computes it at sign-in
 * (auth.c: crypto_pwhash_str_verify of an argon2id hash made with OPSLIMIT_INTERACTIVE and
 * MEMLIMIT_INTERACTIVE). Prints "median_ms min_ms runs", one line.
 *   cc -O2 -o argon2 bench/argon2.c -lsodium && ./argon2 [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char *argv[])
{
	int runs = argc > 1 ? atoi(argv[1]) : 15;
	char hash[crypto_pwhash_STRBYTES];
	const char *pw = "demo-password-1";
	double *t;

	if (sodium_init() < 0 || runs < 1 || (t = calloc((size_t)runs, sizeof(*t))) == NULL)
		return 1;
	if (crypto_pwhash_str(hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return 1;
	for (int i = 0; i < runs; i++) {
		double t0 = now_ms();

		if (crypto_pwhash_str_verify(hash, pw, strlen(pw)) != 0)
			return 1;
		t[i] = now_ms() - t0;
	}
	qsort(t, (size_t)runs, sizeof(*t), cmp);
	printf("%.1f %.1f %d\n", t[runs / 2], t[0], runs);
	return 0;
}
