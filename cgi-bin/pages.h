/*
 * Every page handler of the program, by page group. The route table in router.c maps
 * method and path to these, with the roles allowed.
 */
#ifndef PAGES_H
#define PAGES_H

#include <stddef.h>

struct req;

/* page_auth.c */
int	 h_home(struct req *r);
int	 h_signin_form(struct req *r);
int	 h_signin(struct req *r);
int	 h_signout(struct req *r);
int	 h_forgot_form(struct req *r);
int	 h_forgot(struct req *r);
int	 h_setpw_form(struct req *r);
int	 h_setpw(struct req *r);
/* After the password (and the code when two-factor is on): the session. <0 on failure. */
int	 signin_finish(struct req *r, long user);

/* page_twofa.c (issue 16: two-factor sign-in) */
int	 h_twofa(struct req *r);
int	 h_twofa_on(struct req *r);
int	 h_twofa_off(struct req *r);
int	 h_signin_code_form(struct req *r);
int	 h_signin_code(struct req *r);
int	 h_user_twofa_reset(struct req *r);
int	 h_member_twofa_reset(struct req *r);

/* page_leaving.c (issue 16: scheduled offboarding) */
int	 h_user_leaving(struct req *r);
int	 h_setpw_claim(struct req *r);

/* page_misc.c */
int	 h_healthz(struct req *r);
int	 h_brand_css(struct req *r);

/* page_users.c (portal User management and the platform's Users tab) */
int	 h_users_list(struct req *r);
int	 h_user_new_form(struct req *r);
int	 h_user_new(struct req *r);
int	 h_user_view(struct req *r);
int	 h_user_edit_form(struct req *r);
int	 h_user_edit(struct req *r);
int	 h_user_delete_form(struct req *r);
int	 h_user_delete(struct req *r);
int	 h_user_resend(struct req *r);
int	 h_user_account(struct req *r);
int	 h_user_wifi_reset(struct req *r);
int	 h_user_wifi(struct req *r);
int	 h_user_invite(struct req *r);

/* page_profile.c */
int	 h_profile(struct req *r);
int	 h_profile_edit_form(struct req *r);
int	 h_profile_edit(struct req *r);
int	 h_profile_wifi_form(struct req *r);
int	 h_profile_wifi(struct req *r);
int	 h_profile_pin_reset(struct req *r);
int	 h_profile_handset_logout(struct req *r);

/* page_tokens.c: the user's API tokens (issue 16) with "Revoke", at {{>API_TOKENS}} of d,
 * revoking through action; <0 on database failure. *max_age (when not NULL): the seconds the
 * panel stays right without a write (until the first expiry; 0 no limit, -1 too short). */
struct tmpl_dict;
int	 tokens_show(struct req *r, struct tmpl_dict *d, long user_id, const char *action,
	    long *max_age);
int	 h_profile_token_revoke(struct req *r);
int	 h_user_token_revoke(struct req *r);

/* page_platform.c: Occupiers (PLAT-1), bulk actions (PLAT-4) */
int	 h_occupiers(struct req *r);
int	 h_occupier(struct req *r);
int	 h_occ_bulk(struct req *r);
/* page_platform.c: helpers shared by the platform's pages */
struct arena;
struct tmpl_dict;
char	*like_arg(struct arena *a, const char *q);
int	 list_args(struct req *r, size_t maxq, const char **q, long *page);
long	 list_offset(long *page, long total, long per, long *pages);
void	 list_pager(struct req *r, struct tmpl_dict *d, const char *base, const char *q,
	    long page, long pages);

/* page_import.c: Add multiple users (PLAT-2), Download users (PLAT-3) */
int	 h_occ_import_form(struct req *r);
int	 h_occ_import(struct req *r);
int	 h_occ_import_confirm(struct req *r);
int	 h_occ_import_template(struct req *r);
int	 h_occ_users_csv(struct req *r);

