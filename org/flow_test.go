package org_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/org"
)

func TestCreateAccountLifecycle(t *testing.T) {
	w := newWorld(t, org.Config{})
	mgmt := root(mgmtID)
	start := w.clock.Now()
	req, err := w.o.CreateAccount(mgmt, org.CreateAccountInput{AccountName: "Prod", Email: "prod@example.com", RoleName: "Admin"})
	must(t, err)
	if diff := cmp.Diff(org.CreateAccountStatus{AccountName: "Prod", Id: req.CreateAccountStatus.Id, RequestedTimestamp: start, State: org.CreateAccountStateInProgress}, req.CreateAccountStatus); diff != "" {
		t.Errorf("request (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(req.CreateAccountStatus.Id, "car-") || len(req.CreateAccountStatus.Id) != 36 {
		t.Errorf("request id %q", req.CreateAccountStatus.Id)
	}

	w.clock.Advance(org.CreateAccountDelay - time.Second)
	st, err := w.o.DescribeCreateAccountStatus(mgmt, org.DescribeCreateAccountStatusInput{CreateAccountRequestId: req.CreateAccountStatus.Id})
	must(t, err)
	if st.CreateAccountStatus.State != org.CreateAccountStateInProgress || len(w.ids.accounts) != 0 {
		t.Fatalf("before the delay: %+v, identities %v", st.CreateAccountStatus, w.ids.accounts)
	}

	w.clock.Advance(time.Second)
	st, err = w.o.DescribeCreateAccountStatus(mgmt, org.DescribeCreateAccountStatusInput{CreateAccountRequestId: req.CreateAccountStatus.Id})
	must(t, err)
	id := st.CreateAccountStatus.AccountId
	done := start.Add(org.CreateAccountDelay)
	want := org.CreateAccountStatus{AccountId: id, AccountName: "Prod", CompletedTimestamp: done, Id: req.CreateAccountStatus.Id, RequestedTimestamp: start, State: org.CreateAccountStateSucceeded}
	if diff := cmp.Diff(want, st.CreateAccountStatus); diff != "" {
		t.Errorf("after the delay (-want +got):\n%s", diff)
	}

	acct, err := w.o.DescribeAccount(mgmt, org.DescribeAccountInput{AccountId: id})
	must(t, err)
	wantAcct := org.Account{
		Arn:   "arn:aws:organizations::" + mgmtID + ":account/" + w.orgID + "/" + id,
		Email: "prod@example.com", Id: id, JoinedMethod: org.AccountJoinedMethodCreated, JoinedTimestamp: done,
		Name: "Prod", Paths: []string{w.orgID + "/" + w.root + "/" + id + "/"}, State: org.AccountStateActive, Status: org.AccountStatusActive,
	}
	if diff := cmp.Diff(wantAcct, acct.Account); diff != "" {
		t.Errorf("account (-want +got):\n%s", diff)
	}

	// The identity layer has the account, the role and Organizations' own
	// service-linked role.
	if w.ids.accounts[id] != "prod@example.com" || !w.ids.hasSLR(id, "organizations.amazonaws.com") {
		t.Errorf("identities: %v %v", w.ids.accounts, w.ids.slrs)
	}
	r := w.ids.roles[id+"/Admin"]
	if len(r) != 2 || r[1] != "arn:aws:iam::aws:policy/AdministratorAccess" {
		t.Fatalf("role: %v", r)
	}
	// The trust policy lets the management account, and nobody else,
	// assume the role.
	trust, err := authz.Parse(authz.Trust, []byte(r[0]))
	must(t, err)
	assume := func(p *authz.Principal) authz.Decision {
		return authz.Evaluate(&authz.Request{Principal: *p, Action: "sts:AssumeRole", Resource: "arn:aws:iam::" + id + ":role/Admin", ResourceAccount: id},
			&authz.PolicySet{Resource: authz.Of(trust)})
	}
	if got := assume(root(mgmtID)); got != authz.Allowed {
		t.Errorf("management AssumeRole: %v", got)
	}
	if got := assume(root(memberID)); got == authz.Allowed {
		t.Errorf("member AssumeRole: %v", got)
	}
	// Invited accounts get no such role.
	for k := range w.ids.roles {
		if strings.HasPrefix(k, memberID) || strings.HasPrefix(k, member2ID) {
			t.Errorf("invited account has role %s", k)
		}
	}
}

func TestCreateAccountFailures(t *testing.T) {
	w := newWorld(t, org.Config{MaxAccounts: 4})
	mgmt := root(mgmtID)
	ask := func(email string) string {
		out, err := w.o.CreateAccount(mgmt, org.CreateAccountInput{AccountName: "x", Email: email})
		must(t, err)
		return out.CreateAccountStatus.Id
	}
	taken := ask("member@example.com")
	invalid := ask("a..b@example.com")
	first := ask("first@example.com")
	second := ask("second@example.com") // the quota admits one of the two
	w.clock.Advance(org.CreateAccountDelay)
	got := map[string]org.CreateAccountFailureReason{}
	out, err := w.o.ListCreateAccountStatus(mgmt, org.ListCreateAccountStatusInput{})
	must(t, err)
	for _, s := range out.CreateAccountStatuses {
		got[s.Id] = s.FailureReason
		if s.State == org.CreateAccountStateSucceeded {
			got[s.Id] = "SUCCEEDED"
		}
	}
	want := map[string]org.CreateAccountFailureReason{
		taken:   org.CreateAccountFailureReasonEmailAlreadyExists,
		invalid: org.CreateAccountFailureReasonInvalidEmail,
		first:   "SUCCEEDED",
		second:  org.CreateAccountFailureReasonAccountLimitExceeded,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
	failed, err := w.o.ListCreateAccountStatus(mgmt, org.ListCreateAccountStatusInput{States: []org.CreateAccountState{org.CreateAccountStateFailed}})
	must(t, err)
	if len(failed.CreateAccountStatuses) != 3 {
		t.Errorf("FAILED filter: %+v", failed.CreateAccountStatuses)
	}

	// The identity layer refusing the account fails the request.
	w2 := newWorld(t, org.Config{})
	w2.ids.fail = "CreateRole"
	_, err = w2.createAccount("refused@example.com")
	if err == nil || err.Error() != string(org.CreateAccountFailureReasonInternalFailure) {
		t.Errorf("identity failure: %v", err)
	}
	if _, ok := w2.o.Account(""); ok {
		t.Error("empty account id found")
	}
	// The email address is free again.
	w2.ids.fail = ""
	if _, err := w2.createAccount("refused@example.com"); err != nil {
		t.Errorf("retry: %v", err)
	}
}

func TestHandshakes(t *testing.T) {
	w := newWorld(t, org.Config{})
	mgmt, outsider := root(mgmtID), root(outsiderID)
	h, err := w.o.InviteAccountToOrganization(mgmt, org.InviteAccountToOrganizationInput{
		Target: org.HandshakeParty{Id: "Outsider@Example.com", Type: org.HandshakePartyTypeEmail}, Notes: "join us"})
	must(t, err)
	now := w.clock.Now()
	want := org.Handshake{
		Action:              org.ActionTypeInvite,
		Arn:                 "arn:aws:organizations::" + mgmtID + ":handshake/" + w.orgID + "/invite/" + h.Handshake.Id,
		ExpirationTimestamp: now.Add(15 * 24 * time.Hour),
		Id:                  h.Handshake.Id,
		Parties:             []org.HandshakeParty{{Id: w.orgID, Type: org.HandshakePartyTypeOrganization}, {Id: "Outsider@Example.com", Type: org.HandshakePartyTypeEmail}},
		RequestedTimestamp:  now,
		Resources: []org.HandshakeResource{
			{Type: org.HandshakeResourceTypeOrganization, Value: w.orgID, Resources: []org.HandshakeResource{
				{Type: org.HandshakeResourceTypeMasterEmail, Value: "mgmt@example.com"},
				{Type: org.HandshakeResourceTypeMasterName, Value: "Management"},
				{Type: org.HandshakeResourceTypeOrganizationFeatureSet, Value: "ALL"},
			}},
			{Type: org.HandshakeResourceTypeEmail, Value: "Outsider@Example.com"},
			{Type: org.HandshakeResourceTypeNotes, Value: "join us"},
		},
		State: org.HandshakeStateOpen,
	}
	if diff := cmp.Diff(want, h.Handshake); diff != "" {
		t.Errorf("invitation (-want +got):\n%s", diff)
	}
	// The invitee finds it by its email address; so does the organization.
	mine, err := w.o.ListHandshakesForAccount(outsider, org.ListHandshakesForAccountInput{})
	must(t, err)
	theirs, err := w.o.ListHandshakesForOrganization(mgmt, org.ListHandshakesForOrganizationInput{Filter: &org.HandshakeFilter{ActionType: org.ActionTypeInvite}})
	must(t, err)
	if len(mine.Handshakes) != 1 || len(theirs.Handshakes) != 3 {
		t.Fatalf("listed %d for the account, %d for the organization", len(mine.Handshakes), len(theirs.Handshakes))
	}
	others, err := w.o.ListHandshakesForAccount(root(memberID), org.ListHandshakesForAccountInput{})
	must(t, err)
	if len(others.Handshakes) != 1 { // its own, accepted, invitation
		t.Errorf("member sees %d handshakes", len(others.Handshakes))
	}
	if _, err := w.o.DescribeHandshake(root(memberID), org.DescribeHandshakeInput{HandshakeId: h.Handshake.Id}); code(err) != "HandshakeNotFoundException" {
		t.Errorf("member describes another's invitation: %v", err)
	}

	// It expires, stays visible for 30 days, then is gone.
	w.clock.Advance(org.HandshakeExpiry)
	d, err := w.o.DescribeHandshake(outsider, org.DescribeHandshakeInput{HandshakeId: h.Handshake.Id})
	must(t, err)
	if d.Handshake.State != org.HandshakeStateExpired {
		t.Errorf("state after 15 days: %s", d.Handshake.State)
	}
	w.clock.Advance(org.HandshakeRetention)
	if _, err := w.o.DescribeHandshake(outsider, org.DescribeHandshakeInput{HandshakeId: h.Handshake.Id}); code(err) != "HandshakeNotFoundException" {
		t.Errorf("after retention: %v", err)
	}
	// An expired invitation no longer blocks a new one, which the invitee
	// accepts.
	h2, err := w.o.InviteAccountToOrganization(mgmt, org.InviteAccountToOrganizationInput{Target: org.HandshakeParty{Id: outsiderID, Type: org.HandshakePartyTypeAccount}})
	must(t, err)
	acc, err := w.o.AcceptHandshake(outsider, org.AcceptHandshakeInput{HandshakeId: h2.Handshake.Id})
	must(t, err)
	if acc.Handshake.State != org.HandshakeStateAccepted {
		t.Errorf("accepted state %s", acc.Handshake.State)
	}
	a, _ := w.o.Account(outsiderID)
	if a.JoinedMethod != org.AccountJoinedMethodInvited || !w.ids.hasSLR(outsiderID, "organizations.amazonaws.com") {
		t.Errorf("joined: %+v", a)
	}
}

func TestCloseAccount(t *testing.T) {
	w := newWorld(t, org.Config{})
	mgmt := root(mgmtID)
	must(t, w.o.CloseAccount(mgmt, org.CloseAccountInput{AccountId: memberID}))
	state := func() (org.AccountState, org.AccountStatus) {
		a, ok := w.o.Account(memberID)
		if !ok {
			t.Fatal("account gone")
		}
		return a.State, a.Status
	}
	if s, st := state(); s != org.AccountStatePendingClosure || st != org.AccountStatusPendingClosure {
		t.Errorf("after CloseAccount: %s %s", s, st)
	}
	w.clock.Advance(org.CloseAccountDelay)
	if s, st := state(); s != org.AccountStateClosed || st != org.AccountStatusSuspended {
		t.Errorf("after the delay: %s %s", s, st)
	}
	if ids := accountIDs(w.o.Members(w.orgID)); !cmp.Equal(ids, []string{mgmtID, memberID, member2ID}) {
		t.Errorf("closed accounts stay members: %v", ids)
	}
	w.clock.Advance(org.ClosedAccountRetention)
	if ids := accountIDs(w.o.Members(w.orgID)); !cmp.Equal(ids, []string{mgmtID, member2ID}) {
		t.Errorf("after retention: %v", ids)
	}
	must(t, w.o.RemoveAccountFromOrganization(mgmt, org.RemoveAccountFromOrganizationInput{AccountId: member2ID}))
	must(t, w.o.DeleteOrganization(mgmt))
	if _, _, ok := w.o.ManagementAccount(mgmtID); ok {
		t.Error("organization still there")
	}
	if _, err := w.o.CreateOrganization(mgmt, org.CreateOrganizationInput{}); err != nil {
		t.Errorf("create again: %v", err)
	}
}

// Regression (found by the state machine): a clock jump past both the
// closure delay and the retention closes and removes the account in one
// call.
func TestCloseAccountOneJump(t *testing.T) {
	w := newWorld(t, org.Config{})
	must(t, w.o.CloseAccount(root(mgmtID), org.CloseAccountInput{AccountId: memberID}))
	w.clock.Advance(91 * 24 * time.Hour)
	if ids := accountIDs(w.o.Members(w.orgID)); !cmp.Equal(ids, []string{mgmtID, member2ID}) {
		t.Errorf("members after 91 days: %v", ids)
	}
	if a, _ := w.o.Account(memberID); a.State != org.AccountStateClosed || a.Arn != "" {
		t.Errorf("departed account: %+v", a)
	}
}

func TestTree(t *testing.T) {
	w := newWorld(t, org.Config{})
	mgmt := root(mgmtID)
	dev := w.ou(w.root, "Dev")
	team := w.ou(dev, "Team")
	must(t, w.o.MoveAccount(mgmt, org.MoveAccountInput{AccountId: memberID, SourceParentId: w.root, DestinationParentId: team}))

	d, err := w.o.DescribeOrganizationalUnit(mgmt, org.DescribeOrganizationalUnitInput{OrganizationalUnitId: team})
	must(t, err)
	want := org.OrganizationalUnit{Arn: "arn:aws:organizations::" + mgmtID + ":ou/" + w.orgID + "/" + team, Id: team, Name: "Team",
		Path: w.orgID + "/" + w.root + "/" + dev + "/" + team + "/"}
	if diff := cmp.Diff(want, d.OrganizationalUnit); diff != "" {
		t.Errorf("OU (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(team, "ou-"+w.root[2:]+"-") || len(team) != len("ou-abcd-12345678") {
		t.Errorf("OU id %q", team)
	}
	orgID, paths, ok := w.o.OrgContext(memberID)
	if !ok || orgID != w.orgID || !cmp.Equal(paths, []string{want.Path}) {
		t.Errorf("OrgContext = %q %v %v", orgID, paths, ok)
	}
	parents, err := w.o.ListParents(mgmt, org.ListParentsInput{ChildId: memberID})
	must(t, err)
	if diff := cmp.Diff([]org.Parent{{Id: team, Type: org.ParentTypeOrganizationalUnit}}, parents.Parents); diff != "" {
		t.Errorf("parents (-want +got):\n%s", diff)
	}
	parents, err = w.o.ListParents(mgmt, org.ListParentsInput{ChildId: dev})
	must(t, err)
	if diff := cmp.Diff([]org.Parent{{Id: w.root, Type: org.ParentTypeRoot}}, parents.Parents); diff != "" {
		t.Errorf("parents of an OU (-want +got):\n%s", diff)
	}
	kids, err := w.o.ListChildren(mgmt, org.ListChildrenInput{ParentId: w.root, ChildType: org.ChildTypeAccount})
	must(t, err)
	if diff := cmp.Diff([]org.Child{{Id: mgmtID, Type: org.ChildTypeAccount}, {Id: member2ID, Type: org.ChildTypeAccount}}, kids.Children); diff != "" {
		t.Errorf("children (-want +got):\n%s", diff)
	}
	ous, err := w.o.ListOrganizationalUnitsForParent(mgmt, org.ListOrganizationalUnitsForParentInput{ParentId: dev})
	must(t, err)
	if len(ous.OrganizationalUnits) != 1 || ous.OrganizationalUnits[0].Id != team {
		t.Errorf("OUs under Dev: %+v", ous.OrganizationalUnits)
	}
	inTeam, err := w.o.ListAccountsForParent(mgmt, org.ListAccountsForParentInput{ParentId: team})
	must(t, err)
	if !cmp.Equal(accountIDs(inTeam.Accounts), []string{memberID}) || !cmp.Equal(inTeam.Accounts[0].Paths, []string{want.Path + memberID + "/"}) {
		t.Errorf("accounts in Team: %+v", inTeam.Accounts)
	}
	renamed, err := w.o.UpdateOrganizationalUnit(mgmt, org.UpdateOrganizationalUnitInput{OrganizationalUnitId: dev, Name: "Development"})
	must(t, err)
	if renamed.OrganizationalUnit.Name != "Development" {
		t.Errorf("rename: %+v", renamed)
	}
	must(t, w.o.MoveAccount(mgmt, org.MoveAccountInput{AccountId: memberID, SourceParentId: team, DestinationParentId: w.root}))
	must(t, w.o.DeleteOrganizationalUnit(mgmt, org.DeleteOrganizationalUnitInput{OrganizationalUnitId: team}))
	must(t, w.o.DeleteOrganizationalUnit(mgmt, org.DeleteOrganizationalUnitInput{OrganizationalUnitId: dev}))
	if _, paths, _ := w.o.OrgContext(memberID); !cmp.Equal(paths, []string{w.orgID + "/" + w.root + "/"}) {
		t.Errorf("path back in the root: %v", paths)
	}
}

func TestPoliciesAndChains(t *testing.T) {
	w := newWorld(t, org.Config{})
	mgmt := root(mgmtID)
	if chain, m := w.o.SCPChain(memberID); chain != nil || m {
		t.Errorf("chain before enabling: %v %v", chain, m)
	}
	w.enableSCP()
	dev := w.ou(w.root, "Dev")
	must(t, w.o.MoveAccount(mgmt, org.MoveAccountInput{AccountId: memberID, SourceParentId: w.root, DestinationParentId: dev}))

	// FullAWSAccess is on every target, including the OU made afterwards.
	targets, err := w.o.ListTargetsForPolicy(mgmt, org.ListTargetsForPolicyInput{PolicyId: org.FullAWSAccessID})
	must(t, err)
	var ids []string
	for _, tg := range targets.Targets {
		ids = append(ids, tg.TargetId)
	}
	if diff := cmp.Diff(sorted([]string{w.root, mgmtID, memberID, member2ID, dev}), sorted(ids)); diff != "" {
		t.Errorf("FullAWSAccess targets (-want +got):\n%s", diff)
	}
	full, err := w.o.DescribePolicy(mgmt, org.DescribePolicyInput{PolicyId: org.FullAWSAccessID})
	must(t, err)
	if diff := cmp.Diff(&org.PolicySummary{Arn: "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess", AwsManaged: true,
		Description: "Allows access to every operation", Id: "p-FullAWSAccess", Name: "FullAWSAccess", Type: org.PolicyTypeServiceControlPolicy}, full.Policy.PolicySummary); diff != "" {
		t.Errorf("FullAWSAccess (-want +got):\n%s", diff)
	}

	// A deny on the OU reaches the member through the chain, and the cache
	// sees the change.
	eval := func(acct, action string) authz.Decision {
		chain, m := w.o.SCPChain(acct)
		return authz.Evaluate(&authz.Request{Principal: *root(acct), Action: action, Resource: "*"},
			&authz.PolicySet{SCPs: chain, PrincipalInManagementAccount: m})
	}
	if got := eval(memberID, "s3:GetObject"); got != authz.Allowed {
		t.Fatalf("before the deny: %v", got)
	}
	deny := w.scp("deny-s3", denyS3)
	must(t, w.o.AttachPolicy(mgmt, org.AttachPolicyInput{PolicyId: deny, TargetId: dev}))
	chain, m := w.o.SCPChain(memberID)
	if len(chain) != 3 || m || chain[1].Len() != 2 {
		t.Fatalf("chain: %d levels, management %v", len(chain), m)
	}
	if got := eval(memberID, "s3:GetObject"); got != authz.ExplicitDeny {
		t.Errorf("member under the deny: %v", got)
	}
	if got := eval(member2ID, "s3:GetObject"); got != authz.Allowed {
		t.Errorf("member outside the OU: %v", got)
	}
	// The management account is never restricted.
	must(t, w.o.AttachPolicy(mgmt, org.AttachPolicyInput{PolicyId: deny, TargetId: w.root}))
	if got := eval(mgmtID, "s3:GetObject"); got != authz.Allowed {
		t.Errorf("management account: %v", got)
	}
	// Updating the policy changes the chain at once.
	_, err = w.o.UpdatePolicy(mgmt, org.UpdatePolicyInput{PolicyId: deny, Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:*","Resource":"*"}]}`})
	must(t, err)
	if got := eval(memberID, "s3:GetObject"); got != authz.Allowed {
		t.Errorf("after the update: %v", got)
	}
	if got := eval(memberID, "ec2:RunInstances"); got != authz.ExplicitDeny {
		t.Errorf("after the update, ec2: %v", got)
	}
	// Policies for a target, in order of attachment.
	pols, err := w.o.ListPoliciesForTarget(mgmt, org.ListPoliciesForTargetInput{TargetId: dev, Filter: org.PolicyTypeServiceControlPolicy})
	must(t, err)
	if len(pols.Policies) != 2 || pols.Policies[0].Id != org.FullAWSAccessID || pols.Policies[1].Id != deny {
		t.Errorf("policies of Dev: %+v", pols.Policies)
	}
	all, err := w.o.ListPolicies(mgmt, org.ListPoliciesInput{Filter: org.PolicyTypeServiceControlPolicy})
	must(t, err)
	if len(all.Policies) != 2 {
		t.Errorf("policies: %+v", all.Policies)
	}
	// Detaching from everything lets the policy go.
	must(t, w.o.DetachPolicy(mgmt, org.DetachPolicyInput{PolicyId: deny, TargetId: dev}))
	must(t, w.o.DetachPolicy(mgmt, org.DetachPolicyInput{PolicyId: deny, TargetId: w.root}))
	must(t, w.o.DeletePolicy(mgmt, org.DeletePolicyInput{PolicyId: deny}))

	// RCPs: their own chain; disabling SCPs drops the SCP chain.
	_, err = w.o.EnablePolicyType(mgmt, org.EnablePolicyTypeInput{RootId: w.root, PolicyType: org.PolicyTypeResourceControlPolicy})
	must(t, err)
	rcps, m := w.o.RCPChain(mgmtID)
	if len(rcps) != 2 || !m {
		t.Errorf("RCP chain of the management account: %d levels, %v", len(rcps), m)
	}
	roots, err := w.o.DisablePolicyType(mgmt, org.DisablePolicyTypeInput{RootId: w.root, PolicyType: org.PolicyTypeServiceControlPolicy})
	must(t, err)
	if diff := cmp.Diff([]org.PolicyTypeSummary{{Status: org.PolicyTypeStatusEnabled, Type: org.PolicyTypeResourceControlPolicy}}, roots.Root.PolicyTypes); diff != "" {
		t.Errorf("root policy types (-want +got):\n%s", diff)
	}
	if chain, _ := w.o.SCPChain(memberID); chain != nil {
		t.Errorf("SCP chain after disabling: %d levels", len(chain))
	}
	if targets, err := w.o.ListTargetsForPolicy(mgmt, org.ListTargetsForPolicyInput{PolicyId: org.FullAWSAccessID}); err != nil || len(targets.Targets) != 0 {
		t.Errorf("FullAWSAccess still attached: %v %v", targets, err)
	}
}

// SCPs bite through the Authorizer: a member denied by an SCP cannot leave;
// the management account is not restricted.
func TestSCPsThroughAuthorizer(t *testing.T) {
	w := newWorld(t, org.Config{})
	mgmt := root(mgmtID)
	w.enableSCP()
	noOrgChanges := w.scp("no-org", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:*","Resource":"*"}]}`)
	must(t, w.o.AttachPolicy(mgmt, org.AttachPolicyInput{PolicyId: noOrgChanges, TargetId: w.root}))
	err := w.o.LeaveOrganization(root(memberID))
	var e *org.Error
	if !errors.As(err, &e) || e.Code != "AccessDeniedException" || !strings.Contains(e.Message, "with an explicit deny in a service control policy") {
		t.Errorf("member leaving: %v", err)
	}
	if _, err := w.o.DescribeOrganization(mgmt); err != nil {
		t.Errorf("management account: %v", err)
	}
	if len(w.iam.scpDeniedManagement) > 0 {
		t.Errorf("management denied by SCP: %v", w.iam.scpDeniedManagement)
	}
}

func TestDelegation(t *testing.T) {
	w := newWorld(t, org.Config{})
	mgmt, member := root(mgmtID), root(memberID)
	must(t, w.o.EnableAWSServiceAccess(mgmt, inspector2))
	if !w.ids.hasSLR(mgmtID, inspector2) {
		t.Error("no AWSServiceRoleForAmazonInspector2 in the management account")
	}
	must(t, w.o.EnableAWSServiceAccess(mgmt, "guardduty.amazonaws.com"))
	must(t, w.o.EnableAWSServiceAccess(mgmt, inspector2)) // again: no change
	access, err := w.o.ListAWSServiceAccessForOrganization(mgmt, org.ListAWSServiceAccessForOrganizationInput{})
	must(t, err)
	now := w.clock.Now()
	if diff := cmp.Diff([]org.EnabledServicePrincipal{{DateEnabled: now, ServicePrincipal: inspector2}, {DateEnabled: now, ServicePrincipal: "guardduty.amazonaws.com"}}, access.EnabledServicePrincipals); diff != "" {
		t.Errorf("service access (-want +got):\n%s", diff)
	}

	// A member cannot read the organization until it is a delegated
	// administrator, and again after deregistration.
	if _, err := w.o.ListAccounts(member, org.ListAccountsInput{}); code(err) != "AccessDeniedException" {
		t.Fatalf("member reads: %v", err)
	}
	must(t, w.o.RegisterDelegatedAdministrator(mgmt, memberID, inspector2))
	w.clock.Advance(time.Hour)
	must(t, w.o.RegisterDelegatedAdministrator(mgmt, memberID, "guardduty.amazonaws.com"))
	accts, err := w.o.ListAccounts(member, org.ListAccountsInput{})
	must(t, err)
	if !cmp.Equal(accountIDs(accts.Accounts), []string{mgmtID, memberID, member2ID}) {
		t.Errorf("delegated admin lists %v", accountIDs(accts.Accounts))
	}
	if err := w.o.EnableAWSServiceAccess(member, "macie.amazonaws.com"); code(err) != "AccessDeniedException" {
		t.Errorf("delegated admin changes: %v", err)
	}
	admins, err := w.o.ListDelegatedAdministrators(member, org.ListDelegatedAdministratorsInput{})
	must(t, err)
	if len(admins.DelegatedAdministrators) != 1 || admins.DelegatedAdministrators[0].Id != memberID || !admins.DelegatedAdministrators[0].DelegationEnabledDate.Equal(now) {
		t.Errorf("admins: %+v", admins.DelegatedAdministrators)
	}
	gd, err := w.o.ListDelegatedAdministrators(mgmt, org.ListDelegatedAdministratorsInput{ServicePrincipal: "guardduty.amazonaws.com"})
	must(t, err)
	if len(gd.DelegatedAdministrators) != 1 || !gd.DelegatedAdministrators[0].DelegationEnabledDate.Equal(now.Add(time.Hour)) {
		t.Errorf("GuardDuty admins: %+v", gd.DelegatedAdministrators)
	}
	services, err := w.o.ListDelegatedServicesForAccount(mgmt, org.ListDelegatedServicesForAccountInput{AccountId: memberID})
	must(t, err)
	if diff := cmp.Diff([]org.DelegatedService{{DelegationEnabledDate: now, ServicePrincipal: inspector2}, {DelegationEnabledDate: now.Add(time.Hour), ServicePrincipal: "guardduty.amazonaws.com"}}, services.DelegatedServices); diff != "" {
		t.Errorf("delegated services (-want +got):\n%s", diff)
	}
	// Disabling trusted access deregisters the service's administrators.
	must(t, w.o.DisableAWSServiceAccess(mgmt, inspector2))
	if got := w.o.DelegatedAdministrators(w.orgID, inspector2); len(got) != 0 || w.o.ServiceAccessEnabled(w.orgID, inspector2) {
		t.Errorf("after disabling: %v", got)
	}
	if got := w.o.DelegatedAdministrators(w.orgID, "guardduty.amazonaws.com"); !cmp.Equal(got, []string{memberID}) {
		t.Errorf("other service: %v", got)
	}
	must(t, w.o.DeregisterDelegatedAdministrator(mgmt, memberID, "guardduty.amazonaws.com"))
	if _, err := w.o.ListAccounts(member, org.ListAccountsInput{}); code(err) != "AccessDeniedException" {
		t.Errorf("member reads after deregistration: %v", err)
	}
	// Now it may leave.
	must(t, w.o.LeaveOrganization(member))
}

func TestPagination(t *testing.T) {
	w := newWorld(t, org.Config{MaxAccounts: 100})
	mgmt := root(mgmtID)
	for i := range 5 {
		_, err := w.createAccount(string(rune('a'+i)) + "@example.com")
		must(t, err)
	}
	var got []string
	page, err := w.o.ListAccounts(mgmt, org.ListAccountsInput{MaxResults: 3})
	must(t, err)
	got = append(got, accountIDs(page.Accounts)...)
	// An account that joins between pages shows up on a later page.
	late, err := w.createAccount("late@example.com")
	must(t, err)
	for page.NextToken != "" {
		page, err = w.o.ListAccounts(mgmt, org.ListAccountsInput{MaxResults: 3, NextToken: page.NextToken})
		must(t, err)
		got = append(got, accountIDs(page.Accounts)...)
	}
	want := accountIDs(w.o.Members(w.orgID))
	if diff := cmp.Diff(want, got); diff != "" || got[len(got)-1] != late {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
	if len(got) != 9 {
		t.Errorf("%d accounts", len(got))
	}
}

func TestSameSeedSameIDs(t *testing.T) {
	run := func() []string {
		w := newWorld(t, org.Config{Rand: bytes.NewReader([]byte("a seed of thirty-two bytes......"))})
		id, err := w.createAccount("new@example.com")
		must(t, err)
		return []string{w.orgID, w.root, w.ou(w.root, "x"), w.scp("p", denyS3), id}
	}
	a, b := run(), run()
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("ids differ (-first +second):\n%s", diff)
	}
	if !strings.HasPrefix(a[0], "o-") || len(a[0]) != 12 || !strings.HasPrefix(a[1], "r-") || len(a[1]) != 6 || len(a[3]) != 10 {
		t.Errorf("id shapes: %v", a)
	}
}

// The wire layer renders outputs with encoding/json: the members carry
// AWS's names.
func TestJSONShapes(t *testing.T) {
	w := newWorld(t, org.Config{})
	out, err := w.o.DescribeAccount(root(mgmtID), org.DescribeAccountInput{AccountId: memberID})
	must(t, err)
	b, err := json.Marshal(out)
	must(t, err)
	var got map[string]map[string]any
	must(t, json.Unmarshal(b, &got))
	var keys []string
	for k := range got["Account"] {
		keys = append(keys, k)
	}
	want := []string{"Arn", "Email", "Id", "JoinedMethod", "JoinedTimestamp", "Name", "Paths", "State", "Status"}
	if diff := cmp.Diff(want, sorted(keys)); diff != "" {
		t.Errorf("Account members (-want +got):\n%s", diff)
	}
	st, err := w.o.CreateAccount(root(mgmtID), org.CreateAccountInput{AccountName: "x", Email: "x@example.com"})
	must(t, err)
	b, err = json.Marshal(st)
	must(t, err)
	if s := string(b); strings.Contains(s, "CompletedTimestamp") || !strings.Contains(s, `"State":"IN_PROGRESS"`) {
		t.Errorf("CreateAccountStatus JSON: %s", s)
	}
}

// Concurrent callers: one mutex, no deadlock with an Authorizer that calls
// back into SCPChain, no race.
func TestConcurrentUse(t *testing.T) {
	w := newWorld(t, org.Config{MaxAccounts: 100})
	w.enableSCP()
	mgmt := root(mgmtID)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				switch (g + i) % 4 {
				case 0:
					_, _ = w.o.CreateOrganizationalUnit(mgmt, org.CreateOrganizationalUnitInput{ParentId: w.root, Name: string(rune('a'+g)) + string(rune('a'+i))})
				case 1:
					_, _ = w.o.SCPChain(memberID)
				case 2:
					_, _ = w.o.ListAccounts(root(mgmtID), org.ListAccountsInput{})
				case 3:
					_, _ = w.o.CreateAccount(mgmt, org.CreateAccountInput{AccountName: "x", Email: string(rune('a'+g)) + string(rune('a'+i)) + "@example.com"})
					w.clock.Advance(time.Minute)
				}
			}
		}()
	}
	wg.Wait()
	ous, err := w.o.ListOrganizationalUnitsForParent(mgmt, org.ListOrganizationalUnitsForParentInput{ParentId: w.root})
	must(t, err)
	if len(ous.OrganizationalUnits) == 0 {
		t.Error("no OU created")
	}
}
