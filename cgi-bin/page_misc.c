/* Health check and the operator's brand stylesheet (PLAT-7). */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "db_logo.h"
#include "db_operator.h"
#include "pages.h"

/*
 * Issue 13: the brand of an unauthenticated page, from the request's host name: the operator
 * whose portal address (base_url, unique: sql/022) is http(s)://HOST. The Host header is
 * anyone's to send, so it is only compared, never echoed or used in a link: at most 200
 * characters of a host name and port, else the default brand. 1 branded, 0 the default.
 */
int
brand_of_host(struct req *r, struct host_brand *b)
{
	char host[201];
	size_t n = r->host ? strlen(r->host) : 0;

	memset(b, 0, sizeof(*b));
	if (n == 0 || n > 200)
		return 0;
	for (size_t i = 0; i <= n; i++) {
		char c = r->host[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != '\0' && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
		    c == '-' || c == ':' || c == '[' || c == ']'))
			return 0;
		host[i] = c;
	}
	return db_operator_by_host(r, host, b) > 0 ? 1 : 0;
}

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
	struct host_brand hb;
	int anon = r->me == NULL && brand_of_host(r, &hb) > 0;   /* issue 13 */
	const char *c = r->me ? r->me->brand_colour : anon ? hb.colour : NULL;
	char *css;
	long v = anon ? hb.logo_version : 0, op = r->me ? r->me->operator_id : anon ? hb.id : 0;
	int rc = r->me ? db_logo_version(r, op, &v) : v > 0;

	css = arena_printf(r->a, ":root{--brand:%s;}\n", hex_colour(c) ? c : "#1f5fbf");

	if (rc < 0)
		return 500;
	if (rc > 0)         /* PLAT-7: the logo beside the operator's name in the top bar */
		css = arena_printf(r->a, "%s.operator-logo{display:inline-block;width:7.5rem;"
		    "height:2rem;margin-right:.5rem;vertical-align:middle;background:"
		    "url(/brand/logo/%ld?v=%ld) no-repeat left center/contain;}\n", css, op, v);
	if (css == NULL)
		return 500;
	page_text(r, 200, "text/css; charset=utf-8", css);
	header_add(r, "Cache-Control", "private, max-age=300");
	return 0;
}
