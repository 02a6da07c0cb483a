package wildcard_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/wildcard"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, s  string
		match, fold bool
	}{
		{"", "", true, true},
		{"", "a", false, false},
		{"abc", "abc", true, true},
		{"abc", "ABC", false, true},
		{"abc", "abcd", false, false},
		{"abc", "ab", false, false},
		{"*", "", true, true},
		{"*", "anything: at all/ with \xff bytes", true, true},
		{"***", "x", true, true},
		{"?", "", false, false},
		{"?", "a", true, true},
		{"?", "ab", false, false},
		{"?", "é", true, true},          // one rune, two bytes
		{"??", "é", false, false},       // ... not two characters
		{"?", "\xff", true, true},       // an invalid byte is one character
		{"?", "\xff\xfe", false, false}, // ... each of them
		{"?", "𝄞", true, true},          // four bytes
		{"a?c", "abc", true, true},
		{"a?c", "ac", false, false},
		{"a?c", "a/c", true, true},
		{"a?b", "a\xc3\x80b", true, true},       // À
		{"a?b", "a\xc3b", true, true},           // truncated rune: one invalid byte
		{"a?b", "a\xc3\x80\x80b", false, false}, // À then a stray continuation byte
		{"a??b", "a\xc3\x80\x80b", true, true},  // ... is two characters
		{"*?", "", false, false},
		{"*?", "x", true, true},
		{"?*?", "a", false, false},
		{"?*?", "ab", true, true},
		{"*?*?*", "é", false, false},
		{"a*", "a", true, true},
		{"a*", "ba", false, false},
		{"*a", "bbba", true, true},
		{"*a", "ab", false, false},
		{"a*a", "a", false, false}, // anchored ends must not overlap
		{"a*a", "aa", true, true},
		{"ab*ba", "aba", false, false},
		{"ab*ba", "abba", true, true},
		{"*a*b*c*", "xaybzc", true, true},
		{"*a*b*c*", "cba", false, false},
		{"*a*b*c*", "xAyBzC", false, true},
		{"*ab?d*", "abcabxd", true, true}, // first occurrence of "ab" fails, second fits
		{"*ab?d*", "abcabd", false, false},
		{"*aa?b*", "aaaxb", true, true}, // the next try starts inside the failed occurrence
		{"x*aba?a*", "xababaxa", true, true},
		{"*é*", "xéy", true, true},
		{"*é*", "xÉy", false, false}, // MatchFold folds ASCII only
		{"iam:*", "iam:ListUsers", true, true},
		{"iam:*", "IAM:ListUsers", false, true},
		{"iam:*", "ec2:RunInstances", false, false},
		{"iam:*AccessKey*", "iam:CreateAccessKey", true, true},
		{"iam:*AccessKey*", "iam:ListAccessKeys", true, true},
		{"iam:*AccessKey*", "iam:ListUsers", false, false},
		{"iam:*accesskey*", "IAM:ListAccessKeys", false, true},
		{"s3:Get*", "s3:GetObject", true, true},
		{"S3:GET*", "s3:getobject", false, true},
		{"arn:aws:s3:::bucket/*/logs/?.txt", "arn:aws:s3:::bucket/2024/01/logs/a.txt", true, true},
		{"arn:aws:s3:::bucket/*/logs/?.txt", "arn:aws:s3:::bucket/2024/01/logs/ab.txt", false, false},
		{"arn:aws:s3:::bucket/*/logs/?.txt", "arn:aws:s3:::bucket/logs/a.txt", false, false},
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::Bucket/x", false, true},
		// Invalid bytes in the pattern never match part of a valid rune.
		{"*\x80", "\xc3\x80", false, false},
		{"*\x80", "a\x80", true, true},
		{"\xc3*", "\xc3\x80", false, false},
		{"\xc3*", "\xc3a", true, true},
		{"*\x80*", "x\xc3\x80y", false, false},
		{"*\x80*", "x\xc3\x80\x80y", true, true},
		{"\xc3\x80", "\xc3\x80", true, true},
	}
	for _, tt := range tests {
		p := wildcard.Compile(tt.pattern)
		if got := p.Match(tt.s); got != tt.match {
			t.Errorf("Compile(%q).Match(%q) = %v, want %v", tt.pattern, tt.s, got, tt.match)
		}
		if got := p.MatchFold(tt.s); got != tt.fold {
			t.Errorf("Compile(%q).MatchFold(%q) = %v, want %v", tt.pattern, tt.s, got, tt.fold)
		}
		// The reference matcher of the property tests must agree with the
		// table, or the properties would prove nothing.
		if got := refMatch(refCompile(tt.pattern), tt.s, false); got != tt.match {
			t.Errorf("reference match of %q against %q = %v, want %v", tt.pattern, tt.s, got, tt.match)
		}
		if got := refMatch(refCompile(tt.pattern), tt.s, true); got != tt.fold {
			t.Errorf("reference fold match of %q against %q = %v, want %v", tt.pattern, tt.s, got, tt.fold)
		}
	}
}

