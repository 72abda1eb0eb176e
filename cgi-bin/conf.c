/*
 * Configuration loading (see conf.h). The secrets file must be readable by the service alone
 * (mode 0600 or stricter) unless demo = 1, which allows the committed demo secrets (SEC-4).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "ngram.h"
#include "util.h"

#define STR(f) { #f, offsetof(struct config, f), sizeof(((struct config *)0)->f), 0 }
#define INT(f) { #f, offsetof(struct config, f), 0, 1 }

static const struct {
	const char *name;
	size_t off, size;
	int is_int;
} keys[] = {
	STR(listen), INT(threads), STR(fcgi_allow), INT(fcgi_timeout), INT(fcgi_max_records), STR(db_socket), STR(db_host), INT(db_port), INT(db_timeout), STR(db_name),
	STR(db_user), STR(secrets_file), INT(demo), STR(template_dir),
	INT(session_idle_minutes), INT(session_absolute_hours), INT(invite_days),
	INT(reset_hours), INT(api_token_days), STR(mail_transport), STR(maildir), STR(smtp_url), STR(mail_from),
	STR(smtp_starttls),
	STR(base_url), INT(hash_slots), STR(common_passwords), INT(list_index_max_users),
	INT(ngram_max_candidates),
};

static void
defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	strcpy(c->listen, "var/run/portal.sock");
	c->threads = 8;
	strcpy(c->fcgi_allow, "127.0.0.1/32, ::1/128");
	c->fcgi_timeout = 10;
	c->fcgi_max_records = 4096;
	c->db_timeout = 10;
	strcpy(c->db_name, "portal");
	strcpy(c->db_user, "portal");
	strcpy(c->template_dir, "templates");
	c->session_idle_minutes = 30;
	c->session_absolute_hours = 12;
	c->invite_days = 7;
	c->reset_hours = 2;
	c->api_token_days = 30;
	strcpy(c->mail_transport, "maildir");
	strcpy(c->maildir, "var/mail");
	strcpy(c->mail_from, "portal@localhost");
	strcpy(c->smtp_starttls, "try");
	strcpy(c->base_url, "http://127.0.0.1:8080");
	c->hash_slots = 0;     /* 0 = one per core */
	c->list_index_max_users = 200000;
	c->ngram_max_candidates = NGRAM_MAX_CANDIDATES;
	strcpy(c->common_passwords, "conf/common-passwords.txt");
}

int
conf_set(struct config *c, const char *key, const char *value)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (strcmp(keys[i].name, key) != 0)
			continue;
		if (keys[i].is_int) {
			long v;

			if (str_to_long(value, 0, 1000000, &v) < 0)
				return -1;
			*(int *)((char *)c + keys[i].off) = (int)v;
		} else {
			if (strlen(value) >= keys[i].size)
				return -1;
			strcpy((char *)c + keys[i].off, value);
		}
		return 0;
	}
	return -1;
}

/* Calls fn for each "key = value" line of path. */
static int
read_pairs(const char *path, int (*fn)(void *, const char *, const char *), void *arg)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	int n = 0, rc = 0;

	if (f == NULL) {
		fprintf(stderr, "%s: cannot open\n", path);
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *k = str_trim(line), *eq;

		n++;
		if (*k == '\0' || *k == '#')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			fprintf(stderr, "%s:%d: expected key = value\n", path, n);
			rc = -1;
			continue;
		}
		*eq = '\0';
		if (fn(arg, str_trim(k), str_trim(eq + 1)) < 0) {
			fprintf(stderr, "%s:%d: unknown key or bad value\n", path, n);
			rc = -1;
		}
	}
	fclose(f);
	return rc;
}

static int
set_main(void *arg, const char *k, const char *v)
{
	return conf_set(arg, k, v);
}

