/*
 * My profile (PROF-1..4), for every signed-in occupier user: the read-only view of one's own
 * details, Wi-Fi account and telephony; the edit form for the basic details (never the
 * email) and the phone features the portal may set (TEL-4); the Wi-Fi "Set password" form;
 * "Reset PIN" and "Handset logout". Every query is scoped by the signed-in user's own id,
 * operator and occupier: nothing here takes a user or number id from the request.
 */
#include <stddef.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "conf.h"
#include "db_users.h"
#include "fieldview.h"
#include "states.h"
#include "pages.h"
#include "pcache.h"
#include "profile.h"
#include "secret.h"
#include "tel.h"
#include "tmpl.h"
#include "userform.h"
#include "validate.h"

/* The Wi-Fi panel (templates/profile_wifi_panel.tpl) at {{>WIFI}} of d; "Set password"
 * only on the read-only view of an ACTIVE account. */
static void
wifi_show(struct req *r, struct tmpl_dict *d, const struct wifi_row *w, int actions)
{
	struct tmpl_dict *p = tmpl_include(d, "WIFI", r->lang, "profile_wifi_panel.tpl");

	if (w->state == NULL) {
		tmpl_show(p, "NO_ACCOUNT");
		return;
	}
	if (state_of(w->state) == ST_ACTIVE) {
		tmpl_show(p, "ACTIVE");
		if (actions)
			tmpl_show(p, "SET_PASSWORD");
	} else
		tmpl_show(p, "DEACTIVATED");
	tmpl_set(tmpl_section(p, "ACCOUNT"), "HOMESITE", w->homesite);
	tmpl_set_int(p, "DEVICES", w->devices);
}

static const char *
language_name(struct req *r, const char *code)
{
	for (size_t i = 0; i < NPROFILE_LANGUAGES; i++)
		if (strcmp(profile_languages[i].code, code) == 0)
			return T(r, profile_languages[i].key);
	return code;
}

/* One line of the read-only details; an empty value reads "Not provided". */
static void
detail(struct req *r, struct tmpl_dict *d, const char *label_key, const char *value,
    int mono)
{
	struct tmpl_dict *s = tmpl_section(d, "DETAIL");

	tmpl_set(s, "LABEL", T(r, label_key));
	if (value == NULL || *value == '\0')
		tmpl_show(s, "EMPTY");
	else
		tmpl_set(s, "VALUE", value);
	if (mono)
		tmpl_show(s, "MONO");
}

/*
 * GET /profile: PROF-1, PROF-3. The page is kept whole (pcache.c) under the occupier's data
 * version, which covers the user, Wi-Fi account, number, sites and caller ID (sql/005,
 * sql/007, sql/017), and the user's own version, which covers the API tokens and the open
 * Wi-Fi sessions with their devices' names (sql/026); both come with the session check. The
 * key hashes the session (the CSRF token), the user's shown fields and the language too. Only
 * the plain page is kept: a query string is a notice after an action (?n=).
 */
int
h_profile(struct req *r)
{
	const struct me *me = r->me;
	struct profile p;
	struct profile_row row;
	struct wifi_row w;
	struct tel t;
	struct tmpl_dict *d;
	unsigned char key[PCACHE_KEY];
	const char *versions = NULL;
	long max_age = 0;
	int has_tel, rc;

	if (me->occupier_version != NULL && me->user_version != NULL &&
	    (r->query_string == NULL || *r->query_string == '\0'))
		versions = arena_printf(r->a, "profile/%s/%s", me->occupier_version,
		    me->user_version);
	if (page_cached(r, versions, key))
		return 0;
	if ((rc = db_my_profile(r, &row, &w, &t, &has_tel)) <= 0)
		return rc < 0 ? 500 : 404;
	profile_from(&row, &p);
	if ((d = page_start(r, "profile.tpl", "my_profile")) == NULL)
		return 500;
	detail(r, d, "profile_first_name", p.v[PF_FIRST_NAME], 0);
	detail(r, d, "profile_last_name", p.v[PF_LAST_NAME], 0);
	detail(r, d, "email_address", p.email, 0);
	detail(r, d, "profile_job_title", p.v[PF_JOB_TITLE], 0);
	detail(r, d, "profile_mobile_phone", p.v[PF_MOBILE], 0);
	/* TEL-1: an assigned number replaces the Direct line. */
	if (has_tel)
		detail(r, d, "tel_phone_number", t.number, 1);
	else
		detail(r, d, "profile_direct_line", p.v[PF_DIRECT], 0);
	detail(r, d, "profile_language", language_name(r, p.v[PF_LANGUAGE]), 0);
	wifi_show(r, d, &w, 1);
	tel_show(r, d, has_tel ? &t : NULL, "/profile");
	if (tokens_show(r, d, me->id, "/profile/tokens/revoke", &max_age) < 0)
		return 500;
	if (radius_devices_show(r, d, me->id, me->operator_id, me->occupier_id, NULL) < 0)
		return 500;
	/* from the kept row: users' triggers bump the version when the secret is set or removed */
	tmpl_set(d, "TWOFA_STATE", T(r, row.twofa_on ? "twofa_on" : "twofa_off"));
	return page_finish_kept(r, versions != NULL ? key : NULL, max_age);
}

