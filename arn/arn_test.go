package arn_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/arn"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want arn.ARN
	}{
		{"arn:aws:iam::123456789012:user/alice", arn.ARN{Partition: "aws", Service: "iam", AccountID: "123456789012", Resource: "user/alice"}},
		{"arn:aws:iam::123456789012:root", arn.ARN{Partition: "aws", Service: "iam", AccountID: "123456789012", Resource: "root"}},
		{"arn:aws:iam::aws:policy/ReadOnlyAccess", arn.ARN{Partition: "aws", Service: "iam", AccountID: "aws", Resource: "policy/ReadOnlyAccess"}},
		{"arn:aws:s3:::bucket/key:with:colons", arn.ARN{Partition: "aws", Service: "s3", Resource: "bucket/key:with:colons"}},
		{"arn:aws:sns:us-east-1:123456789012:topic:0b5d", arn.ARN{Partition: "aws", Service: "sns", Region: "us-east-1", AccountID: "123456789012", Resource: "topic:0b5d"}},
		{"arn:aws:sts::123456789012:assumed-role/Admin/session", arn.ARN{Partition: "aws", Service: "sts", AccountID: "123456789012", Resource: "assumed-role/Admin/session"}},
		{"arn:aws-us-gov:ec2:us-gov-west-1:000000000000:instance/i-0abc", arn.ARN{Partition: "aws-us-gov", Service: "ec2", Region: "us-gov-west-1", AccountID: "000000000000", Resource: "instance/i-0abc"}},
		{"arn:aws-cn:s3:::b", arn.ARN{Partition: "aws-cn", Service: "s3", Resource: "b"}},
		{"arn:aws-iso:s3:::b", arn.ARN{Partition: "aws-iso", Service: "s3", Resource: "b"}},
		{"arn:aws-iso-b:s3:::b", arn.ARN{Partition: "aws-iso-b", Service: "s3", Resource: "b"}},
		{"arn:aws-iso-e:s3:::b", arn.ARN{Partition: "aws-iso-e", Service: "s3", Resource: "b"}},
		{"arn:aws-iso-f:s3:::b", arn.ARN{Partition: "aws-iso-f", Service: "s3", Resource: "b"}},
		{"arn:aws-eusc:s3:::b", arn.ARN{Partition: "aws-eusc", Service: "s3", Resource: "b"}},
		{"arn:aws:execute-api:eu-west-1:123456789012:a1b2/prod/GET/*", arn.ARN{Partition: "aws", Service: "execute-api", Region: "eu-west-1", AccountID: "123456789012", Resource: "a1b2/prod/GET/*"}},
		{"arn:aws:inspector2:us-east-1:123456789012:finding/0f1e", arn.ARN{Partition: "aws", Service: "inspector2", Region: "us-east-1", AccountID: "123456789012", Resource: "finding/0f1e"}},
		{"arn:aws:s3:::b/ключ é", arn.ARN{Partition: "aws", Service: "s3", Resource: "b/ключ é"}},
		{"arn:aws:s3:::\xff", arn.ARN{Partition: "aws", Service: "s3", Resource: "\xff"}},
	}
	for _, tt := range tests {
		got, err := arn.Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Parse(%q) (-want +got):\n%s", tt.in, diff)
		}
		if got.String() != tt.in {
			t.Errorf("Parse(%q).String() = %q", tt.in, got.String())
		}
		if got.IsZero() {
			t.Errorf("Parse(%q).IsZero() = true", tt.in)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `arn: parse "": missing "arn:" prefix`},
		{"x", `arn: parse "x": missing "arn:" prefix`},
		{"ARN:aws:s3:::b", `arn: parse "ARN:aws:s3:::b": missing "arn:" prefix`},
		{"arn", `arn: parse "arn": missing "arn:" prefix`},
		{"arn:aws:s3", `arn: parse "arn:aws:s3": have 3 colon-separated parts, want 6 (arn:partition:service:region:account-id:resource)`},
		{"arn:aws:s3::b", `arn: parse "arn:aws:s3::b": have 5 colon-separated parts, want 6 (arn:partition:service:region:account-id:resource)`},
		{"arn:amazon:s3:::b", `arn: parse "arn:amazon:s3:::b": unknown partition "amazon" at offset 4`},
		{"arn::s3:::b", `arn: parse "arn::s3:::b": unknown partition "" at offset 4`},
		{"arn:AWS:s3:::b", `arn: parse "arn:AWS:s3:::b": unknown partition "AWS" at offset 4`},
		{"arn:aws::::b", `arn: parse "arn:aws::::b": empty service at offset 8`},
		{"arn:aws:S3:::b", `arn: parse "arn:aws:S3:::b": invalid character 'S' at offset 8 in service "S3"`},
		{"arn:aws:s3.x:::b", `arn: parse "arn:aws:s3.x:::b": invalid character '.' at offset 10 in service "s3.x"`},
		{"arn:aws:ec2:us east:123456789012:i", `arn: parse "arn:aws:ec2:us east:123456789012:i": invalid character ' ' at offset 14 in region "us east"`},
		{"arn:aws:ec2:us-é:123456789012:i", `arn: parse "arn:aws:ec2:us-é:123456789012:i": invalid character byte 0xc3 at offset 15 in region "us-é"`},
		{"arn:aws:ec2:*:123456789012:i", `arn: parse "arn:aws:ec2:*:123456789012:i": invalid character '*' at offset 12 in region "*"`},
		{"arn:aws:iam::12345:root", `arn: parse "arn:aws:iam::12345:root": invalid account ID "12345" at offset 13: want 12 digits or "aws"`},
		{"arn:aws:iam::1234567890123:root", `arn: parse "arn:aws:iam::1234567890123:root": invalid account ID "1234567890123" at offset 13: want 12 digits or "aws"`},
		{"arn:aws:iam::AWS:policy/x", `arn: parse "arn:aws:iam::AWS:policy/x": invalid account ID "AWS" at offset 13: want 12 digits or "aws"`},
		{"arn:aws:iam::12345678901a:root", `arn: parse "arn:aws:iam::12345678901a:root": invalid account ID "12345678901a" at offset 13: want 12 digits or "aws"`},
		{"arn:aws:s3:::", `arn: parse "arn:aws:s3:::": empty resource at offset 13`},
		{"arn:aws:iam::123456789012:", `arn: parse "arn:aws:iam::123456789012:": empty resource at offset 26`},
	}
	for _, tt := range tests {
		got, err := arn.Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) = %v, want error %s", tt.in, got, tt.want)
			continue
		}
		if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
			t.Errorf("Parse(%q) error (-want +got):\n%s", tt.in, diff)
		}
		if !errors.Is(err, arn.ErrMalformed) {
			t.Errorf("Parse(%q) error %v does not wrap ErrMalformed", tt.in, err)
		}
		if !got.IsZero() {
			t.Errorf("Parse(%q) returned %#v with its error, want the zero ARN", tt.in, got)
		}
	}
}

