/*
 * The Telephony panel's form (see tel.h): its field names, and reading and checking a change
 * of the features this page may make (TEL-3..5).
 */
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "db_tel.h"
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
/* TEL-3: the forwarding switches and their targets. */
static void
parse_forwarding(struct req *r, const struct tel *old, struct tel *out, struct tel_errors *err)
{
	const char *v;

	out->fwd_always = form_on(r, TF_FWD_ALWAYS);
	out->fwd_busy = form_on(r, TF_FWD_BUSY);
	out->fwd_noanswer = form_on(r, TF_FWD_NOANSWER);
	if ((v = form_trim(r, tel_names[TF_FWD_ALWAYS_TO])) != NULL)
		out->fwd_always_to = v;
	if ((v = form_trim(r, tel_names[TF_FWD_BUSY_TO])) != NULL)
		out->fwd_busy_to = v;
	if ((v = form_trim(r, tel_names[TF_FWD_NOANSWER_TO])) != NULL)
		out->fwd_noanswer_to = v;
	check_target(err, TF_FWD_ALWAYS_TO, out->fwd_always, out->fwd_always_to,
	    old->fwd_always_to, "tel_err_always_to_required");
	check_target(err, TF_FWD_BUSY_TO, out->fwd_busy, out->fwd_busy_to,
	    old->fwd_busy_to, "tel_err_busy_to_required");
	check_target(err, TF_FWD_NOANSWER_TO, out->fwd_noanswer, out->fwd_noanswer_to,
	    old->fwd_noanswer_to, "tel_err_noanswer_to_required");
}

/* TEL-3: voicemail and its email. Returns -1 out of memory. */
static int
parse_voicemail(struct req *r, const struct tel *old, struct tel *out, struct tel_errors *err)
{
	const char *v;

	out->voicemail = form_on(r, TF_VOICEMAIL);
	out->vm_to_email = form_on(r, TF_VM_TO_EMAIL);
	if ((v = form_trim(r, tel_names[TF_VM_EMAIL])) != NULL) {
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
	return 0;
}

/* TEL-5: the CLI and its number, which must be one of the occupier's at the site. */
static int
parse_cli(struct req *r, const struct tel *old, struct tel *out, struct tel_errors *err)
{
	const char *v;
	long id;

	out->cli = form_on(r, TF_CLI);
	if ((v = form_trim(r, tel_names[TF_CLI_NUMBER])) != NULL) {
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
		int ok;

		/* TEL-5: an ACTIVE number of the same occupier at the same site,
		 * within the operator; whatever id the form carried. */
		if ((ok = db_cli_check(r, old, out->cli_number_id, &out->cli_number)) < 0)
			return -1;
		if (ok == 0)
			add_err(err, TF_CLI_NUMBER, "tel_err_cli_number");
	}
	return 0;
}

/*
 * The rules between features. Each message goes on a field this page may change; a conflict
 * among features the page cannot change is not the user's to fix.
 */
static void
check_rules(const struct tel *old, int mask, const struct tel *out, struct tel_errors *err)
{
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
}

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
	if (mask & TEL_F_FORWARDING)
		parse_forwarding(r, old, out, err);
	if ((mask & TEL_F_VOICEMAIL) && parse_voicemail(r, old, out, err) < 0)
		return -1;
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
	if ((mask & TEL_F_CLI) && parse_cli(r, old, out, err) < 0)
		return -1;
	check_rules(old, mask, out, err);
	return err->n;
}
