package authn_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// A user with an access key: the key resolves to the user, whose request
// context carries its policies and condition keys.
func ExampleAccount_CreateAccessKey() {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	d := authn.New(authn.Config{Now: func() time.Time { return now }, Rand: rand.NewChaCha8([32]byte{})})
	acct, _ := d.CreateAccount("123456789012", "admin@example.com")
	if _, err := acct.CreateUser(authn.CreateUserInput{UserName: "bob", Path: "/staff/"}); err != nil {
		panic(err)
	}
	_ = acct.PutUserPolicy("bob", "read", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	key, _ := acct.CreateAccessKey("bob")
	fmt.Println(key.AccessKeyID[:4], key.Status, len(key.SecretAccessKey))

	id, _ := d.Resolve(key.AccessKeyID)
	fmt.Println(id.Principal.ARN, id.Principal.Type)
	rc, _ := d.PolicyContext(&id.Principal)
	username, _, _ := rc.Context.Get("aws:username")
	fmt.Println(rc.Identity.Len(), "policy; aws:username =", username[0])

	err := authn.Authorizer{Directory: d}.Authorize(&id.Principal, authz.Check{Action: "s3:PutObject", Resource: "arn:aws:s3:::b/k"})
	fmt.Println(err)
	// Output:
	// AKIA Active 40
	// arn:aws:iam::123456789012:user/staff/bob User
	// 1 policy; aws:username = bob
	// AccessDenied: User: arn:aws:iam::123456789012:user/staff/bob is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the s3:PutObject action
}

// AssumeRole: a user assumes a role whose trust policy names it, and the
// session has the role's permissions.
func ExampleDirectory_AssumeRole() {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	d := authn.New(authn.Config{Now: func() time.Time { return now }, Rand: rand.NewChaCha8([32]byte{})})
	acct, _ := d.CreateAccount("123456789012", "admin@example.com")
	_, _ = acct.CreateUser(authn.CreateUserInput{UserName: "alice"})
	key, _ := acct.CreateAccessKey("alice")
	_, err := acct.CreateRole(authn.CreateRoleInput{
		RoleName:                 "Deploy",
		AssumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"sts:AssumeRole"}]}`,
	})
	if err != nil {
		panic(err)
	}
	_ = acct.PutRolePolicy("Deploy", "deploy", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:UpdateFunctionCode","Resource":"*"}]}`)

	alice, _ := d.Resolve(key.AccessKeyID)
	out, err := d.AssumeRole(&alice.Principal, authn.AssumeRoleInput{
		RoleARN:         "arn:aws:iam::123456789012:role/Deploy",
		RoleSessionName: "release-42",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(out.AssumedRoleUser.ARN)
	fmt.Println(strings.HasPrefix(out.Credentials.AccessKeyID, "ASIA"), out.Credentials.Expiration.Sub(now))

	session, _ := d.Resolve(out.Credentials.AccessKeyID)
	caller, _ := d.GetCallerIdentity(&session.Principal)
	fmt.Println(caller.ARN, strings.HasSuffix(caller.UserID, ":release-42"))
	err = authn.Authorizer{Directory: d}.Authorize(&session.Principal, authz.Check{Action: "lambda:UpdateFunctionCode", Resource: "*"})
	fmt.Println("lambda:UpdateFunctionCode allowed:", err == nil)
	// Output:
	// arn:aws:sts::123456789012:assumed-role/Deploy/release-42
	// true 1h0m0s
	// arn:aws:sts::123456789012:assumed-role/Deploy/release-42 true
	// lambda:UpdateFunctionCode allowed: true
}

// TOTP codes of a virtual MFA device, as an authenticator app computes
// them (RFC 6238's SHA-1 test seed).
func ExampleTOTP() {
	seed := []byte("12345678901234567890")
	fmt.Println(authn.TOTP(seed, time.Unix(59, 0), 8))
	fmt.Println(authn.TOTP(seed, time.Unix(1111111109, 0), 6))
	// Output:
	// 94287082
	// 081804
}
