/* Runs every group of unit tests; exits non-zero when any test failed. */
#include <stdio.h>

#include "unit.h"

int
main(void)
{
	int failed = 0;

	failed += run_util_tests();
	failed += run_http_tests();
	failed += run_validate_tests();
	failed += run_i18n_tests();
	failed += run_secret_tests();
	failed += run_auth_tests();
	failed += run_conf_tests();
	failed += run_mecache_tests();
	failed += run_pcache_tests();
	failed += run_json_tests();
	failed += run_totp_tests();
	failed += run_listener_tests();
	failed += run_nthash_tests();
	failed += run_ngram_tests();
	if (failed)
		fprintf(stderr, "unit tests: %d failed\n", failed);
	return failed ? 1 : 0;
}
