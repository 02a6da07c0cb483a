package org

import (
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// The policy types this package models, by index.
const numTypes = 2

var modeledTypes = [numTypes]PolicyType{PolicyTypeServiceControlPolicy, PolicyTypeResourceControlPolicy}

func typeIndex(t PolicyType) (int, bool) {
	switch t {
	case PolicyTypeServiceControlPolicy:
		return 0, true
	case PolicyTypeResourceControlPolicy:
		return 1, true
	}
	return 0, false
}

func kindOf(ti int) authz.Kind {
	if ti == 0 {
		return authz.SCP
	}
	return authz.RCP
}

// policy is an Organizations policy: AWS managed (shared by every
// organization) or customer managed (owned by one).
type policy struct {
	id, name, description string
	typ                   PolicyType
	ti                    int
	managed               bool
	content               string
	doc                   *authz.Policy
	seq                   uint64
	tags                  map[string]string
}

func (p *policy) arn(partition, mgmt, orgID string) string {
	seg := strings.ToLower(string(p.typ))
	if p.managed {
		return "arn:" + partition + ":organizations::aws:policy/" + seg + "/" + p.id
	}
	return "arn:" + partition + ":organizations::" + mgmt + ":policy/" + orgID + "/" + seg + "/" + p.id
}

func (o *Organization) policyARNLocked(g *orgState, p *policy) string {
	return p.arn(o.partition, g.mgmt.id, g.id)
}

func (o *Organization) summary(g *orgState, p *policy) PolicySummary {
	return PolicySummary{
		Arn:         o.policyARNLocked(g, p),
		AwsManaged:  p.managed,
		Description: p.description,
		Id:          p.id,
		Name:        p.name,
		Type:        p.typ,
	}
}

func (o *Organization) installManagedPolicies() {
	for _, m := range []struct {
		id, name, desc string
		typ            PolicyType
		content        string
	}{
		{FullAWSAccessID, "FullAWSAccess", "Allows access to every operation", PolicyTypeServiceControlPolicy,
			"{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}"},
		{RCPFullAWSAccessID, "RCPFullAWSAccess", "Allows access to every resource", PolicyTypeResourceControlPolicy,
			"{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": \"*\",\n      \"Action\": \"*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}"},
	} {
		ti, _ := typeIndex(m.typ)
		p := &policy{id: m.id, name: m.name, description: m.desc, typ: m.typ, ti: ti, managed: true,
			content: m.content, doc: authz.MustParse(kindOf(ti), m.content), seq: o.nextSeq()}
		o.managed[p.id] = p
		o.managedOf[ti] = p
	}
}

// parsePolicy checks a policy's size and syntax.
func parsePolicy(ti int, content string) (*authz.Policy, *Error) {
	if utf8.RuneCountInString(content) > MaxPolicySize {
		return nil, errConstraint(ConstraintViolationExceptionReasonPolicyContentLimitExceeded)
	}
	doc, err := authz.Parse(kindOf(ti), []byte(content))
	if err != nil {
		if errors.Is(err, authz.ErrPolicyTooLarge) {
			return nil, errConstraint(ConstraintViolationExceptionReasonPolicyContentLimitExceeded)
		}
		return nil, newError("MalformedPolicyDocumentException", msgMalformedPolicy)
	}
	return doc, nil
}

// policyLocked finds a policy visible to the organization.
func (o *Organization) policyLocked(g *orgState, id string) *policy {
	if p := o.managed[id]; p != nil {
		return p
	}
	return g.policies[id]
}

// targetLocked finds a root, OU or member account of the organization.
func (g *orgState) targetLocked(o *Organization, id string) (*target, PolicyTargetSummary, bool) {
	switch {
	case id == g.root.id:
		return &g.root.target, PolicyTargetSummary{Arn: o.rootARN(g), Name: g.root.name, TargetId: id, Type: TargetTypeRoot}, true
	case strings.HasPrefix(id, "ou-"):
		if c := g.ous[id]; c != nil {
			return &c.target, PolicyTargetSummary{Arn: o.ouARN(g, c.id), Name: c.name, TargetId: id, Type: TargetTypeOrganizationalUnit}, true
		}
	default:
		if a := o.accounts[id]; a != nil && a.org == g {
			return &a.target, PolicyTargetSummary{Arn: o.accountARN(g, id), Name: a.name, TargetId: id, Type: TargetTypeAccount}, true
		}
	}
	return nil, PolicyTargetSummary{}, false
}

func (o *Organization) attachLocked(g *orgState, tid string, t *target, p *policy) {
	t.attached[p.ti] = append(t.attached[p.ti], p)
	m := g.attachments[p.id]
	if m == nil {
		m = make(map[string]uint64)
		g.attachments[p.id] = m
	}
	m[tid] = o.nextSeq()
	g.changed()
}

func (o *Organization) detachLocked(g *orgState, tid string, t *target, p *policy) {
	t.attached[p.ti] = slices.DeleteFunc(t.attached[p.ti], func(q *policy) bool { return q == p })
	if m := g.attachments[p.id]; m != nil {
		delete(m, tid)
		if len(m) == 0 {
			delete(g.attachments, p.id)
		}
	}
	g.changed()
}

// detachAllLocked detaches every policy from a target that is leaving.
func (o *Organization) detachAllLocked(g *orgState, tid string, t *target) {
	for ti := range t.attached {
		for _, p := range slices.Clone(t.attached[ti]) {
			o.detachLocked(g, tid, t, p)
		}
	}
}

// joinPoliciesLocked attaches the AWS managed policy of every enabled type
// to a new target, as AWS does for new OUs and accounts.
func (o *Organization) joinPoliciesLocked(g *orgState, tid string, t *target) {
	for ti := range numTypes {
		if g.enabled[ti] {
			o.attachLocked(g, tid, t, o.managedOf[ti])
		}
	}
}

func (o *Organization) rootLocked(g *orgState) Root {
	r := Root{Arn: o.rootARN(g), Id: g.root.id, Name: g.root.name}
	for _, ti := range g.enabledOrder() {
		r.PolicyTypes = append(r.PolicyTypes, PolicyTypeSummary{Status: PolicyTypeStatusEnabled, Type: modeledTypes[ti]})
	}
	return r
}

func (g *orgState) enabledOrder() []int {
	var out []int
	for ti := range numTypes {
		if g.enabled[ti] {
			out = append(out, ti)
		}
	}
	slices.SortFunc(out, func(a, b int) int { return cmpSeq(g.enabledSeq[a], g.enabledSeq[b]) })
	return out
}

// EnablePolicyTypeInput is the input of EnablePolicyType.
type EnablePolicyTypeInput struct {
	PolicyType PolicyType `json:"PolicyType"`
	RootId     string     `json:"RootId"`
}

// EnablePolicyTypeOutput is the output of EnablePolicyType.
type EnablePolicyTypeOutput struct {
	Root Root `json:"Root"`
}

// EnablePolicyType enables SCPs or RCPs in the root and attaches the AWS
// managed policy of the type (FullAWSAccess, RCPFullAWSAccess) to the root,
// every OU and every account, so that nothing changes until other policies
// are attached. Only the management account of an organization with all
// features may call it.
func (o *Organization) EnablePolicyType(caller *authz.Principal, in EnablePolicyTypeInput) (EnablePolicyTypeOutput, error) {
	if err := validRootID(in.RootId); err != nil {
		return EnablePolicyTypeOutput{}, err
	}
	if err := validPolicyType(in.PolicyType); err != nil {
		return EnablePolicyTypeOutput{}, err
	}
	return inOrg(o, caller, ruleManagement, func(c *call) error {
		return c.authorize("EnablePolicyType", policyTypeCondition(in.PolicyType), c.rootARN(in.RootId))
	}, func(_ *call, g *orgState) (EnablePolicyTypeOutput, error) {
		if in.RootId != g.root.id {
			return EnablePolicyTypeOutput{}, newError("RootNotFoundException", msgRootNotFound)
		}
		if g.featureSet != OrganizationFeatureSetAll {
			return EnablePolicyTypeOutput{}, newError("PolicyTypeNotAvailableForOrganizationException", msgTypeNotAvailable)
		}
		ti, _ := typeIndex(in.PolicyType)
		if g.enabled[ti] {
			return EnablePolicyTypeOutput{}, newError("PolicyTypeAlreadyEnabledException", msgTypeEnabled)
		}
		g.enabled[ti] = true
		g.enabledSeq[ti] = o.nextSeq()
		full := o.managedOf[ti]
		o.attachLocked(g, g.root.id, &g.root.target, full)
		for _, id := range g.ouOrder() {
			o.attachLocked(g, id, &g.ous[id].target, full)
		}
		for _, a := range g.members {
			o.attachLocked(g, a.id, &a.target, full)
		}
		return EnablePolicyTypeOutput{Root: o.rootLocked(g)}, nil
	})
}

func (g *orgState) ouOrder() []string {
	ids := make([]string, 0, len(g.ous))
	for id := range g.ous {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return cmpSeq(g.ous[a].seq, g.ous[b].seq) })
	return ids
}

