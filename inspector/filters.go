package inspector

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Filters and suppression rules.
//
// A filter belongs to an owner: the organization (ownerId "o-...") when the
// delegated administrator creates it, the account otherwise. Its ARN is
// arn:<partition>:inspector2:<region>:<creator account>:owner/<owner>/filter/<16 hex>.
// The delegated administrator manages its organization's filters, and a
// standalone account its own; a new delegated administrator of the same
// organization inherits them.
//
// A filter with action SUPPRESS is a suppression rule. The rules that apply
// to a finding are those its account owns and, while the account is a
// delegated administrator or an associated member, its organization's. A
// finding is SUPPRESSED while it is not CLOSED and at least one rule that
// applies to it matches it. Rules match findings by their content and
// their status before suppression (ACTIVE or CLOSED), so findingStatus
// SUPPRESSED in a rule matches nothing. Each finding counts the rules that
// match it; creating, changing or deleting a rule adjusts the counts of the
// findings it covers, and a finding changed by a scan is recounted, so no
// operation rescans everything.
//
// Member accounts cannot create or manage suppression rules ("Only the
// delegated administrator for an organization can create and manage
// suppression rules", Amazon Inspector User Guide): an associated member
// creating a SUPPRESS filter, or changing or deleting one it owns or its
// organization owns, gets AccessDeniedException. It may keep filters with
// action NONE (saved searches) of its own.
type filter struct {
	arn, id  string
	owner    string
	creator  string
	name     string
	desc     string
	reason   string
	action   FilterAction
	criteria *FilterCriteria
	m        *matcher
	tags     map[string]string
	created  int64
	updated  int64
}

func (f *filter) out() Filter {
	return Filter{Arn: f.arn, OwnerID: f.owner, Name: f.name, Criteria: cloneCriteria(f.criteria), Action: f.action,
		CreatedAt: unixTime(f.created), UpdatedAt: unixTime(f.updated), Description: f.desc, Reason: f.reason,
		Tags: cloneTags(f.tags)}
}

// cloneCriteria deep-copies criteria (through JSON, which round-trips every
// field).
func cloneCriteria(c *FilterCriteria) *FilterCriteria {
	if c == nil {
		return nil
	}
	b, _ := json.Marshal(c)
	out := new(FilterCriteria)
	_ = json.Unmarshal(b, out)
	return out
}

// scopeOf lists the accounts whose findings an owner's rules apply to.
func (r *region) scopeOf(owner string) []*account {
	if isAccountID(owner) {
		a := r.account(owner)
		return []*account{a}
	}
	da := r.admins[owner]
	if da == nil || da.status != DelegatedAdminStatusEnabled {
		return nil
	}
	out := []*account{r.account(da.account)}
	for _, m := range sortedAccounts(da.members) {
		if m.id != da.account {
			out = append(out, m)
		}
	}
	return out
}

// applyRule adds delta to the counts of the findings a rule matches.
func (r *region) applyRule(owner string, m *matcher, delta int) {
	for _, a := range r.scopeOf(owner) {
		for _, f := range a.fs {
			if m.match(f) {
				f.supp = uint16(int(f.supp) + delta)
				a.refresh(f)
			}
		}
	}
}

func (r *region) addFilter(f *filter) {
	r.filters[f.arn] = f
	r.owners[f.owner] = append(r.owners[f.owner], f)
	if f.action == FilterActionSuppress {
		r.applyRule(f.owner, f.m, 1)
	}
}

func (r *region) removeFilter(f *filter) {
	if f.action == FilterActionSuppress {
		r.applyRule(f.owner, f.m, -1)
	}
	delete(r.filters, f.arn)
	list := r.owners[f.owner]
	if i := slices.Index(list, f); i >= 0 {
		r.owners[f.owner] = slices.Delete(list, i, i+1)
	}
	if len(r.owners[f.owner]) == 0 {
		delete(r.owners, f.owner)
	}
}

