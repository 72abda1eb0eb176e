/*
 * The occupier-user model shared by User management (portal), the platform's Users tab,
 * "Add multiple users" (CSV) and the bulk actions: validation of the fields of UM-4, and
 * the writes that create, invite and delete users. Every function that writes runs inside
 * the caller's transaction and writes the audit log and the outbox in it.
 */
#ifndef USERFORM_H
#define USERFORM_H

struct req;

/* The fields of a user, as typed (strings) or chosen. */
struct user_input {
	const char *first_name, *last_name, *email, *job_title, *mobile_phone, *direct_line;
	const char *language;          /* "en", "fr", "de", "es" */
	const char *role;              /* "user" or "admin" */
	int wifi;                      /* create a Wi-Fi account */
	const char *device_limit;      /* as typed; checked against the operator's bounds */
	const char *homesite;          /* site id as typed; must be a site of the occupier */
	int invite_portal, invite_app;
	long self_id;                  /* editing: the user itself, whose email is no clash */
	int email_looked_up;           /* the caller checks the address is free (the import) */
};

enum uf_field {
	UF_FIRST_NAME, UF_LAST_NAME, UF_EMAIL, UF_JOB_TITLE, UF_MOBILE, UF_DIRECT,
	UF_LANGUAGE, UF_ROLE, UF_DEVICE_LIMIT, UF_HOMESITE, UF_VERSION, UF__MAX
};

/* Catalogue keys of the message for each field (NULL = fine); n counts them. */
struct user_errors {
	const char *msg[UF__MAX];
	int n;
};

/* Form field names, in enum uf_field order ("first_name", ...). */
extern const char *const uf_names[UF__MAX];

/* How a field's text is checked (user_field_check). */
enum uf_kind { UFK_NONE, UFK_TEXT, UFK_EMAIL, UFK_PHONE, UFK_LANGUAGE };

/*
 * The user fields, one table in the manner of kcgi's keys[]: the portal's add and edit
 * form, My profile, the team member form and the CSV import read, check and render them
 * from it. name is the form name, input id, CSV column and audit field (uf_names[]).
 */
struct user_field {
	size_t off;                 /* where the value is in struct user_input */
	enum uf_kind kind;
	unsigned max;               /* most characters: the check and the inputs' maxlength */
	int required;
	const char *label;          /* catalogue key of its label on the forms */
	const char *doc;            /* catalogue key of its CSV column's description */
};
extern const struct user_field user_fields[UF__MAX];

/* The value of field f of in (NULL for the fields not held as text). */
const char *user_field_value(const struct user_input *in, enum uf_field f);
/* Checks value v of field f by the table: NULL when fine, else a catalogue key. */
const char *user_field_check(enum uf_field f, const char *v);

/*
 * Checks every field of in for a new user of occupier_id (of operator_id): names, email
 * shape, lengths, phones, language, role, and when in->wifi the device limit within the
 * operator's bounds and a homesite where the occupier has space. Email uniqueness is
 * checked by user_insert(). Returns the number of errors (0 = valid), <0 on database failure.
 */
int	 user_validate(struct req *r, long operator_id, long occupier_id,
	    const struct user_input *in, struct user_errors *err);

/*
 * Inserts a validated user with its Wi-Fi account and invitations, the emails they cause
 * and the audit entries, in the caller's transaction. Returns the new id, 0 when the email
 * is already used within the operator (err->msg[UF_EMAIL] set), <0 on failure.
 */
long	 user_insert(struct req *r, long operator_id, long occupier_id,
	    const struct user_input *in, struct user_errors *err);
/* What user_insert() does after the users row and its audit entry (a batch of "Add multiple
 * users" writes those for many users at once): user id's Wi-Fi account and invitations as in
 * asks, with their emails and audit entries. 0, or <0 on failure. */
int	 user_added(struct req *r, long operator_id, long occupier_id,
	    const struct user_input *in, long id);

/*
 * Deletes a user of occupier_id (UM-7): sessions, Wi-Fi account, tokens go with it and
 * its phone number is freed. Admins only when allow_admin. Returns 1 deleted, 0 not
 * found or not allowed (an admin), <0 on failure.
 */
int	 user_delete(struct req *r, long operator_id, long occupier_id, long user_id,
	    int allow_admin);

/*
 * Invites a user to the portal and/or the app (AUTH-6): the first invitation emails a
 * single-use link and sets AWAITING VALIDATION; a later one to the other app only sends a
 * notice. Returns 1 when something was sent, 0 when nothing was to do, <0 on failure.
 */
int	 user_invite(struct req *r, long operator_id, long occupier_id, long user_id,
	    int portal, int app);

/* Wi-Fi accounts (WIFI-1..3). Each returns 1 done, 0 not applicable (e.g. no account or
 * not ACTIVE), <0 on failure; creating, reactivating, resetting and changing the homesite
 * email a new password. */
int	 wifi_create(struct req *r, long operator_id, long occupier_id, long user_id,
	    long homesite_id, long device_limit);
int	 wifi_deactivate(struct req *r, long operator_id, long occupier_id, long user_id);
int	 wifi_reactivate(struct req *r, long operator_id, long occupier_id, long user_id);
int	 wifi_reset_password(struct req *r, long operator_id, long occupier_id, long user_id);
int	 wifi_set_homesite(struct req *r, long operator_id, long occupier_id, long user_id,
	    long homesite_id);

#endif
