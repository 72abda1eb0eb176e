/*
 * Typed access for build/provisioner (see db_prov.h).
 */
#include <stddef.h>

#include "db.h"
#include "db_prov.h"

int
db_prov_due(struct db *db, struct arena *a, long long **ids)
{
	static const struct db_col id_col[] = { { 0, DB_LLONG } };
	return db_get_rows(db, a, id_col, 1, sizeof(**ids), (void **)ids, STMT_PROVISIONER_DUE,
	    "");
}

int
db_prov_lock(struct db *db, struct arena *a, long long id, long long *number,
    long long *attempts)
{
	struct dbres res;

	if (db_query(db, a, &res, STMT_PROVISIONER_CLAIM, "i", id) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*number = db_int(&res, 0, 0);
	*attempts = db_int(&res, 0, 1);
	return 1;
}

#define NC(f) DB_COL(struct numconf, f, DB_STR)
static const struct db_col numconf_cols[] = {
	NC(id), NC(number), NC(extension), NC(site), NC(operator_id), NC(occupier_id),
	NC(occupier), NC(user_id), NC(user_name), NC(user_email), NC(version), NC(default_pin),
	NC(custom_pin), NC(handset_type), NC(handset_logged_in), NC(fwd_always),
	NC(fwd_always_to), NC(fwd_busy), NC(fwd_busy_to), NC(fwd_noanswer), NC(fwd_noanswer_to),
	NC(voicemail), NC(vm_to_email), NC(vm_email), NC(call_waiting), NC(dnd), NC(cli),
	NC(cli_number), NC(hide_caller_id), NC(auth_code), NC(music_on_hold), NC(anon_reject),
};
#undef NC

int
db_prov_config(struct db *db, struct arena *a, long long id, struct numconf *n)
{
	struct dbres res;

	if (db_query(db, a, &res, STMT_LOCK_NUMBER, "i", id) < 0)
		return -1;
	return db_get_row(db, a, DB_GET(numconf_cols), n, STMT_CONFIG, "i", id);
}

int
db_prov_applied(struct db *db, struct arena *a, long long id, long long number, int *others)
{
	struct dbres res;

	if (db_exec(db, STMT_APPLIED, "i", id) < 0 ||
	    db_query(db, a, &res, STMT_OTHERS_WAITING, "ii", number, id) < 0)
		return -1;
	*others = db_int(&res, 0, 0) != 0;
	if (!*others && db_exec(db, STMT_ACTIVE, "i", number) < 0)
		return -1;
	return 1;
}

int
db_prov_failed(struct db *db, long long id, const char *err, long long wait)
{
	return (int)db_exec(db, STMT_PROVISIONER_FAILED, "sii", err, wait, id);
}

int
db_prov_record(struct db *db, long long number, const char *json)
{
	return db_exec(db, STMT_RECORD, "is", number, json) < 0 ? -1 : 1;
}
