/* in progress */
#include "app.h"
#include "pages.h"
int
h_tel_list(struct req *r)
{
	return 404;
}

int
h_tel_number(struct req *r)
{
	return 404;
}

int
h_tel_allocate(struct req *r)
{
	return 404;
}

int
h_tel_assign(struct req *r)
{
	return 404;
}

int
h_tel_features(struct req *r)
{
	return 404;
}

