package authz

import (
	"bytes"
	"encoding/json"
	"slices"
	"sort"
	"strings"
)

// The two policy language versions AWS knows. Policy variables are
// substituted only in Version2012 documents; in older or versionless
// documents "${aws:username}" is plain text.
const (
	Version2012 = "2012-10-17"
	Version2008 = "2008-10-17"
)

// Policy is a parsed, validated and compiled policy document. It is
// immutable and safe to share between goroutines; build one with [Parse].
//
// The exported fields are the document's model: single values and lists
// are both held as lists, a Statement object as a one-element list and
// conditions sorted by operator then key, so that Parse(p.MarshalJSON())
// equals p.
type Policy struct {
	Version    string // "2012-10-17", "2008-10-17" or "" when absent
	ID         string // the optional Id element
	Statements []Statement

	kind  Kind
	stmts []*cstmt // compiled statements, parallel to Statements
}

// Statement is one statement of a policy.
type Statement struct {
	Sid          string
	Effect       Effect
	Principal    *Principals // nil when the element is absent
	NotPrincipal *Principals
	Action       []string // nil when the element is absent
	NotAction    []string
	Resource     []string
	NotResource  []string
	Conditions   []Condition // sorted by Operator, then Key
}

// Principals is the value of a Principal or NotPrincipal element.
type Principals struct {
	All           bool     // the "*" form (equivalent to {"AWS": "*"})
	AWS           []string // account ids, ARNs of accounts, users, roles, sessions, or "*"
	Service       []string // service principals, e.g. "ec2.amazonaws.com"
	Federated     []string // identity providers, e.g. "cognito-identity.amazonaws.com" or a saml-provider ARN
	CanonicalUser []string // Amazon S3 canonical user ids
}

// Condition is one operator/key pair of a Condition element with its
// values. Values of any JSON scalar type are held as their text.
type Condition struct {
	Operator string // as written, e.g. "ForAnyValue:StringLikeIfExists"
	Key      string // as written, e.g. "aws:PrincipalTag/team"
	Values   []string
}

// Kind returns the kind the policy was parsed as.
func (p *Policy) Kind() Kind { return p.kind }

// Equal reports whether p and q hold the same document of the same kind.
// It lets cmp.Diff compare policies.
func (p *Policy) Equal(q *Policy) bool {
	if p == nil || q == nil {
		return p == q
	}
	return p.kind == q.kind && p.Version == q.Version && p.ID == q.ID &&
		slices.EqualFunc(p.Statements, q.Statements, Statement.equal)
}

func (s Statement) equal(t Statement) bool {
	return s.Sid == t.Sid && s.Effect == t.Effect &&
		s.Principal.equal(t.Principal) && s.NotPrincipal.equal(t.NotPrincipal) &&
		eqList(s.Action, t.Action) && eqList(s.NotAction, t.NotAction) &&
		eqList(s.Resource, t.Resource) && eqList(s.NotResource, t.NotResource) &&
		slices.EqualFunc(s.Conditions, t.Conditions, func(a, b Condition) bool {
			return a.Operator == b.Operator && a.Key == b.Key && slices.Equal(a.Values, b.Values)
		})
}

func (p *Principals) equal(q *Principals) bool {
	if p == nil || q == nil {
		return p == q
	}
	return p.All == q.All && slices.Equal(p.AWS, q.AWS) && slices.Equal(p.Service, q.Service) &&
		slices.Equal(p.Federated, q.Federated) && slices.Equal(p.CanonicalUser, q.CanonicalUser)
}

// eqList tells apart an absent element (nil) from a present one.
func eqList(a, b []string) bool { return (a == nil) == (b == nil) && slices.Equal(a, b) }

// MarshalJSON renders the policy as a JSON policy document: Version, Id
// and Statement in that order, a one-element list as a plain string.
func (p *Policy) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	field := func(name string) {
		if !first {
			b.WriteByte(',')
		}
		first = false
		writeJSONString(&b, name)
		b.WriteByte(':')
	}
	if p.Version != "" {
		field("Version")
		writeJSONString(&b, p.Version)
	}
	if p.ID != "" {
		field("Id")
		writeJSONString(&b, p.ID)
	}
	field("Statement")
	b.WriteByte('[')
	for i, s := range p.Statements {
		if i > 0 {
			b.WriteByte(',')
		}
		s.marshal(&b)
	}
	b.WriteString("]}")
	return b.Bytes(), nil
}

