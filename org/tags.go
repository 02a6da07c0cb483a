package org

import (
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Tag is a key and a value attached to an account, the root, an OU or a
// customer managed policy. The value may be empty.
type Tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// MaxTagsPerResource is the number of tags an account, root, OU or policy
// may carry (orgs_reference_limits: "Maximum tags per resource: 50").
const MaxTagsPerResource = 50

// validTagKey checks a TagKey: 1 to 128 characters of
// [\p{L}\p{Z}\p{N}_.:/=+\-@], not beginning with the reserved prefix
// "aws:" (in any case; InvalidInputException
// INVALID_SYSTEM_TAGS_PARAMETER).
func validTagKey(k string) *Error {
	if err := validLength(k, 1, 128); err != nil {
		return err
	}
	if !tagChars(k) {
		return errInvalid(InvalidInputExceptionReasonInvalidPattern)
	}
	if len(k) >= 4 && strings.EqualFold(k[:4], "aws:") {
		return errInvalid(InvalidInputExceptionReasonInvalidSystemTagsParameter)
	}
	return nil
}

// validTagValue checks a TagValue: 0 to 256 characters of the key's
// alphabet.
func validTagValue(v string) *Error {
	if err := validLength(v, 0, 256); err != nil {
		return err
	}
	if !tagChars(v) {
		return errInvalid(InvalidInputExceptionReasonInvalidPattern)
	}
	return nil
}

func tagChars(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.Is(unicode.Z, r) || unicode.IsNumber(r) || strings.ContainsRune("_.:/=+-@", r) {
			continue
		}
		return false
	}
	return true
}

// validTags checks the Tags of a request: every key and value, no key
// twice (InvalidInputException DUPLICATE_TAG_KEY).
func validTags(ts []Tag) *Error {
	for i, t := range ts {
		if err := validTagKey(t.Key); err != nil {
			return err
		}
		if err := validTagValue(t.Value); err != nil {
			return err
		}
		for _, u := range ts[:i] {
			if u.Key == t.Key {
				return errInvalid(InvalidInputExceptionReasonDuplicateTagKey)
			}
		}
	}
	return nil
}

// validNewTags checks the Tags of a request that creates a resource:
// validTags, and at most MaxTagsPerResource of them
// (ConstraintViolationException MAX_TAG_LIMIT_EXCEEDED).
func validNewTags(ts []Tag) *Error {
	if err := validTags(ts); err != nil {
		return err
	}
	if len(ts) > MaxTagsPerResource {
		return errConstraint(ConstraintViolationExceptionReasonMaxTagLimitExceeded)
	}
	return nil
}

// tagMap is the tags of a new resource; nil when there are none.
func tagMap(ts []Tag) map[string]string {
	if len(ts) == 0 {
		return nil
	}
	m := make(map[string]string, len(ts))
	for _, t := range ts {
		m[t.Key] = t.Value
	}
	return m
}

// tagList lists tags sorted by key; never nil.
func tagList(m map[string]string) []Tag {
	out := make([]Tag, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, Tag{Key: k, Value: m[k]})
	}
	return out
}

// requestTags is the condition of a request that carries tags:
// aws:RequestTag/<key> for each and aws:TagKeys. It adds nothing when
// there are none.
func requestTags(base condition, ts []Tag) condition {
	if len(ts) == 0 {
		return base
	}
	base.requestTags = ts
	return base
}

// isTaggableID reports whether s matches TaggableResourceId: a root, OU,
// account or policy id, or a resource policy (rp-) or responsibility
// transfer (rt-) id, which this model has none of.
func isTaggableID(s string) bool {
	if len(s) > 130 {
		return false
	}
	if isRootID(s) || isOUID(s) || isAccountID(s) || isPolicyID(s) {
		return true
	}
	for _, p := range []struct {
		prefix string
		lo, hi int
	}{{"rp-", 4, 128}, {"rt-", 8, 32}} {
		if rest, ok := strings.CutPrefix(s, p.prefix); ok && len(rest) >= p.lo && len(rest) <= p.hi && !strings.ContainsFunc(rest, func(r rune) bool {
			return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_')
		}) {
			return true
		}
	}
	return false
}

