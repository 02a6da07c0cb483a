package authz

import (
	"strings"

	"github.com/seed-e2e06c4d/awsaccess/arn"
	"github.com/seed-e2e06c4d/awsaccess/wildcard"
)

// cstmt is a compiled statement: wildcards compiled into matchers, keys
// lower-cased and condition values parsed for their operators, so that
// evaluation only matches.
type cstmt struct {
	src    *Statement
	index  int
	effect Effect

	notAction bool
	actions   []wildcard.Pattern
	services  []string // lower-cased literal service prefixes of the actions
	anySvc    bool     // an action's service prefix has a wildcard, or NotAction

	hasResource bool // Resource or NotResource present (trust policies have neither)
	notResource bool
	resources   []cres

	principal    *cprin
	notPrincipal bool

	conds []ccond
}

type cres struct {
	all    bool        // "*"
	prefix string      // the literal text before the first wildcard: a quick reject
	pat    arn.Pattern // when tmpl is nil
	tmpl   *template   // a pattern with policy variables
}

func (p *Policy) compile() error {
	vars := p.Version == Version2012
	p.stmts = make([]*cstmt, len(p.Statements))
	for i := range p.Statements {
		s := &p.Statements[i]
		c := &cstmt{src: s, index: i, effect: s.Effect}
		acts := s.Action
		if s.NotAction != nil {
			c.notAction, acts, c.anySvc = true, s.NotAction, true
		}
		for _, a := range acts {
			c.actions = append(c.actions, wildcard.Compile(a))
			svc, _, _ := strings.Cut(a, ":")
			if strings.ContainsAny(svc, "*?") {
				c.anySvc = true
			} else if svc = strings.ToLower(svc); !containsStr(c.services, svc) {
				c.services = append(c.services, svc)
			}
		}
		res := s.Resource
		if s.NotResource != nil {
			c.notResource, res = true, s.NotResource
		}
		c.hasResource = s.Resource != nil || s.NotResource != nil
		for _, r := range res {
			cr := cres{all: r == "*"}
			if !cr.all {
				if vars {
					cr.tmpl = parseTemplate(r)
				}
				if cr.tmpl == nil {
					pat, err := arn.CompilePattern(r)
					if err != nil {
						return malformed("Resource %s must be in ARN format or \"*\".", r)
					}
					cr.pat = pat
					if i := strings.IndexAny(r, "*?"); i >= 0 {
						cr.prefix = r[:i]
					} else {
						cr.prefix = r
					}
				}
			}
			c.resources = append(c.resources, cr)
		}
		if s.Principal != nil {
			c.principal = compilePrincipal(s.Principal)
		} else if s.NotPrincipal != nil {
			c.principal, c.notPrincipal = compilePrincipal(s.NotPrincipal), true
		}
		for j := range s.Conditions {
			c.conds = append(c.conds, compileCondition(&s.Conditions[j], vars))
		}
		p.stmts[i] = c
	}
	return nil
}

