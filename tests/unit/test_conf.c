/* conf.c: conf_set and conf_load (the file, -o overrides, the secrets file rules of SEC-4). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "conf.h"
#include "unit.h"

static char dir[256];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/unit-conf-XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	catalogue_remove(dir);
	return 0;
}

static void
set_keys(void **state)
{
	struct config c;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(conf_set(&c, "threads", "4"), 0);
	assert_int_equal(c.threads, 4);
	assert_int_equal(conf_set(&c, "mail_transport", "smtp"), 0);
	assert_string_equal(c.mail_transport, "smtp");
	assert_int_equal(conf_set(&c, "no_such_key", "1"), -1);
	assert_int_equal(conf_set(&c, "threads", "four"), -1);
	assert_int_equal(conf_set(&c, "threads", "-1"), -1);
	assert_int_equal(conf_set(&c, "mail_transport", "a-value-longer-than-16"), -1);
	assert_string_equal(c.mail_transport, "smtp");
}

static void
load_with_overrides_and_secrets(void **state)
{
	struct config c;
	char path[300], sec[300], o1[400], *ov[2];
	const char *key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
	char secrets[200];

	(void)state;
	snprintf(secrets, sizeof(secrets), "db_password = s3cret\nwifi_key = %s\n", key);
	assert_int_equal(write_file(dir, "secrets.conf", secrets), 0);
	snprintf(sec, sizeof(sec), "%s/secrets.conf", dir);
	chmod(sec, 0600);
	snprintf(o1, sizeof(o1), "secrets_file=%s", sec);
	ov[0] = o1;
	ov[1] = "maildir=/srv/mail";
	assert_int_equal(write_file(dir, "portal.conf", "# comment\nthreads = 3\n"
	    "maildir = var/mail\n"), 0);
	snprintf(path, sizeof(path), "%s/portal.conf", dir);
	assert_int_equal(conf_load(&c, path, ov, 2), 0);
	assert_int_equal(c.threads, 3);
	assert_string_equal(c.maildir, "/srv/mail");           /* -o wins */
	assert_string_equal(c.db_password, "s3cret");
	assert_int_equal(c.wifi_key[0], 0x00);
	assert_int_equal(c.wifi_key[31], 0xff);
	assert_string_equal(c.mail_from, "portal@localhost");  /* a default */
	/* a secrets file others can read is refused outside demo mode */
	chmod(sec, 0644);
	assert_int_equal(conf_load(&c, path, ov, 2), -1);
	chmod(sec, 0600);
	/* a bad -o, a bad line */
	ov[1] = "nonsense";
	assert_int_equal(conf_load(&c, path, ov, 2), -1);
	assert_int_equal(write_file(dir, "bad.conf", "threads\n"), 0);
	snprintf(path, sizeof(path), "%s/bad.conf", dir);
	assert_int_equal(conf_load(&c, path, ov, 1), -1);
}

int
run_conf_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set_keys),
		cmocka_unit_test(load_with_overrides_and_secrets),
	};

	return cmocka_run_group_tests_name("conf", tests, setup, teardown);
}
