/* in progress */
#include "app.h"
#include "pages.h"
int
h_devices(struct req *r)
{
	return 404;
}

int
h_device_new(struct req *r)
{
	return 404;
}

int
h_device_delete_form(struct req *r)
{
	return 404;
}

int
h_device_delete(struct req *r)
{
	return 404;
}

int
h_account_devices(struct req *r)
{
	return 404;
}

int
h_account_device_new(struct req *r)
{
	return 404;
}

int
h_account_device_delete_form(struct req *r)
{
	return 404;
}

int
h_account_device_delete(struct req *r)
{
	return 404;
}

