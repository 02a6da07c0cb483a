package wire

import (
	"regexp"
	"strconv"
	"strings"
)

// compilePattern translates a model pattern (a Java/ECMAScript regular
// expression) to Go's RE2 and compiles it anchored at both ends, since AWS
// checks that the whole value matches ("Member must satisfy regular expression
// pattern").
//
// Translations: \uXXXX becomes \x{XXXX} (exactly four hex digits, as Java
// reads them); repeat counts above RE2's limit of 1000 become unbounded (the
// shape's length constraint still applies); a leading negative lookahead of a
// literal, (?!aws:), is returned as a forbidden prefix. Any other lookaround is
// dropped, which makes the check weaker, never stricter. A pattern RE2 still
// cannot compile is skipped (nil): the wire layer never rejects what AWS might
// accept.
func compilePattern(p string) (*regexp.Regexp, string) {
	var notPrefix string
	if strings.HasPrefix(p, "(?!") {
		if end := strings.IndexByte(p, ')'); end > 3 && isLiteral(p[3:end]) {
			notPrefix = p[3:end]
			p = p[end+1:]
		}
	}
	p = translatePattern(p)
	re, err := regexp.Compile(`^(?:` + p + `)$`)
	if err != nil {
		return nil, notPrefix
	}
	return re, notPrefix
}

func isLiteral(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if strings.IndexByte(`\.+*?()[]{}|^$`, c) >= 0 {
			return false
		}
	}
	return s != ""
}

func translatePattern(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			if p[i+1] == 'u' && i+6 <= len(p) && isHex(p[i+2:i+6]) {
				b.WriteString(`\x{` + p[i+2:i+6] + `}`)
				i += 5
				continue
			}
			b.WriteByte(c)
			b.WriteByte(p[i+1])
			i++
		case strings.HasPrefix(p[i:], "(?!") || strings.HasPrefix(p[i:], "(?="):
			// Drop a lookahead group (weaker check).
			depth := 0
			j := i
			for ; j < len(p); j++ {
				if p[j] == '\\' {
					j++
					continue
				}
				if p[j] == '(' {
					depth++
				} else if p[j] == ')' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			i = j
		case c == '{':
			end := strings.IndexByte(p[i:], '}')
			if end < 0 {
				b.WriteByte(c)
				continue
			}
			body := p[i+1 : i+end]
			lo, hi, found := strings.Cut(body, ",")
			if found && isDigits(lo) && isDigits(hi) {
				if n, err := strconv.Atoi(hi); err == nil && n > 1000 {
					b.WriteString("{" + lo + ",}")
					i += end
					continue
				}
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
