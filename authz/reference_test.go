package authz_test

import (
	"net"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// This file holds a reference evaluator written straight from AWS's
// documentation, over the generators' model (mPolicy, mSet, mRequest),
// without any of authz's code: plain, slow and, one hopes, obviously
// right. The differential property checks authz.Evaluate against it.
//
// Sources, as summarised in the project's reference notes:
//   - the decision flow: reference_policies_evaluation-logic_policy-eval-denyallow.html
//     (explicit deny, RCPs, SCPs, resource-based policies, identity-based
//     policies, permissions boundaries, session policies);
//   - cross-account requests: reference_policies_evaluation-logic-cross-account.html
//     (both accounts must allow);
//   - which principal a same-account resource-based policy names, and what
//     may still limit it: reference_policies_evaluation-logic.html and
//     access_policies_boundaries.html (section 1.4 of the notes);
//   - conditions: reference_policies_elements_condition_operators.html,
//     the single- vs multi-valued keys page and reference_policies_variables.html
//     (section 1.8 of the notes);
//   - NotPrincipal: reference_policies_elements_notprincipal.html.
//
// Where AWS's documentation is silent the reference makes the same choice
// as authz, and says so:
//   - a request value that does not parse for the operator's type (a
//     number, date, boolean or IP address) makes the condition false, for
//     negated operators too;
//   - an empty multi-valued key is present for Null;
//   - a NotPrincipal Deny exempts a federated user listed with its account;
//   - RCPs, like SCPs, do not restrict service-linked roles.
//
// A role trust policy is the resource-based policy of sts:AssumeRole* and
// must allow even within the account.

// grant is how a resource-based policy statement names the caller,
// weakest first.
type grant int

const (
	grantNone    grant = iota
	grantAccount       // the account: identity-based policies must allow
	grantBounded       // the role of a session or the user behind a federated user
	grantDirect        // the caller itself, or everyone
)

type refEval struct {
	req *mRequest
}

// refEvaluate decides the request by AWS's documented flow.
func refEvaluate(req *mRequest, set *mSet) authz.Decision {
	r := &refEval{req: req}
	p := req.principal
	iam := isIAM(p)
	scpsApply := iam && !set.mgmtPrincipal && !p.ServiceLinked && len(set.scps) > 0
	rcpsApply := !set.mgmtResource && !p.ServiceLinked && len(set.rcps) > 0

	// Step 1: a Deny that applies in any policy that applies denies.
	var applicable []*mPolicy
	if scpsApply {
		for _, l := range set.scps {
			for i := range l {
				applicable = append(applicable, &l[i])
			}
		}
	}
	if rcpsApply {
		for _, l := range set.rcps {
			for i := range l {
				applicable = append(applicable, &l[i])
			}
		}
	}
	if set.resource != nil {
		applicable = append(applicable, set.resource)
	}
	if iam {
		for i := range set.identity {
			applicable = append(applicable, &set.identity[i])
		}
		if set.boundary != nil {
			applicable = append(applicable, set.boundary)
		}
		if isSession(p) && set.session != nil {
			applicable = append(applicable, set.session)
		}
	}
	for _, pol := range applicable {
		if r.best(pol, authz.Deny, set.boundary != nil) != grantNone {
			return authz.ExplicitDeny
		}
	}

	// Step 2: every level of the resource's RCP chain must allow.
	if rcpsApply {
		for _, l := range set.rcps {
			if r.bestOf(l, authz.Allow) == grantNone {
				return authz.ImplicitDeny
			}
		}
	}
	// Step 3: every level of the principal's SCP chain must allow.
	if scpsApply {
		for _, l := range set.scps {
			if r.bestOf(l, authz.Allow) == grantNone {
				return authz.ImplicitDeny
			}
		}
	}

	// Step 4: the resource-based policy.
	rp := grantNone
	if set.resource != nil {
		rp = r.best(set.resource, authz.Allow, false)
	}
	if !iam {
		// No identity-based policies: the resource-based policy alone grants.
		if rp == grantNone {
			return authz.ImplicitDeny
		}
		return authz.Allowed
	}
	resourceAccount := req.resourceAccount
	if resourceAccount == "" {
		resourceAccount = p.Account
	}
	boundaryAllows := set.boundary == nil || r.best(set.boundary, authz.Allow, false) != grantNone
	// Step 7: session policies limit sessions; a federated user without
	// one has no permissions.
	sessionAllows := true
	if isSession(p) {
		if set.session != nil {
			sessionAllows = r.best(set.session, authz.Allow, false) != grantNone
		} else if p.Type == authz.PrincipalFederatedUser {
			sessionAllows = false
		}
	}
	if resourceAccount == p.Account {
		if (set.requireRP || set.resource != nil && set.resource.kind == authz.Trust) && rp == grantNone {
			return authz.ImplicitDeny // role trust and key policies must allow
		}
		switch rp {
		case grantDirect:
			return authz.Allowed
		case grantBounded:
			if boundaryAllows && sessionAllows {
				return authz.Allowed
			}
			return authz.ImplicitDeny
		}
		// grantAccount and grantNone: identity-based policies decide.
	}

	// Step 5: identity-based policies (the root user has full access).
	if p.Type != authz.PrincipalRoot && !r.bestOfPtr(set.identity, authz.Allow) {
		return authz.ImplicitDeny
	}
	// Step 6: the permissions boundary; step 7: session policies.
	if !boundaryAllows || !sessionAllows {
		return authz.ImplicitDeny
	}
	// Across accounts the resource's account must allow too.
	if resourceAccount != p.Account && rp == grantNone {
		return authz.ImplicitDeny
	}
	return authz.Allowed
}

func (r *refEval) bestOf(l []mPolicy, eff authz.Effect) grant {
	g := grantNone
	for i := range l {
		g = max(g, r.best(&l[i], eff, false))
	}
	return g
}

func (r *refEval) bestOfPtr(l []mPolicy, eff authz.Effect) bool {
	return r.bestOf(l, eff) != grantNone
}

// best returns how well the statements of the effect in the policy apply
// to the request: grantDirect for any applicable statement of a policy
// without principals, the best principal match otherwise.
func (r *refEval) best(pol *mPolicy, eff authz.Effect, hasBoundary bool) grant {
	g := grantNone
	for i := range pol.stmts {
		s := &pol.stmts[i]
		if s.effect != eff || !r.actionMatches(s) || !r.resourceMatches(pol, s) || !r.conditionsHold(pol, s) {
			continue
		}
		switch {
		case s.principal == nil:
			g = grantDirect
		case s.notPrin:
			// A Deny with NotPrincipal always denies an IAM principal that
			// has a permissions boundary (access_policies_boundaries).
			if hasBoundary && isIAM(r.req.principal) || !r.exempt(s.principal) {
				g = grantDirect
			}
		default:
			g = max(g, r.named(s.principal))
		}
	}
	return g
}

// named tells how a Principal element names the caller (section 1.4).
func (r *refEval) named(pr *mPrin) grant {
	p := r.req.principal
	if pr.star || contains(pr.aws, "*") {
		return grantDirect
	}
	switch p.Type {
	case authz.PrincipalService:
		if contains(pr.service, p.Service) {
			return grantDirect
		}
		return grantNone
	case authz.PrincipalWebIdentity:
		if contains(pr.federated, p.Provider) {
			return grantDirect
		}
		return grantNone
	case authz.PrincipalAnonymous:
		return grantNone
	}
	g := grantNone
	for _, v := range pr.aws {
		switch {
		case v == p.Account || v == "arn:aws:iam::"+p.Account+":root":
			g = max(g, grantAccount)
		case p.Type == authz.PrincipalUser && (v == p.ARN || v == p.UniqueID):
			g = max(g, grantDirect)
		case p.Type == authz.PrincipalAssumedRole && v == p.ARN:
			g = max(g, grantDirect)
		case p.Type == authz.PrincipalAssumedRole && (v == p.RoleARN || v == p.UniqueID):
			g = max(g, grantBounded)
		case p.Type == authz.PrincipalFederatedUser && v == p.ARN:
			g = max(g, grantDirect)
		case p.Type == authz.PrincipalFederatedUser && v == p.ParentUserARN:
			g = max(g, grantBounded)
		}
	}
	return g
}

// exempt reports whether a NotPrincipal element lists every identity the
// request carries: the account, and the user, or the role and the
// session, or the federated user (reference_policies_elements_notprincipal).
func (r *refEval) exempt(pr *mPrin) bool {
	p := r.req.principal
	if pr.star || contains(pr.aws, "*") {
		return true
	}
	listed := func(vs ...string) bool {
		for _, v := range vs {
			if !contains(pr.aws, v) {
				return false
			}
		}
		return true
	}
	account := contains(pr.aws, p.Account) || contains(pr.aws, "arn:aws:iam::"+p.Account+":root")
	switch p.Type {
	case authz.PrincipalRoot:
		return account
	case authz.PrincipalUser:
		return account && (listed(p.ARN) || listed(p.UniqueID))
	case authz.PrincipalAssumedRole:
		return account && listed(p.ARN) && (listed(p.RoleARN) || listed(p.UniqueID))
	case authz.PrincipalFederatedUser:
		return account && listed(p.ARN)
	case authz.PrincipalService:
		return contains(pr.service, p.Service)
	case authz.PrincipalWebIdentity:
		return contains(pr.federated, p.Provider)
	}
	return false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Actions: * and ? anywhere, case-insensitive; NotAction matches every
// other action.
func (r *refEval) actionMatches(s *mStmt) bool {
	for _, a := range s.actions {
		if globMatch(tokens(a, true), strings.ToLower(r.req.action), true) {
			return !s.notAction
		}
	}
	return s.notAction
}

// Resources: "*" matches anything; otherwise the six ARN segments match one
// by one, case-sensitively, with * and ? inside each. A pattern with a
// policy variable that has no value matches no resource.
func (r *refEval) resourceMatches(pol *mPolicy, s *mStmt) bool {
	if s.resources == nil {
		return true // a trust policy's statement covers its role
	}
	for _, pat := range s.resources {
		m := false
		if pat == "*" {
			m = true
		} else if toks, ok := r.expand(pol, pat, true); ok {
			m = arnMatch(toks, r.req.resource)
		}
		if m {
			return !s.notRes
		}
	}
	return s.notRes
}

// A token of a wildcard pattern: a literal character, * or ?.
type rtok struct {
	kind byte // 'c' literal, '*' any run, '?' one character
	c    rune
}

func tokens(s string, wild bool) []rtok {
	var out []rtok
	for _, c := range s {
		switch {
		case wild && c == '*':
			out = append(out, rtok{kind: '*'})
		case wild && c == '?':
			out = append(out, rtok{kind: '?'})
		default:
			out = append(out, rtok{kind: 'c', c: c})
		}
	}
	return out
}

func literal(s string) []rtok { return tokens(s, false) }

// globMatch is a plain recursive matcher with memoisation; fold compares
// ASCII letters case-insensitively.
func globMatch(pat []rtok, s string, fold bool) bool {
	rs := []rune(s)
	memo := map[[2]int]bool{}
	var m func(i, j int) bool
	m = func(i, j int) bool {
		if v, ok := memo[[2]int{i, j}]; ok {
			return v
		}
		var res bool
		switch {
		case i == len(pat):
			res = j == len(rs)
		case pat[i].kind == '*':
			res = m(i+1, j) || j < len(rs) && m(i, j+1)
		case j == len(rs):
			res = false
		case pat[i].kind == '?':
			res = m(i+1, j+1)
		default:
			a, b := pat[i].c, rs[j]
			if fold {
				a, b = lowerASCII(a), lowerASCII(b)
			}
			res = a == b && m(i+1, j+1)
		}
		memo[[2]int{i, j}] = res
		return res
	}
	return m(0, 0)
}

func lowerASCII(c rune) rune {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// arnMatch matches an ARN pattern (as tokens) against a value segment by
// segment: the first five colons of each split them.
func arnMatch(pat []rtok, value string) bool {
	var segs [][]rtok
	start := 0
	for i, t := range pat {
		if len(segs) < 5 && t.kind == 'c' && t.c == ':' {
			segs = append(segs, pat[start:i])
			start = i + 1
		}
	}
	if len(segs) < 5 {
		return false
	}
	segs = append(segs, pat[start:])
	if !globMatch(segs[0], "arn", false) || len(segs[0]) != 3 {
		return false
	}
	vals := strings.SplitN(value, ":", 6)
	if len(vals) != 6 || vals[0] != "arn" {
		return false
	}
	for i := 1; i < 6; i++ {
		if !globMatch(segs[i], vals[i], false) {
			return false
		}
	}
	return true
}

// expand turns a policy value into tokens, substituting policy variables
// (2012-10-17 policies only) as literal text: ${key}, ${key, 'default'},
// and ${*}, ${?}, ${$} for the literal characters. ok is false when a
// variable has no value.
func (r *refEval) expand(pol *mPolicy, s string, wild bool) ([]rtok, bool) {
	if pol.version != authz.Version2012 {
		return tokens(s, wild), true
	}
	var out []rtok
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "}")
		if j < 0 {
			break
		}
		out = append(out, tokens(s[:i], wild)...)
		inner := s[i+2 : i+j]
		s = s[i+j+1:]
		if inner == "*" || inner == "?" || inner == "$" {
			out = append(out, literal(inner)...)
			continue
		}
		key, def, hasDef := inner, "", false
		if k, d, ok := strings.Cut(inner, ","); ok {
			d = strings.TrimSpace(d)
			if len(d) >= 2 && d[0] == '\'' && d[len(d)-1] == '\'' {
				key, def, hasDef = k, d[1:len(d)-1], true
			}
		}
		vals, multi, present := r.lookup(strings.TrimSpace(key))
		switch {
		case present && !multi: // only single-valued keys are variables
			out = append(out, literal(vals[0])...)
		case hasDef:
			out = append(out, literal(def)...)
		default:
			return nil, false
		}
	}
	return append(out, tokens(s, wild)...), true
}

// lookup finds a condition key, by case-insensitive name, in the request
// context or among the keys that follow from the principal.
func (r *refEval) lookup(key string) (values []string, multi, present bool) {
	for k, v := range r.req.ctx {
		if strings.EqualFold(k, key) {
			return v.values, v.multi, true
		}
	}
	p := r.req.principal
	switch strings.ToLower(key) {
	case "aws:username":
		if p.Type == authz.PrincipalUser && p.UserName != "" {
			return []string{p.UserName}, false, true
		}
	case "aws:principalarn":
		arn := p.ARN
		if p.Type == authz.PrincipalAssumedRole {
			arn = p.RoleARN // a session's aws:PrincipalArn is its role's ARN
		}
		if arn != "" {
			return []string{arn}, false, true
		}
	}
	return nil, false, false
}

func (r *refEval) conditionsHold(pol *mPolicy, s *mStmt) bool {
	for _, c := range s.conds {
		if !r.condition(pol, c) {
			return false
		}
	}
	return true
}

var refNegated = map[string]bool{
	"StringNotEquals": true, "StringNotEqualsIgnoreCase": true, "StringNotLike": true, "NumericNotEquals": true,
	"DateNotEquals": true, "NotIpAddress": true, "ArnNotEquals": true, "ArnNotLike": true,
}

// condition evaluates one operator/key pair (section 1.8 of the notes).
func (r *refEval) condition(pol *mPolicy, c mCond) bool {
	op := c.op
	qualifier := ""
	for _, q := range []string{"ForAllValues:", "ForAnyValue:"} {
		if strings.HasPrefix(op, q) {
			qualifier, op = q, op[len(q):]
		}
	}
	ifExists := false
	if op != "Null" && strings.HasSuffix(op, "IfExists") {
		ifExists, op = true, strings.TrimSuffix(op, "IfExists")
	}
	values, multi, present := r.lookup(c.key)
	if op == "Null" {
		// "true": the key is absent; "false": it is present.
		for _, v := range c.values {
			if v == "true" && !present || v == "false" && present {
				return true
			}
		}
		return false
	}
	if !present {
		switch {
		case ifExists:
			return true
		case qualifier == "ForAllValues:":
			return true
		case qualifier == "ForAnyValue:":
			return false
		}
		return refNegated[op] // a missing key satisfies negated operators
	}
	switch qualifier {
	case "":
		if multi {
			return false // a multi-valued key needs a set operator
		}
		m, ok := r.valueMatches(pol, op, c.values, values[0])
		return ok && m
	case "ForAllValues:":
		for _, v := range values {
			if m, ok := r.valueMatches(pol, op, c.values, v); !ok || !m {
				return false
			}
		}
		return true
	default:
		for _, v := range values {
			if m, ok := r.valueMatches(pol, op, c.values, v); ok && m {
				return true
			}
		}
		return false
	}
}

// valueMatches tests one request value against the policy's values: any of
// them for a positive operator, none of them (a NOR) for a negated one. ok
// is false when the request value is not of the operator's type.
func (r *refEval) valueMatches(pol *mPolicy, op string, policy []string, v string) (match, ok bool) {
	positive := false
	for _, pv := range policy {
		m, ok := r.positive(pol, strings.Replace(op, "Not", "", 1), pv, v)
		if !ok {
			return false, false
		}
		positive = positive || m
	}
	if refNegated[op] {
		return !positive, true
	}
	return positive, true
}

// positive applies a positive operator to one policy value and one request
// value.
func (r *refEval) positive(pol *mPolicy, op, pv, v string) (match, ok bool) {
	switch op {
	case "StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike":
		toks, resolved := r.expand(pol, pv, op == "StringLike" || op == "ArnEquals" || op == "ArnLike")
		if !resolved {
			return false, true // a variable without a value matches nothing
		}
		switch op {
		case "StringEquals":
			return tokString(toks) == v, true
		case "StringEqualsIgnoreCase":
			return strings.EqualFold(tokString(toks), v), true
		case "StringLike":
			return globMatch(toks, v, false), true
		}
		return arnMatch(toks, v), true
	case "NumericEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals":
		a, err1 := strconv.ParseFloat(v, 64)
		b, err2 := strconv.ParseFloat(pv, 64)
		if err1 != nil || err2 != nil {
			return false, false
		}
		return compare(op[len("Numeric"):], a < b, a == b), true
	case "DateEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals":
		a, ok1 := refDate(v)
		b, ok2 := refDate(pv)
		if !ok1 || !ok2 {
			return false, false
		}
		return compare(op[len("Date"):], a.Before(b), a.Equal(b)), true
	case "Bool":
		if v != "true" && v != "false" {
			return false, false
		}
		return v == pv, true
	case "IpAddress":
		ip := net.ParseIP(v)
		if ip == nil {
			return false, false
		}
		if !strings.Contains(pv, "/") {
			if strings.Contains(pv, ":") {
				pv += "/128"
			} else {
				pv += "/32"
			}
		}
		_, network, err := net.ParseCIDR(pv)
		if err != nil {
			return false, false
		}
		return network.Contains(ip), true
	}
	panic("reference: no operator " + op)
}

func compare(rel string, less, equal bool) bool {
	switch rel {
	case "Equals":
		return equal
	case "LessThan":
		return less
	case "LessThanEquals":
		return less || equal
	case "GreaterThan":
		return !less && !equal
	case "GreaterThanEquals":
		return !less
	}
	panic("reference: no comparison " + rel)
}

// refDate reads the two date forms of the vocabulary: ISO 8601 with a zone,
// and epoch seconds.
func refDate(s string) (time.Time, bool) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0), true
	}
	t, err := time.Parse(time.RFC3339, s)
	return t, err == nil
}

