/*
 * Phone numbers and their features (see tel.h): TEL-2..5 here, TEL-6's queue on the
 * writing side (build/provisioner applies it). Every query is scoped by the operator; the
 * CLI number is looked up, never taken from the form on trust.
 */
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "db.h"
#include "tel.h"
#include "tmpl.h"
#include "validate.h"

/* Form field names, which are also the inputs' ids (error summaries link to them). */
const char *const tel_names[TF__MAX] = {
	"tel_fwd_always", "tel_fwd_always_to", "tel_fwd_busy", "tel_fwd_busy_to",
	"tel_fwd_noanswer", "tel_fwd_noanswer_to", "tel_voicemail", "tel_vm_to_email",
	"tel_vm_email", "tel_hide_caller_id", "tel_call_waiting", "tel_cli", "tel_cli_number",
	"tel_dnd", "tel_auth_code", "tel_moh", "tel_acr", "tel_version",
};

/* Forwarding targets and the voicemail address: the widths of their columns. */
#define TARGET_MAX 20
#define VM_EMAIL_MAX 254

/*
 * The features as columns: name (column, audit field and the "tel_" form name without its
 * prefix), where it lives in struct tel, and its kind: 'b' on/off, 's' text, 'n' the CLI
 * number. tel_save() writes and audits them in this order.
 */
static const struct tel_col {
	const char *col;
	size_t off;
	char kind;
	int feature;
} cols[] = {
	{ "fwd_always", offsetof(struct tel, fwd_always), 'b', TEL_F_FORWARDING },
	{ "fwd_always_to", offsetof(struct tel, fwd_always_to), 's', TEL_F_FORWARDING },
	{ "fwd_busy", offsetof(struct tel, fwd_busy), 'b', TEL_F_FORWARDING },
	{ "fwd_busy_to", offsetof(struct tel, fwd_busy_to), 's', TEL_F_FORWARDING },
	{ "fwd_noanswer", offsetof(struct tel, fwd_noanswer), 'b', TEL_F_FORWARDING },
	{ "fwd_noanswer_to", offsetof(struct tel, fwd_noanswer_to), 's', TEL_F_FORWARDING },
	{ "voicemail", offsetof(struct tel, voicemail), 'b', TEL_F_VOICEMAIL },
	{ "vm_to_email", offsetof(struct tel, vm_to_email), 'b', TEL_F_VOICEMAIL },
	{ "vm_email", offsetof(struct tel, vm_email), 's', TEL_F_VOICEMAIL },
	{ "call_waiting", offsetof(struct tel, call_waiting), 'b', TEL_F_CALL_WAITING },
	{ "dnd", offsetof(struct tel, dnd), 'b', TEL_F_DND },
	{ "cli", offsetof(struct tel, cli), 'b', TEL_F_CLI },
	{ "cli_number_id", offsetof(struct tel, cli_number_id), 'n', TEL_F_CLI },
	{ "hide_caller_id", offsetof(struct tel, hide_caller_id), 'b', TEL_F_HIDE_CALLER_ID },
	{ "auth_code", offsetof(struct tel, auth_code), 'b', TEL_F_AUTH_CODE },
	{ "music_on_hold", offsetof(struct tel, music_on_hold), 'b', TEL_F_MOH },
	{ "anon_reject", offsetof(struct tel, anon_reject), 'b', TEL_F_ACR },
};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))

static int
col_int(const struct tel *t, const struct tel_col *c)
{
	return *(const int *)((const char *)t + c->off);
}

static const char *
col_str(const struct tel *t, const struct tel_col *c)
{
	const char *s = *(const char *const *)((const char *)t + c->off);

	return s ? s : "";
}

static long
col_long(const struct tel *t, const struct tel_col *c)
{
	return *(const long *)((const char *)t + c->off);
}

#define TEL_SELECT \
	"SELECT n.id, n.operator_id, n.site_id, n.occupier_id, n.user_id, n.version, " \
	"n.status = 'PENDING', n.number, n.extension, s.name, n.default_pin, " \
	"n.custom_pin_hash IS NOT NULL, n.handset_type, n.handset_logged_in, " \
	"n.fwd_always, n.fwd_always_to, n.fwd_busy, n.fwd_busy_to, n.fwd_noanswer, " \
	"n.fwd_noanswer_to, n.voicemail, n.vm_to_email, n.vm_email, n.call_waiting, n.dnd, " \
	"n.cli, n.cli_number_id, c.number, n.hide_caller_id, n.auth_code, n.music_on_hold, " \
	"n.anon_reject " \
	"FROM phone_numbers n JOIN sites s ON s.id = n.site_id AND s.operator_id = n.operator_id " \
	"LEFT JOIN phone_numbers c ON c.id = n.cli_number_id AND c.operator_id = n.operator_id "

