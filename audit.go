package awsaccess

import (
	"slices"
	"sync"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// DefaultAuditCapacity is the number of events an AuditLog keeps when its
// capacity is not set.
const DefaultAuditCapacity = 100_000

// AuditEvent records one call, in the spirit of a CloudTrail event: who
// called what, from where, on which resources, what was decided and why,
// and how the call ended.
type AuditEvent struct {
	Time      time.Time
	RequestID string // the call's request id; empty for library calls
	// EventSource and EventName name the call: "iam.amazonaws.com",
	// "CreateUser". Library calls recorded by Authorize alone carry the
	// action of their first check instead.
	EventSource string
	EventName   string
	Region      string
	// Principal is the caller's ARN (or service / provider), Account its
	// account, AccessKeyID the key it signed with.
	Principal   string
	Account     string
	AccessKeyID string
	SourceIP    string
	UserAgent   string
	// Decisions holds every authorization the call needed, in order.
	Decisions []AuditDecision
	// ErrorCode and ErrorMessage are empty when the call succeeded.
	ErrorCode    string
	ErrorMessage string
}

// AuditDecision is one authorization of a call.
type AuditDecision struct {
	Action      string
	Resource    string
	Decision    authz.Decision
	DecidedBy   authz.Kind
	Explanation string // authz.Explanation.String()
	Message     string // AWS's wording of the decision
}

// Resources lists the resources the call's authorizations named.
func (e *AuditEvent) Resources() []string {
	var out []string
	for _, d := range e.Decisions {
		if !slices.Contains(out, d.Resource) {
			out = append(out, d.Resource)
		}
	}
	return out
}

// AuditLog is the Cloud's audit trail: a bounded, in-memory ring of the
// most recent events. Retention is by count: once Capacity events are held,
// each new event evicts the oldest (Dropped counts them). It is safe for
// concurrent use.
type AuditLog struct {
	mu      sync.Mutex
	events  []AuditEvent // ring buffer
	start   int
	n       int
	dropped uint64
	total   uint64
}

// NewAuditLog returns an empty log keeping at most capacity events (0 means
// DefaultAuditCapacity).
func NewAuditLog(capacity int) *AuditLog {
	if capacity <= 0 {
		capacity = DefaultAuditCapacity
	}
	return &AuditLog{events: make([]AuditEvent, capacity)}
}

// Capacity returns the number of events the log keeps.
func (l *AuditLog) Capacity() int { return len(l.events) }

// Append adds an event.
func (l *AuditLog) Append(e AuditEvent) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.total++
	if l.n < len(l.events) {
		l.events[(l.start+l.n)%len(l.events)] = e
		l.n++
		return
	}
	l.events[l.start] = e
	l.start = (l.start + 1) % len(l.events)
	l.dropped++
}

// Len returns the number of events held; Total the number ever appended;
// Dropped the number evicted.
func (l *AuditLog) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.n
}

// Total returns the number of events ever appended.
func (l *AuditLog) Total() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.total
}

// Dropped returns the number of events evicted by newer ones.
func (l *AuditLog) Dropped() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.dropped
}

// AuditQuery selects events; zero fields match everything.
type AuditQuery struct {
	Account   string
	Principal string // ARN
	// EventName matches the call ("CreateUser") or any authorization's
	// action ("iam:CreateUser").
	EventName string
	From, To  time.Time // [From, To)
	// ErrorsOnly keeps failed calls.
	ErrorsOnly bool
	Limit      int // 0: no limit
}

// Query returns the matching events, oldest first.
func (l *AuditLog) Query(q AuditQuery) []AuditEvent {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []AuditEvent
	for i := 0; i < l.n; i++ {
		e := &l.events[(l.start+i)%len(l.events)]
		if !q.match(e) {
			continue
		}
		out = append(out, *e)
		if q.Limit > 0 && len(out) == q.Limit {
			break
		}
	}
	return out
}

func (q *AuditQuery) match(e *AuditEvent) bool {
	switch {
	case q.Account != "" && e.Account != q.Account:
		return false
	case q.Principal != "" && e.Principal != q.Principal:
		return false
	case !q.From.IsZero() && e.Time.Before(q.From):
		return false
	case !q.To.IsZero() && !e.Time.Before(q.To):
		return false
	case q.ErrorsOnly && e.ErrorCode == "":
		return false
	}
	if q.EventName != "" && e.EventName != q.EventName {
		found := false
		for _, d := range e.Decisions {
			if d.Action == q.EventName {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// record adds a decision to the call it belongs to (the HTTP call whose
// Environment the caller carries), or records it as an event of its own for
// a library call.
func (c *Cloud) record(caller *authz.Principal, ch authz.Check, exp *authz.Explanation) {
	d := AuditDecision{
		Action:      ch.Action,
		Resource:    ch.Resource,
		Decision:    exp.Decision,
		DecidedBy:   exp.DecidedBy,
		Explanation: exp.String(),
		Message:     exp.Message(),
	}
	if caller.Environment != nil {
		if v, ok := c.calls.Load(caller.Environment); ok {
			ev := v.(*callRecord)
			ev.mu.Lock()
			ev.event.Decisions = append(ev.event.Decisions, d)
			ev.mu.Unlock()
			return
		}
	}
	ev := AuditEvent{
		Time:        c.now(),
		EventName:   ch.Action,
		Principal:   principalName(caller),
		Account:     caller.Account,
		AccessKeyID: caller.AccessKeyID,
		Decisions:   []AuditDecision{d},
	}
	if exp.Decision != authz.Allowed {
		ev.ErrorCode, ev.ErrorMessage = "AccessDenied", d.Message
	}
	c.audit.Append(ev)
}

// callRecord is an HTTP call's event while it is being served.
type callRecord struct {
	mu    sync.Mutex
	event AuditEvent
}

func principalName(p *authz.Principal) string {
	switch {
	case p.ARN != "":
		return p.ARN
	case p.Service != "":
		return p.Service
	case p.Provider != "":
		return p.Provider
	}
	return string(p.Type)
}
