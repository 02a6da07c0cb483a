package classic

import (
	"slices"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// finding is a published finding.
type finding struct {
	seq     uint64
	run     *run
	kind    RulesPackageKind
	agentID string
	asg     string
	rec     Finding
}

// exclusion is a published exclusion.
type exclusion struct {
	seq uint64
	run *run
	rec Exclusion
}

// publishLocked gives a run's evaluation ARNs and times: its findings (with
// the template's user attributes) and exclusions become visible, and the
// topics subscribed to FINDING_REPORTED are notified.
func (s *Service) publishLocked(sc *scope, r *run, at time.Time) {
	d := r.draft
	if d == nil {
		return
	}
	r.draft = nil
	for i := range d.findings {
		df := &d.findings[i]
		f := &finding{seq: s.nextSeqLocked(), run: r, kind: df.kind, agentID: df.agentID, asg: df.asg, rec: df.rec}
		for {
			f.rec.Arn = r.arn + "/finding/" + s.newIDLocked()
			if sc.findings[f.rec.Arn] == nil {
				break
			}
		}
		f.rec.ServiceAttributes = &InspectorServiceAttributes{SchemaVersion: schemaVersion, AssessmentRunArn: r.arn, RulesPackageArn: r.packageArn(df.kind)}
		f.rec.UserAttributes = cloneAttrs(r.userAttrs)
		f.rec.CreatedAt, f.rec.UpdatedAt = at, at
		sc.findings[f.rec.Arn] = f
		sc.findingList = append(sc.findingList, f)
		r.findings = append(r.findings, f)
		r.counts[severityIndex(f.rec.Severity)]++
		s.notifyLocked(sc, r, InspectorEventFindingReported, at, f.rec.Arn, false)
	}
	for _, p := range d.exclusions {
		e := &exclusion{seq: s.nextSeqLocked(), run: r, rec: Exclusion{Title: p.Title, Description: p.Description,
			Recommendation: p.Recommendation, Scopes: p.Scopes, Attributes: p.Attributes}}
		for {
			e.rec.Arn = r.arn + "/exclusion/" + s.newIDLocked()
			if sc.excls[e.rec.Arn] == nil {
				break
			}
		}
		sc.excls[e.rec.Arn] = e
		r.exclusions = append(r.exclusions, e)
	}
}

// findingLocked resolves a finding ARN for a batch call.
func (c *call) findingLocked(sc *scope, a string) (*finding, lookupResult) {
	r := c.classify(a, kindFinding)
	if r != lookupOK {
		return nil, r
	}
	f := sc.findings[a]
	if f == nil {
		return nil, lookupMissing
	}
	return f, lookupOK
}

// cloneFinding copies a finding for a caller.
func cloneFinding(f *Finding) Finding {
	out := *f
	out.Attributes = slices.Clone(f.Attributes)
	out.UserAttributes = cloneAttrs(f.UserAttributes)
	if f.ServiceAttributes != nil {
		sa := *f.ServiceAttributes
		out.ServiceAttributes = &sa
	}
	if f.AssetAttributes != nil {
		a := *f.AssetAttributes
		a.Ipv4Addresses = slices.Clone(a.Ipv4Addresses)
		a.Tags = slices.Clone(a.Tags)
		a.NetworkInterfaces = slices.Clone(a.NetworkInterfaces)
		for i := range a.NetworkInterfaces {
			ni := &a.NetworkInterfaces[i]
			ni.PrivateIPAddresses = slices.Clone(ni.PrivateIPAddresses)
			ni.Ipv6Addresses = slices.Clone(ni.Ipv6Addresses)
			ni.SecurityGroups = slices.Clone(ni.SecurityGroups)
		}
		out.AssetAttributes = &a
	}
	return out
}

// ListFindings lists the ARNs of the findings of up to 50 runs (all runs
// when none are given), filtered: every given field of the filter must
// match, a list when any of its values does; attributes and user
// attributes match when the finding has every one given. Findings appear
// when their run completes; they are listed in the order they were
// published. maxResults defaults to 10, at most 500.
func (s *Service) ListFindings(caller *authz.Principal, region string, in *ListFindingsInput) (*ListFindingsOutput, error) {
	c, err := s.begin(caller, region, "ListFindings", AccessDeniedErrorCodeAccessDeniedToFinding)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &ListFindingsInput{}
	}
	if len(in.AssessmentRunArns) > 50 {
		return nil, errInvalid(InvalidInputErrorCodeInvalidNumberOfAssessmentRunArns, "The number of assessment run ARNs must be at most 50.")
	}
	for _, a := range in.AssessmentRunArns {
		if r := c.classify(a, kindRun); r == lookupInvalid {
			return nil, c.arnError(a, kindRun, r)
		}
	}
	p, err := newPager("ListFindings", in.MaxResults, defaultMaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	f := in.Filter
	if f == nil {
		f = &FindingFilter{}
	}
	if err := checkFindingFilter(f); err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	var runs map[*run]bool
	if len(in.AssessmentRunArns) > 0 {
		runs = map[*run]bool{}
		for _, a := range in.AssessmentRunArns {
			r, err := c.runLocked(sc, a)
			if err != nil {
				return nil, err
			}
			runs[r] = true
		}
	}
	page, next := collect(p, sc.findingList, func(x *finding) uint64 { return x.seq }, func(x *finding) bool {
		return (runs == nil || runs[x.run]) && matchFinding(f, x)
	})
	out := &ListFindingsOutput{FindingArns: make([]string, len(page)), NextToken: next}
	for i, x := range page {
		out.FindingArns[i] = x.rec.Arn
	}
	return out, nil
}

func checkFindingFilter(f *FindingFilter) error {
	if len(f.AgentIDs) > 99 {
		return errInvalid(InvalidInputErrorCodeInvalidNumberOfAgentIds, "The number of agent ids must be at most 99.")
	}
	for _, a := range f.AgentIDs {
		if n := strLen(a); n < 1 || n > 128 {
			return errInvalid(InvalidInputErrorCodeInvalidAgentId, "The agent id %q is not valid.", a)
		}
	}
	if len(f.AutoScalingGroups) > 20 {
		return errInvalid(InvalidInputErrorCodeInvalidNumberOfAutoScalingGroups, "The number of Auto Scaling groups must be at most 20.")
	}
	for _, a := range f.AutoScalingGroups {
		if n := strLen(a); n < 1 || n > 256 {
			return errInvalid(InvalidInputErrorCodeInvalidAutoScalingGroup, "The Auto Scaling group %q is not valid.", a)
		}
	}
	if len(f.RuleNames) > 50 {
		return errInvalid(InvalidInputErrorCodeInvalidNumberOfRuleNames, "The number of rule names must be at most 50.")
	}
	for _, a := range f.RuleNames {
		if strLen(a) > 1000 {
			return errInvalid(InvalidInputErrorCodeInvalidRuleName, "A rule name must be at most 1000 characters long.")
		}
	}
	if len(f.Severities) > 50 {
		return errInvalid(InvalidInputErrorCodeInvalidNumberOfSeverities, "The number of severities must be at most 50.")
	}
	for _, sev := range f.Severities {
		if !slices.Contains(sev.Values(), sev) {
			return errInvalid(InvalidInputErrorCodeInvalidSeverity, "The severity %q is not valid.", sev)
		}
	}
	if err := checkRulesPackageFilter(f.RulesPackageArns); err != nil {
		return err
	}
	if err := checkAttributes(f.Attributes, 50, false, InvalidInputErrorCodeInvalidNumberOfAttributes,
		InvalidInputErrorCodeInvalidAttribute, InvalidInputErrorCodeInvalidAttribute, InvalidInputErrorCodeInvalidAttribute); err != nil {
		return err
	}
	return checkAttributes(f.UserAttributes, 50, false, InvalidInputErrorCodeInvalidNumberOfUserAttributes,
		InvalidInputErrorCodeInvalidUserAttribute, InvalidInputErrorCodeInvalidUserAttribute, InvalidInputErrorCodeInvalidUserAttribute)
}

func matchFinding(f *FindingFilter, x *finding) bool {
	if len(f.AgentIDs) > 0 && !slices.Contains(f.AgentIDs, x.agentID) {
		return false
	}
	if len(f.AutoScalingGroups) > 0 && !slices.Contains(f.AutoScalingGroups, x.asg) {
		return false
	}
	if len(f.RuleNames) > 0 && !slices.Contains(f.RuleNames, x.rec.ID) {
		return false
	}
	if len(f.Severities) > 0 && !slices.Contains(f.Severities, x.rec.Severity) {
		return false
	}
	if len(f.RulesPackageArns) > 0 && !slices.Contains(f.RulesPackageArns, x.rec.ServiceAttributes.RulesPackageArn) {
		return false
	}
	for _, a := range f.Attributes {
		if !slices.Contains(x.rec.Attributes, a) {
			return false
		}
	}
	for _, a := range f.UserAttributes {
		if !slices.Contains(x.rec.UserAttributes, a) {
			return false
		}
	}
	return inTime(f.CreationTimeRange, x.rec.CreatedAt)
}

// DescribeFindings describes 1 to 10 findings.
func (s *Service) DescribeFindings(caller *authz.Principal, region string, in *DescribeFindingsInput) (*DescribeFindingsOutput, error) {
	c, err := s.begin(caller, region, "DescribeFindings", AccessDeniedErrorCodeAccessDeniedToFinding)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &DescribeFindingsInput{}
	}
	if err := checkBatch(in.FindingArns, 10, InvalidInputErrorCodeInvalidNumberOfFindingArns, "finding"); err != nil {
		return nil, err
	}
	if err := checkLocale(in.Locale); err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	out := &DescribeFindingsOutput{Findings: []Finding{}, FailedItems: map[string]FailedItemDetails{}}
	seen := map[string]bool{}
	for _, a := range in.FindingArns {
		if seen[a] {
			continue
		}
		seen[a] = true
		f, r := c.findingLocked(sc, a)
		if r != lookupOK {
			out.FailedItems[a] = failedItem(r)
			continue
		}
		out.Findings = append(out.Findings, cloneFinding(&f.rec))
	}
	return out, nil
}

