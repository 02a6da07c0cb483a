package classic

import (
	"slices"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// The duration of an assessment run: 180 seconds to one day (AWS
// recommends one hour).
const (
	minDuration = 180
	maxDuration = 86400
)

// template is an assessment template. Everything but its tags, runs and
// subscriptions is fixed when it is created.
type template struct {
	seq       uint64
	arn, name string
	target    *target
	duration  int32
	packages  []string
	kinds     []RulesPackageKind
	userAttrs []Attribute
	createdAt time.Time
	tags      []Tag
	runs      []*run // creation order
}

func (t *template) out() AssessmentTemplate {
	a := AssessmentTemplate{
		Arn: t.arn, Name: t.name, AssessmentTargetArn: t.target.arn, DurationInSeconds: t.duration,
		RulesPackageArns: slices.Clone(t.packages), UserAttributesForFindings: cloneAttrs(t.userAttrs),
		AssessmentRunCount: int32(len(t.runs)), CreatedAt: t.createdAt,
	}
	if n := len(t.runs); n > 0 {
		a.LastAssessmentRunArn = t.runs[n-1].arn
	}
	return a
}

// runsInProgress returns the ARNs of the template's runs in progress.
func (t *template) runsInProgress() []string {
	var out []string
	for _, r := range t.runs {
		if !r.state.terminal() {
			out = append(out, r.arn)
		}
	}
	return out
}

func cloneAttrs(a []Attribute) []Attribute {
	if a == nil {
		return []Attribute{}
	}
	return slices.Clone(a)
}

// templateLocked resolves an assessment template ARN.
func (c *call) templateLocked(sc *scope, a string) (*template, error) {
	r := c.classify(a, kindTemplate)
	if r != lookupOK {
		return nil, c.arnError(a, kindTemplate, r)
	}
	t := sc.templates[a]
	if t == nil {
		return nil, c.arnError(a, kindTemplate, lookupMissing)
	}
	return t, nil
}

// CreateAssessmentTemplate creates an assessment template for a target:
// 1 to 50 rules packages of the region, a run duration of 180 to 86,400
// seconds, and up to 10 attributes (unique keys) to add to every finding.
// The name must be unique among the target's templates; an account has at
// most 500 templates per region. A template never changes afterwards
// (there is no update API), except for its tags.
func (s *Service) CreateAssessmentTemplate(caller *authz.Principal, region string, in *CreateAssessmentTemplateInput) (*CreateAssessmentTemplateOutput, error) {
	c, err := s.begin(caller, region, "CreateAssessmentTemplate", AccessDeniedErrorCodeAccessDeniedToAssessmentTemplate)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &CreateAssessmentTemplateInput{}
	}
	if r := c.classify(in.AssessmentTargetArn, kindTarget); r == lookupInvalid {
		return nil, c.arnError(in.AssessmentTargetArn, kindTarget, r)
	}
	if !validName(in.AssessmentTemplateName) {
		return nil, errInvalid(InvalidInputErrorCodeInvalidAssessmentTemplateName, "The assessment template name must be 1 to 140 characters long.")
	}
	if in.DurationInSeconds < minDuration || in.DurationInSeconds > maxDuration {
		return nil, errInvalid(InvalidInputErrorCodeInvalidAssessmentTemplateDuration,
			"The duration %d is not valid: it must be between %d and %d seconds.", in.DurationInSeconds, minDuration, maxDuration)
	}
	if len(in.RulesPackageArns) < 1 || len(in.RulesPackageArns) > 50 {
		return nil, errInvalid(InvalidInputErrorCodeInvalidNumberOfRulesPackageArns, "An assessment template must have 1 to 50 rules packages.")
	}
	for _, a := range in.RulesPackageArns {
		if r := c.classify(a, kindRulesPackage); r == lookupInvalid {
			return nil, c.arnError(a, kindRulesPackage, r)
		}
	}
	if err := checkAttributes(in.UserAttributesForFindings, 10, true, InvalidInputErrorCodeInvalidNumberOfUserAttributes,
		InvalidInputErrorCodeInvalidUserAttributeKey, InvalidInputErrorCodeInvalidUserAttributeValue, InvalidInputErrorCodeInvalidUserAttribute); err != nil {
		return nil, err
	}
	var packages []string
	var kinds []RulesPackageKind
	for _, a := range in.RulesPackageArns {
		if slices.Contains(packages, a) {
			continue
		}
		k, ok := rulesPackageKind(region, a)
		if !ok {
			return nil, c.arnError(a, kindRulesPackage, lookupMissing)
		}
		packages = append(packages, a)
		kinds = append(kinds, k)
	}
	if err := c.ensureSLR(); err != nil {
		return nil, err
	}
	sc, now := c.lock()
	defer c.unlock()
	tg, err := c.targetLocked(sc, in.AssessmentTargetArn)
	if err != nil {
		return nil, err
	}
	for _, o := range tg.templates {
		if o.name == in.AssessmentTemplateName {
			return nil, errInvalid(InvalidInputErrorCodeAssessmentTemplateNameAlreadyTaken,
				"The assessment template name %q is already taken for this assessment target.", in.AssessmentTemplateName)
		}
	}
	if len(sc.templateList) >= s.limits.AssessmentTemplates {
		return nil, errLimit(LimitExceededErrorCodeAssessmentTemplateLimitExceeded, "You can have at most %d assessment templates.", s.limits.AssessmentTemplates)
	}
	t := &template{
		seq: s.nextSeqLocked(), name: in.AssessmentTemplateName, target: tg, duration: in.DurationInSeconds,
		packages: packages, kinds: kinds, userAttrs: slices.Clone(in.UserAttributesForFindings), createdAt: now,
	}
	for {
		t.arn = tg.arn + "/template/" + s.newIDLocked()
		if sc.templates[t.arn] == nil {
			break
		}
	}
	sc.templates[t.arn] = t
	sc.templateList = append(sc.templateList, t)
	tg.templates = append(tg.templates, t)
	return &CreateAssessmentTemplateOutput{AssessmentTemplateArn: t.arn}, nil
}

