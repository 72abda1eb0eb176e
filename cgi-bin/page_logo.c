/*
 * White label (PLAT-7, issue 13): the operator's logo. "Upload logo" on the Account's
 * settings takes a PNG, a JPEG or an SVG of at most 512 KB, its type read from the bytes
 * (never the name or the browser's word); an SVG with scripts, event handlers, external
 * references or entity declarations is refused. The logo is stored in the database
 * (sql/019), so every app host serves it, at /brand/logo/ID?v=N (public: emails show it),
 * an SVG with a CSP that forbids everything but its own inline styles. The layout shows it
 * through /brand.css, the emails through their header.
 */
#include <string.h>
#include <strings.h>

#include "app.h"
#include "audit.h"
#include "db_logo.h"
#include "pages.h"
#include "secret.h"
#include "util.h"

#define LOGO_MAX (512 * 1024)

/* Case-insensitive search of needle in the n bytes of hay. */
static int
contains(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++)
		if (strncasecmp(hay + i, needle, k) == 0)
			return 1;
	return 0;
}

/* Whether the SVG text has anything that could run or fetch: refused, not cleaned. */
static int
svg_unsafe(const char *p, size_t n)
{
	static const char *const bad[] = {
		"<script", "javascript:", "<foreignobject", "<!entity", "<!doctype", "<iframe",
		"<embed", "<object", "<use", "href=\"http", "href='http", "href=\"//", "href='//",
		"url(http", "url(//", "@import", "<animate", "<set", "data:text", NULL,
	};

	if (memchr(p, '\0', n) != NULL || utf8_valid((const unsigned char *)p, n) == 0)
		return 1;
	for (size_t i = 0; bad[i] != NULL; i++)
		if (contains(p, n, bad[i]))
			return 1;
	for (size_t i = 0; i + 3 < n; i++)     /* an event handler: whitespace, "on", letters, = */
		if ((p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r' || p[i] == '/') &&
		    strncasecmp(p + i + 1, "on", 2) == 0) {
			size_t j = i + 3;

			while (j < n && ((p[j] >= 'a' && p[j] <= 'z') || (p[j] >= 'A' && p[j] <= 'Z')))
				j++;
			while (j < n && (p[j] == ' ' || p[j] == '\t'))
				j++;
			if (j > i + 3 && j < n && p[j] == '=')
				return 1;
		}
	return 0;
}

/*
 * The type of the n bytes of p, read from them: "image/png", "image/jpeg", "image/svg+xml";
 * NULL with *err the message's key when refused.
 */
static const char *
logo_type(const char *p, size_t n, const char **err)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i = 0;

	*err = NULL;
	if (n == 0) {
		*err = "logo_err_missing";
		return NULL;
	}
	if (n > LOGO_MAX) {
		*err = "logo_err_size";
		return NULL;
	}
	if (n >= 8 && memcmp(u, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && u[0] == 0xff && u[1] == 0xd8 && u[2] == 0xff)
		return "image/jpeg";
	if (n >= 3 && memcmp(u, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i < n && p[i] == '<' && contains(p, n < 4096 ? n : 4096, "<svg")) {
		if (svg_unsafe(p, n)) {
			*err = "logo_err_svg";
			return NULL;
		}
		return "image/svg+xml";
	}
	*err = "logo_err_type";
	return NULL;
}

/* PLAT-7: POST /platform/account/logo (multipart, the file in "logo"). */
int
h_account_logo(struct req *r)
{
	const char *err = NULL, *mime = NULL;

	if (r->upload.data == NULL || !str_eq(r->upload.field, "logo"))
		err = "logo_err_missing";
	else
		mime = logo_type(r->upload.data, r->upload.len, &err);
	if (err != NULL)
		return account_settings_error(r, "logo", err);
	if (tx_begin(r) < 0)
		return 500;
	if (db_logo_put(r, r->me->operator_id, mime, r->upload.data, r->upload.len) < 0 ||
	    audit_add(r, 0, 0, r->me->operator_name, "operator.update", "logo", "",
	    arena_printf(r->a, "%s, %zu bytes", mime, r->upload.len)) < 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	return page_redirect(r, "/platform/account/settings?n=changes_saved");
}

/* PLAT-7: POST /platform/account/logo/delete. */
int
h_account_logo_delete(struct req *r)
{
	int rc;

	if (tx_begin(r) < 0)
		return 500;
	if ((rc = db_logo_del(r, r->me->operator_id)) < 0 || (rc > 0 && audit_add(r, 0, 0,
	    r->me->operator_name, "operator.update", "logo", "logo", "") < 0) ||
	    tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	return page_redirect(r, "/platform/account/settings?n=changes_saved");
}

/* GET /brand/logo/ID: operator ID's logo, for pages and emails alike. */
int
h_brand_logo(struct req *r)
{
	const char *mime, *b64;
	unsigned char *bin;
	size_t n, len = 0;
	int rc;

	if ((rc = db_logo_get(r, r->id, &mime, &b64)) <= 0)
		return rc < 0 ? 500 : 404;
	n = strlen(b64);
	if ((bin = arena_alloc(r->a, n + 1)) == NULL ||
	    sodium_base642bin(bin, n, b64, n, "\r\n", &len, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0)
		return 500;
	sbuf_reset(&r->body);
	sbuf_add(&r->body, bin, len);
	r->status = 200;
	r->resp_ctype = mime;
	header_add(r, "Cache-Control", "public, max-age=86400");
	if (str_eq(mime, "image/svg+xml"))
		header_add(r, "Content-Security-Policy",
		    "default-src 'none'; style-src 'unsafe-inline'; sandbox");
	return r->body.oom ? 500 : 0;
}
