/*
 * Two-factor sign-in, the pure parts (issue 16): TOTP codes (RFC 6238: HMAC-SHA1, 30-second
 * steps, 6 digits, through liboath), the secret's base32 text and otpauth URI, one-time
 * recovery codes and their hashes, and the QR code of the URI as an SVG path (libqrencode).
 * No database and no request: unit-tested in tests/unit/.
 */
#ifndef TOTP_H
#define TOTP_H

#include <stddef.h>
#include <time.h>

struct arena;

#define TOTP_SECRET_BYTES 20             /* 160 bits, RFC 4226's recommendation */
#define TOTP_B32_LEN 32                  /* its base32 text, without padding */
#define TOTP_STEP 30
#define TOTP_DIGITS 6
#define RECOVERY_COUNT 10
#define RECOVERY_LEN 11                  /* "xxxxx-xxxxx" */

/* Once at start-up (liboath's global state). Returns <0 on failure. */
int	 totp_init(void);
void	 totp_secret_new(unsigned char s[TOTP_SECRET_BYTES]);
/* Base32 (RFC 4648) text of the secret, as authenticator apps take it, NUL-terminated. */
void	 totp_base32(char out[TOTP_B32_LEN + 1], const unsigned char s[TOTP_SECRET_BYTES]);
/* The code of one 30-second step into out[7]. Returns <0 on failure. */
int	 totp_code(const unsigned char s[TOTP_SECRET_BYTES], long long step, char out[7]);
/* The step of a Unix time. */
long long totp_step(time_t now);

/*
 * Checks a code typed at time now against the steps now-1, now and now+1 (one step of clock
 * drift either way, no more), never accepting a step at or before last_step (a code already
 * used: replay). Returns the step accepted (>0), TOTP_WRONG, or TOTP_REPLAY.
 */
#define TOTP_WRONG (-1)
#define TOTP_REPLAY (-2)
long long totp_check(const unsigned char s[TOTP_SECRET_BYTES], time_t now, const char *code,
	    long long last_step);

/* A new recovery code "xxxxx-xxxxx" from an alphabet without look-alikes. */
void	 recovery_new(char out[RECOVERY_LEN + 1]);
/* A code as typed (any case, spaces or dashes anywhere) to its 10 characters; -1 when it
 * cannot be one. */
int	 recovery_normalise(const char *in, char out[11]);
/*
 * The stored form of a normalised code: an argon2id string (salted, at small limits: ten are
 * made at once and up to ten checked per try) into h, and the check of one (0 when it
 * matches). No server key in it, so a key rotation leaves the codes working. <0 on failure.
 */
#define RECOVERY_HASH_LEN 128            /* crypto_pwhash_STRBYTES */
int	 recovery_hash(const char *norm, char h[RECOVERY_HASH_LEN]);
int	 recovery_check(const char *h, const char *norm);

/* The otpauth:// URI authenticator apps read from the QR code. */
char	*totp_uri(struct arena *a, const char *issuer, const char *account, const char *b32);
/* The QR code of text as the d attribute of one SVG <path> (one unit a module, a quiet zone
 * of 4 included in *size). NULL on failure. */
char	*qr_svg_path(struct arena *a, const char *text, int *size);

#endif