// AddAttributesToFindings sets user attributes on 1 to 10 findings: an
// attribute replaces the finding's attribute of the same key. A finding
// that would get more than 10 user attributes is a failed item
// (LIMIT_EXCEEDED) and keeps its attributes.
func (s *Service) AddAttributesToFindings(caller *authz.Principal, region string, in *AddAttributesToFindingsInput) (*AddAttributesToFindingsOutput, error) {
	c, err := s.begin(caller, region, "AddAttributesToFindings", AccessDeniedErrorCodeAccessDeniedToFinding)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &AddAttributesToFindingsInput{}
	}
	if err := checkBatch(in.FindingArns, 10, InvalidInputErrorCodeInvalidNumberOfFindingArns, "finding"); err != nil {
		return nil, err
	}
	if err := checkAttributes(in.Attributes, 10, true, InvalidInputErrorCodeInvalidNumberOfUserAttributes,
		InvalidInputErrorCodeInvalidUserAttributeKey, InvalidInputErrorCodeInvalidUserAttributeValue, InvalidInputErrorCodeInvalidUserAttribute); err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, now := c.lock()
	defer c.unlock()
	out := &AddAttributesToFindingsOutput{FailedItems: map[string]FailedItemDetails{}}
	for _, a := range in.FindingArns {
		f, r := c.findingLocked(sc, a)
		if r != lookupOK {
			out.FailedItems[a] = failedItem(r)
			continue
		}
		attrs := slices.Clone(f.rec.UserAttributes)
		for _, na := range in.Attributes {
			if i := slices.IndexFunc(attrs, func(x Attribute) bool { return x.Key == na.Key }); i >= 0 {
				attrs[i] = na
			} else {
				attrs = append(attrs, na)
			}
		}
		if len(attrs) > 10 {
			out.FailedItems[a] = FailedItemDetails{FailureCode: FailedItemErrorCodeLimitExceeded}
			continue
		}
		f.rec.UserAttributes, f.rec.UpdatedAt = attrs, now
	}
	return out, nil
}

