/*
 * The FastCGI side of a request (see request.h): its parameters, query, cookies and body
 * read into struct req by the pure parsers of http.c, and the response written back with
 * the headers every page carries.
 */
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <sys/uio.h>

#include <fastcgi.h>
#include <fcgiapp.h>

#include "app.h"
#include "pcache.h"
#include "request.h"

#define FORM_MAX (1024 * 1024)            /* SEC-2: forms */
#define UPLOAD_MAX (10 * 1024 * 1024)     /* SEC-2: CSV uploads */
#define API_BODY_MAX (64 * 1024)          /* issue 16: a JSON body of the API */

static const char *
status_text(int s)
{
	switch (s) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return s < 400 ? "OK" : "Internal Server Error";
	}
}

/* Reads the body within limit; returns the error of the parse step to apply, or OK. */
static enum http_err
read_body(FCGX_Request *fr, struct req *r, size_t limit, char **body, size_t *len)
{
	const char *cl = FCGX_GetParam("CONTENT_LENGTH", fr->envp);
	long n = 0;

	*body = NULL;
	*len = 0;
	if (cl == NULL || *cl == '\0')
		return HTTP_OK;
	if (str_to_long(cl, 0, 1L << 40, &n) < 0)
		return HTTP_ERR_MALFORMED;
	if ((size_t)n > limit)
		return HTTP_ERR_TOO_LONG;
	if ((*body = arena_alloc(r->a, (size_t)n + 1)) == NULL)
		return HTTP_ERR_NOMEM;
	*len = (size_t)FCGX_GetStr(*body, (int)n, fr->in);
	(*body)[*len] = '\0';
	if (*len != (size_t)n)
		return HTTP_ERR_MALFORMED;
	return HTTP_OK;
}

/* The request method; 0 for one that nothing here answers. */
static enum method
method_of(const char *m)
{
	static const struct { const char *name; enum method m; } names[] = {
		{ "GET", M_GET }, { "HEAD", M_HEAD }, { "POST", M_POST }, { "PATCH", M_PATCH },
		{ "DELETE", M_DELETE },
	};

	if (m == NULL)
		return M_GET;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(m, names[i].name) == 0)
			return names[i].m;
	return 0;
}

/* An API request (issue 16): neither cookies nor forms are read; the bearer token and the
 * raw JSON body (parsed by api.c) are kept. */
static enum http_err
api_parse(FCGX_Request *fr, struct req *r)
{
	enum http_err e;
	char *body;
	size_t len;

	r->authorization = FCGX_GetParam("HTTP_AUTHORIZATION", fr->envp);
	if (r->method != M_POST && r->method != M_PATCH && r->method != M_DELETE)
		return HTTP_OK;
	if ((e = read_body(fr, r, API_BODY_MAX, &body, &len)) != HTTP_OK)
		return e;
	r->raw_body = body ? body : "";
	r->raw_len = len;
	return HTTP_OK;
}

