package classic

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Rules packages.

// ListRulesPackages lists the ARNs of the rules packages of the region.
func (s *Service) ListRulesPackages(caller *authz.Principal, region string, in *ListRulesPackagesInput) (*ListRulesPackagesOutput, error) {
	c, err := s.begin(caller, region, "ListRulesPackages", AccessDeniedErrorCodeAccessDeniedToRulesPackage)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &ListRulesPackagesInput{}
	}
	p, err := newPager("ListRulesPackages", in.MaxResults, defaultMaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	arns, _ := rulesPackagesOf(region)
	idx := make([]int, len(arns))
	for i := range idx {
		idx[i] = i
	}
	page, next := collect(p, idx, func(i int) uint64 { return uint64(i) + 1 }, func(int) bool { return true })
	out := &ListRulesPackagesOutput{RulesPackageArns: make([]string, len(page)), NextToken: next}
	for i, k := range page {
		out.RulesPackageArns[i] = arns[k]
	}
	return out, nil
}

// DescribeRulesPackages describes 1 to 10 rules packages of the region.
func (s *Service) DescribeRulesPackages(caller *authz.Principal, region string, in *DescribeRulesPackagesInput) (*DescribeRulesPackagesOutput, error) {
	c, err := s.begin(caller, region, "DescribeRulesPackages", AccessDeniedErrorCodeAccessDeniedToRulesPackage)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &DescribeRulesPackagesInput{}
	}
	if err := checkBatch(in.RulesPackageArns, 10, InvalidInputErrorCodeInvalidNumberOfRulesPackageArns, "rules package"); err != nil {
		return nil, err
	}
	if err := checkLocale(in.Locale); err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	out := &DescribeRulesPackagesOutput{RulesPackages: []RulesPackage{}, FailedItems: map[string]FailedItemDetails{}}
	seen := map[string]bool{}
	for _, a := range in.RulesPackageArns {
		if seen[a] {
			continue
		}
		seen[a] = true
		r := c.classify(a, kindRulesPackage)
		k, ok := rulesPackageKind(region, a)
		if r == lookupOK && !ok {
			r = lookupMissing
		}
		if r != lookupOK {
			out.FailedItems[a] = failedItem(r)
			continue
		}
		info := rulesPackageInfo[k]
		out.RulesPackages = append(out.RulesPackages, RulesPackage{Arn: a, Name: info.name, Version: rulesPackageVersion,
			Provider: rulesPackageProvider, Description: info.description})
	}
	return out, nil
}

// Cross-account role.

// crossAccountRole is a role registered with RegisterCrossAccountAccessRole.
type crossAccountRole struct {
	arn string
	at  time.Time
}

var roleArnPattern = regexp.MustCompile(`^arn:[a-z0-9-]+:iam::(\d{12}):role/(?:[\x21-\x7e]+/)?[\w+=,.@-]{1,64}$`)

// RegisterCrossAccountAccessRole registers the IAM role Inspector assumes
// to list the account's EC2 instances (it predates the service-linked
// role, which is used when no role is registered). The role must be a role
// of the caller's account; the caller must be allowed iam:PassRole on it
// (iam:PassedToService inspector.amazonaws.com). The model has no IAM to
// check the role's trust and policies against: a role of the account is
// taken as valid.
func (s *Service) RegisterCrossAccountAccessRole(caller *authz.Principal, region string, in *RegisterCrossAccountAccessRoleInput) (*RegisterCrossAccountAccessRoleOutput, error) {
	c, err := s.begin(caller, region, "RegisterCrossAccountAccessRole", AccessDeniedErrorCodeAccessDeniedToIamRole)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &RegisterCrossAccountAccessRoleInput{}
	}
	m := roleArnPattern.FindStringSubmatch(in.RoleArn)
	if m == nil || len(in.RoleArn) > 300 || !strings.HasPrefix(in.RoleArn, "arn:"+s.partition+":") {
		return nil, errInvalid(InvalidInputErrorCodeInvalidIamRoleArn, "The IAM role ARN %q is not valid.", in.RoleArn)
	}
	if m[1] != c.account {
		return nil, errInvalidRole(InvalidCrossAccountRoleErrorCodeRoleDoesNotExistOrInvalidTrustRelationship,
			"The role %s is not a role of account %s.", in.RoleArn, c.account)
	}
	pass := authz.Check{Action: "iam:PassRole", Resource: in.RoleArn,
		Context: authz.NewContext().Set("iam:PassedToService", ServicePrincipal)}
	if err := c.authorize(pass); err != nil {
		return nil, err
	}
	sc, now := c.lock()
	defer c.unlock()
	sc.role = &crossAccountRole{arn: in.RoleArn, at: now}
	return &RegisterCrossAccountAccessRoleOutput{}, nil
}