static const char SQL_TEL_BY_ID[] = TEL_SELECT "WHERE n.id = ? AND n.operator_id = ?";
static const char SQL_TEL_BY_USER[] = TEL_SELECT "WHERE n.user_id = ? AND n.operator_id = ?";

/* Copies row 0 of res (columns of TEL_SELECT) into t. */
static void
tel_from_row(const struct dbres *res, struct tel *t)
{
	int c = 0;

	memset(t, 0, sizeof(*t));
	t->id = (long)db_int(res, 0, c++);
	t->operator_id = (long)db_int(res, 0, c++);
	t->site_id = (long)db_int(res, 0, c++);
	t->occupier_id = (long)db_int(res, 0, c++);
	t->user_id = (long)db_int(res, 0, c++);
	t->version = (long)db_int(res, 0, c++);
	t->pending = (int)db_int(res, 0, c++);
	t->number = db_str(res, 0, c++);
	t->extension = db_str(res, 0, c++);
	t->site_name = db_str(res, 0, c++);
	t->default_pin = db_str(res, 0, c++);
	t->custom_pin = (int)db_int(res, 0, c++);
	t->handset_type = db_str(res, 0, c++);
	t->handset_logged_in = (int)db_int(res, 0, c++);
	t->fwd_always = (int)db_int(res, 0, c++);
	t->fwd_always_to = db_str(res, 0, c++);
	t->fwd_busy = (int)db_int(res, 0, c++);
	t->fwd_busy_to = db_str(res, 0, c++);
	t->fwd_noanswer = (int)db_int(res, 0, c++);
	t->fwd_noanswer_to = db_str(res, 0, c++);
	t->voicemail = (int)db_int(res, 0, c++);
	t->vm_to_email = (int)db_int(res, 0, c++);
	t->vm_email = db_str(res, 0, c++);
	t->call_waiting = (int)db_int(res, 0, c++);
	t->dnd = (int)db_int(res, 0, c++);
	t->cli = (int)db_int(res, 0, c++);
	t->cli_number_id = (long)db_int(res, 0, c++);
	t->cli_number = db_str(res, 0, c++);
	t->hide_caller_id = (int)db_int(res, 0, c++);
	t->auth_code = (int)db_int(res, 0, c++);
	t->music_on_hold = (int)db_int(res, 0, c++);
	t->anon_reject = (int)db_int(res, 0, c++);
}

/* Loads number_id of operator_id into t: 1 found, 0 not found, <0 on failure. */
int
tel_load(struct req *r, long number_id, long operator_id, struct tel *t)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, SQL_TEL_BY_ID, "ii", (long long)number_id,
	    (long long)operator_id) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	tel_from_row(&res, t);
	return 1;
}

/* The row of the number assigned to user_id of operator_id (none when it has none). */
int
tel_user_rows(struct req *r, long user_id, long operator_id, struct dbres *res)
{
	return db_query(r->db, r->a, res, SQL_TEL_BY_USER, "ii", (long long)user_id,
	    (long long)operator_id);
}

/* t from the rows of tel_user_rows: 1, or 0 when there are none. */
int
tel_of_rows(const struct dbres *res, struct tel *t)
{
	if (res->nrows == 0)
		return 0;
	tel_from_row(res, t);
	return 1;
}

/* Loads the number assigned to user_id of operator_id: 1 found, 0 none, <0 on failure. */
int
tel_load_user(struct req *r, long user_id, long operator_id, struct tel *t)
{
	struct dbres res;

	if (tel_user_rows(r, user_id, operator_id, &res) < 0)
		return -1;
	return tel_of_rows(&res, t);
}

static const char SQL_PORTAL_MASK[] =
	"SELECT portal_may_cli, portal_may_moh, portal_may_acr FROM operators WHERE id = ?";

