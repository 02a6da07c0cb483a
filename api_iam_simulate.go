package awsaccess

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn/managed"
	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

// The IAM policy simulator: SimulateCustomPolicy and
// SimulatePrincipalPolicy evaluate each action of ActionNames on each
// resource of ResourceArns ("*" when none) with authz.Explain, as the
// policy simulator does:
//
//   - SimulateCustomPolicy evaluates the documents of PolicyInputList as
//     identity-based policies, PermissionsBoundaryPolicyInputList (at most
//     one) as the permissions boundary and ResourcePolicy as the resources'
//     resource-based policy, for CallerArn (an IAM user; needed with a
//     ResourcePolicy). It applies no SCPs.
//   - SimulatePrincipalPolicy evaluates the policies of PolicySourceArn, a
//     user (its own and its groups' policies, its boundary) or a role (its
//     policies and boundary), as authn's PolicyContext gives them, plus
//     PolicyInputList; a PermissionsBoundaryPolicyInputList replaces the
//     entity's boundary. The SCPs of the entity's account apply as in a
//     real request when the account is a member of an organization, and
//     OrganizationsDecisionDetail says whether they allow the action.
//     CallerArn (default: the source user) is the simulated caller. Groups
//     are not supported: authn cannot list a group's inline policies.
//
// Only ContextEntries supply condition keys (with the principal's own keys,
// aws:username, aws:PrincipalArn, ..., that authz derives from it); keys a
// statement that applies to the action and resource needs but nobody gave
// are listed in MissingContextValues. ResourceOwner (an account ARN) owns
// the simulated resources; the caller's account otherwise.
//
// MatchedStatements names each statement that decided (all the explicit
// denies, or the allows that granted; none for an implicit deny): SourcePolicyId is "PolicyInputList.N",
// "PermissionsBoundaryPolicyInputList.1", "ResourcePolicy", or the name of
// the entity's policy, with SourcePolicyType user, group, role (inline),
// aws-managed or user-managed (managed), resource; none for the inputs, as
// the aws CLI shows them. StartPosition and EndPosition locate the statement
// in its document: the 1-based line and column just after its opening and
// closing braces, as IAM counts them. With explicit ResourceArns each result
// also carries its ResourceSpecificResults.

type simContextEntry struct {
	ContextKeyName   string
	ContextKeyValues []string
	ContextKeyType   string
}

type simInput struct {
	PolicySourceArn                    string
	PolicyInputList                    []string
	PermissionsBoundaryPolicyInputList []string
	ActionNames                        []string
	ResourceArns                       []string
	ResourcePolicy                     string
	ResourceOwner                      string
	CallerArn                          string
	ContextEntries                     []simContextEntry
	ResourceHandlingOption             string
	Marker                             string
	MaxItems                           int
}

type simPosition struct{ Line, Column int }

type simStatement struct {
	SourcePolicyId   string
	SourcePolicyType string       `json:",omitempty"`
	StartPosition    *simPosition `json:",omitempty"`
	EndPosition      *simPosition `json:",omitempty"`
}

type simOrgDetail struct{ AllowedByOrganizations bool }

type simBoundaryDetail struct{ AllowedByPermissionsBoundary bool }

type simResourceResult struct {
	EvalResourceName                  string
	EvalResourceDecision              string
	MatchedStatements                 []simStatement
	MissingContextValues              []string
	PermissionsBoundaryDecisionDetail *simBoundaryDetail `json:",omitempty"`
}

type simResult struct {
	EvalActionName                    string
	EvalResourceName                  string
	EvalDecision                      string
	MatchedStatements                 []simStatement
	MissingContextValues              []string
	OrganizationsDecisionDetail       *simOrgDetail       `json:",omitempty"`
	PermissionsBoundaryDecisionDetail *simBoundaryDetail  `json:",omitempty"`
	ResourceSpecificResults           []simResourceResult `json:",omitempty"`
}

// simSource is one simulated policy: how results name it and its document.
type simSource struct {
	id, typ, doc string
	policy       *authz.Policy
}

// simulation is everything one simulator call evaluates.
type simulation struct {
	principal       authz.Principal
	identity        []authz.Named
	boundary        []authz.Named
	resource        *authz.Policy
	scps            []*authz.PolicyList
	scpsApply       bool
	management      bool
	resourceAccount string
	ctx             *authz.Context
	sources         map[string]simSource
	// derived holds the keys authz derives from the principal, lower case.
	derived map[string]bool
}

