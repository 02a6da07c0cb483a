package authz_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Native fuzz targets for the parser and the condition evaluator. Their
// seeds are AWS's documented example policies.

var fuzzKinds = authz.Kind("").Values()

// awsExamples are example policies from AWS's documentation, by kind.
var awsExamples = []struct {
	kind authz.Kind
	doc  string
}{
	// AdministratorAccess.
	{authz.Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`},
	// reference_policies_examples_s3_home-directory-console: a home folder per user.
	{authz.Identity, `{"Version":"2012-10-17","Statement":[
		{"Sid":"AllowListingOfUserFolder","Action":["s3:ListBucket"],"Effect":"Allow","Resource":["arn:aws:s3:::amzn-s3-demo-bucket"],
		 "Condition":{"StringLike":{"s3:prefix":["home/${aws:username}/*","home/${aws:username}"]}}},
		{"Sid":"AllowAllS3ActionsInUserFolder","Effect":"Allow","Action":["s3:*"],"Resource":["arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"]}]}`},
	// reference_policies_examples_aws-dates: access within a date range.
	{authz.Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"service-prefix:action-name","Resource":"*",
		"Condition":{"DateGreaterThan":{"aws:CurrentTime":"2020-04-01T00:00:00Z"},"DateLessThan":{"aws:CurrentTime":"2020-06-30T23:59:59Z"}}}]}`},
	// reference_policies_examples_aws_deny-ip: deny by source IP.
	{authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*",
		"Condition":{"NotIpAddress":{"aws:SourceIp":["192.0.2.0/24","203.0.113.0/24"]},"Bool":{"aws:ViaAWSService":"false"}}}}`},
	// reference_policies_examples_ec2_tag-owner: ABAC with principal tags.
	{authz.Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:StartInstances","ec2:StopInstances"],"Resource":"*",
		"Condition":{"StringEquals":{"aws:ResourceTag/Owner":"${aws:username}"}}},{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"}]}`},
	// access_tags: ForAllValues over aws:TagKeys.
	{authz.Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"arn:aws:ec2:*:*:instance/*",
		"Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["environment","cost-center"]},"StringEqualsIfExists":{"aws:RequestTag/environment":["preprod","production"]}}}]}`},
	// reference_policies_examples_iam_mfa-selfmanage: NotAction with BoolIfExists.
	{authz.Identity, `{"Version":"2012-10-17","Statement":[{"Sid":"DenyAllExceptListedIfNoMFA","Effect":"Deny",
		"NotAction":["iam:CreateVirtualMFADevice","iam:EnableMFADevice","iam:GetUser","iam:ListMFADevices","iam:ListVirtualMFADevices","iam:ResyncMFADevice","sts:GetSessionToken"],
		"Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}`},
	// A permissions boundary: access_policies_boundaries.
	{authz.Boundary, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","cloudwatch:*","ec2:*"],"Resource":"*"}]}`},
	// A session policy.
	{authz.Session, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*"}]}`},
	// example-bucket-policies: cross-account grant, and deny without TLS.
	{authz.Resource, `{"Version":"2012-10-17","Statement":[{"Sid":"AddCannedAcl","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::444455556666:root"]},
		"Action":["s3:PutObject","s3:PutObjectAcl"],"Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*","Condition":{"StringEquals":{"s3:x-amz-acl":["public-read"]}}}]}`},
	{authz.Resource, `{"Version":"2012-10-17","Statement":[{"Sid":"RestrictToTLSRequestsOnly","Effect":"Deny","Principal":"*","Action":"s3:*",
		"Resource":["arn:aws:s3:::amzn-s3-demo-bucket","arn:aws:s3:::amzn-s3-demo-bucket/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`},
	// reference_policies_elements_notprincipal: Deny with NotPrincipal.
	{authz.Resource, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:sts::444455556666:assumed-role/cross-account-read-only-role/ReadOnlyAccess",
		"arn:aws:iam::444455556666:role/cross-account-read-only-role","arn:aws:iam::444455556666:root"]},"Action":"s3:*","Resource":["arn:aws:s3:::amzn-s3-demo-bucket","arn:aws:s3:::amzn-s3-demo-bucket/*"]}]}`},
	// An SQS queue policy with a service principal and aws:SourceArn.
	{authz.Resource, `{"Version":"2008-10-17","Id":"example-ID","Statement":[{"Sid":"example-statement-ID","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},
		"Action":"SQS:SendMessage","Resource":"arn:aws:sqs:us-east-2:111122223333:queue","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:*:*:amzn-s3-demo-bucket"},"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}`},
	// Role trust policies: a service, and another account with MFA.
	{authz.Trust, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`},
	{authz.Trust, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole",
		"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"},"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}}}`},
	{authz.Trust, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity",
		"Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-2:12345678-abcd-abcd-abcd-123456"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"unauthenticated"}}}]}`},
	// orgs_manage_policies_scps_examples: FullAWSAccess, deny by region.
	{authz.SCP, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`},
	{authz.SCP, `{"Version":"2012-10-17","Statement":[{"Sid":"DenyAllOutsideEU","Effect":"Deny","NotAction":["a4b:*","acm:*","aws-marketplace-management:*","aws-marketplace:*","budgets:*","ce:*","iam:*","organizations:*","route53:*","sts:*","support:*"],
		"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-central-1","eu-west-1"]},"ArnNotLike":{"aws:PrincipalARN":["arn:aws:iam::*:role/Role1AllowedToBypassThisSCP"]}}}]}`},
	// The RCP example of the KMS guide, and RCPFullAWSAccess.
	{authz.RCP, `{"Version":"2012-10-17","Statement":[{"Sid":"RCPEnforceIdentityPerimeter","Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*",
		"Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"my-org-id"},"Bool":{"aws:PrincipalIsAWSService":"false"}}}]}`},
	{authz.RCP, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`},
}

// fuzzRequests are the fixed requests every parsed policy is evaluated
// against: a principal of each type, same and cross account, with a
// context holding keys of every type.
func fuzzRequests() []*authz.Request {
	ctx := authz.NewContext().
		Set("aws:PrincipalTag/team", "red").Set("aws:SourceIp", "203.0.113.7").Set("s3:max-keys", "10").
		Set("aws:SecureTransport", "true").Set("aws:CurrentTime", "2026-01-01T00:00:00Z").
		SetMulti("aws:TagKeys", "env", "team").Set("aws:SourceArn", "arn:aws:s3:::amzn-s3-demo-bucket").
		Set("s3:prefix", "home/bob/").Set("aws:MultiFactorAuthPresent", "true")
	var out []*authz.Request
	for _, p := range gPrincipals {
		for _, acct := range []string{"", gB} {
			out = append(out,
				&authz.Request{Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::amzn-s3-demo-bucket/home/bob/x", ResourceAccount: acct, Context: ctx},
				&authz.Request{Principal: p, Action: "sts:AssumeRole", Resource: "arn:aws:iam::" + gA + ":role/R", ResourceAccount: acct})
		}
	}
	return out
}

// setFor places a policy where a policy of its kind goes.
func setFor(p *authz.Policy) *authz.PolicySet {
	l := authz.Of(p)
	all := authz.Of(authz.MustParse(authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`))
	switch p.Kind() {
	case authz.Identity:
		return &authz.PolicySet{Identity: l}
	case authz.Boundary:
		return &authz.PolicySet{Identity: all, Boundary: l}
	case authz.Session:
		return &authz.PolicySet{Identity: all, Session: l}
	case authz.Resource, authz.Trust:
		return &authz.PolicySet{Resource: l}
	case authz.SCP:
		return &authz.PolicySet{Identity: all, SCPs: []*authz.PolicyList{l}}
	}
	return &authz.PolicySet{Identity: all, RCPs: []*authz.PolicyList{l}}
}

