package org_test

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/org"
)

// The state machine drives random operations by random callers against
// an Organization and a simple model of it, and checks the model's
// predicted error codes and the invariants after every step.

const smMgmt = "100000000001"

var (
	smPool     = []string{"200000000001", "200000000002", "200000000003", "200000000004", "200000000005", "200000000006"}
	smServices = []string{inspector2, "guardduty.amazonaws.com", "cloudtrail.amazonaws.com", "ram.amazonaws.com", "inspector.amazonaws.com"}
	smLimits   = map[string]int{inspector2: 1, "guardduty.amazonaws.com": 1, "cloudtrail.amazonaws.com": 3}
	// The actions the model's custom SCPs deny, one each.
	smDenied = []string{"organizations:LeaveOrganization", "organizations:ListDelegatedAdministrators", "s3:GetObject"}
)

// caller is a principal the machine calls with: the root user of an
// account, or the management account's reader role, which IAM allows
// only organizations:List* and organizations:Describe*.
type caller struct {
	acct   string
	reader bool
}

func (c caller) principal() *authz.Principal {
	if c.reader {
		return role(c.acct, "reader")
	}
	return root(c.acct)
}

func (c caller) String() string {
	if c.reader {
		return c.acct + "/reader"
	}
	return c.acct
}

type smInvite struct {
	id       string
	expires  time.Time
	accepted bool
}

type smCreate struct {
	req string
	due time.Time
}

// model is what the machine expects of the organization.
type model struct {
	all        bool
	members    map[string]bool
	parent     map[string]string // account or OU -> parent (root id or OU id)
	depth      map[string]int    // OU -> depth
	ous        []string
	created    map[string]time.Time // created accounts -> creation time
	suspended  map[string]bool
	closeAt    map[string]time.Time // closing or closed accounts
	closed     map[string]bool      // closed accounts past their retention
	access     map[string]bool
	das        map[string]map[string]bool
	scp        bool
	attached   map[string][]string // target -> SCP ids
	denies     map[string]string   // custom SCP id -> the action it denies
	policies   []string
	invites    map[string]*smInvite // account -> its last invitation
	creates    []smCreate
	emails     int
	rootID     string
	delegators map[string]bool // accounts that were ACTIVE when registered (checked at registration)
}

type machine struct {
	t     *rapid.T
	clock *clock
	iam   *iam
	o     *org.Organization
	m     *model
	orgID string

	// What the last step did, for the invariant that only the management
	// account changes trusted access and delegation.
	actor    string
	actorOK  bool
	snapshot string
}