func cmpSeq(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// DisablePolicyTypeInput is the input of DisablePolicyType.
type DisablePolicyTypeInput struct {
	PolicyType PolicyType `json:"PolicyType"`
	RootId     string     `json:"RootId"`
}

// DisablePolicyTypeOutput is the output of DisablePolicyType.
type DisablePolicyTypeOutput struct {
	Root Root `json:"Root"`
}

// DisablePolicyType disables a policy type in the root and detaches every
// policy of the type from every target. The policies themselves remain.
func (o *Organization) DisablePolicyType(caller *authz.Principal, in DisablePolicyTypeInput) (DisablePolicyTypeOutput, error) {
	if err := validRootID(in.RootId); err != nil {
		return DisablePolicyTypeOutput{}, err
	}
	if err := validPolicyType(in.PolicyType); err != nil {
		return DisablePolicyTypeOutput{}, err
	}
	return inOrg(o, caller, ruleManagement, func(c *call) error {
		return c.authorize("DisablePolicyType", policyTypeCondition(in.PolicyType), c.rootARN(in.RootId))
	}, func(_ *call, g *orgState) (DisablePolicyTypeOutput, error) {
		if in.RootId != g.root.id {
			return DisablePolicyTypeOutput{}, newError("RootNotFoundException", msgRootNotFound)
		}
		ti, _ := typeIndex(in.PolicyType)
		if !g.enabled[ti] {
			return DisablePolicyTypeOutput{}, newError("PolicyTypeNotEnabledException", msgTypeNotEnabled)
		}
		g.enabled[ti] = false
		detach := func(id string, t *target) {
			for _, p := range slices.Clone(t.attached[ti]) {
				o.detachLocked(g, id, t, p)
			}
		}
		detach(g.root.id, &g.root.target)
		for id, ou := range g.ous {
			detach(id, &ou.target)
		}
		for _, a := range g.members {
			detach(a.id, &a.target)
		}
		return DisablePolicyTypeOutput{Root: o.rootLocked(g)}, nil
	})
}

// CreatePolicyInput is the input of CreatePolicy.
type CreatePolicyInput struct {
	Content     string     `json:"Content"`
	Description string     `json:"Description"`
	Name        string     `json:"Name"`
	Tags        []Tag      `json:"Tags,omitempty"`
	Type        PolicyType `json:"Type"`
}

// CreatePolicyOutput is the output of CreatePolicy.
type CreatePolicyOutput struct {
	Policy Policy `json:"Policy"`
}

// CreatePolicy creates a customer managed SCP or RCP. The content must be a
// valid document of the type (authz.Parse with authz.SCP or authz.RCP;
// MalformedPolicyDocumentException otherwise) of at most 5,120 characters
// (ConstraintViolationException POLICY_CONTENT_LIMIT_EXCEEDED). Policies
// can be created before their type is enabled, but not in an organization
// with consolidated billing only.
func (o *Organization) CreatePolicy(caller *authz.Principal, in CreatePolicyInput) (CreatePolicyOutput, error) {
	if err := validPolicyType(in.Type); err != nil {
		return CreatePolicyOutput{}, err
	}
	if err := validLength(in.Name, 1, 128); err != nil {
		return CreatePolicyOutput{}, err
	}
	if err := validLength(in.Description, 0, 512); err != nil {
		return CreatePolicyOutput{}, err
	}
	if err := required(in.Content); err != nil {
		return CreatePolicyOutput{}, err
	}
	if err := validNewTags(in.Tags); err != nil {
		return CreatePolicyOutput{}, err
	}
	c, err := o.start(caller)
	if err != nil {
		return CreatePolicyOutput{}, err
	}
	if err := c.authorize("CreatePolicy", requestTags(policyTypeCondition(in.Type), in.Tags)); err != nil {
		return CreatePolicyOutput{}, err
	}
	ti, _ := typeIndex(in.Type)
	doc, perr := parsePolicy(ti, in.Content)
	o.mu.Lock()
	defer o.mu.Unlock()
	g, _, err := o.ruleLocked(c.acct, ruleManagement)
	if err != nil {
		return CreatePolicyOutput{}, err
	}
	if g.featureSet != OrganizationFeatureSetAll {
		return CreatePolicyOutput{}, newError("PolicyTypeNotAvailableForOrganizationException", msgTypeNotAvailable)
	}
	if perr != nil {
		return CreatePolicyOutput{}, perr
	}
	if o.policyNameTaken(g, in.Type, in.Name, "") {
		return CreatePolicyOutput{}, newError("DuplicatePolicyException", msgDuplicatePolicy)
	}
	n := 0
	for _, p := range g.policies {
		if p.ti == ti {
			n++
		}
	}
	if n >= MaxPoliciesPerType {
		return CreatePolicyOutput{}, errConstraint(ConstraintViolationExceptionReasonPolicyNumberLimitExceeded)
	}
	p := &policy{id: "p-" + o.randString(8), name: in.Name, description: in.Description, typ: in.Type, ti: ti,
		content: in.Content, doc: doc, seq: o.nextSeq(), tags: tagMap(in.Tags)}
	for o.managed[p.id] != nil || g.policies[p.id] != nil {
		p.id = "p-" + o.randString(8)
	}
	g.policies[p.id] = p
	s := o.summary(g, p)
	return CreatePolicyOutput{Policy: Policy{Content: p.content, PolicySummary: &s}}, nil
}

func (o *Organization) policyNameTaken(g *orgState, t PolicyType, name, except string) bool {
	for _, p := range o.managed {
		if p.typ == t && p.name == name {
			return true
		}
	}
	for _, p := range g.policies {
		if p.typ == t && p.name == name && p.id != except {
			return true
		}
	}
	return false
}

// UpdatePolicyInput is the input of UpdatePolicy. Empty Name and Content
// and a nil Description are left unchanged.
type UpdatePolicyInput struct {
	Content     string  `json:"Content,omitempty"`
	Description *string `json:"Description,omitempty"`
	Name        string  `json:"Name,omitempty"`
	PolicyId    string  `json:"PolicyId"`
}

// UpdatePolicyOutput is the output of UpdatePolicy.
type UpdatePolicyOutput struct {
	Policy Policy `json:"Policy"`
}

// UpdatePolicy changes a customer managed policy. AWS managed policies
// cannot be changed (InvalidInputException IMMUTABLE_POLICY). A new content
// takes effect at once for every account under a target of the policy.
func (o *Organization) UpdatePolicy(caller *authz.Principal, in UpdatePolicyInput) (UpdatePolicyOutput, error) {
	if err := validPolicyID(in.PolicyId); err != nil {
		return UpdatePolicyOutput{}, err
	}
	if in.Name != "" {
		if err := validLength(in.Name, 1, 128); err != nil {
			return UpdatePolicyOutput{}, err
		}
	}
	if in.Description != nil {
		if err := validLength(*in.Description, 0, 512); err != nil {
			return UpdatePolicyOutput{}, err
		}
	}
	return inOrg(o, caller, ruleManagement, func(c *call) error {
		return c.authorize("UpdatePolicy", o.policyContext(c, in.PolicyId), c.policyARN(in.PolicyId))
	}, func(_ *call, g *orgState) (UpdatePolicyOutput, error) {
		p := o.policyLocked(g, in.PolicyId)
		if p == nil {
			return UpdatePolicyOutput{}, newError("PolicyNotFoundException", msgPolicyNotFound)
		}
		if p.managed {
			return UpdatePolicyOutput{}, errInvalid(InvalidInputExceptionReasonImmutablePolicy)
		}
		var doc *authz.Policy
		if in.Content != "" {
			var perr *Error
			if doc, perr = parsePolicy(p.ti, in.Content); perr != nil {
				return UpdatePolicyOutput{}, perr
			}
		}
		if in.Name != "" && o.policyNameTaken(g, p.typ, in.Name, p.id) {
			return UpdatePolicyOutput{}, newError("DuplicatePolicyException", msgDuplicatePolicy)
		}
		if in.Name != "" {
			p.name = in.Name
		}
		if in.Description != nil {
			p.description = *in.Description
		}
		if doc != nil {
			p.content, p.doc = in.Content, doc
		}
		g.changed()
		s := o.summary(g, p)
		return UpdatePolicyOutput{Policy: Policy{Content: p.content, PolicySummary: &s}}, nil
	})
}

// policyContext gives the organizations:PolicyType key of an existing
// policy, or none when there is no such policy.
func (o *Organization) policyContext(c *call, id string) condition {
	o.mu.Lock()
	defer o.mu.Unlock()
	p := o.managed[id]
	if p == nil {
		if g := o.orgs[c.orgID]; g != nil {
			p = g.policies[id]
		}
	}
	if p == nil {
		return condition{}
	}
	return policyTypeCondition(p.typ)
}

// DeletePolicyInput is the input of DeletePolicy.
type DeletePolicyInput struct {
	PolicyId string `json:"PolicyId"`
}

// DeletePolicy deletes a customer managed policy that is attached to
// nothing (PolicyInUseException otherwise).
func (o *Organization) DeletePolicy(caller *authz.Principal, in DeletePolicyInput) error {
	if err := validPolicyID(in.PolicyId); err != nil {
		return err
	}
	return inOrgErr(o, caller, ruleManagement, func(c *call) error {
		return c.authorize("DeletePolicy", o.policyContext(c, in.PolicyId), c.policyARN(in.PolicyId))
	}, func(_ *call, g *orgState) error {
		p := o.policyLocked(g, in.PolicyId)
		if p == nil {
			return newError("PolicyNotFoundException", msgPolicyNotFound)
		}
		if p.managed {
			return errInvalid(InvalidInputExceptionReasonImmutablePolicy)
		}
		if len(g.attachments[p.id]) > 0 {
			return newError("PolicyInUseException", msgPolicyInUse)
		}
		delete(g.policies, p.id)
		return nil
	})
}

// DescribePolicyInput is the input of DescribePolicy.
type DescribePolicyInput struct {
	PolicyId string `json:"PolicyId"`
}

// DescribePolicyOutput is the output of DescribePolicy.
type DescribePolicyOutput struct {
	Policy Policy `json:"Policy"`
}

// DescribePolicy returns a policy with its content. The management account
// and delegated administrators may call it.
func (o *Organization) DescribePolicy(caller *authz.Principal, in DescribePolicyInput) (DescribePolicyOutput, error) {
	if err := validPolicyID(in.PolicyId); err != nil {
		return DescribePolicyOutput{}, err
	}
	return inOrg(o, caller, ruleAdmin, func(c *call) error {
		return c.authorize("DescribePolicy", o.policyContext(c, in.PolicyId), c.policyARN(in.PolicyId))
	}, func(_ *call, g *orgState) (DescribePolicyOutput, error) {
		p := o.policyLocked(g, in.PolicyId)
		if p == nil {
			return DescribePolicyOutput{}, newError("PolicyNotFoundException", msgPolicyNotFound)
		}
		s := o.summary(g, p)
		return DescribePolicyOutput{Policy: Policy{Content: p.content, PolicySummary: &s}}, nil
	})
}

// ListPoliciesInput is the input of ListPolicies.
type ListPoliciesInput struct {
	Filter     PolicyType `json:"Filter"`
	MaxResults int32      `json:"MaxResults,omitempty"`
	NextToken  string     `json:"NextToken,omitempty"`
}

// ListPoliciesOutput is the output of ListPolicies.
type ListPoliciesOutput struct {
	NextToken string          `json:"NextToken,omitempty"`
	Policies  []PolicySummary `json:"Policies"`
}

// ListPolicies lists the policies of a type: the AWS managed one first,
// then the customer managed ones in order of creation. Types this package
// does not model list no policies.
func (o *Organization) ListPolicies(caller *authz.Principal, in ListPoliciesInput) (ListPoliciesOutput, error) {
	if in.Filter == "" {
		return ListPoliciesOutput{}, errInvalid(InvalidInputExceptionReasonInputRequired)
	}
	if err := validEnum(in.Filter, in.Filter.Values()); err != nil {
		return ListPoliciesOutput{}, errInvalid(InvalidInputExceptionReasonInvalidEnumPolicyType)
	}
	p, perr := newPager("ListPolicies", string(in.Filter), in.MaxResults, in.NextToken)
	if perr != nil {
		return ListPoliciesOutput{}, perr
	}
	return inOrg(o, caller, ruleAdmin, func(c *call) error { return c.authorize("ListPolicies", policyTypeCondition(in.Filter)) }, func(_ *call, g *orgState) (ListPoliciesOutput, error) {
		ti, ok := typeIndex(in.Filter)
		if !ok {
			return ListPoliciesOutput{Policies: []PolicySummary{}}, nil
		}
		all := []*policy{o.managedOf[ti]}
		for _, q := range g.policies {
			if q.ti == ti {
				all = append(all, q)
			}
		}
		slices.SortFunc(all, func(a, b *policy) int { return cmpSeq(a.seq, b.seq) })
		items, next := page(all, func(q *policy) uint64 { return q.seq }, p)
		out := ListPoliciesOutput{NextToken: next, Policies: make([]PolicySummary, len(items))}
		for i, q := range items {
			out.Policies[i] = o.summary(g, q)
		}
		return out, nil
	})
}

// ListPoliciesForTargetInput is the input of ListPoliciesForTarget.
type ListPoliciesForTargetInput struct {
	Filter     PolicyType `json:"Filter"`
	MaxResults int32      `json:"MaxResults,omitempty"`
	NextToken  string     `json:"NextToken,omitempty"`
	TargetId   string     `json:"TargetId"`
}

// ListPoliciesForTargetOutput is the output of ListPoliciesForTarget.
type ListPoliciesForTargetOutput struct {
	NextToken string          `json:"NextToken,omitempty"`
	Policies  []PolicySummary `json:"Policies"`
}

// ListPoliciesForTarget lists the policies of a type attached directly to
// a root, OU or account, in order of attachment.
func (o *Organization) ListPoliciesForTarget(caller *authz.Principal, in ListPoliciesForTargetInput) (ListPoliciesForTargetOutput, error) {
	if err := validTargetID(in.TargetId); err != nil {
		return ListPoliciesForTargetOutput{}, err
	}
	if in.Filter == "" {
		return ListPoliciesForTargetOutput{}, errInvalid(InvalidInputExceptionReasonInputRequired)
	}
	if err := validEnum(in.Filter, in.Filter.Values()); err != nil {
		return ListPoliciesForTargetOutput{}, errInvalid(InvalidInputExceptionReasonInvalidEnumPolicyType)
	}
	p, perr := newPager("ListPoliciesForTarget", in.TargetId+"/"+string(in.Filter), in.MaxResults, in.NextToken)
	if perr != nil {
		return ListPoliciesForTargetOutput{}, perr
	}
	return inOrg(o, caller, ruleAdmin, func(c *call) error {
		return c.authorize("ListPoliciesForTarget", policyTypeCondition(in.Filter), c.entityARN(in.TargetId))
	}, func(_ *call, g *orgState) (ListPoliciesForTargetOutput, error) {
		t, _, ok := g.targetLocked(o, in.TargetId)
		if !ok {
			return ListPoliciesForTargetOutput{}, newError("TargetNotFoundException", msgTargetNotFound)
		}
		ti, ok := typeIndex(in.Filter)
		if !ok {
			return ListPoliciesForTargetOutput{Policies: []PolicySummary{}}, nil
		}
		type att struct {
			p   *policy
			seq uint64
		}
		all := make([]att, len(t.attached[ti]))
		for i, q := range t.attached[ti] {
			all[i] = att{q, g.attachments[q.id][in.TargetId]}
		}
		slices.SortFunc(all, func(a, b att) int { return cmpSeq(a.seq, b.seq) })
		items, next := page(all, func(a att) uint64 { return a.seq }, p)
		out := ListPoliciesForTargetOutput{NextToken: next, Policies: make([]PolicySummary, len(items))}
		for i, a := range items {
			out.Policies[i] = o.summary(g, a.p)
		}
		return out, nil
	})
}

// ListTargetsForPolicyInput is the input of ListTargetsForPolicy.
type ListTargetsForPolicyInput struct {
	MaxResults int32  `json:"MaxResults,omitempty"`
	NextToken  string `json:"NextToken,omitempty"`
	PolicyId   string `json:"PolicyId"`
}

// ListTargetsForPolicyOutput is the output of ListTargetsForPolicy.
type ListTargetsForPolicyOutput struct {
	NextToken string                `json:"NextToken,omitempty"`
	Targets   []PolicyTargetSummary `json:"Targets"`
}

// ListTargetsForPolicy lists the roots, OUs and accounts a policy is
// attached to, in order of attachment.
func (o *Organization) ListTargetsForPolicy(caller *authz.Principal, in ListTargetsForPolicyInput) (ListTargetsForPolicyOutput, error) {
	if err := validPolicyID(in.PolicyId); err != nil {
		return ListTargetsForPolicyOutput{}, err
	}
	p, perr := newPager("ListTargetsForPolicy", in.PolicyId, in.MaxResults, in.NextToken)
	if perr != nil {
		return ListTargetsForPolicyOutput{}, perr
	}
	return inOrg(o, caller, ruleAdmin, func(c *call) error {
		return c.authorize("ListTargetsForPolicy", o.policyContext(c, in.PolicyId), c.policyARN(in.PolicyId))
	}, func(_ *call, g *orgState) (ListTargetsForPolicyOutput, error) {
		if o.policyLocked(g, in.PolicyId) == nil {
			return ListTargetsForPolicyOutput{}, newError("PolicyNotFoundException", msgPolicyNotFound)
		}
		type att struct {
			id  string
			seq uint64
		}
		m := g.attachments[in.PolicyId]
		all := make([]att, 0, len(m))
		for id, seq := range m {
			all = append(all, att{id, seq})
		}
		slices.SortFunc(all, func(a, b att) int { return cmpSeq(a.seq, b.seq) })
		items, next := page(all, func(a att) uint64 { return a.seq }, p)
		out := ListTargetsForPolicyOutput{NextToken: next, Targets: make([]PolicyTargetSummary, 0, len(items))}
		for _, a := range items {
			if _, s, ok := g.targetLocked(o, a.id); ok {
				out.Targets = append(out.Targets, s)
			}
		}
		return out, nil
	})
}

// AttachPolicyInput is the input of AttachPolicy.
type AttachPolicyInput struct {
	PolicyId string `json:"PolicyId"`
	TargetId string `json:"TargetId"`
}

// AttachPolicy attaches a policy to a root, OU or account. The policy's
// type must be enabled (PolicyTypeNotEnabledException) and a target holds
// at most five policies of a type (ConstraintViolationException
// MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED). IAM is asked about both the
// policy and the target.
func (o *Organization) AttachPolicy(caller *authz.Principal, in AttachPolicyInput) error {
	return o.policyAndTarget(caller, "AttachPolicy", in.PolicyId, in.TargetId, func(g *orgState, pol *policy, t *target) error {
		if !g.enabled[pol.ti] {
			return newError("PolicyTypeNotEnabledException", msgTypeNotEnabled)
		}
		if slices.Contains(t.attached[pol.ti], pol) {
			return newError("DuplicatePolicyAttachmentException", msgDuplicateAttach)
		}
		if len(t.attached[pol.ti]) >= MaxAttachedPerType {
			return errConstraint(ConstraintViolationExceptionReasonMaxPolicyTypeAttachmentLimitExceeded)
		}
		o.attachLocked(g, in.TargetId, t, pol)
		return nil
	})
}

// DetachPolicyInput is the input of DetachPolicy.
type DetachPolicyInput struct {
	PolicyId string `json:"PolicyId"`
	TargetId string `json:"TargetId"`
}

// DetachPolicy detaches a policy from a root, OU or account. A target
// keeps at least one policy of each enabled type
// (ConstraintViolationException MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED):
// attach another (FullAWSAccess, say) before detaching the last.
func (o *Organization) DetachPolicy(caller *authz.Principal, in DetachPolicyInput) error {
	return o.policyAndTarget(caller, "DetachPolicy", in.PolicyId, in.TargetId, func(g *orgState, pol *policy, t *target) error {
		if !slices.Contains(t.attached[pol.ti], pol) {
			return newError("PolicyNotAttachedException", msgPolicyNotAttached)
		}
		if len(t.attached[pol.ti]) <= 1 {
			return errConstraint(ConstraintViolationExceptionReasonMinPolicyTypeAttachmentLimitExceeded)
		}
		o.detachLocked(g, in.TargetId, t, pol)
		return nil
	})
}

// policyAndTarget is what AttachPolicy and DetachPolicy share: it checks
// both ids, asks IAM about action on the policy and the target, and, from
// the management account, holding o.mu, runs f on the policy and the
// target, which must exist.
func (o *Organization) policyAndTarget(caller *authz.Principal, action, policyID, targetID string, f func(g *orgState, pol *policy, t *target) error) error {
	if err := validPolicyID(policyID); err != nil {
		return err
	}
	if err := validTargetID(targetID); err != nil {
		return err
	}
	return inOrgErr(o, caller, ruleManagement, func(c *call) error {
		return c.authorize(action, o.policyContext(c, policyID), c.policyARN(policyID), c.entityARN(targetID))
	}, func(_ *call, g *orgState) error {
		pol := o.policyLocked(g, policyID)
		if pol == nil {
			return newError("PolicyNotFoundException", msgPolicyNotFound)
		}
		t, _, ok := g.targetLocked(o, targetID)
		if !ok {
			return newError("TargetNotFoundException", msgTargetNotFound)
		}
		return f(g, pol, t)
	})
}

// SCPChain returns the SCPs that apply to an account, for
// authz.PolicySet.SCPs: one list per level, the root first, then each OU
// on the account's path, then the account itself. The chain is nil when
// the account is in no organization or SCPs are not enabled. management
// reports that the account is its organization's management account, which
// SCPs never restrict (authz.PolicySet.PrincipalInManagementAccount).
//
// Chains are cached per account and rebuilt after any change to the
// organization; the returned slice and lists are shared and must not be
// modified.
func (o *Organization) SCPChain(accountID string) (chain []*authz.PolicyList, management bool) {
	return o.chain(accountID, 0)
}

// RCPChain is SCPChain for resource control policies, for
// authz.PolicySet.RCPs of a resource in the account; management reports
// that the account is the management account, whose resources RCPs do not
// restrict (authz.PolicySet.ResourceInManagementAccount).
func (o *Organization) RCPChain(accountID string) (chain []*authz.PolicyList, management bool) {
	return o.chain(accountID, 1)
}

func (o *Organization) chain(accountID string, ti int) ([]*authz.PolicyList, bool) {
	o.lockFast()
	defer o.mu.Unlock()
	a := o.accounts[accountID]
	if a == nil || a.org == nil {
		return nil, false
	}
	g := a.org
	mgmt := g.mgmt == a
	if !g.enabled[ti] {
		return nil, mgmt
	}
	if c := &a.chains[ti]; c.org == g && c.gen == g.gen {
		return c.chain, mgmt
	}
	var ous []*container
	for c := a.parent; c != nil && !c.root; c = c.parent {
		ous = append(ous, c)
	}
	chain := make([]*authz.PolicyList, 0, len(ous)+2)
	chain = append(chain, o.listLocked(g, &g.root.target, ti))
	for i := len(ous) - 1; i >= 0; i-- {
		chain = append(chain, o.listLocked(g, &ous[i].target, ti))
	}
	chain = append(chain, o.listLocked(g, &a.target, ti))
	a.chains[ti] = cachedChain{org: g, gen: g.gen, chain: chain}
	return chain, mgmt
}

// listLocked returns the target's policies of a type as a PolicyList,
// naming each policy by its ARN (as AWS's access-denied messages do).
func (o *Organization) listLocked(g *orgState, t *target, ti int) *authz.PolicyList {
	if t.lists[ti] != nil && t.listGen[ti] == g.gen {
		return t.lists[ti]
	}
	named := make([]authz.Named, len(t.attached[ti]))
	for i, p := range t.attached[ti] {
		named[i] = authz.Named{Name: o.policyARNLocked(g, p), Policy: p.doc}
	}
	t.lists[ti] = authz.NewPolicyList(named...)
	t.listGen[ti] = g.gen
	return t.lists[ti]
}

// OrgContext returns what the global condition keys need about an
// account's organization: its id (aws:PrincipalOrgID, aws:ResourceOrgID)
// and the path of the account's parent ("o-…/r-…/ou-…/", the value of
// aws:PrincipalOrgPaths and aws:ResourceOrgPaths). ok is false when the
// account is in no organization. The paths slice is shared and must not be
// modified.
func (o *Organization) OrgContext(accountID string) (orgID string, paths []string, ok bool) {
	o.lockFast()
	defer o.mu.Unlock()
	a := o.accounts[accountID]
	if a == nil || a.org == nil {
		return "", nil, false
	}
	return a.org.id, a.parent.path, true
}
