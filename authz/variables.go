package authz

import (
	"strings"

	"github.com/seed-e2e06c4d/awsaccess/arn"
	"github.com/seed-e2e06c4d/awsaccess/wildcard"
)

// A template is a value holding policy variables: ${aws:username},
// ${aws:PrincipalTag/team, 'default'}, and the escapes ${*}, ${?}, ${$}
// that stand for a literal '*', '?' and '$'.
type template struct {
	parts []tpart
}

type tpartKind uint8

const (
	tStatic  tpartKind = iota // policy text: '*' and '?' are wildcards where the operator has them
	tLiteral                  // an escaped special character, always literal
	tVar                      // a context key, resolved per request
)

type tpart struct {
	kind   tpartKind
	text   string // static text, literal character, or the variable's key as written
	key    string // lower-cased key, for tVar
	def    string // default value
	hasDef bool
}

// parseTemplate returns nil when s holds no variable or escape.
func parseTemplate(s string) *template {
	if !strings.Contains(s, "${") {
		return nil
	}
	t := &template{}
	for s != "" {
		i := strings.Index(s, "${")
		if i < 0 {
			t.parts = append(t.parts, tpart{kind: tStatic, text: s})
			break
		}
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			t.parts = append(t.parts, tpart{kind: tStatic, text: s})
			break
		}
		if i > 0 {
			t.parts = append(t.parts, tpart{kind: tStatic, text: s[:i]})
		}
		inner := s[i+2 : i+end]
		s = s[i+end+1:]
		switch inner {
		case "*", "?", "$":
			t.parts = append(t.parts, tpart{kind: tLiteral, text: inner})
			continue
		}
		p := tpart{kind: tVar, text: inner}
		if key, def, ok := strings.Cut(inner, ","); ok {
			def = strings.TrimSpace(def)
			if len(def) >= 2 && def[0] == '\'' && def[len(def)-1] == '\'' {
				p.text, p.def, p.hasDef = strings.TrimSpace(key), def[1:len(def)-1], true
			}
		}
		p.key = strings.ToLower(strings.TrimSpace(p.text))
		t.parts = append(t.parts, p)
	}
	for _, p := range t.parts {
		if p.kind != tStatic {
			return t
		}
	}
	return nil
}

// value resolves a variable: only single-valued keys may be variables.
func (p *tpart) value(r *Request) (string, bool) {
	if v, ok := r.lookup(p.key); ok && !v.multi {
		return v.one, true
	}
	if p.hasDef {
		return p.def, true
	}
	return "", false
}

// resolve renders the template as plain text.
func (t *template) resolve(r *Request) (string, bool) {
	var b strings.Builder
	for i := range t.parts {
		p := &t.parts[i]
		if p.kind != tVar {
			b.WriteString(p.text)
			continue
		}
		v, ok := p.value(r)
		if !ok {
			return "", false
		}
		b.WriteString(v)
	}
	return b.String(), true
}

// glob renders the template as a wildcard pattern in which resolved values
// and escapes are literal.
func (t *template) glob(r *Request) (wildcard.Pattern, bool) {
	var b wildcard.Builder
	for i := range t.parts {
		p := &t.parts[i]
		switch p.kind {
		case tStatic:
			b.AppendPattern(p.text)
		case tLiteral:
			b.AppendLiteral(p.text)
		default:
			v, ok := p.value(r)
			if !ok {
				return wildcard.Pattern{}, false
			}
			b.AppendLiteral(v)
		}
	}
	return b.Pattern(), true
}

// arnPattern renders the template as an ARN pattern: static text is split
// into the six ARN segments at its colons, resolved values stay literal
// within the segment they fall in.
func (t *template) arnPattern(r *Request) (arn.Pattern, bool) {
	var segs [6]wildcard.Builder
	seg := 0
	for i := range t.parts {
		p := &t.parts[i]
		switch p.kind {
		case tStatic:
			text := p.text
			for seg < 5 {
				j := strings.IndexByte(text, ':')
				if j < 0 {
					break
				}
				segs[seg].AppendPattern(text[:j])
				text = text[j+1:]
				seg++
			}
			segs[seg].AppendPattern(text)
		case tLiteral:
			segs[seg].AppendLiteral(p.text)
		default:
			v, ok := p.value(r)
			if !ok {
				return arn.Pattern{}, false
			}
			segs[seg].AppendLiteral(v)
		}
	}
	if seg < 5 {
		return arn.Pattern{}, false
	}
	if segs[0].Pattern().String() != "arn" {
		return arn.Pattern{}, false
	}
	return arn.NewPattern(segs[1].Pattern(), segs[2].Pattern(), segs[3].Pattern(), segs[4].Pattern(), segs[5].Pattern()), true
}