/* The portal's editable features for operator_id (TEL-4); <0 on failure. */
int
tel_portal_mask(struct req *r, long operator_id)
{
	struct dbres res;
	int mask = TEL_PORTAL_DEFAULT;

	if (db_query(r->db, r->a, &res, SQL_PORTAL_MASK, "i", (long long)operator_id) < 0)
		return -1;
	if (res.nrows == 0)
		return mask;
	if (db_int(&res, 0, 0))
		mask |= TEL_F_CLI;
	if (db_int(&res, 0, 1))
		mask |= TEL_F_MOH;
	if (db_int(&res, 0, 2))
		mask |= TEL_F_ACR;
	return mask;
}

/* ------------------------------------------------------------------ showing */

/* Sets the status badge sections of d. */
static void
show_status(struct tmpl_dict *d, const struct tel *t)
{
	tmpl_show(d, t->pending ? "STATUS_PENDING" : "STATUS_ACTIVE");
}

/* Adds one line of the read-only feature list: label, On/Off and an optional detail. */
static struct tmpl_dict *
feature_line(struct req *r, struct tmpl_dict *d, const char *label_key, int on,
    const char *detail)
{
	struct tmpl_dict *f = tmpl_section(d, "FEATURE");

	tmpl_set(f, "LABEL", T(r, label_key));
	tmpl_set(f, "VALUE", T(r, on ? "tel_on" : "tel_off"));
	if (on && detail != NULL && *detail != '\0') {
		struct tmpl_dict *x = tmpl_section(f, "DETAIL");

		tmpl_set(x, "DETAIL_TEXT", detail);
	}
	return f;
}

/* The read-only lines of the features in mask, into d's FEATURE sections. */
static void
feature_lines(struct req *r, struct tmpl_dict *d, const struct tel *t, int mask)
{
	if (mask & TEL_F_FORWARDING) {
		feature_line(r, d, "tel_ro_fwd_always", t->fwd_always, t->fwd_always_to);
		feature_line(r, d, "tel_ro_fwd_busy", t->fwd_busy, t->fwd_busy_to);
		feature_line(r, d, "tel_ro_fwd_noanswer", t->fwd_noanswer, t->fwd_noanswer_to);
	}
	if (mask & TEL_F_VOICEMAIL) {
		feature_line(r, d, "tel_voicemail", t->voicemail, NULL);
		feature_line(r, d, "tel_vm_to_email", t->vm_to_email, t->vm_email);
	}
	if (mask & TEL_F_HIDE_CALLER_ID)
		feature_line(r, d, "tel_hide_caller_id", t->hide_caller_id, NULL);
	if (mask & TEL_F_CALL_WAITING)
		feature_line(r, d, "tel_call_waiting", t->call_waiting, NULL);
	if (mask & TEL_F_CLI) {
		struct tmpl_dict *f = feature_line(r, d, "tel_cli", t->cli, t->cli_number);

		/* TEL-3: Hide Caller ID overrides CLI; both may be on, so say which wins. */
		if (t->cli && t->hide_caller_id)
			tmpl_set(tmpl_section(f, "NOTE"), "NOTE_TEXT",
			    T(r, "tel_cli_overridden"));
	}
	if (mask & TEL_F_DND) {
		struct tmpl_dict *f = feature_line(r, d, "tel_dnd", t->dnd, NULL);

		if (t->dnd)
			tmpl_set(tmpl_section(f, "NOTE"), "NOTE_TEXT", T(r, t->voicemail ?
			    "tel_dnd_to_voicemail" : "tel_dnd_engaged"));
	}
	if (mask & TEL_F_AUTH_CODE)
		feature_line(r, d, "tel_auth_code", t->auth_code, NULL);
	if (mask & TEL_F_MOH)
		feature_line(r, d, "tel_moh", t->music_on_hold, NULL);
	if (mask & TEL_F_ACR)
		feature_line(r, d, "tel_acr", t->anon_reject, NULL);
}

/* The phone details every view shows: number, extension, site. */
static void
show_details(struct tmpl_dict *d, const struct tel *t)
{
	tmpl_set(d, "NUMBER", t->number);
	tmpl_set(d, "EXTENSION", t->extension);
	tmpl_set(d, "SITE", t->site_name);
	if (t->pending)
		tmpl_show(d, "PENDING_NOTE");
}

