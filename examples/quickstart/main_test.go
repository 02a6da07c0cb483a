package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"rejected policy: MalformedPolicyDocument: Policy document should not specify a principal.",
		"-- alice reads a report from the office\nallowed:",
		"-- alice writes into her own folder\nallowed:",
		"-- alice writes into bob's folder\nimplicitDeny:",
		"because no identity-based policy allows the s3:PutObject action",
		"-- alice reads a report from a cafe\nexplicitDeny:",
		"with an explicit deny in an identity-based policy: arn:aws:iam::222222222222:policy/OfficeOnly",
		"with an explicit deny in a service control policy: arn:aws:organizations::111111111111:policy/o-example/service_control_policy/p-protectinspector",
		"-- an auditor role from the management account reads cross-account\nallowed:",
		"-- the same auditor without a bucket policy\nimplicitDeny:",
		"because no resource-based policy allows the s3:GetObject action",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q\n--- output:\n%s", want, out)
		}
	}
}
