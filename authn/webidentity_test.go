package authn_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn"
)

// Test signing keys, generated once.
var testKeys = sync.OnceValue(func() (k struct {
	rsa, rsa2 *rsa.PrivateKey
	ec        *ecdsa.PrivateKey
}) {
	var err error
	if k.rsa, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		panic(err)
	}
	if k.rsa2, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		panic(err)
	}
	if k.ec, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		panic(err)
	}
	return k
})

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// jwks renders the public test keys as a key set.
func jwks() []byte {
	k := testKeys()
	ecPub, _ := k.ec.PublicKey.Bytes() // 0x04 || X || Y
	set := map[string]any{"keys": []map[string]any{
		{"kty": "RSA", "kid": "rsa1", "alg": "RS256", "use": "sig", "n": b64(k.rsa.N.Bytes()), "e": b64(big.NewInt(int64(k.rsa.E)).Bytes())},
		{"kty": "EC", "kid": "ec1", "crv": "P-256", "x": b64(ecPub[1:33]), "y": b64(ecPub[33:])},
		{"kty": "oct", "kid": "sym", "k": "c2VjcmV0"},
	}}
	b, _ := json.Marshal(set)
	return b
}

// mint signs claims as a JWT with the named test key ("rsa1", "ec1", or
// "rsa2", which is not in the key set but claims kid rsa1).
func mint(t testing.TB, key string, claims map[string]any) string {
	t.Helper()
	k := testKeys()
	alg, kid := "RS256", key
	if key == "ec1" {
		alg = "ES256"
	}
	if key == "rsa2" {
		kid = "rsa1"
	}
	hb, _ := json.Marshal(map[string]any{"alg": alg, "kid": kid, "typ": "JWT"})
	pb, _ := json.Marshal(claims)
	input := b64(hb) + "." + b64(pb)
	digest := sha256.Sum256([]byte(input))
	var sig []byte
	var err error
	switch key {
	case "rsa1":
		sig, err = rsa.SignPKCS1v15(rand.Reader, k.rsa, crypto.SHA256, digest[:])
	case "rsa2":
		sig, err = rsa.SignPKCS1v15(rand.Reader, k.rsa2, crypto.SHA256, digest[:])
	case "ec1":
		var r, s *big.Int
		r, s, err = ecdsa.Sign(rand.Reader, k.ec, digest[:])
		sig = make([]byte, 64)
		r.FillBytes(sig[:32])
		s.FillBytes(sig[32:])
	}
	ok(t, err)
	return input + "." + b64(sig)
}

const issuer = "https://token.example.com/org"

// oidcSetup registers the provider and role "web" trusting it for
// subjects repo:org/*.
func (w *world) oidcSetup(t testing.TB) string {
	t.Helper()
	p := must[authn.OpenIDConnectProvider](t)(w.a.CreateOpenIDConnectProvider(issuer, []string{"sts.amazonaws.com"}, []string{strings.Repeat("a", 40)}, nil))
	ok(t, w.a.SetOpenIDConnectProviderKeys(p.ARN, jwks()))
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + p.ARN + `"},` +
		`"Action":["sts:AssumeRoleWithWebIdentity","sts:TagSession"],"Condition":{"StringEquals":{"token.example.com/org:aud":"sts.amazonaws.com"},"StringLike":{"token.example.com/org:sub":"repo:org/*"}}}]}`
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "web", AssumeRolePolicyDocument: trust}))
	ok(t, w.a.PutRolePolicy("web", "s3", allow("s3:GetObject", "*")))
	return p.ARN
}

func claims(w *world, mods ...func(map[string]any)) map[string]any {
	now := w.clock.Now().Unix()
	c := map[string]any{"iss": issuer, "aud": "sts.amazonaws.com", "sub": "repo:org/app:ref:refs/heads/main", "iat": now, "nbf": now - 5, "exp": now + 300}
	for _, m := range mods {
		m(c)
	}
	return c
}