func newMachine(t *rapid.T) *machine {
	s := &machine{t: t, clock: newClock(), iam: newIAM()}
	seed := rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "seed")
	s.o = org.New(org.Config{Now: s.clock.Now, Rand: bytes.NewReader(seed), Authorizer: s.iam, Identities: newIdentities(), MaxAccounts: 1000})
	s.iam.o = s.o
	s.iam.allow(role(smMgmt, "reader").ARN, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["organizations:List*","organizations:Describe*"],"Resource":"*"}]}`)
	if err := s.o.AddStandaloneAccount(smMgmt, "mgmt@example.com", "Management"); err != nil {
		t.Fatal(err)
	}
	for i, id := range smPool {
		if err := s.o.AddStandaloneAccount(id, fmt.Sprintf("pool%d@example.com", i), "Pool"); err != nil {
			t.Fatal(err)
		}
	}
	all := rapid.Float64Range(0, 1).Draw(t, "features") < 0.9
	fs := org.OrganizationFeatureSetAll
	if !all {
		fs = org.OrganizationFeatureSetConsolidatedBilling
	}
	out, err := s.o.CreateOrganization(root(smMgmt), org.CreateOrganizationInput{FeatureSet: fs})
	if err != nil {
		t.Fatal(err)
	}
	s.orgID = out.Organization.Id
	roots, err := s.o.ListRoots(root(smMgmt), org.ListRootsInput{})
	if err != nil {
		t.Fatal(err)
	}
	s.m = &model{
		all: all, members: map[string]bool{smMgmt: true}, parent: map[string]string{smMgmt: roots.Roots[0].Id},
		depth: map[string]int{}, created: map[string]time.Time{}, suspended: map[string]bool{}, closeAt: map[string]time.Time{}, closed: map[string]bool{},
		access: map[string]bool{}, das: map[string]map[string]bool{}, attached: map[string][]string{}, denies: map[string]string{},
		invites: map[string]*smInvite{}, rootID: roots.Roots[0].Id, delegators: map[string]bool{},
	}
	s.snapshot = s.delegationState()
	s.actor = "setup"
	return s
}

// tick brings the model up to the clock, as the service does on any call.
func (s *machine) tick() {
	m, now := s.m, s.clock.Now()
	var rest []smCreate
	for _, c := range m.creates {
		if now.Before(c.due) {
			rest = append(rest, c)
			continue
		}
		st, err := s.o.DescribeCreateAccountStatus(root(smMgmt), org.DescribeCreateAccountStatusInput{CreateAccountRequestId: c.req})
		if err != nil || st.CreateAccountStatus.State != org.CreateAccountStateSucceeded {
			s.t.Fatalf("creation %s: %+v %v", c.req, st, err)
		}
		id := st.CreateAccountStatus.AccountId
		m.members[id], m.parent[id], m.created[id] = true, m.rootID, c.due
		if m.scp {
			m.attached[id] = []string{org.FullAWSAccessID}
		}
	}
	m.creates = rest
	for _, a := range slices.Sorted(maps.Keys(m.closeAt)) {
		if !now.Before(m.closeAt[a].Add(org.ClosedAccountRetention)) {
			if m.members[a] {
				m.depart(a)
			}
			delete(m.closeAt, a)
			m.closed[a] = true
		}
	}
}

func (m *model) depart(a string) {
	delete(m.members, a)
	delete(m.parent, a)
	delete(m.attached, a)
	for _, set := range m.das {
		delete(set, a)
	}
}

func (m *model) state(a string, now time.Time) org.AccountState {
	if m.closed[a] {
		return org.AccountStateClosed
	}
	if at, ok := m.closeAt[a]; ok {
		if now.Before(at) {
			return org.AccountStatePendingClosure
		}
		return org.AccountStateClosed
	}
	if m.suspended[a] {
		return org.AccountStateSuspended
	}
	return org.AccountStateActive
}

func (m *model) isDA(a string) bool {
	for _, set := range m.das {
		if set[a] {
			return true
		}
	}
	return false
}

// chain is the targets whose SCPs apply to a member: root, OUs, account.
func (m *model) chain(a string) []string {
	var up []string
	for p := m.parent[a]; p != m.rootID; p = m.parent[p] {
		up = append(up, p)
	}
	out := []string{m.rootID}
	for i := len(up) - 1; i >= 0; i-- {
		out = append(out, up[i])
	}
	return append(out, a)
}

// iamDenied predicts the test authorizer: the reader role may only list
// and describe; SCPs restrict member accounts (every level needs
// FullAWSAccess, the only Allow; custom SCPs each deny one action).
func (m *model) iamDenied(c caller, action string) bool {
	if c.reader {
		op := strings.TrimPrefix(action, "organizations:")
		return !strings.HasPrefix(op, "List") && !strings.HasPrefix(op, "Describe")
	}
	if !m.scp || !m.members[c.acct] || c.acct == smMgmt {
		return false
	}
	for _, tg := range m.chain(c.acct) {
		if !slices.Contains(m.attached[tg], org.FullAWSAccessID) {
			return true
		}
		for _, p := range m.attached[tg] {
			if m.denies[p] == action {
				return true
			}
		}
	}
	return false
}

// rule predicts the Organizations rule: "" when the caller passes.
func (m *model) rule(c caller, admin bool) string {
	switch {
	case !m.members[c.acct]:
		return "AWSOrganizationsNotInUseException"
	case c.acct == smMgmt:
		return ""
	case admin && m.isDA(c.acct):
		return ""
	}
	return "AccessDeniedException"
}

func (m *model) expect(c caller, action string, admin bool) string {
	if m.iamDenied(c, action) {
		return "AccessDeniedException"
	}
	return m.rule(c, admin)
}

func (s *machine) callers() []caller {
	out := []caller{{acct: smMgmt}, {acct: smMgmt, reader: true}}
	for _, a := range s.accounts() {
		if a != smMgmt {
			out = append(out, caller{acct: a})
		}
	}
	return out
}

// accounts is every account the model knows, sorted.
func (s *machine) accounts() []string {
	set := map[string]bool{smMgmt: true}
	for _, a := range smPool {
		set[a] = true
	}
	for a := range s.m.created {
		set[a] = true
	}
	return slices.Sorted(maps.Keys(set))
}

// pickCaller favours the management account, whose calls get past the
// Organizations rule; the others exercise it.
func (s *machine) pickCaller(t *rapid.T) caller {
	if rapid.IntRange(0, 9).Draw(t, "management caller") < 5 {
		return caller{acct: smMgmt}
	}
	return rapid.SampledFrom(s.callers()).Draw(t, "caller")
}

// pickAccount favours member accounts other than the management account.
func (s *machine) pickAccount(t *rapid.T) string {
	others := slices.DeleteFunc(s.members(), func(a string) bool { return a == smMgmt })
	if len(others) > 0 && rapid.IntRange(0, 9).Draw(t, "member account") < 7 {
		return rapid.SampledFrom(others).Draw(t, "member")
	}
	return rapid.SampledFrom(s.accounts()).Draw(t, "account")
}

func (s *machine) members() []string { return slices.Sorted(maps.Keys(s.m.members)) }

func (s *machine) targets() []string {
	return append(append([]string{s.m.rootID}, s.m.ous...), s.members()...)
}

func (s *machine) check(op string, c caller, want string, err error) {
	s.t.Helper()
	s.actor, s.actorOK = c.String(), err == nil
	if got := code(err); got != want {
		s.t.Fatalf("%s by %s: got %q, want %q (%v)", op, c, got, want, err)
	}
}

// delegationState renders trusted access and registrations.
func (s *machine) delegationState() string {
	var b strings.Builder
	for _, sp := range smServices {
		fmt.Fprintf(&b, "%s:%v:%v;", sp, s.o.ServiceAccessEnabled(s.orgID, sp), s.o.DelegatedAdministrators(s.orgID, sp))
	}
	return b.String()
}

func (s *machine) enableAccess(t *rapid.T) {
	s.tick()
	c := s.pickCaller(t)
	sp := rapid.SampledFrom(smServices).Draw(t, "service")
	want := s.m.expect(c, "organizations:EnableAWSServiceAccess", false)
	if want == "" {
		switch {
		case !s.m.all:
			want = "ConstraintViolationException/ORGANIZATION_NOT_IN_ALL_FEATURES_MODE"
		case sp == "inspector.amazonaws.com":
			want = "InvalidInputException/UNRECOGNIZED_SERVICE_PRINCIPAL"
		}
	}
	err := s.o.EnableAWSServiceAccess(c.principal(), sp)
	s.check("EnableAWSServiceAccess", c, want, err)
	if err == nil {
		s.m.access[sp] = true
	}
}

func (s *machine) disableAccess(t *rapid.T) {
	s.tick()
	c := s.pickCaller(t)
	sp := rapid.SampledFrom(smServices).Draw(t, "service")
	want := s.m.expect(c, "organizations:DisableAWSServiceAccess", false)
	if want == "" {
		switch {
		case !s.m.all:
			want = "ConstraintViolationException/ORGANIZATION_NOT_IN_ALL_FEATURES_MODE"
		case sp == "inspector.amazonaws.com":
			want = "InvalidInputException/UNRECOGNIZED_SERVICE_PRINCIPAL"
		}
	}
	err := s.o.DisableAWSServiceAccess(c.principal(), sp)
	s.check("DisableAWSServiceAccess", c, want, err)
	if err == nil {
		delete(s.m.access, sp)
		delete(s.m.das, sp)
	}
}

func (s *machine) register(t *rapid.T) {
	s.tick()
	c := s.pickCaller(t)
	a := s.pickAccount(t)
	sp := rapid.SampledFrom(smServices).Draw(t, "service")
	m := s.m
	want := m.expect(c, "organizations:RegisterDelegatedAdministrator", false)
	limit := smLimits[sp]
	if want == "" {
		switch {
		case !m.all:
			want = "ConstraintViolationException/ORGANIZATION_NOT_IN_ALL_FEATURES_MODE"
		case limit == 0:
			want = "InvalidInputException/UNRECOGNIZED_SERVICE_PRINCIPAL"
		case a == smMgmt:
			want = "ConstraintViolationException/CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR"
		case !m.members[a]:
			want = "AccountNotFoundException"
		case !m.access[sp]:
			want = "ConstraintViolationException/SERVICE_ACCESS_NOT_ENABLED"
		case m.state(a, s.clock.Now()) != org.AccountStateActive:
			want = "ConstraintViolationException/CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR"
		case m.das[sp][a]:
			want = "AccountAlreadyRegisteredException"
		case len(m.das[sp]) >= limit && limit == 1:
			want = "ConstraintViolationException/DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE"
		case len(m.das[sp]) >= limit:
			want = "ConstraintViolationException/MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED"
		}
	}
	err := s.o.RegisterDelegatedAdministrator(c.principal(), a, sp)
	s.check("RegisterDelegatedAdministrator "+a+" "+sp, c, want, err)
	if err == nil {
		if !s.o.ServiceAccessEnabled(s.orgID, sp) {
			t.Fatalf("registered %s for %s without trusted access", a, sp)
		}
		if m.das[sp] == nil {
			m.das[sp] = map[string]bool{}
		}
		m.das[sp][a] = true
	}
}

func (s *machine) deregister(t *rapid.T) {
	s.tick()
	c := s.pickCaller(t)
	a := s.pickAccount(t)
	sp := rapid.SampledFrom(smServices).Draw(t, "service")
	m := s.m
	want := m.expect(c, "organizations:DeregisterDelegatedAdministrator", false)
	if want == "" {
		switch {
		case !m.all:
			want = "ConstraintViolationException/ORGANIZATION_NOT_IN_ALL_FEATURES_MODE"
		case smLimits[sp] == 0:
			want = "InvalidInputException/UNRECOGNIZED_SERVICE_PRINCIPAL"
		case a == smMgmt:
			want = "AccountNotRegisteredException"
		case !m.members[a]:
			want = "AccountNotFoundException"
		case !m.das[sp][a]:
			want = "AccountNotRegisteredException"
		}
	}
	err := s.o.DeregisterDelegatedAdministrator(c.principal(), a, sp)
	s.check("DeregisterDelegatedAdministrator", c, want, err)
	if err == nil {
		delete(m.das[sp], a)
	}
}

func (s *machine) listAdmins(t *rapid.T) {
	s.tick()
	c := s.pickCaller(t)
	want := s.m.expect(c, "organizations:ListDelegatedAdministrators", true)
	out, err := s.o.ListDelegatedAdministrators(c.principal(), org.ListDelegatedAdministratorsInput{})
	s.check("ListDelegatedAdministrators", c, want, err)
	if err != nil {
		return
	}
	var got []string
	for _, d := range out.DelegatedAdministrators {
		got = append(got, d.Id)
	}
	var exp []string
	for _, a := range s.members() {
		if s.m.isDA(a) {
			exp = append(exp, a)
		}
	}
	if diff := cmp.Diff(exp, sorted(got)); diff != "" {
		t.Fatalf("delegated administrators (-model +real):\n%s", diff)
	}
}

func (s *machine) removable(a string) string {
	switch {
	case s.m.isDA(a):
		return "ConstraintViolationException/CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG"
	case !s.m.created[a].IsZero() && s.clock.Now().Before(s.m.created[a].Add(org.WaitPeriod)):
		return "ConstraintViolationException/WAIT_PERIOD_ACTIVE"
	}
	return ""
}

func (s *machine) remove(t *rapid.T) {
	s.tick()
	c := s.pickCaller(t)
	a := s.pickAccount(t)
	want := s.m.expect(c, "organizations:RemoveAccountFromOrganization", false)
	if want == "" {
		switch {
		case a == smMgmt:
			want = "MasterCannotLeaveOrganizationException"
		case !s.m.members[a]:
			want = "AccountNotFoundException"
		default:
			want = s.removable(a)
		}
	}
	err := s.o.RemoveAccountFromOrganization(c.principal(), org.RemoveAccountFromOrganizationInput{AccountId: a})
	s.check("RemoveAccountFromOrganization "+a, c, want, err)
	if err == nil {
		s.m.depart(a)
	}
}

func (s *machine) leave(t *rapid.T) {
	s.tick()
	c := s.pickCaller(t)
	want := s.m.expect(c, "organizations:LeaveOrganization", true)
	if want == "AccessDeniedException" && !s.m.iamDenied(c, "organizations:LeaveOrganization") {
		want = "" // any member may try to leave
	}
	if want == "" {
		switch {
		case c.acct == smMgmt:
			want = "ConstraintViolationException/ACCOUNT_CANNOT_LEAVE_ORGANIZATION"
		default:
			want = s.removable(c.acct)
		}
	}
	err := s.o.LeaveOrganization(c.principal())
	s.check("LeaveOrganization", c, want, err)
	if err == nil {
		s.m.depart(c.acct)
	}
}

func (s *machine) invite(t *rapid.T) {
	s.tick()
	a := s.pickAccount(t)
	now := s.clock.Now()
	want := ""
	inv := s.m.invites[a]
	switch {
	case s.m.members[a]:
		want = "HandshakeConstraintViolationException/ALREADY_IN_AN_ORGANIZATION"
	case inv != nil && !inv.accepted && now.Before(inv.expires):
		want = "DuplicateHandshakeException"
	}
	out, err := s.o.InviteAccountToOrganization(root(smMgmt), org.InviteAccountToOrganizationInput{Target: org.HandshakeParty{Id: a, Type: org.HandshakePartyTypeAccount}})
	s.check("InviteAccountToOrganization "+a, caller{acct: smMgmt}, want, err)
	if err == nil {
		s.m.invites[a] = &smInvite{id: out.Handshake.Id, expires: now.Add(org.HandshakeExpiry)}
	}
}

func (s *machine) accept(t *rapid.T) {
	s.tick()
	invited := slices.Sorted(maps.Keys(s.m.invites))
	if len(invited) == 0 {
		return // no invitation: nothing to do (a skip would let a fuzzed input starve rapid of actions)
	}
	a := rapid.SampledFrom(invited).Draw(t, "account")
	inv, now := s.m.invites[a], s.clock.Now()
	want := ""
	switch {
	case s.m.iamDenied(caller{acct: a}, "organizations:AcceptHandshake"):
		want = "AccessDeniedException"
	case inv.accepted && now.Before(inv.expires.Add(org.HandshakeRetention)):
		want = "HandshakeAlreadyInStateException"
	case inv.accepted:
		want = "HandshakeNotFoundException"
	case !now.Before(inv.expires.Add(org.HandshakeRetention)):
		want = "HandshakeNotFoundException"
	case !now.Before(inv.expires):
		want = "InvalidHandshakeTransitionException"
	case s.m.members[a]:
		want = "HandshakeConstraintViolationException/ALREADY_IN_AN_ORGANIZATION"
	}
	_, err := s.o.AcceptHandshake(root(a), org.AcceptHandshakeInput{HandshakeId: inv.id})
	s.check("AcceptHandshake "+a, caller{acct: a}, want, err)
	if err == nil {
		inv.accepted = true
		inv.expires = now // retention now counts from the acceptance
		s.m.members[a], s.m.parent[a] = true, s.m.rootID
		delete(s.m.created, a)
		if s.m.scp {
			s.m.attached[a] = []string{org.FullAWSAccessID}
		}
	}
}

func (s *machine) createAccount(t *rapid.T) {
	s.tick()
	want := ""
	if len(s.m.creates) >= org.MaxConcurrentCreateAccount {
		want = "ConstraintViolationException/ACCOUNT_CREATION_RATE_LIMIT_EXCEEDED"
	}
	s.m.emails++
	out, err := s.o.CreateAccount(root(smMgmt), org.CreateAccountInput{AccountName: "Created", Email: fmt.Sprintf("created%d@example.com", s.m.emails)})
	s.check("CreateAccount", caller{acct: smMgmt}, want, err)
	if err == nil {
		s.m.creates = append(s.m.creates, smCreate{req: out.CreateAccountStatus.Id, due: s.clock.Now().Add(org.CreateAccountDelay)})
	}
}

func (s *machine) suspend(t *rapid.T) {
	s.tick()
	a := s.pickAccount(t)
	want := ""
	if _, closing := s.m.closeAt[a]; closing || s.m.closed[a] {
		want = "AccountAlreadyClosedException"
	}
	err := s.o.SuspendAccount(a)
	s.check("SuspendAccount", caller{acct: "aws"}, want, err)
	if err == nil {
		s.m.suspended[a] = true
	}
}

func (s *machine) closeAccount(t *rapid.T) {
	s.tick()
	a := s.pickAccount(t)
	want := ""
	_, closing := s.m.closeAt[a]
	closing = closing || s.m.closed[a]
	switch {
	case !s.m.all:
		want = "ConstraintViolationException/ORGANIZATION_NOT_IN_ALL_FEATURES_MODE"
	case a == smMgmt:
		want = "ConstraintViolationException/CANNOT_CLOSE_MANAGEMENT_ACCOUNT"
	case !s.m.members[a]:
		want = "AccountNotFoundException"
	case closing:
		want = "AccountAlreadyClosedException"
	}
	err := s.o.CloseAccount(root(smMgmt), org.CloseAccountInput{AccountId: a})
	s.check("CloseAccount "+a, caller{acct: smMgmt}, want, err)
	if err == nil {
		s.m.closeAt[a] = s.clock.Now().Add(org.CloseAccountDelay)
	}
}

func (s *machine) createOU(t *rapid.T) {
	s.tick()
	parents := append([]string{s.m.rootID}, s.m.ous...)
	p := rapid.SampledFrom(parents).Draw(t, "parent")
	want := ""
	if s.m.depth[p] >= org.MaxOUDepth {
		want = "ConstraintViolationException/OU_DEPTH_LIMIT_EXCEEDED"
	}
	out, err := s.o.CreateOrganizationalUnit(root(smMgmt), org.CreateOrganizationalUnitInput{ParentId: p, Name: fmt.Sprintf("ou%d", len(s.m.ous))})
	s.check("CreateOrganizationalUnit", caller{acct: smMgmt}, want, err)
	if err == nil {
		id := out.OrganizationalUnit.Id
		s.m.ous = append(s.m.ous, id)
		s.m.parent[id], s.m.depth[id] = p, s.m.depth[p]+1
		if s.m.scp {
			s.m.attached[id] = []string{org.FullAWSAccessID}
		}
	}
}

func (s *machine) move(t *rapid.T) {
	s.tick()
	a := rapid.SampledFrom(s.members()).Draw(t, "account")
	dst := rapid.SampledFrom(append([]string{s.m.rootID}, s.m.ous...)).Draw(t, "destination")
	want := ""
	if s.m.parent[a] == dst {
		want = "DuplicateAccountException"
	}
	err := s.o.MoveAccount(root(smMgmt), org.MoveAccountInput{AccountId: a, SourceParentId: s.m.parent[a], DestinationParentId: dst})
	s.check("MoveAccount", caller{acct: smMgmt}, want, err)
	if err == nil {
		s.m.parent[a] = dst
	}
}

func (s *machine) togglePolicyType(t *rapid.T) {
	s.tick()
	m := s.m
	if !m.scp {
		want := ""
		if !m.all {
			want = "PolicyTypeNotAvailableForOrganizationException"
		}
		_, err := s.o.EnablePolicyType(root(smMgmt), org.EnablePolicyTypeInput{RootId: m.rootID, PolicyType: org.PolicyTypeServiceControlPolicy})
		s.check("EnablePolicyType", caller{acct: smMgmt}, want, err)
		if err == nil {
			m.scp = true
			for _, tg := range s.targets() {
				m.attached[tg] = []string{org.FullAWSAccessID}
			}
		}
		return
	}
	if rapid.Float64Range(0, 1).Draw(t, "disable") > 0.3 {
		return // keep SCPs: nothing to do (a skip would let a fuzzed input starve rapid of actions)
	}
	_, err := s.o.DisablePolicyType(root(smMgmt), org.DisablePolicyTypeInput{RootId: m.rootID, PolicyType: org.PolicyTypeServiceControlPolicy})
	s.check("DisablePolicyType", caller{acct: smMgmt}, "", err)
	m.scp = false
	m.attached = map[string][]string{}
}

func (s *machine) createPolicy(t *rapid.T) {
	s.tick()
	action := rapid.SampledFrom(smDenied).Draw(t, "denies")
	want := ""
	if !s.m.all {
		want = "PolicyTypeNotAvailableForOrganizationException"
	}
	out, err := s.o.CreatePolicy(root(smMgmt), org.CreatePolicyInput{
		Name: fmt.Sprintf("p%d", len(s.m.policies)), Type: org.PolicyTypeServiceControlPolicy,
		Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"` + action + `","Resource":"*"}]}`,
	})
	s.check("CreatePolicy", caller{acct: smMgmt}, want, err)
	if err == nil {
		id := out.Policy.PolicySummary.Id
		s.m.policies = append(s.m.policies, id)
		s.m.denies[id] = action
	}
}

