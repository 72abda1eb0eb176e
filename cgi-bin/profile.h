/*
 * My profile's model (PROF-1..3) without pages, shared by the pages (page_profile*.c) and the
 * JSON API (api_profile.c): the signed-in user's editable details, their check and save, the
 * Wi-Fi "Set password", "Reset PIN" and "Handset logout". Every query is scoped by the
 * signed-in user's own id, operator and occupier.
 */
#ifndef PROFILE_H
#define PROFILE_H

#include <stddef.h>

#include "userform.h"

struct req;
struct tel;

/* The editable basic details (UM-4 without the email), in the order of the form. */
enum pf_field {
	PF_FIRST_NAME, PF_LAST_NAME, PF_JOB_TITLE, PF_MOBILE, PF_DIRECT, PF_LANGUAGE, PF__MAX
};

struct profile {
	const char *v[PF__MAX];         /* values, indexed by enum pf_field */
	const char *email;
	long version;
};

struct profile_errors {
	const char *msg[PF__MAX];       /* catalogue keys, NULL = fine */
	int n;
};

/* The user field of each (userform.h: its form name, which is also the input's id, the
 * API's member name and the audit field name, its check and its length), and its section
 * and label on the form. */
struct profile_field {
	enum uf_field uf;
	const char *section, *label;
};
extern const struct profile_field profile_fields[PF__MAX];

/* I18N-1: the languages a user may choose, with their names in the catalogue. */
struct profile_language {
	const char *code, *key;
};
extern const struct profile_language profile_languages[];
extern const size_t NPROFILE_LANGUAGES;

/* The values of a stored profile row (db_users.h). */
struct profile_row;
void	 profile_from(const struct profile_row *row, struct profile *p);
/* Loads the signed-in user's details: 1 found, 0 gone, <0 on failure. */
int	 profile_load(struct req *r, struct profile *p);
/* Reads the editable details from the form into np (a copy of old with the sent values) and
 * checks them; the Direct line is kept when a number replaces it. Returns the errors. */
int	 profile_parse(struct req *r, const struct profile *old, int has_tel, struct profile *np,
	    struct profile_errors *e);
/* Saves np over old and, when t is not NULL, the number's features nt over t, in one
 * transaction with their audit entries: 0, 409 (someone else saved first), or 500. */
int	 profile_update(struct req *r, const struct profile *old, const struct profile *np,
	    const struct tel *t, const struct tel *nt);
/* PROF-2: sets the Wi-Fi password of the user's ACTIVE account: 0, 404 (no ACTIVE
 * account), 400 (*err_key the message, *confirm_field set when it is the confirmation's),
 * or 500. */
int	 profile_wifi_set(struct req *r, const char *pw, const char *pw2, const char **err_key,
	    int *confirm_field);
/* PROF-3: "Reset PIN", "Handset logout" (only while a digital handset is logged in):
 * 0, 404 (nothing to do), or 500. */
int	 profile_pin_reset(struct req *r);
int	 profile_handset_logout(struct req *r);

#endif
