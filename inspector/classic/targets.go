package classic

import (
	"slices"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// resourceGroup is a set of EC2 tags. Resource groups cannot be deleted.
type resourceGroup struct {
	arn       string
	tags      []ResourceGroupTag
	createdAt time.Time
}

// target is an assessment target.
type target struct {
	seq       uint64
	arn, name string
	group     *resourceGroup // nil: every instance of the account and region
	createdAt time.Time
	updatedAt time.Time
	templates []*template // creation order
}

func (t *target) out() AssessmentTarget {
	a := AssessmentTarget{Arn: t.arn, Name: t.name, CreatedAt: t.createdAt, UpdatedAt: t.updatedAt}
	if t.group != nil {
		a.ResourceGroupArn = t.group.arn
	}
	return a
}

// groupTags returns the tags a target selects instances by; nil selects
// every instance.
func (t *target) groupTags() []ResourceGroupTag {
	if t.group == nil {
		return nil
	}
	return slices.Clone(t.group.tags)
}

// CreateResourceGroup creates a resource group of 1 to 10 tags that
// selects the EC2 instances of an assessment target: an instance belongs
// to the group when it carries any of the tags (a tag without a value
// matches every value of its key).
func (s *Service) CreateResourceGroup(caller *authz.Principal, region string, in *CreateResourceGroupInput) (*CreateResourceGroupOutput, error) {
	c, err := s.begin(caller, region, "CreateResourceGroup", AccessDeniedErrorCodeAccessDeniedToResourceGroup)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &CreateResourceGroupInput{}
	}
	tags := in.ResourceGroupTags
	if len(tags) < 1 || len(tags) > 10 {
		return nil, errInvalid(InvalidInputErrorCodeInvalidNumberOfResourceGroupTags, "A resource group must have 1 to 10 tags.")
	}
	for _, t := range tags {
		if n := strLen(t.Key); n < 1 || n > 128 {
			return nil, errInvalid(InvalidInputErrorCodeInvalidResourceGroupTagKey, "The tag key %q must be 1 to 128 characters long.", t.Key)
		}
		if strLen(t.Value) > 256 {
			return nil, errInvalid(InvalidInputErrorCodeInvalidResourceGroupTagValue, "The value of the tag %q must be at most 256 characters long.", t.Key)
		}
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, now := c.lock()
	defer c.unlock()
	if l := s.limits.ResourceGroups; l > 0 && sc.groupCount >= l {
		return nil, errLimit(LimitExceededErrorCodeResourceGroupLimitExceeded, "You can have at most %d resource groups.", l)
	}
	g := &resourceGroup{tags: slices.Clone(tags), createdAt: now}
	for {
		g.arn = sc.prefix + "resourcegroup/" + s.newIDLocked()
		if sc.groups[g.arn] == nil {
			break
		}
	}
	sc.groups[g.arn] = g
	sc.groupCount++
	return &CreateResourceGroupOutput{ResourceGroupArn: g.arn}, nil
}

// DescribeResourceGroups describes 1 to 10 resource groups; ARNs that are
// malformed, another account's or unknown are failed items.
func (s *Service) DescribeResourceGroups(caller *authz.Principal, region string, in *DescribeResourceGroupsInput) (*DescribeResourceGroupsOutput, error) {
	c, err := s.begin(caller, region, "DescribeResourceGroups", AccessDeniedErrorCodeAccessDeniedToResourceGroup)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &DescribeResourceGroupsInput{}
	}
	if err := checkBatch(in.ResourceGroupArns, 10, InvalidInputErrorCodeInvalidNumberOfResourceGroupArns, "resource group"); err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	out := &DescribeResourceGroupsOutput{ResourceGroups: []ResourceGroup{}, FailedItems: map[string]FailedItemDetails{}}
	seen := map[string]bool{}
	for _, a := range in.ResourceGroupArns {
		if seen[a] {
			continue
		}
		seen[a] = true
		r := c.classify(a, kindResourceGroup)
		g := sc.groups[a]
		if r == lookupOK && g == nil {
			r = lookupMissing
		}
		if r != lookupOK {
			out.FailedItems[a] = failedItem(r)
			continue
		}
		out.ResourceGroups = append(out.ResourceGroups, ResourceGroup{Arn: g.arn, Tags: slices.Clone(g.tags), CreatedAt: g.createdAt})
	}
	return out, nil
}

// resourceGroupLocked resolves an optional resource group ARN.
func (c *call) resourceGroupLocked(sc *scope, a string) (*resourceGroup, error) {
	if a == "" {
		return nil, nil
	}
	r := c.classify(a, kindResourceGroup)
	if r != lookupOK {
		return nil, c.arnError(a, kindResourceGroup, r)
	}
	g := sc.groups[a]
	if g == nil {
		return nil, c.arnError(a, kindResourceGroup, lookupMissing)
	}
	return g, nil
}