/* The read-only Telephony panel at {{>TEL}} of d (see tel.h). */
void
tel_show(struct req *r, struct tmpl_dict *d, const struct tel *t, const char *action_base)
{
	struct tmpl_dict *p = tmpl_include(d, "TEL", r->lang, "tel_panel.tpl"), *n;

	if (t == NULL) {
		tmpl_show(p, "NONE");
		return;
	}
	show_status(p, t);
	n = tmpl_section(p, "NUMBER_DETAILS");
	show_details(n, t);
	tmpl_set(n, "DEFAULT_PIN", t->default_pin);
	if (t->custom_pin)
		tmpl_show(n, "CUSTOM_PIN");
	feature_lines(r, n, t, TEL_PLATFORM_MASK);
	if (action_base != NULL) {
		struct tmpl_dict *a = tmpl_section(p, "ACTIONS");

		tmpl_set(a, "ACTION_BASE", action_base);
		if (strcmp(t->handset_type, "digital") == 0 && t->handset_logged_in)
			tmpl_show(a, "HANDSET_LOGOUT");
	}
}

/* One on/off input: section name of d shown with CHECKED and its message. */
static struct tmpl_dict *
show_switch(struct req *r, struct tmpl_dict *d, const char *section, int on,
    const struct tel_errors *err, enum tel_field f)
{
	struct tmpl_dict *s = tmpl_section(d, section);

	if (on)
		tmpl_show(s, "CHECKED");
	if (err != NULL && err->msg[f] != NULL) {
		tmpl_show(s, "INVALID");
		tmpl_set(tmpl_section(s, "ERROR"), "ERROR_TEXT", T(r, err->msg[f]));
	}
	return s;
}

/* One text input: section name of d with VALUE and its message. */
static struct tmpl_dict *
show_text(struct req *r, struct tmpl_dict *d, const char *section, const char *value,
    const struct tel_errors *err, enum tel_field f)
{
	struct tmpl_dict *s = tmpl_section(d, section);

	tmpl_set(s, "VALUE", value ? value : "");
	if (err != NULL && err->msg[f] != NULL) {
		tmpl_show(s, "INVALID");
		tmpl_set(tmpl_section(s, "ERROR"), "ERROR_TEXT", T(r, err->msg[f]));
	}
	return s;
}

/* The occupier's ACTIVE numbers at the number's site: the CLI choices (TEL-3). The same
 * condition decides in tel_parse() whether a chosen number is allowed. */
#define CLI_CANDIDATE \
	"FROM phone_numbers WHERE operator_id = ? AND site_id = ? AND occupier_id <=> ? " \
	"AND allocated = 1 AND status = 'ACTIVE' AND id <> ? "
static const char SQL_CLI_CHOICES[] =
	"SELECT id, number, extension " CLI_CANDIDATE "ORDER BY number LIMIT 500";
static const char SQL_CLI_CHECK[] = "SELECT number " CLI_CANDIDATE "AND id = ?";