func TestMustParse(t *testing.T) {
	if got := arn.MustParse("arn:aws:s3:::b"); got.Resource != "b" {
		t.Errorf("MustParse = %#v", got)
	}
	defer func() {
		if r := recover(); r == nil {
			t.Error("MustParse of a malformed ARN did not panic")
		}
	}()
	arn.MustParse("arn:aws:s3")
}

func TestSplit(t *testing.T) {
	tests := []struct {
		in    string
		parts [6]string
		ok    bool
	}{
		{"arn:aws:s3:::bucket/a:b", [6]string{"arn", "aws", "s3", "", "", "bucket/a:b"}, true},
		{":::::", [6]string{"", "", "", "", "", ""}, true},
		{"ARN:x:y:z:w:", [6]string{"ARN", "x", "y", "z", "w", ""}, true}, // Split checks nothing
		{"arn:aws:s3::b", [6]string{}, false},
		{"", [6]string{}, false},
	}
	for _, tt := range tests {
		parts, ok := arn.Split(tt.in)
		if diff := cmp.Diff(tt.parts, parts); diff != "" || ok != tt.ok {
			t.Errorf("Split(%q) ok = %v, want %v; parts (-want +got):\n%s", tt.in, ok, tt.ok, diff)
		}
	}
}

func TestAccountID(t *testing.T) {
	for _, s := range []string{"123456789012", "000000000000"} {
		id, err := arn.ParseAccountID(s)
		if err != nil || id.String() != s {
			t.Errorf("ParseAccountID(%q) = %q, %v", s, id, err)
		}
	}
	tests := []struct{ in, want string }{
		{"", `arn: parse account ID "": want exactly 12 ASCII digits`},
		{"12345678901", `arn: parse account ID "12345678901": want exactly 12 ASCII digits`},
		{"1234567890123", `arn: parse account ID "1234567890123": want exactly 12 ASCII digits`},
		{"aws", `arn: parse account ID "aws": want exactly 12 ASCII digits`},
		{"12345678901١", `arn: parse account ID "12345678901١": want exactly 12 ASCII digits`}, // Arabic-Indic one
		{" 23456789012", `arn: parse account ID " 23456789012": want exactly 12 ASCII digits`},
	}
	for _, tt := range tests {
		id, err := arn.ParseAccountID(tt.in)
		if err == nil {
			t.Errorf("ParseAccountID(%q) = %q, want error", tt.in, id)
			continue
		}
		if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
			t.Errorf("ParseAccountID(%q) error (-want +got):\n%s", tt.in, diff)
		}
		if !errors.Is(err, arn.ErrMalformed) {
			t.Errorf("ParseAccountID(%q) error does not wrap ErrMalformed", tt.in)
		}
	}
	accounts := map[string]arn.AccountID{
		"arn:aws:iam::123456789012:user/u":    "123456789012",
		"arn:aws:iam::aws:policy/AdminAccess": "aws",
		"arn:aws:s3:::bucket":                 "",
	}
	for s, want := range accounts {
		if got := arn.MustParse(s).Account(); got != want {
			t.Errorf("MustParse(%q).Account() = %q, want %q", s, got, want)
		}
	}
}

