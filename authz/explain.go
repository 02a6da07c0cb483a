package authz

import (
	"fmt"
	"sort"
	"strings"
)

// Explanation tells why a request was allowed or denied.
type Explanation struct {
	Decision  Decision
	Principal string        // the principal's ARN (or service / provider)
	Type      PrincipalType // the principal's type
	Action    string
	Resource  string
	// DecidedBy is the policy type that decided: for an explicit deny the
	// type holding the first matching Deny, for an implicit deny the type
	// that did not allow, for an allow the type that granted (Identity or
	// Resource).
	DecidedBy Kind
	// Level is the level of the SCP or RCP chain that decided (0 is the
	// root), or -1.
	Level int
	// Policy names the policy holding the deciding explicit Deny, if any.
	Policy string
	// Matched lists the statements that matched the request in the steps
	// evaluation went through, in evaluation order: every Deny of every
	// applicable policy, then, when no Deny matched, the Allows of each
	// policy type until the decision was reached. An explicit deny ends
	// evaluation, so its explanation lists denies only.
	Matched []MatchedStatement
}

// MatchedStatement identifies one statement that matched a request.
type MatchedStatement struct {
	Kind   Kind   // the role the policy played: Identity, Resource, SCP, ...
	Policy string // the policy's name, its Id, or "policy #n"
	Level  int    // SCP/RCP level, or -1
	Sid    string // the statement's Sid, if any
	Index  int    // the statement's position in the policy, from 0
	Effect Effect
}

// String renders the statement as "identity-based policy ReadOnly, statement Sid1 (Allow)".
func (m MatchedStatement) String() string {
	id := m.Sid
	if id == "" {
		id = fmt.Sprintf("#%d", m.Index+1)
	}
	where := m.Kind.Description() + " " + m.Policy
	if m.Level >= 0 {
		where += fmt.Sprintf(" (level %d)", m.Level)
	}
	return fmt.Sprintf("%s, statement %s (%s)", where, id, m.Effect)
}

var kindOrder = map[Kind]int{SCP: 0, RCP: 1, Resource: 2, Trust: 2, Identity: 3, Boundary: 4, Session: 5}

func (e *Explanation) record(l *PolicyList, ref sref, role Kind, level int) {
	k := role
	if role == Resource && l.entries[ref.pol].Policy.kind == Trust {
		k = Trust
	}
	ms := MatchedStatement{Kind: k, Policy: l.name(ref.pol), Level: level, Sid: ref.st.src.Sid, Index: ref.st.index, Effect: ref.st.effect}
	for _, m := range e.Matched {
		if m == ms {
			return
		}
	}
	e.Matched = append(e.Matched, ms)
}

func (e *Explanation) decidedByDeny() {
	e.sort()
	for _, m := range e.Matched {
		if m.Effect == Deny {
			e.DecidedBy, e.Level, e.Policy = m.Kind, m.Level, m.Policy
			return
		}
	}
}

func (e *Explanation) sort() {
	sort.SliceStable(e.Matched, func(i, j int) bool {
		a, b := e.Matched[i], e.Matched[j]
		if kindOrder[a.Kind] != kindOrder[b.Kind] {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		if a.Level != b.Level {
			return a.Level < b.Level
		}
		if a.Policy != b.Policy {
			return a.Policy < b.Policy
		}
		return a.Index < b.Index
	})
}

func (e *Explanation) finish() {
	e.sort()
	if e.DecidedBy == Trust {
		return
	}
	if e.DecidedBy == Resource {
		for _, m := range e.Matched {
			if m.Kind == Trust {
				e.DecidedBy = Trust
				return
			}
		}
	}
}

// Reason is AWS's wording of why a request was denied, as it ends an
// AccessDenied message: "with an explicit deny in a service control
// policy: <policy>" or "because no identity-based policy allows the
// iam:CreateUser action". It is empty for an allowed request.
func (e *Explanation) Reason() string {
	switch e.Decision {
	case ExplicitDeny:
		article := "a"
		if e.DecidedBy == Identity {
			article = "an"
		}
		r := fmt.Sprintf("with an explicit deny in %s %s", article, e.DecidedBy.Description())
		if strings.HasPrefix(e.Policy, "arn:") {
			r += ": " + e.Policy
		}
		return r
	case ImplicitDeny:
		return fmt.Sprintf("because no %s allows the %s action", e.DecidedBy.Description(), e.Action)
	}
	return ""
}

// Message is the text of an AccessDenied error as AWS words it:
// "User: arn:aws:iam::123456789012:user/bob is not authorized to perform:
// iam:CreateUser on resource: arn:aws:iam::123456789012:user/alice because
// no identity-based policy allows the iam:CreateUser action". For an
// allowed request it says what allowed it.
func (e *Explanation) Message() string {
	if e.Decision == Allowed {
		return fmt.Sprintf("User: %s is allowed to perform: %s on resource: %s by a %s", e.Principal, e.Action, e.Resource, e.DecidedBy.Description())
	}
	return fmt.Sprintf("User: %s is not authorized to perform: %s on resource: %s %s", e.Principal, e.Action, e.Resource, e.Reason())
}

// String renders the explanation readably over several lines.
func (e *Explanation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s on %s\n", e.Decision, e.Principal, e.Action, e.Resource)
	fmt.Fprintf(&b, "  decided by: %s", e.DecidedBy.Description())
	if e.Level >= 0 && (e.DecidedBy == SCP || e.DecidedBy == RCP) {
		fmt.Fprintf(&b, " (level %d)", e.Level)
	}
	b.WriteString("\n")
	if r := e.Reason(); r != "" {
		fmt.Fprintf(&b, "  reason: %s\n", r)
	}
	if len(e.Matched) == 0 {
		b.WriteString("  no statement matched\n")
	}
	for _, m := range e.Matched {
		fmt.Fprintf(&b, "  matched: %s\n", m)
	}
	return b.String()
}