// deleteTemplateLocked deletes a template with its runs, their findings,
// its event subscriptions and exclusions previews.
func (s *Service) deleteTemplateLocked(sc *scope, t *template) {
	for _, r := range slices.Clone(t.runs) {
		s.deleteRunLocked(sc, r)
	}
	sc.subs = slices.DeleteFunc(sc.subs, func(sub *subscription) bool { return sub.resource == t.arn })
	for tok, p := range sc.preview {
		if p.template == t {
			delete(sc.preview, tok)
		}
	}
	delete(sc.templates, t.arn)
	sc.templateList = slices.DeleteFunc(sc.templateList, func(o *template) bool { return o == t })
	t.target.templates = slices.DeleteFunc(t.target.templates, func(o *template) bool { return o == t })
}

// DeleteAssessmentTemplate deletes an assessment template with its runs
// and their findings. It fails with AssessmentRunInProgressException while
// a run of the template is in progress.
func (s *Service) DeleteAssessmentTemplate(caller *authz.Principal, region string, in *DeleteAssessmentTemplateInput) (*DeleteAssessmentTemplateOutput, error) {
	c, err := s.begin(caller, region, "DeleteAssessmentTemplate", AccessDeniedErrorCodeAccessDeniedToAssessmentTemplate)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &DeleteAssessmentTemplateInput{}
	}
	if r := c.classify(in.AssessmentTemplateArn, kindTemplate); r == lookupInvalid {
		return nil, c.arnError(in.AssessmentTemplateArn, kindTemplate, r)
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	t, err := c.templateLocked(sc, in.AssessmentTemplateArn)
	if err != nil {
		return nil, err
	}
	if busy := t.runsInProgress(); len(busy) > 0 {
		return nil, errRunsInProgress(busy, "The assessment template %s has assessment runs in progress.", t.arn)
	}
	s.deleteTemplateLocked(sc, t)
	return &DeleteAssessmentTemplateOutput{}, nil
}

// DescribeAssessmentTemplates describes 1 to 10 assessment templates.
func (s *Service) DescribeAssessmentTemplates(caller *authz.Principal, region string, in *DescribeAssessmentTemplatesInput) (*DescribeAssessmentTemplatesOutput, error) {
	c, err := s.begin(caller, region, "DescribeAssessmentTemplates", AccessDeniedErrorCodeAccessDeniedToAssessmentTemplate)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &DescribeAssessmentTemplatesInput{}
	}
	if err := checkBatch(in.AssessmentTemplateArns, 10, InvalidInputErrorCodeInvalidNumberOfAssessmentTemplateArns, "assessment template"); err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	out := &DescribeAssessmentTemplatesOutput{AssessmentTemplates: []AssessmentTemplate{}, FailedItems: map[string]FailedItemDetails{}}
	seen := map[string]bool{}
	for _, a := range in.AssessmentTemplateArns {
		if seen[a] {
			continue
		}
		seen[a] = true
		r := c.classify(a, kindTemplate)
		t := sc.templates[a]
		if r == lookupOK && t == nil {
			r = lookupMissing
		}
		if r != lookupOK {
			out.FailedItems[a] = failedItem(r)
			continue
		}
		out.AssessmentTemplates = append(out.AssessmentTemplates, t.out())
	}
	return out, nil
}

