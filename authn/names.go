package authn

import (
	"strconv"
	"strings"
	"unicode"
)

// IAM's name and path rules, with AWS's wording for violations.
const (
	patternName       = `[\w+=,.@-]+`
	patternPath       = `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`
	patternSessionNm  = `[\w+=,.@-]*`
	patternExternalID = `[\w+=,.@:\/-]*`
	patternSerial     = `[\w+=/:,.@-]*`
	patternTokenCode  = `[\d]*`
	patternTagKey     = `[\p{L}\p{Z}\p{N}_.:/=+\-@]+`
	patternTagValue   = `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`

	maxUserName    = 64
	maxGroupName   = 128
	maxRoleName    = 64
	maxPolicyName  = 128
	maxProfileName = 128
	maxPathLen     = 512
)

func isWordChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// isNameChars reports whether s matches [\w+=,.@-]* (ASCII \w, as IAM's
// Java-style patterns mean it).
func isNameChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isWordChar(c) && !strings.ContainsRune("+=,.@-", rune(c)) {
			return false
		}
	}
	return true
}

func lengthConstraint(min, max int, n int) string {
	if n < min {
		return "have length greater than or equal to " + strconv.Itoa(min)
	}
	return "have length less than or equal to " + strconv.Itoa(max)
}

// checkName validates an IAM entity name: 1..max characters of [\w+=,.@-].
func checkName(value, field string, max int) error {
	if n := len(value); n < 1 || n > max {
		return errValidation(value, field, lengthConstraint(1, max, n))
	}
	if !isNameChars(value) {
		return errValidation(value, field, "satisfy regular expression pattern: "+patternName)
	}
	return nil
}

// normPath returns the path, "/" when empty, after checking IAM's rules:
// "/" or "/.../" of printable ASCII, at most 512 characters.
func normPath(path, field string) (string, error) {
	if path == "" {
		return "/", nil
	}
	if len(path) > maxPathLen {
		return "", errValidation(path, field, lengthConstraint(1, maxPathLen, len(path)))
	}
	ok := path == "/" || (len(path) >= 3 && path[0] == '/' && path[len(path)-1] == '/')
	for i := 0; ok && i < len(path); i++ {
		if path[i] < 0x21 || path[i] > 0x7e {
			ok = false
		}
	}
	if !ok || strings.Contains(path, "//") {
		return "", errValidation(path, field, "satisfy regular expression pattern: "+patternPath)
	}
	return path, nil
}

// checkPathPrefix validates the PathPrefix of the List operations.
func checkPathPrefix(prefix string) (string, error) {
	if prefix == "" {
		return "/", nil
	}
	if len(prefix) > maxPathLen || prefix[0] != '/' {
		return "", errValidation(prefix, "pathPrefix", `satisfy regular expression pattern: \u002F[\u0021-\u007F]*`)
	}
	return prefix, nil
}

// Tag is a key-value pair attached to a user, role, policy or session.
type Tag struct {
	Key   string
	Value string
}

func isTagChars(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsSpace(r) || unicode.In(r, unicode.Zs) || unicode.IsNumber(r) || strings.ContainsRune("_.:/=+-@", r) {
			continue
		}
		return false
	}
	return true
}

// checkTags validates tags as IAM and STS do: at most max, keys of 1..128
// characters, values of 0..256, from letters, spaces, numbers and
// _.:/=+-@; keys unique case-insensitively; keys may not begin "aws:".
func checkTags(tags []Tag, field string, max int) error {
	if len(tags) > max {
		return errValidation(tagsString(tags), field, "have length less than or equal to "+strconv.Itoa(max))
	}
	seen := make(map[string]bool, len(tags))
	for i, t := range tags {
		kf := field + "." + strconv.Itoa(i+1) + ".member.key"
		vf := field + "." + strconv.Itoa(i+1) + ".member.value"
		if n := len([]rune(t.Key)); n < 1 || n > 128 {
			return errValidation(t.Key, kf, lengthConstraint(1, 128, n))
		}
		if !isTagChars(t.Key) {
			return errValidation(t.Key, kf, "satisfy regular expression pattern: "+patternTagKey)
		}
		if n := len([]rune(t.Value)); n > 256 {
			return errValidation(t.Value, vf, lengthConstraint(0, 256, n))
		}
		if !isTagChars(t.Value) {
			return errValidation(t.Value, vf, "satisfy regular expression pattern: "+patternTagValue)
		}
		if strings.HasPrefix(strings.ToLower(t.Key), "aws:") {
			return errInvalidInput("User is not authorized to perform aws: prefixed tag keys")
		}
		lk := strings.ToLower(t.Key)
		if seen[lk] {
			return errInvalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
		}
		seen[lk] = true
	}
	return nil
}

func tagsString(tags []Tag) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, t := range tags {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("Tag(key=" + t.Key + ", value=" + t.Value + ")")
	}
	b.WriteByte(']')
	return b.String()
}

// mergeTags applies tags over existing ones (a key matched
// case-insensitively is replaced) and returns the result in order.
func mergeTags(existing, tags []Tag) []Tag {
	out := append([]Tag(nil), existing...)
	for _, t := range tags {
		replaced := false
		for i := range out {
			if strings.EqualFold(out[i].Key, t.Key) {
				out[i] = t
				replaced = true
				break
			}
		}
		if !replaced {
			out = append(out, t)
		}
	}
	return out
}

func removeTags(existing []Tag, keys []string) []Tag {
	out := existing[:0:0]
	for _, t := range existing {
		drop := false
		for _, k := range keys {
			if strings.EqualFold(t.Key, k) {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, t)
		}
	}
	return out
}

// tagEntity checks tags and merges them into the tags of the entity that
// find returns for name; more than MaxTagsPerEntity in all is a
// LimitExceeded on quota.
func tagEntity[T any](a *Account, find func(*account, string) (T, error), name string, tags []Tag, quota string, field func(T) *[]Tag) error {
	if err := checkTags(tags, "tags", MaxTagsPerEntity); err != nil {
		return err
	}
	return update(a, find, name, func(_ *account, e T) error {
		p := field(e)
		merged := mergeTags(*p, tags)
		if len(merged) > MaxTagsPerEntity {
			return errLimit(quota, MaxTagsPerEntity)
		}
		*p = merged
		a.d.changed()
		return nil
	})
}

// untagEntity removes tags by key from the entity that find returns for
// name.
func untagEntity[T any](a *Account, find func(*account, string) (T, error), name string, keys []string, field func(T) *[]Tag) error {
	return update(a, find, name, func(_ *account, e T) error {
		p := field(e)
		*p = removeTags(*p, keys)
		a.d.changed()
		return nil
	})
}

// lastSegment returns what follows the last '/' of an ARN's resource.
func lastSegment(s string) string {
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		return s[i+1:]
	}
	return s
}