// checkParsed holds for any document Parse accepts: it was one JSON
// value, marshal then parse gives an equal policy, and evaluation neither
// panics nor disagrees with its explanation.
func checkParsed(t *testing.T, kind authz.Kind, doc []byte, p *authz.Policy) {
	t.Helper()
	if !json.Valid(doc) {
		t.Fatalf("Parse(%s) accepted a document that is not one JSON value: %q", kind, doc)
	}
	if p.Kind() != kind {
		t.Fatalf("Kind() = %s, want %s", p.Kind(), kind)
	}
	out, err := p.MarshalJSON()
	if err != nil {
		t.Fatalf("MarshalJSON: %v", err)
	}
	q, err := authz.Parse(kind, out)
	if err != nil {
		t.Fatalf("Parse(MarshalJSON(p)): %v\nin:  %q\nout: %q", err, doc, out)
	}
	if diff := cmp.Diff(p, q); diff != "" {
		t.Fatalf("parse(marshal(p)) != p (-p +q):\n%s\nin:  %q\nout: %q", diff, doc, out)
	}
	set := setFor(p)
	for _, req := range fuzzRequests() {
		d := authz.Evaluate(req, set)
		exp := authz.Explain(req, set)
		if exp.Decision != d {
			t.Fatalf("Evaluate = %v, Explain = %v\n%s", d, exp.Decision, exp)
		}
		_ = exp.String() + exp.Message() + authz.AccessDenied(exp).Error()
	}
}

