/*
 * tests/radius/mschapv2 USER PASSWORD: prints the attributes of an MS-CHAPv2 Access-Request
 * (RFC 2759, RFC 2548) for radclient, the way a PEAP client answers inside its tunnel:
 * MS-CHAP-Challenge (the authenticator challenge) and MS-CHAP2-Response (peer challenge and
 * NT-Response computed from the NT hash of PASSWORD). radclient itself only does MS-CHAPv1
 * (radtest -t mschap), so tests/e2e/radius.test.js uses this to prove MS-CHAPv2 against the
 * NT-Password FreeRADIUS reads from the portal's database. A test tool, not part of the portal.
 */
#include <stdio.h>
#include <string.h>

#include <nettle/des.h>
#include <nettle/sha1.h>
#include <sodium.h>

#include "nthash.h"

/* 7 key bytes spread over the 8 of a DES key (the parity bits are ignored by nettle). */
static void
des_key7(const unsigned char in[7], unsigned char out[8])
{
	out[0] = in[0];
	out[1] = (unsigned char)(in[0] << 7 | in[1] >> 1);
	out[2] = (unsigned char)(in[1] << 6 | in[2] >> 2);
	out[3] = (unsigned char)(in[2] << 5 | in[3] >> 3);
	out[4] = (unsigned char)(in[3] << 4 | in[4] >> 4);
	out[5] = (unsigned char)(in[4] << 3 | in[5] >> 5);
	out[6] = (unsigned char)(in[5] << 2 | in[6] >> 6);
	out[7] = (unsigned char)(in[6] << 1);
}

static void
hex(const char *name, const unsigned char *p, size_t n)
{
	printf("%s = 0x", name);
	for (size_t i = 0; i < n; i++)
		printf("%02x", p[i]);
	printf("\n");
}

int
main(int argc, char *argv[])
{
	unsigned char auth[16], peer[16], digest[SHA1_DIGEST_SIZE], z[21] = { 0 };
	unsigned char resp[50] = { 0 };
	struct sha1_ctx sha;

	if (argc != 3 || sodium_init() < 0) {
		fprintf(stderr, "usage: mschapv2 USER PASSWORD\n");
		return 2;
	}
	randombytes_buf(auth, sizeof(auth));
	randombytes_buf(peer, sizeof(peer));
	/* ChallengeHash: SHA1(peer || authenticator || user name), first 8 bytes */
	sha1_init(&sha);
	sha1_update(&sha, sizeof(peer), peer);
	sha1_update(&sha, sizeof(auth), auth);
	sha1_update(&sha, strlen(argv[1]), (const unsigned char *)argv[1]);
	sha1_digest(&sha, sizeof(digest), digest);
	if (nt_hash(argv[2], strlen(argv[2]), z) < 0) {
		fprintf(stderr, "mschapv2: the password is not UTF-8\n");
		return 1;
	}
	/* NT-Response: the challenge hash DES-encrypted under each third of the padded hash */
	for (int i = 0; i < 3; i++) {
		struct des_ctx des;
		unsigned char k[8];

		des_key7(z + 7 * i, k);
		des_set_key(&des, k);
		des_encrypt(&des, 8, resp + 26 + 8 * i, digest);
	}
	resp[0] = 1;                            /* ident */
	memcpy(resp + 2, peer, sizeof(peer));   /* flags 0, peer challenge, 8 reserved */
	printf("User-Name = \"%s\"\n", argv[1]);
	hex("MS-CHAP-Challenge", auth, sizeof(auth));
	hex("MS-CHAP2-Response", resp, sizeof(resp));
	return 0;
}
