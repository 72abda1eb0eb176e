/* Server-key encryption and generated secrets (see secret.h). */
#include <string.h>

#include "conf.h"
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

/* The keys of the secrets file; ring[0] seals. Set once by secret_init. */
struct ring_key {
	unsigned char master[32], id[4], sub[SECRET__MAX][32];
};
static struct ring_key ring[3];
static int nring;

static void
key_setup(struct ring_key *k, const unsigned char m[32])
{
	static const char label[] = "portal key id";
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;

	memcpy(k->master, m, 32);
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)label, sizeof(label) - 1);
	crypto_hash_sha256_update(&st, m, 32);
	crypto_hash_sha256_final(&st, h);
	memcpy(k->id, h, 4);
	crypto_kdf_derive_from_key(k->sub[SECRET_WIFI], 32, 1, "wifipass", m);
	crypto_kdf_derive_from_key(k->sub[SECRET_OUTBOX], 32, 1, "outbox__", m);
	crypto_kdf_derive_from_key(k->sub[SECRET_TOTP], 32, 1, "totp____", m);
	crypto_kdf_derive_from_key(k->sub[SECRET_IMPORT], 32, 1, "import__", m);
}

long long
secret_ctx_import(const unsigned char session_hash[32], long long occupier_id)
{
	unsigned char in[40], h[8];
	unsigned long long v = 0;

	memcpy(in, session_hash, 32);
	for (int i = 0; i < 8; i++)
		in[32 + i] = (unsigned char)((unsigned long long)occupier_id >> (56 - 8 * i));
	crypto_generichash(h, sizeof(h), in, sizeof(in), NULL, 0);
	for (int i = 0; i < 8; i++)
		v = v << 8 | h[i];
	return (long long)(v >> 1);          /* non-negative: any 63 bits will do */
}

int
secret_init(const struct config *c)
{
	if (sodium_init() < 0)
		return -1;
	nring = 0;
	key_setup(&ring[nring++], c->wifi_key);
	if (c->has_wifi_key_next)
		key_setup(&ring[nring++], c->wifi_key_next);
	if (c->has_wifi_key_previous)
		key_setup(&ring[nring++], c->wifi_key_previous);
	return 0;
}

/* head (5 bytes) || use || ctx, big-endian */
static void
make_ad(unsigned char ad[14], const unsigned char *head, enum secret_use use, long long ctx)
{
	memcpy(ad, head, 5);
	ad[5] = (unsigned char)use;
	for (int i = 0; i < 8; i++)
		ad[6 + i] = (unsigned char)((unsigned long long)ctx >> (56 - 8 * i));
}

unsigned char *
secret_seal_for(struct arena *a, enum secret_use use, long long ctx, const void *p, size_t n,
    size_t *outlen)
{
	const size_t nb = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
	unsigned char *out = arena_alloc(a, n + SECRET_V2_OVERHEAD), ad[14];
	unsigned long long clen;

	if (out == NULL || nring == 0)
		return NULL;
	out[0] = 0x02;
	memcpy(out + 1, ring[0].id, 4);
	randombytes_buf(out + 5, nb);
	make_ad(ad, out, use, ctx);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + 5 + nb, &clen, p, n, ad, sizeof(ad),
	    NULL, out + 5, ring[0].sub[use]);
	*outlen = 5 + nb + (size_t)clen;
	return out;
}

char *
secret_open_for(struct arena *a, enum secret_use use, long long ctx, const void *p, size_t n,
    size_t *outlen, int *current)
{
	const size_t nb = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
	const unsigned char *in = p;
	unsigned char ad[14];
	unsigned long long mlen;
	char *out;

	if (current != NULL)
		*current = 0;
	if (n >= SECRET_V2_OVERHEAD && in[0] == 0x02) {
		if ((out = arena_alloc(a, n - SECRET_V2_OVERHEAD + 1)) == NULL)
			return NULL;
		make_ad(ad, in, use, ctx);
		for (int k = 0; k < nring; k++) {
			if (memcmp(in + 1, ring[k].id, 4) != 0)
				continue;
			if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)out, &mlen,
			    NULL, in + 5 + nb, n - 5 - nb, ad, sizeof(ad), in + 5,
			    ring[k].sub[use]) != 0)
				continue;
			out[mlen] = '\0';
			if (outlen != NULL)
				*outlen = (size_t)mlen;
			if (current != NULL)
				*current = k == 0;
			return out;
		}
	}
	/* the older format: secretbox under a master key */
	for (int k = 0; k < nring; k++)
		if ((out = secret_open(a, ring[k].master, p, n, outlen)) != NULL)
			return out;
	return NULL;
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
