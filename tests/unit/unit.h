/*
 * The unit tests (cmocka): one group per module, run by main.c. None needs a database:
 * stubs.c stands in for the few db_* and page functions that auth.c calls.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

int	 run_util_tests(void);
int	 run_http_tests(void);
int	 run_validate_tests(void);
int	 run_i18n_tests(void);
int	 run_auth_tests(void);
int	 run_secret_tests(void);
int	 run_conf_tests(void);
int	 run_mecache_tests(void);
int	 run_pcache_tests(void);
int	 run_json_tests(void);
int	 run_totp_tests(void);
int	 run_listener_tests(void);
int	 run_nthash_tests(void);
int	 run_ngram_tests(void);

/* A catalogue directory made for the test (en, fr, de); removed by catalogue_remove(). */
int	 catalogue_make(char *dir, size_t len);
void	 catalogue_remove(const char *dir);
/* Writes text to dir/rel (creating dir/<lang> as needed); 0 or -1. */
int	 write_file(const char *dir, const char *rel, const char *text);

/* stubs.c: the last header auth.c added through header_add(), and how many. */
extern char stub_last_header[512];
extern int stub_headers;

#endif