// validResourceID checks the ResourceId of the tagging operations. AWS
// managed policies (p-FullAWSAccess) match the pattern but cannot be
// tagged: AWS answers InvalidInputException INVALID_PATTERN for them, as
// it does for ids that do not match.
func (o *Organization) validResourceID(id string) *Error {
	if err := validID(id, isTaggableID); err != nil {
		return err
	}
	if o.managed[id] != nil {
		return errInvalid(InvalidInputExceptionReasonInvalidPattern)
	}
	return nil
}

// resourceARN is the ARN IAM is asked about for a taggable resource.
func (c *call) resourceARN(id string) string {
	switch {
	case strings.HasPrefix(id, "p-"):
		return c.policyARN(id)
	case strings.HasPrefix(id, "rp-"):
		return c.arn("resourcepolicy/" + c.orgID + "/" + id)
	case strings.HasPrefix(id, "rt-"):
		return c.arn("transfer/" + c.orgID + "/" + id)
	}
	return c.entityARN(id)
}

// tagsOf finds the tags of a taggable resource of the organization: its
// root, an OU, a member account or a customer managed policy.
func (o *Organization) tagsOf(g *orgState, id string) (*map[string]string, bool) {
	switch {
	case id == g.root.id:
		return &g.root.tags, true
	case strings.HasPrefix(id, "ou-"):
		if c := g.ous[id]; c != nil {
			return &c.tags, true
		}
	case strings.HasPrefix(id, "p-"):
		if p := g.policies[id]; p != nil {
			return &p.tags, true
		}
	case isAccountID(id):
		if a := o.accounts[id]; a != nil && a.org == g {
			return &a.tags, true
		}
	}
	return nil, false
}

// resourceTagsLocked gives the tags of the resource an ARN of the
// caller's organization names, for aws:ResourceTag/<key>; nil for any
// other ARN.
func (o *Organization) resourceTagsLocked(c *call, arn string) map[string]string {
	g := o.orgs[c.orgID]
	if g == nil {
		return nil
	}
	rest, ok := strings.CutPrefix(arn, "arn:"+o.partition+":organizations::"+c.mgmt+":")
	if !ok {
		return nil
	}
	kind, _, _ := strings.Cut(rest, "/")
	id := rest[strings.LastIndexByte(rest, '/')+1:]
	switch kind {
	case "account", "ou", "root", "policy":
		if t, ok := o.tagsOf(g, id); ok {
			return *t
		}
	}
	return nil
}

// TagResourceInput is the input of TagResource.
type TagResourceInput struct {
	// ResourceId is an account id, a root id (r-…), an OU id (ou-…) or
	// the id of a customer managed policy (p-…).
	ResourceId string `json:"ResourceId"`
	Tags       []Tag  `json:"Tags"`
}

// UntagResourceInput is the input of UntagResource.
type UntagResourceInput struct {
	ResourceId string   `json:"ResourceId"`
	TagKeys    []string `json:"TagKeys"`
}

// ListTagsForResourceInput is the input of ListTagsForResource.
type ListTagsForResourceInput struct {
	NextToken  string `json:"NextToken,omitempty"`
	ResourceId string `json:"ResourceId"`
}

// ListTagsForResourceOutput is the output of ListTagsForResource.
type ListTagsForResourceOutput struct {
	NextToken string `json:"NextToken,omitempty"`
	Tags      []Tag  `json:"Tags"`
}

