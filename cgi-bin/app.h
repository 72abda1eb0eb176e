/*
 * What every page handler sees: the parsed request, the signed-in user, the database
 * connection of its worker thread, and the response it fills in. One struct req per request;
 * its arena is freed when the response has been written.
 */
#ifndef APP_H
#define APP_H

#include "http.h"
#include "util.h"

struct config;
struct db;
struct tmpl_dict;

enum method { M_GET = 1, M_HEAD = 2, M_POST = 4 };

/* Roles as bits, so that a route lists who may use it. */
enum role_bit {
	R_ANON = 1 << 0,         /* not signed in */
	R_OCC_USER = 1 << 1,     /* occupier user, role user */
	R_OCC_ADMIN = 1 << 2,    /* occupier user, role admin */
	R_OP_ADMIN = 1 << 3,     /* operator team member, role admin */
	R_OP_SUPER = 1 << 4,     /* operator team member, role super admin */
};
#define R_OCC (R_OCC_USER | R_OCC_ADMIN)
#define R_OP (R_OP_ADMIN | R_OP_SUPER)
#define R_SIGNED (R_OCC | R_OP)
#define R_ALL (R_ANON | R_SIGNED)

/* The signed-in user, loaded with the session. */
struct me {
	long id, operator_id, occupier_id;     /* occupier_id 0 for team members */
	int role;                              /* one R_ bit */
	const char *first_name, *last_name, *email, *lang;
	const char *operator_name, *brand_colour;
	int offers_experience;
	const char *occupier_name;             /* an occupier user's occupier */
	const char *occupier_version;          /* its data version (sql/005), NULL if unknown */
	unsigned char token_hash[32];
	char csrf[65];
};

struct req {
	struct arena *a;
	struct db *db;
	const struct config *cfg;
	enum method method;
	const char *path;
	const char *query_string;
	const char *ctype;
	const char *remote_addr;
	const char *accept_language;
	int https;
	struct kvlist query, form, cookies;
	struct upload upload;
	struct me *me;
	const char *lang;
	long id, id2;                          /* numbers matched by '#' in the route */

	/* response */
	int status;
	const char *resp_ctype;
	struct sbuf head;                      /* extra header lines, each ending CRLF */
	struct sbuf body;
	struct tmpl_dict *root;                /* layout dictionary while a page is built */
	const char *anon_csrf;                 /* CSRF token for forms shown to anonymous users */
	const char *referrer_policy;           /* NULL: same-origin (SEC-1) */

	/* mail.c: the operator's brand of the last email, kept across the request (an import
	 * queues thousands and empties its arena per row, hence copies) */
	long brand_op;
	char brand_name[104], brand_colour[8];
};

typedef int (*handler_fn)(struct req *r);

/* router.c */
int	 router_dispatch(struct req *r);

/* page.c: the layout, redirects and error pages */
struct tmpl_dict *page_start(struct req *r, const char *body_tpl, const char *title_key);
int	 page_finish(struct req *r);
int	 page_redirect(struct req *r, const char *local_path);
int	 page_error(struct req *r, int status);
int	 page_text(struct req *r, int status, const char *ctype, const char *text);
const char *T(const struct req *r, const char *key);
const char *form_get(const struct req *r, const char *key);
const char *query_get(const struct req *r, const char *key);
void	 header_add(struct req *r, const char *name, const char *value);
void	 page_badge(struct req *r, struct tmpl_dict *d, const char *prefix, const char *state);

#endif
