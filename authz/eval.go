package authz

import "strings"

// Evaluate decides one request against a policy set, following AWS's
// documented evaluation logic
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html):
//
//  1. An explicit Deny in any applicable policy (SCP, RCP, resource-based,
//     identity-based, permissions boundary, session) denies.
//  2. RCPs of the resource's account (unless it is the management account
//     or the principal a service-linked role): every level must allow.
//  3. SCPs of the principal's account (unless it is the management account
//     or the principal a service-linked role or not an IAM principal):
//     every level must allow.
//  4. Within one account, a resource-based policy Allow naming the
//     principal allows without an identity-based Allow; naming the role of
//     a session or the user behind a federated user, the permissions
//     boundary and session policies still limit it; naming only the
//     account delegates to identity-based policies. Trust policies (and
//     sets with RequireResourceAllow) must allow in every case.
//  5. Identity-based policies must allow (the root user has full access).
//  6. A permissions boundary, if any, must allow.
//  7. Session policies, if any, must allow; a federated user without one
//     has no permissions.
//
// Across accounts both sides must allow: the principal's account through
// identity-based policies, boundary, session policies and SCPs, the
// resource's account through the resource-based policy (an account-level
// match suffices) and RCPs.
//
// Evaluate makes no heap allocation unless a policy uses variables or an
// action's service prefix is not lower case. Use [Explain] to learn why.
func Evaluate(req *Request, set *PolicySet) Decision {
	e := evaluation{req: req, set: set, svc: servicePrefix(req.Action)}
	return e.run()
}

// Explain decides like [Evaluate] and explains the decision: which policy
// type decided, which statements matched, and AWS's wording of it.
func Explain(req *Request, set *PolicySet) *Explanation {
	exp := &Explanation{
		Principal: req.Principal.ARN,
		Type:      req.Principal.Type,
		Action:    req.Action,
		Resource:  req.Resource,
	}
	if exp.Principal == "" {
		exp.Principal = req.Principal.Service + req.Principal.Provider
	}
	e := evaluation{req: req, set: set, svc: servicePrefix(req.Action), exp: exp}
	exp.Decision = e.run()
	exp.finish()
	return exp
}

func servicePrefix(action string) string {
	svc, _, _ := strings.Cut(action, ":")
	for i := 0; i < len(svc); i++ {
		if c := svc[i]; 'A' <= c && c <= 'Z' {
			return strings.ToLower(svc)
		}
	}
	return svc
}

type evaluation struct {
	req *Request
	set *PolicySet
	svc string
	exp *Explanation
}

func (e *evaluation) run() Decision {
	r, s := e.req, e.set
	if s == nil {
		s = &PolicySet{}
		e.set = s
	}
	p := &r.Principal
	iam := p.isIAM()
	scp := iam && !s.PrincipalInManagementAccount && !p.ServiceLinked && len(s.SCPs) > 0
	rcp := !s.ResourceInManagementAccount && !p.ServiceLinked && len(s.RCPs) > 0
	session := p.isSession()

	// 1. Explicit deny, in every applicable policy.
	denied := false
	if scp {
		for lvl, l := range s.SCPs {
			if e.scan(l, Deny, SCP, lvl) > pmNone && e.stop(&denied) {
				return e.denyExplicit()
			}
		}
	}
	if rcp {
		for lvl, l := range s.RCPs {
			if e.scan(l, Deny, RCP, lvl) > pmNone && e.stop(&denied) {
				return e.denyExplicit()
			}
		}
	}
	if e.scan(s.Resource, Deny, Resource, -1) > pmNone && e.stop(&denied) {
		return e.denyExplicit()
	}
	if iam {
		if e.scan(s.Identity, Deny, Identity, -1) > pmNone && e.stop(&denied) {
			return e.denyExplicit()
		}
		if e.scan(s.Boundary, Deny, Boundary, -1) > pmNone && e.stop(&denied) {
			return e.denyExplicit()
		}
		if session && e.scan(s.Session, Deny, Session, -1) > pmNone && e.stop(&denied) {
			return e.denyExplicit()
		}
	}
	if denied {
		return e.denyExplicit()
	}

	// 2. RCPs and 3. SCPs: an Allow at every level.
	if rcp {
		for lvl, l := range s.RCPs {
			if e.scan(l, Allow, RCP, lvl) == pmNone {
				return e.denyImplicit(RCP, lvl)
			}
		}
	}
	if scp {
		for lvl, l := range s.SCPs {
			if e.scan(l, Allow, SCP, lvl) == pmNone {
				return e.denyImplicit(SCP, lvl)
			}
		}
	}

	// 4. The resource-based policy.
	rp := e.scan(s.Resource, Allow, Resource, -1)
	if !iam {
		// Services, web identities and anonymous callers have no
		// identity-based policies: the resource-based policy decides.
		if rp == pmNone {
			return e.denyImplicit(Resource, -1)
		}
		return e.allow(Resource)
	}
	cross := r.resourceAccount() != p.Account
	if !cross {
		if rp == pmNone && s.resourceRequired() {
			return e.denyImplicit(Resource, -1)
		}
		switch rp {
		case pmDirect:
			return e.allow(Resource)
		case pmBounded:
			if d, k, ok := e.limits(session); !ok {
				return e.denyImplicit(k, -1)
			} else if d {
				return e.allow(Resource)
			}
		}
	}

	// 5. Identity-based policies, 6. the boundary, 7. session policies.
	if p.Type != PrincipalRoot && e.scan(s.Identity, Allow, Identity, -1) == pmNone {
		return e.denyImplicit(Identity, -1)
	}
	if _, k, ok := e.limits(session); !ok {
		return e.denyImplicit(k, -1)
	}
	if cross && rp == pmNone {
		return e.denyImplicit(Resource, -1)
	}
	return e.allow(Identity)
}

