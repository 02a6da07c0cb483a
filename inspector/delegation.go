package inspector

import (
	"errors"
	"slices"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Delegated administration.
//
// Only an organization's management account enables or disables the
// delegated administrator, in each region separately; an organization has
// one delegated administrator, the same account in every region it is set
// in, and it must be a member account (not the management account). In the
// first region, EnableDelegatedAdminAccount enables trusted access for
// inspector2.amazonaws.com, registers the account as delegated
// administrator in Organizations and creates Inspector's service-linked
// role in the management account, calling Organizations and Identities
// with the caller so that they check their own rules and its permissions;
// the caller also needs inspector2:EnableDelegatedAdminAccount,
// organizations:EnableAWSServiceAccess,
// organizations:RegisterDelegatedAdministrator and
// iam:CreateServiceLinkedRole (iam:AWSServiceName inspector2.amazonaws.com).
//
// DisableDelegatedAdminAccount disassociates every member in the region
// (they become standalone and keep scanning with their settings); the
// delegated administrator stays DISABLE_IN_PROGRESS for AdminDisableDelay.
// When no region has it any more it is deregistered in Organizations
// (organizations:DeregisterDelegatedAdministrator). A registration removed
// directly in Organizations is noticed by the next delegated-administrator
// operation in each region, with the same effect.

func (s *Service) orgChecks(caller *authz.Principal, orgID, mgmt, target string, register bool) []authz.Check {
	spCtx := authz.NewContext().Set("organizations:ServicePrincipal", ServicePrincipal)
	accountArn := "*"
	if orgID != "" {
		accountArn = "arn:" + s.partition + ":organizations::" + mgmt + ":account/" + orgID + "/" + target
	}
	if !register {
		return []authz.Check{
			check("DisableDelegatedAdminAccount"),
			{Action: "organizations:DeregisterDelegatedAdministrator", Resource: accountArn, Context: spCtx},
		}
	}
	return []authz.Check{
		check("EnableDelegatedAdminAccount"),
		{Action: "organizations:EnableAWSServiceAccess", Resource: "*", Context: spCtx},
		{Action: "organizations:RegisterDelegatedAdministrator", Resource: accountArn, Context: spCtx.Clone()},
		slrCheck(s.partition, caller.Account),
	}
}

// slrCheck is the check for creating Inspector's service-linked role in an
// account.
func slrCheck(partition, account string) authz.Check {
	return authz.Check{Action: "iam:CreateServiceLinkedRole",
		Resource: "arn:" + partition + ":iam::" + account + ":role/aws-service-role/" + ServicePrincipal + "/" + ServiceLinkedRoleName,
		Context:  authz.NewContext().Set("iam:AWSServiceName", ServicePrincipal)}
}

// reconcile drops a region's delegated administrator whose registration
// Organizations no longer has, and reports whether it did.
func (r *region) reconcile(orgID string, registered []string, now int64) bool {
	if da := r.admins[orgID]; da != nil && da.status == DelegatedAdminStatusEnabled && !slices.Contains(registered, da.account) {
		r.dropAdmin(da, now)
		return true
	}
	return false
}

// dropAdmin disassociates every member and starts DISABLE_IN_PROGRESS.
func (r *region) dropAdmin(da *orgAdmin, now int64) {
	for _, m := range sortedAccounts(da.members) {
		r.disassociate(da, m, now)
	}
	da.status = DelegatedAdminStatusDisableInProgress
	da.until = now + int64(AdminDisableDelay)
	r.recountAccount(r.account(da.account))
}

func (r *region) disassociate(da *orgAdmin, m *account, now int64) {
	delete(da.members, m.id)
	m.admin = nil
	m.rel, m.relAt = RelationshipStatusRemoved, now
	r.recountAccount(m)
}

// adminConflict reports why target cannot become the organization's
// delegated administrator in region r, given every region's state.
func (s *Service) adminConflict(r *region, orgID, target string) error {
	if da := r.admins[orgID]; da != nil {
		switch {
		case da.status == DelegatedAdminStatusDisableInProgress:
			return conflict(da.account, "DelegatedAdminAccount", "Disabling the delegated administrator %s is in progress; retry later.", da.account)
		case da.account == target:
			return conflict(target, "DelegatedAdminAccount", "The delegated administrator %s is already enabled.", target)
		}
		return conflict(da.account, "DelegatedAdminAccount",
			"The organization already has a delegated administrator (%s); an organization can have only one.", da.account)
	}
	for _, name := range s.names {
		if da := s.regions[name].admins[orgID]; da != nil && da.status == DelegatedAdminStatusEnabled && da.account != target {
			return conflict(da.account, "DelegatedAdminAccount",
				"The delegated administrator must be the same account in every Region: %s is the delegated administrator in %s.", da.account, name)
		}
	}
	return nil
}

// EnableDelegatedAdminAccount makes a member account the organization's
// Inspector delegated administrator in the region.
func (s *Service) EnableDelegatedAdminAccount(caller *authz.Principal, region string, in *EnableDelegatedAdminAccountRequest) (*EnableDelegatedAdminAccountResponse, error) {
	if in == nil {
		in = &EnableDelegatedAdminAccountRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	if in.DelegatedAdminAccountID == "" {
		v.required("delegatedAdminAccountId")
	} else {
		v.accountID("delegatedAdminAccountId", in.DelegatedAdminAccountID)
	}
	if in.ClientToken != "" {
		v.length("clientToken", in.ClientToken, 1, 64)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	target := in.DelegatedAdminAccountID
	mgmt, orgID, inOrg := s.orgOf(caller.Account)
	if err := s.authorize(caller, s.orgChecks(caller, orgID, mgmt, target, true)...); err != nil {
		return nil, err
	}
	if !inOrg || mgmt != caller.Account {
		return nil, accessDenied("Only the management account of an organization can enable a delegated administrator.")
	}
	member, ok := s.orgMembers(orgID)[target]
	switch {
	case !ok:
		return nil, validationOther("The account %s is not a member of the organization %s.", target, orgID)
	case target == mgmt:
		return nil, validationOther("The management account cannot be the delegated administrator; designate a member account.")
	case member.Status == "SUSPENDED" || member.Status == "CLOSED" || member.Status == "PENDING_CLOSURE":
		return nil, validationOther("The account %s is suspended or closed and cannot be the delegated administrator.", target)
	}
	registered := s.orgs.DelegatedAdministrators(orgID, ServicePrincipal)
	for _, a := range registered {
		if a != target {
			return nil, conflict(a, "DelegatedAdminAccount",
				"The organization already has a delegated administrator (%s); an organization can have only one.", a)
		}
	}

	now, err := s.lock()
	if err != nil {
		return nil, err
	}
	r.reconcile(orgID, registered, now)
	err = s.adminConflict(r, orgID, target)
	s.unlock()
	if err != nil {
		return nil, err
	}

	if !s.orgs.ServiceAccessEnabled(orgID, ServicePrincipal) {
		if err := s.orgs.EnableAWSServiceAccess(caller, ServicePrincipal); err != nil {
			return nil, fromDependency(err)
		}
	}
	if !slices.Contains(registered, target) {
		if err := s.orgs.RegisterDelegatedAdministrator(caller, target, ServicePrincipal); err != nil {
			if !hasCode(err, "AccountAlreadyRegisteredException") {
				return nil, fromDependency(err)
			}
		}
	}
	if s.ids != nil {
		if err := s.ids.CreateServiceLinkedRole(mgmt, ServicePrincipal); err != nil {
			return nil, fromDependency(err)
		}
	}

	now, err = s.lock()
	if err != nil {
		return nil, err
	}
	defer s.unlock()
	if err := s.adminConflict(r, orgID, target); err != nil {
		return nil, err
	}
	da := &orgAdmin{orgID: orgID, account: target, status: DelegatedAdminStatusEnabled, members: map[string]*account{}}
	r.admins[orgID] = da
	r.adminOf[target] = da
	a := r.account(target)
	if a.admin != nil {
		r.disassociate(a.admin, a, now)
	}
	r.recountAccount(a)
	return &EnableDelegatedAdminAccountResponse{DelegatedAdminAccountID: target}, nil
}

func hasCode(err error, code string) bool {
	var ec errorCoder
	return errors.As(err, &ec) && ec.ErrorCode() == code
}

// DisableDelegatedAdminAccount removes the organization's delegated
// administrator in the region.
func (s *Service) DisableDelegatedAdminAccount(caller *authz.Principal, region string, in *DisableDelegatedAdminAccountRequest) (*DisableDelegatedAdminAccountResponse, error) {
	if in == nil {
		in = &DisableDelegatedAdminAccountRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	if in.DelegatedAdminAccountID == "" {
		v.required("delegatedAdminAccountId")
	} else {
		v.accountID("delegatedAdminAccountId", in.DelegatedAdminAccountID)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	target := in.DelegatedAdminAccountID
	mgmt, orgID, inOrg := s.orgOf(caller.Account)
	if err := s.authorize(caller, s.orgChecks(caller, orgID, mgmt, target, false)...); err != nil {
		return nil, err
	}
	if !inOrg || mgmt != caller.Account {
		return nil, accessDenied("Only the management account of an organization can disable the delegated administrator.")
	}
	registered := s.orgs.DelegatedAdministrators(orgID, ServicePrincipal)

	// dropped: the registration was removed in Organizations and the
	// delegation ended with it; disabling it again succeeds.
	dropped := false
	check := func(now int64) (elsewhere bool, err error) {
		dropped = r.reconcile(orgID, registered, now) || dropped
		da := r.admins[orgID]
		switch {
		case da == nil || da.account != target:
			return false, notFound("The account %s is not the delegated administrator of the organization in %s.", target, r.name)
		case da.status == DelegatedAdminStatusDisableInProgress && !dropped:
			return false, conflict(target, "DelegatedAdminAccount", "Disabling the delegated administrator %s is already in progress.", target)
		}
		for _, name := range s.names {
			if o := s.regions[name]; o != r {
				if d := o.admins[orgID]; d != nil && d.account == target && d.status == DelegatedAdminStatusEnabled {
					elsewhere = true
				}
			}
		}
		return elsewhere, nil
	}
	now, err := s.lock()
	if err != nil {
		return nil, err
	}
	elsewhere, err := check(now)
	s.unlock()
	if err != nil {
		return nil, err
	}
	if !elsewhere && slices.Contains(registered, target) {
		if err := s.orgs.DeregisterDelegatedAdministrator(caller, target, ServicePrincipal); err != nil {
			if !hasCode(err, "AccountNotRegisteredException") {
				return nil, fromDependency(err)
			}
		}
		registered = slices.DeleteFunc(slices.Clone(registered), func(a string) bool { return a == target })
	}
	now, err = s.lock()
	if err != nil {
		return nil, err
	}
	defer s.unlock()
	if da := r.admins[orgID]; da != nil && da.account == target && da.status == DelegatedAdminStatusEnabled {
		r.dropAdmin(da, now)
	} else if _, err := check(now); err != nil {
		return nil, err
	}
	return &DisableDelegatedAdminAccountResponse{DelegatedAdminAccountID: target}, nil
}

// GetDelegatedAdminAccount returns the organization's delegated
// administrator in the region, to any account of the organization; the
// response is empty when there is none. An account outside any
// organization gets ValidationException.
func (s *Service) GetDelegatedAdminAccount(caller *authz.Principal, region string) (*GetDelegatedAdminAccountResponse, error) {
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	if err := s.authorize(caller, check("GetDelegatedAdminAccount")); err != nil {
		return nil, err
	}
	_, orgID, inOrg := s.orgOf(caller.Account)
	if !inOrg {
		return nil, validationOther("The account %s is not part of an organization.", caller.Account)
	}
	registered := s.orgs.DelegatedAdministrators(orgID, ServicePrincipal)
	now, err := s.lock()
	if err != nil {
		return nil, err
	}
	defer s.unlock()
	r.reconcile(orgID, registered, now)
	out := &GetDelegatedAdminAccountResponse{}
	if da := r.admins[orgID]; da != nil {
		st := RelationshipStatusEnabled
		if da.status != DelegatedAdminStatusEnabled {
			st = RelationshipStatusDisabled
		}
		out.DelegatedAdmin = &DelegatedAdmin{AccountID: da.account, RelationshipStatus: st}
	}
	return out, nil
}

// ListDelegatedAdminAccounts lists the organization's delegated
// administrator in the region (ENABLED or DISABLE_IN_PROGRESS), to the
// management account. The delegated administrator itself gets
// ValidationException ("... is the delegated admin"), other accounts
// AccessDeniedException. maxResults is 1..5.
func (s *Service) ListDelegatedAdminAccounts(caller *authz.Principal, region string, in *ListDelegatedAdminAccountsRequest) (*ListDelegatedAdminAccountsResponse, error) {
	if in == nil {
		in = &ListDelegatedAdminAccountsRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	pageSize(&v, "maxResults", in.MaxResults, 1, 5, 5)
	if err := v.err(); err != nil {
		return nil, err
	}
	if in.NextToken != "" {
		if _, err := decodeToken(in.NextToken, "ListDelegatedAdminAccounts", 0); err != nil {
			return nil, err
		}
	}
	if err := s.authorize(caller, check("ListDelegatedAdminAccounts")); err != nil {
		return nil, err
	}
	mgmt, orgID, inOrg := s.orgOf(caller.Account)
	var registered []string
	if inOrg {
		registered = s.orgs.DelegatedAdministrators(orgID, ServicePrincipal)
	}
	now, err := s.lock()
	if err != nil {
		return nil, err
	}
	defer s.unlock()
	if inOrg {
		r.reconcile(orgID, registered, now)
	}
	if da := r.adminOf[caller.Account]; da != nil && da.status == DelegatedAdminStatusEnabled {
		return nil, validationOther("Account %s is the delegated admin; only the management account can list delegated admin accounts.", caller.Account)
	}
	if !inOrg || mgmt != caller.Account {
		return nil, accessDenied("Only the management account of an organization can list delegated admin accounts.")
	}
	out := &ListDelegatedAdminAccountsResponse{}
	if da := r.admins[orgID]; da != nil {
		out.DelegatedAdminAccounts = []DelegatedAdminAccount{{AccountID: da.account, Status: da.status}}
	}
	return out, nil
}
