/*
 * My profile's actions (PROF-2, PROF-3): the Wi-Fi "Set password" form, "Reset PIN" and
 * "Handset logout" (the profile itself: page_profile.c). Every query is scoped by the
 * signed-in user's own id, operator and occupier.
 */
#include <stddef.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "conf.h"
#include "db_users.h"
#include "states.h"
#include "nthash.h"
#include "pages.h"
#include "secret.h"
#include "tel.h"
#include "tmpl.h"
#include "validate.h"

/* ------------------------------------------------------------------ Wi-Fi password */

/* Which field of the Wi-Fi password form a message belongs to. */
enum wifi_field { W_NONE, W_PW, W_CONFIRM };

/* The "Set password" form, with err_key next to field when given. */
static int
wifi_page(struct req *r, const char *err_key, enum wifi_field field, int status)
{
	struct tmpl_dict *d = page_start(r, "profile_wifi.tpl", "profile_wifi_title");

	if (d == NULL)
		return 500;
	r->status = status;
	if (err_key != NULL) {
		const char *id = field == W_CONFIRM ? "wifi_password_confirm" : "wifi_password";
		struct tmpl_dict *s = tmpl_section(d, "ERROR_SUMMARY");

		tmpl_set(s, "FIELD_ID", id);
		tmpl_set(s, "TEXT", T(r, err_key));
		s = tmpl_section(d, field == W_CONFIRM ? "CONFIRM_ERROR" : "PASSWORD_ERROR");
		tmpl_set(s, "ERROR_TEXT", T(r, err_key));
	}
	return page_finish(r);
}

/* PROF-2: the form exists only for an ACTIVE account. */
int
h_profile_wifi_form(struct req *r)
{
	struct wifi_row w;

	if (db_wifi_of_user(r, r->me->operator_id, r->me->id, &w) < 0)
		return 500;
	if (state_of(w.state) != ST_ACTIVE)
		return 404;
	return wifi_page(r, NULL, W_NONE, 200);
}

/* wifi_accounts.password_enc is VARBINARY(128): header, nonce and tag take SECRET_V2_OVERHEAD. */
#define WIFI_PW_BYTES (128 - SECRET_V2_OVERHEAD)

/*
 * POST /profile/wifi-password: PROF-2, WIFI-4. The password is stored encrypted with the
 * server key and never shown again; the audit entry says that it changed, not what to.
 */
int
h_profile_wifi(struct req *r)
{
	const char *pw = form_get(r, "password"), *pw2 = form_get(r, "password_confirm");
	const char *problem;
	unsigned char *box, nt[NT_HASH_BYTES];
	size_t boxlen;
	struct wifi_row w;
	int n;

	if (db_wifi_of_user(r, r->me->operator_id, r->me->id, &w) < 0)
		return 500;
	if (state_of(w.state) != ST_ACTIVE)
		return 404;
	if ((problem = validate_wifi_password(pw)) != NULL)
		return wifi_page(r, problem, W_PW, 400);
	/* 50 characters may take more bytes than wifi_accounts.password_enc holds. */
	if (strlen(pw) > WIFI_PW_BYTES)
		return wifi_page(r, "profile_wifi_too_many_bytes", W_PW, 400);
	if (pw2 == NULL || strcmp(pw, pw2) != 0)
		return wifi_page(r, "profile_wifi_mismatch", W_CONFIRM, 400);
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
	return page_redirect(r, "/profile?n=changes_saved");
}

/* ------------------------------------------------------------------ telephony actions */

/*
 * A telephony action on the signed-in user's own number (TEL-2), in one transaction: act
 * returns 1 done, 0 not applicable (404); digital_only: only while a digital handset is
 * logged in. Then back to My profile with notice.
 */
static int
own_number_action(struct req *r, int (*act)(struct req *, const struct tel *), int digital_only,
    const char *notice)
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
	return page_redirect(r, arena_printf(r->a, "/profile?n=%s", notice));
}

/* POST /profile/pin-reset: PROF-3, TEL-2. */
int
h_profile_pin_reset(struct req *r)
{
	return own_number_action(r, tel_pin_reset, 0, "pin_reset");
}

/* POST /profile/handset-logout: PROF-3, only while a digital handset is logged in. */
int
h_profile_handset_logout(struct req *r)
{
	return own_number_action(r, tel_handset_logout, 1, "handset_logged_out");
}
