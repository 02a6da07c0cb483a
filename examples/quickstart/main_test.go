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
		"verified: arn:aws:iam::111111111111:user/carol signed for organizations in us-east-1",
		"organizations:ListAccounts: allowed",
		"organizations:CreateAccount: implicitDeny",
		"a tampered copy fails: InvalidSignatureException (400)",
		"after 3m0s: SUCCEEDED",
		"the root user assumes OrganizationAccountAccessRole: AccessDenied: Roles may not be assumed by root accounts.",
		"the member registers itself: AccessDeniedException",
		"before trusted access: ConstraintViolationException",
		"HIGH CVE-2022-0778 - openssl in 111111111111 on i-0123456789abcdef0",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q\n--- output:\n%s", want, out)
		}
	}
}
