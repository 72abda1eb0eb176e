/*
 * What every page handler sees: the parsed request, the signed-in user, the database
 * connection of its worker thread, and the response it fills in. One struct req per request;
 * its arena is freed when the response has been written.
 */
#ifndef APP_H
#define APP_H

#include "http.h"
#include "pcache.h"
#include "util.h"

struct config;
struct db;
struct tmpl_dict;
struct urow;

/* PATCH and DELETE only reach the API (/api/v1/); the pages answer them 405. */
enum method { M_GET = 1, M_HEAD = 2, M_POST = 4, M_PATCH = 8, M_DELETE = 16 };

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

/*
 * The tenancy of a request on an occupier's data (routes with RF_SCOPE), resolved by the
 * router once, from the signed-in user (an occupier user's own occupier) or the path's first
 * id (an operator's occupier, checked in SQL to be one of the operator's), never from a form.
 */
struct scope {
	long operator_id, occupier_id;
	const char *occupier_name;
	const char *base;         /* "/users" or "/platform/occupiers/ID/users" */
	int platform;             /* operator powers */
	int experience;           /* the operator offers portal/app accounts (PLAT-7) */
	int team;                 /* the operator's own team (occupier_id 0, PLAT-6) */
	long user_id;             /* the user of a details page (RF_USER) */
	const char *version;      /* the occupier's data version (sql/005); NULL: unknown */
};

/* The signed-in user, loaded with the session. */
struct me {
	long id, operator_id, occupier_id;     /* occupier_id 0 for team members */
	int role;                              /* one R_ bit */
	const char *first_name, *last_name, *email, *lang;
	const char *operator_name, *brand_colour;
	int offers_experience;
	const char *occupier_name;             /* an occupier user's occupier */
	const char *occupier_version;          /* its data version (sql/005), NULL if unknown */
	const char *user_version;              /* the user's own (sql/026; sessions), NULL if unknown */
	unsigned char token_hash[32];
	char csrf[65];
};

struct pcache_page;

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
	const char *host;                      /* the Host header as sent (issue 13: brand) */
	int https;
	struct kvlist query, form, cookies;
	struct upload upload;
	const char *raw_body;                  /* API requests: the body as sent (raw_len bytes) */
	size_t raw_len;
	const char *authorization;             /* API requests: the Authorization header */
	struct me *me;
	const char *lang;
	long id, id2;                          /* numbers matched by '#' in the route */
	const struct scope *scope;             /* RF_SCOPE routes: the occupier's tenancy */
	const struct urow *target;             /* RF_USER routes: the user of the path */

	/* response */
	int status;
	const char *resp_ctype;
	struct sbuf head;                      /* extra header lines, each ending CRLF */
	struct sbuf body;
	const struct pcache_page *cached;      /* the body instead, straight from pcache.c */
	struct tmpl_dict *root;                /* layout dictionary while a page is built */
	const char *anon_csrf;                 /* CSRF token for forms shown to anonymous users */
	const char *referrer_policy;           /* NULL: same-origin (SEC-1) */

	/* mail.c: the operator's brand of the last email, kept across the request (an import
	 * queues thousands and empties its arena per row, hence copies) */
	long brand_op;
	char brand_name[104], brand_colour[8];
	long brand_logo;                       /* its logo's version, 0 without (PLAT-7) */
	char brand_base[260];                  /* its portal address for emailed links */
};

typedef int (*handler_fn)(struct req *r);

/* api.c: the JSON API (issue 16): api_path() tells whether a path is the API's; api_serve()
 * answers an API request, whose parse ended with e, with JSON (never reads a cookie). */
int	 api_path(const char *path);
void	 api_serve(struct req *r, enum http_err e);

/* router.c: finds the route, checks the role, CSRF, resolves what the route's flags ask for
 * (r->scope, r->target) and runs the handler; router_wants_session() tells whether the
 * path's route reads the session (all but RF_NOSESSION ones); router_nav() gives the i-th
 * navigation entry (its href, catalogue key and roles), 0 past the last. */
int	 router_dispatch(struct req *r);
/* 1 when path matches pattern ('#': one segment that is a positive id, up to two of them
 * stored in r->id, r->id2), else 0. */
int	 route_match(const char *pattern, const char *path, struct req *r);
int	 router_wants_session(struct req *r);
int	 router_nav(size_t i, const char **href, const char **key, int *roles);

/* scope.c: the tenancy of the request and the user of the path (see struct scope); each
 * returns 0, 404 when not the signed-in user's to see, or 500. */
int	 scope_get(struct req *r, struct scope *s);
/* The operator's team as a scope (occupier 0, /platform/account/members): its members are
 * shown and changed by the User management pages and the occupier-user model. */
void	 scope_team(struct req *r, struct scope *s);
int	 target_get(struct req *r, const struct scope *s, struct urow *u);

/* page.c: the layout, redirects and error pages */
struct tmpl_dict *page_start(struct req *r, const char *body_tpl, const char *title_key);
int	 page_finish(struct req *r);
/* The page of this request kept in pcache.c under inputs (what it is made of besides the
 * request itself; NULL: a page not kept): 1, the response set to it; else 0, with key set for
 * page_finish_kept() when inputs is not NULL. */
int	 page_cached(struct req *r, const char *inputs, unsigned char key[PCACHE_KEY]);
/* page_finish(), then, when key is not NULL and the page a 200, the page kept under key for
 * max_age seconds (0: until replaced; <0: not kept). */
int	 page_finish_kept(struct req *r, const unsigned char *key, long max_age);
int	 page_redirect(struct req *r, const char *local_path);
int	 page_error(struct req *r, int status);
int	 page_text(struct req *r, int status, const char *ctype, const char *text);
const char *T(const struct req *r, const char *key);
const char *form_get(const struct req *r, const char *key);
const char *query_get(const struct req *r, const char *key);
/* A form value, trimmed, in the arena: form_trim() NULL when the form did not send it,
 * form_text() "" then. */
char	*form_trim(struct req *r, const char *name);
char	*form_text(struct req *r, const char *name);
/* The one field renderer: NAME_VALUE (name in capitals) and, with a message, the NAME_ERROR
 * section and an ERROR item of summary (when not NULL) that links to the field's id (name). */
void	 form_field(struct req *r, struct tmpl_dict *d, struct tmpl_dict *summary,
	    const char *name, const char *value, const char *err_key);
void	 header_add(struct req *r, const char *name, const char *value);
void	 page_badge(struct req *r, struct tmpl_dict *d, const char *prefix, const char *state);
/* page.c: the request's transaction, so that page files need not see the database: <0 on
 * failure; tx_rollback() keeps the error; tx_dup() tells that the last failure was a unique
 * key refusing a row. */
int	 tx_begin(struct req *r);
int	 tx_commit(struct req *r);
void	 tx_rollback(struct req *r);
int	 tx_dup(const struct req *r);
/* The last statement failed (as opposed to changing nothing). */
int	 tx_failed(const struct req *r);
/* The database answers (GET /healthz); <0 when not. */
int	 tx_ping(struct req *r);

#endif
