// Command quickstart tours awsaccess on an embedded default: IAM policies
// parsed and evaluated exactly as AWS does, each decision with its
// explanation; a request signed with SigV4, verified and authorised; an
// organization delegating Amazon Inspector, with the refusals it must make;
// and Inspector's findings seen from the delegated administrator.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

const (
	mgmt   = "111111111111"
	member = "222222222222"
)

// The policies of the tour, as their owners would write them.
const (
	readOnlyS3 = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "ReadReports",
    "Effect": "Allow",
    "Action": ["s3:GetObject", "s3:ListBucket"],
    "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
  }]
}`
	ownFolder = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "HomeFolder",
    "Effect": "Allow",
    "Action": "s3:PutObject",
    "Resource": "arn:aws:s3:::reports/home/${aws:username}/*"
  }]
}`
	denyOutsideOffice = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "OfficeOnly",
    "Effect": "Deny",
    "Action": "*",
    "Resource": "*",
    "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}
  }]
}`
	fullAWSAccess        = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	denyInspectorChanges = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "NoInspectorChanges",
    "Effect": "Deny",
    "Action": ["inspector2:Disable", "inspector2:DeleteFilter"],
    "Resource": "*"
  }]
}`
	crossAccountBucket = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "AuditorsRead",
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::` + mgmt + `:root"},
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::reports/*"
  }]
}`
)

func run(w io.Writer) error {
	parse := func(k authz.Kind, name, doc string) (authz.Named, error) {
		p, err := authz.Parse(k, []byte(doc))
		if err != nil {
			return authz.Named{}, fmt.Errorf("%s: %w", name, err)
		}
		return authz.Named{Name: name, Policy: p}, nil
	}
	var named []authz.Named
	for _, d := range []struct {
		kind      authz.Kind
		name, doc string
	}{
		{authz.Identity, "arn:aws:iam::" + member + ":policy/ReadOnlyS3", readOnlyS3},
		{authz.Identity, "arn:aws:iam::" + member + ":policy/OwnFolder", ownFolder},
		{authz.Identity, "arn:aws:iam::" + member + ":policy/OfficeOnly", denyOutsideOffice},
		{authz.SCP, "arn:aws:organizations::" + mgmt + ":policy/o-example/service_control_policy/p-FullAWSAccess", fullAWSAccess},
		{authz.SCP, "arn:aws:organizations::" + mgmt + ":policy/o-example/service_control_policy/p-protectinspector", denyInspectorChanges},
		{authz.Resource, "bucket policy of reports", crossAccountBucket},
		{authz.Identity, "arn:aws:iam::" + mgmt + ":policy/AuditReports", readOnlyS3},
	} {
		n, err := parse(d.kind, d.name, d.doc)
		if err != nil {
			return err
		}
		named = append(named, n)
	}
	identity := authz.NewPolicyList(named[0], named[1], named[2])
	fullAccess := authz.NewPolicyList(named[3])
	memberSCPs := authz.NewPolicyList(named[3], named[4])
	bucket := authz.NewPolicyList(named[5])

	// A malformed policy is rejected with IAM's own message.
	if _, err := authz.Parse(authz.Identity, []byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}`)); err != nil {
		fmt.Fprintf(w, "rejected policy: %v\n\n", err)
	}

	alice := authz.Principal{Type: authz.PrincipalUser, ARN: "arn:aws:iam::" + member + ":user/alice", Account: member, UserName: "alice"}
	auditor := authz.Principal{Type: authz.PrincipalAssumedRole, ARN: "arn:aws:sts::" + mgmt + ":assumed-role/Auditor/audit-1", Account: mgmt, RoleARN: "arn:aws:iam::" + mgmt + ":role/Auditor"}
	office := authz.NewContext().Set("aws:SourceIp", "203.0.113.20")
	cafe := authz.NewContext().Set("aws:SourceIp", "198.51.100.7")
	memberSet := &authz.PolicySet{Identity: identity, SCPs: []*authz.PolicyList{fullAccess, memberSCPs}, Resource: bucket}

	cases := []struct {
		title string
		req   authz.Request
		set   *authz.PolicySet
	}{
		{"alice reads a report from the office", authz.Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/2026/q3.pdf", Context: office}, memberSet},
		{"alice writes into her own folder", authz.Request{Principal: alice, Action: "s3:PutObject", Resource: "arn:aws:s3:::reports/home/alice/notes.txt", Context: office}, memberSet},
		{"alice writes into bob's folder", authz.Request{Principal: alice, Action: "s3:PutObject", Resource: "arn:aws:s3:::reports/home/bob/notes.txt", Context: office}, memberSet},
		{"alice reads a report from a cafe", authz.Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/2026/q3.pdf", Context: cafe}, memberSet},
		{"alice tries to turn Inspector off (an SCP forbids it)", authz.Request{Principal: alice, Action: "inspector2:Disable", Resource: "*", Context: office}, memberSet},
		{"an auditor role from the management account reads cross-account", authz.Request{Principal: auditor, Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/2026/q3.pdf", ResourceAccount: member},
			&authz.PolicySet{Identity: authz.NewPolicyList(named[6]), Resource: bucket, PrincipalInManagementAccount: true}},
		{"the same auditor without a bucket policy", authz.Request{Principal: auditor, Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/2026/q3.pdf", ResourceAccount: member},
			&authz.PolicySet{Identity: authz.NewPolicyList(named[6]), PrincipalInManagementAccount: true}},
	}
	fmt.Fprintln(w, "== IAM policy evaluation")
	for _, c := range cases {
		exp := authz.Explain(&c.req, c.set)
		fmt.Fprintf(w, "\n-- %s\n%s", c.title, exp)
		if exp.Decision != authz.Allowed {
			fmt.Fprintf(w, "  AccessDenied: %s\n", exp.Message())
		}
	}
	return tour(w)
}