/* The Telephony panel as form fields at {{>TEL}} of d (see tel.h). */
int
tel_show_form(struct req *r, struct tmpl_dict *d, const struct tel *t, int mask,
    const struct tel_errors *err)
{
	struct tmpl_dict *p = tmpl_include(d, "TEL", r->lang, "tel_form.tpl"), *g, *s;
	int ro = TEL_PLATFORM_MASK & ~mask;

	show_status(p, t);
	show_details(p, t);
	tmpl_set_int(p, "TEL_VERSION", t->version);
	if (err != NULL && err->msg[TF_VERSION] != NULL)
		tmpl_set(tmpl_section(p, "STALE"), "STALE_TEXT", T(r, err->msg[TF_VERSION]));

	if (mask & TEL_F_FORWARDING) {
		g = tmpl_section(p, "FORWARDING");
		if (t->auth_code && !(mask & TEL_F_AUTH_CODE))
			tmpl_show(g, "FWD_LOCKED");       /* TEL-5: off and locked */
		else
			tmpl_show(g, "FWD_REASON_HIDDEN");
		show_switch(r, g, "F_FWD_ALWAYS", t->fwd_always, err, TF_FWD_ALWAYS);
		show_text(r, g, "F_FWD_ALWAYS_TO", t->fwd_always_to, err, TF_FWD_ALWAYS_TO);
		show_switch(r, g, "F_FWD_BUSY", t->fwd_busy, err, TF_FWD_BUSY);
		show_text(r, g, "F_FWD_BUSY_TO", t->fwd_busy_to, err, TF_FWD_BUSY_TO);
		show_switch(r, g, "F_FWD_NOANSWER", t->fwd_noanswer, err, TF_FWD_NOANSWER);
		show_text(r, g, "F_FWD_NOANSWER_TO", t->fwd_noanswer_to, err,
		    TF_FWD_NOANSWER_TO);
		if (mask & TEL_F_CALL_WAITING)
			tmpl_show(g, "BUSY_EXCLUDES_CW");
	}
	if (mask & TEL_F_VOICEMAIL) {
		g = tmpl_section(p, "VOICEMAIL");
		show_switch(r, g, "F_VOICEMAIL", t->voicemail, err, TF_VOICEMAIL);
		show_switch(r, g, "F_VM_TO_EMAIL", t->vm_to_email, err, TF_VM_TO_EMAIL);
		show_text(r, g, "F_VM_EMAIL", t->vm_email, err, TF_VM_EMAIL);
	}
	if (mask & (TEL_F_HIDE_CALLER_ID | TEL_F_CALL_WAITING | TEL_F_CLI | TEL_F_DND)) {
		g = tmpl_section(p, "CALL_SETTINGS");
		if (mask & TEL_F_HIDE_CALLER_ID)
			show_switch(r, g, "F_HIDE_CALLER_ID", t->hide_caller_id, err,
			    TF_HIDE_CALLER_ID);
		if (mask & TEL_F_CALL_WAITING) {
			s = show_switch(r, g, "F_CALL_WAITING", t->call_waiting, err,
			    TF_CALL_WAITING);
			if (mask & TEL_F_FORWARDING)
				tmpl_show(s, "CW_EXCLUDES_BUSY");
		}
		if (mask & TEL_F_CLI) {
			struct dbres res;
			int found = 0;

			show_switch(r, g, "F_CLI", t->cli, err, TF_CLI);
			s = show_text(r, g, "F_CLI_NUMBER", "", err, TF_CLI_NUMBER);
			if (db_query(r->db, r->a, &res, SQL_CLI_CHOICES, "iiui",
			    (long long)t->operator_id, (long long)t->site_id,
			    (long long)t->occupier_id, (long long)t->id) < 0)
				return -1;
			for (size_t i = 0; i < res.nrows; i++) {
				struct tmpl_dict *o = tmpl_section(s, "CLI_OPTION");

				tmpl_set(o, "ID", db_str(&res, i, 0));
				tmpl_set(o, "OPT_NUMBER", db_str(&res, i, 1));
				tmpl_set(o, "OPT_EXTENSION", db_str(&res, i, 2));
				if (db_int(&res, i, 0) == t->cli_number_id) {
					tmpl_show(o, "SELECTED");
					found = 1;
				}
			}
			/* A stored choice that is no longer ACTIVE stays visible rather than
			 * being silently replaced by another number. */
			if (!found && t->cli_number_id != 0) {
				struct tmpl_dict *o = tmpl_section(s, "CLI_OPTION");

				tmpl_set_int(o, "ID", t->cli_number_id);
				tmpl_set(o, "OPT_NUMBER", t->cli_number);
				tmpl_show(o, "SELECTED");
			}
			if (res.nrows == 0)
				tmpl_show(s, "NO_CHOICES");
		}
		if (mask & TEL_F_DND)
			show_switch(r, g, "F_DND", t->dnd, err, TF_DND);
	}
	if (mask & (TEL_F_AUTH_CODE | TEL_F_MOH | TEL_F_ACR)) {
		g = tmpl_section(p, "MORE");
		if (mask & TEL_F_AUTH_CODE) {
			s = show_switch(r, g, "F_AUTH_CODE", t->auth_code, err, TF_AUTH_CODE);
			if (mask & TEL_F_FORWARDING)
				tmpl_show(s, "AUTH_EXCLUDES_FWD");
		}
		if (mask & TEL_F_MOH)
			show_switch(r, g, "F_MOH", t->music_on_hold, err, TF_MOH);
		if (mask & TEL_F_ACR)
			show_switch(r, g, "F_ACR", t->anon_reject, err, TF_ACR);
	}
	if (ro != 0)
		feature_lines(r, tmpl_section(p, "READ_ONLY"), t, ro);
	return 0;
}

