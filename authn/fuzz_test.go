package authn_test

import (
	"strings"
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/authn"
)

// FuzzParseJWT: the parser never panics; what it accepts has three parts
// and a supported algorithm; and a token only verifies if its signed part
// is one the key holder signed.
func FuzzParseJWT(f *testing.F) {
	w := newWorld(f)
	var signed []string
	for _, key := range []string{"rsa1", "ec1"} {
		tok := mint(f, key, claims(w))
		signed = append(signed, tok[:strings.LastIndexByte(tok, '.')])
		f.Add(tok)
	}
	f.Add("eyJhbGciOiJub25lIn0.e30.")
	f.Add("a.b.c")
	f.Add("")
	set, err := authn.ParseJWKS(jwks())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, tok string) {
		j, err := authn.ParseJWT(tok)
		if err != nil {
			return
		}
		if strings.Count(tok, ".") != 2 || (j.Algorithm != "RS256" && j.Algorithm != "ES256") || j.Claims == nil {
			t.Fatalf("accepted %q: alg %q", tok, j.Algorithm)
		}
		j.Strings("aud")
		j.Time("exp")
		if j.Verify(set) == nil {
			input := tok[:strings.LastIndexByte(tok, '.')]
			found := false
			for _, s := range signed {
				found = found || s == input
			}
			if !found {
				t.Fatalf("forged token verifies: %q", tok)
			}
		}
	})
}

// FuzzParseJWKS: the key set parser never panics and keeps at most the
// keys it was given.
func FuzzParseJWKS(f *testing.F) {
	f.Add(string(jwks()))
	f.Add(`{"keys":[]}`)
	f.Add(`{"keys":[{"kty":"EC","crv":"P-256","x":"","y":""}]}`)
	f.Add(`{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB"}]}`)
	f.Fuzz(func(t *testing.T, doc string) {
		set, err := authn.ParseJWKS([]byte(doc))
		if err != nil {
			return
		}
		if n := strings.Count(doc, "{") - 1; set.Len() > n {
			t.Fatalf("%d keys from a document with %d objects", set.Len(), n)
		}
	})
}

// FuzzSAMLMetadata: CreateSAMLProvider never panics on a metadata
// document, and a provider it creates has the entityID the document
// declares.
func FuzzSAMLMetadata(f *testing.F) {
	f.Add(samlMetadata)
	f.Add(`<EntityDescriptor entityID="x"/>`)
	f.Add(`<md:EntityDescriptor entityID=""></md:EntityDescriptor>`)
	f.Add("<")
	f.Fuzz(func(t *testing.T, meta string) {
		w := newWorld(t)
		padded := meta + "<!--" + strings.Repeat(" ", 1000) + "-->"
		p, err := w.a.CreateSAMLProvider("idp", padded, nil)
		if err != nil {
			return
		}
		if p.EntityID == "" || !strings.Contains(meta, "entityID") {
			t.Fatalf("provider %+v from %q", p, meta)
		}
	})
}
