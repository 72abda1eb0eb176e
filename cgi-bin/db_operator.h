/*
 * Typed access to the operator's own account (PLAT-6, PLAT-7): its settings and the services
 * of its sites. Returns as db_users.h says.
 */
#ifndef DB_OPERATOR_H
#define DB_OPERATOR_H

struct req;

/* The settings of an operator (contact addresses "" when none). */
struct operator_settings {
	const char *name, *colour;
	int experience, may_cli, may_moh, may_acr;
	const char *contact, *emergency;
	const char *base_url;       /* the portal address of its emailed links, "" for the default */
};

/* A service activated at a site: the site's id (as text) and the service code. */
struct site_service {
	const char *site_id, *code;
};

/* A member of the operator's team as listed. */
struct team_row {
	long id;
	const char *name, *email, *role, *account_state, *wifi_state, *sites;
	const char *number, *number_id;     /* number NULL: none assigned */
	int twofa_on;                       /* issue 16: two-factor sign-in on */
};

/* Operator op's team members by name; returns how many (>= 0). */
int	 db_team(struct req *r, long op, struct team_row **rows);
/* Team member id of operator op: its name and address; 1, 0 not a member of the team. */
int	 db_team_member(struct req *r, long op, long id, const char **name, const char **email);
/* The same with its role ("super_admin", "admin", "user"). */
int	 db_team_member_role(struct req *r, long op, long id, const char **name,
	    const char **email, const char **role);
/* The name of site of operator op; 1, 0 not one of the operator's sites. */
int	 db_site_name(struct req *r, long op, long site, const char **name);
/* Gives team member id the site; >= 0. */
int	 db_team_site_add(struct req *r, long id, long site);

/* Operator op's settings into s; 1, 0 when there is no such operator. */
int	 db_operator_settings(struct req *r, long op, struct operator_settings *s);
/* Saves s over operator op's settings (an empty contact address stored as NULL); >= 0. */
int	 db_operator_settings_save(struct req *r, long op, const struct operator_settings *s);
/* The services activated at operator op's sites; returns how many (>= 0). */
int	 db_site_services(struct req *r, long op, struct site_service **rows);
/* Activates (on) or deactivates service code at site of operator op; >= 0. */
int	 db_site_service_set(struct req *r, long op, long site, const char *code, int on);

#endif
