package org_test

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/org"
)

func exampleRoot(acct string) *authz.Principal {
	return &authz.Principal{Type: authz.PrincipalRoot, ARN: "arn:aws:iam::" + acct + ":root", Account: acct}
}

// An organization is created by its management account; CreateAccount is
// asynchronous and completes once the clock has passed its delay.
func ExampleOrganization_CreateAccount() {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	o := org.New(org.Config{
		Now:  func() time.Time { return now },
		Rand: bytes.NewReader(make([]byte, 32)),
	})
	mgmt := exampleRoot("111111111111")
	_ = o.AddStandaloneAccount("111111111111", "mgmt@example.com", "Management")
	created, _ := o.CreateOrganization(mgmt, org.CreateOrganizationInput{})
	fmt.Println(created.Organization.FeatureSet, created.Organization.MasterAccountId)

	req, _ := o.CreateAccount(mgmt, org.CreateAccountInput{AccountName: "Production", Email: "prod@example.com"})
	fmt.Println(req.CreateAccountStatus.State)

	now = now.Add(org.CreateAccountDelay)
	st, _ := o.DescribeCreateAccountStatus(mgmt, org.DescribeCreateAccountStatusInput{CreateAccountRequestId: req.CreateAccountStatus.Id})
	fmt.Println(st.CreateAccountStatus.State)
	acct, _ := o.Account(st.CreateAccountStatus.AccountId)
	fmt.Println(acct.Name, acct.State, acct.JoinedMethod)
	// Output:
	// ALL 111111111111
	// IN_PROGRESS
	// SUCCEEDED
	// Production ACTIVE CREATED
}

// Only the management account delegates, only after trusted access, and
// Amazon Inspector allows one delegated administrator.
func ExampleOrganization_RegisterDelegatedAdministrator() {
	o := org.New(org.Config{Rand: bytes.NewReader(make([]byte, 32))})
	mgmt, member := exampleRoot("111111111111"), exampleRoot("222222222222")
	_ = o.AddStandaloneAccount("111111111111", "mgmt@example.com", "Management")
	_ = o.AddStandaloneAccount("222222222222", "member@example.com", "Security")
	created, _ := o.CreateOrganization(mgmt, org.CreateOrganizationInput{})
	h, _ := o.InviteAccountToOrganization(mgmt, org.InviteAccountToOrganizationInput{
		Target: org.HandshakeParty{Id: "222222222222", Type: org.HandshakePartyTypeAccount}})
	_, _ = o.AcceptHandshake(member, org.AcceptHandshakeInput{HandshakeId: h.Handshake.Id})

	err := o.RegisterDelegatedAdministrator(mgmt, "222222222222", "inspector2.amazonaws.com")
	fmt.Println(err)
	err = o.EnableAWSServiceAccess(member, "inspector2.amazonaws.com")
	fmt.Println(err, errors.Is(err, org.ErrAccessDenied))

	_ = o.EnableAWSServiceAccess(mgmt, "inspector2.amazonaws.com")
	fmt.Println(o.RegisterDelegatedAdministrator(mgmt, "222222222222", "inspector2.amazonaws.com"))
	fmt.Println(o.DelegatedAdministrators(created.Organization.Id, "inspector2.amazonaws.com"))

	_ = o.DisableAWSServiceAccess(mgmt, "inspector2.amazonaws.com")
	fmt.Println(o.DelegatedAdministrators(created.Organization.Id, "inspector2.amazonaws.com"))
	// Output:
	// ConstraintViolationException: You attempted to register a delegated administrator before you enabled service access. Call the EnableAWSServiceAccess API first. (SERVICE_ACCESS_NOT_ENABLED)
	// AccessDeniedException: You don't have permissions to access this resource. true
	// <nil>
	// [222222222222]
	// []
}

