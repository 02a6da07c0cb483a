package arn_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/arn"
	"github.com/seed-e2e06c4d/awsaccess/wildcard"
)

// TestAWSConditionExample is the example of
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN:
// under ArnLike the region `*` may not swallow colons, so the value does not
// match; under StringLike (a plain wildcard) the first `*` takes
// "us-east-2:999999999999:store/abc:" and the value matches.
func TestAWSConditionExample(t *testing.T) {
	const (
		pattern = "arn:aws:someservice:*:111122223333:finance/*"
		value   = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"
	)
	p, err := arn.CompilePattern(pattern)
	if err != nil {
		t.Fatal(err)
	}
	if p.Match(value) {
		t.Errorf("ARN pattern %q matches %q; AWS documents that ArnLike does not", pattern, value)
	}
	if !wildcard.Compile(pattern).Match(value) {
		t.Errorf("wildcard pattern %q does not match %q; AWS documents that StringLike does", pattern, value)
	}
	// And the value the pattern is meant for matches both ways.
	const meant = "arn:aws:someservice:us-east-2:111122223333:finance/document.txt"
	if !p.Match(meant) || !wildcard.Compile(pattern).Match(meant) {
		t.Errorf("%q does not match %q", pattern, meant)
	}
}

func TestPatternMatch(t *testing.T) {
	tests := []struct {
		pattern, value string
		want           bool
	}{
		{"*", "arn:aws:s3:::bucket", true},
		{"*", "not an ARN", true},
		{"*", "", true},
		{"arn:*:*:*:*:*", "arn:aws:s3:::bucket", true},
		{"arn:*:*:*:*:*", "not an ARN", false},
		{"arn:*:*:*:*:*", "arn:aws:s3::bucket", false}, // five parts
		{"arn:*:*:*:*:*", "xrn:aws:s3:::bucket", false},
		{"arn:*:*:*:*:*", "arn:::::", true}, // ARN-shaped, if not a valid ARN
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b.txt", true},
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/", true},
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false},
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a:b:c", true}, // the resource `*` crosses colons
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::Bucket/a", false},    // case-sensitive
		{"arn:aws:s3:::bucket/*", "arn:aws-cn:s3:::bucket/a", false},
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:us-east-1::bucket/a", false}, // empty region matches only empty
		{"arn:aws:s3:::*", "arn:aws:s3:::anything/at:all", true},
		{"arn:aws:ec2:*:123456789012:instance/*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1", true},
		{"arn:aws:ec2:*:123456789012:instance/*", "arn:aws:ec2::123456789012:instance/i-1", true},
		{"arn:aws:ec2:*:123456789012:instance/*", "arn:aws:ec2:us-east-1:x:123456789012:instance/i-1", false},
		{"arn:aws:ec2:us-*-1:*:instance/*", "arn:aws:ec2:us-west-1:123456789012:instance/i-1", true},
		{"arn:aws:ec2:us-*-1:*:instance/*", "arn:aws:ec2:us-west-2:123456789012:instance/i-1", false},
		{"arn:aws:iam::*:role/Admin?", "arn:aws:iam::123456789012:role/Admin1", true},
		{"arn:aws:iam::*:role/Admin?", "arn:aws:iam::123456789012:role/Admin", false},
		{"arn:aws:iam::*:role/Admin?", "arn:aws:iam::123456789012:role/AdminXY", false},
		{"arn:aws:iam::????????????:root", "arn:aws:iam::123456789012:root", true},
		{"arn:aws:iam::????????????:root", "arn:aws:iam::aws:root", false},
		{"arn:aws:*:*:*:*", "arn:aws:s3:::b", true},
		{"arn:aws:s*:::b", "arn:aws:s3:::b", true},
		{"arn:aws:s*:::b", "arn:aws:sqs:::b", true},
		{"arn:aws:s*:::b", "arn:aws:ec2:::b", false},
		{"arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/alice", true},
		{"arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/Alice", false},
		{"arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/alice2", false},
		{"arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user", false},
		{"arn:aws:sns:us-east-1:123456789012:topic:sub", "arn:aws:sns:us-east-1:123456789012:topic:sub", true},
		{"arn:aws:s3:::b/?", "arn:aws:s3:::b/é", true},
	}
	for _, tt := range tests {
		p, err := arn.CompilePattern(tt.pattern)
		if err != nil {
			t.Errorf("CompilePattern(%q): %v", tt.pattern, err)
			continue
		}
		if got := p.Match(tt.value); got != tt.want {
			t.Errorf("CompilePattern(%q).Match(%q) = %v, want %v", tt.pattern, tt.value, got, tt.want)
		}
		// The reference of the property tests must agree with the table.
		if got, _ := refPatternMatch(tt.pattern, tt.value); got != tt.want {
			t.Errorf("reference match of %q against %q = %v, want %v", tt.pattern, tt.value, got, tt.want)
		}
	}
}

func TestCompilePatternErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `arn: pattern "": want "*" or arn:partition:service:region:account-id:resource, with wildcards`},
		{"**", `arn: pattern "**": want "*" or arn:partition:service:region:account-id:resource, with wildcards`},
		{"arn:aws:s3::bucket", `arn: pattern "arn:aws:s3::bucket": want "*" or arn:partition:service:region:account-id:resource, with wildcards`},
		{"ARN:aws:s3:::bucket", `arn: pattern "ARN:aws:s3:::bucket": missing "arn:" prefix`},
		{"*:*:*:*:*:*", `arn: pattern "*:*:*:*:*:*": missing "arn:" prefix`},
		{"ar?:aws:s3:::b", `arn: pattern "ar?:aws:s3:::b": missing "arn:" prefix`},
	}
	for _, tt := range tests {
		p, err := arn.CompilePattern(tt.in)
		if err == nil {
			t.Errorf("CompilePattern(%q) = %q, want error", tt.in, p)
			continue
		}
		if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
			t.Errorf("CompilePattern(%q) error (-want +got):\n%s", tt.in, diff)
		}
		if !errors.Is(err, arn.ErrMalformed) {
			t.Errorf("CompilePattern(%q) error does not wrap ErrMalformed", tt.in)
		}
		if !p.IsZero() || p.Match("arn:aws:s3:::bucket") {
			t.Errorf("CompilePattern(%q) returned a usable pattern with its error", tt.in)
		}
	}
}

type patternAccessors struct {
	String            string
	MatchesEverything bool
	Service           string
	IsZero            bool
}

func accessorsOf(p arn.Pattern) patternAccessors {
	return patternAccessors{p.String(), p.MatchesEverything(), p.Service(), p.IsZero()}
}

func TestPatternAccessors(t *testing.T) {
	tests := []struct {
		in   string
		want patternAccessors
	}{
		{"*", patternAccessors{"*", true, "", false}},
		{"arn:aws:s3:::bucket/*", patternAccessors{"arn:aws:s3:::bucket/*", false, "s3", false}},
		{"arn:*:*:*:*:*", patternAccessors{"arn:*:*:*:*:*", false, "", false}},
		{"arn:aws:s?s:::q", patternAccessors{"arn:aws:s?s:::q", false, "", false}},
		{"arn:aws::::x", patternAccessors{"arn:aws::::x", false, "", false}},
		{"arn:aws:iam::123456789012:root", patternAccessors{"arn:aws:iam::123456789012:root", false, "iam", false}},
	}
	for _, tt := range tests {
		p, err := arn.CompilePattern(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, accessorsOf(p)); diff != "" {
			t.Errorf("CompilePattern(%q) accessors (-want +got):\n%s", tt.in, diff)
		}
	}
	var zero arn.Pattern
	if diff := cmp.Diff(patternAccessors{IsZero: true}, accessorsOf(zero)); diff != "" {
		t.Errorf("zero Pattern accessors (-want +got):\n%s", diff)
	}
	for _, v := range []string{"", "*", "arn:::::", "arn:aws:s3:::b"} {
		if zero.Match(v) {
			t.Errorf("zero Pattern matches %q", v)
		}
	}
}

func TestNewPattern(t *testing.T) {
	// Resource "arn:aws:s3:::home/${aws:username}/*" for a user named "a*b".
	var res wildcard.Builder
	res.AppendPattern("home/")
	res.AppendLiteral("a*b")
	res.AppendPattern("/*")
	p := arn.NewPattern(wildcard.Compile("aws"), wildcard.Compile("s3"), wildcard.Compile(""), wildcard.Compile(""), res.Pattern())
	want := patternAccessors{String: "arn:aws:s3:::home/a${*}b/*", Service: "s3"}
	if diff := cmp.Diff(want, accessorsOf(p)); diff != "" {
		t.Errorf("accessors (-want +got):\n%s", diff)
	}
	for v, want := range map[string]bool{
		"arn:aws:s3:::home/a*b/notes.txt":  true,
		"arn:aws:s3:::home/a*b/":           true,
		"arn:aws:s3:::home/alice-b/x":      false,
		"arn:aws:s3:::home/a*b":            false,
		"arn:aws:s3:us-east-1::home/a*b/x": false,
	} {
		if got := p.Match(v); got != want {
			t.Errorf("%s: Match(%q) = %v, want %v", p, v, got, want)
		}
	}

	// A literal service spliced in is literal too.
	var svc wildcard.Builder
	svc.AppendLiteral("s*")
	q := arn.NewPattern(wildcard.Compile("aws"), svc.Pattern(), wildcard.Compile(""), wildcard.Compile(""), wildcard.Compile("b"))
	if q.Service() != "s*" || q.Match("arn:aws:s3:::b") || !q.Match("arn:aws:s*:::b") {
		t.Errorf("%s: Service() = %q, Match(s3) = %v, Match(s*) = %v", q, q.Service(), q.Match("arn:aws:s3:::b"), q.Match("arn:aws:s*:::b"))
	}

	// A segment before the resource that needs a colon matches nothing, even
	// when the text of the whole pattern equals the value.
	r := arn.NewPattern(wildcard.Compile("aws:s3"), wildcard.Compile(""), wildcard.Compile(""), wildcard.Compile(""), wildcard.Compile("b"))
	if v := "arn:aws:s3::::b"; r.String() != v || r.Match(v) {
		t.Errorf("%s: Match(%q) = %v, want false", r, v, r.Match(v))
	}
}

func TestPatternMatchDoesNotAllocate(t *testing.T) {
	cases := []struct{ pattern, value string }{
		{"*", "x"},
		{"arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/alice"},
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b"},
		{"arn:aws:ec2:*:123456789012:instance/*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1"},
		{"arn:aws:ec2:*:123456789012:instance/*", "not an ARN"},
	}
	for _, c := range cases {
		p, err := arn.CompilePattern(c.pattern)
		if err != nil {
			t.Fatal(err)
		}
		if n := testing.AllocsPerRun(100, func() { p.Match(c.value) }); n != 0 {
			t.Errorf("CompilePattern(%q).Match(%q) made %v allocations, want 0", c.pattern, c.value, n)
		}
	}
}
