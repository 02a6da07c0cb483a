package authz

// Kind is the type of a policy document. It decides which elements the
// document may hold, its size limit, and the role it plays in an
// evaluation.
type Kind string

// The policy kinds AWS distinguishes.
const (
	// Identity is an identity-based policy: managed or inline, attached to
	// a user, group or role.
	Identity Kind = "identity"
	// Resource is a resource-based policy (a bucket, queue or key policy).
	Resource Kind = "resource"
	// Trust is a role trust policy: a resource-based policy on the role
	// whose only actions are the sts:AssumeRole* family.
	Trust Kind = "trust"
	// Boundary is a permissions boundary: a managed policy used to cap the
	// permissions of a user or role.
	Boundary Kind = "boundary"
	// Session is a session policy passed to AssumeRole*, GetFederationToken.
	Session Kind = "session"
	// SCP is an AWS Organizations service control policy.
	SCP Kind = "scp"
	// RCP is an AWS Organizations resource control policy.
	RCP Kind = "rcp"
)

// Values lists every Kind.
func (Kind) Values() []Kind {
	return []Kind{Identity, Resource, Trust, Boundary, Session, SCP, RCP}
}

// Description is the wording AWS uses for the policy kind in access
// denied messages, e.g. "identity-based policy" or "service control
// policy".
func (k Kind) Description() string {
	switch k {
	case Identity:
		return "identity-based policy"
	case Resource:
		return "resource-based policy"
	case Trust:
		return "role trust policy"
	case Boundary:
		return "permissions boundary"
	case Session:
		return "session policy"
	case SCP:
		return "service control policy"
	case RCP:
		return "resource control policy"
	}
	return string(k)
}

// MaxSize is the largest document AWS accepts for the kind, in characters.
// For SCPs and RCPs every character counts; for the IAM kinds whitespace
// outside strings does not (see [Parse]). Inline identity policies share an
// aggregate quota per user (2,048), group (5,120) and role (10,240) that the
// identity store enforces; a single managed policy may be 6,144.
func (k Kind) MaxSize() int {
	switch k {
	case Identity, Boundary:
		return 6144
	case Trust:
		return 2048
	case Session:
		return 2048
	case SCP, RCP:
		return 5120
	case Resource:
		return 20480
	}
	return 6144
}

// Effect is a statement's effect: Allow or Deny, spelled exactly so.
type Effect string

// The two effects.
const (
	Allow Effect = "Allow"
	Deny  Effect = "Deny"
)

// Values lists every Effect.
func (Effect) Values() []Effect { return []Effect{Allow, Deny} }

// Decision is the outcome of an evaluation.
type Decision uint8

// The three outcomes AWS distinguishes. The zero value is ImplicitDeny:
// every request is denied unless something allows it.
const (
	ImplicitDeny Decision = iota
	Allowed
	ExplicitDeny
)

// String returns the decision as IAM's policy simulator names it:
// "implicitDeny", "allowed" or "explicitDeny".
func (d Decision) String() string {
	switch d {
	case Allowed:
		return "allowed"
	case ExplicitDeny:
		return "explicitDeny"
	default:
		return "implicitDeny"
	}
}

// Allowed reports whether the decision allows the request.
func (d Decision) Allowed() bool { return d == Allowed }