static int
set_secret(void *arg, const char *k, const char *v)
{
	struct config *c = arg;

	if (strcmp(k, "db_password") == 0 && strlen(v) < sizeof(c->db_password)) {
		strcpy(c->db_password, v);
		return 0;
	}
	if (strcmp(k, "wifi_key") == 0) {
		c->has_wifi_key = 1;
		return hex_decode(c->wifi_key, WIFI_KEY_BYTES, v);
	}
	if (strcmp(k, "wifi_key_previous") == 0) {
		c->has_wifi_key_previous = 1;
		return hex_decode(c->wifi_key_previous, WIFI_KEY_BYTES, v);
	}
	if (strcmp(k, "wifi_key_next") == 0) {
		c->has_wifi_key_next = 1;
		return hex_decode(c->wifi_key_next, WIFI_KEY_BYTES, v);
	}
	return -1;
}

/* The committed demo secrets (conf/secrets.demo.conf): public, so refused unless demo = 1. */
static const char DEMO_WIFI_KEY[] =
	"2a1e2148f2c2fd8aad7f31c119cea952ac22cb29572dab2b2161ff86eadd5984";
static const char DEMO_DB_PASSWORD[] = "demo-db-password-1";

/* A key nobody should use: all zero, or the public demo key outside demo mode. */
static const char *
key_problem(const unsigned char k[WIFI_KEY_BYTES], int demo)
{
	static const unsigned char zero[WIFI_KEY_BYTES];
	unsigned char d[WIFI_KEY_BYTES];

	if (memcmp(k, zero, sizeof(zero)) == 0)
		return "is all zero";
	if (!demo && hex_decode(d, sizeof(d), DEMO_WIFI_KEY) == 0 && memcmp(k, d, sizeof(d)) == 0)
		return "is the public demo key (demo = 0)";
	return NULL;
}

/*
 * issue 11: the secrets are checked by their values, whatever the file is called: a missing
 * or all-zero wifi_key stops the program, and so do the committed demo values unless demo = 1.
 */
static int
secrets_check(const struct config *c)
{
	const char *why;

	if (!c->has_wifi_key) {
		fprintf(stderr, "%s: wifi_key is missing\n", c->secrets_file);
		return -1;
	}
	if ((why = key_problem(c->wifi_key, c->demo)) != NULL ||
	    (c->has_wifi_key_previous && (why = key_problem(c->wifi_key_previous, c->demo))) ||
	    (c->has_wifi_key_next && (why = key_problem(c->wifi_key_next, c->demo)))) {
		fprintf(stderr, "%s: a wifi_key %s: refused\n", c->secrets_file, why);
		return -1;
	}
	if (!c->demo && strcmp(c->db_password, DEMO_DB_PASSWORD) == 0) {
		fprintf(stderr, "%s: db_password is the public demo one (demo = 0): refused\n",
		    c->secrets_file);
		return -1;
	}
	return 0;
}

int
conf_load(struct config *c, const char *path, char **ov, size_t nov)
{
	struct stat st;
	long ncpu;

	defaults(c);
	if (read_pairs(path, set_main, c) < 0)
		return -1;
	for (size_t i = 0; i < nov; i++) {
		char buf[512], *eq;

		snprintf(buf, sizeof(buf), "%s", ov[i]);
		eq = strchr(buf, '=');
		if (eq != NULL)
			*eq = '\0';
		if (eq == NULL || conf_set(c, buf, eq + 1) < 0) {
			fprintf(stderr, "-o %s: unknown key or bad value\n", ov[i]);
			return -1;
		}
	}
	if (c->secrets_file[0] == '\0') {
		fprintf(stderr, "%s: secrets_file is not set\n", path);
		return -1;
	}
	if (stat(c->secrets_file, &st) < 0) {
		fprintf(stderr, "%s: cannot stat\n", c->secrets_file);
		return -1;
	}
	if (!c->demo && (st.st_mode & 077)) {
		fprintf(stderr, "%s: must not be readable by group or others (chmod 600)\n",
		    c->secrets_file);
		return -1;
	}
	if (read_pairs(c->secrets_file, set_secret, c) < 0 || secrets_check(c) < 0)
		return -1;
	if (c->threads < 1 || c->threads > 256)
		c->threads = 8;
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	if (c->hash_slots <= 0)
		c->hash_slots = ncpu > 0 ? (int)ncpu : 1;
	return 0;
}