// DescribeCrossAccountAccessRole describes the role Inspector uses in the
// account: the registered cross-account role, else the service-linked role
// once it exists; NoSuchEntityException (IAM_ROLE_DOES_NOT_EXIST) before
// either.
func (s *Service) DescribeCrossAccountAccessRole(caller *authz.Principal, region string, _ *DescribeCrossAccountAccessRoleInput) (*DescribeCrossAccountAccessRoleOutput, error) {
	c, err := s.begin(caller, region, "DescribeCrossAccountAccessRole", AccessDeniedErrorCodeAccessDeniedToIamRole)
	if err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	if sc.role != nil {
		return &DescribeCrossAccountAccessRoleOutput{RoleArn: sc.role.arn, Valid: true, RegisteredAt: sc.role.at}, nil
	}
	if at, ok := s.slr[c.account]; ok {
		return &DescribeCrossAccountAccessRoleOutput{
			RoleArn: "arn:" + s.partition + ":iam::" + c.account + ":role/aws-service-role/" + ServicePrincipal + "/" + ServiceLinkedRoleName,
			Valid:   true, RegisteredAt: at}, nil
	}
	return nil, errNoSuch(NoSuchEntityErrorCodeIamRoleDoesNotExist, "No IAM role is registered for Amazon Inspector in account %s.", c.account)
}

// PreviewAgents lists the EC2 instances an assessment target holds now,
// by instance id, with the health of their agents.
func (s *Service) PreviewAgents(caller *authz.Principal, region string, in *PreviewAgentsInput) (*PreviewAgentsOutput, error) {
	c, err := s.begin(caller, region, "PreviewAgents", AccessDeniedErrorCodeAccessDeniedToAssessmentTarget)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &PreviewAgentsInput{}
	}
	if r := c.classify(in.PreviewAgentsArn, kindTarget); r == lookupInvalid {
		return nil, c.arnError(in.PreviewAgentsArn, kindTarget, r)
	}
	p, err := newPager("PreviewAgents", in.MaxResults, defaultMaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	t, err := c.targetLocked(sc, in.PreviewAgentsArn)
	if err == nil {
		err = s.roleLocked(sc)
	}
	var tags []ResourceGroupTag
	if err == nil {
		tags = t.groupTags()
	}
	c.unlock()
	if err != nil {
		return nil, err
	}
	insts, err := s.instancesOf(region, c.account, tags)
	if err != nil {
		return nil, err
	}
	idx := make([]int, len(insts))
	for i := range idx {
		idx[i] = i
	}
	page, next := collect(p, idx, func(i int) uint64 { return uint64(i) + 1 }, func(int) bool { return true })
	out := &PreviewAgentsOutput{AgentPreviews: make([]AgentPreview, len(page)), NextToken: next}
	for i, k := range page {
		in := &insts[k]
		ap := AgentPreview{Hostname: in.Hostname, AgentID: in.InstanceID, AutoScalingGroup: in.AutoScalingGroup,
			AgentHealth: in.health(), AgentVersion: in.AgentVersion, OperatingSystem: in.OperatingSystem, KernelVersion: in.KernelVersion}
		if len(in.IPV4Addresses) > 0 {
			ap.Ipv4Address = in.IPV4Addresses[0]
		}
		out.AgentPreviews[i] = ap
	}
	return out, nil
}