func simInvalid(format string, args ...any) error {
	return &wire.Error{Code: "InvalidInput", Message: fmt.Sprintf(format, args...), Status: http.StatusBadRequest}
}

func iamSimulateCustomPolicy(x *iamCall) (any, error) {
	req, err := bindIAM[simInput](x)
	if err != nil {
		return nil, err
	}
	s := &simulation{sources: map[string]simSource{}}
	if err := s.addInputs(req); err != nil {
		return nil, err
	}
	if req.CallerArn != "" {
		p, err := x.simCaller(req.CallerArn)
		if err != nil {
			return nil, err
		}
		s.principal = p
	} else {
		if req.ResourcePolicy != "" {
			return nil, simInvalid("CallerArn must be specified when a ResourcePolicy is given.")
		}
		s.principal = authz.Principal{Type: authz.PrincipalUser, Account: x.acct.ID()}
	}
	return x.simulate(s, req)
}

func iamSimulatePrincipalPolicy(x *iamCall) (any, error) {
	req, err := bindIAM[simInput](x)
	if err != nil {
		return nil, err
	}
	kind, source, identity, boundary, err := x.principalPolicies(req.PolicySourceArn)
	if err != nil {
		return nil, err
	}
	s := &simulation{sources: map[string]simSource{}}
	for _, n := range identity {
		if err := x.addEntityPolicy(s, n, &s.identity); err != nil {
			return nil, err
		}
	}
	if len(req.PermissionsBoundaryPolicyInputList) == 0 {
		for _, n := range boundary {
			if err := x.addEntityPolicy(s, n, &s.boundary); err != nil {
				return nil, err
			}
		}
	}
	if err := s.addInputs(req); err != nil {
		return nil, err
	}
	s.principal = source
	if req.CallerArn != "" {
		if s.principal, err = x.simCaller(req.CallerArn); err != nil {
			return nil, err
		}
	} else if kind != "user" && req.ResourcePolicy != "" {
		return nil, simInvalid("CallerArn must be specified when a ResourcePolicy is given and PolicySourceArn is not a user.")
	}
	s.scps, s.management = x.c.org.SCPChain(x.acct.ID())
	s.scpsApply = true
	return x.simulate(s, req)
}

// principalPolicies finds the user, group or role an ARN names (with its
// path) and its policies: identity-based ones (a user's include its
// groups') named as authn names them, and its permissions boundary. A
// group is no principal: its policies are those of an unnamed user of the
// account.
func (x *iamCall) principalPolicies(a string) (kind string, source authz.Principal, identity, boundary []authz.Named, err error) {
	kind, name, found := iamEntityOf(a, x.acct.ID())
	if !found || (kind != "user" && kind != "role" && kind != "group") {
		return "", source, nil, nil, simInvalid("Invalid ARN: %s. PolicySourceArn must be the ARN of a user, group or role of the account.", a)
	}
	switch kind {
	case "user":
		u, err := x.acct.GetUser(name)
		if err != nil {
			return "", source, nil, nil, err
		}
		if u.ARN != a {
			return "", source, nil, nil, &wire.Error{Code: "NoSuchEntity", Message: "The user with name " + name + " cannot be found.", Status: http.StatusNotFound}
		}
		source = authz.Principal{Type: authz.PrincipalUser, ARN: u.ARN, Account: x.acct.ID(), UniqueID: u.UserID, UserID: u.UserID, UserName: u.UserName}
	case "role":
		r, err := x.acct.GetRole(name)
		if err != nil {
			return "", source, nil, nil, err
		}
		if r.ARN != a {
			return "", source, nil, nil, &wire.Error{Code: "NoSuchEntity", Message: "The role with name " + name + " cannot be found.", Status: http.StatusNotFound}
		}
		source = authz.Principal{Type: authz.PrincipalAssumedRole, ARN: r.ARN, RoleARN: r.ARN, Account: x.acct.ID(), UniqueID: r.RoleID, UserID: r.RoleID}
	default:
		identity, err := x.groupPolicies(name, a)
		return kind, authz.Principal{Type: authz.PrincipalUser, Account: x.acct.ID()}, identity, nil, err
	}
	rc, err := x.c.dir.PolicyContext(&source)
	if err != nil {
		return "", source, nil, nil, err
	}
	if rc.Identity != nil {
		identity = rc.Identity.Policies()
	}
	if rc.Boundary != nil {
		boundary = rc.Boundary.Policies()
	}
	return kind, source, identity, boundary, nil
}