// checkRejected holds for any document Parse rejects: the error is an
// *authz.Error for a malformed or too large policy.
func checkRejected(t *testing.T, err error) {
	t.Helper()
	var ae *authz.Error
	if !errors.As(err, &ae) || !errors.Is(err, authz.ErrMalformedPolicy) && !errors.Is(err, authz.ErrPolicyTooLarge) {
		t.Fatalf("Parse error %v (%T) is not an *authz.Error for a malformed or too large policy", err, err)
	}
	if ae.Code == "" || ae.Message == "" || ae.Status == 0 {
		t.Fatalf("Parse error %#v lacks its code, message or status", ae)
	}
}

// FuzzParse parses any bytes as every kind of policy.
func FuzzParse(f *testing.F) {
	for _, ex := range awsExamples {
		f.Add(uint8(indexOf(fuzzKinds, ex.kind)), []byte(ex.doc))
	}
	f.Add(uint8(1), []byte(`{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/${*}","Condition":{"Null":{"a:b":true},"NumericEquals":{"a:c":1.5e3}}}}`))
	f.Fuzz(func(t *testing.T, k uint8, doc []byte) {
		kind := fuzzKinds[int(k)%len(fuzzKinds)]
		p, err := authz.Parse(kind, doc)
		if err != nil {
			checkRejected(t, err)
			return
		}
		checkParsed(t, kind, doc, p)
	})
}

func indexOf(kinds []authz.Kind, k authz.Kind) int {
	for i, v := range kinds {
		if v == k {
			return i
		}
	}
	return -1
}