// ListAssessmentTemplates lists the ARNs of the templates of up to 50
// assessment targets (all targets when none are given), in creation order,
// filtered by name pattern, duration range and rules packages (a template
// matches when it has one of the given packages).
func (s *Service) ListAssessmentTemplates(caller *authz.Principal, region string, in *ListAssessmentTemplatesInput) (*ListAssessmentTemplatesOutput, error) {
	c, err := s.begin(caller, region, "ListAssessmentTemplates", AccessDeniedErrorCodeAccessDeniedToAssessmentTemplate)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &ListAssessmentTemplatesInput{}
	}
	if len(in.AssessmentTargetArns) > 50 {
		return nil, errInvalid(InvalidInputErrorCodeInvalidNumberOfAssessmentTargetArns, "The number of assessment target ARNs must be at most 50.")
	}
	for _, a := range in.AssessmentTargetArns {
		if r := c.classify(a, kindTarget); r == lookupInvalid {
			return nil, c.arnError(a, kindTarget, r)
		}
	}
	p, err := newPager("ListAssessmentTemplates", in.MaxResults, defaultMaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	f := in.Filter
	if f == nil {
		f = &AssessmentTemplateFilter{}
	}
	pat, err := namePattern(f.NamePattern, InvalidInputErrorCodeInvalidAssessmentTemplateNamePattern)
	if err != nil {
		return nil, err
	}
	if err := checkDurationRange(f.DurationRange, InvalidInputErrorCodeInvalidAssessmentTemplateDurationRange); err != nil {
		return nil, err
	}
	if err := checkRulesPackageFilter(f.RulesPackageArns); err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	var targets map[*target]bool
	if len(in.AssessmentTargetArns) > 0 {
		targets = map[*target]bool{}
		for _, a := range in.AssessmentTargetArns {
			t, err := c.targetLocked(sc, a)
			if err != nil {
				return nil, err
			}
			targets[t] = true
		}
	}
	page, next := collect(p, sc.templateList, func(t *template) uint64 { return t.seq }, func(t *template) bool {
		return (targets == nil || targets[t.target]) && pat.Match(t.name) && inDuration(f.DurationRange, t.duration) &&
			containsAny(t.packages, f.RulesPackageArns)
	})
	out := &ListAssessmentTemplatesOutput{AssessmentTemplateArns: make([]string, len(page)), NextToken: next}
	for i, t := range page {
		out.AssessmentTemplateArns[i] = t.arn
	}
	return out, nil
}

// SetTagsForResource replaces the tags of an assessment template (the only
// taggable resource): up to 10 tags with unique keys; no tags clears them.
func (s *Service) SetTagsForResource(caller *authz.Principal, region string, in *SetTagsForResourceInput) (*SetTagsForResourceOutput, error) {
	c, err := s.begin(caller, region, "SetTagsForResource", AccessDeniedErrorCodeAccessDeniedToAssessmentTemplate)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &SetTagsForResourceInput{}
	}
	if r := c.classify(in.ResourceArn, kindTemplate); r == lookupInvalid {
		return nil, errInvalid(InvalidInputErrorCodeInvalidResourceArn, "The resource ARN %q is not an assessment template ARN.", in.ResourceArn)
	}
	if len(in.Tags) > 10 {
		return nil, errInvalid(InvalidInputErrorCodeInvalidNumberOfTags, "A resource can have at most 10 tags.")
	}
	seen := map[string]bool{}
	for _, t := range in.Tags {
		if n := strLen(t.Key); n < 1 || n > 128 {
			return nil, errInvalid(InvalidInputErrorCodeInvalidTagKey, "The tag key %q must be 1 to 128 characters long.", t.Key)
		}
		if strLen(t.Value) > 256 {
			return nil, errInvalid(InvalidInputErrorCodeInvalidTagValue, "The value of the tag %q must be at most 256 characters long.", t.Key)
		}
		if seen[t.Key] {
			return nil, errInvalid(InvalidInputErrorCodeInvalidTag, "The tag key %q is given more than once.", t.Key)
		}
		seen[t.Key] = true
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	t, err := c.templateLocked(sc, in.ResourceArn)
	if err != nil {
		return nil, err
	}
	t.tags = slices.Clone(in.Tags)
	return &SetTagsForResourceOutput{}, nil
}

// ListTagsForResource lists the tags of an assessment template.
func (s *Service) ListTagsForResource(caller *authz.Principal, region string, in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
	c, err := s.begin(caller, region, "ListTagsForResource", AccessDeniedErrorCodeAccessDeniedToAssessmentTemplate)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &ListTagsForResourceInput{}
	}
	if r := c.classify(in.ResourceArn, kindTemplate); r == lookupInvalid {
		return nil, errInvalid(InvalidInputErrorCodeInvalidResourceArn, "The resource ARN %q is not an assessment template ARN.", in.ResourceArn)
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	t, err := c.templateLocked(sc, in.ResourceArn)
	if err != nil {
		return nil, err
	}
	tags := slices.Clone(t.tags)
	if tags == nil {
		tags = []Tag{}
	}
	return &ListTagsForResourceOutput{Tags: tags}, nil
}
