/*
 * Single-use links (AUTH-6 invitations, AUTH-8 resets): a random token emailed in a
 * /set-password#t=... link (in the fragment, which no server, log or Referer sees; the page
 * swaps it for a cookie: issue 11), of which only the hash is stored (user_tokens), valid
 * for invite_days or reset_hours. The user model (userform.c) and the sign-in pages use them.
 */
#ifndef LINK_H
#define LINK_H

struct req;

/*
 * Replaces user's links of kind ("invite" or "reset") by a new one and queues the email
 * mail_name that carries it, in the caller's transaction (a fresh link kills the old one).
 * Returns 0, or <0 on failure.
 */
int	 link_issue(struct req *r, long user, long operator_id, const char *to,
	    const char *lang, const char *first_name, const char *kind, const char *mail_name);

/* What link_issue() does for a known account, done for an unknown address and rolled back
 * (the token cannot be stored: it has no user), so that both take the same work (AUTH-8). */
void	 link_decoy(struct req *r, const char *email);

/*
 * The live link of token t (hex, as in the URL): its hash into hash[32], its user and the
 * user's address. Returns 1 found, 0 not (malformed, unknown, used or expired), <0 failure.
 */
int	 link_get(struct req *r, const char *t, unsigned char hash[32], long *user,
	    const char **email);

#endif
