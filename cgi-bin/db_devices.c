/* Typed access to the shared Wi-Fi devices (see db_devices.h). */
#include "app.h"
#include "db.h"
#include "db_devices.h"

int
db_devices_list(struct req *r, long op, long occ, struct device_row **rows)
{
	static const struct db_col cols[] = {
		DB_COL(struct device_row, id, DB_STR), DB_COL(struct device_row, name, DB_STR),
		DB_COL(struct device_row, type, DB_STR), DB_COL(struct device_row, mac, DB_STR),
		DB_COL(struct device_row, site, DB_STR),
	};
	struct dbres res;

	*rows = NULL;
	if (db_query(r->db, r->a, &res, STMT_DEVICES, "iu", (long long)op, (long long)occ) < 0)
		return -1;
	return db_read_rows(r->a, &res, cols, DB_NCOLS(cols), sizeof(**rows), (void **)rows);
}

int
db_device_get(struct req *r, long op, long occ, long id, struct device_row *d)
{
	struct dbres res;
	size_t c = 0;

	if (db_query(r->db, r->a, &res, STMT_DEVICE_GET, "iiu", (long long)id, (long long)op,
	    (long long)occ) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	d->id = NULL;
	d->name = db_str(&res, 0, c++);
	d->type = db_str(&res, 0, c++);
	d->mac = db_str(&res, 0, c++);
	d->site = db_str(&res, 0, c++);
	d->site_id = db_str(&res, 0, c++);
	return 1;
}

int
db_device_add(struct req *r, long op, long occ, long site, const char *name, const char *type,
    const char *mac)
{
	if (db_exec(r->db, STMT_DEVICE_ADD, "iuisss", (long long)op, (long long)occ,
	    (long long)site, name, type, mac) >= 0)
		return 1;
	return db_errno(r->db) == DB_DUP ? 0 : -1;
}

int
db_device_update(struct req *r, long op, long occ, long id, long site, const char *name,
    const char *type, const char *mac)
{
	if (db_exec(r->db, STMT_DEVICE_UPDATE, "isssiiu", (long long)site, name, type, mac,
	    (long long)id, (long long)op, (long long)occ) >= 0)
		return 1;
	return db_errno(r->db) == DB_DUP ? 0 : -1;
}

int
db_device_delete(struct req *r, long op, long occ, long id)
{
	long long n = db_exec(r->db, STMT_DEVICE_DEL, "iiu", (long long)id, (long long)op,
	    (long long)occ);

	return n < 0 ? -1 : n == 1;
}
