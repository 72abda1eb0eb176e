/* Health check and the operator's brand stylesheet (PLAT-7). */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "pages.h"

/* 200 when the database answers, 503 when not. */
int
h_healthz(struct req *r)
{
	if (tx_ping(r) < 0)
		return page_text(r, 503, "text/plain; charset=utf-8", "database unavailable\n");
	return page_text(r, 200, "text/plain; charset=utf-8", "ok\n");
}

static int
hex_colour(const char *c)
{
	if (c == NULL || strlen(c) != 7 || c[0] != '#')
		return 0;
	for (int i = 1; i < 7; i++)
		if (!strchr("0123456789abcdefABCDEF", c[i]))
			return 0;
	return 1;
}

int
h_brand_css(struct req *r)
{
	const char *c = r->me && hex_colour(r->me->brand_colour) ? r->me->brand_colour :
	    "#1f5fbf";
	char *css = arena_printf(r->a, ":root{--brand:%s;}\n", c);

	if (css == NULL)
		return 500;
	page_text(r, 200, "text/css; charset=utf-8", css);
	header_add(r, "Cache-Control", "private, max-age=300");
	return 0;
}
