package org

import (
	"fmt"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// organizationsPrincipal is the service principal of Organizations' own
// service-linked role, AWSServiceRoleForOrganizations, which every account
// of an organization with all features gets.
const organizationsPrincipal = "organizations.amazonaws.com"

func (o *Organization) orgARN(g *orgState) string {
	return "arn:" + o.partition + ":organizations::" + g.mgmt.id + ":organization/" + g.id
}

func (o *Organization) accountARN(g *orgState, id string) string {
	return "arn:" + o.partition + ":organizations::" + g.mgmt.id + ":account/" + g.id + "/" + id
}

func (o *Organization) rootARN(g *orgState) string {
	return "arn:" + o.partition + ":organizations::" + g.mgmt.id + ":root/" + g.id + "/" + g.root.id
}

func (o *Organization) ouARN(g *orgState, id string) string {
	return "arn:" + o.partition + ":organizations::" + g.mgmt.id + ":ou/" + g.id + "/" + id
}

func (o *Organization) describeLocked(g *orgState) OrganizationDetails {
	return OrganizationDetails{
		Arn:                  o.orgARN(g),
		FeatureSet:           g.featureSet,
		Id:                   g.id,
		MasterAccountArn:     o.accountARN(g, g.mgmt.id),
		MasterAccountEmail:   g.mgmt.email,
		MasterAccountId:      g.mgmt.id,
		AvailablePolicyTypes: o.rootLocked(g).PolicyTypes,
	}
}

// AddStandaloneAccount registers an existing account that belongs to no
// organization, so that it can create one or be invited to one. It is a
// library helper with no AWS counterpart (every AWS account already
// exists). An account that calls CreateOrganization without having been
// registered is registered then, with no email address or name.
func (o *Organization) AddStandaloneAccount(accountID, email, name string) error {
	if !isAccountID(accountID) {
		return errInvalid(InvalidInputExceptionReasonInvalidPattern)
	}
	if email != "" {
		if err := validEmail(email); err != nil {
			return err
		}
	}
	o.lockAdvanced()
	defer o.mu.Unlock()
	if _, exists := o.accounts[accountID]; exists {
		return newError("InvalidInputException", fmt.Sprintf("The account %s already exists.", accountID))
	}
	if email != "" {
		if _, taken := o.emails[strings.ToLower(email)]; taken {
			return newError("InvalidInputException", fmt.Sprintf("The email address %s is already used by another account.", email))
		}
		o.emails[strings.ToLower(email)] = accountID
	}
	o.accounts[accountID] = &account{id: accountID, email: email, name: name, state: AccountStateActive}
	return nil
}

// CreateOrganizationInput is the input of CreateOrganization.
type CreateOrganizationInput struct {
	// FeatureSet is ALL (the default) or CONSOLIDATED_BILLING.
	FeatureSet OrganizationFeatureSet `json:"FeatureSet,omitempty"`
}

// CreateOrganizationOutput is the output of CreateOrganization.
type CreateOrganizationOutput struct {
	Organization OrganizationDetails `json:"Organization"`
}

// CreateOrganization creates an organization whose management account is
// the caller's account, with a root and no policy type enabled. The caller
// must belong to no organization (AlreadyInOrganizationException). With
// all features, Organizations creates its service-linked role in the
// account, for which the caller needs iam:CreateServiceLinkedRole
// (AccessDeniedForDependencyException otherwise).
func (o *Organization) CreateOrganization(caller *authz.Principal, in CreateOrganizationInput) (CreateOrganizationOutput, error) {
	fs := in.FeatureSet
	if fs == "" {
		fs = OrganizationFeatureSetAll
	}
	if err := validEnum(fs, fs.Values()); err != nil {
		return CreateOrganizationOutput{}, err
	}
	c, err := o.start(caller)
	if err != nil {
		return CreateOrganizationOutput{}, err
	}
	if !isAccountID(c.acct) {
		return CreateOrganizationOutput{}, errAccessDenied()
	}
	if err := c.authorize("CreateOrganization", condition{}); err != nil {
		return CreateOrganizationOutput{}, err
	}
	if fs == OrganizationFeatureSetAll {
		if err := c.dependency(c.acct, organizationsPrincipal, "AWSServiceRoleForOrganizations"); err != nil {
			return CreateOrganizationOutput{}, err
		}
	}
	o.mu.Lock()
	if a := o.accounts[c.acct]; a != nil && a.org != nil {
		o.mu.Unlock()
		return CreateOrganizationOutput{}, newError("AlreadyInOrganizationException", msgAlreadyInOrg)
	}
	o.mu.Unlock()
	if fs == OrganizationFeatureSetAll && o.identities != nil {
		if err := o.identities.CreateServiceLinkedRole(c.acct, organizationsPrincipal); err != nil {
			return CreateOrganizationOutput{}, errService()
		}
	}
	now := o.lockAdvanced()
	defer o.mu.Unlock()
	a, exists := o.accounts[c.acct]
	if exists && a == nil {
		return CreateOrganizationOutput{}, newError("ConcurrentModificationException", msgConcurrent)
	}
	if a == nil {
		a = &account{id: c.acct, state: AccountStateActive}
		o.accounts[c.acct] = a
	}
	if a.org != nil {
		return CreateOrganizationOutput{}, newError("AlreadyInOrganizationException", msgAlreadyInOrg)
	}
	g := &orgState{
		featureSet:  fs,
		mgmt:        a,
		ous:         make(map[string]*container),
		policies:    make(map[string]*policy),
		attachments: make(map[string]map[string]uint64),
		services:    make(map[string]*serviceAccess),
		das:         make(map[string]map[string]*delegation),
		daAccounts:  make(map[string]*account),
	}
	for g.id == "" || o.orgs[g.id] != nil {
		g.id = "o-" + o.randString(10)
	}
	g.root = &container{id: "r-" + o.randString(4), name: "Root", root: true, seq: o.nextSeq()}
	g.root.path = []string{g.id + "/" + g.root.id + "/"}
	o.orgs[g.id] = g
	o.joinLocked(g, a, AccountJoinedMethodInvited, now)
	return CreateOrganizationOutput{Organization: o.describeLocked(g)}, nil
}

// dependency checks the caller's permission to have Organizations create a
// service-linked role for it (iam:CreateServiceLinkedRole with
// iam:AWSServiceName), as AcceptHandshake and CreateOrganization need.
func (c *call) dependency(acct, service, role string) error {
	if c.o.authorizer == nil {
		return nil
	}
	check := authz.Check{
		Action:   "iam:CreateServiceLinkedRole",
		Resource: "arn:" + c.o.partition + ":iam::" + acct + ":role/aws-service-role/" + service + "/" + role,
		Context:  authz.NewContext().Set("iam:AWSServiceName", service),
	}
	if err := c.o.authorizer.Authorize(c.caller, check); err != nil {
		e := newError("AccessDeniedForDependencyException", "The request failed because your credentials do not have permission to create the service-linked role required by AWS Organizations.")
		e.Reason = string(AccessDeniedForDependencyExceptionReasonAccessDeniedDuringCreateServiceLinkedRole)
		e.extra = ErrAccessDenied
		return e
	}
	return nil
}

// DescribeOrganizationOutput is the output of DescribeOrganization.
type DescribeOrganizationOutput struct {
	Organization OrganizationDetails `json:"Organization"`
}

// DescribeOrganization describes the caller's organization. Any account in
// it may call it.
func (o *Organization) DescribeOrganization(caller *authz.Principal) (DescribeOrganizationOutput, error) {
	return inOrg(o, caller, ruleMember, func(c *call) error { return c.authorize("DescribeOrganization", condition{}) }, func(_ *call, g *orgState) (DescribeOrganizationOutput, error) {
		return DescribeOrganizationOutput{Organization: o.describeLocked(g)}, nil
	})
}

// DeleteOrganization deletes the caller's organization, which must hold no
// account but the management account (OrganizationNotEmptyException) and
// no account creation in progress (ConcurrentModificationException). Open
// invitations are canceled; policies, OUs, trusted access and the
// organization's history go with it; the management account becomes a
// standalone account.
func (o *Organization) DeleteOrganization(caller *authz.Principal) error {
	return inOrgAdvancedErr(o, caller, ruleManagement, func(c *call) error { return c.authorize("DeleteOrganization", condition{}) }, func(_ *call, g *orgState, mgmt *account, now time.Time) error {
		if len(g.members) > 1 {
			return newError("OrganizationNotEmptyException", msgOrgNotEmpty)
		}
		if g.inProgress() > 0 {
			return newError("ConcurrentModificationException", msgConcurrent)
		}
		for _, h := range g.handshakes {
			if h.stateAt(now) == HandshakeStateOpen {
				h.state, h.closed = HandshakeStateCanceled, now
			}
		}
		for _, r := range g.creates {
			delete(o.creates, r.id)
		}
		o.departLocked(mgmt)
		delete(o.orgs, g.id)
		return nil
	})
}
