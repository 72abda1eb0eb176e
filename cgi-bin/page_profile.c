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
#include "db.h"
#include "nthash.h"
#include "pages.h"
#include "rescache.h"
#include "secret.h"
#include "tel.h"
#include "tmpl.h"
#include "validate.h"

/* The editable basic details (UM-4 without the email), in the order of the form. */
enum pf_field {
	PF_FIRST_NAME, PF_LAST_NAME, PF_JOB_TITLE, PF_MOBILE, PF_DIRECT, PF_LANGUAGE, PF__MAX
};

struct profile {
	const char *v[PF__MAX];         /* values, indexed by enum pf_field */
	const char *email;
	long version;
};

struct profile_errors {
	const char *msg[PF__MAX];       /* catalogue keys, NULL = fine */
	int n;
};

/* Form names (also the inputs' ids and the audit field names) and section names. */
static const struct {
	const char *name, *section, *label;
} pf[PF__MAX] = {
	{ "first_name", "F_FIRST_NAME", "profile_first_name" },
	{ "last_name", "F_LAST_NAME", "profile_last_name" },
	{ "job_title", "F_JOB_TITLE", "profile_job_title" },
	{ "mobile_phone", "F_MOBILE", "profile_mobile_phone" },
	{ "direct_line", "F_DIRECT", "profile_direct_line" },
	{ "language", "F_LANGUAGE", "profile_language" },
};

/* I18N-1: the languages a user may choose, with their names in the catalogue. A code is
 * accepted when the program has its catalogue or it is one of these (English fills in). */
static const struct {
	const char *code, *key;
} languages[] = {
	{ "en", "profile_lang_en" }, { "fr", "profile_lang_fr" },
	{ "de", "profile_lang_de" }, { "es", "profile_lang_es" },
};
#define NLANGUAGES (sizeof(languages) / sizeof(languages[0]))

static const char SQL_PROFILE[] =
	"SELECT first_name, last_name, job_title, mobile_phone, direct_line, language, email, "
	"version FROM users WHERE id = ? AND operator_id = ? AND occupier_id = ?";

/* p from the rows of SQL_PROFILE: 1 found, 0 gone. */
static int
profile_of(const struct dbres *res, struct profile *p)
{
	if (res->nrows == 0)
		return 0;
	for (int i = 0; i < PF__MAX; i++)
		p->v[i] = db_str(res, 0, (size_t)i);
	p->email = db_str(res, 0, PF__MAX);
	p->version = (long)db_int(res, 0, PF__MAX + 1);
	return 1;
}

static int
profile_rows(struct req *r, struct dbres *res)
{
	return db_query(r->db, r->a, res, SQL_PROFILE, "iii", (long long)r->me->id,
	    (long long)r->me->operator_id, (long long)r->me->occupier_id);
}

/* Loads the signed-in user's details: 1 found, 0 gone, <0 on failure. */
static int
profile_load(struct req *r, struct profile *p)
{
	struct dbres res;

	if (profile_rows(r, &res) < 0)
		return -1;
	return profile_of(&res, p);
}

struct wifi {
	const char *state;              /* "ACTIVE", "DEACTIVATED", NULL = NO ACCOUNT */
	const char *homesite;
	long devices;
};

static const char SQL_WIFI[] =
	"SELECT w.state, s.name, w.device_limit FROM wifi_accounts w "
	"JOIN users u ON u.id = w.user_id AND u.operator_id = ? "
	"JOIN sites s ON s.id = w.homesite_id WHERE w.user_id = ?";

/* w from the rows of SQL_WIFI (none: no account). */
static void
wifi_of(const struct dbres *res, struct wifi *w)
{
	memset(w, 0, sizeof(*w));
	if (res->nrows > 0) {
		w->state = db_str(res, 0, 0);
		w->homesite = db_str(res, 0, 1);
		w->devices = (long)db_int(res, 0, 2);
	}
}

static int
wifi_rows(struct req *r, struct dbres *res)
{
	return db_query(r->db, r->a, res, SQL_WIFI, "ii", (long long)r->me->operator_id,
	    (long long)r->me->id);
}

