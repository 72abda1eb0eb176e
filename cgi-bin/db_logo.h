/* The operator's logo (sql/019, PLAT-7): typed access; each returns <0 on a failure. */
#ifndef DB_LOGO_H
#define DB_LOGO_H

#include <stddef.h>

struct req;

/* Stores the logo of operator op (replacing any) and bumps its version. */
int	 db_logo_put(struct req *r, long op, const char *mime, const void *data, size_t len);
/* Removes it (1 removed, 0 there was none). */
int	 db_logo_del(struct req *r, long op);
/* Its type and bytes (base64 with line breaks): 1 found, 0 none. */
int	 db_logo_get(struct req *r, long op, const char **mime, const char **b64);
/* Its version when op has a logo: 1 (*version set), 0 none. */
int	 db_logo_version(struct req *r, long op, long *version);

#endif
