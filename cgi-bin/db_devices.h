/*
 * Typed access to the shared Wi-Fi devices (WIFI-5) of an occupier (occ) or of the
 * operator's own account (occ 0). Returns as db_users.h says.
 */
#ifndef DB_DEVICES_H
#define DB_DEVICES_H

struct req;

/* A device as listed: id, name, type code, MAC address, its site's name. */
struct device_row {
	const char *id, *name, *type, *mac, *site;
};

/* The scope's devices by name; returns how many (>= 0). */
int	 db_devices_list(struct req *r, long op, long occ, struct device_row **rows);
/* Device id of the scope into d (id unset); 1 found, 0 not the scope's. */
int	 db_device_get(struct req *r, long op, long occ, long id, struct device_row *d);
/* Adds a device; 1 added, 0 its MAC address is taken within the operator. */
int	 db_device_add(struct req *r, long op, long occ, long site, const char *name,
	    const char *type, const char *mac);
/* Deletes device id of the scope; 1 deleted, 0 not there. */
int	 db_device_delete(struct req *r, long op, long occ, long id);

#endif
