package sigv4

import (
	"crypto/sha256"
	"sync"
)

// hmacSHA256 computes HMAC-SHA256(key, msg) with two SHA-256 sums over stack
// buffers: no hash.Hash, no allocation for keys up to 64 bytes and messages
// up to 192 bytes.
func hmacSHA256(key []byte, msg string) [32]byte {
	var k [64]byte
	if len(key) > 64 {
		s := sha256.Sum256(key)
		copy(k[:], s[:])
	} else {
		copy(k[:], key)
	}
	var small [64 + 192]byte
	in := small[:0]
	if len(msg) > 192 {
		in = make([]byte, 0, 64+len(msg))
	}
	for i := range k {
		in = append(in, k[i]^0x36)
	}
	in = append(in, msg...)
	inner := sha256.Sum256(in)
	var outer [64 + 32]byte
	for i := range k {
		outer[i] = k[i] ^ 0x5c
	}
	copy(outer[64:], inner[:])
	return sha256.Sum256(outer[:])
}

// appendIpad appends the 64-byte inner pad block of a 32-byte HMAC key.
func appendIpad(dst []byte, key *[32]byte) []byte {
	for i := range key {
		dst = append(dst, key[i]^0x36)
	}
	for range 32 {
		dst = append(dst, 0x36)
	}
	return dst
}

// hmacFinish computes the outer hash of an HMAC with a 32-byte key from the
// inner hash.
func hmacFinish(key *[32]byte, inner *[32]byte) [32]byte {
	var outer [64 + 32]byte
	for i := range key {
		outer[i] = key[i] ^ 0x5c
	}
	for i := 32; i < 64; i++ {
		outer[i] = 0x5c
	}
	copy(outer[64:], inner[:])
	return sha256.Sum256(outer[:])
}

// deriveSigningKey computes kSigning:
//
//	kDate    = HMAC("AWS4" + secret, YYYYMMDD)
//	kRegion  = HMAC(kDate, region)
//	kService = HMAC(kRegion, service)
//	kSigning = HMAC(kService, "aws4_request")
func deriveSigningKey(secret, date, region, service string) [32]byte {
	var kb [68]byte
	k := append(kb[:0], "AWS4"...)
	k = append(k, secret...)
	key := hmacSHA256(k, date)
	key = hmacSHA256(key[:], region)
	key = hmacSHA256(key[:], service)
	return hmacSHA256(key[:], terminator)
}

// SigningKey returns the SigV4 signing key for a secret access key, a scope
// date (YYYYMMDD), a region and a service.
func SigningKey(secretAccessKey, date, region, service string) []byte {
	k := deriveSigningKey(secretAccessKey, date, region, service)
	return k[:]
}

// DefaultCacheSize is the number of derived keys a Signer or Verifier keeps
// when its CacheSize is 0.
const DefaultCacheSize = 1024

// keyCache is a bounded map from a composite key to a value derived from a
// secret. It keeps two generations: when the current one holds half the
// bound it becomes the old one (dropping the previous old generation); a hit
// in the old generation moves the entry back. So it never holds more than
// the bound, and entries in use survive. Safe for concurrent use.
type keyCache[V any] struct {
	mu       sync.RWMutex
	cur, old map[string]cacheEntry[V]
}

type cacheEntry[V any] struct {
	secret string
	val    V
}

// get returns the value cached under key if it was derived from secret.
func (c *keyCache[V]) get(key []byte, secret string, bound int) (V, bool) {
	c.mu.RLock()
	e, ok := c.cur[string(key)]
	inOld := false
	if !ok {
		e, ok = c.old[string(key)]
		inOld = ok
	}
	c.mu.RUnlock()
	if !ok || e.secret != secret {
		var zero V
		return zero, false
	}
	if inOld {
		c.put(key, secret, e.val, bound)
	}
	return e.val, true
}

func (c *keyCache[V]) put(key []byte, secret string, v V, bound int) {
	if bound <= 0 {
		bound = DefaultCacheSize
	}
	half := max(bound/2, 1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.cur[string(key)]; !ok && len(c.cur) >= half {
		c.old, c.cur = c.cur, nil
	}
	if c.cur == nil {
		c.cur = make(map[string]cacheEntry[V], half)
	}
	k := string(key)
	c.cur[k] = cacheEntry[V]{secret: secret, val: v}
	delete(c.old, k)
}

func (c *keyCache[V]) clear() {
	c.mu.Lock()
	c.cur, c.old = nil, nil
	c.mu.Unlock()
}

func (c *keyCache[V]) len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.cur) + len(c.old)
}

// appendCacheKey appends akid \0 date \0 region \0 service.
func appendCacheKey(dst []byte, akid, date, region, service string) []byte {
	dst = append(dst, akid...)
	dst = append(dst, 0)
	dst = append(dst, date...)
	dst = append(dst, 0)
	dst = append(dst, region...)
	dst = append(dst, 0)
	return append(dst, service...)
}

// cachedSigningKey returns kSigning from c, deriving and caching it on a
// miss.
func cachedSigningKey(c *keyCache[[32]byte], akid, secret, date, region, service string, bound int) [32]byte {
	var kb [160]byte
	key := appendCacheKey(kb[:0], akid, date, region, service)
	if v, ok := c.get(key, secret, bound); ok {
		return v
	}
	k := deriveSigningKey(secret, date, region, service)
	c.put(key, secret, k, bound)
	return k
}