// groupPolicies are a group's inline policies, in name order, then its
// attached managed policies, named as authn names a principal's policies
// ("inline policy NAME of group GROUP", a managed policy's ARN).
func (x *iamCall) groupPolicies(name, arn string) ([]authz.Named, error) {
	g, _, err := x.acct.GetGroup(name)
	if err != nil {
		return nil, err
	}
	if g.ARN != arn {
		return nil, &wire.Error{Code: "NoSuchEntity", Message: "The group with name " + name + " cannot be found.", Status: http.StatusNotFound}
	}
	inline, err := x.acct.ListGroupPolicies(g.GroupName)
	if err != nil {
		return nil, err
	}
	var out []authz.Named
	for _, pn := range inline {
		doc, err := x.acct.GetGroupPolicy(g.GroupName, pn)
		if err != nil {
			return nil, err
		}
		p, err := authz.Parse(authz.Identity, []byte(doc))
		if err != nil {
			return nil, err
		}
		out = append(out, authz.Named{Name: "inline policy " + pn + " of group " + g.GroupName, Policy: p})
	}
	attached, err := x.acct.ListAttachedGroupPolicies(g.GroupName)
	if err != nil {
		return nil, err
	}
	for _, ap := range attached {
		doc := ""
		if mp, found := managed.ByARN(ap.PolicyARN); found {
			doc = mp.Document
		} else {
			p, err := x.acct.GetPolicy(ap.PolicyARN)
			if err != nil {
				return nil, err
			}
			v, err := x.acct.GetPolicyVersion(ap.PolicyARN, p.DefaultVersionID)
			if err != nil {
				return nil, err
			}
			doc = v.Document
		}
		p, err := authz.Parse(authz.Identity, []byte(doc))
		if err != nil {
			return nil, err
		}
		out = append(out, authz.Named{Name: ap.PolicyARN, Policy: p})
	}
	return out, nil
}