func (s *machine) attachDetach(t *rapid.T) {
	s.tick()
	if !s.m.all {
		return // no policies without all features: nothing to do (a skip would let a fuzzed input starve rapid of actions)
	}
	p := rapid.SampledFrom(append([]string{org.FullAWSAccessID}, s.m.policies...)).Draw(t, "policy")
	tg := rapid.SampledFrom(s.targets()).Draw(t, "target")
	att := s.m.attached[tg]
	if rapid.Bool().Draw(t, "attach") {
		want := ""
		switch {
		case !s.m.scp:
			want = "PolicyTypeNotEnabledException"
		case slices.Contains(att, p):
			want = "DuplicatePolicyAttachmentException"
		case len(att) >= org.MaxAttachedPerType:
			want = "ConstraintViolationException/MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"
		}
		err := s.o.AttachPolicy(root(smMgmt), org.AttachPolicyInput{PolicyId: p, TargetId: tg})
		s.check("AttachPolicy", caller{acct: smMgmt}, want, err)
		if err == nil {
			s.m.attached[tg] = append(att, p)
		}
		return
	}
	want := ""
	switch {
	case !slices.Contains(att, p):
		want = "PolicyNotAttachedException"
	case len(att) <= 1:
		want = "ConstraintViolationException/MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"
	}
	err := s.o.DetachPolicy(root(smMgmt), org.DetachPolicyInput{PolicyId: p, TargetId: tg})
	s.check("DetachPolicy", caller{acct: smMgmt}, want, err)
	if err == nil {
		s.m.attached[tg] = slices.DeleteFunc(slices.Clone(att), func(q string) bool { return q == p })
	}
}

