package awsaccess_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/authn"
)

// benchIAM serves one signed IAM call per iteration through the Handler,
// signing included.
func benchIAM(b *testing.B, w *iamWorld, action string, p url.Values) {
	b.Helper()
	if status, body := w.call(w.root, action, p); status != http.StatusOK {
		b.Fatalf("HTTP %d\n%s", status, body)
	}
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		w.handler.ServeHTTP(rec, w.request(w.root, action, p))
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Body.String())
		}
	}
}

func BenchmarkIAMGetUser(b *testing.B) {
	w := newIAMWorld(b)
	w.user("alice")
	benchIAM(b, w, "GetUser", iamParams("UserName", "alice"))
}

// BenchmarkIAMListUsersPage lists one page of 100 of 1,000 users.
func BenchmarkIAMListUsersPage(b *testing.B) {
	w := newIAMWorld(b)
	acct := w.account()
	for i := range 1000 {
		if _, err := acct.CreateUser(authn.CreateUserInput{UserName: fmt.Sprintf("user%04d", i)}); err != nil {
			b.Fatal(err)
		}
	}
	benchIAM(b, w, "ListUsers", iamParams("MaxItems", "100"))
}

// BenchmarkIAMSimulatePrincipalPolicy simulates 3 actions on 2 resources
// for a user with an inline and an AWS managed policy.
func BenchmarkIAMSimulatePrincipalPolicy(b *testing.B) {
	w := newIAMWorld(b)
	w.user("alice", "ReadS3", iamReadS3)
	if err := w.account().AttachUserPolicy("alice", iamReadOnlyARN); err != nil {
		b.Fatal(err)
	}
	benchIAM(b, w, "SimulatePrincipalPolicy", iamParams("PolicySourceArn", "arn:aws:iam::111111111111:user/alice",
		"ActionNames.member.1", "s3:GetObject", "ActionNames.member.2", "iam:GetUser", "ActionNames.member.3", "iam:CreateUser",
		"ResourceArns.member.1", "arn:aws:s3:::bucket/key", "ResourceArns.member.2", "arn:aws:iam::111111111111:user/bob"))
}
