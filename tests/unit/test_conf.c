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

/* issue 11: the secrets are judged by their values, not by the file's name */
static void
secrets_refused_by_value(void **state)
{
	struct config c;
	char path[300], sec[300], o1[400], *ov[1];
	static const char *const refused[] = {
		"db_password = x\n",                                           /* no wifi_key */
		"db_password = x\nwifi_key = "
		"0000000000000000000000000000000000000000000000000000000000000000\n",
		"db_password = x\nwifi_key = "                                 /* the demo key */
		"2a1e2148f2c2fd8aad7f31c119cea952ac22cb29572dab2b2161ff86eadd5984\n",
		"db_password = demo-db-password-1\nwifi_key = "
		"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n",
		"db_password = x\nwifi_key = "
		"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n"
		"wifi_key_previous = "
		"2a1e2148f2c2fd8aad7f31c119cea952ac22cb29572dab2b2161ff86eadd5984\n",
	};

	(void)state;
	snprintf(sec, sizeof(sec), "%s/production.conf", dir);   /* no "demo" in the name */
	snprintf(o1, sizeof(o1), "secrets_file=%s", sec);
	ov[0] = o1;
	snprintf(path, sizeof(path), "%s/portal.conf", dir);
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		assert_int_equal(write_file(dir, "portal.conf", "demo = 0\n"), 0);
		assert_int_equal(write_file(dir, "production.conf", refused[i]), 0);
		chmod(sec, 0600);
		assert_int_equal(conf_load(&c, path, ov, 1), -1);
	}
	/* demo = 1 allows the demo values (make run), never a missing or all-zero key */
	assert_int_equal(write_file(dir, "portal.conf", "demo = 1\n"), 0);
	assert_int_equal(write_file(dir, "production.conf", refused[2]), 0);
	assert_int_equal(conf_load(&c, path, ov, 1), 0);
	assert_int_equal(write_file(dir, "production.conf", refused[1]), 0);
	assert_int_equal(conf_load(&c, path, ov, 1), -1);
	assert_int_equal(write_file(dir, "production.conf", refused[0]), 0);
	assert_int_equal(conf_load(&c, path, ov, 1), -1);
	/* a good production file, with a rotation's previous key */
	assert_int_equal(write_file(dir, "portal.conf", "demo = 0\n"), 0);
	assert_int_equal(write_file(dir, "production.conf", "db_password = x\nwifi_key = "
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n"
	    "wifi_key_previous = "
	    "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100\n"), 0);
	chmod(sec, 0600);
	assert_int_equal(conf_load(&c, path, ov, 1), 0);
	assert_true(c.has_wifi_key && c.has_wifi_key_previous && !c.has_wifi_key_next);
	assert_int_equal(c.wifi_key_previous[0], 0xff);
}

int
run_conf_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set_keys),
		cmocka_unit_test(load_with_overrides_and_secrets),
		cmocka_unit_test(secrets_refused_by_value),
	};

	return cmocka_run_group_tests_name("conf", tests, setup, teardown);
}
