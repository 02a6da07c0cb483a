package classic

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/seed-e2e06c4d/awsaccess/wildcard"
)

// ARNs. Inspector Classic resources are named
//
//	arn:<partition>:inspector:<region>:<account>:resourcegroup/<id>
//	arn:<partition>:inspector:<region>:<account>:target/<id>
//	  …:target/<id>/template/<id>
//	  …:target/<id>/template/<id>/run/<id>
//	  …:target/<id>/template/<id>/run/<id>/finding/<id>
//	  …:target/<id>/template/<id>/run/<id>/exclusion/<id>
//	arn:<partition>:inspector:<region>:<AWS account>:rulespackage/<id>

type arnKind int

const (
	kindResourceGroup arnKind = iota
	kindTarget
	kindTemplate
	kindRun
	kindFinding
	kindExclusion
	kindRulesPackage
)

// Per kind: the InvalidInputErrorCode of a malformed ARN, the
// NoSuchEntityErrorCode of a missing resource, the AccessDeniedErrorCode
// of another account's resource and the noun of messages.
var kindInfo = [...]struct {
	invalid InvalidInputErrorCode
	missing NoSuchEntityErrorCode
	denied  AccessDeniedErrorCode
	noun    string
}{
	kindResourceGroup: {InvalidInputErrorCodeInvalidResourceGroupArn, NoSuchEntityErrorCodeResourceGroupDoesNotExist, AccessDeniedErrorCodeAccessDeniedToResourceGroup, "resource group"},
	kindTarget:        {InvalidInputErrorCodeInvalidAssessmentTargetArn, NoSuchEntityErrorCodeAssessmentTargetDoesNotExist, AccessDeniedErrorCodeAccessDeniedToAssessmentTarget, "assessment target"},
	kindTemplate:      {InvalidInputErrorCodeInvalidAssessmentTemplateArn, NoSuchEntityErrorCodeAssessmentTemplateDoesNotExist, AccessDeniedErrorCodeAccessDeniedToAssessmentTemplate, "assessment template"},
	kindRun:           {InvalidInputErrorCodeInvalidAssessmentRunArn, NoSuchEntityErrorCodeAssessmentRunDoesNotExist, AccessDeniedErrorCodeAccessDeniedToAssessmentRun, "assessment run"},
	kindFinding:       {InvalidInputErrorCodeInvalidFindingArn, NoSuchEntityErrorCodeFindingDoesNotExist, AccessDeniedErrorCodeAccessDeniedToFinding, "finding"},
	kindExclusion:     {InvalidInputErrorCodeInvalidResourceArn, NoSuchEntityErrorCodeAssessmentRunDoesNotExist, AccessDeniedErrorCodeAccessDeniedToAssessmentRun, "exclusion"},
	kindRulesPackage:  {InvalidInputErrorCodeInvalidRulesPackageArn, NoSuchEntityErrorCodeRulesPackageDoesNotExist, AccessDeniedErrorCodeAccessDeniedToRulesPackage, "rules package"},
}

type parsedARN struct {
	partition, region, account string
	kind                       arnKind
}

