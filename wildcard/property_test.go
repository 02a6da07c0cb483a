package wildcard_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/wildcard"
)

// The reference matcher: the definition of the language, written for
// clarity and not for speed. A pattern is a list of tokens: `*`, `?` or one
// literal character. Characters are the runes of forward UTF-8 decoding,
// each invalid byte a character of its own, compared by their bytes.

type refTok struct {
	kind byte   // '*', '?' or 'c' (a literal character)
	char string // the bytes of the literal character
}

// chars splits s into characters.
func chars(s string) []string {
	var out []string
	for s != "" {
		_, n := utf8.DecodeRuneInString(s)
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

// refPiece is one Builder call: pattern text or literal text.
type refPiece struct {
	literal bool
	text    string
}

// refBuild turns Builder calls into tokens. Literal text of adjacent pieces
// joins before it is split into characters, as it does in the Builder.
func refBuild(pieces []refPiece) []refTok {
	var toks []refTok
	var run strings.Builder
	flush := func() {
		for _, c := range chars(run.String()) {
			toks = append(toks, refTok{kind: 'c', char: c})
		}
		run.Reset()
	}
	for _, p := range pieces {
		if p.literal {
			run.WriteString(p.text)
			continue
		}
		for i := 0; i < len(p.text); i++ {
			switch c := p.text[i]; c {
			case '*', '?':
				flush()
				toks = append(toks, refTok{kind: c})
			default:
				run.WriteByte(c)
			}
		}
	}
	flush()
	return toks
}

func refCompile(pattern string) []refTok { return refBuild([]refPiece{{text: pattern}}) }

func foldASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// refMatch is the textbook dynamic programme over (token, character).
func refMatch(toks []refTok, s string, fold bool) bool {
	cs := chars(s)
	if fold {
		for i := range cs {
			cs[i] = foldASCII(cs[i])
		}
	}
	// m[j]: the tokens so far match cs[:j].
	m := make([]bool, len(cs)+1)
	m[0] = true
	for _, t := range toks {
		next := make([]bool, len(cs)+1)
		for j := range next {
			switch t.kind {
			case '*':
				next[j] = m[j] || j > 0 && next[j-1]
			case '?':
				next[j] = j > 0 && m[j-1]
			default:
				c := t.char
				if fold {
					c = foldASCII(c)
				}
				next[j] = j > 0 && m[j-1] && cs[j-1] == c
			}
		}
		m = next
	}
	return m[len(cs)]
}

// The generators draw from a small alphabet so that random patterns and
// strings often match, with multi-byte runes, stray bytes that may or may
// not join into a rune, both letter cases, and the wildcard characters.
var alphabet = []string{"a", "b", "A", "B", ":", "/", "é", "\xc3", "\xa9", "\x80", "𝄞", "*", "?"}

func genString(maxLen int) *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		parts := rapid.SliceOfN(rapid.SampledFrom(alphabet), 0, maxLen).Draw(t, "parts")
		return strings.Join(parts, "")
	})
}

func genPieces() *rapid.Generator[[]refPiece] {
	return rapid.SliceOfN(rapid.Custom(func(t *rapid.T) refPiece {
		return refPiece{literal: rapid.Bool().Draw(t, "literal"), text: genString(4).Draw(t, "text")}
	}), 0, 5)
}

func build(pieces []refPiece) wildcard.Pattern {
	var b wildcard.Builder
	for _, p := range pieces {
		if p.literal {
			b.AppendLiteral(p.text)
		} else {
			b.AppendPattern(p.text)
		}
	}
	return b.Pattern()
}

func checkAgainstReference(t interface{ Fatalf(string, ...any) }, p wildcard.Pattern, toks []refTok, s string) {
	if got, want := p.Match(s), refMatch(toks, s, false); got != want {
		t.Fatalf("%q.Match(%q) = %v, reference says %v", p, s, got, want)
	}
	if got, want := p.MatchFold(s), refMatch(toks, s, true); got != want {
		t.Fatalf("%q.MatchFold(%q) = %v, reference says %v", p, s, got, want)
	}
}

// Compiled patterns agree with the reference matcher.
func propCompiledMatchesReference(t *rapid.T) {
	pattern := genString(12).Draw(t, "pattern")
	s := genString(16).Draw(t, "s")
	checkAgainstReference(t, wildcard.Compile(pattern), refCompile(pattern), s)
}

// Built patterns, with literal pieces, agree with the reference matcher.
func propBuiltMatchesReference(t *rapid.T) {
	pieces := genPieces().Draw(t, "pieces")
	s := genString(16).Draw(t, "s")
	checkAgainstReference(t, build(pieces), refBuild(pieces), s)
}

// A pattern made from s by keeping some characters as literal text and
// replacing others by `?` or runs of them by `*` matches s, under both
// Match and MatchFold, and MatchFold also matches s with its ASCII case
// swapped.
func propDerivedPatternMatches(t *rapid.T) {
	s := genString(16).Draw(t, "s")
	var b wildcard.Builder
	var pieces []refPiece
	cs := chars(s)
	for i := 0; i < len(cs); {
		switch rapid.IntRange(0, 3).Draw(t, "op") {
		case 0:
			b.AppendPattern("?")
			pieces = append(pieces, refPiece{text: "?"})
			i++
		case 1:
			n := rapid.IntRange(0, len(cs)-i).Draw(t, "star")
			b.AppendPattern("*")
			pieces = append(pieces, refPiece{text: "*"})
			i += n
		default:
			b.AppendLiteral(cs[i])
			pieces = append(pieces, refPiece{literal: true, text: cs[i]})
			i++
		}
	}
	p := b.Pattern()
	swapped := strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z':
			return r - 'a' + 'A'
		case 'A' <= r && r <= 'Z':
			return r - 'A' + 'a'
		}
		return r
	}, s)
	if !utf8.ValidString(s) {
		swapped = s // strings.Map would replace invalid bytes
	}
	if !p.Match(s) || !p.MatchFold(s) || !p.MatchFold(swapped) {
		t.Fatalf("%q derived from %q: Match = %v, MatchFold = %v, MatchFold(%q) = %v, want true",
			p, s, p.Match(s), p.MatchFold(s), swapped, p.MatchFold(swapped))
	}
	checkAgainstReference(t, p, refBuild(pieces), s)
}