func TestAssumeRoleWithWebIdentity(t *testing.T) {
	tests := []struct {
		name    string
		key     string
		mod     func(map[string]any)
		advance time.Duration
		code    string
		msg     string
	}{
		{name: "RS256", key: "rsa1"},
		{name: "ES256", key: "ec1"},
		{name: "audience in a list", key: "rsa1", mod: func(c map[string]any) { c["aud"] = []string{"other", "sts.amazonaws.com"} }},
		{name: "expired", key: "rsa1", advance: 301 * time.Second, code: "ExpiredTokenException",
			msg: "Token expired: current date/time 1772366701 must be before the expiration date/time 1772366700"},
		{name: "not yet valid", key: "rsa1", mod: func(c map[string]any) { c["nbf"] = c["iat"].(int64) + 60 }, code: "InvalidIdentityToken"},
		{name: "wrong audience", key: "rsa1", mod: func(c map[string]any) { c["aud"] = "someone-else" }, code: "InvalidIdentityToken", msg: "Incorrect token audience"},
		{name: "no audience", key: "rsa1", mod: func(c map[string]any) { delete(c, "aud") }, code: "InvalidIdentityToken", msg: "Missing a required claim: aud"},
		{name: "wrong issuer", key: "rsa1", mod: func(c map[string]any) { c["iss"] = "https://evil.example.com" }, code: "InvalidIdentityToken",
			msg: "No OpenIDConnect provider found in your account for https://evil.example.com"},
		{name: "bad signature", key: "rsa2", code: "InvalidIdentityToken",
			msg: "The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request."},
		{name: "subject not trusted", key: "ec1", mod: func(c map[string]any) { c["sub"] = "repo:evil/app" }, code: "AccessDenied", msg: "Not authorized to perform sts:AssumeRoleWithWebIdentity"},
		{name: "session tags need sts:TagSession and are set", key: "rsa1", mod: func(c map[string]any) {
			c["https://aws.amazon.com/tags"] = map[string]any{"principal_tags": map[string]any{"team": []string{"blue"}}, "transitive_tag_keys": []string{"team"}}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			prov := w.oidcSetup(t)
			var mods []func(map[string]any)
			if tc.mod != nil {
				mods = append(mods, tc.mod)
			}
			tok := mint(t, tc.key, claims(w, mods...))
			w.clock.Advance(tc.advance)
			out, err := w.d.AssumeRoleWithWebIdentity(authn.AssumeRoleWithWebIdentityInput{RoleARN: roleARN(acctA, "web"), RoleSessionName: "ci", WebIdentityToken: tok})
			if tc.code != "" {
				wantErr(t, err, tc.code, tc.msg)
				return
			}
			ok(t, err)
			if out.Provider != "token.example.com/org" || out.Audience != "sts.amazonaws.com" || out.SubjectFromWebIdentityToken != "repo:org/app:ref:refs/heads/main" {
				t.Errorf("output = %+v", out)
			}
			id := must[*authn.Identity](t)(w.d.Resolve(out.Credentials.AccessKeyID))
			if id.Provider != prov || id.Principal.ARN != "arn:aws:sts::"+acctA+":assumed-role/web/ci" {
				t.Errorf("identity = %+v", id)
			}
			got := contextMap(must[*authn.RequestContext](t)(w.d.PolicyContext(&id.Principal)).Context)
			if got["aws:FederatedProvider"] != prov {
				t.Errorf("aws:FederatedProvider = %q", got["aws:FederatedProvider"])
			}
			if tc.name == "session tags need sts:TagSession and are set" && got["aws:PrincipalTag/team"] != "blue" {
				t.Errorf("aws:PrincipalTag/team = %q", got["aws:PrincipalTag/team"])
			}
			if !w.allowed(t, &id.Principal, "s3:GetObject", "*") {
				t.Error("web identity session lacks the role's permissions")
			}
		})
	}
}

func TestWebIdentityAmrAndUnknownKey(t *testing.T) {
	w := newWorld(t)
	p := must[authn.OpenIDConnectProvider](t)(w.a.CreateOpenIDConnectProvider("https://idp.example.com", []string{"app"}, nil, nil))
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + p.ARN + `"},` +
		`"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"ForAnyValue:StringEquals":{"idp.example.com:amr":"mfa"}}}]}`
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "amr", AssumeRolePolicyDocument: trust}))
	c := map[string]any{"iss": "https://idp.example.com", "aud": "app", "sub": "u1", "exp": w.clock.Now().Unix() + 60, "amr": []string{"pwd", "mfa"}}
	in := authn.AssumeRoleWithWebIdentityInput{RoleARN: roleARN(acctA, "amr"), RoleSessionName: "s1", WebIdentityToken: mint(t, "ec1", c)}
	_, err := w.d.AssumeRoleWithWebIdentity(in)
	wantErr(t, err, "InvalidIdentityToken", "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements")
	ok(t, w.a.SetOpenIDConnectProviderKeys(p.ARN, jwks()))
	must[*authn.AssumeRoleWithWebIdentityOutput](t)(w.d.AssumeRoleWithWebIdentity(in))
	c["amr"] = []string{"pwd"}
	in.WebIdentityToken = mint(t, "ec1", c)
	if _, err := w.d.AssumeRoleWithWebIdentity(in); !errors.Is(err, authn.ErrAccessDenied) {
		t.Errorf("amr without mfa: err = %v", err)
	}
}

