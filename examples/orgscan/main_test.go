package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatalf("%v\n--- output so far:\n%s", err, buf.String())
	}
	out := buf.String()
	for _, want := range []string{
		"DENIED  the management account's read-only auditor designates 222222222222",
		"because no identity-based policy allows the inspector2:EnableDelegatedAdminAccount action",
		"DENIED  a member account designates itself",
		"ok      the management admin designates 222222222222 in us-east-1",
		"ok      the management admin designates 222222222222 in us-west-2",
		"trusted access for inspector2.amazonaws.com: true; delegated administrators: [222222222222]",
		"service-linked role: arn:aws:iam::111111111111:role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2",
		"CVE-2021-44228",
		"a member (333333333333) sees",
		"all its own: true",
		"findings suppressed",
		"DENIED  a member creates a suppression rule",
		"DENIED  a member disables Inspector while associated",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("output:\n%s", out)
	}
}
