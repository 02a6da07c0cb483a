package sigv4

import (
	"crypto/sha256"
	"encoding"
	"sync"
	"sync/atomic"
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
	// last is the entry stored last (one more than the bound at most): a
	// hit there needs no lock, which is the common case of a client
	// signing with one key.
	last     atomic.Pointer[lastEntry[V]]
	mu       sync.RWMutex
	cur, old map[string]cacheEntry[V]
}

type lastEntry[V any] struct {
	key string
	cacheEntry[V]
}

type cacheEntry[V any] struct {
	secret string
	val    V
}

// get returns the value cached under key if it was derived from secret.
func (c *keyCache[V]) get(key []byte, secret string, bound int) (V, bool) {
	if l := c.last.Load(); l != nil && l.key == string(key) && l.secret == secret {
		return l.val, true
	}
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
		c.cur = make(map[string]cacheEntry[V])
	}
	k := string(key)
	c.cur[k] = cacheEntry[V]{secret: secret, val: v}
	delete(c.old, k)
	c.last.Store(&lastEntry[V]{key: k, cacheEntry: cacheEntry[V]{secret: secret, val: v}})
}

func (c *keyCache[V]) clear() {
	c.mu.Lock()
	c.cur, c.old = nil, nil
	c.last.Store(nil)
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

// signingKey is a derived SigV4 key with the SHA-256 states of its HMAC
// after the inner and the outer pad block: signing with it then hashes two
// blocks fewer than HMAC from scratch.
type signingKey struct {
	key          [32]byte
	inner, outer []byte // marshaled SHA-256 states
}

func newSigningKey(k [32]byte) *signingKey {
	sk := &signingKey{key: k}
	h := sha256.New()
	m, ok := h.(encoding.BinaryMarshaler)
	if !ok {
		return sk
	}
	var pad [64]byte
	for i := range pad {
		pad[i] = 0x36
		if i < len(k) {
			pad[i] ^= k[i]
		}
	}
	h.Write(pad[:])
	inner, err1 := m.MarshalBinary()
	h.Reset()
	for i := range pad {
		pad[i] ^= 0x36 ^ 0x5c
	}
	h.Write(pad[:])
	outer, err2 := m.MarshalBinary()
	if err1 == nil && err2 == nil {
		sk.inner, sk.outer = inner, outer
	}
	return sk
}

// cachedSigningKey returns kSigning from c, deriving and caching it on a
// miss.
func cachedSigningKey(c *keyCache[*signingKey], akid, secret, date, region, service string, bound int) *signingKey {
	var kb [160]byte
	key := appendCacheKey(kb[:0], akid, date, region, service)
	if v, ok := c.get(key, secret, bound); ok {
		return v
	}
	k := newSigningKey(deriveSigningKey(secret, date, region, service))
	c.put(key, secret, k, bound)
	return k
}
