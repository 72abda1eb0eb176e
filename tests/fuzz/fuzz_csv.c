/*
 * libFuzzer harness: csv_parse (PLAT-2 "Add multiple users" uploads). Checks what csv.h
 * promises (limits, UTF-8 fields, a separator of ',' or ';', at least one field per record),
 * and that writing the records back with csv_put / csv_end_row and parsing that again gives
 * the same records (csv_unguard taking off the formula guard), whenever the separator
 * detected on the rewritten file is the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct csv c, back;
	struct csv_error err;
	struct sbuf out;
	char *buf;

	/* exactly size bytes, so any read past the end is an ASan report */
	if ((buf = malloc(size ? size : 1)) == NULL)
		return 0;
	if (size)
		memcpy(buf, data, size);
	arena_init(&a, 256u << 20);
	sbuf_init(&out);
	if (csv_parse(&a, size ? buf : NULL, size, &c, &err) < 0) {
		if (err.code <= CSV_OK || err.code >= CSV_ERR__MAX ||
		    csv_strerror(err.code) == NULL)
			abort();
		goto out;
	}
	if ((c.sep != ',' && c.sep != ';') || c.nrows > CSV_MAX_ROWS)
		abort();
	for (size_t r = 0; r < c.nrows; r++) {
		if (c.rows[r].n < 1 || c.rows[r].n > CSV_MAX_COLS || c.rows[r].line < 1)
			abort();
		if (r > 0 && c.rows[r].line <= c.rows[r - 1].line)
			abort();
		for (size_t f = 0; f < c.rows[r].n; f++) {
			const char *s = c.rows[r].f[f];

			if (strlen(s) > CSV_MAX_FIELD ||
			    !utf8_valid((const unsigned char *)s, strlen(s)))
				abort();
		}
	}
	/* write it back, read it again */
	for (size_t r = 0; r < c.nrows; r++) {
		for (size_t f = 0; f < c.rows[r].n; f++) {
			if (f)
				sbuf_addc(&out, c.sep);
			csv_put(&out, c.rows[r].f[f], c.sep);
		}
		csv_end_row(&out);
	}
	if (out.oom)
		goto out;
	if (csv_parse(&a, out.data, out.len, &back, &err) < 0) {
		/* a guard apostrophe may push a field just over the limit; nothing else fails */
		if (err.code != CSV_ERR_FIELD)
			abort();
		goto out;
	}
	if (back.sep != c.sep)
		goto out;
	if (back.nrows != c.nrows)
		abort();
	for (size_t r = 0; r < c.nrows; r++) {
		if (back.rows[r].n != c.rows[r].n)
			abort();
		for (size_t f = 0; f < c.rows[r].n; f++) {
			const char *orig = c.rows[r].f[f], *again = back.rows[r].f[f];

			/* a field that itself starts with the guard is the one case unguard
			 * cannot tell apart */
			if (orig[0] == '\'')
				continue;
			if (strcmp(csv_unguard(again), orig) != 0)
				abort();
		}
	}
out:
	sbuf_free(&out);
	arena_free(&a);
	free(buf);
	return 0;
}
