package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess"
	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/org"
)

// tour runs the rest of the quickstart on a Cloud: a signed request
// verified and authorised, an organization delegating Inspector, and
// Inspector's findings across it.
func tour(w io.Writer) error {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	cloud := awsaccess.New(awsaccess.Config{Now: func() time.Time { return now }, Seed: 1, PasswordHashIterations: 1})

	// == SigV4: sign, verify, authorise.
	fmt.Fprintln(w, "\n== SigV4: a user signs a request; it is verified, then authorised")
	root, err := cloud.CreateAccount(mgmt, "management@example.com", "management")
	if err != nil {
		return err
	}
	acct, err := cloud.IAM().Account(mgmt)
	if err != nil {
		return err
	}
	if _, err := acct.CreateUser(authn.CreateUserInput{UserName: "carol"}); err != nil {
		return err
	}
	if err := acct.AttachUserPolicy("carol", "arn:aws:iam::aws:policy/AWSOrganizationsReadOnlyAccess"); err != nil {
		return err
	}
	key, err := acct.CreateAccessKey("carol")
	if err != nil {
		return err
	}
	req, _ := http.NewRequest(http.MethodPost, "https://organizations.us-east-1.amazonaws.com/", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "AWSOrganizationsV20161128.ListAccounts")
	var signer sigv4.Signer
	if err := signer.Sign(req, sigv4.Credentials{AccessKeyID: key.AccessKeyID, SecretAccessKey: key.SecretAccessKey}, "", "organizations", "us-east-1", now, nil); err != nil {
		return err
	}
	fmt.Fprintf(w, "Authorization: %s...\n", req.Header.Get("Authorization")[:60])
	verifier := sigv4.Verifier{Keys: cloud.IAM()}
	res, err := verifier.Verify(req, []byte(`{}`), now.Add(time.Minute))
	if err != nil {
		return err
	}
	caller, err := cloud.Caller(res.AccessKeyID)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "verified: %s signed for %s in %s\n", caller.ARN, res.Service, res.Region)
	for _, action := range []string{"organizations:ListAccounts", "organizations:CreateAccount"} {
		exp, err := cloud.Explain(caller, authz.Check{Action: action, Resource: "*"})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s: %s\n", action, exp.Decision)
		if exp.Decision != authz.Allowed {
			fmt.Fprintf(w, "  %s\n", exp.Message())
		}
	}
	tampered := req.Clone(req.Context())
	tampered.Header.Set("X-Amz-Target", "AWSOrganizationsV20161128.CreateAccount")
	if _, err := verifier.Verify(tampered, []byte(`{}`), now.Add(time.Minute)); err != nil {
		code, status := sigv4.ErrorCode(err, "json")
		fmt.Fprintf(w, "a tampered copy fails: %s (%d)\n", code, status)
	}

	// == Organizations: delegation of Inspector.
	fmt.Fprintln(w, "\n== Organizations: the management account delegates Inspector")
	orgs := cloud.Organizations()
	if _, err := orgs.CreateOrganization(&root, org.CreateOrganizationInput{FeatureSet: "ALL"}); err != nil {
		return err
	}
	created, err := orgs.CreateAccount(&root, org.CreateAccountInput{AccountName: "security", Email: "security@example.com"})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "CreateAccount: %s\n", created.CreateAccountStatus.State)
	now = now.Add(org.CreateAccountDelay + time.Second)
	status, err := orgs.DescribeCreateAccountStatus(&root, org.DescribeCreateAccountStatusInput{CreateAccountRequestId: created.CreateAccountStatus.Id})
	if err != nil {
		return err
	}
	member := status.CreateAccountStatus.AccountId
	fmt.Fprintf(w, "after %s: %s, account %s\n", org.CreateAccountDelay, status.CreateAccountStatus.State, member)

	// The management account's administrator reaches the new account
	// through the role Organizations created there (root users may not
	// assume roles).
	if _, err := acct.CreateUser(authn.CreateUserInput{UserName: "admin"}); err != nil {
		return err
	}
	if err := acct.AttachUserPolicy("admin", "arn:aws:iam::aws:policy/AdministratorAccess"); err != nil {
		return err
	}
	adminKey, err := acct.CreateAccessKey("admin")
	if err != nil {
		return err
	}
	admin, err := cloud.Caller(adminKey.AccessKeyID)
	if err != nil {
		return err
	}
	err = func() error {
		_, err := cloud.IAM().AssumeRole(&root, authn.AssumeRoleInput{RoleARN: "arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole", RoleSessionName: "setup"})
		return err
	}()
	fmt.Fprintf(w, "the root user assumes OrganizationAccountAccessRole: %s\n", errorText(err))
	session, err := cloud.IAM().AssumeRole(admin, authn.AssumeRoleInput{RoleARN: "arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole", RoleSessionName: "setup"})
	if err != nil {
		return err
	}
	memberAdmin, err := cloud.Caller(session.Credentials.AccessKeyID)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "assumed %s\n", memberAdmin.ARN)
	err = orgs.RegisterDelegatedAdministrator(memberAdmin, member, "inspector2.amazonaws.com")
	fmt.Fprintf(w, "the member registers itself: %s\n", errorText(err))
	err = orgs.RegisterDelegatedAdministrator(&root, member, "inspector2.amazonaws.com")
	fmt.Fprintf(w, "before trusted access: %s\n", errorText(err))
	if err := orgs.EnableAWSServiceAccess(&root, "inspector2.amazonaws.com"); err != nil {
		return err
	}
	if err := orgs.RegisterDelegatedAdministrator(&root, member, "inspector2.amazonaws.com"); err != nil {
		return err
	}
	_, orgID, _ := orgs.ManagementAccount(mgmt)
	fmt.Fprintf(w, "delegated administrators of inspector2: %v\n", orgs.DelegatedAdministrators(orgID, "inspector2.amazonaws.com"))

	// == Inspector, briefly: a member instance's findings at the admin.
	fmt.Fprintln(w, "\n== Inspector: the delegated administrator sees a member's findings")
	insp := cloud.Inspector()
	if _, err := insp.EnableDelegatedAdminAccount(&root, "us-east-1", &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: member}); err != nil {
		return err
	}
	types := []inspector.ResourceScanType{inspector.ResourceScanTypeEc2}
	if _, err := insp.Enable(memberAdmin, "us-east-1", &inspector.EnableRequest{ResourceTypes: types}); err != nil {
		return err
	}
	if _, err := insp.AssociateMember(memberAdmin, "us-east-1", &inspector.AssociateMemberRequest{AccountID: mgmt}); err != nil {
		return err
	}
	if _, err := insp.Enable(memberAdmin, "us-east-1", &inspector.EnableRequest{AccountIDs: []string{mgmt}, ResourceTypes: types}); err != nil {
		return err
	}
	if _, err := insp.PutEC2Instance("us-east-1", mgmt, inspector.EC2Instance{
		InstanceID: "i-0123456789abcdef0", ImageID: "ami-0abcdef1234567890", Platform: "DEBIAN_11",
		Packages: []inspector.Package{{Name: "openssl", Version: "1.1.1k", Release: "1+deb11u1"}},
	}); err != nil {
		return err
	}
	now = now.Add(2 * time.Minute)
	findings, err := insp.ListFindings(memberAdmin, "us-east-1", &inspector.ListFindingsRequest{})
	if err != nil {
		return err
	}
	for _, f := range findings.Findings {
		fmt.Fprintf(w, "%s %s in %s on %s\n", f.Severity, f.Title, f.AwsAccountID, f.Resources[0].ID)
	}
	fmt.Fprintln(w, "\n(examples/orgscan tells the whole story: aggregation, suppression rules, denials.)")
	return nil
}

func errorText(err error) string {
	if err == nil {
		return "allowed"
	}
	var api interface {
		ErrorCode() string
		ErrorMessage() string
	}
	if errors.As(err, &api) {
		return api.ErrorCode() + ": " + api.ErrorMessage()
	}
	return err.Error()
}