// The accessors tell the truth about what a pattern matches.
func propAccessors(t *rapid.T) {
	pattern := genString(8).Draw(t, "pattern")
	p := wildcard.Compile(pattern)
	if p.String() != pattern {
		t.Fatalf("Compile(%q).String() = %q", pattern, p.String())
	}
	if got, want := p.IsLiteral(), !strings.ContainsAny(pattern, "*?"); got != want {
		t.Fatalf("Compile(%q).IsLiteral() = %v, want %v", pattern, got, want)
	}
	if got, want := p.MatchesEverything(), pattern != "" && strings.Trim(pattern, "*") == ""; got != want {
		t.Fatalf("Compile(%q).MatchesEverything() = %v, want %v", pattern, got, want)
	}
	if !strings.HasPrefix(pattern, p.LiteralPrefix()) || strings.ContainsAny(p.LiteralPrefix(), "*?") {
		t.Fatalf("Compile(%q).LiteralPrefix() = %q", pattern, p.LiteralPrefix())
	}
	// Collapsing stars changes nothing.
	collapsed := pattern
	for strings.Contains(collapsed, "**") {
		collapsed = strings.ReplaceAll(collapsed, "**", "*")
	}
	q := wildcard.Compile(collapsed)
	for range 4 {
		s := genString(10).Draw(t, "s")
		if p.Match(s) != q.Match(s) || p.MatchFold(s) != q.MatchFold(s) {
			t.Fatalf("Compile(%q) and Compile(%q) differ on %q", pattern, collapsed, s)
		}
		if p.Match(s) && !strings.HasPrefix(s, p.LiteralPrefix()) {
			t.Fatalf("Compile(%q) matches %q, which lacks its literal prefix %q", pattern, s, p.LiteralPrefix())
		}
		if p.IsLiteral() && p.Match(s) != (s == p.LiteralPrefix()) {
			t.Fatalf("literal Compile(%q).Match(%q) = %v", pattern, s, p.Match(s))
		}
		if p.MatchesEverything() && !p.Match(s) {
			t.Fatalf("Compile(%q) matches everything but not %q", pattern, s)
		}
	}
}

// A pattern built only from literal text matches exactly that text, even
// when it is full of `*` and `?`.
func propLiteralOnly(t *rapid.T) {
	text := genString(8).Draw(t, "text")
	var b wildcard.Builder
	b.AppendLiteral(text)
	p := b.Pattern()
	if !p.IsLiteral() || p.LiteralPrefix() != text {
		t.Fatalf("literal %q: IsLiteral = %v, LiteralPrefix = %q", text, p.IsLiteral(), p.LiteralPrefix())
	}
	s := rapid.OneOf(rapid.Just(text), genString(8)).Draw(t, "s")
	if got, want := p.Match(s), s == text; got != want {
		t.Fatalf("literal %q: Match(%q) = %v, want %v", text, s, got, want)
	}
}

func TestCompiledMatchesReference(t *testing.T) { rapid.Check(t, propCompiledMatchesReference) }
func TestBuiltMatchesReference(t *testing.T)    { rapid.Check(t, propBuiltMatchesReference) }
func TestDerivedPatternMatches(t *testing.T)    { rapid.Check(t, propDerivedPatternMatches) }
func TestAccessorsProperty(t *testing.T)        { rapid.Check(t, propAccessors) }
func TestLiteralOnly(t *testing.T)              { rapid.Check(t, propLiteralOnly) }

func FuzzCompiledMatchesReference(f *testing.F) {
	f.Fuzz(rapid.MakeFuzz(propCompiledMatchesReference))
}
func FuzzBuiltMatchesReference(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propBuiltMatchesReference)) }
func FuzzDerivedPatternMatches(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propDerivedPatternMatches)) }
func FuzzAccessors(f *testing.F)             { f.Fuzz(rapid.MakeFuzz(propAccessors)) }
func FuzzLiteralOnly(f *testing.F)           { f.Fuzz(rapid.MakeFuzz(propLiteralOnly)) }

// FuzzMatch compares Match and MatchFold with the reference matcher on
// arbitrary bytes. Inputs are cut to 64-byte patterns and 256-byte strings
// so that the quadratic reference stays fast.
func FuzzMatch(f *testing.F) {
	seeds := []struct{ pattern, s string }{
		{"", ""},
		{"*", "x"},
		{"iam:*AccessKey*", "IAM:ListAccessKeys"},
		{"arn:aws:s3:::bucket/*/logs/?.txt", "arn:aws:s3:::bucket/a/b/logs/c.txt"},
		{"*ab?d*", "abcabxd"},
		{"a?b", "a\xc3\x80b"},
		{"*\x80*", "x\xc3\x80\x80y"},
		{"?*?", "é"},
	}
	for _, s := range seeds {
		f.Add(s.pattern, s.s)
	}
	f.Fuzz(func(t *testing.T, pattern, s string) {
		if len(pattern) > 64 {
			pattern = pattern[:64]
		}
		if len(s) > 256 {
			s = s[:256]
		}
		checkAgainstReference(t, wildcard.Compile(pattern), refCompile(pattern), s)
	})
}