func TestJWTParse(t *testing.T) {
	w := newWorld(t)
	tok := mint(t, "rsa1", claims(w))
	j := must[*authn.JWT](t)(authn.ParseJWT(tok))
	if j.Algorithm != "RS256" || j.KeyID != "rsa1" {
		t.Errorf("header = %s %s", j.Algorithm, j.KeyID)
	}
	set := must[*authn.JWKS](t)(authn.ParseJWKS(jwks()))
	if set.Len() != 2 {
		t.Errorf("JWKS keeps %d keys, want 2 (the oct key is skipped)", set.Len())
	}
	ok(t, j.Verify(set))
	parts := strings.Split(tok, ".")
	for name, bad := range map[string]string{
		"two parts":      parts[0] + "." + parts[1],
		"four parts":     tok + ".x",
		"bad base64":     parts[0] + ".@@@." + parts[2],
		"alg none":       b64([]byte(`{"alg":"none"}`)) + "." + parts[1] + ".",
		"alg HS256":      b64([]byte(`{"alg":"HS256"}`)) + "." + parts[1] + "." + parts[2],
		"payload array":  parts[0] + "." + b64([]byte(`[1]`)) + "." + parts[2],
		"crit extension": b64([]byte(`{"alg":"RS256","crit":["x"]}`)) + "." + parts[1] + "." + parts[2],
	} {
		if _, err := authn.ParseJWT(bad); !errors.Is(err, authn.ErrMalformedJWT) {
			t.Errorf("%s: err = %v, want ErrMalformedJWT", name, err)
		}
	}
	// Tampering with the payload breaks the signature.
	tampered := must[*authn.JWT](t)(authn.ParseJWT(parts[0] + "." + b64([]byte(`{"sub":"admin"}`)) + "." + parts[2]))
	if err := tampered.Verify(set); !errors.Is(err, authn.ErrJWTSignature) {
		t.Errorf("tampered: err = %v", err)
	}
}

const samlMetadata = `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.corp.example/saml"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.corp.example/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`

func (w *world) samlSetup(t testing.TB) string {
	t.Helper()
	meta := samlMetadata + "<!--" + strings.Repeat(" ", 1000) + "-->"
	p := must[authn.SAMLProvider](t)(w.a.CreateSAMLProvider("corp", meta, nil))
	sum := sha1.Sum([]byte("https://idp.corp.example/saml" + acctA + "/corp"))
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + p.ARN + `"},` +
		`"Action":"sts:AssumeRoleWithSAML","Condition":{"StringLike":{"saml:aud":"https://*signin.aws.amazon.com/saml"},"StringEquals":{"saml:namequalifier":"` +
		base64.StdEncoding.EncodeToString(sum[:]) + `","saml:sub_type":"persistent"}}}]}`
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "saml", AssumeRolePolicyDocument: trust}))
	return p.ARN
}

func (w *world) assertion(prov string) authn.SAMLAssertion {
	now := w.clock.Now()
	return authn.SAMLAssertion{
		Issuer: "https://idp.corp.example/saml", Audience: "https://signin.aws.amazon.com/saml",
		Subject: "alice", SubjectType: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
		NotBefore: now.Add(-time.Minute), NotOnOrAfter: now.Add(5 * time.Minute),
		Roles:           []string{roleARN(acctA, "saml") + "," + prov},
		RoleSessionName: "alice@corp.example",
	}
}

func TestAssumeRoleWithSAML(t *testing.T) {
	tests := []struct {
		name string
		mod  func(*authn.SAMLAssertion)
		code string
	}{
		{name: "valid"},
		{name: "regional endpoint", mod: func(a *authn.SAMLAssertion) { a.Audience = "https://eu-west-1.signin.aws.amazon.com/saml" }},
		{name: "expired", mod: func(a *authn.SAMLAssertion) { a.NotOnOrAfter = a.NotBefore }, code: "ExpiredTokenException"},
		{name: "wrong audience", mod: func(a *authn.SAMLAssertion) { a.Audience = "https://evil.example/saml" }, code: "InvalidIdentityToken"},
		{name: "wrong issuer", mod: func(a *authn.SAMLAssertion) { a.Issuer = "https://evil.example" }, code: "InvalidIdentityToken"},
		{name: "transient subject not trusted", mod: func(a *authn.SAMLAssertion) { a.SubjectType = "transient" }, code: "AccessDenied"},
		{name: "session duration caps", mod: func(a *authn.SAMLAssertion) { a.SessionDuration = 900 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			prov := w.samlSetup(t)
			as := w.assertion(prov)
			if tc.mod != nil {
				tc.mod(&as)
			}
			out, err := w.d.AssumeRoleWithSAML(authn.AssumeRoleWithSAMLInput{RoleARN: roleARN(acctA, "saml"), PrincipalARN: prov, Assertion: as})
			if tc.code != "" {
				wantErr(t, err, tc.code, "")
				return
			}
			ok(t, err)
			if out.Subject != "alice" || out.SubjectType != "persistent" || out.Issuer != as.Issuer || out.NameQualifier == "" {
				t.Errorf("output = %+v", out)
			}
			if out.AssumedRoleUser.ARN != "arn:aws:sts::"+acctA+":assumed-role/saml/alice@corp.example" {
				t.Errorf("ARN = %s", out.AssumedRoleUser.ARN)
			}
			want := time.Hour
			if as.SessionDuration > 0 {
				want = time.Duration(as.SessionDuration) * time.Second
			}
			if got := out.Credentials.Expiration.Sub(w.clock.Now()); got != want {
				t.Errorf("session lasts %v, want %v", got, want)
			}
		})
	}
}
