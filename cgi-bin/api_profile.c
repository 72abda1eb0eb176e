/*
 * My profile through the API (issue 16 item 1; PROF-1..3): read, edit the basic details,
 * Wi-Fi "Set password", the phone features the portal may set (TEL-4), "Reset PIN" and
 * "Handset logout". Everything goes through profile.c and tel.c, as the pages do; members
 * are named as the pages' form fields, so a refused member carries the same message.
 */
#include <stddef.h>
#include <string.h>

#include "api.h"
#include "db_users.h"
#include "profile.h"
#include "states.h"
#include "tel.h"

/* The on/off features of a number: member (the form's field) and place in struct tel, the
 * feature bit that lets it change. */
static const struct {
	enum tel_field f;
	size_t off;
	int bit;
} tel_switches[] = {
	{ TF_FWD_ALWAYS, offsetof(struct tel, fwd_always), TEL_F_FORWARDING },
	{ TF_FWD_BUSY, offsetof(struct tel, fwd_busy), TEL_F_FORWARDING },
	{ TF_FWD_NOANSWER, offsetof(struct tel, fwd_noanswer), TEL_F_FORWARDING },
	{ TF_VOICEMAIL, offsetof(struct tel, voicemail), TEL_F_VOICEMAIL },
	{ TF_VM_TO_EMAIL, offsetof(struct tel, vm_to_email), TEL_F_VOICEMAIL },
	{ TF_HIDE_CALLER_ID, offsetof(struct tel, hide_caller_id), TEL_F_HIDE_CALLER_ID },
	{ TF_CALL_WAITING, offsetof(struct tel, call_waiting), TEL_F_CALL_WAITING },
	{ TF_CLI, offsetof(struct tel, cli), TEL_F_CLI },
	{ TF_DND, offsetof(struct tel, dnd), TEL_F_DND },
	{ TF_AUTH_CODE, offsetof(struct tel, auth_code), TEL_F_AUTH_CODE },
	{ TF_MOH, offsetof(struct tel, music_on_hold), TEL_F_MOH },
	{ TF_ACR, offsetof(struct tel, anon_reject), TEL_F_ACR },
};
#define NSWITCHES (sizeof(tel_switches) / sizeof(tel_switches[0]))

static int
tel_switch(const struct tel *t, size_t i)
{
	return *(const int *)((const char *)t + tel_switches[i].off);
}

/* The Telephony panel as member "telephony" (null when no number is assigned). */
static void
tel_write(struct req *r, struct jw *w, const struct tel *t, int mask)
{
	if (t == NULL) {
		jw_str(w, "telephony", NULL);
		return;
	}
	jw_open(w, "telephony", '{');
	jw_str(w, "status", state_name(t->pending ? ST_PENDING : ST_ACTIVE));
	jw_str(w, "phone_number", t->number);
	jw_str(w, "extension", t->extension);
	jw_str(w, "site", t->site_name);
	jw_str(w, "default_pin", t->default_pin);
	jw_bool(w, "custom_pin", t->custom_pin);
	jw_str(w, "handset_type", t->handset_type);
	jw_bool(w, "handset_logged_in", t->handset_logged_in);
	jw_int(w, tel_names[TF_VERSION], t->version);
	jw_open(w, "features", '{');
	for (size_t i = 0; i < NSWITCHES; i++)
		jw_bool(w, tel_names[tel_switches[i].f], tel_switch(t, i));
	jw_str(w, tel_names[TF_FWD_ALWAYS_TO], t->fwd_always_to);
	jw_str(w, tel_names[TF_FWD_BUSY_TO], t->fwd_busy_to);
	jw_str(w, tel_names[TF_FWD_NOANSWER_TO], t->fwd_noanswer_to);
	jw_str(w, tel_names[TF_VM_EMAIL], t->vm_email);
	if (t->cli_number_id)
		jw_int(w, tel_names[TF_CLI_NUMBER], t->cli_number_id);
	else
		jw_str(w, tel_names[TF_CLI_NUMBER], NULL);
	jw_close(w);
	jw_open(w, "editable", '[');
	for (size_t i = 0; i < NSWITCHES; i++)
		if (mask & tel_switches[i].bit)
			jw_str(w, NULL, tel_names[tel_switches[i].f]);
	jw_close(w);
	jw_close(w);
}

/* GET /api/v1/profile: PROF-1, PROF-3. */
int
api_profile_get(struct req *r, struct api *a)
{
	struct profile p;
	struct profile_row row;
	struct wifi_row wr;
	struct tel t;
	int has_tel, mask = 0, rc;

	/* the page's reads, kept under the occupier's data version (db_my_profile) */
	if ((rc = db_my_profile(r, &row, &wr, &t, &has_tel)) <= 0)
		return rc < 0 ? 500 : 404;
	profile_from(&row, &p);
	if (has_tel && (mask = tel_portal_mask(r, r->me->operator_id)) < 0)
		return 500;
	api_begin(r, a);
	jw_open(&a->w, "user", '{');
	jw_int(&a->w, "id", r->me->id);
	jw_str(&a->w, "email", p.email);
	for (int i = 0; i < PF__MAX; i++)
		jw_str(&a->w, uf_names[profile_fields[i].uf], p.v[i]);
	jw_str(&a->w, "role", r->me->role == R_OCC_ADMIN ? "admin" : "user");
	jw_str(&a->w, "occupier", r->me->occupier_name);
	jw_int(&a->w, "version", p.version);
	jw_close(&a->w);
	jw_open(&a->w, "wifi", '{');
	jw_str(&a->w, "state", state_name(state_of(wr.state)));
	jw_str(&a->w, "homesite", wr.state ? wr.homesite : NULL);
	if (wr.state)
		jw_int(&a->w, "device_limit", wr.devices);
	else
		jw_str(&a->w, "device_limit", NULL);
	jw_close(&a->w);
	tel_write(r, &a->w, has_tel ? &t : NULL, mask);
	return api_done(r, a);
}

