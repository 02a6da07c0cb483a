package arn_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/arn"
	"github.com/seed-e2e06c4d/awsaccess/wildcard"
)

// refWildcard is the definition of IAM wildcard matching, written for
// clarity: a dynamic programme over the characters (runes, an invalid byte
// being one) of pattern and string.
func refWildcard(pattern, s string) bool {
	split := func(s string) []string {
		var out []string
		for s != "" {
			_, n := utf8.DecodeRuneInString(s)
			out = append(out, s[:n])
			s = s[n:]
		}
		return out
	}
	cs := split(s)
	m := make([]bool, len(cs)+1) // m[j]: the pattern so far matches cs[:j]
	m[0] = true
	for _, t := range split(pattern) {
		next := make([]bool, len(cs)+1)
		for j := range next {
			switch t {
			case "*":
				next[j] = m[j] || j > 0 && next[j-1]
			case "?":
				next[j] = j > 0 && m[j-1]
			default:
				next[j] = j > 0 && m[j-1] && cs[j-1] == t
			}
		}
		m = next
	}
	return m[len(cs)]
}

// refPatternMatch is the definition of ARN pattern matching: "*" matches
// everything; otherwise pattern and value are cut at their first five colons
// and the last five parts matched pairwise. ok is false when the pattern is
// malformed.
func refPatternMatch(pattern, value string) (match, ok bool) {
	if pattern == "*" {
		return true, true
	}
	pp := strings.SplitN(pattern, ":", 6)
	if len(pp) < 6 || pp[0] != "arn" {
		return false, false
	}
	vp := strings.SplitN(value, ":", 6)
	if len(vp) < 6 || vp[0] != "arn" {
		return false, true
	}
	for i := 1; i < 6; i++ {
		if !refWildcard(pp[i], vp[i]) {
			return false, true
		}
	}
	return true, true
}

// refValid is the definition of a well-formed ARN, for Parse.
func refValid(s string) bool {
	p := strings.SplitN(s, ":", 6)
	if len(p) < 6 || p[0] != "arn" {
		return false
	}
	partitions := []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}
	name := func(s string) bool {
		return strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == ""
	}
	account := p[4] == "" || p[4] == "aws" || len(p[4]) == 12 && strings.Trim(p[4], "0123456789") == ""
	known := false
	for _, q := range partitions {
		known = known || p[1] == q
	}
	return known && p[2] != "" && name(p[2]) && name(p[3]) && account && p[5] != ""
}

// Generators. Segment text comes from a small alphabet so that random
// patterns often match random values.
var segAlphabet = []string{"a", "b", "-", "/", ":", "é", "\xc3", "*", "?"}

func genSeg(maxLen int) *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		return strings.Join(rapid.SliceOfN(rapid.SampledFrom(segAlphabet), 0, maxLen).Draw(t, "seg"), "")
	})
}

// genShaped draws ARN-ish text: usually "arn:" and colon-joined segments
// (which may themselves hold colons), sometimes something else.
func genShaped() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		switch rapid.IntRange(0, 9).Draw(t, "shape") {
		case 0:
			return "*"
		case 1:
			return genSeg(8).Draw(t, "free")
		}
		prefix := rapid.SampledFrom([]string{"arn", "arn", "arn", "ARN", "a*"}).Draw(t, "prefix")
		segs := rapid.SliceOfN(genSeg(3), 4, 6).Draw(t, "segs")
		return prefix + ":" + strings.Join(segs, ":")
	})
}

func genARN() *rapid.Generator[arn.ARN] {
	return rapid.Custom(func(t *rapid.T) arn.ARN {
		return arn.ARN{
			Partition: rapid.SampledFrom([]string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}).Draw(t, "partition"),
			Service:   rapid.StringMatching(`[a-z0-9-]{1,8}`).Draw(t, "service"),
			Region:    rapid.StringMatching(`[a-z0-9-]{0,12}`).Draw(t, "region"),
			AccountID: rapid.OneOf(rapid.Just(""), rapid.Just("aws"), rapid.StringMatching(`[0-9]{12}`)).Draw(t, "account"),
			Resource:  rapid.StringN(1, 16, -1).Draw(t, "resource"),
		}
	})
}

