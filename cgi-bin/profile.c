/*
 * My profile's model (see profile.h): what the pages of page_profile*.c and the API's
 * api_profile.c both call.
 */
#include <stddef.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "conf.h"
#include "db_users.h"
#include "profile.h"
#include "nthash.h"
#include "secret.h"
#include "states.h"
#include "tel.h"
#include "validate.h"

const struct profile_field profile_fields[PF__MAX] = {
	{ UF_FIRST_NAME, "F_FIRST_NAME", "profile_first_name" },
	{ UF_LAST_NAME, "F_LAST_NAME", "profile_last_name" },
	{ UF_JOB_TITLE, "F_JOB_TITLE", "profile_job_title" },
	{ UF_MOBILE, "F_MOBILE", "profile_mobile_phone" },
	{ UF_DIRECT, "F_DIRECT", "profile_direct_line" },
	{ UF_LANGUAGE, "F_LANGUAGE", "profile_language" },
};

/* A code is accepted when the program has its catalogue or it is one of these (English
 * fills in). */
const struct profile_language profile_languages[] = {
	{ "en", "profile_lang_en" }, { "fr", "profile_lang_fr" },
	{ "de", "profile_lang_de" }, { "es", "profile_lang_es" },
};
const size_t NPROFILE_LANGUAGES = sizeof(profile_languages) / sizeof(profile_languages[0]);

void
profile_from(const struct profile_row *row, struct profile *p)
{
	p->v[PF_FIRST_NAME] = row->first_name;
	p->v[PF_LAST_NAME] = row->last_name;
	p->v[PF_JOB_TITLE] = row->job_title;
	p->v[PF_MOBILE] = row->mobile;
	p->v[PF_DIRECT] = row->direct;
	p->v[PF_LANGUAGE] = row->language;
	p->email = row->email;
	p->version = row->version;
}

int
profile_load(struct req *r, struct profile *p)
{
	struct profile_row row;
	int rc = db_profile_get(r, r->me->operator_id, r->me->occupier_id, r->me->id, &row);

	if (rc <= 0)
		return rc;
	profile_from(&row, p);
	return 1;
}

static int
language_ok(const char *code)
{
	if (validate_language(code) == NULL)
		return 1;
	for (size_t i = 0; i < NPROFILE_LANGUAGES; i++)
		if (strcmp(profile_languages[i].code, code) == 0)
			return 1;
	return 0;
}

/*
 * Reads the editable details into np (a copy of old with the typed values) and checks
 * them. The Direct line is kept when a number replaces it. Returns the number of errors.
 */
int
profile_parse(struct req *r, const struct profile *old, int has_tel, struct profile *np,
    struct profile_errors *e)
{
	const char *k;

	memset(e, 0, sizeof(*e));
	*np = *old;
	for (int i = 0; i < PF__MAX; i++) {
		if (i == PF_DIRECT && has_tel)
			continue;
		np->v[i] = form_text(r, uf_names[profile_fields[i].uf]);
	}
	for (int i = 0; i < PF__MAX; i++) {
		if (i == PF_LANGUAGE || (i == PF_DIRECT && has_tel))
			continue;
		e->msg[i] = user_field_check(profile_fields[i].uf, np->v[i]);
	}
	/* the names' own words for a missing value */
	if ((k = e->msg[PF_FIRST_NAME]) != NULL && strcmp(k, "err_required") == 0)
		e->msg[PF_FIRST_NAME] = "profile_err_first_name";
	if ((k = e->msg[PF_LAST_NAME]) != NULL && strcmp(k, "err_required") == 0)
		e->msg[PF_LAST_NAME] = "profile_err_last_name";
	if (!language_ok(np->v[PF_LANGUAGE]))
		e->msg[PF_LANGUAGE] = "err_language";
	for (int i = 0; i < PF__MAX; i++)
		if (e->msg[i] != NULL)
			e->n++;
	return e->n;
}

/*
 * Writes np over old in the caller's transaction, with one audit entry per changed field.
 * Returns 1 saved, 0 stale (someone else saved first), -1 on failure.
 */
