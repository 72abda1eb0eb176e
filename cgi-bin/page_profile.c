/* placeholder */
#include "app.h"
#include "pages.h"
int
h_profile(struct req *r)
{
	return 404;
}

int
h_profile_edit_form(struct req *r)
{
	return 404;
}

int
h_profile_edit(struct req *r)
{
	return 404;
}

int
h_profile_wifi_form(struct req *r)
{
	return 404;
}

int
h_profile_wifi(struct req *r)
{
	return 404;
}

int
h_profile_pin_reset(struct req *r)
{
	return 404;
}

int
h_profile_handset_logout(struct req *r)
{
	return 404;
}