// limits checks the permissions boundary and session policies. It reports
// ok false and the kind that denied when one of them does not allow.
func (e *evaluation) limits(session bool) (allowed bool, k Kind, ok bool) {
	s, p := e.set, &e.req.Principal
	if p.Type == PrincipalRoot {
		return true, "", true
	}
	if s.Boundary != nil && e.scan(s.Boundary, Allow, Boundary, -1) == pmNone {
		return false, Boundary, false
	}
	if session {
		if s.Session != nil {
			if e.scan(s.Session, Allow, Session, -1) == pmNone {
				return false, Session, false
			}
		} else if p.Type == PrincipalFederatedUser {
			return false, Session, false
		}
	}
	return true, "", true
}

// stop records a deny; it tells the fast path to stop at once, and lets an
// explanation go on collecting every deny.
func (e *evaluation) stop(denied *bool) bool {
	*denied = true
	return e.exp == nil
}

// scan returns the best match of a statement of the effect in the list:
// pmDirect for any match of a policy without principals, the principal
// match otherwise. Without an explanation it stops at the first direct
// match.
func (e *evaluation) scan(l *PolicyList, eff Effect, role Kind, level int) pmatch {
	if l == nil {
		return pmNone
	}
	ix := &l.allow
	if eff == Deny {
		ix = &l.deny
	}
	if ix.n == 0 {
		return pmNone
	}
	best := pmNone
	for pass := 0; pass < 2; pass++ {
		list := ix.any
		if pass == 0 {
			list = ix.bySvc[e.svc]
		}
		for _, ref := range list {
			m := e.match(l, ref, eff)
			if m == pmNone {
				continue
			}
			if m > best {
				best = m
			}
			if e.exp != nil {
				e.exp.record(l, ref, role, level)
			} else if best == pmDirect {
				return best
			}
		}
	}
	return best
}

// match tests one statement against the request.
func (e *evaluation) match(l *PolicyList, ref sref, eff Effect) pmatch {
	st, r := ref.st, e.req
	if !st.matchAction(r.Action) || !st.matchResource(r) {
		return pmNone
	}
	m := pmDirect
	if st.principal != nil {
		p := &r.Principal
		switch {
		case !st.notPrincipal:
			m = st.principal.match(p)
		case eff == Deny && e.set.Boundary != nil && p.isIAM():
			// A Deny with NotPrincipal always denies a principal that has
			// a permissions boundary, whatever NotPrincipal lists
			// (access_policies_boundaries).
			m = pmDirect
		case st.principal.excludes(p):
			m = pmNone
		}
		if m == pmNone {
			return pmNone
		}
	} else if k := l.entries[ref.pol].Policy.kind; k == Resource || k == Trust {
		return pmNone // a resource-based statement must name a principal
	}
	if !st.matchConditions(r) {
		return pmNone
	}
	return m
}

func (e *evaluation) denyExplicit() Decision {
	if e.exp != nil {
		e.exp.decidedByDeny()
	}
	return ExplicitDeny
}

func (e *evaluation) denyImplicit(k Kind, level int) Decision {
	if e.exp != nil {
		if k == Resource && e.set.Resource != nil && e.set.Resource.hasKind(Trust) {
			k = Trust
		}
		e.exp.DecidedBy, e.exp.Level = k, level
	}
	return ImplicitDeny
}

func (e *evaluation) allow(k Kind) Decision {
	if e.exp != nil {
		e.exp.DecidedBy, e.exp.Level = k, -1
	}
	return Allowed
}