// FuzzEvaluateConditions builds a condition from a fuzzed operator, key and
// values, and a request context from a fuzzed key and values, and
// evaluates: Parse may reject the policy, nothing may panic, and Explain
// must agree with Evaluate.
func FuzzEvaluateConditions(f *testing.F) {
	f.Add("StringLike", "s3:prefix", "home/${aws:username}/*", "", "s3:prefix", "home/bob/x", "", false)
	f.Add("ForAllValues:StringNotLike", "aws:TagKeys", "key1*", "", "aws:TagKeys", "key2:audit", "key1:hr", true)
	f.Add("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", "a", "b", "aws:TagKeys", "", "", true)
	f.Add("NumericLessThanEquals", "s3:max-keys", "10", "1e1", "s3:max-keys", "10.0", "", false)
	f.Add("DateGreaterThan", "aws:CurrentTime", "2020-01-01T00:00:00Z", "1577836800", "aws:CurrentTime", "2026-01-01T00:00:00Z", "", false)
	f.Add("Bool", "aws:SecureTransport", "false", "", "aws:SecureTransport", "FALSE", "", false)
	f.Add("BinaryEquals", "s3:x", "QmluYXJ5VmFsdWU=", "", "s3:x", "QmluYXJ5VmFsdWU=", "", false)
	f.Add("NotIpAddress", "aws:SourceIp", "203.0.113.0/24", "2001:db8::/32", "aws:SourceIp", "::ffff:203.0.113.7", "", false)
	f.Add("ArnNotLikeIfExists", "aws:SourceArn", "arn:aws:s3:*:*:b/${aws:PrincipalTag/team, 'x'}", "", "aws:SourceArn", "arn:aws:s3:::b/red", "", false)
	f.Add("Null", "aws:TokenIssueTime", "true", "false", "aws:TokenIssueTime", "", "", true)
	f.Add("StringEqualsIgnoreCase", "aws:PrincipalTag/team", "${aws:PrincipalTag/team}", "${$}{?}", "aws:principaltag/TEAM", "RED", "", false)
	f.Fuzz(func(t *testing.T, op, key, v1, v2, ctxKey, c1, c2 string, multi bool) {
		values := []string{v1}
		if v2 != "" {
			values = append(values, v2)
		}
		cond, err := json.Marshal(map[string]map[string][]string{op: {key: values}})
		if err != nil {
			return // not valid UTF-8 text
		}
		doc := []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":` + string(cond) + `},` +
			`{"Effect":"Deny","Action":"iam:*","Resource":"*","Condition":` + string(cond) + `}]}`)
		p, err := authz.Parse(authz.Identity, doc)
		if err != nil {
			checkRejected(t, err)
			return
		}
		ctx := authz.NewContext().Set("aws:PrincipalTag/team", "red")
		if multi {
			vs := []string{}
			for _, c := range []string{c1, c2} {
				if c != "" {
					vs = append(vs, c)
				}
			}
			ctx.SetMulti(ctxKey, vs...)
		} else {
			ctx.Set(ctxKey, c1)
		}
		set := &authz.PolicySet{Identity: authz.Of(p)}
		for _, principal := range []authz.Principal{gBob, gApp, gAnon} {
			for _, action := range []string{"s3:GetObject", "iam:GetUser"} {
				req := &authz.Request{Principal: principal, Action: action, Resource: "arn:aws:s3:::b/red", Context: ctx}
				d := authz.Evaluate(req, set)
				if exp := authz.Explain(req, set); exp.Decision != d {
					t.Fatalf("Evaluate = %v, Explain = %v\n%s", d, exp.Decision, exp)
				}
			}
		}
	})
}

// Regressions the fuzz targets found, kept as plain tests.

// Parse read the first JSON value and ignored whatever followed it unless
// it was another complete value; IAM rejects any trailing text.
func TestParseRejectsTrailingText(t *testing.T) {
	const doc = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`
	for _, tail := range []string{" x", "}", "]", ",", "{}", `"x"`, "1", "\x00"} {
		_, err := authz.Parse(authz.Identity, []byte(doc+tail))
		var ae *authz.Error
		if !errors.As(err, &ae) || ae.Message != "Syntax errors in policy." {
			t.Errorf("Parse(doc + %q): err = %v, want Syntax errors in policy.", tail, err)
		}
	}
	if _, err := authz.Parse(authz.Identity, []byte(doc+" \n\t\r")); err != nil {
		t.Errorf("Parse(doc + white space): %v", err)
	}
}

// MarshalJSON wrote U+2028 and U+2029 as \u2028 and \u2029: a
// resource-based policy within its quota (the separators are white space
// and not counted) came back from marshalling too large to parse.
func TestMarshalKeepsLineSeparators(t *testing.T) {
	sid := strings.Repeat("\u2028", 3000) + `a\u2028"` + strings.Repeat("\u2029", 1000)
	sidJSON := strings.Repeat("\u2028", 3000) + `a\\u2028\"` + strings.Repeat("\u2029", 1000)
	doc := `{"Statement":{"Sid":"` + sidJSON + `","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}}`
	p, err := authz.Parse(authz.Resource, []byte(doc))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	out, _ := p.MarshalJSON()
	q, err := authz.Parse(authz.Resource, out)
	if err != nil {
		t.Fatalf("Parse(MarshalJSON(p)): %v", err)
	}
	if diff := cmp.Diff(p, q); diff != "" || q.Statements[0].Sid != sid {
		t.Errorf("parse(marshal(p)) != p (-p +q):\n%s", diff)
	}
	if want := `"Sid":"` + sidJSON + `"`; !strings.Contains(string(out), want) {
		t.Errorf("MarshalJSON does not write the separators as they are:\n%.200q", out)
	}
}
