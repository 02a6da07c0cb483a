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
	c, err := o.start(caller)
	if err != nil {
		return out, err
	}
	if err := c.authorize("InviteAccountToOrganization", condition{}); err != nil {
		return out, err
	}
	now := o.lockAdvanced()
	defer o.mu.Unlock()
	g, _, err := o.ruleLocked(c.acct, ruleManagement)
	if err != nil {
		return out, err
	}
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
		requested: now, expires: now.Add(HandshakeExpiry), seq: o.nextSeq()}
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

// HandshakeInput is the input of AcceptHandshake, DeclineHandshake,
// CancelHandshake and DescribeHandshake.
type HandshakeInput struct {
	HandshakeId string `json:"HandshakeId"`
}

// HandshakeOutput is the output of AcceptHandshake, DeclineHandshake,
// CancelHandshake and DescribeHandshake.
type HandshakeOutput struct {
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
func (o *Organization) AcceptHandshake(caller *authz.Principal, in HandshakeInput) (HandshakeOutput, error) {
	if err := validHandshakeID(in.HandshakeId); err != nil {
		return HandshakeOutput{}, err
	}
	c, err := o.start(caller)
	if err != nil {
		return HandshakeOutput{}, err
	}
	if err := c.authorize("AcceptHandshake", condition{}, o.handshakeARN(c, in.HandshakeId)); err != nil {
		return HandshakeOutput{}, err
	}
	now := o.lockAdvanced()
	h, _, herr := o.acceptLocked(c.acct, in.HandshakeId, now)
	o.mu.Unlock()
	if herr != nil {
		return HandshakeOutput{}, herr
	}
	if h.org.featureSet == OrganizationFeatureSetAll {
		if err := c.dependency(c.acct, organizationsPrincipal, "AWSServiceRoleForOrganizations"); err != nil {
			return HandshakeOutput{}, err
		}
		if o.identities != nil {
			if err := o.identities.CreateServiceLinkedRole(c.acct, organizationsPrincipal); err != nil {
				return HandshakeOutput{}, errService()
			}
		}
	}
	now = o.lockAdvanced()
	defer o.mu.Unlock()
	h, a, herr := o.acceptLocked(c.acct, in.HandshakeId, now)
	if herr != nil {
		return HandshakeOutput{}, herr
	}
	h.state, h.closed = HandshakeStateAccepted, now
	o.joinLocked(h.org, a, AccountJoinedMethodInvited, now)
	return HandshakeOutput{Handshake: h.out(now)}, nil
}

// DeclineHandshake declines an invitation. Only the invited account may
// decline it.
func (o *Organization) DeclineHandshake(caller *authz.Principal, in HandshakeInput) (HandshakeOutput, error) {
	return o.closeHandshake(caller, in, "DeclineHandshake", HandshakeStateDeclined)
}

// CancelHandshake cancels an invitation. Only the management account of
// the inviting organization may cancel it.
func (o *Organization) CancelHandshake(caller *authz.Principal, in HandshakeInput) (HandshakeOutput, error) {
	return o.closeHandshake(caller, in, "CancelHandshake", HandshakeStateCanceled)
}

func (o *Organization) closeHandshake(caller *authz.Principal, in HandshakeInput, op string, to HandshakeState) (HandshakeOutput, error) {
	if err := validHandshakeID(in.HandshakeId); err != nil {
		return HandshakeOutput{}, err
	}
	c, err := o.start(caller)
	if err != nil {
		return HandshakeOutput{}, err
	}
	if err := c.authorize(op, condition{}, o.handshakeARN(c, in.HandshakeId)); err != nil {
		return HandshakeOutput{}, err
	}
	now := o.lockAdvanced()
	defer o.mu.Unlock()
	h := o.handshakes[in.HandshakeId]
	party := false
	if h != nil {
		if to == HandshakeStateDeclined {
			party = h.addressedTo(o.accounts[c.acct])
		} else {
			party = h.mgmt == c.acct && o.orgs[h.org.id] == h.org
		}
	}
	if !party || !h.visibleAt(now) {
		return HandshakeOutput{}, newError("HandshakeNotFoundException", msgHandshakeNotFound)
	}
	switch st := h.stateAt(now); st {
	case to:
		return HandshakeOutput{}, newError("HandshakeAlreadyInStateException", msgHandshakeInState)
	case HandshakeStateOpen:
	default:
		return HandshakeOutput{}, newError("InvalidHandshakeTransitionException", msgHandshakeTrans)
	}
	h.state, h.closed = to, now
	return HandshakeOutput{Handshake: h.out(now)}, nil
}

// DescribeHandshake describes a handshake to the invited account, or to
// the management account or a delegated administrator of the inviting
// organization.
func (o *Organization) DescribeHandshake(caller *authz.Principal, in HandshakeInput) (HandshakeOutput, error) {
	if err := validHandshakeID(in.HandshakeId); err != nil {
		return HandshakeOutput{}, err
	}
	c, err := o.start(caller)
	if err != nil {
		return HandshakeOutput{}, err
	}
	if err := c.authorize("DescribeHandshake", condition{}, o.handshakeARN(c, in.HandshakeId)); err != nil {
		return HandshakeOutput{}, err
	}
	now := o.lockAdvanced()
	defer o.mu.Unlock()
	h := o.handshakes[in.HandshakeId]
	if h == nil || !h.visibleAt(now) || !o.handshakeParty(h, c.acct) {
		return HandshakeOutput{}, newError("HandshakeNotFoundException", msgHandshakeNotFound)
	}
	return HandshakeOutput{Handshake: h.out(now)}, nil
}

func (o *Organization) handshakeParty(h *handshake, acct string) bool {
	a := o.accounts[acct]
	if h.addressedTo(a) {
		return true
	}
	return a != nil && a.org == h.org && (a == h.org.mgmt || len(a.delegated) > 0)
}

// ListHandshakesInput is the input of ListHandshakesForAccount and
// ListHandshakesForOrganization.
type ListHandshakesInput struct {
	Filter     *HandshakeFilter `json:"Filter,omitempty"`
	MaxResults int32            `json:"MaxResults,omitempty"`
	NextToken  string           `json:"NextToken,omitempty"`
}

// ListHandshakesOutput is the output of ListHandshakesForAccount and
// ListHandshakesForOrganization.
type ListHandshakesOutput struct {
	Handshakes []Handshake `json:"Handshakes"`
	NextToken  string      `json:"NextToken,omitempty"`
}

// ListHandshakesForAccount lists the invitations addressed to the caller's
// account (by id or email address), OPEN ones and those closed less than
// HandshakeRetention ago. Any account may call it.
func (o *Organization) ListHandshakesForAccount(caller *authz.Principal, in ListHandshakesInput) (ListHandshakesOutput, error) {
	return o.listHandshakes(caller, in, "ListHandshakesForAccount")
}

// ListHandshakesForOrganization lists the invitations the caller's
// organization sent. The management account and delegated administrators
// may call it.
func (o *Organization) ListHandshakesForOrganization(caller *authz.Principal, in ListHandshakesInput) (ListHandshakesOutput, error) {
	return o.listHandshakes(caller, in, "ListHandshakesForOrganization")
}

func (o *Organization) listHandshakes(caller *authz.Principal, in ListHandshakesInput, op string) (ListHandshakesOutput, error) {
	scope := ""
	if f := in.Filter; f != nil {
		if f.ActionType != "" && f.ParentHandshakeId != "" {
			return ListHandshakesOutput{}, errInvalid(InvalidInputExceptionReasonMaxLimitExceededFilter)
		}
		if f.ActionType != "" {
			if err := validEnum(f.ActionType, f.ActionType.Values()); err != nil {
				return ListHandshakesOutput{}, err
			}
		}
		if f.ParentHandshakeId != "" {
			if err := validHandshakeID(f.ParentHandshakeId); err != nil {
				return ListHandshakesOutput{}, err
			}
		}
		scope = string(f.ActionType) + "/" + f.ParentHandshakeId
	}
	p, perr := newPager(op, scope, in.MaxResults, in.NextToken)
	if perr != nil {
		return ListHandshakesOutput{}, perr
	}
	c, err := o.start(caller)
	if err != nil {
		return ListHandshakesOutput{}, err
	}
	if err := c.authorize(op, condition{}); err != nil {
		return ListHandshakesOutput{}, err
	}
	now := o.lockAdvanced()
	defer o.mu.Unlock()
	var candidates []*handshake
	if op == "ListHandshakesForOrganization" {
		g, _, err := o.ruleLocked(c.acct, ruleAdmin)
		if err != nil {
			return ListHandshakesOutput{}, err
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
		if f := in.Filter; f != nil && (f.ActionType != "" && f.ActionType != ActionTypeInvite || f.ParentHandshakeId != "") {
			continue // only invitations, which have no parent, are modelled
		}
		all = append(all, h)
	}
	items, next := page(all, func(h *handshake) uint64 { return h.seq }, p)
	out := ListHandshakesOutput{NextToken: next, Handshakes: make([]Handshake, len(items))}
	for i, h := range items {
		out.Handshakes[i] = h.out(now)
	}
	return out, nil
}