/* One section of d per message of err, in form order, for an error summary. */
void
tel_error_items(struct req *r, struct tmpl_dict *d, const struct tel_errors *err,
    const char *section)
{
	for (int i = 0; i < TF__MAX; i++) {
		struct tmpl_dict *s;

		if (err->msg[i] == NULL)
			continue;
		s = tmpl_section(d, section);
		tmpl_set(s, "FIELD_ID", i == TF_VERSION ? "tel-heading" : tel_names[i]);
		tmpl_set(s, "TEXT", T(r, err->msg[i]));
	}
}

/* ------------------------------------------------------------------ parsing */

static void
add_err(struct tel_errors *err, enum tel_field f, const char *key)
{
	if (err->msg[f] != NULL)
		return;
	err->msg[f] = key;
	err->n++;
}

/* A checkbox: on when sent with value 1 (or "on", what a browser sends without value). */
static int
form_on(const struct req *r, enum tel_field f)
{
	const char *v = form_get(r, tel_names[f]);

	return v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "on") == 0);
}

/* A text field, trimmed; NULL when the form did not send it (a disabled input). */
static const char *
form_text(struct req *r, enum tel_field f)
{
	const char *v = form_get(r, tel_names[f]);
	char *s;

	if (v == NULL || (s = arena_strdup(r->a, v)) == NULL)
		return NULL;
	return str_trim(s);
}

/* Checks a forwarding target: required when its forwarding is on (missing: the message
 * req_key), else optional. */
static void
check_target(struct tel_errors *err, enum tel_field f, int on, const char *to,
    const char *old_to, const char *req_key)
{
	const char *e;

	if (on)
		e = validate_phone_required(to);
	else if (str_eq(to, old_to))
		return;                 /* unchanged and unused: not the user's concern now */
	else
		e = validate_phone(to);
	if (e != NULL && strcmp(e, "err_required") == 0)
		e = req_key;
	if (e == NULL && to != NULL && strlen(to) > TARGET_MAX)
		e = "tel_err_target_long";
	if (e != NULL)
		add_err(err, f, e);
}

/* Reads the submitted form into out and checks TEL-5 (see tel.h). */
int
tel_parse(struct req *r, const struct tel *old, int mask, struct tel *out,
    struct tel_errors *err)
{
	const char *v;
	long ver;

	memset(err, 0, sizeof(*err));
	*out = *old;
	v = form_get(r, tel_names[TF_VERSION]);
	if (v == NULL || str_to_long(v, 0, LONG_MAX, &ver) < 0 || ver != old->version)
		add_err(err, TF_VERSION, "tel_err_stale");

