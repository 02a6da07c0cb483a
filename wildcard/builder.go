package wildcard

import (
	"strings"
	"unicode/utf8"
)

// A Builder assembles a Pattern from pieces of two kinds: pattern text, whose
// `*` and `?` are wildcards, and literal text, in which every character,
// `*` and `?` included, stands for itself. The policy evaluator uses it to
// splice resolved policy-variable values into a Resource or condition
// pattern.
//
// Adjacent pieces join with nothing in between: AppendLiteral("a") then
// AppendPattern("b*") builds the pattern of "ab*".
//
// The zero Builder is ready to use. A Builder is not safe for concurrent use;
// the Patterns it returns are.
type Builder struct {
	toks []token
	src  []byte
}

type tokenKind uint8

const (
	tokLit  tokenKind = iota // literal text
	tokOne                   // `?`
	tokStar                  // `*`
)

type token struct {
	kind tokenKind
	text string // tokLit only
}

// AppendPattern appends pattern text: its `*` and `?` are wildcards.
func (b *Builder) AppendPattern(s string) {
	b.src = append(b.src, s...)
	start := 0
	for i := 0; i < len(s); i++ {
		var k tokenKind
		switch s[i] {
		case '*':
			k = tokStar
		case '?':
			k = tokOne
		default:
			continue
		}
		if start < i {
			b.toks = append(b.toks, token{kind: tokLit, text: s[start:i]})
		}
		b.toks = append(b.toks, token{kind: k})
		start = i + 1
	}
	if start < len(s) {
		b.toks = append(b.toks, token{kind: tokLit, text: s[start:]})
	}
}

// AppendLiteral appends literal text: every character of s, `*` and `?`
// included, matches only itself. String shows a literal `*` as `${*}` and a
// literal `?` as `${?}`, the way IAM policies write them.
func (b *Builder) AppendLiteral(s string) {
	if s == "" {
		return
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '*', '?':
			b.src = append(b.src, "${"...)
			b.src = append(b.src, c, '}')
		default:
			b.src = append(b.src, c)
		}
	}
	b.toks = append(b.toks, token{kind: tokLit, text: s})
}

// Pattern returns the pattern built so far. The Builder may go on appending;
// the returned Pattern does not change.
func (b *Builder) Pattern() Pattern {
	return Pattern{src: string(b.src), segs: compile(b.toks)}
}

// compile turns a token list into normalised star-separated segments.
func compile(toks []token) [][]piece {
	var (
		segs  [][]piece
		cur   []piece
		skip  int  // pending `?` count
		star  bool // pending `*` in the current wildcard run
		lit   strings.Builder
		inLit bool
	)
	flushLit := func() {
		if !inLit {
			return
		}
		cur = append(cur, newPiece(skip, lit.String()))
		skip, inLit = 0, false
		lit.Reset()
	}
	// flushRun ends a wildcard run: its `?` stay in the current segment, its
	// star (at most one) closes the segment.
	flushRun := func() {
		if !star {
			return
		}
		if skip > 0 {
			cur = append(cur, piece{skip: skip, caseless: true, valid: true})
			skip = 0
		}
		segs = append(segs, cur)
		cur, star = nil, false
	}
	for _, t := range toks {
		switch t.kind {
		case tokLit:
			if t.text == "" {
				continue
			}
			flushRun()
			lit.WriteString(t.text)
			inLit = true
		case tokOne:
			flushLit()
			skip++
		case tokStar:
			flushLit()
			star = true
		}
	}
	flushLit()
	flushRun()
	if skip > 0 {
		cur = append(cur, piece{skip: skip, caseless: true, valid: true})
	}
	segs = append(segs, cur)
	if len(segs) == 1 && len(cur) == 0 {
		return nil // the empty pattern, same as the zero Pattern
	}
	return segs
}

func newPiece(skip int, lit string) piece {
	pc := piece{skip: skip, lit: lit, lower: lit, caseless: true, valid: utf8.ValidString(lit)}
	upper := false
	for i := 0; i < len(lit); i++ {
		switch c := lit[i]; {
		case 'A' <= c && c <= 'Z':
			upper = true
			pc.caseless = false
		case 'a' <= c && c <= 'z':
			pc.caseless = false
		}
	}
	if upper {
		// Fold ASCII only, byte by byte: IAM does not fold other letters, and
		// invalid bytes must stay as they are.
		bs := []byte(lit)
		for i, c := range bs {
			bs[i] = lowerASCII(c)
		}
		pc.lower = string(bs)
	}
	return pc
}
