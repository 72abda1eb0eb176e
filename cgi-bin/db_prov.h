/*
 * Typed access for build/provisioner (provisioner.c): the due jobs of provisioning_jobs, a
 * number's configuration, the job's result. Returns: <0 failure, 0 not found, >0 done; all in
 * the caller's transaction.
 */
#ifndef DB_PROV_H
#define DB_PROV_H

struct arena;
struct db;

/* A number's configuration as stored: every column as text (see STMT_CONFIG). */
struct numconf {
	const char *id, *number, *extension, *site, *operator_id, *occupier_id, *occupier;
	const char *user_id, *user_name, *user_email, *version, *default_pin, *custom_pin;
	const char *handset_type, *handset_logged_in;
	const char *fwd_always, *fwd_always_to, *fwd_busy, *fwd_busy_to, *fwd_noanswer;
	const char *fwd_noanswer_to, *voicemail, *vm_to_email, *vm_email, *call_waiting, *dnd;
	const char *cli, *cli_number, *hide_caller_id, *auth_code, *music_on_hold, *anon_reject;
};

/* The ids of the due jobs (at most 20), oldest first, into *ids; how many (>= 0). */
int	 db_prov_due(struct db *db, struct arena *a, long long **ids);
/* Locks job id if it is due and not locked (SKIP LOCKED): its number and attempts; 1, 0. */
int	 db_prov_lock(struct db *db, struct arena *a, long long id, long long *number,
	    long long *attempts);
/* Locks number id and reads its configuration into n; 1, 0 no such number. */
int	 db_prov_config(struct db *db, struct arena *a, long long id, struct numconf *n);
/* Job id of number applied; the number ACTIVE unless other jobs of it wait (*others 1). */
int	 db_prov_applied(struct db *db, struct arena *a, long long id, long long number,
	    int *others);
/* Job id failed with err: attempts + 1, next try in wait seconds; >= 0. */
int	 db_prov_failed(struct db *db, long long id, const char *err, long long wait);
/* The record adapter: stores number's configuration json (provisioned_config); 1. */
int	 db_prov_record(struct db *db, long long number, const char *json);

#endif
