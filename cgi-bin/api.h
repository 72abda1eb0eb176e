/*
 * The JSON API of the mobile app (issue 16 item 1), under /api/v1/: what its handlers share.
 * A handler reads its input through api_input() (the JSON body checked against the
 * operation's members and handed to the same model code as the pages, as the form fields
 * of the same names), writes its answer with the jw_* writer of json.h into r->body, and
 * returns 0, or the HTTP status of a refusal that api.c answers with the catalogue's words.
 */
#ifndef API_H
#define API_H

#include "app.h"
#include "json.h"
#include "users.h"

/* What a request of the API carries besides struct req. */
struct api {
	struct json *body;      /* the parsed body, NULL when it had none */
	long token_id;          /* the bearer token's id */
	struct scope scope;     /* AF_SCOPE routes: the admin's occupier */
	struct urow target;     /* AF_USER routes: the path's user */
	struct jw w;            /* the answer being written into r->body */
};

/* A member of an operation's input: its name (the form field's name) and JSON type. J_NUM
 * takes integers only. */
struct api_field {
	const char *name;
	enum json_type type;
};

/* The messages of a refused input, by member name. */
#define API_ERRS_MAX 40
struct api_errs {
	const char *field[API_ERRS_MAX];
	const char *key[API_ERRS_MAX];      /* catalogue keys */
	int n;
};

/*
 * Checks the body against fields (an object; no other members; each of its type; null
 * counts as absent) and adds its values to r->form as the pages' forms send them: strings
 * as they are, true "1", false "0", integers in decimal. Returns 1, or 0 when it has
 * answered 400 with the members at fault.
 */
int	 api_input(struct req *r, struct api *a, const struct api_field *fields, size_t n);
/* Adds name = value to r->form unless the body sent name (partial edits keep the rest). */
void	 api_keep(struct req *r, const char *name, const char *value);
/* Records a message for field (a catalogue key; NULL is nothing). */
void	 api_err(struct api_errs *e, const char *field, const char *key);
/* Answers status with e's messages (the error of code "invalid"); returns 0. */
int	 api_refuse(struct req *r, int status, const struct api_errs *e);
/* Answers status and code with one member's message (catalogue key key): 400 "invalid" says
 * the generic message as api_refuse() does, any other refusal (the second step of sign-in:
 * 401 "twofa_wrong") says key's text itself; returns 0. */
int	 api_refuse_one(struct req *r, int status, const char *code, const char *field,
	    const char *key);
/* Answers {"name": true}: what was asked is done; returns 0 (500 out of memory). */
int	 api_flag(struct req *r, struct api *a, const char *name);
/* The error object {"error": {"status", "code", "message", "fields": [...]}} with message
 * the text itself and the members of e (NULL none); returns 0. */
int	 api_error(struct req *r, int status, const char *code, const char *message,
	    const struct api_errs *e);
/* Answers status with one message (catalogue key) and code; returns 0. */
int	 api_fail(struct req *r, int status, const char *code, const char *key);
/* Starts the answer's top object; api_done() closes it (status 200 unless set). */
void	 api_begin(struct req *r, struct api *a);
int	 api_done(struct req *r, struct api *a);
/* Writes a string member whose value may be empty as null (NULL or ""). */
void	 api_str_or_null(struct jw *w, const char *key, const char *v);

/* api_profile.c */
/* Sign-in, sign-out and the user's tokens (api_signin.c). */
int	 api_signin(struct req *r, struct api *a);
int	 api_signout(struct req *r, struct api *a);
int	 api_tokens(struct req *r, struct api *a);
int	 api_token_delete(struct req *r, struct api *a);
int	 api_profile_get(struct req *r, struct api *a);
int	 api_profile_edit(struct req *r, struct api *a);
int	 api_profile_wifi(struct req *r, struct api *a);
int	 api_profile_tel(struct req *r, struct api *a);
int	 api_profile_pin_reset(struct req *r, struct api *a);
int	 api_profile_handset_logout(struct req *r, struct api *a);

/* api_users.c */
int	 api_users_list(struct req *r, struct api *a);
int	 api_user_add(struct req *r, struct api *a);
int	 api_user_get(struct req *r, struct api *a);
int	 api_user_edit(struct req *r, struct api *a);
int	 api_user_delete(struct req *r, struct api *a);
int	 api_user_resend(struct req *r, struct api *a);
int	 api_user_account(struct req *r, struct api *a);
int	 api_user_wifi_reset(struct req *r, struct api *a);
/* A user (as User management shows it) as a member key of a's answer. */
void	 api_user_write(struct req *r, struct jw *w, const char *key, const struct urow *u);

#endif
