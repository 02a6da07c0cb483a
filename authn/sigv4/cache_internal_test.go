package sigv4

import (
	"fmt"
	"sync"
	"testing"
)

// The key cache never holds more than its bound, keeps entries in use, and
// misses when the secret differs.
func TestKeyCacheBounded(t *testing.T) {
	var c keyCache[[32]byte]
	const bound = 10
	hot := []byte("hot")
	c.put(hot, "s", [32]byte{1}, bound)
	for i := range 1000 {
		c.put(fmt.Appendf(nil, "k%d", i), "s", [32]byte{2}, bound)
		if n := c.len(); n > bound {
			t.Fatalf("after %d puts the cache holds %d entries, bound %d", i+1, n, bound)
		}
		if v, ok := c.get(hot, "s", bound); !ok || v != [32]byte{1} {
			t.Fatalf("the entry in use was evicted after %d puts", i+1)
		}
	}
	if _, ok := c.get(hot, "other secret", bound); ok {
		t.Fatal("a different secret hit the cache")
	}
	c.clear()
	if c.len() != 0 {
		t.Fatal("clear left entries")
	}
}

func TestKeyCacheConcurrent(t *testing.T) {
	var s Signer
	s.CacheSize = 8
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				akid := fmt.Sprintf("AKID%d", (g*7+i)%20)
				want := deriveSigningKey("secret", "20150830", "us-east-1", "iam")
				got := cachedSigningKey(&s.keys, akid, "secret", "20150830", "us-east-1", "iam", s.CacheSize)
				if got.key != want {
					t.Errorf("cached key differs from the derived one")
					return
				}
			}
		}()
	}
	wg.Wait()
	if n := s.keys.len(); n > 8 {
		t.Fatalf("cache holds %d entries, bound 8", n)
	}
}