// String returns the policy's JSON document.
func (p *Policy) String() string {
	b, _ := p.MarshalJSON()
	return string(b)
}

func (s *Statement) marshal(b *bytes.Buffer) {
	b.WriteByte('{')
	first := true
	field := func(name string) {
		if !first {
			b.WriteByte(',')
		}
		first = false
		writeJSONString(b, name)
		b.WriteByte(':')
	}
	if s.Sid != "" {
		field("Sid")
		writeJSONString(b, s.Sid)
	}
	field("Effect")
	writeJSONString(b, string(s.Effect))
	if s.Principal != nil {
		field("Principal")
		s.Principal.marshal(b)
	}
	if s.NotPrincipal != nil {
		field("NotPrincipal")
		s.NotPrincipal.marshal(b)
	}
	for _, e := range []struct {
		name string
		list []string
	}{{"Action", s.Action}, {"NotAction", s.NotAction}, {"Resource", s.Resource}, {"NotResource", s.NotResource}} {
		if e.list != nil {
			field(e.name)
			writeStringOrList(b, e.list)
		}
	}
	if len(s.Conditions) > 0 {
		field("Condition")
		b.WriteByte('{')
		for i := 0; i < len(s.Conditions); {
			op := s.Conditions[i].Operator
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, op)
			b.WriteString(":{")
			j := i
			for ; j < len(s.Conditions) && s.Conditions[j].Operator == op; j++ {
				if j > i {
					b.WriteByte(',')
				}
				writeJSONString(b, s.Conditions[j].Key)
				b.WriteByte(':')
				writeStringOrList(b, s.Conditions[j].Values)
			}
			i = j
			b.WriteByte('}')
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
}

func (p *Principals) marshal(b *bytes.Buffer) {
	if p.All {
		writeJSONString(b, "*")
		return
	}
	b.WriteByte('{')
	first := true
	for _, e := range []struct {
		name string
		list []string
	}{{"AWS", p.AWS}, {"CanonicalUser", p.CanonicalUser}, {"Federated", p.Federated}, {"Service", p.Service}} {
		if len(e.list) == 0 {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		writeJSONString(b, e.name)
		b.WriteByte(':')
		writeStringOrList(b, e.list)
	}
	b.WriteByte('}')
}

func writeStringOrList(b *bytes.Buffer, list []string) {
	if len(list) == 1 {
		writeJSONString(b, list[0])
		return
	}
	b.WriteByte('[')
	for i, v := range list {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(b, v)
	}
	b.WriteByte(']')
}

func writeJSONString(b *bytes.Buffer, s string) {
	// Policy documents keep <, > and & as they are, and U+2028 and U+2029
	// too: encoding/json would write each as six characters where the
	// document had one (which IAM does not even count, being white space),
	// and the marshalled policy could outgrow the size quota the parsed one
	// met.
	var tmp bytes.Buffer
	enc := json.NewEncoder(&tmp)
	enc.SetEscapeHTML(false)
	b.WriteByte('"')
	for s != "" {
		i := strings.IndexAny(s, "\u2028\u2029")
		if i < 0 {
			i = len(s)
		}
		if i > 0 {
			tmp.Reset()
			_ = enc.Encode(s[:i])                 // a string always encodes
			b.Write(tmp.Bytes()[1 : tmp.Len()-2]) // without its quotes and Encode's newline
		}
		if i == len(s) {
			break
		}
		b.WriteString(s[i : i+3]) // the separator, three bytes in UTF-8
		s = s[i+3:]
	}
	b.WriteByte('"')
}

// sortConditions puts conditions in their canonical order.
func sortConditions(cs []Condition) {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Operator != cs[j].Operator {
			return cs[i].Operator < cs[j].Operator
		}
		return strings.Compare(cs[i].Key, cs[j].Key) < 0
	})
}
