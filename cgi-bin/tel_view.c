/*
 * The Telephony panel (see tel.h): a number's features shown read-only and as form fields,
 * and the error items of a refused change.
 */
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "db_tel.h"
#include "states.h"
#include "tel.h"
#include "tmpl.h"
#include "validate.h"

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

/* TEL-3: the forwarding switches and targets of the form (TEL-5: locked by an auth code). */
static void
show_forwarding(struct req *r, struct tmpl_dict *g, const struct tel *t, int mask,
    const struct tel_errors *err)
{
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

/* TEL-5: the CLI switch and its choices, the occupier's ACTIVE numbers at the site. */
static int
show_cli(struct req *r, struct tmpl_dict *g, const struct tel *t, const struct tel_errors *err)
{
	struct tmpl_dict *s;
	struct cli_choice *c;
	int n, found = 0;

	show_switch(r, g, "F_CLI", t->cli, err, TF_CLI);
	s = show_text(r, g, "F_CLI_NUMBER", "", err, TF_CLI_NUMBER);
	if ((n = db_cli_choices(r, t, &c)) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		struct tmpl_dict *o = tmpl_section(s, "CLI_OPTION");

		tmpl_set_int(o, "ID", c[i].id);
		tmpl_set(o, "OPT_NUMBER", c[i].number);
		tmpl_set(o, "OPT_EXTENSION", c[i].extension);
		if (c[i].id == t->cli_number_id) {
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
	if (n == 0)
		tmpl_show(s, "NO_CHOICES");
	return 0;
}

/* A status badge of a number: ACTIVE (green) or PENDING (amber), always with its text. */
void
tel_status_badge(struct req *r, struct tmpl_dict *d, const char *status)
{
	int pending = state_of(status) == ST_PENDING;

	tmpl_set(d, "STATUS_CLASS", pending ? "badge-amber" : "badge-green");
	tmpl_set(d, "STATUS_TEXT", T(r, pending ? "status_pending" : "status_active"));
}

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

	if (mask & TEL_F_FORWARDING)
		show_forwarding(r, tmpl_section(p, "FORWARDING"), t, mask, err);
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
		if ((mask & TEL_F_CLI) && show_cli(r, g, t, err) < 0)
			return -1;
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