// scpDecision compares the real SCP chain's decision with the model's.
func (s *machine) scpDecision(t *rapid.T) {
	s.tick()
	a := s.pickAccount(t)
	action := rapid.SampledFrom(smDenied).Draw(t, "action")
	chain, mgmt := s.o.SCPChain(a)
	got := authz.Evaluate(&authz.Request{Principal: *root(a), Action: action, Resource: "*"}, &authz.PolicySet{SCPs: chain, PrincipalInManagementAccount: mgmt})
	if want := !s.m.iamDenied(caller{acct: a}, action); got.Allowed() != want {
		t.Fatalf("SCPs for %s on %s: allowed %v, model %v", a, action, got.Allowed(), want)
	}
	if mgmt != (a == smMgmt) {
		t.Fatalf("SCPChain(%s) management = %v", a, mgmt)
	}
}

func (s *machine) advance(t *rapid.T) {
	d := rapid.SampledFrom([]time.Duration{time.Minute, org.CreateAccountDelay, time.Hour, 24 * time.Hour, 5 * 24 * time.Hour, 16 * 24 * time.Hour, 91 * 24 * time.Hour}).Draw(t, "advance")
	s.clock.Advance(d)
	s.actor, s.actorOK = "clock", true
}

// invariants hold after every step.
func (s *machine) invariants(t *rapid.T) {
	s.tick()
	now := s.clock.Now()
	m := s.m
	// The model and the service agree on membership, trusted access and
	// delegation.
	if diff := cmp.Diff(s.members(), sorted(accountIDs(s.o.Members(s.orgID)))); diff != "" {
		t.Fatalf("members (-model +real):\n%s", diff)
	}
	for _, sp := range smServices {
		if got := s.o.ServiceAccessEnabled(s.orgID, sp); got != m.access[sp] {
			t.Fatalf("access %s: real %v, model %v", sp, got, m.access[sp])
		}
		das := s.o.DelegatedAdministrators(s.orgID, sp)
		if diff := cmp.Diff(slices.Sorted(maps.Keys(m.das[sp])), sorted(das)); diff != "" {
			t.Fatalf("delegated administrators of %s (-model +real):\n%s", sp, diff)
		}
		// No registration without trusted access.
		if len(das) > 0 && !s.o.ServiceAccessEnabled(s.orgID, sp) {
			t.Fatalf("%s has delegated administrators %v without trusted access", sp, das)
		}
		// Every delegated administrator is a member other than the
		// management account, within the service's limit.
		if len(das) > smLimits[sp] {
			t.Fatalf("%s has %d delegated administrators", sp, len(das))
		}
		for _, a := range das {
			if a == smMgmt || !m.members[a] {
				t.Fatalf("delegated administrator %s of %s is not a member account", a, sp)
			}
		}
	}
	// Only the management account changes trusted access and delegation;
	// the clock only drops the registrations of departed accounts.
	if snap := s.delegationState(); snap != s.snapshot {
		switch {
		case s.actor == smMgmt && s.actorOK:
		case s.actor == "clock" || strings.HasPrefix(s.actor, "aws"):
		default:
			t.Fatalf("%s (ok %v) changed delegation:\n%s\n->\n%s", s.actor, s.actorOK, s.snapshot, snap)
		}
		s.snapshot = snap
	}
	// Every target keeps 1 to 5 SCPs while SCPs are enabled.
	if m.scp {
		for _, tg := range s.targets() {
			out, err := s.o.ListPoliciesForTarget(root(smMgmt), org.ListPoliciesForTargetInput{TargetId: tg, Filter: org.PolicyTypeServiceControlPolicy})
			if err != nil {
				t.Fatalf("ListPoliciesForTarget %s: %v", tg, err)
			}
			if n := len(out.Policies); n < 1 || n > org.MaxAttachedPerType || n != len(m.attached[tg]) {
				t.Fatalf("target %s has %d SCPs, model %d", tg, n, len(m.attached[tg]))
			}
		}
	}
	// The management account is never denied by an SCP.
	if len(s.iam.scpDeniedManagement) > 0 {
		t.Fatalf("management account denied by an SCP: %v", s.iam.scpDeniedManagement)
	}
	// Account states follow the clock.
	for _, a := range s.members() {
		acct, _ := s.o.Account(a)
		if want := m.state(a, now); acct.State != want {
			t.Fatalf("account %s is %s, model %s", a, acct.State, want)
		}
	}
}

func testStateMachine(t *rapid.T) {
	s := newMachine(t)
	t.Repeat(map[string]func(*rapid.T){
		"":                 s.invariants,
		"enableAccess":     s.enableAccess,
		"disableAccess":    s.disableAccess,
		"register":         s.register,
		"register again":   s.register,
		"register more":    s.register,
		"enableAccess2":    s.enableAccess,
		"invite2":          s.invite,
		"accept2":          s.accept,
		"deregister":       s.deregister,
		"listAdmins":       s.listAdmins,
		"remove":           s.remove,
		"leave":            s.leave,
		"invite":           s.invite,
		"accept":           s.accept,
		"createAccount":    s.createAccount,
		"suspend":          s.suspend,
		"closeAccount":     s.closeAccount,
		"createOU":         s.createOU,
		"move":             s.move,
		"togglePolicyType": s.togglePolicyType,
		"createPolicy":     s.createPolicy,
		"attachDetach":     s.attachDetach,
		"scpDecision":      s.scpDecision,
		"advance":          s.advance,
	})
}

func TestStateMachine(t *testing.T) { rapid.Check(t, testStateMachine) }

func FuzzStateMachine(f *testing.F) { f.Fuzz(rapid.MakeFuzz(testStateMachine)) }
