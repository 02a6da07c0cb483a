package authz

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// AWS's own validation messages (IAM returns them as MalformedPolicyDocument).
const (
	msgSyntax          = "Syntax errors in policy."
	msgVersion         = "Policy document must be version 2012-10-17 or greater."
	msgLegacy          = "The policy failed legacy parsing"
	msgSidUnique       = "Statement IDs (SID) in a single policy must be unique."
	msgSidAlnum        = "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*"
	msgNoActions       = "Policy statement must contain actions."
	msgNoResources     = "Policy statement must contain resources."
	msgNoPrincipalHere = "Policy document should not specify a principal."
	msgNeedPrincipal   = "Missing required field Principal"
	msgTrustResource   = "Has prohibited field Resource."
	msgTrustActions    = "Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity"
	msgVendor          = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
	msgOneColon        = "Actions/Condition can contain only one colon."
	msgResourceVendor  = "Resource vendor must be fully qualified and cannot contain regexes."
	msgRCPPrincipal    = "Resource control policies support only \"*\" as the Principal."
)

var (
	topElements       = []string{"Version", "Id", "Statement"}
	statementElements = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}
	trustActions      = []string{"sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext"}
	partitions        = []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}
)

// Parse parses a policy document of the given kind, validates it as AWS
// does and compiles it for evaluation.
//
// Validation follows IAM's order and wording: JSON syntax and unknown
// elements ("Syntax errors in policy."), the version (identity policies and
// permissions boundaries must be 2012-10-17), legacy parsing (Effect
// spelling, date values), unique Sids, actions, resource ARNs, action
// vendors, then the rules of the kind (no Principal in identity-based
// policies, SCPs and RCPs; a Principal in resource and trust policies; no
// Resource in trust policies). Errors are *Error values wrapping
// [ErrMalformedPolicy], or [ErrPolicyTooLarge] when the document exceeds
// [Kind.MaxSize]: every character counts for SCPs and RCPs, whitespace does
// not for the other kinds. Documents of IAM kinds may hold only tab, line
// feed, carriage return and the characters U+0020 to U+00FF.
func Parse(kind Kind, doc []byte) (*Policy, error) {
	return parse(kind, doc, kind.MaxSize())
}

// ParseAWSManaged parses the document of an AWS managed policy
// (arn:aws:iam::aws:policy/...) as an identity-based policy. AWS managed
// policies are not held to the 6,144-character quota of customer managed
// policies (ReadOnlyAccess is over 80,000), so only the size of a whole
// request body bounds them here: 1 MiB.
func ParseAWSManaged(doc []byte) (*Policy, error) {
	return parse(Identity, doc, 1<<20)
}

