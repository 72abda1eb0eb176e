/* placeholder */
#include "app.h"
#include "pages.h"
int
h_occupiers(struct req *r)
{
	return 404;
}

int
h_occ_users_list(struct req *r)
{
	return 404;
}

int
h_occ_user_new_form(struct req *r)
{
	return 404;
}

int
h_occ_user_new(struct req *r)
{
	return 404;
}

int
h_occ_user_view(struct req *r)
{
	return 404;
}

int
h_occ_user_edit_form(struct req *r)
{
	return 404;
}

int
h_occ_user_edit(struct req *r)
{
	return 404;
}

int
h_occ_user_delete_form(struct req *r)
{
	return 404;
}

int
h_occ_user_delete(struct req *r)
{
	return 404;
}

int
h_occ_user_resend(struct req *r)
{
	return 404;
}

int
h_occ_user_account(struct req *r)
{
	return 404;
}

int
h_occ_user_wifi_reset(struct req *r)
{
	return 404;
}