// parseARN parses an Inspector Classic ARN and tells its kind.
func parseARN(s string) (parsedARN, bool) {
	var p parsedARN
	if len(s) == 0 || len(s) > 300 || !utf8.ValidString(s) {
		return p, false
	}
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] != "inspector" || parts[3] == "" || !isAccountID(parts[4]) {
		return p, false
	}
	p.partition, p.region, p.account = parts[1], parts[3], parts[4]
	segs := strings.Split(parts[5], "/")
	for i := 1; i < len(segs); i += 2 {
		if !isResourceID(segs[i]) {
			return p, false
		}
	}
	switch len(segs) {
	case 2:
		switch segs[0] {
		case "resourcegroup":
			p.kind = kindResourceGroup
		case "target":
			p.kind = kindTarget
		case "rulespackage":
			p.kind = kindRulesPackage
		default:
			return p, false
		}
		return p, true
	case 4, 6, 8:
		names := [...]string{"target", "template", "run", ""}
		for i := 0; i < len(segs) && i < 6; i += 2 {
			if segs[i] != names[i/2] {
				return p, false
			}
		}
		switch len(segs) {
		case 4:
			p.kind = kindTemplate
		case 6:
			p.kind = kindRun
		case 8:
			switch segs[6] {
			case "finding":
				p.kind = kindFinding
			case "exclusion":
				p.kind = kindExclusion
			default:
				return p, false
			}
		}
		return p, true
	}
	return p, false
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isResourceID accepts the ids Inspector writes ("0-" and letters or
// digits) and, leniently, any non-empty run of letters, digits, '-' and
// '_'.
func isResourceID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// lookupResult is where an ARN leads in a scope.
type lookupResult int

const (
	lookupOK lookupResult = iota
	lookupInvalid
	lookupDenied
	lookupMissing
)

// classify parses an ARN of the wanted kind and tells whether it is
// malformed, another account's, or may name a resource of this scope.
func (c *call) classify(s string, want arnKind) lookupResult {
	p, ok := parseARN(s)
	if !ok || p.kind != want {
		return lookupInvalid
	}
	if want == kindRulesPackage {
		if p.partition != c.s.partition || p.region != c.region {
			return lookupMissing
		}
		return lookupOK
	}
	if p.partition != c.s.partition {
		return lookupMissing
	}
	if p.account != c.account {
		return lookupDenied
	}
	if p.region != c.region {
		return lookupMissing
	}
	return lookupOK
}

// arnError is the error of an ARN that classify did not accept, or of a
// missing resource.
func (c *call) arnError(s string, kind arnKind, r lookupResult) *Error {
	ki := kindInfo[kind]
	switch r {
	case lookupInvalid:
		return errInvalid(ki.invalid, "The %s ARN %q is not valid.", ki.noun, s)
	case lookupDenied:
		return errDenied(ki.denied, "You are not authorized to access the %s %s.", ki.noun, s)
	}
	return errNoSuch(ki.missing, "The %s %s does not exist.", ki.noun, s)
}

// failedItem is the FailedItemDetails of an ARN a batch call cannot
// describe.
func failedItem(r lookupResult) FailedItemDetails {
	switch r {
	case lookupInvalid:
		return FailedItemDetails{FailureCode: FailedItemErrorCodeInvalidArn}
	case lookupDenied:
		return FailedItemDetails{FailureCode: FailedItemErrorCodeAccessDenied}
	}
	return FailedItemDetails{FailureCode: FailedItemErrorCodeItemDoesNotExist}
}

// Validation helpers.

func strLen(s string) int { return utf8.RuneCountInString(s) }

// validName checks a name of 1 to 140 characters.
func validName(s string) bool { n := strLen(s); return n >= 1 && n <= 140 }

// checkBatch checks the number of ARNs of a Describe call (1 to max).
func checkBatch(arns []string, max int, code InvalidInputErrorCode, noun string) error {
	if len(arns) < 1 || len(arns) > max {
		return errInvalid(code, "The number of %s ARNs must be between 1 and %d.", noun, max)
	}
	return nil
}

func checkLocale(l Locale) error {
	if l != "" && l != LocaleEnUs {
		return errInvalid(InvalidInputErrorCodeInvalidLocale, "The locale %q is not supported.", l)
	}
	return nil
}

// namePattern compiles a name filter: an exact name or a pattern with the
// wildcards * and ?, of 1 to 140 characters. An empty pattern matches
// everything.
func namePattern(p string, code InvalidInputErrorCode) (wildcard.Pattern, error) {
	if p == "" {
		return wildcard.Compile("*"), nil
	}
	if !validName(p) {
		return wildcard.Pattern{}, errInvalid(code, "The name pattern must be 1 to 140 characters long.")
	}
	return wildcard.Compile(p), nil
}

// checkDurationRange checks a duration filter: each bound, when given,
// is an assessment duration (180 to 86,400 seconds), min <= max.
func checkDurationRange(r *DurationRange, code InvalidInputErrorCode) error {
	if r == nil {
		return nil
	}
	bad := func(v int32) bool { return v != 0 && (v < minDuration || v > maxDuration) }
	if bad(r.MinSeconds) || bad(r.MaxSeconds) || (r.MinSeconds != 0 && r.MaxSeconds != 0 && r.MinSeconds > r.MaxSeconds) {
		return errInvalid(code, "The duration range [%d, %d] is not valid.", r.MinSeconds, r.MaxSeconds)
	}
	return nil
}

func inDuration(r *DurationRange, d int32) bool {
	return r == nil || ((r.MinSeconds == 0 || d >= r.MinSeconds) && (r.MaxSeconds == 0 || d <= r.MaxSeconds))
}

func checkTimeRange(r *TimestampRange, code InvalidInputErrorCode) error {
	if r != nil && !r.BeginDate.IsZero() && !r.EndDate.IsZero() && r.BeginDate.After(r.EndDate) {
		return errInvalid(code, "The time range begins after it ends.")
	}
	return nil
}

// inTime reports whether t lies in the range; a zero t (the run has not
// reached that point) matches only an absent range.
func inTime(r *TimestampRange, t time.Time) bool {
	if r == nil {
		return true
	}
	if t.IsZero() {
		return false
	}
	return (r.BeginDate.IsZero() || !t.Before(r.BeginDate)) && (r.EndDate.IsZero() || !t.After(r.EndDate))
}

// checkRulesPackageFilter checks a filter's rules package ARNs (0 to 50,
// well formed).
func checkRulesPackageFilter(arns []string) error {
	if len(arns) > 50 {
		return errInvalid(InvalidInputErrorCodeInvalidNumberOfRulesPackageArns, "The number of rules package ARNs must be at most 50.")
	}
	for _, a := range arns {
		if p, ok := parseARN(a); !ok || p.kind != kindRulesPackage {
			return errInvalid(InvalidInputErrorCodeInvalidRulesPackageArn, "The rules package ARN %q is not valid.", a)
		}
	}
	return nil
}

// containsAny reports whether have holds one of want (an empty want
// matches everything).
func containsAny(have, want []string) bool {
	if len(want) == 0 {
		return true
	}
	for _, w := range want {
		for _, h := range have {
			if h == w {
				return true
			}
		}
	}
	return false
}

// checkAttributes checks a list of attributes (key 1..128, value empty or
// 1..256, at most max, keys unique when unique is set).
func checkAttributes(attrs []Attribute, max int, unique bool, count, key, value, dup InvalidInputErrorCode) error {
	if len(attrs) > max {
		return errInvalid(count, "The number of attributes must be at most %d.", max)
	}
	seen := make(map[string]bool, len(attrs))
	for _, a := range attrs {
		if n := strLen(a.Key); n < 1 || n > 128 {
			return errInvalid(key, "The attribute key %q must be 1 to 128 characters long.", a.Key)
		}
		if strLen(a.Value) > 256 {
			return errInvalid(value, "The value of the attribute %q must be at most 256 characters long.", a.Key)
		}
		if unique && seen[a.Key] {
			return errInvalid(dup, "The attribute key %q is given more than once.", a.Key)
		}
		seen[a.Key] = true
	}
	return nil
}

// Pagination. A nextToken is opaque to callers: it names the operation and
// the position after the last item returned, as the sequence number the
// item got when it was created (or, for findings, published). Listings are
// in that order, so a token stays valid while resources change: items
// added later appear on later pages, items removed are skipped. A token of
// another operation, or one that is not a token, is InvalidInputException
// INVALID_PAGINATION_TOKEN.

const (
	defaultMaxResults = 10
	maxMaxResults     = 500
)

type pager struct {
	op    string
	after uint64
	max   int
}

func newPager(op string, maxResults int32, def int, token string) (pager, error) {
	p := pager{op: op, max: def}
	switch {
	case maxResults < 0 || maxResults > maxMaxResults:
		return p, errInvalid(InvalidInputErrorCodeInvalidMaxResults, "maxResults must be between 1 and %d.", maxMaxResults)
	case maxResults > 0:
		p.max = int(maxResults)
	}
	if token == "" {
		return p, nil
	}
	after, ok := decodeToken(op, token)
	if !ok {
		return p, errInvalid(InvalidInputErrorCodeInvalidPaginationToken, "The pagination token is not valid.")
	}
	p.after = after
	return p, nil
}

func encodeToken(op string, after uint64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(op + ":" + strconv.FormatUint(after, 10)))
}

func decodeToken(op, token string) (uint64, bool) {
	if len(token) > 300 {
		return 0, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return 0, false
	}
	name, num, ok := strings.Cut(string(raw), ":")
	if !ok || name != op {
		return 0, false
	}
	n, err := strconv.ParseUint(num, 10, 64)
	if err != nil || n == 0 {
		return 0, false
	}
	return n, true
}

// collect walks items (sorted by ascending seq) after the pager's
// position, keeps those keep accepts, and stops at a full page; it
// returns the kept items and the next token ("" on the last page).
func collect[T any](p pager, items []T, seq func(T) uint64, keep func(T) bool) ([]T, string) {
	lo, hi := 0, len(items)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if seq(items[m]) <= p.after {
			lo = m + 1
		} else {
			hi = m
		}
	}
	var out []T
	for i := lo; i < len(items); i++ {
		if !keep(items[i]) {
			continue
		}
		if len(out) == p.max {
			return out, encodeToken(p.op, seq(out[len(out)-1]))
		}
		out = append(out, items[i])
	}
	return out, ""
}
