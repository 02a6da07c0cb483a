package awsaccess_test

import (
	"testing"
	"time"

	"github.com/seed-e2e06c4d/awsaccess"
)

func TestDefaultWorldApplies(t *testing.T) {
	now := epoch
	c := awsaccess.New(awsaccess.Config{Now: func() time.Time { return now }, Seed: 7, PasswordHashIterations: 1})
	keys, err := c.Apply(awsaccess.DefaultWorld())
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 9 {
		t.Errorf("%d access keys, want 9 (4 root users, 5 users)", len(keys))
	}
	for _, k := range keys {
		p, err := c.Caller(k.AccessKeyID)
		if err != nil || p.Account != k.Account {
			t.Errorf("key %s of %s/%s resolves to %v, %v", k.AccessKeyID, k.Account, k.UserName, p, err)
		}
	}
	if _, orgID, ok := c.Organizations().ManagementAccount("333333333333"); !ok || orgID == "" {
		t.Errorf("333333333333 is in no organization")
	}
	if got := len(c.Inspector().EC2Instances("us-east-1", "333333333333")); got != 2 {
		t.Errorf("%d EC2 instances registered in 333333333333, want 2", got)
	}
	// The same seed gives the same keys.
	c2 := awsaccess.New(awsaccess.Config{Now: func() time.Time { return now }, Seed: 7, PasswordHashIterations: 1})
	keys2, err := c2.Apply(awsaccess.DefaultWorld())
	if err != nil {
		t.Fatal(err)
	}
	for i := range keys {
		if keys[i] != keys2[i] {
			t.Errorf("key %d differs between two worlds of one seed: %v vs %v", i, keys[i], keys2[i])
		}
	}
}

func TestParseWorldRejectsUnknownFields(t *testing.T) {
	if _, err := awsaccess.ParseWorld([]byte(`{"accounts":[],"acounts":[]}`)); err == nil {
		t.Error("ParseWorld accepted an unknown field")
	}
}