type accessors struct {
	String            string
	IsLiteral         bool
	LiteralPrefix     string
	MatchesEverything bool
}

func accessorsOf(p wildcard.Pattern) accessors {
	return accessors{p.String(), p.IsLiteral(), p.LiteralPrefix(), p.MatchesEverything()}
}

func TestAccessors(t *testing.T) {
	tests := []struct {
		pattern string
		want    accessors
	}{
		{"", accessors{"", true, "", false}},
		{"iam:ListUsers", accessors{"iam:ListUsers", true, "iam:ListUsers", false}},
		{"*", accessors{"*", false, "", true}},
		{"**", accessors{"**", false, "", true}},
		{"*?", accessors{"*?", false, "", false}},
		{"?", accessors{"?", false, "", false}},
		{"iam:*", accessors{"iam:*", false, "iam:", false}},
		{"iam:Get?", accessors{"iam:Get?", false, "iam:Get", false}},
		{"a*?b", accessors{"a*?b", false, "a", false}},
		{"?a", accessors{"?a", false, "", false}},
		{"${*}", accessors{"${*}", false, "${", false}}, // Compile has no escapes
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, accessorsOf(wildcard.Compile(tt.pattern))); diff != "" {
			t.Errorf("Compile(%q) accessors (-want +got):\n%s", tt.pattern, diff)
		}
	}
}

