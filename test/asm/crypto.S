// Cryptographic extension: AES, SHA1, SHA256, and the Armv8.2 optional SHA512, SHA3, SM3, SM4.
	.text
	aese	v0.16b, v1.16b
	aesd	v2.16b, v3.16b
	aesmc	v4.16b, v5.16b
	aesimc	v31.16b, v30.16b
	sha1c	q0, s1, v2.4s
	sha1p	q3, s4, v5.4s
	sha1m	q6, s7, v8.4s
	sha1su0	v0.4s, v1.4s, v2.4s
	sha256h	q0, q1, v2.4s
	sha256h2	q3, q4, v5.4s
	sha256su1	v0.4s, v1.4s, v2.4s
	sha1h	s0, s1
	sha1su1	v0.4s, v1.4s
	sha256su0	v2.4s, v3.4s
	sha512h	q0, q1, v2.2d
	sha512h2	q3, q4, v5.2d
	sha512su1	v0.2d, v1.2d, v2.2d
	rax1	v0.2d, v1.2d, v2.2d
	sm3partw1	v0.4s, v1.4s, v2.4s
	sm3partw2	v3.4s, v4.4s, v5.4s
	sm4ekey	v6.4s, v7.4s, v8.4s
	sha512su0	v0.2d, v1.2d
	sm4e	v0.4s, v1.4s
	eor3	v0.16b, v1.16b, v2.16b, v3.16b
	bcax	v4.16b, v5.16b, v6.16b, v7.16b
	sm3ss1	v0.4s, v1.4s, v2.4s, v3.4s
	xar	v0.2d, v1.2d, v2.2d, #63
	xar	v3.2d, v4.2d, v5.2d, #0
	sm3tt1a	v0.4s, v1.4s, v2.s[3]
	sm3tt1b	v0.4s, v1.4s, v2.s[0]
	sm3tt2a	v0.4s, v1.4s, v31.s[1]
	sm3tt2b	v0.4s, v1.4s, v2.s[2]