/* Loads the signed-in user's Wi-Fi account; <0 on failure. */
static int
wifi_load(struct req *r, struct wifi *w)
{
	struct dbres res;

	if (wifi_rows(r, &res) < 0)
		return -1;
	wifi_of(&res, w);
	return 0;
}

/* The Wi-Fi panel (templates/profile_wifi_panel.tpl) at {{>WIFI}} of d; "Set password"
 * only on the read-only view of an ACTIVE account. */
static void
wifi_show(struct req *r, struct tmpl_dict *d, const struct wifi *w, int actions)
{
	struct tmpl_dict *p = tmpl_include(d, "WIFI", r->lang, "profile_wifi_panel.tpl");

	if (w->state == NULL) {
		tmpl_show(p, "NO_ACCOUNT");
		return;
	}
	if (strcmp(w->state, "ACTIVE") == 0) {
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
	for (size_t i = 0; i < NLANGUAGES; i++)
		if (strcmp(languages[i].code, code) == 0)
			return T(r, languages[i].key);
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

/* GET /profile: PROF-1, PROF-3. */
int
h_profile(struct req *r)
{
	struct profile p;
	struct wifi w;
	struct tel t;
	struct tmpl_dict *d;
	struct dbres res[3];
	const char *version = r->me->occupier_version;
	int has_tel;

	/* The rows of the user, the Wi-Fi account and the phone number: kept under the
	 * occupier's data version, which every write to users, wifi_accounts, phone_numbers
	 * and sites bumps (rescache.h). A panel of any other table is read each time. */
	if (!rescache_get(r->me->id, r->me->occupier_id, version, r->a, res, 3)) {
		if (profile_rows(r, &res[0]) < 0 || wifi_rows(r, &res[1]) < 0 ||
		    tel_user_rows(r, r->me->id, r->me->operator_id, &res[2]) < 0)
			return 500;
		if (version != NULL && res[0].nrows > 0)
			rescache_put(r->me->id, r->me->occupier_id, version, res, 3);
	}
	if (!profile_of(&res[0], &p))
		return 404;
	wifi_of(&res[1], &w);
	has_tel = tel_of_rows(&res[2], &t);
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
	if (radius_devices_show(r, d, r->me->id, r->me->operator_id, r->me->occupier_id,
	    NULL) < 0)
		return 500;
	return page_finish(r);
}

/* A field of the edit form: its value, and its message when it has one. */
static void
form_field(struct req *r, struct tmpl_dict *d, enum pf_field f, const char *value,
    const struct profile_errors *e)
{
	struct tmpl_dict *s = tmpl_section(d, pf[f].section);

	tmpl_set(s, "VALUE", value);
	if (e != NULL && e->msg[f] != NULL) {
		tmpl_show(s, "INVALID");
		tmpl_set(tmpl_section(s, "ERROR"), "ERROR_TEXT", T(r, e->msg[f]));
	}
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
	struct wifi w;

	if (d == NULL)
		return 500;
	if (wifi_load(r, &w) < 0)
		return 500;
	r->status = status;
	if (stale)
		tmpl_show(d, "STALE");
	if ((pe != NULL && pe->n > 0) || (te != NULL && te->n > 0)) {
		struct tmpl_dict *s = tmpl_section(d, "ERROR_SUMMARY");

		for (int i = 0; pe != NULL && i < PF__MAX; i++) {
			struct tmpl_dict *it;

			if (pe->msg[i] == NULL)
				continue;
			it = tmpl_section(s, "ERROR_ITEM");
			tmpl_set(it, "FIELD_ID", pf[i].name);
			tmpl_set(it, "TEXT", T(r, pe->msg[i]));
		}
		if (te != NULL)
			tel_error_items(r, s, te, "ERROR_ITEM");
	}
	tmpl_set_int(d, "VERSION", p->version);
	tmpl_set(d, "EMAIL", p->email);
	for (int i = 0; i < PF__MAX; i++) {
		if (i == PF_LANGUAGE)
			continue;
		if (i == PF_DIRECT && t != NULL)
			continue;       /* TEL-1: replaced by the assigned number */
		form_field(r, d, (enum pf_field)i, p->v[i], pe);
	}
	if (t != NULL)
		tmpl_set(tmpl_section(d, "ASSIGNED_NUMBER"), "NUMBER", t->number);
	{
		struct tmpl_dict *s = tmpl_section(d, pf[PF_LANGUAGE].section);
		int known = 0;

		if (pe != NULL && pe->msg[PF_LANGUAGE] != NULL) {
			tmpl_show(s, "INVALID");
			tmpl_set(tmpl_section(s, "ERROR"), "ERROR_TEXT",
			    T(r, pe->msg[PF_LANGUAGE]));
		}
		for (size_t i = 0; i < NLANGUAGES; i++) {
			struct tmpl_dict *o = tmpl_section(s, "LANG_OPTION");

			tmpl_set(o, "CODE", languages[i].code);
			tmpl_set(o, "NAME", T(r, languages[i].key));
			if (strcmp(languages[i].code, p->v[PF_LANGUAGE]) == 0) {
				tmpl_show(o, "SELECTED");
				known = 1;
			}
		}
		if (!known)
			tmpl_show(s, "NO_CHOICE");
	}
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

/* The submitted value of a basic field, trimmed; "" when missing. */
static const char *
form_value(struct req *r, const char *name)
{
	const char *v = form_get(r, name);
	char *s;

	if (v == NULL || (s = arena_strdup(r->a, v)) == NULL)
		return "";
	return str_trim(s);
}

static int
language_ok(const char *code)
{
	if (validate_language(code) == NULL)
		return 1;
	for (size_t i = 0; i < NLANGUAGES; i++)
		if (strcmp(languages[i].code, code) == 0)
			return 1;
	return 0;
}

/*
 * Reads the editable details into np (a copy of old with the typed values) and checks
 * them. The Direct line is kept when a number replaces it. Returns the number of errors.
 */
static int
profile_parse(struct req *r, const struct profile *old, int has_tel, struct profile *np,
    struct profile_errors *e)
{
	const char *k;

	memset(e, 0, sizeof(*e));
	*np = *old;
	for (int i = 0; i < PF__MAX; i++) {
		if (i == PF_DIRECT && has_tel)
			continue;
		np->v[i] = form_value(r, pf[i].name);
	}
	if ((k = validate_name(np->v[PF_FIRST_NAME])) != NULL)
		e->msg[PF_FIRST_NAME] = strcmp(k, "err_required") == 0 ?
		    "profile_err_first_name" : k;
	if ((k = validate_name(np->v[PF_LAST_NAME])) != NULL)
		e->msg[PF_LAST_NAME] = strcmp(k, "err_required") == 0 ?
		    "profile_err_last_name" : k;
	e->msg[PF_JOB_TITLE] = validate_text(np->v[PF_JOB_TITLE], 100);
	e->msg[PF_MOBILE] = validate_phone(np->v[PF_MOBILE]);
	if (!has_tel)
		e->msg[PF_DIRECT] = validate_phone(np->v[PF_DIRECT]);
	if (!language_ok(np->v[PF_LANGUAGE]))
		e->msg[PF_LANGUAGE] = "err_language";
	for (int i = 0; i < PF__MAX; i++)
		if (e->msg[i] != NULL)
			e->n++;
	return e->n;
}

static const char SQL_PROFILE_SAVE[] =
	"UPDATE users SET first_name = ?, last_name = ?, job_title = ?, mobile_phone = ?, "
	"direct_line = ?, language = ?, version = version + 1, updated_at = UTC_TIMESTAMP() "
	"WHERE id = ? AND operator_id = ? AND occupier_id = ? AND version = ?";

/*
 * Writes np over old in the caller's transaction, with one audit entry per changed field.
 * Returns 1 saved, 0 stale (someone else saved first), -1 on failure.
 */
static int
profile_save(struct req *r, const struct profile *old, const struct profile *np)
{
	long long n;
	int changed = 0;

	for (int i = 0; i < PF__MAX; i++)
		if (strcmp(old->v[i], np->v[i]) != 0)
			changed++;
	if (changed == 0)
		return 1;
	n = db_exec(r->db, SQL_PROFILE_SAVE, "ssssssiiii", np->v[PF_FIRST_NAME],
	    np->v[PF_LAST_NAME], np->v[PF_JOB_TITLE], np->v[PF_MOBILE], np->v[PF_DIRECT],
	    np->v[PF_LANGUAGE], (long long)r->me->id, (long long)r->me->operator_id,
	    (long long)r->me->occupier_id, (long long)old->version);
	if (n <= 0)
		return n < 0 ? -1 : 0;
	for (int i = 0; i < PF__MAX; i++) {
		if (strcmp(old->v[i], np->v[i]) == 0)
			continue;
		if (audit_add(r, r->me->occupier_id, r->me->id, old->email, "user.update",
		    pf[i].name, old->v[i], np->v[i]) < 0)
			return -1;
	}
	return 1;
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

	if (db_begin(r->db) < 0)
		return 500;
	rc = profile_save(r, &p, &np);
	if (rc > 0 && has_tel) {
		int n = tel_save(r, &t, &nt);

		rc = n == TEL_STALE ? 0 : n < 0 ? -1 : 1;
	}
	if (rc <= 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		if (rc < 0 || db_errno(r->db) != DB_OK)
			return 500;
		if (profile_load(r, &p) <= 0 ||
		    (has_tel && tel_load_user(r, r->me->id, r->me->operator_id, &t) <= 0))
			return 500;
		return edit_page(r, &p, NULL, has_tel ? &t : NULL, mask, NULL, 1, 409);
	}
	return page_redirect(r, "/profile?n=changes_saved");
}

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
	struct wifi w;

	if (wifi_load(r, &w) < 0)
		return 500;
	if (w.state == NULL || strcmp(w.state, "ACTIVE") != 0)
		return 404;
	return wifi_page(r, NULL, W_NONE, 200);
}

/* wifi_accounts.password_enc is VARBINARY(128): header, nonce and tag take SECRET_V2_OVERHEAD. */
#define WIFI_PW_BYTES (128 - SECRET_V2_OVERHEAD)

static const char SQL_WIFI_SET[] =
	"UPDATE wifi_accounts w JOIN users u ON u.id = w.user_id "
	"SET w.password_enc = ?, w.nt_hash = ?, w.password_set_at = UTC_TIMESTAMP() "
	"WHERE w.user_id = ? AND u.operator_id = ? AND u.occupier_id = ? AND w.state = 'ACTIVE'";

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
	struct wifi w;
	long long n;

	if (wifi_load(r, &w) < 0)
		return 500;
	if (w.state == NULL || strcmp(w.state, "ACTIVE") != 0)
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
	if (db_begin(r->db) < 0)
		return 500;
	n = db_exec(r->db, SQL_WIFI_SET, "bbiii", box, boxlen, nt, sizeof(nt),
	    (long long)r->me->id, (long long)r->me->operator_id, (long long)r->me->occupier_id);
	sodium_memzero(nt, sizeof(nt));
	if (n <= 0 || audit_add(r, r->me->occupier_id, r->me->id, r->me->email,
	    "wifi.password_set", "", "", "") < 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return n == 0 ? 404 : 500;
	}
	return page_redirect(r, "/profile?n=changes_saved");
}

/* ------------------------------------------------------------------ telephony actions */

/* POST /profile/pin-reset: PROF-3, TEL-2. */
int
h_profile_pin_reset(struct req *r)
{
	struct tel t;
	int rc;

	if ((rc = tel_load_user(r, r->me->id, r->me->operator_id, &t)) <= 0)
		return rc < 0 ? 500 : 404;
	if (db_begin(r->db) < 0)
		return 500;
	if ((rc = tel_pin_reset(r, &t)) <= 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return rc == 0 ? 404 : 500;
	}
	return page_redirect(r, "/profile?n=pin_reset");
}

/* POST /profile/handset-logout: PROF-3, only while a digital handset is logged in. */
int
h_profile_handset_logout(struct req *r)
{
	struct tel t;
	int rc;

	if ((rc = tel_load_user(r, r->me->id, r->me->operator_id, &t)) <= 0)
		return rc < 0 ? 500 : 404;
	if (strcmp(t.handset_type, "digital") != 0 || !t.handset_logged_in)
		return 404;
	if (db_begin(r->db) < 0)
		return 500;
	if ((rc = tel_handset_logout(r, &t)) <= 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return rc == 0 ? 404 : 500;
	}
	return page_redirect(r, "/profile?n=handset_logged_out");
}
