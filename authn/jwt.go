package authn

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"strings"
	"time"
)

// Errors of the JWT and JWKS parsers, wrapped by the STS errors.
var (
	ErrMalformedJWT  = errors.New("authn: malformed JWT")
	ErrJWTSignature  = errors.New("authn: JWT signature does not verify")
	ErrJWTNoKey      = errors.New("authn: no key for the JWT")
	ErrMalformedJWKS = errors.New("authn: malformed JWKS")
)

// MaxWebIdentityTokenSize is the longest WebIdentityToken STS accepts.
const MaxWebIdentityTokenSize = 20000

// JWT is a parsed, not yet verified, JSON Web Token in compact
// serialisation (RFC 7519): an OIDC ID token.
type JWT struct {
	// Header fields.
	Algorithm string // "alg": RS256 or ES256
	KeyID     string // "kid"
	// Claims holds the payload; numbers are json.Number.
	Claims map[string]any

	signingInput string
	signature    []byte
}

// ParseJWT parses a compact JWS of a JSON payload. It checks the form
// (three base64url parts, JSON objects, a supported "alg") but not the
// signature or the claims; see [JWT.Verify].
func ParseJWT(token string) (*JWT, error) {
	if len(token) > MaxWebIdentityTokenSize {
		return nil, ErrMalformedJWT
	}
	h, rest, ok := strings.Cut(token, ".")
	if !ok {
		return nil, ErrMalformedJWT
	}
	p, s, ok := strings.Cut(rest, ".")
	if !ok || strings.Contains(s, ".") {
		return nil, ErrMalformedJWT
	}
	hb, err1 := b64url(h)
	pb, err2 := b64url(p)
	sig, err3 := b64url(s)
	if err1 != nil || err2 != nil || err3 != nil {
		return nil, ErrMalformedJWT
	}
	var header struct {
		Alg  string `json:"alg"`
		Kid  string `json:"kid"`
		Crit []any  `json:"crit"`
	}
	if err := json.Unmarshal(hb, &header); err != nil {
		return nil, ErrMalformedJWT
	}
	if header.Alg != "RS256" && header.Alg != "ES256" {
		return nil, ErrMalformedJWT
	}
	if header.Crit != nil {
		return nil, ErrMalformedJWT // no extension is understood
	}
	claims, err := decodeObject(pb)
	if err != nil {
		return nil, ErrMalformedJWT
	}
	return &JWT{Algorithm: header.Alg, KeyID: header.Kid, Claims: claims, signingInput: h + "." + p, signature: sig}, nil
}

func b64url(s string) ([]byte, error) {
	return base64.RawURLEncoding.DecodeString(s)
}

func decodeObject(b []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	if m == nil || dec.More() {
		return nil, ErrMalformedJWT
	}
	return m, nil
}

// Verify checks the signature with a key of the set: the key with the
// token's kid, or, without a kid, any key of the algorithm's type.
func (t *JWT) Verify(keys *JWKS) error {
	if keys == nil || len(keys.keys) == 0 {
		return ErrJWTNoKey
	}
	digest := sha256.Sum256([]byte(t.signingInput))
	tried := false
	for _, k := range keys.keys {
		if t.KeyID != "" && k.kid != t.KeyID {
			continue
		}
		if k.alg != "" && k.alg != t.Algorithm {
			continue
		}
		switch pub := k.pub.(type) {
		case *rsa.PublicKey:
			if t.Algorithm != "RS256" {
				continue
			}
			tried = true
			if rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], t.signature) == nil {
				return nil
			}
		case *ecdsa.PublicKey:
			if t.Algorithm != "ES256" || pub.Curve != elliptic.P256() {
				continue
			}
			tried = true
			if len(t.signature) == 64 {
				r := new(big.Int).SetBytes(t.signature[:32])
				s := new(big.Int).SetBytes(t.signature[32:])
				if ecdsa.Verify(pub, digest[:], r, s) {
					return nil
				}
			}
		}
	}
	if !tried {
		return ErrJWTNoKey
	}
	return ErrJWTSignature
}

// String returns a string claim.
func (t *JWT) String(name string) (string, bool) {
	v, ok := t.Claims[name].(string)
	return v, ok
}

// Strings returns a claim that is a string or an array of strings (aud,
// amr).
func (t *JWT) Strings(name string) []string {
	switch v := t.Claims[name].(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// Time returns a NumericDate claim (exp, nbf, iat).
func (t *JWT) Time(name string) (time.Time, bool) {
	n, ok := t.Claims[name].(json.Number)
	if !ok {
		return time.Time{}, false
	}
	f, err := n.Float64()
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f > 1<<40 {
		return time.Time{}, false
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), true
}

// JWKS is a JSON Web Key Set (RFC 7517) of RSA and P-256 public keys.
type JWKS struct {
	keys []jwk
}

type jwk struct {
	kid, alg string
	pub      crypto.PublicKey
}

// Len returns the number of usable keys.
func (s *JWKS) Len() int {
	if s == nil {
		return 0
	}
	return len(s.keys)
}

// ParseJWKS parses a key set {"keys":[...]}. It keeps RSA keys (kty RSA,
// n, e) of at least 2,048 bits and EC keys on P-256 (kty EC, crv P-256,
// x, y); keys of other types or with "use" other than "sig" are skipped.
// A malformed key of a supported type is an error.
func ParseJWKS(data []byte) (*JWKS, error) {
	var doc struct {
		Keys []map[string]any `json:"keys"`
	}
	if err := json.Unmarshal(data, &doc); err != nil || doc.Keys == nil {
		return nil, ErrMalformedJWKS
	}
	set := &JWKS{}
	for _, m := range doc.Keys {
		str := func(k string) string { s, _ := m[k].(string); return s }
		if use := str("use"); use != "" && use != "sig" {
			continue
		}
		k := jwk{kid: str("kid"), alg: str("alg")}
		switch str("kty") {
		case "RSA":
			n, err1 := b64url(str("n"))
			e, err2 := b64url(str("e"))
			if err1 != nil || err2 != nil || len(n) < 256 || len(e) == 0 || len(e) > 4 {
				return nil, ErrMalformedJWKS
			}
			var ev int
			for _, c := range e {
				ev = ev<<8 | int(c)
			}
			if ev < 3 || ev%2 == 0 {
				return nil, ErrMalformedJWKS
			}
			k.pub = &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: ev}
		case "EC":
			if str("crv") != "P-256" {
				continue
			}
			x, err1 := b64url(str("x"))
			y, err2 := b64url(str("y"))
			if err1 != nil || err2 != nil || len(x) != 32 || len(y) != 32 {
				return nil, ErrMalformedJWKS
			}
			pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), append(append([]byte{4}, x...), y...))
			if err != nil {
				return nil, ErrMalformedJWKS
			}
			k.pub = pub
		default:
			continue
		}
		set.keys = append(set.keys, k)
	}
	return set, nil
}