func containsStr(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// matchAction reports whether the statement covers the action.
func (c *cstmt) matchAction(action string) bool {
	for i := range c.actions {
		if c.actions[i].MatchFold(action) {
			return !c.notAction
		}
	}
	return c.notAction
}

// matchResource reports whether the statement covers the resource. A
// statement without Resource or NotResource (a trust policy's) covers the
// resource it is attached to.
func (c *cstmt) matchResource(r *Request) bool {
	if !c.hasResource {
		return true
	}
	for i := range c.resources {
		cr := &c.resources[i]
		var m bool
		switch {
		case cr.all:
			m = true
		case cr.tmpl != nil:
			pat, ok := cr.tmpl.arnPattern(r)
			m = ok && pat.Match(r.Resource) // an unresolved variable matches no resource
		default:
			m = strings.HasPrefix(r.Resource, cr.prefix) && cr.pat.Match(r.Resource)
		}
		if m {
			return !c.notResource
		}
	}
	return c.notResource
}

func (c *cstmt) matchConditions(r *Request) bool {
	for i := range c.conds {
		if !c.conds[i].eval(r) {
			return false
		}
	}
	return true
}

// pmatch is how a resource-based policy statement's Principal element
// matched the request's principal. The order matters: a better match
// grants more (see the table in reference_policies_evaluation-logic).
type pmatch uint8

const (
	pmNone pmatch = iota
	// pmAccount: the statement names the principal's account (an account
	// id or its root ARN): it delegates to the account, whose
	// identity-based policies must then allow the request.
	pmAccount
	// pmBounded: the statement names the role of a role session, or the
	// IAM user behind a federated user: identity-based policies need not
	// allow, but the permissions boundary and session policies still
	// limit.
	pmBounded
	// pmDirect: the statement names the principal itself (user, role
	// session, federated user, service, provider) or "*": nothing else
	// limits the grant but an explicit deny, SCPs and RCPs.
	pmDirect
)

type cprin struct {
	all       bool
	accounts  []string
	arns      []string // user, role, assumed-role and federated-user ARNs
	uniqueIDs []string
	services  []string
	federated []string
	canonical []string
}

func compilePrincipal(p *Principals) *cprin {
	c := &cprin{all: p.All}
	for _, v := range p.AWS {
		switch {
		case v == "*":
			c.all = true
		case isAccountID(v):
			c.accounts = append(c.accounts, v)
		case isUniqueID(v):
			c.uniqueIDs = append(c.uniqueIDs, v)
		case strings.HasSuffix(v, ":root") && strings.HasPrefix(v, "arn:"):
			parts := strings.SplitN(v, ":", 6)
			c.accounts = append(c.accounts, parts[4])
		default:
			c.arns = append(c.arns, v)
		}
	}
	c.services = p.Service
	c.federated = p.Federated
	c.canonical = p.CanonicalUser
	return c
}

// match reports how the element names the principal.
func (c *cprin) match(p *Principal) pmatch {
	if c.all {
		return pmDirect
	}
	best := pmNone
	up := func(m pmatch) {
		if m > best {
			best = m
		}
	}
	switch p.Type {
	case PrincipalService:
		if containsStr(c.services, p.Service) {
			return pmDirect
		}
		return pmNone
	case PrincipalWebIdentity:
		if containsStr(c.federated, p.Provider) {
			return pmDirect
		}
		return pmNone
	case PrincipalAnonymous:
		return pmNone
	}
	if p.CanonicalUser != "" && containsStr(c.canonical, p.CanonicalUser) {
		up(pmDirect)
	}
	if containsStr(c.accounts, p.Account) {
		up(pmAccount)
	}
	switch p.Type {
	case PrincipalUser:
		if containsStr(c.arns, p.ARN) || (p.UniqueID != "" && containsStr(c.uniqueIDs, p.UniqueID)) {
			up(pmDirect)
		}
	case PrincipalAssumedRole:
		if containsStr(c.arns, p.ARN) {
			up(pmDirect)
		} else if (p.RoleARN != "" && containsStr(c.arns, p.RoleARN)) || (p.UniqueID != "" && containsStr(c.uniqueIDs, p.UniqueID)) {
			up(pmBounded)
		}
	case PrincipalFederatedUser:
		if containsStr(c.arns, p.ARN) {
			up(pmDirect)
		} else if p.ParentUserARN != "" && containsStr(c.arns, p.ParentUserARN) {
			up(pmBounded)
		}
	}
	return best
}

// excludes reports whether a NotPrincipal element lists the principal
// completely. As the NotPrincipal page explains, AWS checks every identity
// a request carries: a user is excluded only when both the user and its
// account are listed, a role session only when the session, its role and
// the account are, a federated user when it and the account are.
func (c *cprin) excludes(p *Principal) bool {
	if c.all {
		return true
	}
	acct := containsStr(c.accounts, p.Account)
	switch p.Type {
	case PrincipalRoot:
		return acct
	case PrincipalUser:
		return acct && (containsStr(c.arns, p.ARN) || containsStr(c.uniqueIDs, p.UniqueID))
	case PrincipalAssumedRole:
		return acct && containsStr(c.arns, p.ARN) && (containsStr(c.arns, p.RoleARN) || containsStr(c.uniqueIDs, p.UniqueID))
	case PrincipalFederatedUser:
		return acct && containsStr(c.arns, p.ARN)
	case PrincipalService:
		return containsStr(c.services, p.Service)
	case PrincipalWebIdentity:
		return containsStr(c.federated, p.Provider)
	}
	return false
}