// A well-formed ARN survives String, Parse, Split and the text encoding
// unchanged.
func propRoundTrip(t *rapid.T) {
	a := genARN().Draw(t, "arn")
	s := a.String()
	got, err := arn.Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	if got != a {
		t.Fatalf("Parse(%q) = %#v, want %#v", s, got, a)
	}
	parts, ok := arn.Split(s)
	if want := [6]string{"arn", a.Partition, a.Service, a.Region, a.AccountID, a.Resource}; !ok || parts != want {
		t.Fatalf("Split(%q) = %q, %v, want %q", s, parts, ok, want)
	}
	text, err := a.MarshalText()
	if err != nil || string(text) != s {
		t.Fatalf("MarshalText = %q, %v, want %q", text, err, s)
	}
	var back arn.ARN
	if err := back.UnmarshalText(text); err != nil || back != a {
		t.Fatalf("UnmarshalText(%q) = %#v, %v", text, back, err)
	}
	if got, want := arn.IsAccountRoot(s), a.Service == "iam" && a.Region == "" && a.Resource == "root" && len(a.AccountID) == 12; got != want {
		t.Fatalf("IsAccountRoot(%q) = %v, want %v", s, got, want)
	}
}

// Split cuts exactly at the first five colons, and joining undoes it.
func propSplit(t *rapid.T) {
	s := rapid.OneOf(genShaped(), rapid.String()).Draw(t, "s")
	parts, ok := arn.Split(s)
	if ok != (strings.Count(s, ":") >= 5) {
		t.Fatalf("Split(%q) ok = %v with %d colons", s, ok, strings.Count(s, ":"))
	}
	if !ok {
		if parts != [6]string{} {
			t.Fatalf("Split(%q) = %q with ok false", s, parts)
		}
		return
	}
	if strings.Join(parts[:], ":") != s {
		t.Fatalf("Split(%q) = %q does not join back", s, parts)
	}
	for _, p := range parts[:5] {
		if strings.Contains(p, ":") {
			t.Fatalf("Split(%q) = %q: a part before the resource holds a colon", s, parts)
		}
	}
}

// Pattern.Match agrees with the reference, and CompilePattern fails exactly
// when the reference calls the pattern malformed. An ARN pattern never
// matches a value that the same text as a plain wildcard pattern rejects:
// segment matching is the stricter.
func propPatternMatchesReference(t *rapid.T) {
	pattern := genShaped().Draw(t, "pattern")
	value := genShaped().Draw(t, "value")
	checkPattern(t, pattern, value)
}

func checkPattern(t interface{ Fatalf(string, ...any) }, pattern, value string) {
	want, wantOK := refPatternMatch(pattern, value)
	p, err := arn.CompilePattern(pattern)
	if (err == nil) != wantOK {
		t.Fatalf("CompilePattern(%q) error = %v, reference says well-formed = %v", pattern, err, wantOK)
	}
	if err != nil {
		if !errors.Is(err, arn.ErrMalformed) {
			t.Fatalf("CompilePattern(%q) error %v does not wrap ErrMalformed", pattern, err)
		}
		return
	}
	if got := p.Match(value); got != want {
		t.Fatalf("CompilePattern(%q).Match(%q) = %v, reference says %v", pattern, value, got, want)
	}
	if want && !wildcard.Compile(pattern).Match(value) {
		t.Fatalf("ARN pattern %q matches %q but the plain wildcard does not", pattern, value)
	}
	if p.String() != pattern {
		t.Fatalf("CompilePattern(%q).String() = %q", pattern, p.String())
	}
}

// A pattern without wildcards (ArnEquals on a plain ARN) matches exactly
// the ARN it spells.
func propLiteralPattern(t *rapid.T) {
	a := genARN().Draw(t, "a")
	a.Resource = strings.NewReplacer("*", "x", "?", "x").Replace(a.Resource)
	p, err := arn.CompilePattern(a.String())
	if err != nil {
		t.Fatalf("CompilePattern(%q): %v", a, err)
	}
	b := rapid.OneOf(rapid.Just(a), genARN(), rapid.Custom(func(t *rapid.T) arn.ARN {
		c := a
		switch rapid.IntRange(0, 4).Draw(t, "field") {
		case 0:
			c.Partition = genARN().Draw(t, "other").Partition
		case 1:
			c.Service += "x"
		case 2:
			c.Region = strings.ToUpper(c.Region)
		case 3:
			c.AccountID = genARN().Draw(t, "other").AccountID
		default:
			c.Resource += rapid.SampledFrom([]string{"", "/", ":x"}).Draw(t, "suffix")
		}
		return c
	})).Draw(t, "b")
	if got, want := p.Match(b.String()), a == b; got != want {
		t.Fatalf("CompilePattern(%q).Match(%q) = %v, want %v", a, b, got, want)
	}
	if p.Service() != a.Service {
		t.Fatalf("CompilePattern(%q).Service() = %q", a, p.Service())
	}
}