enum http_err
request_parse(FCGX_Request *fr, struct req *r)
{
	const char *m = FCGX_GetParam("REQUEST_METHOD", fr->envp);
	const char *uri = FCGX_GetParam("DOCUMENT_URI", fr->envp);
	const char *qs = FCGX_GetParam("QUERY_STRING", fr->envp);
	const char *cookie = FCGX_GetParam("HTTP_COOKIE", fr->envp);
	const char *https = FCGX_GetParam("HTTPS", fr->envp);
	enum http_err e;
	char *body;
	size_t len;

	r->method = method_of(m);
	if (uri == NULL) {
		const char *ru = FCGX_GetParam("REQUEST_URI", fr->envp);
		const char *q = ru ? strchr(ru, '?') : NULL;

		uri = ru == NULL ? "/" : q ? arena_strndup(r->a, ru, (size_t)(q - ru)) : ru;
		if (uri == NULL)
			return HTTP_ERR_NOMEM;
	}
	if (strlen(uri) > 2048)
		return HTTP_ERR_TOO_LONG;
	if (!utf8_valid((const unsigned char *)uri, strlen(uri)))
		return HTTP_ERR_BAD_UTF8;
	r->path = uri;
	r->query_string = qs ? qs : "";
	r->ctype = FCGX_GetParam("CONTENT_TYPE", fr->envp);
	r->remote_addr = FCGX_GetParam("REMOTE_ADDR", fr->envp);
	r->accept_language = FCGX_GetParam("HTTP_ACCEPT_LANGUAGE", fr->envp);
	r->host = FCGX_GetParam("HTTP_HOST", fr->envp);
	r->https = https != NULL && strcasecmp(https, "on") == 0;
	if (strlen(r->query_string) > 8192)
		return HTTP_ERR_TOO_LONG;
	if ((e = http_parse_urlencoded(r->a, r->query_string, strlen(r->query_string),
	    &HTTP_FORM_LIMITS, &r->query)) != HTTP_OK)
		return e;
	if (api_path(uri))
		return api_parse(fr, r);
	if (cookie != NULL) {
		static const struct http_limits cl = { 50, 64, 4096 };

		if (strlen(cookie) > 8192)
			return HTTP_ERR_TOO_LONG;
		/* Cookies of other applications on the same host may be anything: a cookie
		 * header we cannot read is ignored (as if absent), never a reason to refuse. */
		if (http_parse_cookies(r->a, cookie, &cl, &r->cookies) != HTTP_OK)
			memset(&r->cookies, 0, sizeof(r->cookies));
	}
	if (r->method != M_POST)
		return HTTP_OK;
	if (r->ctype != NULL && strncasecmp(r->ctype, "multipart/form-data", 19) == 0) {
		if ((e = read_body(fr, r, UPLOAD_MAX + 64 * 1024, &body, &len)) != HTTP_OK)
			return e;
		return http_parse_multipart(r->a, r->ctype, body, len, &HTTP_FORM_LIMITS,
		    &r->form, &r->upload, UPLOAD_MAX);
	}
	if ((e = read_body(fr, r, FORM_MAX, &body, &len)) != HTTP_OK)
		return e;
	return http_parse_urlencoded(r->a, body ? body : "", len, &HTTP_FORM_LIMITS, &r->form);
}

/*
 * Sends data on the request's FastCGI stdout in records of at most STDOUT_CHUNK bytes with one
 * writev(): a 40 KB page then costs one system call and one wake-up of nginx, where libfcgi's
 * 8 KB stream buffer costs six of each. libfcgi's own buffer is flushed first (so the order
 * holds). The same writev ends the stream and the request (an empty FCGI_STDOUT record, then
 * FCGI_END_REQUEST), which FCGX_Finish_r would write with a system call, and a wake-up of
 * nginx, of its own: stderr (never written here) is closed first, as libfcgi closes it, and
 * stdout is marked closed once sent, so FCGX_Finish_r writes nothing more. The records are
 * those of the FastCGI specification (fastcgi.h); ipcFd is the request's connection. Returns
 * 0, 1 when the data is too big for one writev (nothing was sent: the caller uses
 * FCGX_PutStr), or -1 when the connection failed.
 */
#define STDOUT_CHUNK 65528                 /* a multiple of 8: no padding but in the last */
#define STDOUT_IOV 64