func tokString(toks []rtok) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteRune(t.c)
	}
	return b.String()
}

// propMatchesReference: authz.Evaluate decides as the reference does.
func propMatchesReference(t *rapid.T) {
	c := genCase.Draw(t, "case")
	want := refEvaluate(c.req, c.set)
	req, set := c.req.build(), c.set.build(t)
	if got := authz.Evaluate(req, set); got != want {
		t.Fatalf("Evaluate = %v, reference = %v\nrequest: %s\nset:\n%s%s", got, want, c.req, c.set, authz.Explain(req, set))
	}
}

func TestMatchesReference(t *testing.T) { rapid.Check(t, propMatchesReference) }
func FuzzMatchesReference(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propMatchesReference)) }

// propConditionsMatchReference puts conditions under the magnifier: for one
// random request context, each of several random conditions alone guards an
// Allow (or a Deny next to an Allow of everything) in an identity-based
// policy or an SCP, so that the decision is the condition's value. A last
// policy holds several statements with several conditions.
func propConditionsMatchReference(t *rapid.T) {
	req := genRequest(t)
	req.principal = rapid.SampledFrom([]authz.Principal{gBob, gBob, gCarol, gApp, gAppB}).Draw(t, "principal")
	req.resourceAccount = ""
	check := func(pol mPolicy) {
		set := &mSet{identity: []mPolicy{pol}}
		if oneIn(t, 3, "scp") {
			// As an SCP, in any language version: variables are text in
			// the older ones.
			pol.kind = authz.SCP
			pol.version = rapid.SampledFrom([]string{authz.Version2012, authz.Version2008, ""}).Draw(t, "version")
			set = &mSet{identity: []mPolicy{fullAccess(authz.Identity)}, scps: [][]mPolicy{{pol}}}
		}
		want := refEvaluate(req, set)
		r, s := req.build(), set.build(t)
		if got := authz.Evaluate(r, s); got != want {
			t.Fatalf("Evaluate = %v, reference = %v\nrequest: %s\npolicy: %s\n%s", got, want, req, pol.render(), authz.Explain(r, s))
		}
	}
	allowAll := mStmt{effect: authz.Allow, actions: []string{"*"}, resources: []string{"*"}}
	for range 8 {
		s := allowAll
		s.conds = []mCond{genCond(t)}
		pol := mPolicy{kind: authz.Identity, version: authz.Version2012, stmts: []mStmt{s}}
		if oneIn(t, 3, "deny") {
			s.effect = authz.Deny
			pol.stmts = []mStmt{allowAll, s}
		}
		check(pol)
	}
	pol := mPolicy{kind: authz.Identity, version: authz.Version2012}
	if oneIn(t, 2, "deny") {
		pol.stmts = append(pol.stmts, allowAll)
	}
	for range rapid.IntRange(1, 2).Draw(t, "nstmts") {
		s := allowAll
		if len(pol.stmts) > 0 {
			s.effect = authz.Deny
		}
		if oneIn(t, 3, "resource") {
			s.resources = someOf(t, "resources", gResourcePatterns, 1, 2)
		}
		for range rapid.IntRange(1, 3).Draw(t, "nconds") {
			c := genCond(t)
			if !slices.ContainsFunc(s.conds, func(d mCond) bool { return d.op == c.op && d.key == c.key }) {
				s.conds = append(s.conds, c)
			}
		}
		pol.stmts = append(pol.stmts, s)
	}
	check(pol)
}