// Exclusions.

// ExclusionsPreviewDelay is how long an exclusions preview takes: until
// then GetExclusionsPreview answers WORK_IN_PROGRESS and another
// CreateExclusionsPreview of the template fails with
// PreviewGenerationInProgressException.
const ExclusionsPreviewDelay = 10 * time.Second

// preview is an exclusions preview.
type preview struct {
	template *template
	readyAt  time.Time
	items    []ExclusionPreview
}

// CreateExclusionsPreview starts a preview of the exclusions a run of the
// template would have now (no instances, missing or unhealthy agents,
// unsupported operating systems or rules packages, instances busy in
// another run), and returns its token. A template keeps its latest preview
// only: the token of an earlier one is no longer found.
func (s *Service) CreateExclusionsPreview(caller *authz.Principal, region string, in *CreateExclusionsPreviewInput) (*CreateExclusionsPreviewOutput, error) {
	c, err := s.begin(caller, region, "CreateExclusionsPreview", AccessDeniedErrorCodeAccessDeniedToAssessmentTemplate)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &CreateExclusionsPreviewInput{}
	}
	if r := c.classify(in.AssessmentTemplateArn, kindTemplate); r == lookupInvalid {
		return nil, c.arnError(in.AssessmentTemplateArn, kindTemplate, r)
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, now := c.lock()
	t, err := c.templateLocked(sc, in.AssessmentTemplateArn)
	if err == nil {
		err = previewBusy(sc, t, now)
	}
	var snap templateSnapshot
	busy := map[string]bool{}
	if err == nil {
		snap = snapshotOf(t)
		for _, r := range sc.active {
			for _, a := range r.agents {
				busy[a.id] = true
			}
		}
	}
	c.unlock()
	if err != nil {
		return nil, err
	}
	insts, err := s.instancesOf(region, c.account, snap.tags)
	if err != nil {
		return nil, err
	}
	d := s.evaluate(region, snap, insts, busy)

	sc, now = c.lock()
	defer c.unlock()
	if t, err = c.templateLocked(sc, in.AssessmentTemplateArn); err != nil {
		return nil, err
	}
	if err := previewBusy(sc, t, now); err != nil {
		return nil, err
	}
	for k, p := range sc.preview { // a template keeps its latest preview only
		if p.template == t {
			delete(sc.preview, k)
		}
	}
	tok := s.newUUIDLocked()
	sc.preview[tok] = &preview{template: t, readyAt: now.Add(ExclusionsPreviewDelay), items: d.exclusions}
	return &CreateExclusionsPreviewOutput{PreviewToken: tok}, nil
}