static int
stdout_writev(FCGX_Request *fr, const char *hdr, size_t hlen, const char *body, size_t blen)
{
	struct iovec iov[STDOUT_IOV];
	unsigned char rec[STDOUT_IOV / 2][8];
	static const char pad[8];
	const char *part[2] = { hdr, body };
	size_t plen[2] = { hlen, blen }, total = 0;
	/* stdout's end (a record without content), then the request's: status 0, complete */
	unsigned char end[24] = {
		FCGI_VERSION_1, FCGI_STDOUT, 0, 0, 0, 0, 0, 0,
		FCGI_VERSION_1, FCGI_END_REQUEST, 0, 0, 0, sizeof(FCGI_EndRequestBody), 0, 0,
		0, 0, 0, 0, FCGI_REQUEST_COMPLETE, 0, 0, 0
	};
	int n = 0, r = 0;

	if (FCGX_FFlush(fr->out) != 0 || fr->ipcFd < 0)
		return -1;
	for (int k = 0; k < 2; k++)
		for (size_t at = 0; at < plen[k]; at += STDOUT_CHUNK) {
			size_t len = plen[k] - at < STDOUT_CHUNK ? plen[k] - at : STDOUT_CHUNK;
			unsigned char p = (unsigned char)((8 - len % 8) % 8);

			if (n + 3 > STDOUT_IOV)
				return 1;
			rec[r][0] = FCGI_VERSION_1;
			rec[r][1] = FCGI_STDOUT;
			rec[r][2] = (unsigned char)(fr->requestId >> 8);
			rec[r][3] = (unsigned char)fr->requestId;
			rec[r][4] = (unsigned char)(len >> 8);
			rec[r][5] = (unsigned char)len;
			rec[r][6] = p;
			rec[r][7] = 0;
			iov[n].iov_base = rec[r++];
			iov[n++].iov_len = 8;
			iov[n].iov_base = (void *)(part[k] + at);
			iov[n++].iov_len = len;
			if (p) {
				iov[n].iov_base = (void *)pad;
				iov[n++].iov_len = p;
			}
			total += 8 + len + p;
		}
	if (n + 1 > STDOUT_IOV)
		return 1;
	end[2] = end[10] = (unsigned char)(fr->requestId >> 8);
	end[3] = end[11] = (unsigned char)fr->requestId;
	iov[n].iov_base = end;
	iov[n++].iov_len = sizeof(end);
	total += sizeof(end);
	if (FCGX_FClose(fr->err) != 0)
		return -1;
	for (int i = 0; i < n;) {
		ssize_t w = writev(fr->ipcFd, iov + i, n - i);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		total -= (size_t)w;
		while (i < n && (size_t)w >= iov[i].iov_len)
			w -= (ssize_t)iov[i++].iov_len;
		if (i < n) {
			iov[i].iov_base = (char *)iov[i].iov_base + w;
			iov[i].iov_len -= (size_t)w;
		}
	}
	if (total != 0)
		return -1;
	fr->out->isClosed = fr->out->wasFCloseCalled = 1;   /* what FCGX_FClose() checks */
	return 0;
}

/* The status line, the headers every page carries, then the body. */
void
request_respond(FCGX_Request *fr, struct req *r, struct sbuf *hdr)
{
	const char *data = r->body.data;
	size_t len = r->body.len;
	int body;

	if (r->cached != NULL)
		data = pcache_data(r->cached, &len);
	body = r->method != M_HEAD && len;

	sbuf_reset(hdr);
	sbuf_printf(hdr, "Status: %d %s\r\n", r->status, status_text(r->status));
	sbuf_printf(hdr, "Content-Type: %s\r\n",
	    r->resp_ctype ? r->resp_ctype : "text/html; charset=utf-8");
	sbuf_adds(hdr, "Content-Security-Policy: default-src 'self'; object-src 'none'; "
	    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n");
	sbuf_printf(hdr, "Referrer-Policy: %s\r\n",
	    r->referrer_policy ? r->referrer_policy : "same-origin");
	if (r->https)
		sbuf_adds(hdr, "Strict-Transport-Security: max-age=31536000; includeSubDomains\r\n");
	if (r->me != NULL || r->method == M_POST)
		sbuf_adds(hdr, "Cache-Control: no-store\r\n");
	sbuf_printf(hdr, "Content-Length: %zu\r\n", len);
	if (r->head.len)
		sbuf_add(hdr, r->head.data, r->head.len);
	sbuf_adds(hdr, "\r\n");
	if (hdr->oom || stdout_writev(fr, hdr->data, hdr->len, body ? data : NULL,
	    body ? len : 0) != 1)
		return;         /* sent, or the connection is gone */
	/* too big for one writev (an export): libfcgi's way */
	FCGX_PutStr(hdr->data, (int)hdr->len, fr->out);
	if (body)
		FCGX_PutStr(data, (int)len, fr->out);
}
