package org

import (
	"slices"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// handshake is an invitation to join an organization.
type handshake struct {
	id, arn   string
	org       *orgState
	mgmt      string // the inviting management account
	target    HandshakeParty
	resources []HandshakeResource
	state     HandshakeState // OPEN, ACCEPTED, DECLINED or CANCELED; EXPIRED is computed
	requested time.Time
	expires   time.Time
	closed    time.Time
	seq       uint64
	tags      []Tag // attached to the account when it accepts
}

// stateAt is the state at a time: an OPEN handshake past its expiration is
// EXPIRED.
func (h *handshake) stateAt(now time.Time) HandshakeState {
	if h.state == HandshakeStateOpen && !now.Before(h.expires) {
		return HandshakeStateExpired
	}
	return h.state
}

// visibleAt reports whether the handshake can still be seen: an OPEN one
// always, the others for HandshakeRetention after they closed.
func (h *handshake) visibleAt(now time.Time) bool {
	switch h.stateAt(now) {
	case HandshakeStateOpen:
		return true
	case HandshakeStateExpired:
		return now.Before(h.expires.Add(HandshakeRetention))
	}
	return now.Before(h.closed.Add(HandshakeRetention))
}

func (h *handshake) out(now time.Time) Handshake {
	return Handshake{
		Action:              ActionTypeInvite,
		Arn:                 h.arn,
		ExpirationTimestamp: h.expires,
		Id:                  h.id,
		Parties:             []HandshakeParty{{Id: h.org.id, Type: HandshakePartyTypeOrganization}, h.target},
		RequestedTimestamp:  h.requested,
		Resources:           h.resources,
		State:               h.stateAt(now),
	}
}

// addressedTo reports whether the handshake invites the account.
func (h *handshake) addressedTo(a *account) bool {
	if a == nil {
		return false
	}
	switch h.target.Type {
	case HandshakePartyTypeAccount:
		return h.target.Id == a.id
	case HandshakePartyTypeEmail:
		return a.email != "" && strings.EqualFold(h.target.Id, a.email)
	}
	return false
}

func (g *orgState) openInvitations(now time.Time) int {
	n := 0
	for _, h := range g.handshakes {
		if h.stateAt(now) == HandshakeStateOpen {
			n++
		}
	}
	return n
}

// InviteAccountToOrganizationInput is the input of
// InviteAccountToOrganization.
type InviteAccountToOrganizationInput struct {
	Notes string `json:"Notes,omitempty"`
	// Target is the invited account: {Id: account id, Type: ACCOUNT} or
	// {Id: email address, Type: EMAIL}.
	Target HandshakeParty `json:"Target"`
	// Tags are attached to the account when it accepts.
	Tags []Tag `json:"Tags,omitempty"`
}

// InviteAccountToOrganizationOutput is the output of
// InviteAccountToOrganization.
type InviteAccountToOrganizationOutput struct {
	Handshake Handshake `json:"Handshake"`
}

// InviteAccountToOrganization invites an account, named by its id or its
// email address, to join the caller's organization: an OPEN handshake that
// expires after HandshakeExpiry. As in AWS, the invitation does not reveal
// whether the account exists; an account known to be in an organization
// already gives HandshakeConstraintViolationException
// ALREADY_IN_AN_ORGANIZATION, a second open invitation of the same target
// DuplicateHandshakeException, and an organization whose accounts, open
// invitations and account creations in progress reach its quota
// ACCOUNT_NUMBER_LIMIT_EXCEEDED.
func (o *Organization) InviteAccountToOrganization(caller *authz.Principal, in InviteAccountToOrganizationInput) (InviteAccountToOrganizationOutput, error) {
	var out InviteAccountToOrganizationOutput
	if err := validLength(in.Target.Id, 1, 64); err != nil {
		return out, err
	}
	if err := validEnum(in.Target.Type, in.Target.Type.Values()); err != nil {
		return out, err
	}
	switch in.Target.Type {
	case HandshakePartyTypeOrganization:
		return out, errInvalid(InvalidInputExceptionReasonInvalidPartyTypeTarget)
	case HandshakePartyTypeAccount:
		if !isAccountID(in.Target.Id) {
			return out, errInvalid(InvalidInputExceptionReasonInvalidPattern)
		}
	case HandshakePartyTypeEmail:
		if !isEmail(in.Target.Id) {
			return out, errInvalid(InvalidInputExceptionReasonInvalidEmailAddressTarget)
		}
	}
	if err := validLength(in.Notes, 0, 1024); err != nil {
		return out, err
	}
	if err := validNewTags(in.Tags); err != nil {
		return out, err
	}
	return inOrgAdvanced(o, caller, ruleManagement, func(c *call) error {
		return c.authorize("InviteAccountToOrganization", requestTags(condition{}, in.Tags))
	}, func(_ *call, g *orgState, _ *account, now time.Time) (InviteAccountToOrganizationOutput, error) {
		invitee := o.accounts[in.Target.Id]
		if in.Target.Type == HandshakePartyTypeEmail {
			invitee = o.accounts[o.emails[strings.ToLower(in.Target.Id)]]
		}
		if invitee != nil && invitee.org != nil {
			return out, errHandshakeConstraint(HandshakeConstraintViolationExceptionReasonAlreadyInAnOrganization)
		}
		for _, h := range g.handshakes {
			if h.stateAt(now) != HandshakeStateOpen {
				continue
			}
			if h.target.Type == in.Target.Type && strings.EqualFold(h.target.Id, in.Target.Id) || h.addressedTo(invitee) {
				return out, newError("DuplicateHandshakeException", msgDuplicateHandshake)
			}
		}
		if len(g.members)+g.openInvitations(now)+g.inProgress() >= o.maxAccounts {
			return out, errHandshakeConstraint(HandshakeConstraintViolationExceptionReasonAccountNumberLimitExceeded)
		}
		h := &handshake{org: g, mgmt: g.mgmt.id, target: in.Target, state: HandshakeStateOpen,
			requested: now, expires: now.Add(HandshakeExpiry), seq: o.nextSeq(), tags: slices.Clone(in.Tags)}
		for h.id == "" || o.handshakes[h.id] != nil {
			h.id = "h-" + o.randString(10)
		}
		h.arn = "arn:" + o.partition + ":organizations::" + g.mgmt.id + ":handshake/" + g.id + "/invite/" + h.id
		h.resources = []HandshakeResource{
			{Type: HandshakeResourceTypeOrganization, Value: g.id, Resources: []HandshakeResource{
				{Type: HandshakeResourceTypeMasterEmail, Value: g.mgmt.email},
				{Type: HandshakeResourceTypeMasterName, Value: g.mgmt.name},
				{Type: HandshakeResourceTypeOrganizationFeatureSet, Value: string(g.featureSet)},
			}},
			{Type: HandshakeResourceType(in.Target.Type), Value: in.Target.Id},
		}
		if in.Notes != "" {
			h.resources = append(h.resources, HandshakeResource{Type: HandshakeResourceTypeNotes, Value: in.Notes})
		}
		o.handshakes[h.id] = h
		g.handshakes = append(g.handshakes, h)
		return InviteAccountToOrganizationOutput{Handshake: h.out(now)}, nil
	})
}

// handshakeARN is the ARN of an existing handshake, for the IAM check of
// the invited account (which is in no organization yet).
func (o *Organization) handshakeARN(c *call, id string) string {
	o.mu.Lock()
	defer o.mu.Unlock()
	if h := o.handshakes[id]; h != nil {
		return h.arn
	}
	return c.handshakeARN(id)
}

// AcceptHandshakeInput is the input of AcceptHandshake.
type AcceptHandshakeInput struct {
	HandshakeId string `json:"HandshakeId"`
}

// AcceptHandshakeOutput is the output of AcceptHandshake.
type AcceptHandshakeOutput struct {
	Handshake Handshake `json:"Handshake"`
}

// DeclineHandshakeInput is the input of DeclineHandshake.
type DeclineHandshakeInput struct {
	HandshakeId string `json:"HandshakeId"`
}

// DeclineHandshakeOutput is the output of DeclineHandshake.
type DeclineHandshakeOutput struct {
	Handshake Handshake `json:"Handshake"`
}

// CancelHandshakeInput is the input of CancelHandshake.
type CancelHandshakeInput struct {
	HandshakeId string `json:"HandshakeId"`
}

// CancelHandshakeOutput is the output of CancelHandshake.
type CancelHandshakeOutput struct {
	Handshake Handshake `json:"Handshake"`
}

// DescribeHandshakeInput is the input of DescribeHandshake.
type DescribeHandshakeInput struct {
	HandshakeId string `json:"HandshakeId"`
}

// DescribeHandshakeOutput is the output of DescribeHandshake.
type DescribeHandshakeOutput struct {
	Handshake Handshake `json:"Handshake"`
}

// acceptLocked checks that the caller may accept the handshake now.
func (o *Organization) acceptLocked(acct string, id string, now time.Time) (*handshake, *account, *Error) {
	h := o.handshakes[id]
	a, exists := o.accounts[acct]
	if !exists && h != nil && h.target.Type == HandshakePartyTypeAccount && h.target.Id == acct {
		a = &account{id: acct, state: AccountStateActive}
		o.accounts[acct] = a
	}
	if h == nil || !h.addressedTo(a) || !h.visibleAt(now) {
		return nil, nil, newError("HandshakeNotFoundException", msgHandshakeNotFound)
	}
	switch h.stateAt(now) {
	case HandshakeStateAccepted:
		return nil, nil, newError("HandshakeAlreadyInStateException", msgHandshakeInState)
	case HandshakeStateOpen:
	default:
		return nil, nil, newError("InvalidHandshakeTransitionException", msgHandshakeTrans)
	}
	if o.orgs[h.org.id] != h.org {
		// The inviting organization was deleted (which cancels its open
		// invitations; only a restored snapshot can get here).
		return nil, nil, newError("InvalidHandshakeTransitionException", msgHandshakeTrans)
	}
	if a.org != nil {
		return nil, nil, errHandshakeConstraint(HandshakeConstraintViolationExceptionReasonAlreadyInAnOrganization)
	}
	if len(h.org.members)+h.org.joining >= o.maxAccounts {
		return nil, nil, errHandshakeConstraint(HandshakeConstraintViolationExceptionReasonAccountNumberLimitExceeded)
	}
	return h, a, nil
}

// AcceptHandshake accepts an invitation: the caller's account joins the
// inviting organization's root (JoinedMethod INVITED) and gets the AWS
// managed policy of every enabled policy type, but no
// OrganizationAccountAccessRole. Only the invited account may accept;
// others get HandshakeNotFoundException.
func (o *Organization) AcceptHandshake(caller *authz.Principal, in AcceptHandshakeInput) (AcceptHandshakeOutput, error) {
	if err := validHandshakeID(in.HandshakeId); err != nil {
		return AcceptHandshakeOutput{}, err
	}
	c, err := o.start(caller)
	if err != nil {
		return AcceptHandshakeOutput{}, err
	}
	if err := c.authorize("AcceptHandshake", condition{}, o.handshakeARN(c, in.HandshakeId)); err != nil {
		return AcceptHandshakeOutput{}, err
	}
	now := o.lockAdvanced()
	h, _, herr := o.acceptLocked(c.acct, in.HandshakeId, now)
	o.mu.Unlock()
	if herr != nil {
		return AcceptHandshakeOutput{}, herr
	}
	if h.org.featureSet == OrganizationFeatureSetAll {
		if err := c.dependency(c.acct, organizationsPrincipal, "AWSServiceRoleForOrganizations"); err != nil {
			return AcceptHandshakeOutput{}, err
		}
		if o.identities != nil {
			if err := o.identities.CreateServiceLinkedRole(c.acct, organizationsPrincipal); err != nil {
				return AcceptHandshakeOutput{}, errService()
			}
		}
	}
	now = o.lockAdvanced()
	defer o.mu.Unlock()
	h, a, herr := o.acceptLocked(c.acct, in.HandshakeId, now)
	if herr != nil {
		return AcceptHandshakeOutput{}, herr
	}
	h.state, h.closed = HandshakeStateAccepted, now
	o.joinLocked(h.org, a, AccountJoinedMethodInvited, now)
	a.tags = tagMap(h.tags)
	return AcceptHandshakeOutput{Handshake: h.out(now)}, nil
}

// DeclineHandshake declines an invitation. Only the invited account may
// decline it.
func (o *Organization) DeclineHandshake(caller *authz.Principal, in DeclineHandshakeInput) (DeclineHandshakeOutput, error) {
	h, err := o.closeHandshake(caller, in.HandshakeId, "DeclineHandshake", HandshakeStateDeclined)
	return DeclineHandshakeOutput{Handshake: h}, err
}

// CancelHandshake cancels an invitation. Only the management account of
// the inviting organization may cancel it.
func (o *Organization) CancelHandshake(caller *authz.Principal, in CancelHandshakeInput) (CancelHandshakeOutput, error) {
	h, err := o.closeHandshake(caller, in.HandshakeId, "CancelHandshake", HandshakeStateCanceled)
	return CancelHandshakeOutput{Handshake: h}, err
}

func (o *Organization) closeHandshake(caller *authz.Principal, id, op string, to HandshakeState) (Handshake, error) {
	if err := validHandshakeID(id); err != nil {
		return Handshake{}, err
	}
	c, err := o.start(caller)
	if err != nil {
		return Handshake{}, err
	}
	if err := c.authorize(op, condition{}, o.handshakeARN(c, id)); err != nil {
		return Handshake{}, err
	}
	now := o.lockAdvanced()
	defer o.mu.Unlock()
	h := o.handshakes[id]
	party := false
	if h != nil {
		if to == HandshakeStateDeclined {
			party = h.addressedTo(o.accounts[c.acct])
		} else {
			party = h.mgmt == c.acct && o.orgs[h.org.id] == h.org
		}
	}
	if !party || !h.visibleAt(now) {
		return Handshake{}, newError("HandshakeNotFoundException", msgHandshakeNotFound)
	}
	switch st := h.stateAt(now); st {
	case to:
		return Handshake{}, newError("HandshakeAlreadyInStateException", msgHandshakeInState)
	case HandshakeStateOpen:
	default:
		return Handshake{}, newError("InvalidHandshakeTransitionException", msgHandshakeTrans)
	}
	h.state, h.closed = to, now
	return h.out(now), nil
}

// DescribeHandshake describes a handshake to the invited account, or to
// the management account or a delegated administrator of the inviting
// organization.
func (o *Organization) DescribeHandshake(caller *authz.Principal, in DescribeHandshakeInput) (DescribeHandshakeOutput, error) {
	if err := validHandshakeID(in.HandshakeId); err != nil {
		return DescribeHandshakeOutput{}, err
	}
	c, err := o.start(caller)
	if err != nil {
		return DescribeHandshakeOutput{}, err
	}
	if err := c.authorize("DescribeHandshake", condition{}, o.handshakeARN(c, in.HandshakeId)); err != nil {
		return DescribeHandshakeOutput{}, err
	}
	now := o.lockAdvanced()
	defer o.mu.Unlock()
	h := o.handshakes[in.HandshakeId]
	if h == nil || !h.visibleAt(now) || !o.handshakeParty(h, c.acct) {
		return DescribeHandshakeOutput{}, newError("HandshakeNotFoundException", msgHandshakeNotFound)
	}
	return DescribeHandshakeOutput{Handshake: h.out(now)}, nil
}

func (o *Organization) handshakeParty(h *handshake, acct string) bool {
	a := o.accounts[acct]
	if h.addressedTo(a) {
		return true
	}
	return a != nil && a.org == h.org && (a == h.org.mgmt || len(a.delegated) > 0)
}

// ListHandshakesForAccountInput is the input of ListHandshakesForAccount.
type ListHandshakesForAccountInput struct {
	Filter     *HandshakeFilter `json:"Filter,omitempty"`
	MaxResults int32            `json:"MaxResults,omitempty"`
	NextToken  string           `json:"NextToken,omitempty"`
}

// ListHandshakesForAccountOutput is the output of ListHandshakesForAccount.
type ListHandshakesForAccountOutput struct {
	Handshakes []Handshake `json:"Handshakes"`
	NextToken  string      `json:"NextToken,omitempty"`
}

// ListHandshakesForOrganizationInput is the input of
// ListHandshakesForOrganization.
type ListHandshakesForOrganizationInput struct {
	Filter     *HandshakeFilter `json:"Filter,omitempty"`
	MaxResults int32            `json:"MaxResults,omitempty"`
	NextToken  string           `json:"NextToken,omitempty"`
}

// ListHandshakesForOrganizationOutput is the output of
// ListHandshakesForOrganization.
type ListHandshakesForOrganizationOutput struct {
	Handshakes []Handshake `json:"Handshakes"`
	NextToken  string      `json:"NextToken,omitempty"`
}

// ListHandshakesForAccount lists the invitations addressed to the caller's
// account (by id or email address), OPEN ones and those closed less than
// HandshakeRetention ago. Any account may call it.
func (o *Organization) ListHandshakesForAccount(caller *authz.Principal, in ListHandshakesForAccountInput) (ListHandshakesForAccountOutput, error) {
	hs, next, err := o.listHandshakes(caller, in.Filter, in.MaxResults, in.NextToken, "ListHandshakesForAccount")
	return ListHandshakesForAccountOutput{Handshakes: hs, NextToken: next}, err
}

// ListHandshakesForOrganization lists the invitations the caller's
// organization sent. The management account and delegated administrators
// may call it.
func (o *Organization) ListHandshakesForOrganization(caller *authz.Principal, in ListHandshakesForOrganizationInput) (ListHandshakesForOrganizationOutput, error) {
	hs, next, err := o.listHandshakes(caller, in.Filter, in.MaxResults, in.NextToken, "ListHandshakesForOrganization")
	return ListHandshakesForOrganizationOutput{Handshakes: hs, NextToken: next}, err
}

func (o *Organization) listHandshakes(caller *authz.Principal, filter *HandshakeFilter, maxResults int32, token, op string) ([]Handshake, string, error) {
	scope := ""
	if f := filter; f != nil {
		if f.ActionType != "" && f.ParentHandshakeId != "" {
			return nil, "", errInvalid(InvalidInputExceptionReasonMaxLimitExceededFilter)
		}
		if f.ActionType != "" {
			if err := validEnum(f.ActionType, f.ActionType.Values()); err != nil {
				return nil, "", err
			}
		}
		if f.ParentHandshakeId != "" {
			if err := validHandshakeID(f.ParentHandshakeId); err != nil {
				return nil, "", err
			}
		}
		scope = string(f.ActionType) + "/" + f.ParentHandshakeId
	}
	p, perr := newPager(op, scope, maxResults, token)
	if perr != nil {
		return nil, "", perr
	}
	c, err := o.start(caller)
	if err != nil {
		return nil, "", err
	}
	if err := c.authorize(op, condition{}); err != nil {
		return nil, "", err
	}
	now := o.lockAdvanced()
	defer o.mu.Unlock()
	var candidates []*handshake
	if op == "ListHandshakesForOrganization" {
		g, _, err := o.ruleLocked(c.acct, ruleAdmin)
		if err != nil {
			return nil, "", err
		}
		candidates = g.handshakes
	} else {
		a := o.accounts[c.acct]
		for _, h := range o.handshakes {
			if h.addressedTo(a) {
				candidates = append(candidates, h)
			}
		}
		slices.SortFunc(candidates, func(x, y *handshake) int { return cmpSeq(x.seq, y.seq) })
	}
	var all []*handshake
	for _, h := range candidates {
		if !h.visibleAt(now) {
			continue
		}
		if f := filter; f != nil && (f.ActionType != "" && f.ActionType != ActionTypeInvite || f.ParentHandshakeId != "") {
			continue // only invitations, which have no parent, are modelled
		}
		all = append(all, h)
	}
	items, next := page(all, func(h *handshake) uint64 { return h.seq }, p)
	out := make([]Handshake, len(items))
	for i, h := range items {
		out[i] = h.out(now)
	}
	return out, next, nil
}
