/*
 * Typed access to the Wi-Fi Secure sessions FreeRADIUS writes (radacct, issue 14), scoped by
 * the user's operator and occupier. Returns as db_users.h says.
 */
#ifndef DB_RADIUS_H
#define DB_RADIUS_H

struct req;

/* An open session of a user: its radacct id, the device's MAC address as the NAS sent it,
 * the site and start (NULL when unknown), the name of a shared device with that MAC (NULL). */
struct radius_device {
	const char *session, *mac, *site, *since, *name;
};

/* What a Disconnect-Request needs of a session (coa_address, coa_secret NULL when the NAS
 * takes none), and the user's address for the audit. */
struct radius_session {
	const char *user, *session, *calling, *nas_ip, *coa_address, *coa_secret, *email;
	long coa_port;
};

/* The open sessions of user uid (of operator op, occupier occ; 0 for a team member), the
 * oldest first, limit of them; returns how many (>= 0). */
int	 db_radius_devices(struct req *r, long op, long occ, long uid, long limit,
	    struct radius_device **rows);
/* Locks open session id of user uid in the caller's transaction into s; 1, or 0 when it
 * is not one of that user's open sessions. */
int	 db_radius_session_lock(struct req *r, long op, long occ, long uid, long id,
	    struct radius_session *s);
/* Marks session id ended by the admin (Admin-Reset); >= 0 rows changed. */
int	 db_radius_session_end(struct req *r, long id);

#endif
