/* Server-key encryption and generated secrets (see secret.h). */
#include <string.h>

#include "secret.h"
#include "util.h"

unsigned char *
secret_seal(struct arena *a, const unsigned char key[32], const void *p, size_t n,
    size_t *outlen)
{
	unsigned char *out = arena_alloc(a, n + SECRET_OVERHEAD);

	if (out == NULL)
		return NULL;
	randombytes_buf(out, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, p, n, out, key);
	*outlen = n + SECRET_OVERHEAD;
	return out;
}

char *
secret_open(struct arena *a, const unsigned char key[32], const void *p, size_t n,
    size_t *outlen)
{
	const unsigned char *in = p;
	char *out;
	size_t m;

	if (n < SECRET_OVERHEAD)
		return NULL;
	m = n - SECRET_OVERHEAD;
	if ((out = arena_alloc(a, m + 1)) == NULL)
		return NULL;
	if (crypto_secretbox_open_easy((unsigned char *)out, in + crypto_secretbox_NONCEBYTES,
	    n - crypto_secretbox_NONCEBYTES, in, key) != 0)
		return NULL;
	out[m] = '\0';
	if (outlen != NULL)
		*outlen = m;
	return out;
}

void
secret_wifi_password(char out[13])
{
	static const char letters[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
	static const char digits[] = "23456789";
	static const char all[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	for (int i = 0; i < 12; i++)
		out[i] = all[randombytes_uniform(sizeof(all) - 1)];
	/* at least one letter and one digit, as PROF-2 asks of every Wi-Fi password */
	out[randombytes_uniform(6)] = letters[randombytes_uniform(sizeof(letters) - 1)];
	out[6 + randombytes_uniform(6)] = digits[randombytes_uniform(sizeof(digits) - 1)];
	out[12] = '\0';
}

void
secret_pin(char out[7])
{
	for (int i = 0; i < 6; i++)
		out[i] = (char)('0' + randombytes_uniform(10));
	out[6] = '\0';
}