func TestRoundTrip(t *testing.T)               { rapid.Check(t, propRoundTrip) }
func TestSplitProperty(t *testing.T)           { rapid.Check(t, propSplit) }
func TestPatternMatchesReference(t *testing.T) { rapid.Check(t, propPatternMatchesReference) }
func TestLiteralPattern(t *testing.T)          { rapid.Check(t, propLiteralPattern) }

func FuzzRoundTrip(f *testing.F)               { f.Fuzz(rapid.MakeFuzz(propRoundTrip)) }
func FuzzSplit(f *testing.F)                   { f.Fuzz(rapid.MakeFuzz(propSplit)) }
func FuzzPatternMatchesReference(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propPatternMatchesReference)) }
func FuzzLiteralPattern(f *testing.F)          { f.Fuzz(rapid.MakeFuzz(propLiteralPattern)) }

// FuzzParse checks that Parse never panics, fails exactly on the inputs the
// reference calls malformed, with an error wrapping ErrMalformed, and that the
// round trip is exact: Parse keeps every field as written (no case folding,
// no trimming), so for every s that Parse accepts, Parse(s).String() == s,
// Split(s) gives the same fields, and the text encoding gives s back.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "arn", "arn:aws:s3:::bucket/key", "arn:aws:iam::aws:policy/ReadOnlyAccess",
		"arn:aws:iam::123456789012:root", "arn:aws:sns:us-east-1:123456789012:topic:sub",
		"arn:aws:S3:::b", "arn:aws:s3:::", "arn:aws-eusc:ec2:eu-1:123456789012:i/x", "arn:aws:ec2:us-é:1:i",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := arn.Parse(s)
		if (err == nil) != refValid(s) {
			t.Fatalf("Parse(%q) error = %v, reference says valid = %v", s, err, refValid(s))
		}
		if err != nil {
			if !errors.Is(err, arn.ErrMalformed) || !strings.HasPrefix(err.Error(), "arn: parse ") {
				t.Fatalf("Parse(%q) error %q", s, err)
			}
			return
		}
		if a.String() != s {
			t.Fatalf("Parse(%q).String() = %q", s, a.String())
		}
		parts, ok := arn.Split(s)
		if want := [6]string{"arn", a.Partition, a.Service, a.Region, a.AccountID, a.Resource}; !ok || parts != want {
			t.Fatalf("Split(%q) = %q, %v, want %q", s, parts, ok, want)
		}
		var back arn.ARN
		if err := back.UnmarshalText([]byte(s)); err != nil || back != a {
			t.Fatalf("UnmarshalText(%q) = %#v, %v", s, back, err)
		}
	})
}

// FuzzPatternMatch compares Pattern.Match with the reference on arbitrary
// pattern and value text, cut to 96 bytes each so that the quadratic
// reference stays fast.
func FuzzPatternMatch(f *testing.F) {
	for _, c := range []struct{ pattern, value string }{
		{"*", "anything"},
		{"arn:aws:someservice:*:111122223333:finance/*", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"},
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a:b"},
		{"arn:aws:iam::????????????:root", "arn:aws:iam::123456789012:root"},
		{"arn:*:*:*:*:*", "arn:::::"},
		{"arn:aws:s3:::b/?", "arn:aws:s3:::b/\xc3\x80"},
	} {
		f.Add(c.pattern, c.value)
	}
	f.Fuzz(func(t *testing.T, pattern, value string) {
		if len(pattern) > 96 {
			pattern = pattern[:96]
		}
		if len(value) > 96 {
			value = value[:96]
		}
		checkPattern(t, pattern, value)
	})
}
