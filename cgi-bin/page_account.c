/* in progress */
#include "app.h"
#include "pages.h"
int
h_account(struct req *r)
{
	return 404;
}

int
h_account_member_form(struct req *r)
{
	return 404;
}

int
h_account_member_new(struct req *r)
{
	return 404;
}

int
h_account_member_delete_form(struct req *r)
{
	return 404;
}

int
h_account_member_delete(struct req *r)
{
	return 404;
}

int
h_account_services(struct req *r)
{
	return 404;
}

int
h_account_services_save(struct req *r)
{
	return 404;
}

int
h_account_telephony(struct req *r)
{
	return 404;
}

int
h_account_settings(struct req *r)
{
	return 404;
}

int
h_account_settings_save(struct req *r)
{
	return 404;
}

