/*
 * Every page handler of the program, by page group. The route table in router.c maps
 * method and path to these, with the roles allowed.
 */
#ifndef PAGES_H
#define PAGES_H

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

/* page_profile.c */
int	 h_profile(struct req *r);
int	 h_profile_edit_form(struct req *r);
int	 h_profile_edit(struct req *r);
int	 h_profile_wifi_form(struct req *r);
int	 h_profile_wifi(struct req *r);
int	 h_profile_pin_reset(struct req *r);
int	 h_profile_handset_logout(struct req *r);

/* page_platform.c */
int	 h_occupiers(struct req *r);
int	 h_occ_users_list(struct req *r);
int	 h_occ_user_new_form(struct req *r);
int	 h_occ_user_new(struct req *r);
int	 h_occ_user_view(struct req *r);
int	 h_occ_user_edit_form(struct req *r);
int	 h_occ_user_edit(struct req *r);
int	 h_occ_user_delete_form(struct req *r);
int	 h_occ_user_delete(struct req *r);
int	 h_occ_user_resend(struct req *r);
int	 h_occ_user_account(struct req *r);
int	 h_occ_user_wifi_reset(struct req *r);

/* page_auth.c: a fresh single-use link of kind "invite" or "reset", emailed (AUTH-6/8). */
int	 link_issue(struct req *r, long user, long operator_id, const char *to,
	    const char *lang, const char *first_name, const char *kind, const char *mail_name);

#endif