// RemoveAttributesFromFindings removes the user attributes of the given
// keys from 1 to 10 findings.
func (s *Service) RemoveAttributesFromFindings(caller *authz.Principal, region string, in *RemoveAttributesFromFindingsInput) (*RemoveAttributesFromFindingsOutput, error) {
	c, err := s.begin(caller, region, "RemoveAttributesFromFindings", AccessDeniedErrorCodeAccessDeniedToFinding)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &RemoveAttributesFromFindingsInput{}
	}
	if err := checkBatch(in.FindingArns, 10, InvalidInputErrorCodeInvalidNumberOfFindingArns, "finding"); err != nil {
		return nil, err
	}
	if len(in.AttributeKeys) > 10 {
		return nil, errInvalid(InvalidInputErrorCodeInvalidNumberOfUserAttributes, "The number of attribute keys must be at most 10.")
	}
	for _, k := range in.AttributeKeys {
		if n := strLen(k); n < 1 || n > 128 {
			return nil, errInvalid(InvalidInputErrorCodeInvalidUserAttributeKey, "The attribute key %q must be 1 to 128 characters long.", k)
		}
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, now := c.lock()
	defer c.unlock()
	out := &RemoveAttributesFromFindingsOutput{FailedItems: map[string]FailedItemDetails{}}
	for _, a := range in.FindingArns {
		f, r := c.findingLocked(sc, a)
		if r != lookupOK {
			out.FailedItems[a] = failedItem(r)
			continue
		}
		n := len(f.rec.UserAttributes)
		f.rec.UserAttributes = slices.DeleteFunc(slices.Clone(f.rec.UserAttributes), func(x Attribute) bool {
			return slices.Contains(in.AttributeKeys, x.Key)
		})
		if len(f.rec.UserAttributes) != n {
			f.rec.UpdatedAt = now
		}
	}
	return out, nil
}