	if (mask & TEL_F_FORWARDING) {
		out->fwd_always = form_on(r, TF_FWD_ALWAYS);
		out->fwd_busy = form_on(r, TF_FWD_BUSY);
		out->fwd_noanswer = form_on(r, TF_FWD_NOANSWER);
		if ((v = form_text(r, TF_FWD_ALWAYS_TO)) != NULL)
			out->fwd_always_to = v;
		if ((v = form_text(r, TF_FWD_BUSY_TO)) != NULL)
			out->fwd_busy_to = v;
		if ((v = form_text(r, TF_FWD_NOANSWER_TO)) != NULL)
			out->fwd_noanswer_to = v;
		check_target(err, TF_FWD_ALWAYS_TO, out->fwd_always, out->fwd_always_to,
		    old->fwd_always_to, "tel_err_always_to_required");
		check_target(err, TF_FWD_BUSY_TO, out->fwd_busy, out->fwd_busy_to,
		    old->fwd_busy_to, "tel_err_busy_to_required");
		check_target(err, TF_FWD_NOANSWER_TO, out->fwd_noanswer, out->fwd_noanswer_to,
		    old->fwd_noanswer_to, "tel_err_noanswer_to_required");
	}
	if (mask & TEL_F_VOICEMAIL) {
		out->voicemail = form_on(r, TF_VOICEMAIL);
		out->vm_to_email = form_on(r, TF_VM_TO_EMAIL);
		if ((v = form_text(r, TF_VM_EMAIL)) != NULL) {
			char *lc = arena_strdup(r->a, v);

			if (lc == NULL)
				return -1;
			str_lower(lc);
			out->vm_email = lc;
		}
		if (out->vm_to_email && !out->voicemail)
			add_err(err, TF_VM_TO_EMAIL, "tel_err_vm_needs_voicemail");
		if (out->vm_to_email) {
			const char *e = validate_email(out->vm_email);

			if (e != NULL)
				add_err(err, TF_VM_EMAIL, strcmp(e, "err_required") == 0 ?
				    "tel_err_vm_email_required" : e);
		} else if (!str_eq(out->vm_email, old->vm_email) &&
		    (v = validate_email_optional(out->vm_email)) != NULL)
			add_err(err, TF_VM_EMAIL, v);
	}
	if (mask & TEL_F_CALL_WAITING)
		out->call_waiting = form_on(r, TF_CALL_WAITING);
	if (mask & TEL_F_DND)
		out->dnd = form_on(r, TF_DND);
	if (mask & TEL_F_HIDE_CALLER_ID)
		out->hide_caller_id = form_on(r, TF_HIDE_CALLER_ID);
	if (mask & TEL_F_AUTH_CODE)
		out->auth_code = form_on(r, TF_AUTH_CODE);
	if (mask & TEL_F_MOH)
		out->music_on_hold = form_on(r, TF_MOH);
	if (mask & TEL_F_ACR)
		out->anon_reject = form_on(r, TF_ACR);
	if (mask & TEL_F_CLI) {
		long id;

		out->cli = form_on(r, TF_CLI);
		if ((v = form_text(r, TF_CLI_NUMBER)) != NULL) {
			if (*v == '\0')
				out->cli_number_id = 0;
			else if (str_to_long(v, 1, LONG_MAX, &id) < 0)
				add_err(err, TF_CLI_NUMBER, "tel_err_cli_number");
			else
				out->cli_number_id = id;
		}
		if (out->cli_number_id != old->cli_number_id)
			out->cli_number = "";
		if (out->cli && out->cli_number_id == 0)
			add_err(err, TF_CLI_NUMBER, "tel_err_cli_required");
		else if (out->cli_number_id != 0 && err->msg[TF_CLI_NUMBER] == NULL &&
		    (out->cli_number_id != old->cli_number_id || (out->cli && !old->cli))) {
			struct dbres res;

			/* TEL-5: an ACTIVE number of the same occupier at the same site,
			 * within the operator; whatever id the form carried. */
			if (db_query(r->db, r->a, &res, SQL_CLI_CHECK, "iiuii",
			    (long long)old->operator_id, (long long)old->site_id,
			    (long long)old->occupier_id, (long long)old->id,
			    (long long)out->cli_number_id) < 0)
				return -1;
			if (res.nrows == 0)
				add_err(err, TF_CLI_NUMBER, "tel_err_cli_number");
			else
				out->cli_number = db_str(&res, 0, 0);
		}
	}

	/*
	 * The rules between features. Each message goes on a field this page may change;
	 * a conflict among features the page cannot change is not the user's to fix.
	 */
	if (out->fwd_busy && out->call_waiting) {
		if ((mask & TEL_F_CALL_WAITING) && (!old->call_waiting ||
		    !(mask & TEL_F_FORWARDING)))
			add_err(err, TF_CALL_WAITING, "tel_err_cw_busy");
		else if (mask & TEL_F_FORWARDING)
			add_err(err, TF_FWD_BUSY, "tel_err_busy_cw");
	}
	if (out->auth_code && (out->fwd_always || out->fwd_busy || out->fwd_noanswer)) {
		if (mask & TEL_F_FORWARDING)
			add_err(err, out->fwd_always ? TF_FWD_ALWAYS : out->fwd_busy ?
			    TF_FWD_BUSY : TF_FWD_NOANSWER, "tel_err_fwd_auth_code");
		else if (mask & TEL_F_AUTH_CODE)
			add_err(err, TF_AUTH_CODE, "tel_err_auth_code_fwd");
	}
	return err->n;
}

/* ------------------------------------------------------------------ saving */

static const char SQL_TEL_SAVE[] =
	"UPDATE phone_numbers SET fwd_always = ?, fwd_always_to = ?, fwd_busy = ?, "
	"fwd_busy_to = ?, fwd_noanswer = ?, fwd_noanswer_to = ?, voicemail = ?, "
	"vm_to_email = ?, vm_email = ?, call_waiting = ?, dnd = ?, cli = ?, cli_number_id = ?, "
	"hide_caller_id = ?, auth_code = ?, music_on_hold = ?, anon_reject = ?, "
	"status = 'PENDING', version = version + 1 "
	"WHERE id = ? AND operator_id = ? AND version = ?";