func previewBusy(sc *scope, t *template, now time.Time) error {
	for _, p := range sc.preview {
		if p.template == t && now.Before(p.readyAt) {
			return errPreviewInProgress("An exclusions preview of the assessment template %s is being generated.", t.arn)
		}
	}
	return nil
}

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// GetExclusionsPreview returns an exclusions preview: WORK_IN_PROGRESS
// until it is ready, then COMPLETED with the exclusions (maxResults
// defaults to 100, at most 500). An unknown token is NoSuchEntityException.
func (s *Service) GetExclusionsPreview(caller *authz.Principal, region string, in *GetExclusionsPreviewInput) (*GetExclusionsPreviewOutput, error) {
	c, err := s.begin(caller, region, "GetExclusionsPreview", AccessDeniedErrorCodeAccessDeniedToAssessmentTemplate)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &GetExclusionsPreviewInput{}
	}
	if r := c.classify(in.AssessmentTemplateArn, kindTemplate); r == lookupInvalid {
		return nil, c.arnError(in.AssessmentTemplateArn, kindTemplate, r)
	}
	if !uuidPattern.MatchString(in.PreviewToken) {
		return nil, errInvalid(InvalidInputErrorCodeInvalidPaginationToken, "The preview token %q is not valid.", in.PreviewToken)
	}
	p, err := newPager("GetExclusionsPreview", in.MaxResults, 100, in.NextToken)
	if err != nil {
		return nil, err
	}
	if err := checkLocale(in.Locale); err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, now := c.lock()
	defer c.unlock()
	t, err := c.templateLocked(sc, in.AssessmentTemplateArn)
	if err != nil {
		return nil, err
	}
	pv := sc.preview[in.PreviewToken]
	if pv == nil || pv.template != t {
		return nil, errNoSuch(NoSuchEntityErrorCodeAssessmentTemplateDoesNotExist,
			"No exclusions preview with token %s exists for the assessment template %s.", in.PreviewToken, t.arn)
	}
	if now.Before(pv.readyAt) {
		return &GetExclusionsPreviewOutput{PreviewStatus: PreviewStatusWorkInProgress}, nil
	}
	idx := make([]int, len(pv.items))
	for i := range idx {
		idx[i] = i
	}
	page, next := collect(p, idx, func(i int) uint64 { return uint64(i) + 1 }, func(int) bool { return true })
	out := &GetExclusionsPreviewOutput{PreviewStatus: PreviewStatusCompleted, ExclusionPreviews: make([]ExclusionPreview, len(page)), NextToken: next}
	for i, k := range page {
		e := pv.items[k]
		e.Scopes = slices.Clone(e.Scopes)
		out.ExclusionPreviews[i] = e
	}
	return out, nil
}

// ListExclusions lists the ARNs of the exclusions of a run (published when
// the run completes or fails); maxResults defaults to 100, at most 500.
func (s *Service) ListExclusions(caller *authz.Principal, region string, in *ListExclusionsInput) (*ListExclusionsOutput, error) {
	c, err := s.begin(caller, region, "ListExclusions", AccessDeniedErrorCodeAccessDeniedToAssessmentRun)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &ListExclusionsInput{}
	}
	if r := c.classify(in.AssessmentRunArn, kindRun); r == lookupInvalid {
		return nil, c.arnError(in.AssessmentRunArn, kindRun, r)
	}
	p, err := newPager("ListExclusions", in.MaxResults, 100, in.NextToken)
	if err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	r, err := c.runLocked(sc, in.AssessmentRunArn)
	if err != nil {
		return nil, err
	}
	page, next := collect(p, r.exclusions, func(e *exclusion) uint64 { return e.seq }, func(*exclusion) bool { return true })
	out := &ListExclusionsOutput{ExclusionArns: make([]string, len(page)), NextToken: next}
	for i, e := range page {
		out.ExclusionArns[i] = e.rec.Arn
	}
	return out, nil
}

// DescribeExclusions describes 1 to 100 exclusions.
func (s *Service) DescribeExclusions(caller *authz.Principal, region string, in *DescribeExclusionsInput) (*DescribeExclusionsOutput, error) {
	c, err := s.begin(caller, region, "DescribeExclusions", AccessDeniedErrorCodeAccessDeniedToAssessmentRun)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &DescribeExclusionsInput{}
	}
	if err := checkBatch(in.ExclusionArns, 100, InvalidInputErrorCodeInvalidResourceArn, "exclusion"); err != nil {
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
	out := &DescribeExclusionsOutput{Exclusions: map[string]Exclusion{}, FailedItems: map[string]FailedItemDetails{}}
	for _, a := range in.ExclusionArns {
		r := c.classify(a, kindExclusion)
		e := sc.excls[a]
		if r == lookupOK && e == nil {
			r = lookupMissing
		}
		if r != lookupOK {
			out.FailedItems[a] = failedItem(r)
			continue
		}
		x := e.rec
		x.Scopes = slices.Clone(x.Scopes)
		x.Attributes = slices.Clone(x.Attributes)
		out.Exclusions[a] = x
	}
	return out, nil
}
