/*
 * Symmetric encryption with the server key (crypto_secretbox): Wi-Fi passwords (WIFI-4) and
 * queued email bodies, which carry links and passwords. Output is nonce || box.
 */
#ifndef SECRET_H
#define SECRET_H

#include <stddef.h>
#include <sodium.h>

struct arena;

#define SECRET_OVERHEAD (crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)

/* Encrypts n bytes into a new arena buffer of n + SECRET_OVERHEAD bytes. */
unsigned char *secret_seal(struct arena *a, const unsigned char key[32], const void *p,
	    size_t n, size_t *outlen);
/* Decrypts into a new NUL-terminated arena buffer; NULL when forged or damaged. */
char	*secret_open(struct arena *a, const unsigned char key[32], const void *p, size_t n,
	    size_t *outlen);
/* A Wi-Fi password: 12 characters from an unambiguous alphabet, letters and digits both. */
void	 secret_wifi_password(char out[13]);
/* A 6-digit PIN. */
void	 secret_pin(char out[7]);

#endif
