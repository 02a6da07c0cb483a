package sigv4_test

import (
	"errors"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
)

// rekey moves every header of r to the key f gives its canonical key, as
// library callers do who write the map directly.
func rekey(r *http.Request, f func(string) string) {
	h := http.Header{}
	for k, v := range r.Header {
		h[f(k)] = v
	}
	r.Header = h
}

// Verify finds headers under any key, not only the canonical keys Go's
// server writes: the well-known ones (Authorization, X-Amz-Date, the
// session token, X-Amz-Content-Sha256), the signed ones, and the x-amz-*
// headers that must be signed.
func TestVerifyNonCanonicalKeys(t *testing.T) {
	forms := map[string]func(string) string{
		"lower": strings.ToLower,
		"upper": strings.ToUpper,
		"mixed": func(k string) string {
			b := []byte(strings.ToLower(k))
			for i := 0; i < len(b); i += 2 {
				if 'a' <= b[i] && b[i] <= 'z' {
					b[i] -= 'a' - 'A'
				}
			}
			return string(b)
		},
	}
	for name, f := range forms {
		t.Run(name, func(t *testing.T) {
			sign := func(mutate func(*http.Request)) (*http.Request, []byte) {
				r, body := signedRequest(t, temporary, func(r *http.Request) {
					r.Header.Set("X-Amz-Target", "Svc.Op")
					r.Header.Set("X-Amz-Content-Sha256", sha256Hex([]byte("Action=GetCallerIdentity&Version=2011-06-15")))
					if mutate != nil {
						mutate(r)
					}
				})
				rekey(r, f)
				return r, body
			}
			r, body := sign(nil)
			v := &sigv4.Verifier{Keys: testKeys()}
			res, err := v.Verify(r, body, testTime)
			if err != nil {
				t.Fatalf("verify: %v", err)
			}
			if strings.Join(res.SignedHeaders, ";") != "content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target" {
				t.Errorf("signed headers %q", res.SignedHeaders)
			}

			// A changed signed value fails.
			r, body = sign(nil)
			r.Header[f("X-Amz-Target")] = []string{"Svc.Other"}
			if _, err := v.Verify(r, body, testTime); !errors.Is(err, sigv4.ErrSignatureDoesNotMatch) {
				t.Errorf("changed x-amz-target: %v", err)
			}
			// A wrong session token fails.
			r, body = sign(nil)
			r.Header[f("X-Amz-Security-Token")] = []string{tempToken + "x"}
			if _, err := v.Verify(r, body, testTime); !errors.Is(err, sigv4.ErrInvalidToken) {
				t.Errorf("changed token: %v", err)
			}
			// A payload hash that is not the body's fails.
			r, body = sign(nil)
			r.Header[f("X-Amz-Content-Sha256")] = []string{sha256Hex([]byte("other"))}
			if _, err := v.Verify(r, body, testTime); !errors.Is(err, sigv4.ErrContentSHA256Mismatch) {
				t.Errorf("changed content hash: %v", err)
			}
			// An x-amz-* header added after signing is not signed.
			r, body = sign(nil)
			r.Header[f("X-Amz-Meta-Late")] = []string{"1"}
			if _, err := v.Verify(r, body, testTime); !errors.Is(err, sigv4.ErrHeadersNotSigned) ||
				!strings.HasSuffix(err.Error(), "x-amz-meta-late") {
				t.Errorf("unsigned x-amz-meta-late: %v", err)
			}
			// Without its date the request is incomplete.
			r, body = sign(nil)
			delete(r.Header, f("X-Amz-Date"))
			if _, err := v.Verify(r, body, testTime); !errors.Is(err, sigv4.ErrIncompleteSignature) {
				t.Errorf("no date: %v", err)
			}
			// Without its Authorization header it is not authenticated.
			r, body = sign(nil)
			delete(r.Header, f("Authorization"))
			if _, err := v.Verify(r, body, testTime); !errors.Is(err, sigv4.ErrMissingAuthenticationToken) {
				t.Errorf("no authorization: %v", err)
			}
		})
	}
}

// A session token that differs from the key's in one byte is refused,
// wherever the byte is and whatever the bytes after it hold.
func TestVerifyTokenOneByteOff(t *testing.T) {
	keyToken := strings.Repeat("a", 96)
	keys := mapKeys{tempAKID: {AccessKeyID: tempAKID, SecretAccessKey: tempSecret, SessionToken: keyToken, Active: true}}
	for i := 0; i < len(keyToken); i++ {
		sent := []byte(keyToken)
		sent[i] = 'A'
		creds := sigv4.Credentials{AccessKeyID: tempAKID, SecretAccessKey: tempSecret, SessionToken: string(sent)}
		r, body := signedRequest(t, creds, nil)
		if _, err := (&sigv4.Verifier{Keys: keys}).Verify(r, body, testTime); !errors.Is(err, sigv4.ErrInvalidToken) {
			t.Fatalf("token with byte %d changed: %v", i, err)
		}
	}
}

// The canonical keys of common headers take a fast path (a switch on the
// key); every other key is folded byte by byte. A signed request verifies
// alike, to the error and its message, whether its keys are canonical or
// re-cased at random, and whether or not a random x-amz-* or other header
// is added after signing.
func checkKeyCaseDifferential(t *rapid.T) {
	g := genRequest(t, false)
	r := signGen(t, g)
	switch rapid.IntRange(0, 2).Draw(t, "added") {
	case 1:
		r.Header.Set("X-Amz-Meta-"+rapid.StringMatching(`[A-Za-z]{1,8}`).Draw(t, "meta"), "v")
	case 2:
		r.Header.Set("X-Other", "v")
	}
	v := &sigv4.Verifier{Keys: g.keys()}
	now := skewWithin(t, g.t)
	res1, err1 := v.Verify(r, g.body, now)

	recased := http.Header{}
	for k, vals := range r.Header {
		b := []byte(k)
		for i := range b {
			if ('a' <= b[i] && b[i] <= 'z' || 'A' <= b[i] && b[i] <= 'Z') && rapid.Bool().Draw(t, "flip") {
				b[i] ^= 0x20
			}
		}
		if _, dup := recased[string(b)]; dup {
			b = []byte(k)
		}
		recased[string(b)] = vals
	}
	r2 := r.Clone(r.Context())
	r2.Header = recased
	res2, err2 := v.Verify(r2, g.body, now)
	if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
		t.Fatalf("canonical keys: %v; keys %v: %v", err1, slices.Collect(maps.Keys(recased)), err2)
	}
	if err1 == nil && (strings.Join(res1.SignedHeaders, ";") != strings.Join(res2.SignedHeaders, ";") || res1.PayloadHash != res2.PayloadHash) {
		t.Fatalf("results differ: %+v, %+v", res1, res2)
	}
}

func TestPropertyKeyCaseDifferential(t *testing.T) { rapid.Check(t, checkKeyCaseDifferential) }

func FuzzPropertyKeyCaseDifferential(f *testing.F) { f.Fuzz(rapid.MakeFuzz(checkKeyCaseDifferential)) }
