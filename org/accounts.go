package org

import (
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// createReq is a CreateAccount request.
type createReq struct {
	id                    string
	org                   *orgState
	name, email, roleName string
	mgmt                  string // the management account, trusted by the new role
	allFeatures           bool
	state                 CreateAccountState
	failure               CreateAccountFailureReason
	requested, due        time.Time
	completed             time.Time
	accountID             string
	seq                   uint64
	tags                  []Tag // attached to the account when it is created
}

func (r *createReq) status() CreateAccountStatus {
	return CreateAccountStatus{
		AccountId:          r.accountID,
		AccountName:        r.name,
		CompletedTimestamp: r.completed,
		FailureReason:      r.failure,
		Id:                 r.id,
		RequestedTimestamp: r.requested,
		State:              r.state,
	}
}

func statusOf(s AccountState) AccountStatus {
	switch s {
	case AccountStateActive:
		return AccountStatusActive
	case AccountStateSuspended, AccountStateClosed:
		return AccountStatusSuspended
	case AccountStatePendingClosure:
		return AccountStatusPendingClosure
	}
	return ""
}

func (o *Organization) accountLocked(a *account) Account {
	out := Account{Email: a.email, Id: a.id, Name: a.name, State: a.state, Status: statusOf(a.state)}
	if g := a.org; g != nil {
		out.Arn = o.accountARN(g, a.id)
		out.JoinedMethod = a.joinedMethod
		out.JoinedTimestamp = a.joined
		out.Paths = []string{a.parent.path[0] + a.id + "/"}
	}
	return out
}

// joinLocked makes a an account of g, in the root.
func (o *Organization) joinLocked(g *orgState, a *account, how AccountJoinedMethod, at time.Time) {
	a.org, a.parent = g, g.root
	a.joinedMethod, a.joined = how, at
	a.joinSeq, a.placeSeq = o.nextSeq(), o.nextSeq()
	g.root.accounts = append(g.root.accounts, a)
	g.members = append(g.members, a)
	o.joinPoliciesLocked(g, a.id, &a.target)
	g.changed()
}

// departLocked takes a out of its organization: its policies are
// detached, its delegations dropped, and it becomes a standalone account.
func (o *Organization) departLocked(a *account) {
	g := a.org
	o.detachAllLocked(g, a.id, &a.target)
	for sp := range a.delegated {
		o.dropDelegationLocked(g, a, sp)
	}
	a.parent.accounts = slices.DeleteFunc(a.parent.accounts, func(b *account) bool { return b == a })
	g.members = slices.DeleteFunc(g.members, func(b *account) bool { return b == a })
	a.org, a.parent, a.tags = nil, nil, nil
	a.joinedMethod, a.joined = "", time.Time{}
	g.changed()
}

// CreateAccountInput is the input of CreateAccount.
type CreateAccountInput struct {
	AccountName            string                 `json:"AccountName"`
	Email                  string                 `json:"Email"`
	IamUserAccessToBilling IAMUserAccessToBilling `json:"IamUserAccessToBilling,omitempty"`
	// RoleName is the role created in the new account for the management
	// account; "" means OrganizationAccountAccessRole.
	RoleName string `json:"RoleName,omitempty"`
	// Tags are attached to the account when it is created.
	Tags []Tag `json:"Tags,omitempty"`
}

// CreateAccountOutput is the output of CreateAccount.
type CreateAccountOutput struct {
	CreateAccountStatus CreateAccountStatus `json:"CreateAccountStatus"`
}

// CreateAccount asks for a new member account. As in AWS the request is
// asynchronous: it returns a CreateAccountStatus IN_PROGRESS, and once the
// clock has advanced CreateAccountDelay past the request the next call to
// the Organization completes it. It then FAILED with
// INVALID_EMAIL (the address passes the API's pattern but is not a valid
// RFC 5322 address), EMAIL_ALREADY_EXISTS (another account uses it),
// ACCOUNT_LIMIT_EXCEEDED (the organization is full), or INTERNAL_FAILURE
// (the identity layer refused the account or its role); or SUCCEEDED: the
// account exists in the identity layer, is an ACTIVE member in the root
// (JoinedMethod CREATED), and holds the role RoleName with the managed
// policy AdministratorAccess and a trust policy that trusts the
// management account (arn:aws:iam::<management>:root), so that the
// management account can reach it through sts:AssumeRole.
//
// IamUserAccessToBilling is checked and otherwise not modelled.
//
// At most MaxConcurrentCreateAccount requests may be in progress
// (ConstraintViolationException ACCOUNT_CREATION_RATE_LIMIT_EXCEEDED), and
// an organization whose accounts and open invitations reach its quota
// takes no more (ACCOUNT_NUMBER_LIMIT_EXCEEDED).
func (o *Organization) CreateAccount(caller *authz.Principal, in CreateAccountInput) (CreateAccountOutput, error) {
	if err := validEmail(in.Email); err != nil {
		return CreateAccountOutput{}, err
	}
	if err := validAccountName(in.AccountName); err != nil {
		return CreateAccountOutput{}, err
	}
	role := in.RoleName
	if role == "" {
		role = DefaultRoleName
	}
	if err := validRoleName(role); err != nil {
		return CreateAccountOutput{}, err
	}
	if in.IamUserAccessToBilling != "" {
		if err := validEnum(in.IamUserAccessToBilling, in.IamUserAccessToBilling.Values()); err != nil {
			return CreateAccountOutput{}, err
		}
	}
	if err := validNewTags(in.Tags); err != nil {
		return CreateAccountOutput{}, err
	}
	return inOrgAdvanced(o, caller, ruleManagement, func(c *call) error { return c.authorize("CreateAccount", requestTags(condition{}, in.Tags)) }, func(_ *call, g *orgState, _ *account, now time.Time) (CreateAccountOutput, error) {
		if len(g.members)+g.openInvitations(now) >= o.maxAccounts {
			return CreateAccountOutput{}, errConstraint(ConstraintViolationExceptionReasonAccountNumberLimitExceeded)
		}
		if g.inProgress() >= MaxConcurrentCreateAccount {
			return CreateAccountOutput{}, errConstraint(ConstraintViolationExceptionReasonAccountCreationRateLimitExceeded)
		}
		r := &createReq{
			org: g, name: in.AccountName, email: in.Email, roleName: role,
			mgmt: g.mgmt.id, allFeatures: g.featureSet == OrganizationFeatureSetAll,
			state: CreateAccountStateInProgress, requested: now, due: now.Add(CreateAccountDelay),
			seq: o.nextSeq(), tags: slices.Clone(in.Tags),
		}
		for r.id == "" || o.creates[r.id] != nil {
			r.id = "car-" + o.randString(32)
		}
		o.creates[r.id] = r
		g.creates = append(g.creates, r)
		g.inFlight++
		o.pending[r] = struct{}{}
		o.dueBy(r.due)
		return CreateAccountOutput{CreateAccountStatus: r.status()}, nil
	})
}

func (g *orgState) inProgress() int { return g.inFlight }

// decideCreate settles a due request: it fails it, or claims it for
// completion (reserving its account id and email) and adds it to jobs.
func (o *Organization) decideCreate(r *createReq, jobs []*createReq) []*createReq {
	fail := func(why CreateAccountFailureReason) []*createReq {
		r.state, r.failure, r.completed = CreateAccountStateFailed, why, r.due
		r.org.inFlight--
		return jobs
	}
	if o.orgs[r.org.id] != r.org {
		return fail(CreateAccountFailureReasonInternalFailure)
	}
	if addr, err := mail.ParseAddress(r.email); err != nil || addr.Address != r.email {
		return fail(CreateAccountFailureReasonInvalidEmail)
	}
	if _, taken := o.emails[strings.ToLower(r.email)]; taken {
		return fail(CreateAccountFailureReasonEmailAlreadyExists)
	}
	if len(r.org.members)+r.org.joining >= o.maxAccounts {
		return fail(CreateAccountFailureReasonAccountLimitExceeded)
	}
	r.org.joining++
	r.accountID = o.newAccountID()
	o.accounts[r.accountID] = nil // reserved until the job finishes
	o.emails[strings.ToLower(r.email)] = r.accountID
	return append(jobs, r)
}

// finishCreates completes claimed requests: it creates the accounts and
// roles in the identity layer without the lock, then records the outcome.
func (o *Organization) finishCreates(jobs []*createReq) {
	slices.SortFunc(jobs, func(a, b *createReq) int { return cmpSeq(a.seq, b.seq) })
	for _, r := range jobs {
		var err error
		if o.identities != nil {
			err = o.identities.CreateAccount(r.accountID, r.email)
			if err == nil {
				err = o.identities.CreateRole(r.accountID, r.roleName, trustPolicy(o.partition, r.mgmt), "arn:"+o.partition+":iam::aws:policy/AdministratorAccess")
			}
			if err == nil && r.allFeatures {
				err = o.identities.CreateServiceLinkedRole(r.accountID, organizationsPrincipal)
			}
		}
		o.mu.Lock()
		r.org.joining--
		r.org.inFlight--
		if err != nil || o.orgs[r.org.id] != r.org {
			delete(o.accounts, r.accountID)
			delete(o.emails, strings.ToLower(r.email))
			r.state, r.failure, r.completed, r.accountID = CreateAccountStateFailed, CreateAccountFailureReasonInternalFailure, r.due, ""
		} else {
			a := &account{id: r.accountID, email: r.email, name: r.name, state: AccountStateActive, created: r.due, tags: tagMap(r.tags)}
			o.accounts[a.id] = a
			o.joinLocked(r.org, a, AccountJoinedMethodCreated, r.due)
			r.state, r.completed = CreateAccountStateSucceeded, r.due
		}
		o.settled.Broadcast()
		o.mu.Unlock()
	}
}

// trustPolicy is the trust policy of the role CreateAccount creates.
func trustPolicy(partition, mgmt string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:` + partition + `:iam::` + mgmt + `:root"},"Action":"sts:AssumeRole"}]}`
}

// DescribeCreateAccountStatusInput is the input of
// DescribeCreateAccountStatus.
type DescribeCreateAccountStatusInput struct {
	CreateAccountRequestId string `json:"CreateAccountRequestId"`
}

// DescribeCreateAccountStatusOutput is the output of
// DescribeCreateAccountStatus.
type DescribeCreateAccountStatusOutput struct {
	CreateAccountStatus CreateAccountStatus `json:"CreateAccountStatus"`
}

// DescribeCreateAccountStatus returns the state of a CreateAccount request
// of the caller's organization.
func (o *Organization) DescribeCreateAccountStatus(caller *authz.Principal, in DescribeCreateAccountStatusInput) (DescribeCreateAccountStatusOutput, error) {
	if err := validCreateAccountRequestID(in.CreateAccountRequestId); err != nil {
		return DescribeCreateAccountStatusOutput{}, err
	}
	return inOrg(o, caller, ruleAdmin, func(c *call) error { return c.authorize("DescribeCreateAccountStatus", condition{}) }, func(_ *call, g *orgState) (DescribeCreateAccountStatusOutput, error) {
		r := o.creates[in.CreateAccountRequestId]
		if r == nil || r.org != g {
			return DescribeCreateAccountStatusOutput{}, newError("CreateAccountStatusNotFoundException", msgCARNotFound)
		}
		return DescribeCreateAccountStatusOutput{CreateAccountStatus: r.status()}, nil
	})
}

// ListCreateAccountStatusInput is the input of ListCreateAccountStatus.
type ListCreateAccountStatusInput struct {
	MaxResults int32                `json:"MaxResults,omitempty"`
	NextToken  string               `json:"NextToken,omitempty"`
	States     []CreateAccountState `json:"States,omitempty"`
}

// ListCreateAccountStatusOutput is the output of ListCreateAccountStatus.
type ListCreateAccountStatusOutput struct {
	CreateAccountStatuses []CreateAccountStatus `json:"CreateAccountStatuses"`
	NextToken             string                `json:"NextToken,omitempty"`
}

// ListCreateAccountStatus lists the CreateAccount requests of the caller's
// organization in the order they were made, those in one of States if any
// are given.
func (o *Organization) ListCreateAccountStatus(caller *authz.Principal, in ListCreateAccountStatusInput) (ListCreateAccountStatusOutput, error) {
	var scope []string
	for _, s := range in.States {
		if err := validEnum(s, s.Values()); err != nil {
			return ListCreateAccountStatusOutput{}, err
		}
		scope = append(scope, string(s))
	}
	slices.Sort(scope)
	p, perr := newPager("ListCreateAccountStatus", strings.Join(scope, ","), in.MaxResults, in.NextToken)
	if perr != nil {
		return ListCreateAccountStatusOutput{}, perr
	}
	return inOrg(o, caller, ruleAdmin, func(c *call) error { return c.authorize("ListCreateAccountStatus", condition{}) }, func(_ *call, g *orgState) (ListCreateAccountStatusOutput, error) {
		var all []*createReq
		for _, r := range g.creates {
			if len(in.States) == 0 || slices.Contains(in.States, r.state) {
				all = append(all, r)
			}
		}
		items, next := page(all, func(r *createReq) uint64 { return r.seq }, p)
		out := ListCreateAccountStatusOutput{NextToken: next, CreateAccountStatuses: make([]CreateAccountStatus, len(items))}
		for i, r := range items {
			out.CreateAccountStatuses[i] = r.status()
		}
		return out, nil
	})
}

// DescribeAccountInput is the input of DescribeAccount.
type DescribeAccountInput struct {
	AccountId string `json:"AccountId"`
}

// DescribeAccountOutput is the output of DescribeAccount.
type DescribeAccountOutput struct {
	Account Account `json:"Account"`
}

// DescribeAccount describes an account of the caller's organization.
func (o *Organization) DescribeAccount(caller *authz.Principal, in DescribeAccountInput) (DescribeAccountOutput, error) {
	if err := validAccountID(in.AccountId); err != nil {
		return DescribeAccountOutput{}, err
	}
	return inOrg(o, caller, ruleAdmin, func(c *call) error { return c.authorize("DescribeAccount", condition{}, c.accountARN(in.AccountId)) }, func(_ *call, g *orgState) (DescribeAccountOutput, error) {
		a := o.accounts[in.AccountId]
		if a == nil || a.org != g {
			return DescribeAccountOutput{}, errAccountNotFound()
		}
		return DescribeAccountOutput{Account: o.accountLocked(a)}, nil
	})
}

// ListAccountsInput is the input of ListAccounts.
type ListAccountsInput struct {
	MaxResults int32  `json:"MaxResults,omitempty"`
	NextToken  string `json:"NextToken,omitempty"`
}

// ListAccountsOutput is the output of ListAccounts.
type ListAccountsOutput struct {
	Accounts  []Account `json:"Accounts"`
	NextToken string    `json:"NextToken,omitempty"`
}

// ListAccounts lists the accounts of the caller's organization, the
// management account included, in the order they joined. Pages hold at
// most MaxResults (1 to 20) accounts; pass NextToken back for the next.
func (o *Organization) ListAccounts(caller *authz.Principal, in ListAccountsInput) (ListAccountsOutput, error) {
	p, perr := newPager("ListAccounts", "", in.MaxResults, in.NextToken)
	if perr != nil {
		return ListAccountsOutput{}, perr
	}
	return inOrg(o, caller, ruleAdmin, func(c *call) error { return c.authorize("ListAccounts", condition{}) }, func(_ *call, g *orgState) (ListAccountsOutput, error) {
		items, next := page(g.members, func(a *account) uint64 { return a.joinSeq }, p)
		out := ListAccountsOutput{NextToken: next, Accounts: make([]Account, len(items))}
		for i, a := range items {
			out.Accounts[i] = o.accountLocked(a)
		}
		return out, nil
	})
}

// ListAccountsForParentInput is the input of ListAccountsForParent.
type ListAccountsForParentInput struct {
	MaxResults int32  `json:"MaxResults,omitempty"`
	NextToken  string `json:"NextToken,omitempty"`
	ParentId   string `json:"ParentId"`
}

// ListAccountsForParentOutput is the output of ListAccountsForParent.
type ListAccountsForParentOutput struct {
	Accounts  []Account `json:"Accounts"`
	NextToken string    `json:"NextToken,omitempty"`
}

// ListAccountsForParent lists the accounts directly in a root or OU, in
// the order they were placed there.
func (o *Organization) ListAccountsForParent(caller *authz.Principal, in ListAccountsForParentInput) (ListAccountsForParentOutput, error) {
	if err := validParentID(in.ParentId); err != nil {
		return ListAccountsForParentOutput{}, err
	}
	p, perr := newPager("ListAccountsForParent", in.ParentId, in.MaxResults, in.NextToken)
	if perr != nil {
		return ListAccountsForParentOutput{}, perr
	}
	return inParent(o, caller, "ListAccountsForParent", in.ParentId, func(_ *orgState, parent *container) (ListAccountsForParentOutput, error) {
		items, next := page(parent.accounts, func(a *account) uint64 { return a.placeSeq }, p)
		out := ListAccountsForParentOutput{NextToken: next, Accounts: make([]Account, len(items))}
		for i, a := range items {
			out.Accounts[i] = o.accountLocked(a)
		}
		return out, nil
	})
}

// removableLocked applies AWS's rules for an account leaving its
// organization: not a delegated administrator, and past the waiting period
// if it was created in the organization.
func removableLocked(a *account, now time.Time) *Error {
	if len(a.delegated) > 0 {
		return errConstraint(ConstraintViolationExceptionReasonCannotRemoveDelegatedAdministratorFromOrg)
	}
	if !a.created.IsZero() && now.Before(a.created.Add(WaitPeriod)) {
		return errConstraint(ConstraintViolationExceptionReasonWaitPeriodActive)
	}
	return nil
}

// RemoveAccountFromOrganizationInput is the input of
// RemoveAccountFromOrganization.
type RemoveAccountFromOrganizationInput struct {
	AccountId string `json:"AccountId"`
}

// RemoveAccountFromOrganization removes a member account, which becomes a
// standalone account. The management account cannot be removed
// (MasterCannotLeaveOrganizationException; delete the organization
// instead); a delegated administrator cannot be removed until deregistered
// (ConstraintViolationException
// CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG); a created account
// cannot be removed during WaitPeriod after its creation (WAIT_PERIOD_ACTIVE).
// The standalone information AWS also requires (payment method, phone
// verification) is not modelled.
func (o *Organization) RemoveAccountFromOrganization(caller *authz.Principal, in RemoveAccountFromOrganizationInput) error {
	if err := validAccountID(in.AccountId); err != nil {
		return err
	}
	return inOrgAdvancedErr(o, caller, ruleManagement, func(c *call) error {
		return c.authorize("RemoveAccountFromOrganization", condition{}, c.accountARN(in.AccountId))
	}, func(_ *call, g *orgState, _ *account, now time.Time) error {
		if in.AccountId == g.mgmt.id {
			return newError("MasterCannotLeaveOrganizationException", msgMasterCannotLeave)
		}
		a := o.accounts[in.AccountId]
		if a == nil || a.org != g {
			return errAccountNotFound()
		}
		if err := removableLocked(a, now); err != nil {
			return err
		}
		o.departLocked(a)
		return nil
	})
}

// LeaveOrganization takes the caller's account out of its organization,
// with the rules of RemoveAccountFromOrganization. The management account
// cannot leave (ConstraintViolationException
// ACCOUNT_CANNOT_LEAVE_ORGANIZATION).
func (o *Organization) LeaveOrganization(caller *authz.Principal) error {
	return inOrgAdvancedErr(o, caller, ruleMember, func(c *call) error { return c.authorize("LeaveOrganization", condition{}) }, func(_ *call, g *orgState, a *account, now time.Time) error {
		if a == g.mgmt {
			return errConstraint(ConstraintViolationExceptionReasonAccountCannotLeaveOrganization)
		}
		if err := removableLocked(a, now); err != nil {
			return err
		}
		o.departLocked(a)
		return nil
	})
}

// CloseAccountInput is the input of CloseAccount.
type CloseAccountInput struct {
	AccountId string `json:"AccountId"`
}

// CloseAccount closes a member account of an organization with all
// features. The account is PENDING_CLOSURE at once and CLOSED (Status
// SUSPENDED) CloseAccountDelay later; it stays in the organization for
// ClosedAccountRetention and then departs. Closing it again gives
// AccountAlreadyClosedException; the management account cannot be closed
// this way (CANNOT_CLOSE_MANAGEMENT_ACCOUNT). Closure quotas are not
// modelled. Delegated administrator registrations are kept until the
// account departs, as AWS documents no effect of closure on them.
func (o *Organization) CloseAccount(caller *authz.Principal, in CloseAccountInput) error {
	if err := validAccountID(in.AccountId); err != nil {
		return err
	}
	return inOrgAdvancedErr(o, caller, ruleManagement, func(c *call) error { return c.authorize("CloseAccount", condition{}, c.accountARN(in.AccountId)) }, func(_ *call, g *orgState, _ *account, now time.Time) error {
		if g.featureSet != OrganizationFeatureSetAll {
			return errConstraint(ConstraintViolationExceptionReasonOrganizationNotInAllFeaturesMode)
		}
		if in.AccountId == g.mgmt.id {
			return errConstraint(ConstraintViolationExceptionReasonCannotCloseManagementAccount)
		}
		a := o.accounts[in.AccountId]
		if a == nil || a.org != g {
			return errAccountNotFound()
		}
		if a.state == AccountStatePendingClosure || a.state == AccountStateClosed {
			return newError("AccountAlreadyClosedException", msgAlreadyClosed)
		}
		a.state, a.closeAt = AccountStatePendingClosure, now.Add(CloseAccountDelay)
		o.closing[a] = struct{}{}
		o.dueBy(a.closeAt)
		return nil
	})
}

// SuspendAccount models AWS suspending an account (for a billing or abuse
// issue): its state becomes SUSPENDED. It is a library helper with no AWS
// API. A suspended account cannot be registered as a delegated
// administrator.
func (o *Organization) SuspendAccount(accountID string) error {
	o.lockAdvanced()
	defer o.mu.Unlock()
	a := o.accounts[accountID]
	if a == nil {
		return errAccountNotFound()
	}
	if a.state == AccountStatePendingClosure || a.state == AccountStateClosed {
		return newError("AccountAlreadyClosedException", msgAlreadyClosed)
	}
	a.state = AccountStateSuspended
	return nil
}

// Account returns any account the service knows: a member of an
// organization, described as DescribeAccount describes it, or a standalone
// account (Id, Email, Name, State and Status only).
func (o *Organization) Account(accountID string) (Account, bool) {
	o.lockFast()
	defer o.mu.Unlock()
	a := o.accounts[accountID]
	if a == nil {
		return Account{}, false
	}
	return o.accountLocked(a), true
}

// Members returns every account of an organization, the management account
// first, in the order they joined; nil for an unknown organization.
func (o *Organization) Members(orgID string) []Account {
	o.lockFast()
	defer o.mu.Unlock()
	g := o.orgs[orgID]
	if g == nil {
		return nil
	}
	out := make([]Account, len(g.members))
	for i, a := range g.members {
		out[i] = o.accountLocked(a)
	}
	return out
}

// ManagementAccount returns the management account and the id of the
// organization of any account in one; ok is false for an account in no
// organization.
func (o *Organization) ManagementAccount(accountID string) (mgmt string, orgID string, ok bool) {
	o.lockFast()
	defer o.mu.Unlock()
	a := o.accounts[accountID]
	if a == nil || a.org == nil {
		return "", "", false
	}
	return a.org.mgmt.id, a.org.id, true
}