/* What My profile adds to its text fields (the table gives the rest). */
static const struct field_opts profile_opts[PF__MAX] = {
	[PF_FIRST_NAME] = { "profile_first_name", NULL, "given-name", 0 },
	[PF_LAST_NAME] = { "profile_last_name", NULL, "family-name", 0 },
	[PF_JOB_TITLE] = { "profile_job_title", "profile_job_title_hint", "organization-title", 0 },
	[PF_MOBILE] = { "profile_mobile_phone", NULL, "tel", 1 },
	[PF_DIRECT] = { "profile_direct_line", NULL, "off", 1 },
};

/* A field of the edit form through the shared partial: its value, and its message when it
 * has one. */
static void
profile_field(struct req *r, struct tmpl_dict *d, enum pf_field f, const char *value,
    const struct profile_errors *e)
{
	field_show(r, d, profile_fields[f].uf, value, e != NULL ? e->msg[f] : NULL,
	    &profile_opts[f]);
}

/* The error summary of the edit form, linking to each field with a message. */
static void
edit_errors(struct req *r, struct tmpl_dict *d, const struct profile_errors *pe,
    const struct tel_errors *te)
{
	struct tmpl_dict *s;

	if ((pe == NULL || pe->n == 0) && (te == NULL || te->n == 0))
		return;
	s = tmpl_section(d, "ERROR_SUMMARY");
	for (int i = 0; pe != NULL && i < PF__MAX; i++) {
		struct tmpl_dict *it;

		if (pe->msg[i] == NULL)
			continue;
		it = tmpl_section(s, "ERROR_ITEM");
		tmpl_set(it, "FIELD_ID", uf_names[profile_fields[i].uf]);
		tmpl_set(it, "TEXT", T(r, pe->msg[i]));
	}
	if (te != NULL)
		tel_error_items(r, s, te, "ERROR_ITEM");
}

/* The language choice (I18N-1) with code chosen, and its message when it has one. */
static void
language_select(struct req *r, struct tmpl_dict *d, const char *code,
    const struct profile_errors *pe)
{
	struct tmpl_dict *s = tmpl_section(d, profile_fields[PF_LANGUAGE].section);
	int known = 0;

	if (pe != NULL && pe->msg[PF_LANGUAGE] != NULL) {
		tmpl_show(s, "INVALID");
		tmpl_set(tmpl_section(s, "ERROR"), "ERROR_TEXT", T(r, pe->msg[PF_LANGUAGE]));
	}
	for (size_t i = 0; i < NPROFILE_LANGUAGES; i++) {
		struct tmpl_dict *o = tmpl_section(s, "LANG_OPTION");

		tmpl_set(o, "CODE", profile_languages[i].code);
		tmpl_set(o, "NAME", T(r, profile_languages[i].key));
		if (strcmp(profile_languages[i].code, code) == 0) {
			tmpl_show(o, "SELECTED");
			known = 1;
		}
	}
	if (!known)
		tmpl_show(s, "NO_CHOICE");
}