/* page_telephony.c (PLAT-5) */
int	 h_tel_list(struct req *r);
int	 h_tel_number(struct req *r);
int	 h_tel_pin_reset(struct req *r);
int	 h_tel_handset_logout(struct req *r);
int	 h_tel_allocate(struct req *r);
int	 h_tel_assign(struct req *r);
int	 h_tel_features(struct req *r);
int	 h_account_telephony(struct req *r);

/* page_account.c (PLAT-6, PLAT-7) */
int	 h_account(struct req *r);
int	 h_account_member_form(struct req *r);
int	 h_account_member_new(struct req *r);
int	 h_account_member_delete_form(struct req *r);
int	 h_account_member_delete(struct req *r);
int	 h_account_services(struct req *r);
int	 h_account_services_save(struct req *r);
int	 h_account_settings(struct req *r);
int	 h_account_settings_save(struct req *r);
int	 account_settings_error(struct req *r, const char *field, const char *key);

/* page_misc.c, issue 13: the brand of an unauthenticated page from the Host header (1), or the
 * default (0). */
struct host_brand;
int	 brand_of_host(struct req *r, struct host_brand *b);

/* page_contacts.c (PLAT-6, issue 13): contact addresses, several per kind. text[k] is the
 * field as typed or stored (one a line), list[k] its checked addresses after
 * contacts_from_form (which returns 1 when a field has a message, err[k], naming bad[k]). */
#define CONTACT_KINDS 3
extern const char *const contact_kinds[CONTACT_KINDS];
struct contacts {
	const char *text[CONTACT_KINDS];
	const char *list[CONTACT_KINDS][10];
	int n[CONTACT_KINDS];
	const char *err[CONTACT_KINDS], *bad[CONTACT_KINDS];
};
int	 contacts_load(struct req *r, long op, struct contacts *c);
int	 contacts_from_form(struct req *r, struct contacts *c);
void	 contacts_render(struct req *r, struct tmpl_dict *d, struct tmpl_dict *sum,
	    const struct contacts *c);
/* In the caller's transaction: c replaces the stored contacts (old as loaded), audited. */
int	 contacts_save(struct req *r, long op, struct contacts *old, const struct contacts *c);
int	 h_account_logo(struct req *r);
int	 h_account_logo_delete(struct req *r);
int	 h_brand_logo(struct req *r);
/* the Account heading and tabs at {{>TABS}} of d, current = "team", "services"... */
void	 account_tabs(struct req *r, struct tmpl_dict *d, const char *current);

/* page_audit.c (PLAT-8) */
int	 h_audit(struct req *r);
int	 h_portal_audit(struct req *r);
int	 h_occ_audit(struct req *r);
int	 h_occ_user_audit(struct req *r);

/* page_devices.c: shared Wi-Fi devices (WIFI-5), occupier admins' and the account's */
int	 h_devices(struct req *r);
int	 h_device_new(struct req *r);
int	 h_device_delete_form(struct req *r);
int	 h_device_delete(struct req *r);
int	 h_account_devices(struct req *r);
int	 h_account_device_new(struct req *r);
int	 h_account_device_delete_form(struct req *r);
int	 h_account_device_delete(struct req *r);
int	 h_device_edit_form(struct req *r);
int	 h_device_edit(struct req *r);

/* page_users.c: the platform's Users tab */

/* page_radius.c: Wi-Fi sessions from FreeRADIUS accounting (issue 14) */
int	 h_user_device_disconnect(struct req *r);
/* The "Connected devices" panel at {{>DEVICES}} of d: the user's open sessions; with a
 * "Disconnect" button posting to action when action is not NULL. <0 on failure. */
int	 radius_devices_show(struct req *r, struct tmpl_dict *d, long user_id, long operator_id,
	    long occupier_id, const char *action);

/* page_search.c: the operator's search across all its users */
int	 h_search(struct req *r);

#endif
