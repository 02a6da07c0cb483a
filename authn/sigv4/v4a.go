package sigv4

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/subtle"
	"errors"
)

// nMinus2 is the order of P-256 minus 2, big-endian.
var nMinus2 = [32]byte{
	0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x4f,
}

// lessThanCT reports a < b for big-endian 32-byte numbers in constant time.
func lessThanCT(a, b *[32]byte) bool {
	lt, gt := 0, 0
	for i := range a {
		x, y := int(a[i]), int(b[i])
		undecided := 1 ^ (lt | gt)
		lt |= undecided & subtle.ConstantTimeLessOrEq(x+1, y)
		gt |= undecided & subtle.ConstantTimeLessOrEq(y+1, x)
	}
	return lt == 1
}

// DeriveKeyV4a derives the SigV4a ECDSA P-256 private key of an access key
// pair with the NIST SP 800-108 HMAC-SHA256 counter-mode KDF AWS uses:
//
//	k0 = HMAC("AWS4A" + secret, 0x00000001 || "AWS4-ECDSA-P256-SHA256" || 0x00 ||
//	          accessKeyID || counter || 0x00000100)
//
// starting with counter 1 and incrementing it while k0 >= n-2; the private
// scalar is k0+1. The key depends only on the key pair, so it can be cached
// for the credentials' lifetime.
func DeriveKeyV4a(accessKeyID, secretAccessKey string) (*ecdsa.PrivateKey, error) {
	hk := make([]byte, 0, 5+len(secretAccessKey))
	hk = append(hk, "AWS4A"...)
	hk = append(hk, secretAccessKey...)
	msg := make([]byte, 0, 4+len(AlgorithmV4a)+1+len(accessKeyID)+1+4)
	for counter := 1; counter <= 254; counter++ {
		msg = append(msg[:0], 0, 0, 0, 1)
		msg = append(msg, AlgorithmV4a...)
		msg = append(msg, 0)
		msg = append(msg, accessKeyID...)
		msg = append(msg, byte(counter), 0, 0, 1, 0)
		k0 := hmacSHA256(hk, string(msg))
		if !lessThanCT(&k0, &nMinus2) {
			continue
		}
		// d = k0 + 1 (cannot overflow: k0 < n-2).
		for i := 31; i >= 0; i-- {
			k0[i]++
			if k0[i] != 0 {
				break
			}
		}
		return ecdsa.ParseRawPrivateKey(elliptic.P256(), k0[:])
	}
	return nil, errors.New("sigv4: SigV4a key derivation exhausted its counter")
}

// cachedKeyV4a returns the SigV4a key of a key pair from c, deriving and
// caching it on a miss.
func cachedKeyV4a(c *keyCache[*ecdsa.PrivateKey], akid, secret string, bound int) (*ecdsa.PrivateKey, error) {
	var kb [160]byte
	key := append(kb[:0], akid...)
	if v, ok := c.get(key, secret, bound); ok {
		return v, nil
	}
	k, err := DeriveKeyV4a(akid, secret)
	if err != nil {
		return nil, err
	}
	c.put(key, secret, k, bound)
	return k, nil
}
