package authz_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// The validation messages are IAM's own; the cases follow the IAM policy
// grammar page (reference_policies_grammar.html) and the element pages.
func TestParseRejects(t *testing.T) {
	tests := []struct {
		name string
		kind authz.Kind
		doc  string
		msg  string
	}{
		{"not JSON", authz.Identity, `{"Version":`, "Syntax errors in policy."},
		{"not an object", authz.Identity, `[]`, "Syntax errors in policy."},
		{"unknown top element", authz.Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}],"Extra":1}`, "Syntax errors in policy."},
		{"unknown statement element", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Actions":"s3:*"}}`, "Syntax errors in policy."},
		{"bad version", authz.Identity, `{"Version":"2012-10-18","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`, "Syntax errors in policy."},
		{"no statement", authz.Identity, `{"Version":"2012-10-17"}`, "Syntax errors in policy."},
		{"empty statement list", authz.Identity, `{"Version":"2012-10-17","Statement":[]}`, "Syntax errors in policy."},
		{"Action and NotAction", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","NotAction":"iam:*","Resource":"*"}}`, "Syntax errors in policy."},
		{"Resource and NotResource", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","NotResource":"*"}}`, "Syntax errors in policy."},
		{"effect not a string", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":true,"Action":"s3:*","Resource":"*"}}`, "Syntax errors in policy."},
		{"effect unknown", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Permit","Action":"s3:*","Resource":"*"}}`, "Syntax errors in policy."},
		{"unknown operator with keys", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualz":{"aws:username":"bob"}}}}`, "Syntax errors in policy."},
		{"NullIfExists is no operator", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NullIfExists":{"aws:username":"true"}}}}`, "Syntax errors in policy."},
		{"managed policy needs 2012-10-17", authz.Identity, `{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`, "Policy document must be version 2012-10-17 or greater."},
		{"no version in a boundary", authz.Boundary, `{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`, "Policy document must be version 2012-10-17 or greater."},
		{"effect case", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"allow","Action":"s3:*","Resource":"*"}}`, "The policy failed legacy parsing"},
		{"bad date", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2019-13-45"}}}}`, "The policy failed legacy parsing"},
		{"duplicate sid", authz.Identity, `{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"s3:*","Resource":"*"}]}`, "Statement IDs (SID) in a single policy must be unique."},
		{"sid not alphanumeric", authz.Identity, `{"Version":"2012-10-17","Statement":{"Sid":"my-sid","Effect":"Allow","Action":"s3:*","Resource":"*"}}`, "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*"},
		{"no action", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Resource":"*"}}`, "Policy statement must contain actions."},
		{"empty action list", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":[],"Resource":"*"}}`, "Policy statement must contain actions."},
		{"resource not an ARN", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"bucket"}}`, `Resource bucket must be in ARN format or "*".`},
		{"wildcard in resource vendor", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3*:::bucket"}}`, "Resource vendor must be fully qualified and cannot contain regexes."},
		{"bad partition", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws-moon:s3:::bucket"}}`, `Partition "aws-moon" is not valid for resource "arn:aws-moon:s3:::bucket".`},
		{"IAM resource with region", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam:us-east-1:123456789012:user/bob"}}`, "IAM resource arn:aws:iam:us-east-1:123456789012:user/bob cannot contain region information."},
		{"S3 resource with region", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:us-east-1::bucket"}}`, "Resource arn:aws:s3:us-east-1::bucket can not contain region information."},
		{"action without vendor", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"GetObject","Resource":"*"}}`, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."},
		{"action with two colons", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:Get:Object","Resource":"*"}}`, "Actions/Condition can contain only one colon."},
		{"wildcard in action vendor", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3*:GetObject","Resource":"*"}}`, "Vendor s3* is not valid"},
		{"condition key without vendor", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"username":"bob"}}}}`, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."},
		{"principal in identity policy", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}`, "Policy document should not specify a principal."},
		{"principal in SCP", authz.SCP, `{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"123456789012"},"Action":"s3:*","Resource":"*"}}`, "Policy document should not specify a principal."},
		{"no resource in identity policy", authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*"}}`, "Policy statement must contain resources."},
		{"resource in trust policy", authz.Trust, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}}`, "Has prohibited field Resource."},
		{"trust policy action", authz.Trust, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"s3:GetObject"}}`, "Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity"},
		{"trust policy without principal", authz.Trust, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}}`, "Missing required field Principal"},
		{"partial wildcard principal", authz.Resource, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}`, `Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:user/*"`},
		{"malformed principal ARN", authz.Resource, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::12345:user/bob"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}`, `Invalid principal in policy: "AWS":"arn:aws:iam::12345:user/bob"`},
		{"RCP principal must be *", authz.RCP, `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":{"AWS":"123456789012"},"Action":"s3:*","Resource":"*"}}`, `Resource control policies support only "*" as the Principal.`},
		{"character outside the policy alphabet", authz.Identity, "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"\u2603\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}", "Syntax errors in policy."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := authz.Parse(tt.kind, []byte(tt.doc))
			if !errors.Is(err, authz.ErrMalformedPolicy) {
				t.Fatalf("Parse: err = %v, want ErrMalformedPolicy", err)
			}
			var ae *authz.Error
			if !errors.As(err, &ae) {
				t.Fatalf("Parse: err %T is not *authz.Error", err)
			}
			if ae.Code != "MalformedPolicyDocument" || ae.Status != 400 {
				t.Errorf("code, status = %s, %d", ae.Code, ae.Status)
			}
			if ae.Message != tt.msg {
				t.Errorf("message:\n got %q\nwant %q", ae.Message, tt.msg)
			}
		})
	}
}