func TestZeroPattern(t *testing.T) {
	var p wildcard.Pattern
	if diff := cmp.Diff(accessors{"", true, "", false}, accessorsOf(p)); diff != "" {
		t.Errorf("zero Pattern accessors (-want +got):\n%s", diff)
	}
	for _, s := range []string{"", "a", "*"} {
		if got, want := p.Match(s), s == ""; got != want {
			t.Errorf("zero Pattern.Match(%q) = %v, want %v", s, got, want)
		}
		if got, want := p.MatchFold(s), s == ""; got != want {
			t.Errorf("zero Pattern.MatchFold(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestBuilder(t *testing.T) {
	type step struct {
		literal bool
		text    string
	}
	tests := []struct {
		name    string
		steps   []step
		want    accessors
		matches []string
		misses  []string
	}{
		{
			name:    "spliced value with a star is literal",
			steps:   []step{{false, "arn:aws:s3:::bucket/home/"}, {true, "a*b"}, {false, "/*"}},
			want:    accessors{"arn:aws:s3:::bucket/home/a${*}b/*", false, "arn:aws:s3:::bucket/home/a*b/", false},
			matches: []string{"arn:aws:s3:::bucket/home/a*b/", "arn:aws:s3:::bucket/home/a*b/x/y"},
			misses:  []string{"arn:aws:s3:::bucket/home/aXb/x", "arn:aws:s3:::bucket/home/ab/x", "arn:aws:s3:::bucket/home/a*b"},
		},
		{
			name:    "lone literal star",
			steps:   []step{{true, "*"}},
			want:    accessors{"${*}", true, "*", false},
			matches: []string{"*"},
			misses:  []string{"", "x", "**"},
		},
		{
			name:    "literal question mark",
			steps:   []step{{false, "a"}, {true, "?"}, {false, "?"}},
			want:    accessors{"a${?}?", false, "a?", false},
			matches: []string{"a?x", "a??"},
			misses:  []string{"abx", "a?", "a?xy"},
		},
		{
			name:    "pieces join with nothing between",
			steps:   []step{{true, "ab"}, {false, ""}, {true, ""}, {false, "c*"}},
			want:    accessors{"abc*", false, "abc", false},
			matches: []string{"abc", "abcd"},
			misses:  []string{"ab", "abd"},
		},
		{
			name:    "bytes of one rune spliced apart still form it",
			steps:   []step{{true, "\xc3"}, {true, "\x80"}},
			want:    accessors{"\xc3\x80", true, "\xc3\x80", false},
			matches: []string{"À"},
			misses:  []string{"\xc3", "\x80"},
		},
		{
			name:    "no pieces",
			want:    accessors{"", true, "", false},
			misses:  []string{"x"},
			matches: []string{""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b wildcard.Builder
			for _, st := range tt.steps {
				if st.literal {
					b.AppendLiteral(st.text)
				} else {
					b.AppendPattern(st.text)
				}
			}
			p := b.Pattern()
			if diff := cmp.Diff(tt.want, accessorsOf(p)); diff != "" {
				t.Errorf("accessors (-want +got):\n%s", diff)
			}
			for _, s := range tt.matches {
				if !p.Match(s) || !p.MatchFold(s) {
					t.Errorf("%s: Match(%q) = %v, MatchFold = %v, want true", p, s, p.Match(s), p.MatchFold(s))
				}
			}
			for _, s := range tt.misses {
				if p.Match(s) || p.MatchFold(s) {
					t.Errorf("%s: Match(%q) = %v, MatchFold = %v, want false", p, s, p.Match(s), p.MatchFold(s))
				}
			}
		})
	}
}

func TestBuilderKeepsReturnedPatterns(t *testing.T) {
	var b wildcard.Builder
	b.AppendPattern("a*")
	first := b.Pattern()
	b.AppendLiteral("?")
	second := b.Pattern()
	if !first.Match("ab") || first.String() != "a*" {
		t.Errorf("first pattern changed after more appends: %q, Match(ab) = %v", first, first.Match("ab"))
	}
	if second.Match("ab") || !second.Match("ab?") || second.String() != "a*${?}" {
		t.Errorf("second pattern %q: Match(ab) = %v, Match(ab?) = %v", second, second.Match("ab"), second.Match("ab?"))
	}
}

// pathological lists patterns and strings that make a backtracking or
// recursive matcher exponential or quadratic.
func pathological() []struct {
	name       string
	pattern, s string
	want       bool
} {
	as := strings.Repeat("a", 100_000)
	return []struct {
		name       string
		pattern, s string
		want       bool
	}{
		{"1000 stars", strings.Repeat("*", 1000), as, true},
		{"1000 stars then b", strings.Repeat("*", 1000) + "b", as, false},
		{"*a x1000 on a's", strings.Repeat("*a", 1000), as, true},
		{"*a x1000 then b on a's", strings.Repeat("*a", 1000) + "*b", as, false},
		{"*a x1000 on b's", strings.Repeat("*a", 1000), strings.Repeat("b", 100_000), false},
		{"*a x1000 on a b... a", strings.Repeat("*a", 1000), "a" + strings.Repeat("b", 99_998) + "a", false},
		{"*a? x1000 on a's", strings.Repeat("*a?", 1000), as, true},
		{"a*a*...*b fold", "A" + strings.Repeat("*A", 999) + "*B", as, false},
	}
}

// TestPathological bounds the time of inputs that would take a naive matcher
// hours. The linear matcher needs well under a millisecond for each; the
// bound leaves room for the race detector and a busy machine but not for a
// quadratic algorithm (1,000 segments × 100,000 bytes).
func TestPathological(t *testing.T) {
	for _, tt := range pathological() {
		p := wildcard.Compile(tt.pattern)
		best := time.Duration(1 << 62)
		for range 5 {
			start := time.Now()
			got := p.Match(tt.s)
			gotFold := p.MatchFold(tt.s)
			if d := time.Since(start); d < best {
				best = d
			}
			if got != tt.want || gotFold != tt.want {
				t.Fatalf("%s: Match = %v, MatchFold = %v, want %v", tt.name, got, gotFold, tt.want)
			}
		}
		if best > 20*time.Millisecond {
			t.Errorf("%s: best of 5 took %v, want linear time (well under 20ms)", tt.name, best)
		}
	}
}

func TestMatchDoesNotAllocate(t *testing.T) {
	long := "arn:aws:s3:::bucket/" + strings.Repeat("dir/", 200) + "logs/a.txt"
	cases := []struct{ pattern, s string }{
		{"iam:ListUsers", "iam:ListUsers"},
		{"iam:*", "IAM:ListUsers"},
		{"iam:*AccessKey*", "iam:ListAccessKeys"},
		{"arn:aws:s3:::bucket/*/logs/?.txt", long},
		{"*a*b*c*", "xaybzc"},
		{"a?b", "a\xc3\x80b"},
		{"*\x80*", "x\xc3\x80\x80y"},
	}
	for _, c := range cases {
		p := wildcard.Compile(c.pattern)
		if n := testing.AllocsPerRun(100, func() { p.Match(c.s); p.MatchFold(c.s) }); n != 0 {
			t.Errorf("Compile(%q) Match/MatchFold(%q) made %v allocations, want 0", c.pattern, c.s, n)
		}
	}
}