static int
profile_save(struct req *r, const struct profile *old, const struct profile *np)
{
	struct profile_row row = { np->v[PF_FIRST_NAME], np->v[PF_LAST_NAME],
	    np->v[PF_JOB_TITLE], np->v[PF_MOBILE], np->v[PF_DIRECT], np->v[PF_LANGUAGE], NULL, 0, 0 };
	int n, changed = 0;

	for (int i = 0; i < PF__MAX; i++)
		if (strcmp(old->v[i], np->v[i]) != 0)
			changed++;
	if (changed == 0)
		return 1;
	n = db_profile_save(r, r->me->operator_id, r->me->occupier_id, r->me->id, &row,
	    old->version);
	if (n <= 0)
		return n;
	for (int i = 0; i < PF__MAX; i++) {
		if (strcmp(old->v[i], np->v[i]) == 0)
			continue;
		if (audit_add(r, r->me->occupier_id, r->me->id, old->email, "user.update",
		    uf_names[profile_fields[i].uf], old->v[i], np->v[i]) < 0)
			return -1;
	}
	return 1;
}

int
profile_update(struct req *r, const struct profile *old, const struct profile *np,
    const struct tel *t, const struct tel *nt)
{
	int rc;

	if (tx_begin(r) < 0)
		return 500;
	rc = profile_save(r, old, np);
	if (rc > 0 && t != NULL) {
		int n = tel_save(r, t, nt);

		rc = n == TEL_STALE ? 0 : n < 0 ? -1 : 1;
	}
	if (rc <= 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		if (rc < 0 || tx_failed(r))
			return 500;
		return 409;
	}
	return 0;
}

/* wifi_accounts.password_enc is VARBINARY(128): header, nonce and tag take SECRET_V2_OVERHEAD. */
#define WIFI_PW_BYTES (128 - SECRET_V2_OVERHEAD)

/* PROF-2, WIFI-4: stored encrypted with the server key and never shown again; the audit
 * entry says that it changed, not what to. */
int
profile_wifi_set(struct req *r, const char *pw, const char *pw2, const char **err_key,
    int *confirm_field)
{
	unsigned char *box, nt[NT_HASH_BYTES];
	size_t boxlen;
	struct wifi_row w;
	int n;

	*err_key = NULL;
	*confirm_field = 0;
	if (db_wifi_of_user(r, r->me->operator_id, r->me->id, &w) < 0)
		return 500;
	if (state_of(w.state) != ST_ACTIVE)
		return 404;
	if ((*err_key = validate_wifi_password(pw)) != NULL)
		return 400;
	/* 50 characters may take more bytes than wifi_accounts.password_enc holds. */
	if (strlen(pw) > WIFI_PW_BYTES) {
		*err_key = "profile_wifi_too_many_bytes";
		return 400;
	}
	if (pw2 == NULL || strcmp(pw, pw2) != 0) {
		*err_key = "profile_wifi_mismatch";
		*confirm_field = 1;
		return 400;
	}
	if ((box = secret_seal_for(r->a, SECRET_WIFI, r->me->id, pw, strlen(pw), &boxlen)) == NULL)
		return 500;
	if (nt_hash(pw, strlen(pw), nt) < 0)   /* FreeRADIUS checks this (sql/010) */
		return 500;
	if (tx_begin(r) < 0)
		return 500;
	n = db_wifi_password_set(r, r->me->operator_id, r->me->occupier_id, r->me->id, box,
	    boxlen, nt, sizeof(nt));
	sodium_memzero(nt, sizeof(nt));
	if (n <= 0 || audit_add(r, r->me->occupier_id, r->me->id, r->me->email,
	    "wifi.password_set", "", "", "") < 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return n == 0 ? 404 : 500;
	}
	return 0;
}

/*
 * A telephony action on the signed-in user's own number (TEL-2), in one transaction: act
 * returns 1 done, 0 not applicable; digital_only: only while a digital handset is logged in.
 * Returns 0, 404 or 500.
 */
static int
own_number_action(struct req *r, int (*act)(struct req *, const struct tel *), int digital_only)
{
	struct tel t;
	int rc;

	if ((rc = tel_load_user(r, r->me->id, r->me->operator_id, &t)) <= 0)
		return rc < 0 ? 500 : 404;
	if (digital_only && (strcmp(t.handset_type, "digital") != 0 || !t.handset_logged_in))
		return 404;
	if (tx_begin(r) < 0)
		return 500;
	if ((rc = act(r, &t)) <= 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return rc == 0 ? 404 : 500;
	}
	return 0;
}

/* PROF-3, TEL-2. */
int
profile_pin_reset(struct req *r)
{
	return own_number_action(r, tel_pin_reset, 0);
}

/* PROF-3, only while a digital handset is logged in. */
int
profile_handset_logout(struct req *r)
{
	return own_number_action(r, tel_handset_logout, 1);
}