func TestParseSizeLimits(t *testing.T) {
	stmt := func(n int) string {
		// n statements, each about 90 characters without whitespace
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`{"Sid":"S` + strings.Repeat("x", 3) + itoa(i) + `","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}`)
		}
		return `{"Version":"2012-10-17","Statement":[` + b.String() + `]}`
	}
	small, big := stmt(10), stmt(100)
	for _, k := range []authz.Kind{authz.Identity, authz.Boundary} {
		if _, err := authz.Parse(k, []byte(small)); err != nil {
			t.Errorf("%s: small policy: %v", k, err)
		}
		_, err := authz.Parse(k, []byte(big))
		if !errors.Is(err, authz.ErrPolicyTooLarge) {
			t.Errorf("%s: %d-character policy: err = %v, want ErrPolicyTooLarge", k, len(big), err)
		}
	}
	// IAM does not count whitespace; SCPs count every character.
	spaced := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}` + strings.Repeat(" ", 6000)
	if _, err := authz.Parse(authz.Identity, []byte(spaced)); err != nil {
		t.Errorf("identity policy padded with whitespace: %v", err)
	}
	if _, err := authz.Parse(authz.SCP, []byte(spaced)); !errors.Is(err, authz.ErrPolicyTooLarge) {
		t.Errorf("SCP padded to %d characters: err = %v, want ErrPolicyTooLarge", len(spaced), err)
	}
	var ae *authz.Error
	_, err := authz.Parse(authz.Identity, []byte(big))
	if errors.As(err, &ae); ae == nil || ae.Code != "LimitExceeded" || ae.Message != "Cannot exceed quota for PolicySize: 6144" {
		t.Errorf("too large: %v", err)
	}
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

func TestParseAccepts(t *testing.T) {
	docs := []struct {
		kind authz.Kind
		doc  string
	}{
		// AWS's AdministratorAccess.
		{authz.Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`},
		// A statement object rather than a list, values of every JSON type.
		{authz.Identity, `{"Version":"2012-10-17","Id":"x","Statement":{"Sid":"1","Effect":"Deny","NotAction":["iam:*","sts:*"],"NotResource":"arn:aws:s3:::b","Condition":{"Bool":{"aws:MultiFactorAuthPresent":false},"NumericLessThan":{"s3:max-keys":10},"Foo":{}}}}`},
		// A trust policy in the 2008 language, as older AWS examples are.
		{authz.Trust, `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com"]},"Action":"sts:AssumeRole"}]}`},
		// A bucket policy with every principal form.
		{authz.Resource, `{"Statement":[{"Sid":"a-b","Effect":"Allow","Principal":{"AWS":["123456789012","arn:aws:iam::123456789012:root","arn:aws:iam::123456789012:role/path/r","arn:aws:sts::123456789012:assumed-role/r/s","arn:aws:sts::123456789012:federated-user/f","AIDAJQABLZS4A3QDU576Q"],"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be","Federated":"cognito-identity.amazonaws.com","Service":"s3.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`},
		// AWS's FullAWSAccess SCP and RCPFullAWSAccess.
		{authz.SCP, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`},
		{authz.RCP, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`},
	}
	for _, d := range docs {
		p, err := authz.Parse(d.kind, []byte(d.doc))
		if err != nil {
			t.Errorf("Parse(%s, %s): %v", d.kind, d.doc, err)
			continue
		}
		if p.Kind() != d.kind {
			t.Errorf("Kind = %s, want %s", p.Kind(), d.kind)
		}
		out, err := p.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		q, err := authz.Parse(d.kind, out)
		if err != nil {
			t.Fatalf("re-parse of %s: %v", out, err)
		}
		if diff := cmp.Diff(p, q); diff != "" {
			t.Errorf("parse(marshal(p)) != p (-p +q):\n%s", diff)
		}
	}
}

func TestMarshalShape(t *testing.T) {
	p := authz.MustParse(authz.Identity, `{"Statement":{"Effect":"Allow","Resource":["arn:aws:s3:::b/<a&b>"],"Action":["s3:GetObject","s3:PutObject"],"Condition":{"StringLike":{"s3:prefix":["a/*"]}}},"Version":"2012-10-17"}`)
	want := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/<a&b>","Condition":{"StringLike":{"s3:prefix":"a/*"}}}]}`
	if got := p.String(); got != want {
		t.Errorf("marshal:\n got %s\nwant %s", got, want)
	}
}
