/*
 * The phone-number feature model (TEL-2..6), shared by My profile, User management and the
 * platform's telephony pages:
 *
 *   struct tel t;  struct tel_errors err;  struct tel nt;
 *   tel_load_user(r, user_id, operator_id, &t)       the number assigned to a user, or
 *   tel_load(r, number_id, operator_id, &t)          a number by id (both scoped by operator)
 *   tel_show(r, d, &t, "/profile")                   read-only panel at {{>TEL}} of d
 *   tel_show_form(r, d, &t, mask, &err)              the same panel as form fields
 *   tel_parse(r, &t, mask, &nt, &err)                the submitted form; 0 errors = valid
 *   db_begin; tel_save(r, &t, &nt); db_commit       PENDING + provisioning job + audit
 *
 * The mask says which features the page may change (TEL-4): TEL_PLATFORM_MASK for the
 * operator's pages, tel_portal_mask() for the portal. A feature outside the mask keeps its
 * stored value whatever the form says. Form fields are named "tel_..." (tel_names[]), so
 * they can share one <form> with a user's details.
 */
#ifndef TEL_H
#define TEL_H

struct req;
struct tmpl_dict;

/* Features as bits of an editable mask (TEL-3, TEL-4). */
enum tel_feature {
	TEL_F_FORWARDING = 1 << 0,      /* Always / Busy / No answer, each with its target */
	TEL_F_VOICEMAIL = 1 << 1,       /* voicemail, voicemail to email and its address */
	TEL_F_CALL_WAITING = 1 << 2,
	TEL_F_DND = 1 << 3,
	TEL_F_CLI = 1 << 4,             /* CLI on/off and the number displayed */
	TEL_F_HIDE_CALLER_ID = 1 << 5,
	TEL_F_AUTH_CODE = 1 << 6,
	TEL_F_MOH = 1 << 7,
	TEL_F_ACR = 1 << 8,
};

/* TEL-4: what the portal may set unless the operator widens it, and the platform's set. */
#define TEL_PORTAL_DEFAULT (TEL_F_FORWARDING | TEL_F_VOICEMAIL | TEL_F_CALL_WAITING | \
	TEL_F_DND | TEL_F_HIDE_CALLER_ID)
#define TEL_PLATFORM_MASK (TEL_PORTAL_DEFAULT | TEL_F_CLI | TEL_F_AUTH_CODE | TEL_F_MOH | \
	TEL_F_ACR)

/* One phone number with its features. Strings live in the request's arena. */
struct tel {
	long id, operator_id, site_id;
	long occupier_id;               /* 0: allocated to the operator's own account */
	long user_id;                   /* 0: not assigned */
	long version;                   /* optimistic locking of the features */
	int pending;                    /* status PENDING: changes being applied (TEL-6) */
	const char *number, *extension, *site_name;
	const char *default_pin;        /* shown on hover (TEL-2) */
	int custom_pin;                 /* a custom PIN is set (never shown) */
	const char *handset_type;       /* "none", "analogue", "digital" */
	int handset_logged_in;

	int fwd_always, fwd_busy, fwd_noanswer;
	const char *fwd_always_to, *fwd_busy_to, *fwd_noanswer_to;
	int voicemail, vm_to_email;
	const char *vm_email;
	int call_waiting, dnd;
	int cli;
	long cli_number_id;             /* 0: none chosen */
	const char *cli_number;         /* the chosen number's digits, for display */
	int hide_caller_id, auth_code, music_on_hold, anon_reject;
};

/* The form fields, in the order of the form; tel_names[] holds their names and ids. */
enum tel_field {
	TF_FWD_ALWAYS, TF_FWD_ALWAYS_TO, TF_FWD_BUSY, TF_FWD_BUSY_TO, TF_FWD_NOANSWER,
	TF_FWD_NOANSWER_TO, TF_VOICEMAIL, TF_VM_TO_EMAIL, TF_VM_EMAIL, TF_HIDE_CALLER_ID,
	TF_CALL_WAITING, TF_CLI, TF_CLI_NUMBER, TF_DND, TF_AUTH_CODE, TF_MOH, TF_ACR,
	TF_VERSION, TF__MAX
};

