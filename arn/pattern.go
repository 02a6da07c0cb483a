package arn

import (
	"strings"

	"github.com/seed-e2e06c4d/awsaccess/wildcard"
)

// A Pattern is a compiled ARN pattern, as written in a policy's Resource and
// NotResource elements and in the values of the ArnLike and ArnEquals
// condition operators (the two behave the same). See the package
// documentation for how it matches.
//
// A Pattern is immutable and safe for concurrent use. The zero Pattern
// matches nothing.
type Pattern struct {
	src  string
	kind patternKind
	// exact is the one value a pattern without wildcards matches, when
	// comparing whole strings is the same as comparing segments; else "".
	exact string
	// head is "arn:partition:service:region:account:" when those four
	// segments are literal: a value matches when it starts with head and
	// the rest matches the resource segment, with no split.
	head string
	// seg holds the partition, service, region, account and resource
	// segments. It is shared by copies of the Pattern and never changed.
	seg *[5]wildcard.Pattern
}

type patternKind uint8

const (
	patternNone     patternKind = iota // the zero Pattern
	patternAll                         // "*"
	patternSegments                    // arn:...:...:...:...:...
)

// CompilePattern compiles an ARN pattern. "*" alone matches every resource
// string, ARN or not. Any other pattern must be "arn:" followed by at least
// five more colon-separated parts; beyond that shape the segments are free
// text with wildcards and are not checked (a pattern's partition may be "*").
// The error wraps ErrMalformed.
func CompilePattern(s string) (Pattern, error) {
	if s == "*" {
		return Pattern{src: s, kind: patternAll}, nil
	}
	parts, ok := Split(s)
	switch {
	case !ok:
		return Pattern{}, &parseError{what: "pattern", input: s,
			msg: `want "*" or arn:partition:service:region:account-id:resource, with wildcards`}
	case parts[0] != "arn":
		return Pattern{}, &parseError{what: "pattern", input: s, msg: `missing "arn:" prefix`}
	}
	p := NewPattern(wildcard.Compile(parts[1]), wildcard.Compile(parts[2]), wildcard.Compile(parts[3]),
		wildcard.Compile(parts[4]), wildcard.Compile(parts[5]))
	p.src = s
	return p, nil
}

// NewPattern returns the ARN pattern with the given segments. The policy
// evaluator uses it to build a pattern whose resource segment holds spliced
// policy-variable values (see wildcard.Builder). A partition, service, region
// or account pattern that can only match text with a colon matches nothing,
// since those segments of a value never contain one.
func NewPattern(partition, service, region, account, resource wildcard.Pattern) Pattern {
	p := Pattern{kind: patternSegments, seg: &[5]wildcard.Pattern{partition, service, region, account, resource}}
	var src strings.Builder
	src.WriteString("arn")
	exact := true
	for i, s := range p.seg {
		src.WriteByte(':')
		src.WriteString(s.String())
		if !s.IsLiteral() || i < 4 && strings.Contains(s.LiteralPrefix(), ":") {
			exact = false
		}
	}
	p.src = src.String()
	literalHead := true
	for _, s := range p.seg[:4] {
		if !s.IsLiteral() || strings.Contains(s.LiteralPrefix(), ":") {
			literalHead = false
		}
	}
	if literalHead {
		p.head = "arn:" + partition.LiteralPrefix() + ":" + service.LiteralPrefix() + ":" +
			region.LiteralPrefix() + ":" + account.LiteralPrefix() + ":"
	}
	if exact {
		p.exact = "arn:" + partition.LiteralPrefix() + ":" + service.LiteralPrefix() + ":" +
			region.LiteralPrefix() + ":" + account.LiteralPrefix() + ":" + resource.LiteralPrefix()
	}
	return p
}

// Match reports whether value matches the pattern, segment by segment and
// case-sensitively. A value that is not ARN-shaped ("arn:" and five more
// colon-separated parts) matches only the pattern "*". Match makes no
// allocations.
func (p Pattern) Match(value string) bool {
	switch p.kind {
	case patternNone:
		return false
	case patternAll:
		return true
	}
	if p.exact != "" {
		return value == p.exact
	}
	if p.head != "" {
		return len(value) >= len(p.head) && value[:len(p.head)] == p.head && p.seg[4].Match(value[len(p.head):])
	}
	parts, ok := Split(value)
	if !ok || parts[0] != "arn" {
		return false
	}
	// The service segment first: it tells most resources apart.
	return p.seg[1].Match(parts[2]) &&
		p.seg[3].Match(parts[4]) &&
		p.seg[2].Match(parts[3]) &&
		p.seg[0].Match(parts[1]) &&
		p.seg[4].Match(parts[5])
}

// String returns the pattern as written, or for a pattern from NewPattern
// its segments joined as an ARN (see wildcard.Pattern.String). The zero
// Pattern gives "".
func (p Pattern) String() string { return p.src }

// MatchesEverything reports whether the pattern is "*", which matches every
// resource string, ARN or not. (arn:*:*:*:*:* matches only ARN-shaped
// values.)
func (p Pattern) MatchesEverything() bool { return p.kind == patternAll }

// IsZero reports whether p is the zero Pattern, which matches nothing.
func (p Pattern) IsZero() bool { return p.kind == patternNone }

// Service returns the service segment when it has no wildcard ("s3" in
// arn:aws:s3:::bucket/*), and "" when it has one or the pattern is "*".
func (p Pattern) Service() string {
	if p.kind != patternSegments || !p.seg[1].IsLiteral() {
		return ""
	}
	return p.seg[1].LiteralPrefix()
}
