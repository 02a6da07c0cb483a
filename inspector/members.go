package inspector

import (
	"math"
	"slices"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Members.
//
// The delegated administrator associates accounts of its organization as
// members, in each region. Association applies the organization's
// auto-enable configuration (UpdateOrganizationConfiguration) to the
// member: the scan types set there start ENABLING. A member's findings,
// resources and coverage become visible to the delegated administrator,
// the organization's suppression rules apply to them, and the delegated
// administrator manages its scanning. Disassociation makes it standalone
// again: it keeps Inspector enabled with its scan types and findings, and
// the organization's rules stop applying. At most MaxMembers accounts can
// be associated; beyond, AssociateMember fails with
// ServiceQuotaExceededException (HTTP 402) and
// DescribeOrganizationConfiguration reports maxAccountLimitReached.
//
// Relationship statuses: ENABLED while associated, REMOVED after
// disassociation, CREATED for an account of the organization never
// associated, ACCOUNT_SUSPENDED for a suspended account. Calls by an
// account that is not the delegated administrator fail with
// AccessDeniedException (ListMembers returns an empty list).

func (s *Service) requireAdmin(r *region, caller string) (*orgAdmin, error) {
	da := r.account(caller).isAdmin()
	if da == nil {
		return nil, accessDenied("The account %s is not the Amazon Inspector delegated administrator in %s.", caller, r.name)
	}
	return da, nil
}

func memberRecord(r *region, id string, org MemberAccount, da *orgAdmin) Member {
	m := Member{AccountID: id, RelationshipStatus: RelationshipStatusCreated}
	if a := r.accounts[id]; a != nil {
		switch {
		case a.admin == da && da != nil:
			m.RelationshipStatus, m.DelegatedAdminAccountID = RelationshipStatusEnabled, da.account
		case a.everAs:
			m.RelationshipStatus, m.DelegatedAdminAccountID = a.rel, a.relDA
		}
		m.UpdatedAt = unixTime(a.relAt)
	}
	if org.Status == "SUSPENDED" || org.Status == "PENDING_CLOSURE" || org.Status == "CLOSED" {
		m.RelationshipStatus = RelationshipStatusAccountSuspended
	}
	return m
}

// memberCall is the frame of the calls on one member account: the
// caller's region, accountId present and well formed, then the caller's
// IAM permission for action.
func (s *Service) memberCall(caller *authz.Principal, region, accountID, action string) (*region, error) {
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	if accountID == "" {
		v.required("accountId")
	} else {
		v.accountID("accountId", accountID)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := s.authorize(caller, check(action)); err != nil {
		return nil, err
	}
	return r, nil
}

// AssociateMember associates an account of the organization with the
// caller, its delegated administrator.
func (s *Service) AssociateMember(caller *authz.Principal, region string, in *AssociateMemberRequest) (*AssociateMemberResponse, error) {
	if in == nil {
		in = &AssociateMemberRequest{}
	}
	r, err := s.memberCall(caller, region, in.AccountID, "AssociateMember")
	if err != nil {
		return nil, err
	}
	_, orgID, _ := s.orgOf(caller.Account)
	members := s.orgMembers(orgID)
	now, err := s.lock()
	if err != nil {
		return nil, err
	}
	defer s.unlock()
	da, err := s.requireAdmin(r, caller.Account)
	if err != nil {
		return nil, err
	}
	target := in.AccountID
	if target == caller.Account {
		return nil, validationOther("The delegated administrator cannot associate its own account as a member.")
	}
	if _, ok := members[target]; !ok || da.orgID != orgID {
		return nil, validationOther("The account %s is not part of the organization %s.", target, da.orgID)
	}
	m := r.account(target)
	if m.admin == da {
		return &AssociateMemberResponse{AccountID: target}, nil
	}
	if len(da.members) >= MaxMembers {
		da.limitReached = true
		return nil, quotaExceeded(target, "The organization has reached the maximum number of member accounts (%d) for the delegated administrator.", MaxMembers)
	}
	da.members[target] = m
	m.admin, m.everAs = da, true
	m.rel, m.relAt, m.relDA = RelationshipStatusEnabled, now, da.account
	if conf := r.orgConf[da.orgID]; conf != nil {
		var types []int
		for st, on := range conf.auto {
			if on {
				types = append(types, st)
			}
		}
		if !m.suspended {
			r.enableTypes(m, types, now)
		}
	}
	r.recountAccount(m)
	return &AssociateMemberResponse{AccountID: target}, nil
}

// DisassociateMember ends a member's association with the caller.
func (s *Service) DisassociateMember(caller *authz.Principal, region string, in *DisassociateMemberRequest) (*DisassociateMemberResponse, error) {
	if in == nil {
		in = &DisassociateMemberRequest{}
	}
	r, err := s.memberCall(caller, region, in.AccountID, "DisassociateMember")
	if err != nil {
		return nil, err
	}
	now, err := s.lock()
	if err != nil {
		return nil, err
	}
	defer s.unlock()
	da, err := s.requireAdmin(r, caller.Account)
	if err != nil {
		return nil, err
	}
	m := da.members[in.AccountID]
	if m == nil {
		return nil, validationOther("The account %s is not associated with the delegated administrator %s.", in.AccountID, caller.Account)
	}
	r.disassociate(da, m, now)
	return &DisassociateMemberResponse{AccountID: in.AccountID}, nil
}

// GetMember returns the member record of an account of the organization,
// to the delegated administrator (or to the account itself).
func (s *Service) GetMember(caller *authz.Principal, region string, in *GetMemberRequest) (*GetMemberResponse, error) {
	if in == nil {
		in = &GetMemberRequest{}
	}
	r, err := s.memberCall(caller, region, in.AccountID, "GetMember")
	if err != nil {
		return nil, err
	}
	_, orgID, _ := s.orgOf(caller.Account)
	members := s.orgMembers(orgID)
	if _, err := s.lock(); err != nil {
		return nil, err
	}
	defer s.unlock()
	da := r.account(caller.Account).isAdmin()
	if da == nil && in.AccountID != caller.Account {
		return nil, accessDenied("The account %s is not the Amazon Inspector delegated administrator in %s.", caller.Account, r.name)
	}
	org, ok := members[in.AccountID]
	if !ok {
		return nil, notFound("The account %s is not part of the organization.", in.AccountID)
	}
	if da == nil {
		da = r.account(caller.Account).admin
	}
	m := memberRecord(r, in.AccountID, org, da)
	return &GetMemberResponse{Member: &m}, nil
}

// ListMembers lists the delegated administrator's members (onlyAssociated,
// the default) or every account of the organization but itself, in account
// order. maxResults is 1..50 (default 50).
func (s *Service) ListMembers(caller *authz.Principal, region string, in *ListMembersRequest) (*ListMembersResponse, error) {
	if in == nil {
		in = &ListMembersRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	limit := pageSize(&v, "maxResults", in.MaxResults, 1, 50, 50)
	if err := v.err(); err != nil {
		return nil, err
	}
	only := in.OnlyAssociated == nil || *in.OnlyAssociated
	h := fingerprint(only)
	after := ""
	if in.NextToken != "" {
		t, err := decodeToken(in.NextToken, "ListMembers", h)
		if err != nil {
			return nil, err
		}
		after = t.I
	}
	if err := s.authorize(caller, check("ListMembers")); err != nil {
		return nil, err
	}
	_, orgID, _ := s.orgOf(caller.Account)
	members := s.orgMembers(orgID)
	if _, err := s.lock(); err != nil {
		return nil, err
	}
	defer s.unlock()
	out := &ListMembersResponse{}
	da := r.account(caller.Account).isAdmin()
	if da == nil {
		return out, nil
	}
	var ids []string
	if only {
		for id := range da.members {
			ids = append(ids, id)
		}
	} else {
		for id := range members {
			if id != caller.Account {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	i, _ := slices.BinarySearch(ids, after)
	if after != "" && i < len(ids) && ids[i] == after {
		i++
	}
	ids = ids[i:]
	if len(ids) > limit {
		ids = ids[:limit]
		out.NextToken = encodeToken(pageToken{Op: "ListMembers", H: h, I: ids[limit-1]})
	}
	for _, id := range ids {
		out.Members = append(out.Members, memberRecord(r, id, members[id], da))
	}
	return out, nil
}

func boolp(b bool) *bool { return &b }

func (c *orgConfig) autoEnable() *AutoEnable {
	return &AutoEnable{Ec2: boolp(c.auto[stEC2]), Ecr: boolp(c.auto[stECR]), Lambda: boolp(c.auto[stLambda]),
		LambdaCode: boolp(c.auto[stLambdaCode]), CodeRepository: boolp(c.auto[stCodeRepository])}
}

// UpdateOrganizationConfiguration sets which scan types are enabled for
// accounts when they are associated later (ec2 and ecr are required). Only
// the delegated administrator may call it.
func (s *Service) UpdateOrganizationConfiguration(caller *authz.Principal, region string, in *UpdateOrganizationConfigurationRequest) (*UpdateOrganizationConfigurationResponse, error) {
	if in == nil {
		in = &UpdateOrganizationConfigurationRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	if in.AutoEnable == nil {
		v.required("autoEnable")
	} else {
		if in.AutoEnable.Ec2 == nil {
			v.required("autoEnable.ec2")
		}
		if in.AutoEnable.Ecr == nil {
			v.required("autoEnable.ecr")
		}
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := s.authorize(caller, check("UpdateOrganizationConfiguration")); err != nil {
		return nil, err
	}
	if _, err := s.lock(); err != nil {
		return nil, err
	}
	defer s.unlock()
	da, err := s.requireAdmin(r, caller.Account)
	if err != nil {
		return nil, err
	}
	conf := r.orgConf[da.orgID]
	if conf == nil {
		conf = &orgConfig{}
		r.orgConf[da.orgID] = conf
	}
	ae := in.AutoEnable
	for st, p := range []*bool{ae.Ec2, ae.Ecr, ae.Lambda, ae.LambdaCode, ae.CodeRepository} {
		if p != nil {
			conf.auto[st] = *p
		}
	}
	return &UpdateOrganizationConfigurationResponse{AutoEnable: conf.autoEnable()}, nil
}

// DescribeOrganizationConfiguration returns the auto-enable configuration
// and whether the member limit was reached. Only the delegated
// administrator may call it.
func (s *Service) DescribeOrganizationConfiguration(caller *authz.Principal, region string) (*DescribeOrganizationConfigurationResponse, error) {
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	if err := s.authorize(caller, check("DescribeOrganizationConfiguration")); err != nil {
		return nil, err
	}
	if _, err := s.lock(); err != nil {
		return nil, err
	}
	defer s.unlock()
	da, err := s.requireAdmin(r, caller.Account)
	if err != nil {
		return nil, err
	}
	conf := r.orgConf[da.orgID]
	if conf == nil {
		conf = &orgConfig{}
	}
	return &DescribeOrganizationConfigurationResponse{AutoEnable: conf.autoEnable(),
		MaxAccountLimitReached: boolp(da.limitReached || len(da.members) >= MaxMembers)}, nil
}

// ListAccountPermissions lists the scanning operations the caller may
// perform per service. An associated member gets fewer: it cannot disable
// scanning. maxResults is 1..1024.
func (s *Service) ListAccountPermissions(caller *authz.Principal, region string, in *ListAccountPermissionsRequest) (*ListAccountPermissionsResponse, error) {
	if in == nil {
		in = &ListAccountPermissionsRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	limit := pageSize(&v, "maxResults", in.MaxResults, 1, 1024, 1024)
	if in.Service != "" && !slices.Contains(in.Service.Values(), in.Service) {
		v.enum("service", string(in.Service), enumStrings(in.Service.Values()))
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	h := fingerprint(in.Service)
	offset := 0
	if in.NextToken != "" {
		t, err := decodeToken(in.NextToken, "ListAccountPermissions", h)
		if err != nil {
			return nil, err
		}
		offset = int(t.N)
	}
	if err := s.authorize(caller, check("ListAccountPermissions")); err != nil {
		return nil, err
	}
	if _, err := s.lock(); err != nil {
		return nil, err
	}
	member := r.account(caller.Account).admin != nil
	s.unlock()
	var all []Permission
	for _, svc := range PermissionService("").Values() {
		if in.Service != "" && svc != in.Service {
			continue
		}
		all = append(all, Permission{Service: svc, Operation: OperationEnableScanning})
		if !member {
			all = append(all, Permission{Service: svc, Operation: OperationDisableScanning})
		}
		if svc == PermissionServiceEcr {
			all = append(all, Permission{Service: svc, Operation: OperationEnableRepository},
				Permission{Service: svc, Operation: OperationDisableRepository})
		}
	}
	out := &ListAccountPermissionsResponse{Permissions: []Permission{}}
	if offset < len(all) {
		all = all[offset:]
		if len(all) > limit {
			all = all[:limit]
			out.NextToken = encodeToken(pageToken{Op: "ListAccountPermissions", H: h, N: float64(offset + limit)})
		}
		out.Permissions = all
	}
	return out, nil
}

// Usage pricing, in USD: AWS's published us-east-1 list prices, taken as
// the model's assumption for every region. Monthly prices are spread over
// 730 hours.
const (
	priceEC2InstanceMonth    = 1.258
	priceECRInitialScan      = 0.09
	priceECRRescan           = 0.01
	priceLambdaFunctionMonth = 0.30
	hoursPerMonth            = 730
)

// ListUsageTotals reports each account's usage over the last 30 days,
// computed from the resources scanned: EC2 instance hours and Lambda
// function hours covered by scanning, ECR initial scans and rescans, with
// their estimated cost in USD (see the price constants). The caller sees
// itself and, as delegated administrator, its members; other requested
// accounts are left out. maxResults is 1..500 (default 500).
func (s *Service) ListUsageTotals(caller *authz.Principal, region string, in *ListUsageTotalsRequest) (*ListUsageTotalsResponse, error) {
	if in == nil {
		in = &ListUsageTotalsRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	limit := pageSize(&v, "maxResults", in.MaxResults, 1, 500, 500)
	validateAccountIDs(&v, "accountIds", in.AccountIDs, 0, 7000)
	if err := v.err(); err != nil {
		return nil, err
	}
	h := fingerprint(in.AccountIDs)
	after := ""
	if in.NextToken != "" {
		t, err := decodeToken(in.NextToken, "ListUsageTotals", h)
		if err != nil {
			return nil, err
		}
		after = t.I
	}
	if err := s.authorize(caller, check("ListUsageTotals")); err != nil {
		return nil, err
	}
	now, err := s.lock()
	if err != nil {
		return nil, err
	}
	defer s.unlock()
	var accts []*account
	for _, a := range r.visible(caller.Account) {
		if (len(in.AccountIDs) == 0 || slices.Contains(in.AccountIDs, a.id)) && a.id > after {
			accts = append(accts, a)
		}
	}
	out := &ListUsageTotalsResponse{}
	if len(accts) > limit {
		accts = accts[:limit]
		out.NextToken = encodeToken(pageToken{Op: "ListUsageTotals", H: h, I: accts[limit-1].id})
	}
	from := now - int64(30*24*time.Hour)
	for _, a := range accts {
		var ec2h, lambdah float64
		var initial, rescans int
		for _, res := range a.resources {
			switch res.rt {
			case rtEC2:
				ec2h += res.coveredHours(from, now)
			case rtLambda:
				lambdah += res.coveredHours(from, now)
			case rtECRImage:
				if res.firstScan >= from && res.firstScan != 0 {
					initial++
				}
				for _, t := range res.rescans {
					if t >= from {
						rescans++
					}
				}
			}
		}
		round := func(x float64) float64 { return math.Round(x*100) / 100 }
		out.Totals = append(out.Totals, UsageTotal{AccountID: a.id, Usage: []Usage{
			{Type: UsageTypeEc2InstanceHours, Total: ec2h, EstimatedMonthlyCost: round(ec2h * priceEC2InstanceMonth / hoursPerMonth), Currency: CurrencyUsd},
			{Type: UsageTypeEcrInitialScan, Total: float64(initial), EstimatedMonthlyCost: round(float64(initial) * priceECRInitialScan), Currency: CurrencyUsd},
			{Type: UsageTypeEcrRescan, Total: float64(rescans), EstimatedMonthlyCost: round(float64(rescans) * priceECRRescan), Currency: CurrencyUsd},
			{Type: UsageTypeLambdaFunctionHours, Total: lambdah, EstimatedMonthlyCost: round(lambdah * priceLambdaFunctionMonth / hoursPerMonth), Currency: CurrencyUsd},
		}})
	}
	return out, nil
}