/* My profile as the answer of an action that returned rc (0 done, else its refusal). */
static int
profile_after(struct req *r, struct api *a, int rc)
{
	if (rc != 0)
		return rc;
	/* The write bumped the occupier's data version, which r->me still has from before it:
	 * "unknown" reads the rows again instead of an answer kept under the old version. */
	r->me->occupier_version = NULL;
	return api_profile_get(r, a);
}

static const struct api_field profile_members[] = {
	{ "first_name", J_STR }, { "last_name", J_STR }, { "job_title", J_STR },
	{ "mobile_phone", J_STR }, { "direct_line", J_STR }, { "language", J_STR },
	{ "version", J_NUM },
};

/* PATCH /api/v1/profile: PROF-1; members not sent keep their values; version required
 * (UM-9: a save over someone else's is refused with 409). */
int
api_profile_edit(struct req *r, struct api *a)
{
	struct profile p, np;
	struct profile_errors pe;
	struct api_errs e;
	long ver;
	int has_tel, rc;
	struct tel t;

	if (!api_input(r, a, profile_members, sizeof(profile_members) /
	    sizeof(profile_members[0])))
		return 0;
	if ((rc = profile_load(r, &p)) <= 0)
		return rc < 0 ? 500 : 404;
	if ((has_tel = tel_load_user(r, r->me->id, r->me->operator_id, &t)) < 0)
		return 500;
	memset(&e, 0, sizeof(e));
	if (str_to_long(kv_get(&r->form, "version") ? kv_get(&r->form, "version") : "", 0,
	    0x7fffffffL, &ver) < 0)
		return api_refuse_one(r, 400, "invalid", "version", "err_required");
	for (int i = 0; i < PF__MAX; i++)
		api_keep(r, uf_names[profile_fields[i].uf], p.v[i]);
	if (profile_parse(r, &p, has_tel, &np, &pe) > 0) {
		for (int i = 0; i < PF__MAX; i++)
			api_err(&e, uf_names[profile_fields[i].uf], pe.msg[i]);
		return api_refuse(r, 400, &e);
	}
	if (ver != p.version)
		return 409;
	return profile_after(r, a, profile_update(r, &p, &np, NULL, NULL));
}

static const struct api_field wifi_members[] = {
	{ "password", J_STR }, { "password_confirm", J_STR },
};

/* POST /api/v1/profile/wifi-password: PROF-2 (404 without an ACTIVE account). */
int
api_profile_wifi(struct req *r, struct api *a)
{
	const char *key;
	int confirm, rc;

	if (!api_input(r, a, wifi_members, sizeof(wifi_members) / sizeof(wifi_members[0])))
		return 0;
	rc = profile_wifi_set(r, kv_get(&r->form, "password"),
	    kv_get(&r->form, "password_confirm"), &key, &confirm);
	if (rc == 400)
		return api_refuse_one(r, 400, "invalid", confirm ? "password_confirm" : "password", key);
	if (rc != 0)
		return rc;
	return api_flag(r, a, "password_set");
}

/* PATCH /api/v1/profile/telephony: TEL-3..6 within the portal's set (TEL-4); features not
 * sent keep their values, those outside the set never change; tel_version required. */
int
api_profile_tel(struct req *r, struct api *a)
{
	struct profile p;
	struct tel t, nt;
	struct tel_errors te;
	struct api_errs e;
	struct api_field tel_members[TF__MAX];   /* every feature and the version */
	int mask, rc;

	for (int i = 0; i < TF__MAX; i++) {
		tel_members[i].name = tel_names[i];
		tel_members[i].type = J_STR;
	}
	for (size_t i = 0; i < NSWITCHES; i++)
		tel_members[tel_switches[i].f].type = J_BOOL;
	tel_members[TF_CLI_NUMBER].type = J_NUM;
	tel_members[TF_VERSION].type = J_NUM;
	if (!api_input(r, a, tel_members, TF__MAX))
		return 0;
	if ((rc = profile_load(r, &p)) <= 0 ||
	    (rc = tel_load_user(r, r->me->id, r->me->operator_id, &t)) <= 0)
		return rc < 0 ? 500 : 404;
	if ((mask = tel_portal_mask(r, r->me->operator_id)) < 0)
		return 500;
	if (kv_get(&r->form, tel_names[TF_VERSION]) == NULL)
		return api_refuse_one(r, 400, "invalid", tel_names[TF_VERSION], "err_required");
	for (size_t i = 0; i < NSWITCHES; i++)
		api_keep(r, tel_names[tel_switches[i].f], tel_switch(&t, i) ? "1" : "0");
	if (tel_parse(r, &t, mask, &nt, &te) < 0)
		return 500;
	if (te.msg[TF_VERSION] != NULL)
		return 409;
	if (te.n > 0) {
		memset(&e, 0, sizeof(e));
		for (int i = 0; i < TF__MAX; i++)
			api_err(&e, tel_names[i], te.msg[i]);
		return api_refuse(r, 400, &e);
	}
	return profile_after(r, a, profile_update(r, &p, &p, &t, &nt));
}

/* POST /api/v1/profile/pin-reset: PROF-3, TEL-2 (404 without a number). */
int
api_profile_pin_reset(struct req *r, struct api *a)
{
	return profile_after(r, a, profile_pin_reset(r));
}

/* POST /api/v1/profile/handset-logout: PROF-3 (404 unless a digital handset is logged in). */
int
api_profile_handset_logout(struct req *r, struct api *a)
{
	return profile_after(r, a, profile_handset_logout(r));
}