/*
 * The edit form with p's values (as typed, after a refused save) and their messages;
 * t NULL when no number is assigned. stale: someone else saved first. Returns the
 * handler's result.
 */
static int
edit_page(struct req *r, const struct profile *p, const struct profile_errors *pe,
    const struct tel *t, int mask, const struct tel_errors *te, int stale, int status)
{
	struct tmpl_dict *d = page_start(r, "profile_edit.tpl", "my_profile");
	struct wifi_row w;

	if (d == NULL)
		return 500;
	if (db_wifi_of_user(r, r->me->operator_id, r->me->id, &w) < 0)
		return 500;
	r->status = status;
	if (stale)
		tmpl_show(d, "STALE");
	edit_errors(r, d, pe, te);
	tmpl_set_int(d, "VERSION", p->version);
	tmpl_set(d, "EMAIL", p->email);
	for (int i = 0; i < PF__MAX; i++) {
		if (i == PF_LANGUAGE)
			continue;
		if (i == PF_DIRECT && t != NULL)
			continue;       /* TEL-1: replaced by the assigned number */
		profile_field(r, d, (enum pf_field)i, p->v[i], pe);
	}
	if (t != NULL)
		tmpl_set(tmpl_section(d, "ASSIGNED_NUMBER"), "NUMBER", t->number);
	language_select(r, d, p->v[PF_LANGUAGE], pe);
	wifi_show(r, d, &w, 0);
	if (t == NULL)
		tel_show(r, d, NULL, NULL);
	else if (tel_show_form(r, d, t, mask, te) < 0)
		return 500;
	return page_finish(r);
}

/* GET /profile/edit: PROF-1. */
int
h_profile_edit_form(struct req *r)
{
	struct profile p;
	struct tel t;
	int has_tel, mask = 0, rc;

	if ((rc = profile_load(r, &p)) <= 0)
		return rc < 0 ? 500 : 404;
	if ((has_tel = tel_load_user(r, r->me->id, r->me->operator_id, &t)) < 0)
		return 500;
	if (has_tel && (mask = tel_portal_mask(r, r->me->operator_id)) < 0)
		return 500;
	return edit_page(r, &p, NULL, has_tel ? &t : NULL, mask, NULL, 0, 200);
}

/* POST /profile/edit: PROF-1. Fields other than the editable ones are never read. */
int
h_profile_edit(struct req *r)
{
	struct profile p, np;
	struct profile_errors pe;
	struct tel t, nt;
	struct tel_errors te;
	const char *v;
	long ver;
	int has_tel, mask = 0, rc, stale;

	if ((rc = profile_load(r, &p)) <= 0)
		return rc < 0 ? 500 : 404;
	if ((has_tel = tel_load_user(r, r->me->id, r->me->operator_id, &t)) < 0)
		return 500;
	if (has_tel && (mask = tel_portal_mask(r, r->me->operator_id)) < 0)
		return 500;
	memset(&te, 0, sizeof(te));
	v = form_get(r, "version");
	stale = v == NULL || str_to_long(v, 0, 0x7fffffffL, &ver) < 0 || ver != p.version;
	profile_parse(r, &p, has_tel, &np, &pe);
	if (has_tel && tel_parse(r, &t, mask, &nt, &te) < 0)
		return 500;
	/* UM-9: someone else saved first: show what is stored now, never overwrite it. */
	if (stale || te.msg[TF_VERSION] != NULL)
		return edit_page(r, &p, NULL, has_tel ? &t : NULL, mask, NULL, 1, 409);
	if (pe.n > 0 || te.n > 0)
		return edit_page(r, &np, &pe, has_tel ? &nt : NULL, mask, &te, 0, 400);

	if ((rc = profile_update(r, &p, &np, has_tel ? &t : NULL, &nt)) == 409) {
		if (profile_load(r, &p) <= 0 ||
		    (has_tel && tel_load_user(r, r->me->id, r->me->operator_id, &t) <= 0))
			return 500;
		return edit_page(r, &p, NULL, has_tel ? &t : NULL, mask, NULL, 1, 409);
	}
	if (rc != 0)
		return rc;
	return page_redirect(r, "/profile?n=changes_saved");
}