// propPrincipalsMatchReference puts the Principal and NotPrincipal elements
// under the magnifier: one resource-based policy statement, and every
// principal of the vocabulary with its identity-based policy allowing
// everything, with or without a boundary and a session policy, in the
// resource's account or another, under simple SCP and RCP chains.
func propPrincipalsMatchReference(t *rapid.T) {
	st := genStmt(t, authz.Resource, "", genOpts{simple: true})
	rp := mPolicy{kind: authz.Resource, version: authz.Version2012, stmts: []mStmt{st}}
	if st.effect == authz.Deny {
		rp.stmts = append(rp.stmts, mStmt{effect: authz.Allow, principal: &mPrin{star: true}, actions: []string{"*"}, resources: []string{"*"}})
	}
	allowAll := mPolicy{kind: authz.Identity, version: authz.Version2012, stmts: []mStmt{{effect: authz.Allow, actions: []string{"*"}, resources: []string{"*"}}}}
	allowNone := mPolicy{kind: authz.Identity, version: authz.Version2012, stmts: []mStmt{{effect: authz.Allow, actions: []string{"iam:Nothing"}, resources: []string{"*"}}}}
	slr := gApp
	slr.ServiceLinked = true
	scps, rcps := genChain(t, authz.SCP, 1, genOpts{simple: true}), genChain(t, authz.RCP, 1, genOpts{simple: true})
	for _, p := range append(gPrincipals, slr) {
		req := &mRequest{principal: p, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/key.txt"}
		req.resourceAccount = rapid.SampledFrom([]string{"", gA, gB}).Draw(t, "resourceaccount")
		set := &mSet{resource: &rp, requireRP: oneIn(t, 5, "requirerp"), scps: scps, rcps: rcps,
			mgmtPrincipal: oneIn(t, 4, "mgmtprincipal"), mgmtResource: oneIn(t, 4, "mgmtresource")}
		if isIAM(p) && p.Type != authz.PrincipalRoot {
			id := rapid.SampledFrom([]mPolicy{allowAll, allowNone}).Draw(t, "identity")
			set.identity = []mPolicy{id}
			if oneIn(t, 2, "boundary") {
				b := rapid.SampledFrom([]mPolicy{allowAll, allowNone}).Draw(t, "boundary")
				b.kind = authz.Boundary
				set.boundary = &b
			}
			if isSession(p) && !oneIn(t, 3, "nosession") {
				sp := rapid.SampledFrom([]mPolicy{allowAll, allowNone}).Draw(t, "session")
				sp.kind = authz.Session
				set.session = &sp
			}
		}
		want := refEvaluate(req, set)
		r, s := req.build(), set.build(t)
		if got := authz.Evaluate(r, s); got != want {
			t.Fatalf("Evaluate = %v, reference = %v\nrequest: %s\nset:\n%s%s", got, want, req, set, authz.Explain(r, s))
		}
	}
}

func TestConditionsMatchReference(t *testing.T) { rapid.Check(t, propConditionsMatchReference) }
func FuzzConditionsMatchReference(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propConditionsMatchReference)) }
func TestPrincipalsMatchReference(t *testing.T) { rapid.Check(t, propPrincipalsMatchReference) }
func FuzzPrincipalsMatchReference(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propPrincipalsMatchReference)) }
