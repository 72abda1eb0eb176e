/*
 * The NT hash of a Wi-Fi password (MD4 of its UTF-16LE form), what FreeRADIUS needs as
 * NT-Password to check MS-CHAPv2 (PEAP) and PAP without the clear text (sql/010_radius.sql).
 */
#ifndef NTHASH_H
#define NTHASH_H

#include <stddef.h>

#define NT_HASH_BYTES 16

/* Hashes the n bytes of UTF-8 at pw into out; -1 when pw is not valid UTF-8 or over
 * 256 UTF-16 units (Wi-Fi passwords have at most 50 characters). */
int	 nt_hash(const char *pw, size_t n, unsigned char out[NT_HASH_BYTES]);

#endif
