package authz

// Named is a policy together with the name explanations give it: a managed
// policy's ARN, or a label such as "inline policy S3Read of user bob".
type Named struct {
	Name   string
	Policy *Policy
}

// PolicyList is an immutable, indexed list of policies that play one role
// in an evaluation (a principal's identity-based policies, the SCPs of one
// level of an organization, ...). Statements are indexed by effect and by
// the service prefix of their actions, so that the cost of an evaluation
// follows the statements that can match, not all of them. Build it once and
// share it; it is safe for concurrent use.
type PolicyList struct {
	entries []Named
	allow   stmtIndex
	deny    stmtIndex
}

type stmtIndex struct {
	bySvc map[string][]sref // lower-cased service prefix -> statements
	any   []sref            // NotAction or a wildcard in the service prefix
	n     int
}

type sref struct {
	st  *cstmt
	pol int32
}

// NewPolicyList builds an indexed list. Nil policies are skipped.
func NewPolicyList(policies ...Named) *PolicyList {
	l := &PolicyList{}
	for _, n := range policies {
		if n.Policy == nil {
			continue
		}
		pol := int32(len(l.entries))
		l.entries = append(l.entries, n)
		for _, st := range n.Policy.stmts {
			ix := &l.allow
			if st.effect == Deny {
				ix = &l.deny
			}
			ix.add(sref{st: st, pol: pol})
		}
	}
	return l
}

// Of builds a list of unnamed policies; explanations call them by their
// Id or their position.
func Of(policies ...*Policy) *PolicyList {
	named := make([]Named, 0, len(policies))
	for _, p := range policies {
		named = append(named, Named{Policy: p})
	}
	return NewPolicyList(named...)
}

func (ix *stmtIndex) add(r sref) {
	ix.n++
	if r.st.anySvc {
		ix.any = append(ix.any, r)
		return
	}
	if ix.bySvc == nil {
		ix.bySvc = make(map[string][]sref)
	}
	for _, svc := range r.st.services {
		ix.bySvc[svc] = append(ix.bySvc[svc], r)
	}
}

// Len returns the number of policies.
func (l *PolicyList) Len() int {
	if l == nil {
		return 0
	}
	return len(l.entries)
}

// Policies returns the named policies in order.
func (l *PolicyList) Policies() []Named {
	if l == nil {
		return nil
	}
	return append([]Named(nil), l.entries...)
}

func (l *PolicyList) name(pol int32) string {
	n := l.entries[pol]
	switch {
	case n.Name != "":
		return n.Name
	case n.Policy.ID != "":
		return n.Policy.ID
	}
	return "policy #" + itoa(int(pol)+1)
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}

// PolicySet is every policy that bears on one request, by the role it
// plays. Nil lists are absent: no permissions boundary, no session policy,
// no resource-based policy, no SCPs.
type PolicySet struct {
	// Identity holds the principal's identity-based policies (a user's own
	// and its groups', or a role's).
	Identity *PolicyList
	// Boundary is the principal's permissions boundary, if it has one.
	Boundary *PolicyList
	// Session holds the session policies of a role session or federated
	// user, if any were passed.
	Session *PolicyList
	// Resource holds the resource-based policy of the resource (for
	// sts:AssumeRole, the role's trust policy).
	Resource *PolicyList
	// SCPs is the SCP chain of the principal's account: the root, each OU
	// on the path, then the account. An Allow is needed at every level.
	SCPs []*PolicyList
	// RCPs is the RCP chain of the resource's account.
	RCPs []*PolicyList
	// PrincipalInManagementAccount reports that the principal belongs to
	// the organization's management account: SCPs do not apply.
	PrincipalInManagementAccount bool
	// ResourceInManagementAccount reports that the resource belongs to the
	// management account: RCPs do not apply.
	ResourceInManagementAccount bool
	// RequireResourceAllow makes a resource-based policy Allow necessary
	// even within one account, as for role trust policies and KMS key
	// policies. It is implied when Resource holds a Trust policy.
	RequireResourceAllow bool
}

func (s *PolicySet) resourceRequired() bool {
	if s.RequireResourceAllow {
		return true
	}
	return s.Resource.hasKind(Trust)
}

func (l *PolicyList) hasKind(k Kind) bool {
	if l == nil {
		return false
	}
	for _, n := range l.entries {
		if n.Policy.kind == k {
			return true
		}
	}
	return false
}