extern const char *const tel_names[TF__MAX];

/* Catalogue keys of the message of each field (NULL = fine); n counts them. */
struct tel_errors {
	const char *msg[TF__MAX];
	int n;
};

/* tel_save() when the number changed since it was loaded: the caller rolls back and says
 * "changed by someone else". */
#define TEL_STALE (-2)

/* Loads number_id of operator_id. Returns 1 found, 0 not found, <0 on database failure. */
int	 tel_load(struct req *r, long number_id, long operator_id, struct tel *t);

/* Loads the number assigned to user_id of operator_id. 1 found, 0 none, <0 on failure. */
int	 tel_load_user(struct req *r, long user_id, long operator_id, struct tel *t);

/* The features the portal may edit for operator_id's numbers: the TEL-4 defaults plus
 * what the operator allows (CLI, Music on Hold, ACR). <0 on database failure. */
int	 tel_portal_mask(struct req *r, long operator_id);

/*
 * Includes the read-only Telephony panel (templates/tel_panel.tpl) at {{>TEL}} of d: status,
 * phone number, extension, Default PIN on hover, and the features. t NULL: a panel saying
 * that no number is assigned. action_base non-NULL adds "Reset PIN" and, when a digital
 * handset is logged in, "Handset logout", posting to action_base + "/pin-reset" and
 * "/handset-logout".
 */
void	 tel_show(struct req *r, struct tmpl_dict *d, const struct tel *t,
	    const char *action_base);

/*
 * Includes the Telephony panel as form fields (templates/tel_form.tpl, no <form> of its
 * own) at {{>TEL}} of d: the features in mask as inputs, the others read-only, values from
 * t, messages from err (NULL: none). Returns <0 on database failure (the CLI choices).
 */
int	 tel_show_form(struct req *r, struct tmpl_dict *d, const struct tel *t, int mask,
	    const struct tel_errors *err);

/* Adds one section named section to d per message of err, with FIELD_ID (the id to link
 * to) and TEXT, for a page's error summary. */
void	 tel_error_items(struct req *r, struct tmpl_dict *d, const struct tel_errors *err,
	    const char *section);

/*
 * Reads the submitted form into out: out starts as a copy of old, and only the features in
 * mask are taken from the form. Then checks the TEL-5 rules on the result: Busy forwarding
 * and call waiting exclude each other; no forwarding while an authorization code is on;
 * each chosen forwarding needs a valid target; voicemail to email needs voicemail and a
 * valid address; a newly chosen CLI number must be an ACTIVE number of the same occupier
 * and site (looked up, never taken on trust). A form version other than old's is an error
 * on TF_VERSION. Returns the number of errors (0 = valid), <0 on database failure.
 */
int	 tel_parse(struct req *r, const struct tel *old, int mask, struct tel *out,
	    struct tel_errors *err);

/*
 * Within the caller's transaction: writes the features of nt over old's number if any
 * changed, with a version check, sets it PENDING, queues a provisioning job (TEL-6) and
 * writes one audit entry per changed field. Returns the number of changed fields (0: none,
 * nothing written), TEL_STALE when the number changed since old was loaded, -1 on failure.
 */
int	 tel_save(struct req *r, const struct tel *old, const struct tel *nt);

/* Within the caller's transaction: "Reset PIN" (TEL-2) forgets the custom PIN and queues a
 * provisioning job. Returns 1 done, 0 number gone, <0 on failure. */
int	 tel_pin_reset(struct req *r, const struct tel *t);

/* Within the caller's transaction: "Handset logout" of a logged-in digital handset, queued
 * for the PBX. Returns 1 done, 0 nothing to log out, <0 on failure. */
int	 tel_handset_logout(struct req *r, const struct tel *t);

/* A status badge of a number: ACTIVE (green) or PENDING (amber), always with its text. */
void	 tel_status_badge(struct req *r, struct tmpl_dict *d, const char *status);

#endif