// simCaller is the simulated caller: an IAM user, existing or not.
func (x *iamCall) simCaller(a string) (authz.Principal, error) {
	parts := strings.SplitN(a, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || !strings.HasPrefix(parts[5], "user/") || len(parts[4]) != 12 {
		return authz.Principal{}, simInvalid("Invalid CallerArn %s: it must be the ARN of an IAM user.", a)
	}
	name := parts[5][strings.LastIndexByte(parts[5], '/')+1:]
	p := authz.Principal{Type: authz.PrincipalUser, ARN: a, Account: parts[4], UserName: name}
	if parts[4] == x.acct.ID() {
		if u, err := x.acct.GetUser(name); err == nil && u.ARN == a {
			p.UniqueID, p.UserID = u.UserID, u.UserID
		}
	}
	return p, nil
}

// addInputs parses the documents of the request.
func (s *simulation) addInputs(req simInput) error {
	for i, doc := range req.PolicyInputList {
		id := "PolicyInputList." + strconv.Itoa(i+1)
		p, err := authz.Parse(authz.Identity, []byte(doc))
		if err != nil {
			return simInvalid("%s: %s", id, policyErrorMessage(err))
		}
		s.identity = append(s.identity, authz.Named{Name: id, Policy: p})
		s.sources[id] = simSource{id: id, doc: doc, policy: p}
	}
	if len(req.PermissionsBoundaryPolicyInputList) > 1 {
		return simInvalid("Only one permissions boundary policy can be simulated.")
	}
	for _, doc := range req.PermissionsBoundaryPolicyInputList {
		const id = "PermissionsBoundaryPolicyInputList.1"
		p, err := authz.Parse(authz.Boundary, []byte(doc))
		if err != nil {
			return simInvalid("%s: %s", id, policyErrorMessage(err))
		}
		s.boundary = []authz.Named{{Name: id, Policy: p}}
		s.sources[id] = simSource{id: id, doc: doc, policy: p}
	}
	if req.ResourcePolicy != "" {
		const id = "ResourcePolicy"
		p, err := authz.Parse(authz.Resource, []byte(req.ResourcePolicy))
		if err != nil {
			return simInvalid("%s: %s", id, policyErrorMessage(err))
		}
		s.resource = p
		s.sources[id] = simSource{id: id, typ: "resource", doc: req.ResourcePolicy, policy: p}
	}
	if req.ResourceOwner != "" {
		parts := strings.SplitN(req.ResourceOwner, ":", 6)
		if len(parts) != 6 || parts[0] != "arn" || len(parts[4]) != 12 {
			return simInvalid("Invalid ResourceOwner %s: it must be an account ARN such as arn:aws:iam::123456789012:root.", req.ResourceOwner)
		}
		s.resourceAccount = parts[4]
	}
	ctx, err := simContext(req.ContextEntries)
	if err != nil {
		return err
	}
	s.ctx = ctx
	return nil
}

func policyErrorMessage(err error) string {
	var ae *authz.Error
	if errors.As(err, &ae) {
		return ae.Message
	}
	return err.Error()
}

// addEntityPolicy records one of the source entity's policies, named as
// authn names them: a managed policy's ARN, or "inline policy NAME of
// KIND ENTITY".
func (x *iamCall) addEntityPolicy(s *simulation, n authz.Named, into *[]authz.Named) error {
	src := simSource{policy: n.Policy}
	switch {
	case strings.HasPrefix(n.Name, "arn:"):
		if mp, found := managed.ByARN(n.Name); found {
			src.id, src.typ, src.doc = mp.Name, "aws-managed", mp.Document
			break
		}
		p, err := x.acct.GetPolicy(n.Name)
		if err != nil {
			return err
		}
		v, err := x.acct.GetPolicyVersion(n.Name, p.DefaultVersionID)
		if err != nil {
			return err
		}
		src.id, src.typ, src.doc = p.PolicyName, "user-managed", v.Document
	case strings.HasPrefix(n.Name, "inline policy "):
		fields := strings.Fields(n.Name)
		if len(fields) != 6 || fields[3] != "of" {
			return fmt.Errorf("awsaccess: unexpected policy name %q", n.Name)
		}
		name, kind, entity := fields[2], fields[4], fields[5]
		var doc string
		var err error
		switch kind {
		case "user":
			doc, err = x.acct.GetUserPolicy(entity, name)
		case "group":
			doc, err = x.acct.GetGroupPolicy(entity, name)
		case "role":
			doc, err = x.acct.GetRolePolicy(entity, name)
		default:
			err = fmt.Errorf("awsaccess: unexpected policy name %q", n.Name)
		}
		if err != nil {
			return err
		}
		src.id, src.typ, src.doc = name, kind, doc
	default:
		return fmt.Errorf("awsaccess: unexpected policy name %q", n.Name)
	}
	*into = append(*into, n)
	s.sources[n.Name] = src
	return nil
}

// simContext builds the context of ContextEntries, checking each value
// against its type.
func simContext(entries []simContextEntry) (*authz.Context, error) {
	ctx := authz.NewContext()
	for _, e := range entries {
		if e.ContextKeyName == "" {
			return nil, simInvalid("ContextKeyName must be specified for every context entry.")
		}
		typ := e.ContextKeyType
		if typ == "" {
			typ = "string"
		}
		base, list := strings.CutSuffix(typ, "List")
		for _, v := range e.ContextKeyValues {
			if !simValueOK(base, v) {
				return nil, simInvalid("Invalid value %q for context key %s of type %s.", v, e.ContextKeyName, typ)
			}
		}
		if list {
			ctx.SetMulti(e.ContextKeyName, e.ContextKeyValues...)
			continue
		}
		if len(e.ContextKeyValues) != 1 {
			return nil, simInvalid("Context key %s of type %s takes exactly one value.", e.ContextKeyName, typ)
		}
		ctx.Set(e.ContextKeyName, e.ContextKeyValues[0])
	}
	return ctx, nil
}

func simValueOK(typ, v string) bool {
	switch typ {
	case "numeric":
		_, err := strconv.ParseFloat(v, 64)
		return err == nil
	case "boolean":
		return strings.EqualFold(v, "true") || strings.EqualFold(v, "false")
	case "ip":
		if _, err := netip.ParsePrefix(v); err == nil {
			return true
		}
		_, err := netip.ParseAddr(v)
		return err == nil
	case "binary":
		_, err := base64.StdEncoding.DecodeString(v)
		return err == nil
	case "date":
		if _, err := strconv.ParseInt(v, 10, 64); err == nil {
			return true
		}
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02"} {
			if _, err := time.Parse(layout, v); err == nil {
				return true
			}
		}
		return false
	}
	return true
}