// filterOwner is the owner of filters the caller creates, and whether the
// caller is an associated member.
func (r *region) filterOwner(caller string) (owner string, member bool) {
	a := r.account(caller)
	if da := a.isAdmin(); da != nil {
		return da.orgID, false
	}
	return caller, a.admin != nil
}

// manages reports whether the caller may see and manage an owner's filters.
func (r *region) manages(caller, owner string) bool {
	if owner == caller {
		return true
	}
	da := r.account(caller).isAdmin()
	return da != nil && da.orgID == owner
}

func validateFilterFields(v *fieldErrors, name, desc, reason *string) {
	if name != nil {
		v.length("name", *name, 1, 128)
	}
	if desc != nil && *desc != "" {
		v.length("description", *desc, 1, 512)
	}
	if reason != nil && *reason != "" {
		v.length("reason", *reason, 1, 512)
	}
}

func validateAction(v *fieldErrors, a FilterAction, required bool) {
	switch a {
	case FilterActionNone, FilterActionSuppress:
	case "":
		if required {
			v.required("action")
		}
	default:
		v.enum("action", string(a), enumStrings(a.Values()))
	}
}

// checkTags applies the tag rules: lengths are model constraints
// (ValidationException); reserved "aws:" keys and more than 50 tags are
// invalid tags (BadRequestException).
func checkTags(v *fieldErrors, tags map[string]string) error {
	for k, val := range tags {
		if len(k) < 1 || len(k) > 128 {
			v.length("tags.key", k, 1, 128)
		}
		if len(val) > 256 {
			v.length("tags."+k, val, 0, 256)
		}
	}
	if err := v.err(); err != nil {
		return err
	}
	if len(tags) > 50 {
		return badRequest("One or more tags submitted as part of the request is not valid: at most 50 tags are allowed.")
	}
	for k := range tags {
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			return badRequest("One or more tags submitted as part of the request is not valid: the aws: prefix is reserved.")
		}
	}
	return nil
}

func tagContext(prefix string, tags map[string]string, keys bool) *authz.Context {
	ctx := authz.NewContext()
	list := make([]string, 0, len(tags))
	for k, val := range tags {
		ctx.Set(prefix+k, val)
		list = append(list, k)
	}
	slices.Sort(list)
	if keys {
		ctx.SetMulti("aws:TagKeys", list...)
	}
	return ctx
}

func (s *Service) filterArn(region, creator, owner, id string) string {
	return "arn:" + s.partition + ":inspector2:" + region + ":" + creator + ":owner/" + owner + "/filter/" + id
}