static const char SQL_JOB_ADD[] = "INSERT INTO provisioning_jobs (number_id) VALUES (?)";

/* The audit text of one column's value; never a PIN (there is none among the columns). */
static const char *
audit_value(const struct tel *t, const struct tel_col *c)
{
	switch (c->kind) {
	case 'b':
		return col_int(t, c) ? "on" : "off";
	case 'n':
		return t->cli_number_id ? (t->cli_number ? t->cli_number : "") : "";
	default:
		return col_str(t, c);
	}
}

static int
col_changed(const struct tel *a, const struct tel *b, const struct tel_col *c)
{
	switch (c->kind) {
	case 'b':
		return col_int(a, c) != col_int(b, c);
	case 'n':
		return col_long(a, c) != col_long(b, c);
	default:
		return strcmp(col_str(a, c), col_str(b, c)) != 0;
	}
}

/* Saves nt over old in the caller's transaction (see tel.h). */
int
tel_save(struct req *r, const struct tel *old, const struct tel *nt)
{
	long long n;
	int changed = 0;

	for (size_t i = 0; i < NCOLS; i++)
		if (col_changed(old, nt, &cols[i]))
			changed++;
	if (changed == 0)
		return 0;
	n = db_exec(r->db, SQL_TEL_SAVE, "isisisiisiiiuiiiiiii",
	    (long long)nt->fwd_always, nt->fwd_always_to ? nt->fwd_always_to : "",
	    (long long)nt->fwd_busy, nt->fwd_busy_to ? nt->fwd_busy_to : "",
	    (long long)nt->fwd_noanswer, nt->fwd_noanswer_to ? nt->fwd_noanswer_to : "",
	    (long long)nt->voicemail, (long long)nt->vm_to_email,
	    nt->vm_email ? nt->vm_email : "", (long long)nt->call_waiting,
	    (long long)nt->dnd, (long long)nt->cli, (long long)nt->cli_number_id,
	    (long long)nt->hide_caller_id, (long long)nt->auth_code,
	    (long long)nt->music_on_hold, (long long)nt->anon_reject,
	    (long long)old->id, (long long)old->operator_id, (long long)old->version);
	if (n < 0)
		return -1;
	if (n == 0)
		return TEL_STALE;
	if (db_exec(r->db, SQL_JOB_ADD, "i", (long long)old->id) < 0)
		return -1;
	for (size_t i = 0; i < NCOLS; i++) {
		if (!col_changed(old, nt, &cols[i]))
			continue;
		if (audit_add(r, old->occupier_id, old->user_id, old->number, "tel.update",
		    cols[i].col, audit_value(old, &cols[i]), audit_value(nt, &cols[i])) < 0)
			return -1;
	}
	return changed;
}

static const char SQL_PIN_RESET[] =
	"UPDATE phone_numbers SET custom_pin_hash = NULL WHERE id = ? AND operator_id = ?";
static const char SQL_HANDSET_LOGOUT[] =
	"UPDATE phone_numbers SET handset_logged_in = 0 WHERE id = ? AND operator_id = ? "
	"AND handset_type = 'digital' AND handset_logged_in = 1";

/* Reset PIN in the caller's transaction (see tel.h). The PBX holds the PIN, so it is told. */
int
tel_pin_reset(struct req *r, const struct tel *t)
{
	long long n = db_exec(r->db, SQL_PIN_RESET, "ii", (long long)t->id,
	    (long long)t->operator_id);

	if (n <= 0)
		return n < 0 ? -1 : 0;
	if (db_exec(r->db, SQL_JOB_ADD, "i", (long long)t->id) < 0 ||
	    audit_add(r, t->occupier_id, t->user_id, t->number, "tel.pin_reset", "", "",
	    "") < 0)
		return -1;
	return 1;
}

/* Handset logout in the caller's transaction (see tel.h). */
int
tel_handset_logout(struct req *r, const struct tel *t)
{
	long long n = db_exec(r->db, SQL_HANDSET_LOGOUT, "ii", (long long)t->id,
	    (long long)t->operator_id);

	if (n <= 0)
		return n < 0 ? -1 : 0;
	if (db_exec(r->db, SQL_JOB_ADD, "i", (long long)t->id) < 0 ||
	    audit_add(r, t->occupier_id, t->user_id, t->number, "tel.handset_logout", "", "",
	    "") < 0)
		return -1;
	return 1;
}
