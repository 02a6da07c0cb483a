package org

import (
	"slices"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// EnableAWSServiceAccess gives a service trusted access to the caller's
// organization. Only the management account of an organization with all
// features may call it (ConstraintViolationException
// ORGANIZATION_NOT_IN_ALL_FEATURES_MODE otherwise); the service principal
// must be one of TrustedServices (InvalidInputException
// UNRECOGNIZED_SERVICE_PRINCIPAL). Enabling a service that has access
// already succeeds and changes nothing. For services with
// TrustedService.ServiceLinkedRole (inspector2.amazonaws.com), the
// service-linked role is created in the management account first; if the
// identity layer fails, access is not enabled (ServiceException).
func (o *Organization) EnableAWSServiceAccess(caller *authz.Principal, servicePrincipal string) error {
	if err := validServicePrincipal(servicePrincipal); err != nil {
		return err
	}
	c, err := o.start(caller)
	if err != nil {
		return err
	}
	if err := c.authorize("EnableAWSServiceAccess", servicePrincipalCondition(servicePrincipal)); err != nil {
		return err
	}
	check := func() (*orgState, bool, error) {
		g, _, err := o.ruleLocked(c.acct, ruleManagement)
		if err != nil {
			return nil, false, err
		}
		if g.featureSet != OrganizationFeatureSetAll {
			return nil, false, errConstraint(ConstraintViolationExceptionReasonOrganizationNotInAllFeaturesMode)
		}
		if trustedByPrincipal[servicePrincipal] == nil {
			return nil, false, errInvalid(InvalidInputExceptionReasonUnrecognizedServicePrincipal)
		}
		return g, g.services[servicePrincipal] != nil, nil
	}
	o.mu.Lock()
	g, enabled, err := check()
	o.mu.Unlock()
	if err != nil || enabled {
		return err
	}
	if trustedByPrincipal[servicePrincipal].ServiceLinkedRole && o.identities != nil {
		if err := o.identities.CreateServiceLinkedRole(g.mgmt.id, servicePrincipal); err != nil {
			return errService()
		}
	}
	now := o.lockAdvanced()
	defer o.mu.Unlock()
	g, enabled, err = check()
	if err != nil || enabled {
		return err
	}
	g.services[servicePrincipal] = &serviceAccess{service: servicePrincipal, date: now, seq: o.nextSeq()}
	return nil
}

// DisableAWSServiceAccess withdraws a service's trusted access.
//
// What this does to the service's delegated administrators AWS does not
// document. This model deregisters them: a delegated administrator acts
// for the organization through the service's trusted access, which is
// gone, and a registration without trusted access is a state
// RegisterDelegatedAdministrator cannot produce. (AWS recommends disabling
// through the service itself, which cleans up first; for Amazon Inspector
// that is DisableDelegatedAdminAccount.) Disabling a service that has no
// access succeeds and changes nothing.
func (o *Organization) DisableAWSServiceAccess(caller *authz.Principal, servicePrincipal string) error {
	if err := validServicePrincipal(servicePrincipal); err != nil {
		return err
	}
	return inOrgErr(o, caller, ruleManagement, func(c *call) error {
		return c.authorize("DisableAWSServiceAccess", servicePrincipalCondition(servicePrincipal))
	}, func(_ *call, g *orgState) error {
		if g.featureSet != OrganizationFeatureSetAll {
			return errConstraint(ConstraintViolationExceptionReasonOrganizationNotInAllFeaturesMode)
		}
		if trustedByPrincipal[servicePrincipal] == nil {
			return errInvalid(InvalidInputExceptionReasonUnrecognizedServicePrincipal)
		}
		if g.services[servicePrincipal] == nil {
			return nil
		}
		delete(g.services, servicePrincipal)
		for _, d := range g.das[servicePrincipal] {
			o.dropDelegationLocked(g, d.acct, servicePrincipal)
		}
		return nil
	})
}

// ListAWSServiceAccessForOrganizationInput is the input of
// ListAWSServiceAccessForOrganization.
type ListAWSServiceAccessForOrganizationInput struct {
	MaxResults int32  `json:"MaxResults,omitempty"`
	NextToken  string `json:"NextToken,omitempty"`
}

// ListAWSServiceAccessForOrganizationOutput is the output of
// ListAWSServiceAccessForOrganization.
type ListAWSServiceAccessForOrganizationOutput struct {
	EnabledServicePrincipals []EnabledServicePrincipal `json:"EnabledServicePrincipals"`
	NextToken                string                    `json:"NextToken,omitempty"`
}

// ListAWSServiceAccessForOrganization lists the services with trusted
// access, in the order access was enabled. The management account and
// delegated administrators may call it.
func (o *Organization) ListAWSServiceAccessForOrganization(caller *authz.Principal, in ListAWSServiceAccessForOrganizationInput) (ListAWSServiceAccessForOrganizationOutput, error) {
	var out ListAWSServiceAccessForOrganizationOutput
	p, perr := newPager("ListAWSServiceAccessForOrganization", "", in.MaxResults, in.NextToken)
	if perr != nil {
		return out, perr
	}
	return inOrg(o, caller, ruleAdmin, func(c *call) error { return c.authorize("ListAWSServiceAccessForOrganization", condition{}) }, func(_ *call, g *orgState) (ListAWSServiceAccessForOrganizationOutput, error) {
		if g.featureSet != OrganizationFeatureSetAll {
			return out, errConstraint(ConstraintViolationExceptionReasonOrganizationNotInAllFeaturesMode)
		}
		items, next := pageValues(g.services, func(s *serviceAccess) uint64 { return s.seq }, p)
		out.NextToken = next
		out.EnabledServicePrincipals = make([]EnabledServicePrincipal, len(items))
		for i, s := range items {
			out.EnabledServicePrincipals[i] = EnabledServicePrincipal{DateEnabled: s.date, ServicePrincipal: s.service}
		}
		return out, nil
	})
}

// delegable finds a service that supports delegated administrators.
func delegable(sp string) *TrustedService {
	if s := trustedByPrincipal[sp]; s != nil && s.MaxDelegatedAdministrators > 0 {
		return s
	}
	return nil
}

// RegisterDelegatedAdministrator makes a member account a delegated
// administrator of a service, which lets it read the organization
// (Describe* and List* of accounts, OUs, roots, policies, trusted access
// and delegated administrators) on the service's behalf. Only the
// management account may call it. The checks, in order:
// ORGANIZATION_NOT_IN_ALL_FEATURES_MODE; the service must support
// delegated administrators (InvalidInputException
// UNRECOGNIZED_SERVICE_PRINCIPAL); not the management account
// (CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR); an account of the
// organization (AccountNotFoundException); trusted access enabled
// (SERVICE_ACCESS_NOT_ENABLED); an ACTIVE account
// (CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR); not
// registered for the service already (AccountAlreadyRegisteredException);
// and room under the service's limit: a service that allows one delegated
// administrator and has it answers
// DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE, one that allows more
// MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED (which of the
// two AWS returns in the first case is not documented).
func (o *Organization) RegisterDelegatedAdministrator(caller *authz.Principal, accountID, servicePrincipal string) error {
	if err := validAccountID(accountID); err != nil {
		return err
	}
	if err := validServicePrincipal(servicePrincipal); err != nil {
		return err
	}
	c, err := o.start(caller)
	if err != nil {
		return err
	}
	if err := c.authorize("RegisterDelegatedAdministrator", servicePrincipalCondition(servicePrincipal), c.accountARN(accountID)); err != nil {
		return err
	}
	now := o.lockAdvanced()
	defer o.mu.Unlock()
	g, a, err := o.delegationTargetLocked(c.acct, accountID, servicePrincipal)
	if err != nil {
		return err
	}
	svc := delegable(servicePrincipal)
	if g.services[servicePrincipal] == nil {
		return errConstraint(ConstraintViolationExceptionReasonServiceAccessNotEnabled)
	}
	if a.state != AccountStateActive {
		return errConstraint(ConstraintViolationExceptionReasonCannotRegisterSuspendedAccountAsDelegatedAdministrator)
	}
	if a.delegated[servicePrincipal] != nil {
		return newError("AccountAlreadyRegisteredException", msgAlreadyRegistered)
	}
	if n := len(g.das[servicePrincipal]); n >= svc.MaxDelegatedAdministrators {
		if svc.MaxDelegatedAdministrators == 1 {
			return errConstraint(ConstraintViolationExceptionReasonDelegatedAdministratorExistsForThisService)
		}
		return errConstraint(ConstraintViolationExceptionReasonMaxDelegatedAdministratorsForServiceLimitExceeded)
	}
	d := &delegation{service: servicePrincipal, acct: a, date: now, seq: o.nextSeq()}
	if g.das[servicePrincipal] == nil {
		g.das[servicePrincipal] = make(map[string]*delegation)
	}
	g.das[servicePrincipal][a.id] = d
	if a.delegated == nil {
		a.delegated = make(map[string]*delegation)
	}
	if len(a.delegated) == 0 {
		a.daSeq, a.daSince = d.seq, now
		g.daAccounts[a.id] = a
	}
	a.delegated[servicePrincipal] = d
	return nil
}

// delegationTargetLocked applies the checks Register and Deregister share.
func (o *Organization) delegationTargetLocked(caller, accountID, sp string) (*orgState, *account, error) {
	g, _, err := o.ruleLocked(caller, ruleManagement)
	if err != nil {
		return nil, nil, err
	}
	if g.featureSet != OrganizationFeatureSetAll {
		return nil, nil, errConstraint(ConstraintViolationExceptionReasonOrganizationNotInAllFeaturesMode)
	}
	if delegable(sp) == nil {
		return nil, nil, errInvalid(InvalidInputExceptionReasonUnrecognizedServicePrincipal)
	}
	if accountID == g.mgmt.id {
		return nil, nil, errConstraint(ConstraintViolationExceptionReasonCannotRegisterMasterAsDelegatedAdministrator)
	}
	a := o.accounts[accountID]
	if a == nil || a.org != g {
		return nil, nil, errAccountNotFound()
	}
	return g, a, nil
}

// DeregisterDelegatedAdministrator removes an account's registration as a
// delegated administrator of a service (AccountNotRegisteredException if
// there is none). An account whose last registration goes loses the
// organization read access it had.
func (o *Organization) DeregisterDelegatedAdministrator(caller *authz.Principal, accountID, servicePrincipal string) error {
	if err := validAccountID(accountID); err != nil {
		return err
	}
	if err := validServicePrincipal(servicePrincipal); err != nil {
		return err
	}
	c, err := o.start(caller)
	if err != nil {
		return err
	}
	if err := c.authorize("DeregisterDelegatedAdministrator", servicePrincipalCondition(servicePrincipal), c.accountARN(accountID)); err != nil {
		return err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	g, a, err := o.delegationTargetLocked(c.acct, accountID, servicePrincipal)
	if err != nil {
		if e, ok := err.(*Error); ok && e.Reason == string(ConstraintViolationExceptionReasonCannotRegisterMasterAsDelegatedAdministrator) {
			return newError("AccountNotRegisteredException", msgNotRegistered)
		}
		return err
	}
	if a.delegated[servicePrincipal] == nil {
		return newError("AccountNotRegisteredException", msgNotRegistered)
	}
	o.dropDelegationLocked(g, a, servicePrincipal)
	return nil
}

func (o *Organization) dropDelegationLocked(g *orgState, a *account, sp string) {
	delete(g.das[sp], a.id)
	if len(g.das[sp]) == 0 {
		delete(g.das, sp)
	}
	delete(a.delegated, sp)
	if len(a.delegated) == 0 {
		delete(g.daAccounts, a.id)
	}
}

func (o *Organization) delegatedAdminLocked(a *account, date DelegatedService) DelegatedAdministrator {
	acct := o.accountLocked(a)
	return DelegatedAdministrator{
		Arn:                   acct.Arn,
		DelegationEnabledDate: date.DelegationEnabledDate,
		Email:                 acct.Email,
		Id:                    acct.Id,
		JoinedMethod:          acct.JoinedMethod,
		JoinedTimestamp:       acct.JoinedTimestamp,
		Name:                  acct.Name,
		State:                 acct.State,
		Status:                acct.Status,
	}
}

// ListDelegatedAdministratorsInput is the input of
// ListDelegatedAdministrators.
type ListDelegatedAdministratorsInput struct {
	MaxResults int32  `json:"MaxResults,omitempty"`
	NextToken  string `json:"NextToken,omitempty"`
	// ServicePrincipal limits the list to one service's delegated
	// administrators.
	ServicePrincipal string `json:"ServicePrincipal,omitempty"`
}

// ListDelegatedAdministratorsOutput is the output of
// ListDelegatedAdministrators.
type ListDelegatedAdministratorsOutput struct {
	DelegatedAdministrators []DelegatedAdministrator `json:"DelegatedAdministrators"`
	NextToken               string                   `json:"NextToken,omitempty"`
}

// ListDelegatedAdministrators lists the delegated administrators of one
// service, in order of registration, with the date of that registration;
// or, without ServicePrincipal, every account that is a delegated
// administrator of some service, in order of its first registration, with
// that date. The management account and delegated administrators may call
// it. The cost is that of the result.
func (o *Organization) ListDelegatedAdministrators(caller *authz.Principal, in ListDelegatedAdministratorsInput) (ListDelegatedAdministratorsOutput, error) {
	var out ListDelegatedAdministratorsOutput
	var ctx condition
	if in.ServicePrincipal != "" {
		if err := validServicePrincipal(in.ServicePrincipal); err != nil {
			return out, err
		}
		ctx = servicePrincipalCondition(in.ServicePrincipal)
	}
	p, perr := newPager("ListDelegatedAdministrators", in.ServicePrincipal, in.MaxResults, in.NextToken)
	if perr != nil {
		return out, perr
	}
	return inOrg(o, caller, ruleAdmin, func(c *call) error { return c.authorize("ListDelegatedAdministrators", ctx) }, func(_ *call, g *orgState) (ListDelegatedAdministratorsOutput, error) {
		if in.ServicePrincipal != "" {
			if delegable(in.ServicePrincipal) == nil {
				return out, errInvalid(InvalidInputExceptionReasonUnrecognizedServicePrincipal)
			}
			items, next := pageValues(g.das[in.ServicePrincipal], func(d *delegation) uint64 { return d.seq }, p)
			out.NextToken = next
			out.DelegatedAdministrators = make([]DelegatedAdministrator, len(items))
			for i, d := range items {
				out.DelegatedAdministrators[i] = o.delegatedAdminLocked(d.acct, DelegatedService{DelegationEnabledDate: d.date})
			}
			return out, nil
		}
		items, next := pageValues(g.daAccounts, func(a *account) uint64 { return a.daSeq }, p)
		out.NextToken = next
		out.DelegatedAdministrators = make([]DelegatedAdministrator, len(items))
		for i, a := range items {
			out.DelegatedAdministrators[i] = o.delegatedAdminLocked(a, DelegatedService{DelegationEnabledDate: a.daSince})
		}
		return out, nil
	})
}

// ListDelegatedServicesForAccountInput is the input of
// ListDelegatedServicesForAccount.
type ListDelegatedServicesForAccountInput struct {
	AccountId  string `json:"AccountId"`
	MaxResults int32  `json:"MaxResults,omitempty"`
	NextToken  string `json:"NextToken,omitempty"`
}

// ListDelegatedServicesForAccountOutput is the output of
// ListDelegatedServicesForAccount.
type ListDelegatedServicesForAccountOutput struct {
	DelegatedServices []DelegatedService `json:"DelegatedServices"`
	NextToken         string             `json:"NextToken,omitempty"`
}

// ListDelegatedServicesForAccount lists the services an account is a
// delegated administrator for, in order of registration
// (AccountNotRegisteredException when there are none).
func (o *Organization) ListDelegatedServicesForAccount(caller *authz.Principal, in ListDelegatedServicesForAccountInput) (ListDelegatedServicesForAccountOutput, error) {
	var out ListDelegatedServicesForAccountOutput
	if err := validAccountID(in.AccountId); err != nil {
		return out, err
	}
	p, perr := newPager("ListDelegatedServicesForAccount", in.AccountId, in.MaxResults, in.NextToken)
	if perr != nil {
		return out, perr
	}
	return inOrg(o, caller, ruleAdmin, func(c *call) error {
		return c.authorize("ListDelegatedServicesForAccount", condition{}, c.accountARN(in.AccountId))
	}, func(_ *call, g *orgState) (ListDelegatedServicesForAccountOutput, error) {
		a := o.accounts[in.AccountId]
		if a == nil || a.org != g {
			return out, errAccountNotFound()
		}
		if len(a.delegated) == 0 {
			return out, newError("AccountNotRegisteredException", msgNotRegistered)
		}
		items, next := pageValues(a.delegated, func(d *delegation) uint64 { return d.seq }, p)
		out.NextToken = next
		out.DelegatedServices = make([]DelegatedService, len(items))
		for i, d := range items {
			out.DelegatedServices[i] = DelegatedService{DelegationEnabledDate: d.date, ServicePrincipal: d.service}
		}
		return out, nil
	})
}

// DelegatedAdministrators returns the accounts registered as delegated
// administrators of a service in an organization, in order of
// registration. It is a library accessor: no caller, no checks.
func (o *Organization) DelegatedAdministrators(orgID, servicePrincipal string) []string {
	o.lockFast()
	defer o.mu.Unlock()
	g := o.orgs[orgID]
	if g == nil {
		return nil
	}
	ds := make([]*delegation, 0, len(g.das[servicePrincipal]))
	for _, d := range g.das[servicePrincipal] {
		ds = append(ds, d)
	}
	slices.SortFunc(ds, func(a, b *delegation) int { return cmpSeq(a.seq, b.seq) })
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.acct.id
	}
	return out
}

// ServiceAccessEnabled reports whether a service has trusted access to an
// organization. It is a library accessor: no caller, no checks.
func (o *Organization) ServiceAccessEnabled(orgID, servicePrincipal string) bool {
	o.lockFast()
	defer o.mu.Unlock()
	g := o.orgs[orgID]
	return g != nil && g.services[servicePrincipal] != nil
}
