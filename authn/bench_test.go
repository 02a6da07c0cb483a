package authn_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// benchUser creates a user with 10 attached managed policies and a key.
func benchUser(b *testing.B) (*world, authn.AccessKey) {
	w := newWorld(b)
	must[authn.User](b)(w.a.CreateUser(authn.CreateUserInput{UserName: "bench", Tags: []authn.Tag{{Key: "team", Value: "blue"}}}))
	for i := range 10 {
		doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"arn:aws:s3:::bucket-` + strconv.Itoa(i) + `/*"},{"Effect":"Deny","Action":"iam:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]}`
		p := must[authn.ManagedPolicy](b)(w.a.CreatePolicy(authn.CreatePolicyInput{PolicyName: "p" + strconv.Itoa(i), PolicyDocument: doc}))
		ok(b, w.a.AttachUserPolicy("bench", p.ARN))
	}
	k := must[authn.AccessKey](b)(w.a.CreateAccessKey("bench"))
	return w, k
}

// BenchmarkResolvePolicyContext resolves a long-term key and builds the
// request context of a user with 10 attached policies (cached lists).
func BenchmarkResolvePolicyContext(b *testing.B) {
	w, k := benchUser(b)
	b.ReportAllocs()
	for b.Loop() {
		id, err := w.d.Resolve(k.AccessKeyID)
		if err != nil {
			b.Fatal(err)
		}
		rc, err := w.d.PolicyContext(&id.Principal)
		if err != nil || rc.Identity.Len() != 10 {
			b.Fatal(err)
		}
	}
}

// BenchmarkPolicyContextUncached rebuilds the lists every time: a change
// (a tag) invalidates the cache before each call.
func BenchmarkPolicyContextUncached(b *testing.B) {
	w, k := benchUser(b)
	id := must[*authn.Identity](b)(w.d.Resolve(k.AccessKeyID))
	tags := []authn.Tag{{Key: "n", Value: "v"}}
	b.ReportAllocs()
	for b.Loop() {
		if err := w.a.TagUser("bench", tags); err != nil {
			b.Fatal(err)
		}
		if _, err := w.d.PolicyContext(&id.Principal); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuthorize is one check by the built-in Authorizer for that
// user.
func BenchmarkAuthorize(b *testing.B) {
	w, k := benchUser(b)
	id := must[*authn.Identity](b)(w.d.Resolve(k.AccessKeyID))
	az := authn.Authorizer{Directory: w.d}
	check := authz.Check{Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket-9/key"}
	b.ReportAllocs()
	for b.Loop() {
		if err := az.Authorize(&id.Principal, check); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAssumeRole is a same-account AssumeRole through the built-in
// Authorizer, a session issued each time. The clock moves a minute per
// call so that expired sessions are purged and the store stays bounded.
func BenchmarkAssumeRole(b *testing.B) {
	w := newWorld(b)
	caller, _ := w.userWithKey(b, w.a, "caller", allow("sts:AssumeRole", "*"))
	must[authn.Role](b)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "target", AssumeRolePolicyDocument: trustAWS(acctA)}))
	in := authn.AssumeRoleInput{RoleARN: roleARN(acctA, "target"), RoleSessionName: "bench", DurationSeconds: 900}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := w.d.AssumeRole(caller, in); err != nil {
			b.Fatal(err)
		}
		w.clock.Advance(time.Minute)
	}
}

func BenchmarkLookupKey(b *testing.B) {
	w, k := benchUser(b)
	b.Run("long-term", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := w.d.LookupKey(k.AccessKeyID); err != nil {
				b.Fatal(err)
			}
		}
	})
	id := must[*authn.Identity](b)(w.d.Resolve(k.AccessKeyID))
	cr := must[authn.Credentials](b)(w.d.GetSessionToken(&id.Principal, authn.GetSessionTokenInput{}))
	b.Run("session", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := w.d.LookupKey(cr.AccessKeyID); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkParseVerifyJWT(b *testing.B) {
	w := newWorld(b)
	set := must[*authn.JWKS](b)(authn.ParseJWKS(jwks()))
	for _, key := range []string{"rsa1", "ec1"} {
		tok := mint(b, key, claims(w))
		b.Run(key, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				j, err := authn.ParseJWT(tok)
				if err != nil || j.Verify(set) != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
