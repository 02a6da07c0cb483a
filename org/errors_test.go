package org_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/org"
)

const (
	inspector2 = "inspector2.amazonaws.com"
	allowAll   = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	denyS3     = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`
)

func (w *world) enableSCP() {
	w.t.Helper()
	_, err := w.o.EnablePolicyType(root(mgmtID), org.EnablePolicyTypeInput{RootId: w.root, PolicyType: org.PolicyTypeServiceControlPolicy})
	must(w.t, err)
}

func (w *world) scp(name, content string) string {
	w.t.Helper()
	out, err := w.o.CreatePolicy(root(mgmtID), org.CreatePolicyInput{Name: name, Description: name, Type: org.PolicyTypeServiceControlPolicy, Content: content})
	must(w.t, err)
	return out.Policy.PolicySummary.Id
}

func (w *world) ou(parent, name string) string {
	w.t.Helper()
	out, err := w.o.CreateOrganizationalUnit(root(mgmtID), org.CreateOrganizationalUnitInput{ParentId: parent, Name: name})
	must(w.t, err)
	return out.OrganizationalUnit.Id
}

func (w *world) createAccount(email string) (string, error) {
	req, err := w.o.CreateAccount(root(mgmtID), org.CreateAccountInput{AccountName: "New", Email: email})
	if err != nil {
		return "", err
	}
	w.clock.Advance(org.CreateAccountDelay)
	st, err := w.o.DescribeCreateAccountStatus(root(mgmtID), org.DescribeCreateAccountStatusInput{CreateAccountRequestId: req.CreateAccountStatus.Id})
	if err != nil {
		return "", err
	}
	if st.CreateAccountStatus.State != org.CreateAccountStateSucceeded {
		return "", errors.New(string(st.CreateAccountStatus.FailureReason))
	}
	return st.CreateAccountStatus.AccountId, nil
}

func (w *world) delegate(acct, sp string) {
	w.t.Helper()
	must(w.t, w.o.EnableAWSServiceAccess(root(mgmtID), sp))
	must(w.t, w.o.RegisterDelegatedAdministrator(root(mgmtID), acct, sp))
}

func cbWorld(t testing.TB) *world {
	w := &world{t: t, clock: newClock(), ids: newIdentities(), iam: newIAM()}
	w.o = org.New(org.Config{Now: w.clock.Now})
	must(t, w.o.AddStandaloneAccount(mgmtID, "mgmt@example.com", "Management"))
	must(t, w.o.AddStandaloneAccount(memberID, "member@example.com", "Member"))
	out, err := w.o.CreateOrganization(root(mgmtID), org.CreateOrganizationInput{FeatureSet: org.OrganizationFeatureSetConsolidatedBilling})
	must(t, err)
	w.orgID = out.Organization.Id
	roots, err := w.o.ListRoots(root(mgmtID), org.ListRootsInput{})
	must(t, err)
	w.root = roots.Roots[0].Id
	w.invite(memberID)
	return w
}

// TestErrors checks the code and reason of every error the package models.
func TestErrors(t *testing.T) {
	mgmt, member, outsider := root(mgmtID), root(memberID), root(outsiderID)
	invite := func(w *world, id string, typ org.HandshakePartyType) (org.InviteAccountToOrganizationOutput, error) {
		return w.o.InviteAccountToOrganization(mgmt, org.InviteAccountToOrganizationInput{Target: org.HandshakeParty{Id: id, Type: typ}})
	}
	tests := []struct {
		name string
		cb   bool // a consolidated-billing organization
		run  func(t *testing.T, w *world) error
		want string
	}{
		// Callers.
		{"no caller", false, func(t *testing.T, w *world) error { _, err := w.o.DescribeOrganization(nil); return err }, "MissingAuthenticationTokenException"},
		{"outsider reads", false, func(t *testing.T, w *world) error { _, err := w.o.DescribeOrganization(outsider); return err }, "AWSOrganizationsNotInUseException"},
		{"member lists accounts", false, func(t *testing.T, w *world) error {
			_, err := w.o.ListAccounts(member, org.ListAccountsInput{})
			return err
		}, "AccessDeniedException"},
		{"member changes", false, func(t *testing.T, w *world) error { return w.o.EnableAWSServiceAccess(member, inspector2) }, "AccessDeniedException"},
		{"IAM denies", false, func(t *testing.T, w *world) error {
			w.iam.allow(role(mgmtID, "reader").ARN, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["organizations:List*","organizations:Describe*"],"Resource":"*"}]}`)
			return w.o.EnableAWSServiceAccess(role(mgmtID, "reader"), inspector2)
		}, "AccessDeniedException"},
		{"dependency denied", false, func(t *testing.T, w *world) error {
			w.iam.allow(role(outsiderID, "admin").ARN, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"organizations:*","Resource":"*"}]}`)
			_, err := w.o.CreateOrganization(role(outsiderID, "admin"), org.CreateOrganizationInput{})
			return err
		}, "AccessDeniedForDependencyException/ACCESS_DENIED_DURING_CREATE_SERVICE_LINKED_ROLE"},

		// Organization.
		{"create twice", false, func(t *testing.T, w *world) error {
			_, err := w.o.CreateOrganization(member, org.CreateOrganizationInput{})
			return err
		}, "AlreadyInOrganizationException"},
		{"bad feature set", false, func(t *testing.T, w *world) error {
			_, err := w.o.CreateOrganization(outsider, org.CreateOrganizationInput{FeatureSet: "SOME"})
			return err
		}, "InvalidInputException/INVALID_ENUM"},
		{"delete with members", false, func(t *testing.T, w *world) error { return w.o.DeleteOrganization(mgmt) }, "OrganizationNotEmptyException"},
		{"delete by member", false, func(t *testing.T, w *world) error { return w.o.DeleteOrganization(member) }, "AccessDeniedException"},
		{"delete while creating", false, func(t *testing.T, w *world) error {
			must(t, w.o.RemoveAccountFromOrganization(mgmt, org.RemoveAccountFromOrganizationInput{AccountId: memberID}))
			must(t, w.o.RemoveAccountFromOrganization(mgmt, org.RemoveAccountFromOrganizationInput{AccountId: member2ID}))
			_, err := w.o.CreateAccount(mgmt, org.CreateAccountInput{AccountName: "x", Email: "x@example.com"})
			must(t, err)
			return w.o.DeleteOrganization(mgmt)
		}, "ConcurrentModificationException"},

		// Accounts.
		{"create: email pattern", false, func(t *testing.T, w *world) error {
			_, err := w.o.CreateAccount(mgmt, org.CreateAccountInput{AccountName: "x", Email: "not an email"})
			return err
		}, "InvalidInputException/INVALID_PATTERN"},
		{"create: name too long", false, func(t *testing.T, w *world) error {
			_, err := w.o.CreateAccount(mgmt, org.CreateAccountInput{AccountName: strings.Repeat("n", 51), Email: "x@example.com"})
			return err
		}, "InvalidInputException/MAX_LENGTH_EXCEEDED"},
		{"create: reserved role name", false, func(t *testing.T, w *world) error {
			_, err := w.o.CreateAccount(mgmt, org.CreateAccountInput{AccountName: "x", Email: "x@example.com", RoleName: "AWSServiceRoleForX"})
			return err
		}, "InvalidInputException/INVALID_ROLE_NAME"},
		{"create: sixth concurrent", false, func(t *testing.T, w *world) error {
			for i := range 5 {
				_, err := w.o.CreateAccount(mgmt, org.CreateAccountInput{AccountName: "x", Email: string(rune('a'+i)) + "@example.com"})
				must(t, err)
			}
			_, err := w.o.CreateAccount(mgmt, org.CreateAccountInput{AccountName: "x", Email: "f@example.com"})
			return err
		}, "ConstraintViolationException/ACCOUNT_CREATION_RATE_LIMIT_EXCEEDED"},
		{"create: quota", false, func(t *testing.T, w *world) error {
			w2 := newWorld(t, org.Config{MaxAccounts: 3})
			_, err := w2.o.CreateAccount(mgmt, org.CreateAccountInput{AccountName: "x", Email: "x@example.com"})
			return err
		}, "ConstraintViolationException/ACCOUNT_NUMBER_LIMIT_EXCEEDED"},
		{"unknown create request", false, func(t *testing.T, w *world) error {
			_, err := w.o.DescribeCreateAccountStatus(mgmt, org.DescribeCreateAccountStatusInput{CreateAccountRequestId: "car-abcdefgh"})
			return err
		}, "CreateAccountStatusNotFoundException"},
		{"describe unknown account", false, func(t *testing.T, w *world) error {
			_, err := w.o.DescribeAccount(mgmt, org.DescribeAccountInput{AccountId: outsiderID})
			return err
		}, "AccountNotFoundException"},
		{"describe bad id", false, func(t *testing.T, w *world) error {
			_, err := w.o.DescribeAccount(mgmt, org.DescribeAccountInput{AccountId: "12"})
			return err
		}, "InvalidInputException/INVALID_PATTERN"},
		{"remove management", false, func(t *testing.T, w *world) error {
			return w.o.RemoveAccountFromOrganization(mgmt, org.RemoveAccountFromOrganizationInput{AccountId: mgmtID})
		}, "MasterCannotLeaveOrganizationException"},
		{"remove delegated admin", false, func(t *testing.T, w *world) error {
			w.delegate(memberID, inspector2)
			return w.o.RemoveAccountFromOrganization(mgmt, org.RemoveAccountFromOrganizationInput{AccountId: memberID})
		}, "ConstraintViolationException/CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG"},
		{"delegated admin leaves", false, func(t *testing.T, w *world) error {
			w.delegate(memberID, inspector2)
			return w.o.LeaveOrganization(member)
		}, "ConstraintViolationException/CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG"},
		{"remove within wait period", false, func(t *testing.T, w *world) error {
			id, err := w.createAccount("new@example.com")
			must(t, err)
			w.clock.Advance(org.WaitPeriod - org.CreateAccountDelay - 1)
			return w.o.RemoveAccountFromOrganization(mgmt, org.RemoveAccountFromOrganizationInput{AccountId: id})
		}, "ConstraintViolationException/WAIT_PERIOD_ACTIVE"},
		{"remove unknown", false, func(t *testing.T, w *world) error {
			return w.o.RemoveAccountFromOrganization(mgmt, org.RemoveAccountFromOrganizationInput{AccountId: outsiderID})
		}, "AccountNotFoundException"},
		{"management leaves", false, func(t *testing.T, w *world) error { return w.o.LeaveOrganization(mgmt) }, "ConstraintViolationException/ACCOUNT_CANNOT_LEAVE_ORGANIZATION"},
		{"outsider leaves", false, func(t *testing.T, w *world) error { return w.o.LeaveOrganization(outsider) }, "AWSOrganizationsNotInUseException"},
		{"close management", false, func(t *testing.T, w *world) error {
			return w.o.CloseAccount(mgmt, org.CloseAccountInput{AccountId: mgmtID})
		}, "ConstraintViolationException/CANNOT_CLOSE_MANAGEMENT_ACCOUNT"},
		{"close twice", false, func(t *testing.T, w *world) error {
			must(t, w.o.CloseAccount(mgmt, org.CloseAccountInput{AccountId: memberID}))
			return w.o.CloseAccount(mgmt, org.CloseAccountInput{AccountId: memberID})
		}, "AccountAlreadyClosedException"},
		{"close in billing mode", true, func(t *testing.T, w *world) error {
			return w.o.CloseAccount(mgmt, org.CloseAccountInput{AccountId: memberID})
		}, "ConstraintViolationException/ORGANIZATION_NOT_IN_ALL_FEATURES_MODE"},
		{"page too large", false, func(t *testing.T, w *world) error {
			_, err := w.o.ListAccounts(mgmt, org.ListAccountsInput{MaxResults: 21})
			return err
		}, "InvalidInputException/MAX_VALUE_EXCEEDED"},
		{"page negative", false, func(t *testing.T, w *world) error {
			_, err := w.o.ListAccounts(mgmt, org.ListAccountsInput{MaxResults: -1})
			return err
		}, "InvalidInputException/MIN_VALUE_EXCEEDED"},
		{"foreign token", false, func(t *testing.T, w *world) error {
			p, err := w.o.ListAccounts(mgmt, org.ListAccountsInput{MaxResults: 1})
			must(t, err)
			_, err = w.o.ListRoots(mgmt, org.ListRootsInput{NextToken: p.NextToken})
			return err
		}, "InvalidInputException/INVALID_NEXT_TOKEN"},

		// Organizational units.
		{"OU too deep", false, func(t *testing.T, w *world) error {
			parent := w.root
			for i := range 5 {
				parent = w.ou(parent, string(rune('a'+i)))
			}
			_, err := w.o.CreateOrganizationalUnit(mgmt, org.CreateOrganizationalUnitInput{ParentId: parent, Name: "six"})
			return err
		}, "ConstraintViolationException/OU_DEPTH_LIMIT_EXCEEDED"},
		{"OU count", false, func(t *testing.T, w *world) error {
			w2 := newWorld(t, org.Config{Authorizer: nil})
			for i := range org.MaxOUs {
				w2.ou(w2.root, strings.Repeat("x", i%100+1)+string(rune('a'+i/100)))
			}
			_, err := w2.o.CreateOrganizationalUnit(mgmt, org.CreateOrganizationalUnitInput{ParentId: w2.root, Name: "one more"})
			return err
		}, "ConstraintViolationException/OU_NUMBER_LIMIT_EXCEEDED"},
		{"OU duplicate name", false, func(t *testing.T, w *world) error {
			w.ou(w.root, "Dev")
			_, err := w.o.CreateOrganizationalUnit(mgmt, org.CreateOrganizationalUnitInput{ParentId: w.root, Name: "Dev"})
			return err
		}, "DuplicateOrganizationalUnitException"},
		{"OU rename to sibling", false, func(t *testing.T, w *world) error {
			w.ou(w.root, "Dev")
			id := w.ou(w.root, "Prod")
			_, err := w.o.UpdateOrganizationalUnit(mgmt, org.UpdateOrganizationalUnitInput{OrganizationalUnitId: id, Name: "Dev"})
			return err
		}, "DuplicateOrganizationalUnitException"},
		{"OU unknown parent", false, func(t *testing.T, w *world) error {
			_, err := w.o.CreateOrganizationalUnit(mgmt, org.CreateOrganizationalUnitInput{ParentId: "ou-abcd-abcdefgh", Name: "x"})
			return err
		}, "ParentNotFoundException"},
		{"OU not empty", false, func(t *testing.T, w *world) error {
			id := w.ou(w.root, "Dev")
			must(t, w.o.MoveAccount(mgmt, org.MoveAccountInput{AccountId: memberID, SourceParentId: w.root, DestinationParentId: id}))
			return w.o.DeleteOrganizationalUnit(mgmt, org.DeleteOrganizationalUnitInput{OrganizationalUnitId: id})
		}, "OrganizationalUnitNotEmptyException"},
		{"OU unknown", false, func(t *testing.T, w *world) error {
			_, err := w.o.DescribeOrganizationalUnit(mgmt, org.DescribeOrganizationalUnitInput{OrganizationalUnitId: "ou-abcd-abcdefgh"})
			return err
		}, "OrganizationalUnitNotFoundException"},
		{"move: unknown source", false, func(t *testing.T, w *world) error {
			return w.o.MoveAccount(mgmt, org.MoveAccountInput{AccountId: memberID, SourceParentId: "ou-abcd-abcdefgh", DestinationParentId: w.root})
		}, "SourceParentNotFoundException"},
		{"move: wrong source", false, func(t *testing.T, w *world) error {
			a, b := w.ou(w.root, "A"), w.ou(w.root, "B")
			return w.o.MoveAccount(mgmt, org.MoveAccountInput{AccountId: memberID, SourceParentId: a, DestinationParentId: b})
		}, "SourceParentNotFoundException"},
		{"move: unknown destination", false, func(t *testing.T, w *world) error {
			return w.o.MoveAccount(mgmt, org.MoveAccountInput{AccountId: memberID, SourceParentId: w.root, DestinationParentId: "ou-abcd-abcdefgh"})
		}, "DestinationParentNotFoundException"},
		{"move: already there", false, func(t *testing.T, w *world) error {
			return w.o.MoveAccount(mgmt, org.MoveAccountInput{AccountId: memberID, SourceParentId: w.root, DestinationParentId: w.root})
		}, "DuplicateAccountException"},
		{"move: unknown account", false, func(t *testing.T, w *world) error {
			return w.o.MoveAccount(mgmt, org.MoveAccountInput{AccountId: outsiderID, SourceParentId: w.root, DestinationParentId: w.root})
		}, "AccountNotFoundException"},
		{"unknown child", false, func(t *testing.T, w *world) error {
			_, err := w.o.ListParents(mgmt, org.ListParentsInput{ChildId: outsiderID})
			return err
		}, "ChildNotFoundException"},
		{"children: bad type", false, func(t *testing.T, w *world) error {
			_, err := w.o.ListChildren(mgmt, org.ListChildrenInput{ParentId: w.root, ChildType: "ROOT"})
			return err
		}, "InvalidInputException/INVALID_ENUM"},

		// Policies.
		{"attach before enabling", false, func(t *testing.T, w *world) error {
			id := w.scp("deny-s3", denyS3)
			return w.o.AttachPolicy(mgmt, org.AttachPolicyInput{PolicyId: id, TargetId: memberID})
		}, "PolicyTypeNotEnabledException"},
		{"enable twice", false, func(t *testing.T, w *world) error {
			w.enableSCP()
			_, err := w.o.EnablePolicyType(mgmt, org.EnablePolicyTypeInput{RootId: w.root, PolicyType: org.PolicyTypeServiceControlPolicy})
			return err
		}, "PolicyTypeAlreadyEnabledException"},
		{"enable in unknown root", false, func(t *testing.T, w *world) error {
			_, err := w.o.EnablePolicyType(mgmt, org.EnablePolicyTypeInput{RootId: "r-zzzz", PolicyType: org.PolicyTypeServiceControlPolicy})
			return err
		}, "RootNotFoundException"},
		{"enable in billing mode", true, func(t *testing.T, w *world) error {
			_, err := w.o.EnablePolicyType(mgmt, org.EnablePolicyTypeInput{RootId: w.root, PolicyType: org.PolicyTypeServiceControlPolicy})
			return err
		}, "PolicyTypeNotAvailableForOrganizationException"},
		{"create policy in billing mode", true, func(t *testing.T, w *world) error {
			_, err := w.o.CreatePolicy(mgmt, org.CreatePolicyInput{Name: "x", Type: org.PolicyTypeServiceControlPolicy, Content: allowAll})
			return err
		}, "PolicyTypeNotAvailableForOrganizationException"},
		{"disable not enabled", false, func(t *testing.T, w *world) error {
			_, err := w.o.DisablePolicyType(mgmt, org.DisablePolicyTypeInput{RootId: w.root, PolicyType: org.PolicyTypeResourceControlPolicy})
			return err
		}, "PolicyTypeNotEnabledException"},
		{"malformed policy", false, func(t *testing.T, w *world) error {
			_, err := w.o.CreatePolicy(mgmt, org.CreatePolicyInput{Name: "x", Type: org.PolicyTypeServiceControlPolicy, Content: `{"Statement":[{"Effect":"Allow"}]}`})
			return err
		}, "MalformedPolicyDocumentException"},
		{"SCP with a principal", false, func(t *testing.T, w *world) error {
			_, err := w.o.CreatePolicy(mgmt, org.CreatePolicyInput{Name: "x", Type: org.PolicyTypeServiceControlPolicy,
				Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}`})
			return err
		}, "MalformedPolicyDocumentException"},
		{"policy too large", false, func(t *testing.T, w *world) error {
			big := `{"Version":"2012-10-17","Statement":[{"Sid":"` + strings.Repeat("A", org.MaxPolicySize) + `","Effect":"Deny","Action":"s3:*","Resource":"*"}]}`
			_, err := w.o.CreatePolicy(mgmt, org.CreatePolicyInput{Name: "x", Type: org.PolicyTypeServiceControlPolicy, Content: big})
			return err
		}, "ConstraintViolationException/POLICY_CONTENT_LIMIT_EXCEEDED"},
		{"duplicate policy name", false, func(t *testing.T, w *world) error {
			_, err := w.o.CreatePolicy(mgmt, org.CreatePolicyInput{Name: "FullAWSAccess", Type: org.PolicyTypeServiceControlPolicy, Content: allowAll})
			return err
		}, "DuplicatePolicyException"},
		{"unmodelled policy type", false, func(t *testing.T, w *world) error {
			_, err := w.o.CreatePolicy(mgmt, org.CreatePolicyInput{Name: "x", Type: org.PolicyTypeTagPolicy, Content: "{}"})
			return err
		}, "InvalidInputException/INVALID_ENUM_POLICY_TYPE"},
		{"update AWS managed", false, func(t *testing.T, w *world) error {
			_, err := w.o.UpdatePolicy(mgmt, org.UpdatePolicyInput{PolicyId: org.FullAWSAccessID, Name: "Mine"})
			return err
		}, "InvalidInputException/IMMUTABLE_POLICY"},
		{"delete AWS managed", false, func(t *testing.T, w *world) error {
			return w.o.DeletePolicy(mgmt, org.DeletePolicyInput{PolicyId: org.RCPFullAWSAccessID})
		}, "InvalidInputException/IMMUTABLE_POLICY"},
		{"delete attached", false, func(t *testing.T, w *world) error {
			w.enableSCP()
			id := w.scp("deny-s3", denyS3)
			must(t, w.o.AttachPolicy(mgmt, org.AttachPolicyInput{PolicyId: id, TargetId: memberID}))
			return w.o.DeletePolicy(mgmt, org.DeletePolicyInput{PolicyId: id})
		}, "PolicyInUseException"},
		{"unknown policy", false, func(t *testing.T, w *world) error {
			_, err := w.o.DescribePolicy(mgmt, org.DescribePolicyInput{PolicyId: "p-abcdefgh"})
			return err
		}, "PolicyNotFoundException"},
		{"sixth policy", false, func(t *testing.T, w *world) error {
			w.enableSCP()
			for i := range 4 {
				id := w.scp(string(rune('a'+i)), denyS3)
				must(t, w.o.AttachPolicy(mgmt, org.AttachPolicyInput{PolicyId: id, TargetId: memberID}))
			}
			id := w.scp("e", denyS3)
			return w.o.AttachPolicy(mgmt, org.AttachPolicyInput{PolicyId: id, TargetId: memberID})
		}, "ConstraintViolationException/MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"},
		{"attach twice", false, func(t *testing.T, w *world) error {
			w.enableSCP()
			return w.o.AttachPolicy(mgmt, org.AttachPolicyInput{PolicyId: org.FullAWSAccessID, TargetId: w.root})
		}, "DuplicatePolicyAttachmentException"},
		{"detach last", false, func(t *testing.T, w *world) error {
			w.enableSCP()
			return w.o.DetachPolicy(mgmt, org.DetachPolicyInput{PolicyId: org.FullAWSAccessID, TargetId: memberID})
		}, "ConstraintViolationException/MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"},
		{"detach unattached", false, func(t *testing.T, w *world) error {
			w.enableSCP()
			id := w.scp("deny-s3", denyS3)
			return w.o.DetachPolicy(mgmt, org.DetachPolicyInput{PolicyId: id, TargetId: memberID})
		}, "PolicyNotAttachedException"},
		{"attach to unknown target", false, func(t *testing.T, w *world) error {
			w.enableSCP()
			return w.o.AttachPolicy(mgmt, org.AttachPolicyInput{PolicyId: org.FullAWSAccessID, TargetId: outsiderID})
		}, "TargetNotFoundException"},
		{"bad target id", false, func(t *testing.T, w *world) error {
			return w.o.AttachPolicy(mgmt, org.AttachPolicyInput{PolicyId: org.FullAWSAccessID, TargetId: "o-abcdefghij"})
		}, "InvalidInputException/INVALID_PATTERN_TARGET_ID"},

		// Trusted access and delegated administrators.
		{"register before access", false, func(t *testing.T, w *world) error {
			return w.o.RegisterDelegatedAdministrator(mgmt, memberID, inspector2)
		}, "ConstraintViolationException/SERVICE_ACCESS_NOT_ENABLED"},
		{"register management", false, func(t *testing.T, w *world) error {
			must(t, w.o.EnableAWSServiceAccess(mgmt, inspector2))
			return w.o.RegisterDelegatedAdministrator(mgmt, mgmtID, inspector2)
		}, "ConstraintViolationException/CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR"},
		{"register suspended", false, func(t *testing.T, w *world) error {
			must(t, w.o.EnableAWSServiceAccess(mgmt, inspector2))
			must(t, w.o.SuspendAccount(memberID))
			return w.o.RegisterDelegatedAdministrator(mgmt, memberID, inspector2)
		}, "ConstraintViolationException/CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR"},
		{"register twice", false, func(t *testing.T, w *world) error {
			w.delegate(memberID, inspector2)
			return w.o.RegisterDelegatedAdministrator(mgmt, memberID, inspector2)
		}, "AccountAlreadyRegisteredException"},
		{"second inspector admin", false, func(t *testing.T, w *world) error {
			w.delegate(memberID, inspector2)
			return w.o.RegisterDelegatedAdministrator(mgmt, member2ID, inspector2)
		}, "ConstraintViolationException/DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE"},
		{"fourth CloudTrail admin", false, func(t *testing.T, w *world) error {
			w2 := newWorld(t, org.Config{})
			w2.invite(outsiderID)
			must(t, w2.o.EnableAWSServiceAccess(mgmt, "cloudtrail.amazonaws.com"))
			for _, id := range []string{memberID, member2ID, outsiderID} {
				must(t, w2.o.RegisterDelegatedAdministrator(mgmt, id, "cloudtrail.amazonaws.com"))
			}
			id, err := w2.createAccount("fourth@example.com")
			must(t, err)
			return w2.o.RegisterDelegatedAdministrator(mgmt, id, "cloudtrail.amazonaws.com")
		}, "ConstraintViolationException/MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED"},
		{"register outsider", false, func(t *testing.T, w *world) error {
			must(t, w.o.EnableAWSServiceAccess(mgmt, inspector2))
			return w.o.RegisterDelegatedAdministrator(mgmt, outsiderID, inspector2)
		}, "AccountNotFoundException"},
		{"register by member", false, func(t *testing.T, w *world) error {
			return w.o.RegisterDelegatedAdministrator(member, member2ID, inspector2)
		}, "AccessDeniedException"},
		{"register by outsider", false, func(t *testing.T, w *world) error {
			return w.o.RegisterDelegatedAdministrator(outsider, memberID, inspector2)
		}, "AWSOrganizationsNotInUseException"},
		{"register for unknown service", false, func(t *testing.T, w *world) error {
			return w.o.RegisterDelegatedAdministrator(mgmt, memberID, "inspector.amazonaws.com")
		}, "InvalidInputException/UNRECOGNIZED_SERVICE_PRINCIPAL"},
		{"register for a service without delegation", false, func(t *testing.T, w *world) error {
			must(t, w.o.EnableAWSServiceAccess(mgmt, "ram.amazonaws.com"))
			return w.o.RegisterDelegatedAdministrator(mgmt, memberID, "ram.amazonaws.com")
		}, "InvalidInputException/UNRECOGNIZED_SERVICE_PRINCIPAL"},
		{"register in billing mode", true, func(t *testing.T, w *world) error {
			return w.o.RegisterDelegatedAdministrator(mgmt, memberID, inspector2)
		}, "ConstraintViolationException/ORGANIZATION_NOT_IN_ALL_FEATURES_MODE"},
		{"enable unknown service", false, func(t *testing.T, w *world) error {
			return w.o.EnableAWSServiceAccess(mgmt, "inspector.amazonaws.com")
		}, "InvalidInputException/UNRECOGNIZED_SERVICE_PRINCIPAL"},
		{"enable bad principal", false, func(t *testing.T, w *world) error {
			return w.o.EnableAWSServiceAccess(mgmt, "inspector2 amazonaws com")
		}, "InvalidInputException/INVALID_PATTERN"},
		{"enable in billing mode", true, func(t *testing.T, w *world) error {
			return w.o.EnableAWSServiceAccess(mgmt, inspector2)
		}, "ConstraintViolationException/ORGANIZATION_NOT_IN_ALL_FEATURES_MODE"},
		{"enable: service-linked role fails", false, func(t *testing.T, w *world) error {
			w.ids.fail = "CreateServiceLinkedRole"
			return w.o.EnableAWSServiceAccess(mgmt, inspector2)
		}, "ServiceException"},
		{"deregister unregistered", false, func(t *testing.T, w *world) error {
			return w.o.DeregisterDelegatedAdministrator(mgmt, memberID, inspector2)
		}, "AccountNotRegisteredException"},
		{"deregister management", false, func(t *testing.T, w *world) error {
			return w.o.DeregisterDelegatedAdministrator(mgmt, mgmtID, inspector2)
		}, "AccountNotRegisteredException"},
		{"services of a non-admin", false, func(t *testing.T, w *world) error {
			_, err := w.o.ListDelegatedServicesForAccount(mgmt, org.ListDelegatedServicesForAccountInput{AccountId: memberID})
			return err
		}, "AccountNotRegisteredException"},
		{"list admins of unknown service", false, func(t *testing.T, w *world) error {
			_, err := w.o.ListDelegatedAdministrators(mgmt, org.ListDelegatedAdministratorsInput{ServicePrincipal: "nope.amazonaws.com"})
			return err
		}, "InvalidInputException/UNRECOGNIZED_SERVICE_PRINCIPAL"},
		{"list service access in billing mode", true, func(t *testing.T, w *world) error {
			_, err := w.o.ListAWSServiceAccessForOrganization(mgmt, org.ListAWSServiceAccessForOrganizationInput{})
			return err
		}, "ConstraintViolationException/ORGANIZATION_NOT_IN_ALL_FEATURES_MODE"},

		// Handshakes.
		{"invite a member", false, func(t *testing.T, w *world) error {
			_, err := invite(w, memberID, org.HandshakePartyTypeAccount)
			return err
		}, "HandshakeConstraintViolationException/ALREADY_IN_AN_ORGANIZATION"},
		{"invite a member by email", false, func(t *testing.T, w *world) error {
			_, err := invite(w, "MEMBER@example.com", org.HandshakePartyTypeEmail)
			return err
		}, "HandshakeConstraintViolationException/ALREADY_IN_AN_ORGANIZATION"},
		{"invite twice", false, func(t *testing.T, w *world) error {
			_, err := invite(w, outsiderID, org.HandshakePartyTypeAccount)
			must(t, err)
			_, err = invite(w, "outsider@example.com", org.HandshakePartyTypeEmail)
			return err
		}, "DuplicateHandshakeException"},
		{"invite an organization", false, func(t *testing.T, w *world) error {
			_, err := invite(w, "o-abcdefghij", org.HandshakePartyTypeOrganization)
			return err
		}, "InvalidInputException/INVALID_PARTY_TYPE_TARGET"},
		{"invite bad email", false, func(t *testing.T, w *world) error {
			_, err := invite(w, "nobody", org.HandshakePartyTypeEmail)
			return err
		}, "InvalidInputException/INVALID_EMAIL_ADDRESS_TARGET"},
		{"invite at quota", false, func(t *testing.T, w *world) error {
			w2 := newWorld(t, org.Config{MaxAccounts: 3})
			_, err := w2.o.InviteAccountToOrganization(mgmt, org.InviteAccountToOrganizationInput{Target: org.HandshakeParty{Id: outsiderID, Type: org.HandshakePartyTypeAccount}})
			return err
		}, "HandshakeConstraintViolationException/ACCOUNT_NUMBER_LIMIT_EXCEEDED"},
		{"accept someone else's", false, func(t *testing.T, w *world) error {
			h, err := invite(w, outsiderID, org.HandshakePartyTypeAccount)
			must(t, err)
			_, err = w.o.AcceptHandshake(member, org.AcceptHandshakeInput{HandshakeId: h.Handshake.Id})
			return err
		}, "HandshakeNotFoundException"},
		{"accept twice", false, func(t *testing.T, w *world) error {
			h, err := invite(w, outsiderID, org.HandshakePartyTypeAccount)
			must(t, err)
			_, err = w.o.AcceptHandshake(outsider, org.AcceptHandshakeInput{HandshakeId: h.Handshake.Id})
			must(t, err)
			_, err = w.o.AcceptHandshake(outsider, org.AcceptHandshakeInput{HandshakeId: h.Handshake.Id})
			return err
		}, "HandshakeAlreadyInStateException"},
		{"accept declined", false, func(t *testing.T, w *world) error {
			h, err := invite(w, outsiderID, org.HandshakePartyTypeAccount)
			must(t, err)
			_, err = w.o.DeclineHandshake(outsider, org.DeclineHandshakeInput{HandshakeId: h.Handshake.Id})
			must(t, err)
			_, err = w.o.AcceptHandshake(outsider, org.AcceptHandshakeInput{HandshakeId: h.Handshake.Id})
			return err
		}, "InvalidHandshakeTransitionException"},
		{"accept expired", false, func(t *testing.T, w *world) error {
			h, err := invite(w, outsiderID, org.HandshakePartyTypeAccount)
			must(t, err)
			w.clock.Advance(org.HandshakeExpiry)
			_, err = w.o.AcceptHandshake(outsider, org.AcceptHandshakeInput{HandshakeId: h.Handshake.Id})
			return err
		}, "InvalidHandshakeTransitionException"},
		{"invitation holds a place", false, func(t *testing.T, w *world) error {
			w2 := newWorld(t, org.Config{MaxAccounts: 4})
			_, err := w2.o.InviteAccountToOrganization(mgmt, org.InviteAccountToOrganizationInput{Target: org.HandshakeParty{Id: outsiderID, Type: org.HandshakePartyTypeAccount}})
			must(t, err)
			_, err = w2.o.CreateAccount(mgmt, org.CreateAccountInput{AccountName: "x", Email: "x@example.com"})
			return err
		}, "ConstraintViolationException/ACCOUNT_NUMBER_LIMIT_EXCEEDED"},
		{"creation holds a place", false, func(t *testing.T, w *world) error {
			w2 := newWorld(t, org.Config{MaxAccounts: 4})
			_, err := w2.o.CreateAccount(mgmt, org.CreateAccountInput{AccountName: "x", Email: "x@example.com"})
			must(t, err)
			_, err = w2.o.InviteAccountToOrganization(mgmt, org.InviteAccountToOrganizationInput{Target: org.HandshakeParty{Id: outsiderID, Type: org.HandshakePartyTypeAccount}})
			return err
		}, "HandshakeConstraintViolationException/ACCOUNT_NUMBER_LIMIT_EXCEEDED"},
		{"cancel by invitee", false, func(t *testing.T, w *world) error {
			h, err := invite(w, outsiderID, org.HandshakePartyTypeAccount)
			must(t, err)
			_, err = w.o.CancelHandshake(outsider, org.CancelHandshakeInput{HandshakeId: h.Handshake.Id})
			return err
		}, "HandshakeNotFoundException"},
		{"cancel twice", false, func(t *testing.T, w *world) error {
			h, err := invite(w, outsiderID, org.HandshakePartyTypeAccount)
			must(t, err)
			_, err = w.o.CancelHandshake(mgmt, org.CancelHandshakeInput{HandshakeId: h.Handshake.Id})
			must(t, err)
			_, err = w.o.CancelHandshake(mgmt, org.CancelHandshakeInput{HandshakeId: h.Handshake.Id})
			return err
		}, "HandshakeAlreadyInStateException"},
		{"two filters", false, func(t *testing.T, w *world) error {
			_, err := w.o.ListHandshakesForAccount(outsider, org.ListHandshakesForAccountInput{Filter: &org.HandshakeFilter{ActionType: org.ActionTypeInvite, ParentHandshakeId: "h-abcdefgh"}})
			return err
		}, "InvalidInputException/MAX_LIMIT_EXCEEDED_FILTER"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var w *world
			if tc.cb {
				w = cbWorld(t)
			} else {
				w = newWorld(t, org.Config{})
			}
			if diff := cmp.Diff(tc.want, code(tc.run(t, w))); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

// TestErrorShape checks messages, statuses and the sentinels errors.Is
// finds.
func TestErrorShape(t *testing.T) {
	w := newWorld(t, org.Config{})
	type shape struct {
		Code, Message, Reason string
		Status                int
		Is                    []bool
	}
	get := func(err error, sentinels ...error) shape {
		var e *org.Error
		if !errors.As(err, &e) {
			t.Fatalf("%v is not an *org.Error", err)
		}
		s := shape{Code: e.ErrorCode(), Message: e.ErrorMessage(), Reason: e.ErrorReason(), Status: e.HTTPStatusCode()}
		for _, x := range sentinels {
			s.Is = append(s.Is, errors.Is(err, x))
		}
		return s
	}
	tests := []struct {
		name string
		got  shape
		want shape
	}{
		{
			"member denied",
			get(w.o.EnableAWSServiceAccess(root(memberID), inspector2), org.ErrAccessDenied, org.ErrNotManagementAccount, org.ErrConstraintViolation),
			shape{"AccessDeniedException", "You don't have permissions to access this resource.", "", 400, []bool{true, true, false}},
		},
		{
			"not in use",
			get(w.o.LeaveOrganization(root(outsiderID)), org.ErrAWSOrganizationsNotInUse),
			shape{"AWSOrganizationsNotInUseException", "Your account is not a member of an organization.", "", 400, []bool{true}},
		},
		{
			"management as delegated administrator",
			func() shape {
				must(t, w.o.EnableAWSServiceAccess(root(mgmtID), inspector2))
				return get(w.o.RegisterDelegatedAdministrator(root(mgmtID), mgmtID, inspector2), org.ErrConstraintViolation, org.ErrAccessDenied)
			}(),
			shape{"ConstraintViolationException", "You cannot register management account/yourself as delegated administrator for your organization.",
				"CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR", 400, []bool{true, false}},
		},
		{
			"already registered",
			func() shape {
				must(t, w.o.RegisterDelegatedAdministrator(root(mgmtID), memberID, inspector2))
				return get(w.o.RegisterDelegatedAdministrator(root(mgmtID), memberID, inspector2), org.ErrAccountAlreadyRegistered)
			}(),
			shape{"AccountAlreadyRegisteredException", "The provided account is already a delegated administrator for your organization.", "", 400, []bool{true}},
		},
		{
			"service error",
			func() shape {
				w.ids.fail = "CreateServiceLinkedRole"
				defer func() { w.ids.fail = "" }()
				must(t, w.o.DisableAWSServiceAccess(root(mgmtID), inspector2))
				return get(w.o.EnableAWSServiceAccess(root(mgmtID), inspector2), org.ErrService)
			}(),
			shape{"ServiceException", "Organizations can't complete your request because of an internal service error. Try again later.", "", 500, []bool{true}},
		},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, tc.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}

	// An IAM denial carries the authorizer's message.
	w.iam.allow(role(mgmtID, "reader").ARN, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"organizations:List*","Resource":"*"}]}`)
	err := w.o.RegisterDelegatedAdministrator(role(mgmtID, "reader"), memberID, inspector2)
	want := "User: arn:aws:sts::111111111111:assumed-role/reader/s is not authorized to perform: organizations:RegisterDelegatedAdministrator on resource: arn:aws:organizations::111111111111:account/" +
		w.orgID + "/222222222222 because no identity-based policy allows the organizations:RegisterDelegatedAdministrator action"
	var e *org.Error
	if !errors.As(err, &e) || e.Code != "AccessDeniedException" || e.Message != want || !errors.Is(err, org.ErrAccessDenied) || errors.Is(err, org.ErrNotManagementAccount) {
		t.Errorf("IAM denial = %#v\nwant message %q", err, want)
	}
}
