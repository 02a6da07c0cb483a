package wildcard

import (
	"strings"
	"unicode/utf8"
)

// A Pattern is a compiled IAM wildcard pattern. It is immutable: copies share
// its storage safely, and it may be used from many goroutines at once.
//
// The zero Pattern matches only the empty string, like Compile("").
//
// Pattern values hold slices and are therefore not comparable with ==;
// compare their String forms when needed.
type Pattern struct {
	src string
	// segs are the pieces between stars: len(segs)-1 stars separate them.
	// The form is normalised when compiled: stars are collapsed, and the `?`
	// of a wildcard run are moved before its star (`*?` matches the same as
	// `?*`), so every segment after the first is either empty (only the last
	// one can be) or starts with a literal piece whose skip is 0.
	segs [][]piece
}

// A piece is `?` repeated skip times followed by literal text.
type piece struct {
	skip     int    // characters matched by `?` before lit
	lit      string // literal bytes; "" only for trailing `?` of a segment
	lower    string // lit with ASCII letters lower-cased, for MatchFold
	caseless bool   // lit has no ASCII letter: MatchFold compares it exactly
	valid    bool   // lit is valid UTF-8, so it can only match on rune boundaries
}

// Compile compiles an IAM wildcard pattern: `*` matches any run of
// characters, `?` exactly one character, every other character itself.
// Consecutive stars collapse into one. Compile never fails; String returns
// pattern unchanged.
func Compile(pattern string) Pattern {
	var b Builder
	b.AppendPattern(pattern)
	return b.Pattern()
}

// String returns the pattern's source: the string given to Compile, or for a
// built pattern the concatenation of its pieces in which the `*` and `?` of
// literal pieces are shown in IAM's escape form, `${*}` and `${?}`. The
// escaped form is for display; Compile does not interpret it.
func (p Pattern) String() string { return p.src }

// IsLiteral reports whether the pattern has no wildcard, so that it matches
// exactly one string, LiteralPrefix().
func (p Pattern) IsLiteral() bool {
	switch len(p.segs) {
	case 0:
		return true
	case 1:
		seg := p.segs[0]
		return len(seg) == 0 || len(seg) == 1 && seg[0].skip == 0
	}
	return false
}

// LiteralPrefix returns the literal text before the first wildcard: every
// string the pattern matches begins with it. For a literal pattern it is the
// whole text the pattern matches, with literal `*` and `?` unescaped.
func (p Pattern) LiteralPrefix() string {
	if len(p.segs) == 0 || len(p.segs[0]) == 0 || p.segs[0][0].skip != 0 {
		return ""
	}
	return p.segs[0][0].lit
}

// MatchesEverything reports whether the pattern is a lone `*` (or several
// stars), which matches every string.
func (p Pattern) MatchesEverything() bool {
	return len(p.segs) == 2 && len(p.segs[0]) == 0 && len(p.segs[1]) == 0
}

// Match reports whether s matches the pattern, comparing literal text
// case-sensitively. It makes no heap allocations.
func (p Pattern) Match(s string) bool { return p.match(s, false) }

// MatchFold reports whether s matches the pattern, comparing ASCII letters
// case-insensitively, as IAM compares action names. Bytes outside ASCII must
// be equal. It makes no heap allocations.
func (p Pattern) MatchFold(s string) bool { return p.match(s, true) }

func (p Pattern) match(s string, fold bool) bool {
	segs := p.segs
	switch len(segs) {
	case 0:
		return s == ""
	case 1:
		if seg := segs[0]; len(seg) == 1 && seg[0].skip == 0 {
			if fold && !seg[0].caseless {
				return len(s) == len(seg[0].lower) && hasPrefixFold(s, seg[0].lower)
			}
			return s == seg[0].lit
		}
		end, ok := matchForward(segs[0], s, 0, len(s), fold)
		return ok && end == len(s)
	}
	// The first segment is anchored at the start and the last at the end;
	// each match is unique, and they must not overlap.
	lo, ok := matchForward(segs[0], s, 0, len(s), fold)
	if !ok {
		return false
	}
	hi, ok := matchBackward(segs[len(segs)-1], s, lo, len(s), fold)
	if !ok {
		return false
	}
	// The segments in between are placed leftmost-first: a star can absorb
	// whatever lies before an occurrence, so the earliest one never loses.
	for _, seg := range segs[1 : len(segs)-1] {
		lo, ok = find(seg, s, lo, hi, fold)
		if !ok {
			return false
		}
	}
	return true
}