// SCPChain gives an authorizer the SCPs over an account: the root, each
// OU on its path, the account.
func ExampleOrganization_SCPChain() {
	o := org.New(org.Config{Rand: bytes.NewReader(make([]byte, 32))})
	mgmt, member := exampleRoot("111111111111"), exampleRoot("222222222222")
	_ = o.AddStandaloneAccount("111111111111", "mgmt@example.com", "Management")
	_ = o.AddStandaloneAccount("222222222222", "member@example.com", "Workload")
	_, _ = o.CreateOrganization(mgmt, org.CreateOrganizationInput{})
	h, _ := o.InviteAccountToOrganization(mgmt, org.InviteAccountToOrganizationInput{
		Target: org.HandshakeParty{Id: "222222222222", Type: org.HandshakePartyTypeAccount}})
	_, _ = o.AcceptHandshake(member, org.AcceptHandshakeInput{HandshakeId: h.Handshake.Id})
	roots, _ := o.ListRoots(mgmt, org.ListRootsInput{})
	rootID := roots.Roots[0].Id
	_, _ = o.EnablePolicyType(mgmt, org.EnablePolicyTypeInput{RootId: rootID, PolicyType: org.PolicyTypeServiceControlPolicy})
	ou, _ := o.CreateOrganizationalUnit(mgmt, org.CreateOrganizationalUnitInput{ParentId: rootID, Name: "Workloads"})
	_ = o.MoveAccount(mgmt, org.MoveAccountInput{AccountId: "222222222222", SourceParentId: rootID, DestinationParentId: ou.OrganizationalUnit.Id})
	deny, _ := o.CreatePolicy(mgmt, org.CreatePolicyInput{
		Name: "NoLeaving", Description: "Members stay", Type: org.PolicyTypeServiceControlPolicy,
		Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}`,
	})
	_ = o.AttachPolicy(mgmt, org.AttachPolicyInput{PolicyId: deny.Policy.PolicySummary.Id, TargetId: ou.OrganizationalUnit.Id})

	for _, acct := range []string{"111111111111", "222222222222"} {
		chain, management := o.SCPChain(acct)
		fmt.Print(acct, ":")
		for _, level := range chain {
			fmt.Print(" ", level.Len())
		}
		fmt.Println(" management:", management)
	}
	req := &authz.Request{Principal: *member, Action: "organizations:LeaveOrganization", Resource: "*"}
	chain, _ := o.SCPChain("222222222222")
	fmt.Println(authz.Evaluate(req, &authz.PolicySet{SCPs: chain}))
	// Output:
	// 111111111111: 1 1 management: true
	// 222222222222: 1 2 1 management: false
	// explicitDeny
}

// Tags go on accounts, the root, OUs and customer managed policies; IAM
// sees them as aws:ResourceTag/<key> on every later call about the
// resource.
func ExampleOrganization_TagResource() {
	o := org.New(org.Config{Rand: bytes.NewReader(make([]byte, 32))})
	mgmt := exampleRoot("111111111111")
	_ = o.AddStandaloneAccount("111111111111", "mgmt@example.com", "Management")
	_, _ = o.CreateOrganization(mgmt, org.CreateOrganizationInput{})
	roots, _ := o.ListRoots(mgmt, org.ListRootsInput{})
	ou, _ := o.CreateOrganizationalUnit(mgmt, org.CreateOrganizationalUnitInput{
		Name: "Prod", ParentId: roots.Roots[0].Id, Tags: []org.Tag{{Key: "team", Value: "red"}},
	})
	id := ou.OrganizationalUnit.Id
	_ = o.TagResource(mgmt, org.TagResourceInput{ResourceId: id, Tags: []org.Tag{{Key: "env", Value: "prod"}}})
	tags, _ := o.ListTagsForResource(mgmt, org.ListTagsForResourceInput{ResourceId: id})
	fmt.Println(tags.Tags)

	err := o.TagResource(mgmt, org.TagResourceInput{ResourceId: id, Tags: []org.Tag{{Key: "aws:owner", Value: "me"}}})
	fmt.Println(err)
	// Output:
	// [{env prod} {team red}]
	// InvalidInputException: You specified a tag key that is a system tag. You can't add, edit, or delete system tag keys because they're reserved for Amazon Web Services use. System tags don't count against your tags per resource limit. (INVALID_SYSTEM_TAGS_PARAMETER)
}

// A snapshot restored into a fresh Organization carries on where the
// original left off: the next ids are the same.
func ExampleOrganization_Snapshot() {
	newOrg := func() *org.Organization { return org.New(org.Config{Rand: bytes.NewReader(make([]byte, 32))}) }
	a := newOrg()
	mgmt := exampleRoot("111111111111")
	_ = a.AddStandaloneAccount("111111111111", "mgmt@example.com", "Management")
	_, _ = a.CreateOrganization(mgmt, org.CreateOrganizationInput{})
	data, _ := a.Snapshot()

	b := newOrg()
	if err := b.Restore(data); err != nil {
		fmt.Println(err)
	}
	in := org.CreatePolicyInput{Name: "deny-s3", Type: org.PolicyTypeServiceControlPolicy,
		Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`}
	pa, _ := a.CreatePolicy(mgmt, in)
	pb, _ := b.CreatePolicy(mgmt, in)
	fmt.Println(pa.Policy.PolicySummary.Id == pb.Policy.PolicySummary.Id)

	fmt.Println(b.Restore([]byte(`{"version":2}`)))
	// Output:
	// true
	// org: invalid snapshot: version 2, want 1
}