// targetLocked resolves an assessment target ARN.
func (c *call) targetLocked(sc *scope, a string) (*target, error) {
	r := c.classify(a, kindTarget)
	if r != lookupOK {
		return nil, c.arnError(a, kindTarget, r)
	}
	t := sc.targets[a]
	if t == nil {
		return nil, c.arnError(a, kindTarget, lookupMissing)
	}
	return t, nil
}

// slrCheck is the IAM check for creating the service-linked role.
func (s *Service) slrCheck(account string) authz.Check {
	return authz.Check{
		Action:   "iam:CreateServiceLinkedRole",
		Resource: "arn:" + s.partition + ":iam::" + account + ":role/aws-service-role/" + ServicePrincipal + "/" + ServiceLinkedRoleName,
		Context:  authz.NewContext().Set("iam:AWSServiceName", ServicePrincipal),
	}
}

// ensureSLR creates the service-linked role of the caller's account if it
// does not exist yet: the caller must be allowed iam:CreateServiceLinkedRole
// too. It must be called without the lock.
func (c *call) ensureSLR(extra ...authz.Check) error {
	c.s.mu.Lock()
	_, exists := c.s.slr[c.account]
	c.s.mu.Unlock()
	if exists {
		return c.authorize(extra...)
	}
	if err := c.authorize(append(extra, c.s.slrCheck(c.account))...); err != nil {
		return err
	}
	if c.s.identities != nil {
		if err := c.s.identities.CreateServiceLinkedRole(c.account, ServicePrincipal); err != nil {
			return errUnavailable(err, "Amazon Inspector could not create the service-linked role %s.", ServiceLinkedRoleName)
		}
	}
	c.s.mu.Lock()
	if _, ok := c.s.slr[c.account]; !ok {
		c.s.slr[c.account] = c.s.now()
	}
	c.s.mu.Unlock()
	return nil
}

// CreateAssessmentTarget creates an assessment target of the instances of
// a resource group, or of every instance of the account and region when
// no resource group is given. The name must be unique in the account and
// region; an account has at most 50 targets per region. The first target
// of an account creates the service-linked role
// AWSServiceRoleForAmazonInspector (the caller needs
// iam:CreateServiceLinkedRole for it).
func (s *Service) CreateAssessmentTarget(caller *authz.Principal, region string, in *CreateAssessmentTargetInput) (*CreateAssessmentTargetOutput, error) {
	c, err := s.begin(caller, region, "CreateAssessmentTarget", AccessDeniedErrorCodeAccessDeniedToAssessmentTarget)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &CreateAssessmentTargetInput{}
	}
	if !validName(in.AssessmentTargetName) {
		return nil, errInvalid(InvalidInputErrorCodeInvalidAssessmentTargetName, "The assessment target name must be 1 to 140 characters long.")
	}
	if in.ResourceGroupArn != "" {
		if r := c.classify(in.ResourceGroupArn, kindResourceGroup); r == lookupInvalid {
			return nil, c.arnError(in.ResourceGroupArn, kindResourceGroup, r)
		}
	}
	if err := c.ensureSLR(); err != nil {
		return nil, err
	}
	sc, now := c.lock()
	defer c.unlock()
	g, err := c.resourceGroupLocked(sc, in.ResourceGroupArn)
	if err != nil {
		return nil, err
	}
	for _, t := range sc.targetList {
		if t.name == in.AssessmentTargetName {
			return nil, errInvalid(InvalidInputErrorCodeAssessmentTargetNameAlreadyTaken, "The assessment target name %q is already taken.", in.AssessmentTargetName)
		}
	}
	if len(sc.targetList) >= s.limits.AssessmentTargets {
		return nil, errLimit(LimitExceededErrorCodeAssessmentTargetLimitExceeded, "You can have at most %d assessment targets.", s.limits.AssessmentTargets)
	}
	t := &target{seq: s.nextSeqLocked(), name: in.AssessmentTargetName, group: g, createdAt: now, updatedAt: now}
	for {
		t.arn = sc.prefix + "target/" + s.newIDLocked()
		if sc.targets[t.arn] == nil {
			break
		}
	}
	sc.targets[t.arn] = t
	sc.targetList = append(sc.targetList, t)
	return &CreateAssessmentTargetOutput{AssessmentTargetArn: t.arn}, nil
}

