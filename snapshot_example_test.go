package awsaccess_test

import (
	"fmt"
	"time"

	"github.com/seed-e2e06c4d/awsaccess"
)

// A snapshot of a Cloud restores into a Cloud that continues exactly where
// the first one was: the next ids, keys and tokens are the same.
func ExampleCloud_Snapshot() {
	now := func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }
	cloud := awsaccess.New(awsaccess.Config{Now: now, Seed: 1, PasswordHashIterations: 1, Regions: []string{"us-east-1"}})
	if _, err := cloud.CreateAccount("111111111111", "ops@example.com", "ops"); err != nil {
		panic(err)
	}
	snap, err := cloud.Snapshot()
	if err != nil {
		panic(err)
	}
	restored, err := awsaccess.Restore(awsaccess.Config{Now: now, PasswordHashIterations: 1}, snap)
	if err != nil {
		panic(err)
	}
	key := func(c *awsaccess.Cloud) string {
		acct, err := c.IAM().Account("111111111111")
		if err != nil {
			panic(err)
		}
		k, err := acct.CreateAccessKey("")
		if err != nil {
			panic(err)
		}
		return k.AccessKeyID
	}
	a, b := key(cloud), key(restored)
	fmt.Println(a == b, len(a))
	// Output: true 20
}