// TagResource adds tags to an account, the root, an OU or a customer
// managed policy of the caller's organization, replacing the value of a
// key the resource has already. The management account and delegated
// administrators may call it. The checks, in order: the ResourceId's
// pattern (InvalidInputException INVALID_PATTERN, also for the AWS
// managed policies, which cannot be tagged); every tag (key 1 to 128
// characters, value 0 to 256, of letters, digits, spaces and _.:/=+-@:
// MIN_LENGTH_EXCEEDED, MAX_LENGTH_EXCEEDED or INVALID_PATTERN; no key
// beginning with aws:, INVALID_SYSTEM_TAGS_PARAMETER; no key twice,
// DUPLICATE_TAG_KEY); IAM (organizations:TagResource on the resource, with
// aws:ResourceTag/<key> of its tags, aws:RequestTag/<key> and
// aws:TagKeys); the Organizations rule; the resource
// (TargetNotFoundException); and the quota: at most MaxTagsPerResource
// tags once these are added (ConstraintViolationException
// MAX_TAG_LIMIT_EXCEEDED). Either every tag is added or none.
func (o *Organization) TagResource(caller *authz.Principal, in TagResourceInput) error {
	if err := o.validResourceID(in.ResourceId); err != nil {
		return err
	}
	if err := validTags(in.Tags); err != nil {
		return err
	}
	return inOrgErr(o, caller, ruleAdmin, func(c *call) error {
		return c.authorize("TagResource", requestTags(condition{}, in.Tags), c.resourceARN(in.ResourceId))
	}, func(_ *call, g *orgState) error {
		m, ok := o.tagsOf(g, in.ResourceId)
		if !ok {
			return newError("TargetNotFoundException", msgTargetNotFound)
		}
		n := len(*m)
		for _, t := range in.Tags {
			if _, had := (*m)[t.Key]; !had {
				n++
			}
		}
		if n > MaxTagsPerResource {
			return errConstraint(ConstraintViolationExceptionReasonMaxTagLimitExceeded)
		}
		if len(in.Tags) == 0 {
			return nil
		}
		if *m == nil {
			*m = make(map[string]string, len(in.Tags))
		}
		for _, t := range in.Tags {
			(*m)[t.Key] = t.Value
		}
		return nil
	})
}

// UntagResource removes the tags with the given keys from an account, the
// root, an OU or a customer managed policy; keys the resource does not
// have are ignored. The checks are TagResource's, with aws:TagKeys as the
// request's condition key and no quota; keys beginning with aws: cannot be
// removed (INVALID_SYSTEM_TAGS_PARAMETER).
func (o *Organization) UntagResource(caller *authz.Principal, in UntagResourceInput) error {
	if err := o.validResourceID(in.ResourceId); err != nil {
		return err
	}
	for _, k := range in.TagKeys {
		if err := validTagKey(k); err != nil {
			return err
		}
	}
	return inOrgErr(o, caller, ruleAdmin, func(c *call) error {
		return c.authorize("UntagResource", condition{tagKeys: in.TagKeys}, c.resourceARN(in.ResourceId))
	}, func(_ *call, g *orgState) error {
		m, ok := o.tagsOf(g, in.ResourceId)
		if !ok {
			return newError("TargetNotFoundException", msgTargetNotFound)
		}
		for _, k := range in.TagKeys {
			delete(*m, k)
		}
		if len(*m) == 0 {
			*m = nil
		}
		return nil
	})
}

// ListTagsForResource lists the tags of an account, the root, an OU or a
// customer managed policy, sorted by key. The management account and
// delegated administrators may call it. Every list fits one page (a
// resource has at most MaxTagsPerResource tags), so no NextToken is ever
// returned and any given is rejected (INVALID_NEXT_TOKEN).
func (o *Organization) ListTagsForResource(caller *authz.Principal, in ListTagsForResourceInput) (ListTagsForResourceOutput, error) {
	if err := o.validResourceID(in.ResourceId); err != nil {
		return ListTagsForResourceOutput{}, err
	}
	if in.NextToken != "" {
		return ListTagsForResourceOutput{}, errInvalid(InvalidInputExceptionReasonInvalidNextToken)
	}
	return inOrg(o, caller, ruleAdmin, func(c *call) error {
		return c.authorize("ListTagsForResource", condition{}, c.resourceARN(in.ResourceId))
	}, func(_ *call, g *orgState) (ListTagsForResourceOutput, error) {
		m, ok := o.tagsOf(g, in.ResourceId)
		if !ok {
			return ListTagsForResourceOutput{}, newError("TargetNotFoundException", msgTargetNotFound)
		}
		return ListTagsForResourceOutput{Tags: tagList(*m)}, nil
	})
}

// Tags returns the tags of an account, root, OU or customer managed
// policy of an organization, sorted by key; ok is false when the
// organization has no such resource. It is a library accessor: no caller,
// no checks.
func (o *Organization) Tags(orgID, resourceID string) (tags []Tag, ok bool) {
	o.lockFast()
	defer o.mu.Unlock()
	g := o.orgs[orgID]
	if g == nil {
		return nil, false
	}
	m, ok := o.tagsOf(g, resourceID)
	if !ok {
		return nil, false
	}
	return tagList(*m), true
}