func TestRootARN(t *testing.T) {
	tests := []struct {
		partition string
		account   arn.AccountID
		want      string
	}{
		{"aws", "123456789012", "arn:aws:iam::123456789012:root"},
		{"aws-cn", "000000000001", "arn:aws-cn:iam::000000000001:root"},
		{"aws-us-gov", "210987654321", "arn:aws-us-gov:iam::210987654321:root"},
	}
	for _, tt := range tests {
		got := arn.RootARN(tt.partition, tt.account)
		if got.String() != tt.want {
			t.Errorf("RootARN(%q, %q) = %q, want %q", tt.partition, tt.account, got, tt.want)
		}
		if !arn.IsAccountRoot(got.String()) {
			t.Errorf("IsAccountRoot(RootARN(%q, %q)) = false", tt.partition, tt.account)
		}
		if got.Account() != tt.account {
			t.Errorf("RootARN(%q, %q).Account() = %q", tt.partition, tt.account, got.Account())
		}
	}
}

func TestIsAccountRoot(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"arn:aws:iam::123456789012:root", true},
		{"arn:aws-eusc:iam::123456789012:root", true},
		{"arn:aws:iam::123456789012:user/root", false},
		{"arn:aws:iam::123456789012:root/x", false},
		{"arn:aws:iam::123456789012:Root", false},
		{"arn:aws:sts::123456789012:root", false},
		{"arn:aws:iam:us-east-1:123456789012:root", false},
		{"arn:aws:iam::aws:root", false},
		{"arn:aws:iam:::root", false},
		{"arn:aws:iam::12345678901:root", false},
		{"arn:nope:iam::123456789012:root", false},
		{"123456789012", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := arn.IsAccountRoot(tt.in); got != tt.want {
			t.Errorf("IsAccountRoot(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	type doc struct {
		A arn.ARN  `json:"a"`
		B arn.ARN  `json:"b"`
		C *arn.ARN `json:"c"`
	}
	in := doc{A: arn.MustParse("arn:aws:s3:::bucket/k"), C: &arn.ARN{}}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"a":"arn:aws:s3:::bucket/k","b":"","c":""}`; string(data) != want {
		t.Errorf("json.Marshal = %s, want %s", data, want)
	}
	var out doc
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, out); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	err = json.Unmarshal([]byte(`{"a":"arn:aws:s3"}`), &out)
	if !errors.Is(err, arn.ErrMalformed) {
		t.Errorf("json.Unmarshal of a malformed ARN: %v, want ErrMalformed", err)
	}
	b, _ := arn.MustParse("arn:aws:s3:::b").AppendText([]byte("x="))
	if string(b) != "x=arn:aws:s3:::b" {
		t.Errorf("AppendText = %q", b)
	}
}

func TestZeroARN(t *testing.T) {
	var a arn.ARN
	if !a.IsZero() || a.String() != "" || a.Account() != "" {
		t.Errorf("zero ARN: IsZero = %v, String = %q, Account = %q", a.IsZero(), a.String(), a.Account())
	}
	if (arn.ARN{Resource: "x"}).IsZero() {
		t.Error("ARN with a resource IsZero")
	}
}

func TestNoAllocations(t *testing.T) {
	const s = "arn:aws:iam::123456789012:root"
	long := "arn:aws:s3:::bucket/" + strings.Repeat("k/", 100)
	checks := map[string]func(){
		"Parse":                   func() { _, _ = arn.Parse(s) },
		"Parse long":              func() { _, _ = arn.Parse(long) },
		"Split":                   func() { _, _ = arn.Split(long) },
		"IsAccountRoot":           func() { arn.IsAccountRoot(s) },
		"IsAccountRoot malformed": func() { arn.IsAccountRoot("arn:aws:iam") },
	}
	for name, f := range checks {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s made %v allocations, want 0", name, n)
		}
	}
}