// simulate evaluates every action on every resource and pages the results.
func (x *iamCall) simulate(s *simulation, req simInput) (any, error) {
	s.derived = derivedKeys(&s.principal)
	resources := req.ResourceArns
	explicit := len(resources) > 0
	if !explicit {
		resources = []string{"*"}
	}
	allowAll := authz.Of(authz.MustParse(authz.Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`))
	set := &authz.PolicySet{Identity: authz.NewPolicyList(s.identity...)}
	if len(s.boundary) > 0 {
		set.Boundary = authz.NewPolicyList(s.boundary...)
	}
	if s.resource != nil {
		set.Resource = authz.NewPolicyList(authz.Named{Name: "ResourcePolicy", Policy: s.resource})
	}
	orgApplies := s.scpsApply && s.scps != nil && !s.management
	if s.scpsApply {
		set.SCPs, set.PrincipalInManagementAccount = s.scps, s.management
	}
	var results []simResult
	for _, action := range req.ActionNames {
		for _, res := range resources {
			r := authz.Request{Principal: s.principal, Action: action, Resource: res, ResourceAccount: s.resourceAccount, Context: s.ctx}
			exp := authz.Explain(&r, set)
			out := simResult{
				EvalActionName:       action,
				EvalResourceName:     res,
				EvalDecision:         exp.Decision.String(),
				MatchedStatements:    s.matched(exp),
				MissingContextValues: s.missing(&r),
			}
			if orgApplies {
				ok := authz.Evaluate(&r, &authz.PolicySet{Identity: allowAll, SCPs: s.scps}) == authz.Allowed
				out.OrganizationsDecisionDetail = &simOrgDetail{AllowedByOrganizations: ok}
			}
			if set.Boundary != nil {
				ok := authz.Evaluate(&r, &authz.PolicySet{Identity: allowAll, Boundary: set.Boundary}) == authz.Allowed
				out.PermissionsBoundaryDecisionDetail = &simBoundaryDetail{AllowedByPermissionsBoundary: ok}
			}
			if explicit && res != "*" {
				out.ResourceSpecificResults = []simResourceResult{{
					EvalResourceName:                  res,
					EvalResourceDecision:              out.EvalDecision,
					MatchedStatements:                 out.MatchedStatements,
					MissingContextValues:              out.MissingContextValues,
					PermissionsBoundaryDecisionDetail: out.PermissionsBoundaryDecisionDetail,
				}}
			}
			results = append(results, out)
		}
	}
	page, p, err := paginate(results, func(r simResult) string { return r.EvalActionName + " " + r.EvalResourceName }, req.Marker, req.MaxItems)
	if err != nil {
		return nil, err
	}
	return struct {
		EvaluationResults []simResult
		iamPage
	}{page, p}, nil
}

// matched renders the statements that decided, leaving out SCPs (reported
// in OrganizationsDecisionDetail) and anything but the simulated policies.
// No statement decides an implicit deny.
func (s *simulation) matched(exp *authz.Explanation) []simStatement {
	out := []simStatement{}
	if exp.Decision == authz.ImplicitDeny {
		return out
	}
	for _, m := range exp.Matched {
		src, found := s.sources[m.Policy]
		if !found {
			continue
		}
		st := simStatement{SourcePolicyId: src.id, SourcePolicyType: src.typ}
		if start, end, ok := statementPosition(src.doc, m.Index); ok {
			st.StartPosition, st.EndPosition = &start, &end
		}
		out = append(out, st)
	}
	return out
}

// missing lists the condition keys of the statements that apply to the
// request (action, resource and principal match, conditions aside) that
// neither the context entries nor the principal supply, in the order the
// policies name them.
func (s *simulation) missing(r *authz.Request) []string {
	out := []string{}
	seen := map[string]bool{}
	check := func(p *authz.Policy, resource bool) {
		for _, st := range p.Statements {
			if len(st.Conditions) == 0 || !statementApplies(st, p, resource, r) {
				continue
			}
			for _, c := range st.Conditions {
				k := strings.ToLower(c.Key)
				if _, _, present := s.ctx.Get(c.Key); present || s.derived[k] || seen[k] {
					continue
				}
				seen[k] = true
				out = append(out, c.Key)
			}
		}
	}
	for _, n := range s.identity {
		check(n.Policy, false)
	}
	for _, n := range s.boundary {
		check(n.Policy, false)
	}
	if s.resource != nil {
		check(s.resource, true)
	}
	return out
}

// statementApplies reports whether a statement matches the request's
// action, resource and principal, its conditions aside.
func statementApplies(st authz.Statement, p *authz.Policy, resource bool, r *authz.Request) bool {
	st.Conditions = nil
	st.Effect = authz.Allow
	st.Sid = ""
	doc, err := (&authz.Policy{Version: p.Version, Statements: []authz.Statement{st}}).MarshalJSON()
	if err != nil {
		return false
	}
	kind := authz.Identity
	if resource {
		kind = authz.Resource
	}
	q, err := authz.Parse(kind, doc)
	if err != nil {
		return false
	}
	req := *r
	req.Context = authz.NewContext()
	set := &authz.PolicySet{Identity: authz.Of(q)}
	if resource {
		set = &authz.PolicySet{Identity: authz.Of(authz.MustParse(authz.Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)), Resource: authz.Of(q), RequireResourceAllow: true}
	}
	return authz.Evaluate(&req, set) == authz.Allowed
}

// derivedKeys are the condition keys authz derives from a principal when
// the context does not hold them.
func derivedKeys(p *authz.Principal) map[string]bool {
	out := map[string]bool{"aws:principalaccount": p.Account != "", "aws:principaltype": p.Type != ""}
	out["aws:principalarn"] = p.PrincipalARN() != ""
	out["aws:userid"] = p.UserID != ""
	out["aws:username"] = p.UserName != ""
	return out
}

// statementPosition locates the index-th statement of a policy document:
// the line and column (1-based, counting characters) just after its
// opening brace and just after its closing brace. Statement may be one
// object or a list of them.
func statementPosition(doc string, index int) (start, end simPosition, ok bool) {
	dec := json.NewDecoder(strings.NewReader(doc))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return start, end, false
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return start, end, false
		}
		key, _ := tok.(string)
		if key != "Statement" {
			if skipValue(dec) != nil {
				return start, end, false
			}
			continue
		}
		tok, err = dec.Token()
		if err != nil {
			return start, end, false
		}
		switch tok {
		case json.Delim('{'):
			if index != 0 {
				return start, end, false
			}
			return objectSpan(dec, doc)
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				tok, err := dec.Token()
				if err != nil {
					return start, end, false
				}
				if tok != json.Delim('{') {
					if _, isDelim := tok.(json.Delim); isDelim && skipRest(dec) != nil {
						return start, end, false
					}
					continue
				}
				if i == index {
					return objectSpan(dec, doc)
				}
				if skipRest(dec) != nil {
					return start, end, false
				}
			}
		}
		return start, end, false
	}
	return start, end, false
}

// objectSpan finishes an object whose '{' the decoder just read and
// returns the positions after its braces.
func objectSpan(dec *json.Decoder, doc string) (start, end simPosition, ok bool) {
	open := dec.InputOffset()
	if skipRest(dec) != nil {
		return start, end, false
	}
	return positionAt(doc, int(open)), positionAt(doc, int(dec.InputOffset())), true
}

// skipValue skips the next value.
func skipValue(dec *json.Decoder) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if _, isDelim := tok.(json.Delim); isDelim {
		return skipRest(dec)
	}
	return nil
}

// skipRest skips to the end of the array or object whose opening delimiter
// was just read.
func skipRest(dec *json.Decoder) error {
	depth := 1
	for depth > 0 {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

// positionAt converts a byte offset into a 1-based line and the 1-based
// column of the character at the offset (CR LF, CR and LF end lines).
func positionAt(doc string, off int) simPosition {
	line, col := 1, 1
	prevCR := false
	for i, r := range doc {
		if i >= off {
			break
		}
		switch {
		case r == '\n' && prevCR:
			prevCR = false
		case r == '\n' || r == '\r':
			line, col = line+1, 1
			prevCR = r == '\r'
		default:
			col++
			prevCR = false
		}
	}
	return simPosition{Line: line, Column: col}
}