// CreateFilter creates a filter or, with action SUPPRESS, a suppression
// rule, which applies at once to the existing findings it covers. The IAM
// check is inspector2:CreateFilter on the new filter's ARN, with
// aws:RequestTag/* and aws:TagKeys.
func (s *Service) CreateFilter(caller *authz.Principal, region string, in *CreateFilterRequest) (*CreateFilterResponse, error) {
	if in == nil {
		in = &CreateFilterRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	validateAction(&v, in.Action, true)
	validateFilterFields(&v, &in.Name, &in.Description, &in.Reason)
	if in.FilterCriteria == nil {
		v.required("filterCriteria")
	}
	m := compileCriteria(in.FilterCriteria, "filterCriteria", &v)
	m.baseStatus = true
	if err := checkTags(&v, in.Tags); err != nil {
		return nil, err
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	// Phase 1: the owner and the new id, under the lock.
	if _, err := s.lock(); err != nil {
		return nil, err
	}
	owner, _ := r.filterOwner(caller.Account)
	id := s.newHexID(8)
	s.unlock()
	arn := s.filterArn(region, caller.Account, owner, id)
	if err := s.authorize(caller, authz.Check{Action: "inspector2:CreateFilter", Resource: arn,
		Context: tagContext("aws:RequestTag/", in.Tags, true)}); err != nil {
		return nil, err
	}
	now, err := s.lock()
	if err != nil {
		return nil, err
	}
	defer s.unlock()
	owner2, member := r.filterOwner(caller.Account)
	if owner2 != owner {
		return nil, conflict(arn, "Filter", "The caller's role in the organization changed while the filter was being created; retry.")
	}
	if member && in.Action == FilterActionSuppress {
		return nil, accessDenied("Member accounts of an organization cannot create suppression rules; only the delegated administrator can.")
	}
	if len(r.owners[owner]) >= MaxFiltersPerOwner {
		return nil, quotaExceeded(owner, "You have reached the maximum number of filters (%d) for %s in this Region.", MaxFiltersPerOwner, owner)
	}
	f := &filter{arn: arn, id: id, owner: owner, creator: caller.Account, name: in.Name, desc: in.Description,
		reason: in.Reason, action: in.Action, criteria: cloneCriteria(in.FilterCriteria), tags: cloneTags(in.Tags),
		created: now, updated: now}
	f.m = compileCriteria(f.criteria, "filterCriteria", &fieldErrors{})
	f.m.baseStatus = true
	r.addFilter(f)
	return &CreateFilterResponse{Arn: arn}, nil
}

// findFilter finds a filter the caller may manage: ResourceNotFoundException
// if it does not exist or belongs to someone the caller has nothing to do
// with; AccessDeniedException if the caller is a member of the owning
// organization, or an associated member acting on a suppression rule.
func (r *region) findFilter(caller, arn string) (*filter, error) {
	f := r.filters[arn]
	if f == nil {
		return nil, notFound("The filter %s does not exist.", arn)
	}
	a := r.account(caller)
	if !r.manages(caller, f.owner) {
		if a.admin != nil && a.admin.orgID == f.owner {
			return nil, accessDenied("Member accounts of an organization cannot manage the organization's filters.")
		}
		return nil, notFound("The filter %s does not exist.", arn)
	}
	if a.admin != nil && f.action == FilterActionSuppress {
		return nil, accessDenied("Member accounts of an organization cannot manage suppression rules.")
	}
	return f, nil
}

// UpdateFilter changes a filter; members left unset keep their value. A
// suppression rule's effect follows at once: findings it no longer matches
// are restored, new matches are suppressed.
func (s *Service) UpdateFilter(caller *authz.Principal, region string, in *UpdateFilterRequest) (*UpdateFilterResponse, error) {
	if in == nil {
		in = &UpdateFilterRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	if in.FilterArn == "" {
		v.required("filterArn")
	} else {
		v.length("filterArn", in.FilterArn, 1, 128)
	}
	validateAction(&v, in.Action, false)
	validateFilterFields(&v, in.Name, in.Description, in.Reason)
	var m *matcher
	if in.FilterCriteria != nil {
		m = compileCriteria(in.FilterCriteria, "filterCriteria", &v)
		m.baseStatus = true
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	tags, err := s.filterTags(r, in.FilterArn)
	if err != nil {
		return nil, err
	}
	if err := s.authorize(caller, authz.Check{Action: "inspector2:UpdateFilter", Resource: in.FilterArn,
		Context: tagContext("aws:ResourceTag/", tags, false)}); err != nil {
		return nil, err
	}
	now, err := s.lock()
	if err != nil {
		return nil, err
	}
	defer s.unlock()
	f, err := r.findFilter(caller.Account, in.FilterArn)
	if err != nil {
		return nil, err
	}
	if r.account(caller.Account).admin != nil && in.Action == FilterActionSuppress {
		return nil, accessDenied("Member accounts of an organization cannot create suppression rules; only the delegated administrator can.")
	}
	if f.action == FilterActionSuppress {
		r.applyRule(f.owner, f.m, -1)
	}
	if in.Action != "" {
		f.action = in.Action
	}
	if in.Name != nil {
		f.name = *in.Name
	}
	if in.Description != nil {
		f.desc = *in.Description
	}
	if in.Reason != nil {
		f.reason = *in.Reason
	}
	if in.FilterCriteria != nil {
		f.criteria = cloneCriteria(in.FilterCriteria)
		f.m = compileCriteria(f.criteria, "filterCriteria", &fieldErrors{})
		f.m.baseStatus = true
	}
	f.updated = now
	if f.action == FilterActionSuppress {
		r.applyRule(f.owner, f.m, 1)
	}
	return &UpdateFilterResponse{Arn: f.arn}, nil
}

// filterTags reads a filter's tags for the IAM check (nil if it does not
// exist; the operation then reports it).
func (s *Service) filterTags(r *region, arn string) (map[string]string, error) {
	if _, err := s.lock(); err != nil {
		return nil, err
	}
	defer s.unlock()
	if f := r.filters[arn]; f != nil {
		return cloneTags(f.tags), nil
	}
	return nil, nil
}

// DeleteFilter deletes a filter; the findings a suppression rule suppressed
// are restored unless another rule still matches them.
func (s *Service) DeleteFilter(caller *authz.Principal, region string, in *DeleteFilterRequest) (*DeleteFilterResponse, error) {
	if in == nil {
		in = &DeleteFilterRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	if in.Arn == "" {
		v.required("arn")
	} else {
		v.length("arn", in.Arn, 1, 128)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	tags, err := s.filterTags(r, in.Arn)
	if err != nil {
		return nil, err
	}
	if err := s.authorize(caller, authz.Check{Action: "inspector2:DeleteFilter", Resource: in.Arn,
		Context: tagContext("aws:ResourceTag/", tags, false)}); err != nil {
		return nil, err
	}
	if _, err := s.lock(); err != nil {
		return nil, err
	}
	defer s.unlock()
	f, err := r.findFilter(caller.Account, in.Arn)
	if err != nil {
		return nil, err
	}
	r.removeFilter(f)
	return &DeleteFilterResponse{Arn: f.arn}, nil
}

// ListFilters lists the filters the caller manages (its own; for the
// delegated administrator also its organization's), optionally only the
// given ARNs or one action, in ARN order. maxResults is 1..100 (default
// 100).
func (s *Service) ListFilters(caller *authz.Principal, region string, in *ListFiltersRequest) (*ListFiltersResponse, error) {
	if in == nil {
		in = &ListFiltersRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	limit := pageSize(&v, "maxResults", in.MaxResults, 1, 100, 100)
	validateAction(&v, in.Action, false)
	for i, a := range in.Arns {
		v.length("arns.member."+itoa(i+1), a, 1, 128)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	h := fingerprint(in.Arns, in.Action)
	after := ""
	if in.NextToken != "" {
		t, err := decodeToken(in.NextToken, "ListFilters", h)
		if err != nil {
			return nil, err
		}
		after = t.I
	}
	if err := s.authorize(caller, check("ListFilters")); err != nil {
		return nil, err
	}
	if _, err := s.lock(); err != nil {
		return nil, err
	}
	defer s.unlock()
	var list []*filter
	for _, f := range r.filters {
		if !r.manages(caller.Account, f.owner) || in.Action != "" && f.action != in.Action ||
			len(in.Arns) > 0 && !slices.Contains(in.Arns, f.arn) || f.arn <= after {
			continue
		}
		list = append(list, f)
	}
	slices.SortFunc(list, func(a, b *filter) int { return strings.Compare(a.arn, b.arn) })
	out := &ListFiltersResponse{Filters: []Filter{}}
	if len(list) > limit {
		list = list[:limit]
		out.NextToken = encodeToken(pageToken{Op: "ListFilters", H: h, I: list[limit-1].arn})
	}
	for _, f := range list {
		out.Filters = append(out.Filters, f.out())
	}
	return out, nil
}
