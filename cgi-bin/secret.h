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
/*
 * issue 11: sealing with subkeys of the server key, bound to what the data belongs to.
 *   format  0x02 || key id (4) || nonce (24) || XChaCha20-Poly1305 ciphertext and tag
 *   key     crypto_kdf subkey of the master key for the use (Wi-Fi "wifipass", outbox
 *           "outbox__", two-factor secrets "totp____" (issue 16, ctx the user id); kept import
 *           files "import__" (issue 13, ctx secret_ctx_import()); CSRF and the mailer's tags have their own, see auth.c, mailer.c)
 *   AD      the 5 header bytes, the use, and ctx (the Wi-Fi account's user id; 0 for mail),
 *           so a Wi-Fi ciphertext copied to another user's row does not open
 *   key id  the first 4 bytes of SHA-256("portal key id" || master key): which of the keys
 *           of the secrets file (wifi_key, wifi_key_previous, wifi_key_next) sealed it, so a
 *           rotation accepts both keys while build/rekey re-seals the rows (scripts/rotate-key)
 * The older format (nonce || crypto_secretbox with the master key itself) still opens, with
 * any of the keys, until build/rekey has re-sealed it.
 */
enum secret_use { SECRET_WIFI = 0, SECRET_OUTBOX = 1, SECRET_TOTP = 2, SECRET_IMPORT = 3,
	SECRET__MAX };
/* Issue 13: the ctx of a file kept for "Add N users" (import_pending, use SECRET_IMPORT,
 * subkey "import__"): the first 8 bytes of BLAKE2b(session hash || occupier id), so that the
 * file opens for the session and the occupier that checked it only. */
long long secret_ctx_import(const unsigned char session_hash[32], long long occupier_id);

#define SECRET_V2_OVERHEAD (5 + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + \
	crypto_aead_xchacha20poly1305_ietf_ABYTES)

struct config;
/* The keys of c (before any thread starts). <0 when libsodium cannot start. */
int	 secret_init(const struct config *c);
unsigned char *secret_seal_for(struct arena *a, enum secret_use use, long long ctx,
	    const void *p, size_t n, size_t *outlen);
/* NULL when no key opens it; *current (when not NULL) is 1 when it was sealed in this format
 * with the sealing key (nothing for build/rekey to do). */
char	*secret_open_for(struct arena *a, enum secret_use use, long long ctx, const void *p,
	    size_t n, size_t *outlen, int *current);

/* A Wi-Fi password: 12 characters from an unambiguous alphabet, letters and digits both. */
void	 secret_wifi_password(char out[13]);
/* A 6-digit PIN. */
void	 secret_pin(char out[7]);

#endif