// UpdateAssessmentTarget renames an assessment target and sets its
// resource group (none: every instance). Runs in progress keep the
// instances they started with.
func (s *Service) UpdateAssessmentTarget(caller *authz.Principal, region string, in *UpdateAssessmentTargetInput) (*UpdateAssessmentTargetOutput, error) {
	c, err := s.begin(caller, region, "UpdateAssessmentTarget", AccessDeniedErrorCodeAccessDeniedToAssessmentTarget)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &UpdateAssessmentTargetInput{}
	}
	if r := c.classify(in.AssessmentTargetArn, kindTarget); r == lookupInvalid {
		return nil, c.arnError(in.AssessmentTargetArn, kindTarget, r)
	}
	if !validName(in.AssessmentTargetName) {
		return nil, errInvalid(InvalidInputErrorCodeInvalidAssessmentTargetName, "The assessment target name must be 1 to 140 characters long.")
	}
	if in.ResourceGroupArn != "" {
		if r := c.classify(in.ResourceGroupArn, kindResourceGroup); r == lookupInvalid {
			return nil, c.arnError(in.ResourceGroupArn, kindResourceGroup, r)
		}
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, now := c.lock()
	defer c.unlock()
	t, err := c.targetLocked(sc, in.AssessmentTargetArn)
	if err != nil {
		return nil, err
	}
	g, err := c.resourceGroupLocked(sc, in.ResourceGroupArn)
	if err != nil {
		return nil, err
	}
	for _, o := range sc.targetList {
		if o != t && o.name == in.AssessmentTargetName {
			return nil, errInvalid(InvalidInputErrorCodeAssessmentTargetNameAlreadyTaken, "The assessment target name %q is already taken.", in.AssessmentTargetName)
		}
	}
	t.name, t.group, t.updatedAt = in.AssessmentTargetName, g, now
	return &UpdateAssessmentTargetOutput{}, nil
}

// DeleteAssessmentTarget deletes an assessment target with its templates,
// their runs and the runs' findings. It fails with
// AssessmentRunInProgressException while a run of the target is in
// progress.
func (s *Service) DeleteAssessmentTarget(caller *authz.Principal, region string, in *DeleteAssessmentTargetInput) (*DeleteAssessmentTargetOutput, error) {
	c, err := s.begin(caller, region, "DeleteAssessmentTarget", AccessDeniedErrorCodeAccessDeniedToAssessmentTarget)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &DeleteAssessmentTargetInput{}
	}
	if r := c.classify(in.AssessmentTargetArn, kindTarget); r == lookupInvalid {
		return nil, c.arnError(in.AssessmentTargetArn, kindTarget, r)
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	t, err := c.targetLocked(sc, in.AssessmentTargetArn)
	if err != nil {
		return nil, err
	}
	var busy []string
	for _, tp := range t.templates {
		busy = append(busy, tp.runsInProgress()...)
	}
	if len(busy) > 0 {
		return nil, errRunsInProgress(busy, "The assessment target %s has assessment runs in progress.", t.arn)
	}
	for _, tp := range slices.Clone(t.templates) {
		s.deleteTemplateLocked(sc, tp)
	}
	delete(sc.targets, t.arn)
	sc.targetList = slices.DeleteFunc(sc.targetList, func(o *target) bool { return o == t })
	return &DeleteAssessmentTargetOutput{}, nil
}

// DescribeAssessmentTargets describes 1 to 10 assessment targets.
func (s *Service) DescribeAssessmentTargets(caller *authz.Principal, region string, in *DescribeAssessmentTargetsInput) (*DescribeAssessmentTargetsOutput, error) {
	c, err := s.begin(caller, region, "DescribeAssessmentTargets", AccessDeniedErrorCodeAccessDeniedToAssessmentTarget)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &DescribeAssessmentTargetsInput{}
	}
	if err := checkBatch(in.AssessmentTargetArns, 10, InvalidInputErrorCodeInvalidNumberOfAssessmentTargetArns, "assessment target"); err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	out := &DescribeAssessmentTargetsOutput{AssessmentTargets: []AssessmentTarget{}, FailedItems: map[string]FailedItemDetails{}}
	seen := map[string]bool{}
	for _, a := range in.AssessmentTargetArns {
		if seen[a] {
			continue
		}
		seen[a] = true
		r := c.classify(a, kindTarget)
		t := sc.targets[a]
		if r == lookupOK && t == nil {
			r = lookupMissing
		}
		if r != lookupOK {
			out.FailedItems[a] = failedItem(r)
			continue
		}
		out.AssessmentTargets = append(out.AssessmentTargets, t.out())
	}
	return out, nil
}

// ListAssessmentTargets lists the ARNs of the account's assessment targets
// in the region, in creation order, optionally those whose name matches a
// pattern (wildcards * and ?).
func (s *Service) ListAssessmentTargets(caller *authz.Principal, region string, in *ListAssessmentTargetsInput) (*ListAssessmentTargetsOutput, error) {
	c, err := s.begin(caller, region, "ListAssessmentTargets", AccessDeniedErrorCodeAccessDeniedToAssessmentTarget)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &ListAssessmentTargetsInput{}
	}
	p, err := newPager("ListAssessmentTargets", in.MaxResults, defaultMaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	var pattern string
	if in.Filter != nil {
		pattern = in.Filter.AssessmentTargetNamePattern
	}
	pat, err := namePattern(pattern, InvalidInputErrorCodeInvalidAssessmentTargetNamePattern)
	if err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	page, next := collect(p, sc.targetList, func(t *target) uint64 { return t.seq },
		func(t *target) bool { return pat.Match(t.name) })
	out := &ListAssessmentTargetsOutput{AssessmentTargetArns: make([]string, len(page)), NextToken: next}
	for i, t := range page {
		out.AssessmentTargetArns[i] = t.arn
	}
	return out, nil
}
