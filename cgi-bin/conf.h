/*
 * Configuration: conf/portal.conf ("key = value"), overridden by -o key=value, plus the
 * secrets file it names (database password, Wi-Fi key).
 */
#ifndef CONF_H
#define CONF_H

#include <stddef.h>

#define WIFI_KEY_BYTES 32

struct config {
	char listen[256];
	int threads;
	char fcgi_allow[512];   /* TCP peers allowed to connect (CIDR list; issue 11) */
	int fcgi_timeout;       /* seconds a connection may stall a read or a write */
	int fcgi_max_records;   /* records of one request's input */
	char db_socket[256], db_host[128], db_name[64], db_user[64], db_password[128];
	int db_port;
	int db_timeout;         /* seconds a statement may wait for its server (db.c) */
	char secrets_file[256];
	int demo;
	char template_dir[256];
	int session_idle_minutes, session_absolute_hours;
	int invite_days, reset_hours;
	int api_token_days;    /* lifetime of an API bearer token (issue 16) */
	char mail_transport[16], maildir[256], smtp_url[256], mail_from[256];
	char smtp_starttls[16]; /* smtp://: try (default; plain is logged loudly), require, no */
	char base_url[256];
	char common_passwords[256];
	unsigned char wifi_key[WIFI_KEY_BYTES];        /* seals (and opens) */
	/* issue 11, key rotation: keys that only open, before (previous) and during (next) a
	 * rotation; has_* say whether the secrets file set them */
	unsigned char wifi_key_previous[WIFI_KEY_BYTES], wifi_key_next[WIFI_KEY_BYTES];
	int has_wifi_key, has_wifi_key_previous, has_wifi_key_next;
	int hash_slots;       /* concurrent password hashes (AUTH-2) */
	int list_index_max_users; /* larger occupiers' lists filter in SQL (listidx.c); 0: all */
	int ngram_max_candidates; /* ngram.h: NGRAM_MAX_CANDIDATES unless set (tests set a few) */
};

/* Reads path, applies overrides ("key=value" strings), then the secrets file. <0 on error,
 * with a message on stderr. */
int	 conf_load(struct config *c, const char *path, char **overrides, size_t noverrides);
/* Applies one "key = value"; <0 for an unknown key or a bad value. */
int	 conf_set(struct config *c, const char *key, const char *value);

#endif
