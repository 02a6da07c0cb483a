package authn_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn"
)

// Tags on a customer managed policy: a key matched case-insensitively is
// replaced, Untag removes by key, and AWS managed policies refuse tags.
func ExampleAccount_TagPolicy() {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	d := authn.New(authn.Config{Now: func() time.Time { return now }, Rand: rand.NewChaCha8([32]byte{})})
	acct, _ := d.CreateAccount("123456789012", "admin@example.com")
	p, err := acct.CreatePolicy(authn.CreatePolicyInput{
		PolicyName:     "read",
		PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`,
		Tags:           []authn.Tag{{Key: "team", Value: "blue"}},
	})
	if err != nil {
		panic(err)
	}
	_ = acct.TagPolicy(p.ARN, []authn.Tag{{Key: "Team", Value: "red"}, {Key: "env", Value: "prod"}})
	_ = acct.UntagPolicy(p.ARN, []string{"ENV"})
	got, _ := acct.GetPolicy(p.ARN)
	fmt.Println(got.Tags)
	fmt.Println(acct.TagPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess", got.Tags))
	// Output:
	// [{Team red}]
	// InvalidInput: Tags not supported for policies in this domain
}
