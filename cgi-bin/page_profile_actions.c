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
#include "pages.h"
#include "profile.h"
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

/* POST /profile/wifi-password: PROF-2, WIFI-4 (profile_wifi_set). */
int
h_profile_wifi(struct req *r)
{
	const char *key;
	int confirm, rc;

	rc = profile_wifi_set(r, form_get(r, "password"), form_get(r, "password_confirm"), &key,
	    &confirm);
	if (rc == 400)
		return wifi_page(r, key, confirm ? W_CONFIRM : W_PW, 400);
	if (rc != 0)
		return rc;
	return page_redirect(r, "/profile?n=changes_saved");
}

/* ------------------------------------------------------------------ telephony actions */

/* POST /profile/pin-reset: PROF-3, TEL-2 (profile_pin_reset). */
int
h_profile_pin_reset(struct req *r)
{
	int rc = profile_pin_reset(r);

	return rc != 0 ? rc : page_redirect(r, "/profile?n=pin_reset");
}

/* POST /profile/handset-logout: PROF-3 (profile_handset_logout). */
int
h_profile_handset_logout(struct req *r)
{
	int rc = profile_handset_logout(r);

	return rc != 0 ? rc : page_redirect(r, "/profile?n=handset_logged_out");
}
