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
#include "util.h"

#define STR(f) { #f, offsetof(struct config, f), sizeof(((struct config *)0)->f), 0 }
#define INT(f) { #f, offsetof(struct config, f), 0, 1 }

static const struct {
	const char *name;
	size_t off, size;
	int is_int;
} keys[] = {
	STR(listen), INT(threads), STR(db_socket), STR(db_host), INT(db_port), STR(db_name),
	STR(db_user), STR(secrets_file), INT(demo), STR(template_dir),
	INT(session_idle_minutes), INT(session_absolute_hours), INT(invite_days),
	INT(reset_hours), INT(api_token_days), STR(mail_transport), STR(maildir), STR(smtp_url), STR(mail_from),
	INT(smtp_starttls),
	STR(base_url), INT(hash_slots), STR(common_passwords),
};

static void
defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	strcpy(c->listen, "127.0.0.1:9000");
	c->threads = 8;
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
	strcpy(c->base_url, "http://127.0.0.1:8080");
	c->hash_slots = 0;     /* 0 = one per core */
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
	if (strcmp(k, "wifi_key") == 0)
		return hex_decode(c->wifi_key, WIFI_KEY_BYTES, v);
	return -1;
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
	if (!c->demo && strstr(c->secrets_file, "demo") != NULL) {
		fprintf(stderr, "%s: demo secrets are refused unless demo = 1\n", c->secrets_file);
		return -1;
	}
	if (read_pairs(c->secrets_file, set_secret, c) < 0)
		return -1;
	if (c->threads < 1 || c->threads > 256)
		c->threads = 8;
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	if (c->hash_slots <= 0)
		c->hash_slots = ncpu > 0 ? (int)ncpu : 1;
	return 0;
}