// matchForward matches seg at s[pos:], not reaching past limit, and returns
// where the match ends. pos and limit are character boundaries of s.
func matchForward(seg []piece, s string, pos, limit int, fold bool) (int, bool) {
	for i := range seg {
		pc := &seg[i]
		for k := pc.skip; k > 0; k-- {
			if pos >= limit {
				return 0, false
			}
			if s[pos] < utf8.RuneSelf {
				pos++
				continue
			}
			_, n := utf8.DecodeRuneInString(s[pos:limit])
			pos += n
		}
		n := len(pc.lit)
		if n == 0 {
			continue
		}
		if n > limit-pos || !equalAt(s[pos:pos+n], pc, fold) {
			return 0, false
		}
		if !pc.valid && !onBoundaries(s, pos, pos+n) {
			return 0, false
		}
		pos += n
	}
	return pos, true
}

// matchBackward matches seg so that it ends at s[:pos], not reaching before
// lo, and returns where the match starts. lo and pos are character
// boundaries of s.
func matchBackward(seg []piece, s string, lo, pos int, fold bool) (int, bool) {
	for i := len(seg) - 1; i >= 0; i-- {
		pc := &seg[i]
		if n := len(pc.lit); n > 0 {
			if n > pos-lo || !equalAt(s[pos-n:pos], pc, fold) {
				return 0, false
			}
			if !pc.valid && !onBoundaries(s, pos-n, pos) {
				return 0, false
			}
			pos -= n
		}
		for k := pc.skip; k > 0; k-- {
			if pos <= lo {
				return 0, false
			}
			if s[pos-1] < utf8.RuneSelf {
				pos--
				continue
			}
			_, n := utf8.DecodeLastRuneInString(s[lo:pos])
			pos -= n
		}
	}
	return pos, true
}

// find places seg at its leftmost match inside s[lo:hi] and returns where the
// match ends. seg is a middle segment: its first piece is a non-empty literal
// with no `?` before it.
func find(seg []piece, s string, lo, hi int, fold bool) (int, bool) {
	first := &seg[0]
	n := len(first.lit)
	for lo <= hi {
		var i int
		if fold && !first.caseless {
			i = indexFold(s[lo:hi], first.lower)
		} else {
			i = strings.Index(s[lo:hi], first.lit)
		}
		if i < 0 {
			return 0, false
		}
		at := lo + i
		if first.valid || onBoundaries(s, at, at+n) {
			if end, ok := matchForward(seg[1:], s, at+n, hi, fold); ok {
				return end, true
			}
		}
		lo = at + 1
	}
	return 0, false
}

func equalAt(t string, pc *piece, fold bool) bool {
	if fold && !pc.caseless {
		return hasPrefixFold(t, pc.lower)
	}
	return t == pc.lit
}

// onBoundaries reports whether i and j both fall on character boundaries of
// s. A literal that is valid UTF-8 always does, wherever it occurs; one that
// is not (a stray byte from a spliced value) must not match part of a valid
// multi-byte rune.
func onBoundaries(s string, i, j int) bool { return isBoundary(s, i) && isBoundary(s, j) }

// isBoundary reports whether a character of s starts at byte offset i, when s
// is read from the start as runes with each invalid byte a character of its
// own. Only a valid multi-byte rune covering i makes it not a boundary, and
// such a rune starts at the nearest rune-start byte at most three bytes back.
func isBoundary(s string, i int) bool {
	if i <= 0 || i >= len(s) || utf8.RuneStart(s[i]) {
		return true
	}
	for j := i - 1; j >= 0 && j >= i-(utf8.UTFMax-1); j-- {
		if utf8.RuneStart(s[j]) {
			_, n := utf8.DecodeRuneInString(s[j:])
			return n <= i-j
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}

// hasPrefixFold reports whether s begins with lower, folding the ASCII
// letters of s; lower is already lower-case.
func hasPrefixFold(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	for i := 0; i < len(lower); i++ {
		if lowerASCII(s[i]) != lower[i] {
			return false
		}
	}
	return true
}

// indexFold is strings.Index folding the ASCII letters of s; lower is
// non-empty and already lower-case.
func indexFold(s, lower string) int {
	c0 := lower[0]
	last := len(s) - len(lower)
	if c0 < 'a' || c0 > 'z' {
		for i := 0; i <= last; {
			j := strings.IndexByte(s[i:last+1], c0)
			if j < 0 {
				return -1
			}
			i += j
			if hasPrefixFold(s[i:], lower) {
				return i
			}
			i++
		}
		return -1
	}
	up := c0 - ('a' - 'A')
	for i := 0; i <= last; i++ {
		if c := s[i]; (c == c0 || c == up) && hasPrefixFold(s[i:], lower) {
			return i
		}
	}
	return -1
}