func parse(kind Kind, doc []byte, maxSize int) (*Policy, error) {
	if !validKind(kind) {
		return nil, malformed("unknown policy kind %q", string(kind))
	}
	if n := policySize(kind, doc); n > maxSize {
		return nil, tooLarge(maxSize)
	}
	if kind != Resource && !validChars(doc) {
		return nil, malformed(msgSyntax)
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var raw any
	if err := dec.Decode(&raw); err != nil {
		return nil, malformed(msgSyntax)
	}
	if _, err := dec.Token(); err != io.EOF { // trailing data, valid JSON or not
		return nil, malformed(msgSyntax)
	}
	top, ok := raw.(map[string]any)
	if !ok {
		return nil, malformed(msgSyntax)
	}
	p, err := syntax(top)
	if err != nil {
		return nil, err
	}
	p.kind = kind
	if err := p.validate(); err != nil {
		return nil, err
	}
	if err := p.compile(); err != nil {
		return nil, err
	}
	return p, nil
}

// MustParse is like Parse but panics on error. It is meant for tests and
// package-level policies written in the program.
func MustParse(kind Kind, doc string) *Policy {
	p, err := Parse(kind, []byte(doc))
	if err != nil {
		panic(fmt.Sprintf("authz.MustParse(%s): %v", kind, err))
	}
	return p
}

func validKind(k Kind) bool {
	for _, v := range k.Values() {
		if v == k {
			return true
		}
	}
	return false
}

func policySize(k Kind, doc []byte) int {
	if k == SCP || k == RCP {
		return utf8.RuneCount(doc)
	}
	n := 0
	for _, r := range string(doc) {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

func validChars(doc []byte) bool {
	for _, r := range string(doc) {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xFF) {
			continue
		}
		return false
	}
	return true
}

// syntax checks the document's shape and builds the model.
func syntax(top map[string]any) (*Policy, error) {
	bad := malformed(msgSyntax)
	for k := range top {
		if !contains(topElements, k) {
			return nil, bad
		}
	}
	p := &Policy{}
	if v, ok := top["Version"]; ok {
		s, ok := v.(string)
		if !ok || (s != Version2012 && s != Version2008) {
			return nil, bad
		}
		p.Version = s
	}
	if v, ok := top["Id"]; ok {
		s, ok := v.(string)
		if !ok {
			return nil, bad
		}
		p.ID = s
	}
	var raws []any
	switch st := top["Statement"].(type) {
	case map[string]any:
		raws = []any{st}
	case []any:
		raws = st
	default:
		return nil, bad
	}
	if len(raws) == 0 {
		return nil, bad
	}
	for _, r := range raws {
		m, ok := r.(map[string]any)
		if !ok {
			return nil, bad
		}
		s, err := statementSyntax(m)
		if err != nil {
			return nil, err
		}
		p.Statements = append(p.Statements, s)
	}
	return p, nil
}

func statementSyntax(m map[string]any) (Statement, error) {
	bad := malformed(msgSyntax)
	var s Statement
	for k := range m {
		if !contains(statementElements, k) {
			return s, bad
		}
	}
	if has(m, "Action") && has(m, "NotAction") || has(m, "Resource") && has(m, "NotResource") || has(m, "Principal") && has(m, "NotPrincipal") {
		return s, bad
	}
	eff, ok := m["Effect"].(string)
	if !ok || (!strings.EqualFold(eff, "Allow") && !strings.EqualFold(eff, "Deny")) {
		return s, bad
	}
	s.Effect = Effect(eff)
	if v, ok := m["Sid"]; ok {
		sid, ok := v.(string)
		if !ok {
			return s, bad
		}
		s.Sid = sid
	}
	var err error
	lists := []struct {
		name string
		dst  *[]string
	}{{"Action", &s.Action}, {"NotAction", &s.NotAction}, {"Resource", &s.Resource}, {"NotResource", &s.NotResource}}
	for _, l := range lists {
		if v, ok := m[l.name]; ok {
			if *l.dst, err = stringOrList(v); err != nil {
				return s, bad
			}
		}
	}
	if v, ok := m["Principal"]; ok {
		if s.Principal, err = principalSyntax(v); err != nil {
			return s, err
		}
	}
	if v, ok := m["NotPrincipal"]; ok {
		if s.NotPrincipal, err = principalSyntax(v); err != nil {
			return s, err
		}
	}
	if v, ok := m["Condition"]; ok {
		if s.Conditions, err = conditionSyntax(v); err != nil {
			return s, err
		}
	}
	return s, nil
}

func has(m map[string]any, k string) bool { _, ok := m[k]; return ok }

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// stringOrList accepts a string or a list of strings; the result is never nil.
func stringOrList(v any) ([]string, error) {
	switch t := v.(type) {
	case string:
		return []string{t}, nil
	case []any:
		out := make([]string, 0, len(t))
		for _, e := range t {
			s, ok := e.(string)
			if !ok {
				return nil, errSyntax
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, errSyntax
}

var errSyntax = malformed(msgSyntax)

func principalSyntax(v any) (*Principals, error) {
	if s, ok := v.(string); ok {
		if s != "*" {
			return nil, malformed("Invalid principal in policy: %q", s)
		}
		return &Principals{All: true}, nil
	}
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 {
		return nil, errSyntax
	}
	p := &Principals{}
	for k, val := range m {
		list, err := stringOrList(val)
		if err != nil || len(list) == 0 {
			return nil, errSyntax
		}
		switch k {
		case "AWS":
			p.AWS = list
		case "Service":
			p.Service = list
		case "Federated":
			p.Federated = list
		case "CanonicalUser":
			p.CanonicalUser = list
		default:
			return nil, errSyntax
		}
	}
	return p, nil
}

func conditionSyntax(v any) ([]Condition, error) {
	ops, ok := v.(map[string]any)
	if !ok {
		return nil, errSyntax
	}
	var out []Condition
	for op, keys := range ops {
		km, ok := keys.(map[string]any)
		if !ok {
			return nil, errSyntax
		}
		if _, ok := parseOperator(op); !ok {
			if len(km) == 0 {
				continue // IAM accepts an unknown operator with no keys and ignores it
			}
			return nil, errSyntax
		}
		for key, vals := range km {
			values, err := conditionValues(vals)
			if err != nil {
				return nil, err
			}
			out = append(out, Condition{Operator: op, Key: key, Values: values})
		}
	}
	sortConditions(out)
	return out, nil
}

func conditionValues(v any) ([]string, error) {
	scalar := func(e any) (string, bool) {
		switch t := e.(type) {
		case string:
			return t, true
		case bool:
			return strconv.FormatBool(t), true
		case json.Number:
			return t.String(), true
		}
		return "", false
	}
	if list, ok := v.([]any); ok {
		out := make([]string, 0, len(list))
		for _, e := range list {
			s, ok := scalar(e)
			if !ok {
				return nil, errSyntax
			}
			out = append(out, s)
		}
		return out, nil
	}
	s, ok := scalar(v)
	if !ok {
		return nil, errSyntax
	}
	return []string{s}, nil
}

// validate applies the semantic rules, in IAM's order.
func (p *Policy) validate() error {
	k := p.kind
	if (k == Identity || k == Boundary) && p.Version != Version2012 {
		return malformed(msgVersion)
	}
	// Legacy parsing: the exact spelling of Effect and parseable dates.
	for _, s := range p.Statements {
		if s.Effect != Allow && s.Effect != Deny {
			return malformed(msgLegacy)
		}
		for _, c := range s.Conditions {
			op, _ := parseOperator(c.Operator)
			if op.base.family() != famDate {
				continue
			}
			for _, v := range c.Values {
				if _, ok := parseDate(v); !ok {
					return malformed(msgLegacy)
				}
			}
		}
	}
	seen := map[string]bool{}
	for _, s := range p.Statements {
		if s.Sid == "" {
			continue
		}
		if seen[s.Sid] {
			return malformed(msgSidUnique)
		}
		seen[s.Sid] = true
		if k != Resource && k != SCP && k != RCP && !isAlnum(s.Sid) {
			return malformed(msgSidAlnum)
		}
	}
	for _, s := range p.Statements {
		if len(s.Action) == 0 && len(s.NotAction) == 0 {
			return malformed(msgNoActions)
		}
	}
	for _, s := range p.Statements {
		for _, r := range append(append([]string(nil), s.Resource...), s.NotResource...) {
			if err := validateResource(r); err != nil {
				return err
			}
		}
	}
	for _, s := range p.Statements {
		for _, a := range append(append([]string(nil), s.Action...), s.NotAction...) {
			if err := validateAction(a); err != nil {
				return err
			}
		}
		for _, c := range s.Conditions {
			if err := validateConditionKey(c.Key); err != nil {
				return err
			}
		}
	}
	for _, s := range p.Statements {
		if err := validateForKind(k, &s); err != nil {
			return err
		}
	}
	return nil
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

func validateForKind(k Kind, s *Statement) error {
	hasPrincipal := s.Principal != nil || s.NotPrincipal != nil
	hasResource := s.Resource != nil || s.NotResource != nil
	switch k {
	case Identity, Boundary, Session, SCP:
		if hasPrincipal {
			return malformed(msgNoPrincipalHere)
		}
		if !hasResource || (s.Resource != nil && len(s.Resource) == 0) || (s.NotResource != nil && len(s.NotResource) == 0) {
			return malformed(msgNoResources)
		}
	case RCP:
		if s.NotPrincipal != nil || s.Principal == nil {
			return malformed(msgRCPPrincipal)
		}
		if !s.Principal.All && !(len(s.Principal.AWS) == 1 && s.Principal.AWS[0] == "*" && len(s.Principal.Service)+len(s.Principal.Federated)+len(s.Principal.CanonicalUser) == 0) {
			return malformed(msgRCPPrincipal)
		}
		if !hasResource {
			return malformed(msgNoResources)
		}
	case Resource:
		if !hasPrincipal {
			return malformed(msgNeedPrincipal)
		}
		if !hasResource {
			return malformed(msgNoResources)
		}
	case Trust:
		for _, a := range append(append([]string(nil), s.Action...), s.NotAction...) {
			if !containsFold(trustActions, a) {
				return malformed(msgTrustActions)
			}
		}
		if hasResource {
			return malformed(msgTrustResource)
		}
		if s.NotPrincipal != nil {
			return malformed("NotPrincipal is not supported in a role trust policy.")
		}
		if s.Principal == nil {
			return malformed(msgNeedPrincipal)
		}
	}
	for _, pr := range []*Principals{s.Principal, s.NotPrincipal} {
		if err := validatePrincipal(pr); err != nil {
			return err
		}
	}
	return nil
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// validatePrincipal rejects partial wildcards and malformed ARNs.
func validatePrincipal(p *Principals) error {
	if p == nil {
		return nil
	}
	invalid := func(typ, v string) error {
		return malformed("Invalid principal in policy: %q:%q", typ, v)
	}
	for _, v := range p.AWS {
		if v == "*" {
			continue
		}
		if strings.ContainsAny(v, "*?") {
			return invalid("AWS", v)
		}
		if isAccountID(v) || isUniqueID(v) {
			continue
		}
		if !validPrincipalARN(v) {
			return invalid("AWS", v)
		}
	}
	for _, v := range p.Service {
		if v == "" || strings.ContainsAny(v, "*? ") {
			return invalid("Service", v)
		}
	}
	for _, v := range p.Federated {
		if v == "" || strings.ContainsAny(v, "*? ") {
			return invalid("Federated", v)
		}
	}
	for _, v := range p.CanonicalUser {
		if v == "" || strings.ContainsAny(v, "*? ") {
			return invalid("CanonicalUser", v)
		}
	}
	return nil
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

// isUniqueID recognises IAM unique ids (AIDA..., AROA...), which trust
// policies may hold in place of an ARN once the principal was deleted.
func isUniqueID(s string) bool {
	if len(s) < 16 || len(s) > 128 {
		return false
	}
	switch s[:4] {
	case "AIDA", "AROA", "AGPA", "AIPA", "ANPA":
	default:
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// validPrincipalARN accepts the ARNs AWS allows in the AWS principal type:
// an account root, a user, a role, an assumed-role session or a federated
// user.
func validPrincipalARN(v string) bool {
	parts := strings.SplitN(v, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || !contains(partitions, parts[1]) || parts[3] != "" || !isAccountID(parts[4]) {
		return false
	}
	res := parts[5]
	switch parts[2] {
	case "iam":
		return res == "root" || (strings.HasPrefix(res, "user/") && len(res) > 5) || (strings.HasPrefix(res, "role/") && len(res) > 5)
	case "sts":
		if r, ok := strings.CutPrefix(res, "assumed-role/"); ok {
			role, session, ok := strings.Cut(r, "/")
			return ok && role != "" && session != ""
		}
		if u, ok := strings.CutPrefix(res, "federated-user/"); ok {
			return u != ""
		}
	}
	return false
}

func validateAction(a string) error {
	if a == "*" {
		return nil
	}
	vendor, name, ok := strings.Cut(a, ":")
	if !ok {
		return malformed(msgVendor)
	}
	if strings.Contains(name, ":") {
		return malformed(msgOneColon)
	}
	if vendor == "*" {
		return nil
	}
	for i := 0; i < len(vendor); i++ {
		c := vendor[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.') {
			return malformed("Vendor %s is not valid", vendor)
		}
	}
	if vendor == "" {
		return malformed("Vendor %s is not valid", vendor)
	}
	return nil
}

func validateConditionKey(k string) error {
	vendor, _, ok := strings.Cut(k, ":")
	if !ok || vendor == "" {
		return malformed(msgVendor)
	}
	return nil
}

func validateResource(r string) error {
	if r == "*" {
		return nil
	}
	rest, ok := strings.CutPrefix(r, "arn:")
	if !ok || strings.Count(r, ":") < 5 {
		return malformed("Resource %s must be in ARN format or \"*\".", r)
	}
	parts := strings.SplitN(rest, ":", 5)
	partition, service, region, resource := parts[0], parts[1], parts[2], parts[4]
	if partition != "*" && !contains(partitions, partition) {
		return malformed("Partition %q is not valid for resource %q.", partition, r)
	}
	if service == "" || strings.ContainsAny(service, "*?") {
		return malformed(msgResourceVendor)
	}
	switch service {
	case "iam":
		if region != "" {
			return malformed("IAM resource %s cannot contain region information.", r)
		}
	case "s3":
		if region != "" && !strings.HasPrefix(resource, "accesspoint/") {
			return malformed("Resource %s can not contain region information.", r)
		}
	}
	return nil
}

// parseDate parses a Date* condition value: a W3C ISO 8601 date or date
// and time, or epoch seconds.
func parseDate(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	if allDigits(s) {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n > 1<<53 {
			return time.Time{}, false
		}
		return time.Unix(n, 0).UTC(), true
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
	"2006-01",
	"2006",
	"20060102T150405Z",
}
