package story_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/inspector2"
	i2types "github.com/aws/aws-sdk-go-v2/service/inspector2/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
)

var ctx = context.Background()

// step runs one step of a story; a failed step ends the story, since
// every later step builds on it.
func step(t *testing.T, name string, f func(t *testing.T)) {
	t.Helper()
	if !t.Run(name, f) {
		t.FailNow()
	}
}

// orgStory is the state the story builds up.
type orgStory struct {
	*env
	orgID string
	data  string // the account created through CreateAccount
}

// TestStory is the seeds' story through the SDK clients.
func TestStory(t *testing.T) {
	s := &orgStory{env: newEnv(t, storyWorld(t))}
	admin := s.as(mgmt + "/admin")
	step(t, "organization", func(t *testing.T) { s.organization(t, admin) })
	step(t, "denied with AWS's wording", s.deniedWording)
	step(t, "iam user", func(t *testing.T) { s.iamUser(t, admin) })
	step(t, "delegated administrator", func(t *testing.T) { s.delegate(t, admin) })
	step(t, "members scanned", s.scan)
	step(t, "suppression rule", s.suppress)
	step(t, "members may not", s.membersMayNot)
	step(t, "outsiders", s.outsiders)
	step(t, "role session", s.roleSession)
	step(t, "web identity session", s.webIdentity)
	step(t, "instance profile session", s.instanceProfile)
	step(t, "audit trail", s.auditTrail)
}

// organization: the management account creates the organization, creates
// one member account (asynchronously, completed by advancing the clock)
// and invites two others, who accept.
func (s *orgStory) organization(t *testing.T, admin clients) {
	out, err := admin.org.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetAll})
	ok(t, err)
	o := out.Organization
	if aws.ToString(o.MasterAccountId) != mgmt || o.FeatureSet != orgtypes.OrganizationFeatureSetAll || !strings.HasPrefix(aws.ToString(o.Id), "o-") {
		t.Fatalf("organization = %+v", o)
	}
	s.orgID = aws.ToString(o.Id)

	// A second CreateOrganization is refused with the typed error.
	_, err = admin.org.CreateOrganization(ctx, &organizations.CreateOrganizationInput{})
	var inOrg *orgtypes.AlreadyInOrganizationException
	if !errors.As(err, &inOrg) {
		t.Errorf("second CreateOrganization: err = %v, want AlreadyInOrganizationException", err)
	}

	created, err := admin.org.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: aws.String("data"), Email: aws.String("data@example.com")})
	ok(t, err)
	status := created.CreateAccountStatus
	if status.State != orgtypes.CreateAccountStateInProgress {
		t.Fatalf("CreateAccount state = %s, want IN_PROGRESS", status.State)
	}
	polls := 0
	for status.State == orgtypes.CreateAccountStateInProgress {
		if polls++; polls > 10 {
			t.Fatal("CreateAccount still IN_PROGRESS after 10 polls")
		}
		s.clock.Advance(time.Minute)
		d, err := admin.org.DescribeCreateAccountStatus(ctx, &organizations.DescribeCreateAccountStatusInput{CreateAccountRequestId: status.Id})
		ok(t, err)
		status = d.CreateAccountStatus
	}
	if status.State != orgtypes.CreateAccountStateSucceeded || status.CompletedTimestamp == nil {
		t.Fatalf("CreateAccount ended %s (%s)", status.State, status.FailureReason)
	}
	t.Logf("CreateAccount SUCCEEDED after %d polls of a minute: %s", polls, aws.ToString(status.AccountId))
	s.data = aws.ToString(status.AccountId)

	for _, member := range []string{security, work} {
		inv, err := admin.org.InviteAccountToOrganization(ctx, &organizations.InviteAccountToOrganizationInput{
			Target: &orgtypes.HandshakeParty{Id: aws.String(member), Type: orgtypes.HandshakePartyTypeAccount},
		})
		ok(t, err)
		root := s.as(member + "/")
		acc, err := root.org.AcceptHandshake(ctx, &organizations.AcceptHandshakeInput{HandshakeId: inv.Handshake.Id})
		ok(t, err)
		if acc.Handshake.State != orgtypes.HandshakeStateAccepted {
			t.Errorf("handshake of %s: state %s", member, acc.Handshake.State)
		}
	}

	var ids []string
	p := organizations.NewListAccountsPaginator(admin.org, &organizations.ListAccountsInput{MaxResults: aws.Int32(2)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		ok(t, err)
		for _, a := range page.Accounts {
			if a.Status != orgtypes.AccountStatusActive {
				t.Errorf("account %s is %s", aws.ToString(a.Id), a.Status)
			}
			ids = append(ids, aws.ToString(a.Id))
		}
	}
	slices.Sort(ids)
	want := []string{mgmt, security, work, s.data}
	slices.Sort(want)
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("ListAccounts (-want +got):\n%s", diff)
	}
}

// deniedWording: users without the permission get AWS's sentence, naming
// the principal, the action, the resource and the policy type.
func (s *orgStory) deniedWording(t *testing.T) {
	nobody := s.as(mgmt + "/nobody")
	_, err := nobody.org.ListAccounts(ctx, &organizations.ListAccountsInput{})
	var ad *orgtypes.AccessDeniedException
	if !errors.As(err, &ad) {
		t.Fatalf("nobody ListAccounts: err = %v, want *orgtypes.AccessDeniedException", err)
	}
	want := "User: arn:aws:iam::" + mgmt + ":user/nobody is not authorized to perform: organizations:ListAccounts on resource: * because no identity-based policy allows the organizations:ListAccounts action"
	if ad.ErrorMessage() != want {
		t.Errorf("message:\n got %q\nwant %q", ad.ErrorMessage(), want)
	}

	// The read-only auditor may read but not create.
	auditor := s.as(mgmt + "/auditor")
	_, err = auditor.org.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	ok(t, err)
	_, err = auditor.org.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: aws.String("x"), Email: aws.String("x@example.com")})
	if !errors.As(err, &ad) {
		t.Fatalf("auditor CreateAccount: err = %v, want *orgtypes.AccessDeniedException", err)
	}
	want = "User: arn:aws:iam::" + mgmt + ":user/auditor is not authorized to perform: organizations:CreateAccount on resource: * because no identity-based policy allows the organizations:CreateAccount action"
	if ad.ErrorMessage() != want {
		t.Errorf("message:\n got %q\nwant %q", ad.ErrorMessage(), want)
	}

	// IAM allows a member's administrator everything; Organizations still
	// reserves changes to the management account.
	secRoot := s.as(security + "/")
	_, err = secRoot.org.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: aws.String("x"), Email: aws.String("x@example.com")})
	if !errors.As(err, &ad) {
		t.Fatalf("member CreateAccount: err = %v, want *orgtypes.AccessDeniedException", err)
	}
	if ad.ErrorMessage() != "You don't have permissions to access this resource." {
		t.Errorf("member CreateAccount message = %q", ad.ErrorMessage())
	}

	// The management account is never its own delegated administrator.
	admin := s.as(mgmt + "/admin")
	_, err = admin.org.RegisterDelegatedAdministrator(ctx, &organizations.RegisterDelegatedAdministratorInput{
		AccountId: aws.String(mgmt), ServicePrincipal: aws.String(inspector.ServicePrincipal),
	})
	var cv *orgtypes.ConstraintViolationException
	if !errors.As(err, &cv) {
		t.Fatalf("register the management account: err = %v, want *orgtypes.ConstraintViolationException", err)
	}
	if cv.Reason != orgtypes.ConstraintViolationExceptionReasonCannotRegisterMasterAsDelegatedAdministrator {
		t.Errorf("reason = %q", cv.Reason)
	}

	// A missing account is the typed AccountNotFoundException.
	_, err = admin.org.DescribeAccount(ctx, &organizations.DescribeAccountInput{AccountId: aws.String("123456789012")})
	var nf *orgtypes.AccountNotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("DescribeAccount of a stranger: err = %v, want *orgtypes.AccountNotFoundException", err)
	}
}

// delegate: the management account designates the security account as
// Inspector's delegated administrator in two regions; trusted access and
// the service-linked role follow.
func (s *orgStory) delegate(t *testing.T, admin clients) {
	auditor := s.as(mgmt + "/auditor")
	_, err := auditor.insp.EnableDelegatedAdminAccount(ctx, &inspector2.EnableDelegatedAdminAccountInput{DelegatedAdminAccountId: aws.String(security)})
	var ad *i2types.AccessDeniedException
	if !errors.As(err, &ad) {
		t.Fatalf("auditor EnableDelegatedAdminAccount: err = %v, want *i2types.AccessDeniedException", err)
	}
	want := "User: arn:aws:iam::" + mgmt + ":user/auditor is not authorized to perform: inspector2:EnableDelegatedAdminAccount on resource: * because no identity-based policy allows the inspector2:EnableDelegatedAdminAccount action"
	if ad.ErrorMessage() != want {
		t.Errorf("message:\n got %q\nwant %q", ad.ErrorMessage(), want)
	}
	dev := s.as(work + "/dev")
	_, err = dev.insp.EnableDelegatedAdminAccount(ctx, &inspector2.EnableDelegatedAdminAccountInput{DelegatedAdminAccountId: aws.String(work)})
	if !errors.As(err, &ad) {
		t.Fatalf("member EnableDelegatedAdminAccount: err = %v, want *i2types.AccessDeniedException", err)
	}

	for _, region := range regions {
		c := s.clientsFor(region, s.creds(mgmt+"/admin"))
		out, err := c.insp.EnableDelegatedAdminAccount(ctx, &inspector2.EnableDelegatedAdminAccountInput{DelegatedAdminAccountId: aws.String(security)})
		ok(t, err)
		if aws.ToString(out.DelegatedAdminAccountId) != security {
			t.Errorf("%s: delegated admin = %s", region, aws.ToString(out.DelegatedAdminAccountId))
		}
		got, err := c.insp.GetDelegatedAdminAccount(ctx, &inspector2.GetDelegatedAdminAccountInput{})
		ok(t, err)
		if got.DelegatedAdmin == nil || aws.ToString(got.DelegatedAdmin.AccountId) != security {
			t.Errorf("%s: GetDelegatedAdminAccount = %+v", region, got.DelegatedAdmin)
		}
	}
	// Another account in one region is refused: one administrator per
	// organization.
	_, err = admin.insp.EnableDelegatedAdminAccount(ctx, &inspector2.EnableDelegatedAdminAccountInput{DelegatedAdminAccountId: aws.String(work)})
	if err == nil {
		t.Error("a second delegated administrator was accepted")
	}

	// Side effects: trusted access, the registration, the service-linked role.
	access, err := admin.org.ListAWSServiceAccessForOrganization(ctx, &organizations.ListAWSServiceAccessForOrganizationInput{})
	ok(t, err)
	var principals []string
	for _, p := range access.EnabledServicePrincipals {
		principals = append(principals, aws.ToString(p.ServicePrincipal))
	}
	if !slices.Contains(principals, inspector.ServicePrincipal) {
		t.Errorf("trusted access = %v, want %s", principals, inspector.ServicePrincipal)
	}
	admins, err := admin.org.ListDelegatedAdministrators(ctx, &organizations.ListDelegatedAdministratorsInput{ServicePrincipal: aws.String(inspector.ServicePrincipal)})
	ok(t, err)
	if len(admins.DelegatedAdministrators) != 1 || aws.ToString(admins.DelegatedAdministrators[0].Id) != security {
		t.Errorf("delegated administrators = %+v", admins.DelegatedAdministrators)
	}
	wantRole := "arn:aws:iam::" + mgmt + ":role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2"
	role, err := admin.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(inspector.ServiceLinkedRoleName)})
	ok(t, err)
	if aws.ToString(role.Role.Arn) != wantRole || aws.ToString(role.Role.Path) != "/aws-service-role/inspector2.amazonaws.com/" {
		t.Errorf("service-linked role = %s path %s", aws.ToString(role.Role.Arn), aws.ToString(role.Role.Path))
	}
	_, err = admin.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("no-such-role")})
	var nse *iamtypes.NoSuchEntityException
	if !errors.As(err, &nse) {
		t.Errorf("GetRole of a missing role: err = %v, want *iamtypes.NoSuchEntityException", err)
	} else if nse.ErrorMessage() != "The role with name no-such-role cannot be found." {
		t.Errorf("NoSuchEntity message = %q", nse.ErrorMessage())
	}
	// Callers may not change a service-linked role.
	_, err = admin.iam.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String(inspector.ServiceLinkedRoleName)})
	var unmodifiable *iamtypes.UnmodifiableEntityException
	if !errors.As(err, &unmodifiable) {
		t.Errorf("DeleteRole of the service-linked role: err = %v, want *iamtypes.UnmodifiableEntityException", err)
	}
}

var scanTypes = []i2types.ResourceScanType{i2types.ResourceScanTypeEc2, i2types.ResourceScanTypeEcr, i2types.ResourceScanTypeLambda}

// scan: the members' resources are registered through the library, the
// delegated administrator associates the members and enables scanning for
// them, and the aggregated counts equal ListFindings' counts.
func (s *orgStory) scan(t *testing.T) {
	// The default world's resources: two EC2 instances in the workloads
	// account, an ECR image and a Lambda function in the created data
	// account; and one instance in us-west-2.
	for _, r := range awsaccess.DefaultWorld().Resources {
		account := r.Account
		if account == "444444444444" {
			account = s.data
		}
		switch {
		case r.EC2 != nil:
			_, err := s.cloud.Inspector().PutEC2Instance(r.Region, account, *r.EC2)
			ok(t, err)
			ok(t, s.cloud.IAM().RegisterInstance(account, r.EC2.InstanceID, r.InstanceProfile))
			if r.EC2.Tags["env"] == "dev" {
				west := *r.EC2
				west.InstanceID = "i-0a1b2c3d4e5f6a0b9"
				_, err := s.cloud.Inspector().PutEC2Instance(regions[1], account, west)
				ok(t, err)
			}
		case r.ECR != nil:
			_, err := s.cloud.Inspector().PutECRImage(r.Region, account, *r.ECR)
			ok(t, err)
		case r.Lambda != nil:
			_, err := s.cloud.Inspector().PutLambdaFunction(r.Region, account, *r.Lambda)
			ok(t, err)
		}
	}

	members := []string{work, s.data}
	for _, region := range regions {
		sec := s.clientsFor(region, s.creds(security+"/secadmin"))
		_, err := sec.insp.Enable(ctx, &inspector2.EnableInput{ResourceTypes: scanTypes})
		ok(t, err)
		for _, m := range members {
			_, err := sec.insp.AssociateMember(ctx, &inspector2.AssociateMemberInput{AccountId: aws.String(m)})
			ok(t, err)
		}
		out, err := sec.insp.Enable(ctx, &inspector2.EnableInput{AccountIds: members, ResourceTypes: scanTypes})
		ok(t, err)
		if len(out.FailedAccounts) != 0 || len(out.Accounts) != 2 {
			t.Fatalf("%s: Enable for members: %d accounts, failed %+v", region, len(out.Accounts), out.FailedAccounts)
		}
		listed, err := sec.insp.ListMembers(ctx, &inspector2.ListMembersInput{})
		ok(t, err)
		var got []string
		for _, m := range listed.Members {
			if m.RelationshipStatus != i2types.RelationshipStatusEnabled && m.RelationshipStatus != i2types.RelationshipStatusCreated {
				t.Errorf("%s: member %s is %s", region, aws.ToString(m.AccountId), m.RelationshipStatus)
			}
			got = append(got, aws.ToString(m.AccountId))
		}
		slices.Sort(got)
		want := slices.Clone(members)
		slices.Sort(want)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: ListMembers (-want +got):\n%s", region, diff)
		}
	}
	s.clock.Advance(inspector.EnableDelay + time.Second) // ENABLING becomes ENABLED

	sec := s.as(security + "/secadmin")
	st, err := sec.insp.BatchGetAccountStatus(ctx, &inspector2.BatchGetAccountStatusInput{AccountIds: members})
	ok(t, err)
	for _, a := range st.Accounts {
		if a.State == nil || a.State.Status != i2types.StatusEnabled {
			t.Errorf("account %s: state %+v", aws.ToString(a.AccountId), a.State)
		}
	}

	for _, region := range regions {
		sec := s.clientsFor(region, s.creds(security+"/secadmin"))
		agg := s.accountAggregation(t, sec.insp, nil)
		if len(agg) == 0 {
			t.Fatalf("%s: no findings aggregated", region)
		}
		for account, counts := range agg {
			fromList := countFindings(t, sec.insp, account)
			if diff := cmp.Diff(fromList, counts); diff != "" {
				t.Errorf("%s: account %s: aggregation vs ListFindings (-list +aggregation):\n%s", region, account, diff)
			}
		}
		t.Logf("%s: findings per account and severity: %v", region, agg)
		if region == regions[1] {
			if len(agg) != 1 || agg[work].All == 0 {
				t.Errorf("us-west-2 aggregation = %v, want findings of %s only", agg, work)
			}
		} else if agg[work].All == 0 || agg[s.data].All == 0 {
			t.Errorf("us-east-1 aggregation = %v, want findings of both members", agg)
		}
	}

	// A member sees only its own findings.
	dev := s.as(work + "/dev")
	own := listFindings(t, dev.insp, nil)
	if len(own) == 0 {
		t.Fatal("the member sees no findings")
	}
	for _, f := range own {
		if aws.ToString(f.AwsAccountId) != work {
			t.Errorf("the member sees a finding of %s", aws.ToString(f.AwsAccountId))
		}
	}
}

// counts are a row of the ACCOUNT aggregation.
type counts struct{ All, Critical, High, Medium int64 }

func (c counts) String() string {
	return fmt.Sprintf("all %d critical %d high %d medium %d", c.All, c.Critical, c.High, c.Medium)
}

// accountAggregation returns ListFindingAggregations ACCOUNT by account.
func (s *orgStory) accountAggregation(t *testing.T, c *inspector2.Client, accounts []string) map[string]counts {
	t.Helper()
	in := &inspector2.ListFindingAggregationsInput{AggregationType: i2types.AggregationTypeAccount}
	if len(accounts) > 0 {
		for _, a := range accounts {
			in.AccountIds = append(in.AccountIds, i2types.StringFilter{Comparison: i2types.StringComparisonEquals, Value: aws.String(a)})
		}
	}
	out := map[string]counts{}
	p := inspector2.NewListFindingAggregationsPaginator(c, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		ok(t, err)
		if page.AggregationType != i2types.AggregationTypeAccount {
			t.Errorf("aggregation type = %s", page.AggregationType)
		}
		for _, r := range page.Responses {
			a, isAccount := r.(*i2types.AggregationResponseMemberAccountAggregation)
			if !isAccount {
				t.Fatalf("aggregation response %T", r)
			}
			sc := a.Value.SeverityCounts
			out[aws.ToString(a.Value.AccountId)] = counts{aws.ToInt64(sc.All), aws.ToInt64(sc.Critical), aws.ToInt64(sc.High), aws.ToInt64(sc.Medium)}
		}
	}
	return out
}

// listFindings pages through ListFindings with criteria (nil: all).
func listFindings(t *testing.T, c *inspector2.Client, criteria *i2types.FilterCriteria) []i2types.Finding {
	t.Helper()
	var out []i2types.Finding
	p := inspector2.NewListFindingsPaginator(c, &inspector2.ListFindingsInput{FilterCriteria: criteria, MaxResults: aws.Int32(3),
		SortCriteria: &i2types.SortCriteria{Field: i2types.SortFieldSeverity, SortOrder: i2types.SortOrderDesc}})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		ok(t, err)
		out = append(out, page.Findings...)
	}
	return out
}

func eq(v string) []i2types.StringFilter {
	return []i2types.StringFilter{{Comparison: i2types.StringComparisonEquals, Value: aws.String(v)}}
}

// countFindings counts an account's ACTIVE findings by severity, as
// ListFindings lists them.
func countFindings(t *testing.T, c *inspector2.Client, account string) counts {
	t.Helper()
	var n counts
	for _, f := range listFindings(t, c, &i2types.FilterCriteria{AwsAccountId: eq(account), FindingStatus: eq("ACTIVE")}) {
		if f.Status != i2types.FindingStatusActive || aws.ToString(f.AwsAccountId) != account {
			t.Errorf("finding %s: status %s account %s", aws.ToString(f.FindingArn), f.Status, aws.ToString(f.AwsAccountId))
		}
		n.All++
		switch f.Severity {
		case i2types.SeverityCritical:
			n.Critical++
		case i2types.SeverityHigh:
			n.High++
		case i2types.SeverityMedium:
			n.Medium++
		}
	}
	return n
}

var devCriteria = &i2types.FilterCriteria{ResourceTags: []i2types.MapFilter{{Comparison: i2types.MapComparisonEquals, Key: aws.String("env"), Value: aws.String("dev")}}}

// suppress: the administrator's suppression rule takes the matching
// findings out of the ACTIVE list and the aggregation.
func (s *orgStory) suppress(t *testing.T) {
	sec := s.as(security + "/secadmin")
	active := func() []i2types.Finding {
		return listFindings(t, sec.insp, &i2types.FilterCriteria{FindingStatus: eq("ACTIVE")})
	}
	before := active()
	var matching []string
	for _, f := range before {
		if len(f.Resources) > 0 && f.Resources[0].Tags["env"] == "dev" {
			matching = append(matching, aws.ToString(f.FindingArn))
		}
	}
	if len(matching) == 0 {
		t.Fatal("no ACTIVE finding on a dev instance to suppress")
	}
	aggBefore := s.accountAggregation(t, sec.insp, []string{work})

	// Input the model refuses is the typed ValidationException.
	_, err := sec.insp.CreateFilter(ctx, &inspector2.CreateFilterInput{Name: aws.String(strings.Repeat("n", 129)), Action: i2types.FilterActionSuppress, FilterCriteria: devCriteria})
	var ve *i2types.ValidationException
	if !errors.As(err, &ve) {
		t.Fatalf("CreateFilter with a 129-character name: err = %v, want *i2types.ValidationException", err)
	}
	t.Logf("ValidationException: reason %s, %s", ve.Reason, ve.ErrorMessage())

	out, err := sec.insp.CreateFilter(ctx, &inspector2.CreateFilterInput{
		Name: aws.String("accept-dev-instances"), Action: i2types.FilterActionSuppress, FilterCriteria: devCriteria,
		Reason: aws.String("dev instances are rebuilt nightly"), Tags: map[string]string{"team": "security"},
	})
	ok(t, err)
	if !strings.HasPrefix(aws.ToString(out.Arn), "arn:aws:inspector2:us-east-1:"+security+":owner/") {
		t.Errorf("filter ARN = %s", aws.ToString(out.Arn))
	}
	after := active()
	if len(after) != len(before)-len(matching) {
		t.Errorf("ACTIVE findings: %d before, %d after, %d suppressed by the rule", len(before), len(after), len(matching))
	}
	for _, f := range after {
		if slices.Contains(matching, aws.ToString(f.FindingArn)) {
			t.Errorf("suppressed finding %s still ACTIVE", aws.ToString(f.FindingArn))
		}
	}
	suppressed := listFindings(t, sec.insp, &i2types.FilterCriteria{FindingStatus: eq("SUPPRESSED")})
	var got []string
	for _, f := range suppressed {
		got = append(got, aws.ToString(f.FindingArn))
	}
	slices.Sort(got)
	slices.Sort(matching)
	if diff := cmp.Diff(matching, got); diff != "" {
		t.Errorf("SUPPRESSED findings (-want +got):\n%s", diff)
	}
	aggAfter := s.accountAggregation(t, sec.insp, []string{work})
	if aggAfter[work].All != aggBefore[work].All-int64(len(matching)) {
		t.Errorf("aggregation of %s: %v before, %v after, %d suppressed", work, aggBefore[work], aggAfter[work], len(matching))
	}
	if diff := cmp.Diff(countFindings(t, sec.insp, work), aggAfter[work]); diff != "" {
		t.Errorf("after the rule, aggregation vs ListFindings (-list +aggregation):\n%s", diff)
	}
	filters, err := sec.insp.ListFilters(ctx, &inspector2.ListFiltersInput{})
	ok(t, err)
	if len(filters.Filters) != 1 || aws.ToString(filters.Filters[0].Name) != "accept-dev-instances" || filters.Filters[0].Action != i2types.FilterActionSuppress {
		t.Errorf("ListFilters = %+v", filters.Filters)
	}
}

// membersMayNot: a member may neither create a suppression rule nor
// disable Inspector while associated.
func (s *orgStory) membersMayNot(t *testing.T) {
	dev := s.as(work + "/dev")
	_, err := dev.insp.CreateFilter(ctx, &inspector2.CreateFilterInput{Name: aws.String("hide-mine"), Action: i2types.FilterActionSuppress, FilterCriteria: devCriteria})
	var ad *i2types.AccessDeniedException
	if !errors.As(err, &ad) {
		t.Fatalf("member CreateFilter: err = %v, want *i2types.AccessDeniedException", err)
	}
	if !strings.Contains(ad.ErrorMessage(), "suppression rules") {
		t.Errorf("message = %q", ad.ErrorMessage())
	}
	out, err := dev.insp.Disable(ctx, &inspector2.DisableInput{ResourceTypes: scanTypes})
	ok(t, err)
	if len(out.FailedAccounts) != 1 || aws.ToString(out.FailedAccounts[0].AccountId) != work || out.FailedAccounts[0].ErrorCode != i2types.ErrorCodeAccessDenied {
		t.Fatalf("member Disable: accounts %+v, failed %+v", out.Accounts, out.FailedAccounts)
	}
	st, err := dev.insp.BatchGetAccountStatus(ctx, &inspector2.BatchGetAccountStatusInput{})
	ok(t, err)
	if len(st.Accounts) != 1 || st.Accounts[0].State.Status != i2types.StatusEnabled {
		t.Errorf("after the refused Disable: %+v", st.Accounts)
	}
}

// outsiders: a bad secret fails the signature check with each protocol's
// code; an unknown key is unrecognised; a valid account outside the
// organization passes SigV4 and fails the permission checks.
func (s *orgStory) outsiders(t *testing.T) {
	k := s.keys[mgmt+"/admin"]
	bad := s.clientsFor(regions[0], credentials.NewStaticCredentialsProvider(k.AccessKeyID, "wrong"+k.SecretAccessKey[5:], ""))
	msg := "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
	_, err := bad.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	wantCode(t, err, "SignatureDoesNotMatch", msg)
	_, err = bad.iam.ListUsers(ctx, &iam.ListUsersInput{})
	wantCode(t, err, "SignatureDoesNotMatch", msg)
	_, err = bad.org.ListAccounts(ctx, &organizations.ListAccountsInput{})
	wantCode(t, err, "InvalidSignatureException", msg)
	_, err = bad.insp.ListFindings(ctx, &inspector2.ListFindingsInput{})
	wantCode(t, err, "InvalidSignatureException", msg)

	unknown := s.clientsFor(regions[0], credentials.NewStaticCredentialsProvider("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""))
	_, err = unknown.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	wantCode(t, err, "InvalidClientTokenId", "The security token included in the request is invalid.")
	_, err = unknown.org.ListAccounts(ctx, &organizations.ListAccountsInput{})
	wantCode(t, err, "UnrecognizedClientException", "The security token included in the request is invalid.")

	out := s.as(outsider + "/")
	id, err := out.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	ok(t, err)
	if aws.ToString(id.Arn) != "arn:aws:iam::"+outsider+":root" || aws.ToString(id.Account) != outsider {
		t.Errorf("outsider identity = %s %s", aws.ToString(id.Arn), aws.ToString(id.Account))
	}
	_, err = out.org.ListAccounts(ctx, &organizations.ListAccountsInput{})
	var notInUse *orgtypes.AWSOrganizationsNotInUseException
	if !errors.As(err, &notInUse) {
		t.Errorf("outsider ListAccounts: err = %v, want AWSOrganizationsNotInUseException", err)
	}
	_, err = out.insp.EnableDelegatedAdminAccount(ctx, &inspector2.EnableDelegatedAdminAccountInput{DelegatedAdminAccountId: aws.String(outsider)})
	var ad *i2types.AccessDeniedException
	if !errors.As(err, &ad) {
		t.Errorf("outsider EnableDelegatedAdminAccount: err = %v, want *i2types.AccessDeniedException", err)
	}
	// The outsider sees none of the organization's findings.
	if fs := listFindings(t, out.insp, nil); len(fs) != 0 {
		t.Errorf("the outsider lists %d findings", len(fs))
	}
	// A region the Cloud does not offer is refused as AWS refuses it.
	far := s.clientsFor("ap-south-1", s.creds(security+"/secadmin"))
	_, err = far.insp.ListFindings(ctx, &inspector2.ListFindingsInput{})
	// The scope's region is checked first, as AWS's endpoints do.
	wantCode(t, err, "InvalidSignatureException", "Credential should be scoped to a valid region, not 'ap-south-1'.")
}

// roleSession: the management admin assumes a read-only role in the
// workloads account and the created account's OrganizationAccountAccessRole.
func (s *orgStory) roleSession(t *testing.T) {
	admin := s.as(mgmt + "/admin")
	reader, err := admin.sts.AssumeRole(ctx, &sts.AssumeRoleInput{
		RoleArn: aws.String("arn:aws:iam::" + work + ":role/finding-reader"), RoleSessionName: aws.String("triage"),
	})
	ok(t, err)
	if got := aws.ToString(reader.AssumedRoleUser.Arn); got != "arn:aws:sts::"+work+":assumed-role/finding-reader/triage" {
		t.Errorf("assumed role user = %s", got)
	}
	c := reader.Credentials
	sess := s.clientsFor(regions[0], sessionCreds(aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken)))
	id, err := sess.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	ok(t, err)
	if aws.ToString(id.Arn) != aws.ToString(reader.AssumedRoleUser.Arn) {
		t.Errorf("session identity = %s", aws.ToString(id.Arn))
	}
	fs := listFindings(t, sess.insp, nil)
	if len(fs) == 0 {
		t.Error("the read-only session lists no findings")
	}
	_, err = sess.insp.CreateFilter(ctx, &inspector2.CreateFilterInput{Name: aws.String("x"), Action: i2types.FilterActionNone, FilterCriteria: devCriteria})
	var ad *i2types.AccessDeniedException
	if !errors.As(err, &ad) {
		t.Fatalf("read-only session CreateFilter: err = %v, want *i2types.AccessDeniedException", err)
	}
	if !strings.HasPrefix(ad.ErrorMessage(), "User: arn:aws:sts::"+work+":assumed-role/finding-reader/triage is not authorized to perform: inspector2:CreateFilter on resource: arn:aws:inspector2:us-east-1:"+work+":owner/") ||
		!strings.HasSuffix(ad.ErrorMessage(), "because no identity-based policy allows the inspector2:CreateFilter action") {
		t.Errorf("message = %q", ad.ErrorMessage())
	}

	// Who may not assume the role: the trust policy names the management
	// account only.
	dev := s.as(work + "/dev")
	_, err = dev.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::" + work + ":role/finding-reader"), RoleSessionName: aws.String("dev-session")})
	ae := wantCode(t, err, "AccessDenied", "is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::"+work+":role/finding-reader")
	t.Logf("dev AssumeRole: %s", ae.ErrorMessage())

	// The created account's access role, set up by CreateAccount.
	acc, err := admin.sts.AssumeRole(ctx, &sts.AssumeRoleInput{
		RoleArn: aws.String("arn:aws:iam::" + s.data + ":role/OrganizationAccountAccessRole"), RoleSessionName: aws.String("ops"),
	})
	ok(t, err)
	c = acc.Credentials
	ops := s.clientsFor(regions[0], sessionCreds(aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken)))
	if fs := listFindings(t, ops.insp, nil); len(fs) == 0 {
		t.Error("the data account's administrator session lists no findings")
	}
	// AdministratorAccess in IAM, but an associated member for Inspector.
	_, err = ops.insp.CreateFilter(ctx, &inspector2.CreateFilterInput{Name: aws.String("hide"), Action: i2types.FilterActionSuppress, FilterCriteria: devCriteria})
	if !errors.As(err, &ad) {
		t.Errorf("member administrator CreateFilter SUPPRESS: err = %v, want *i2types.AccessDeniedException", err)
	}
	// A session cannot assume a role it is not trusted by.
	_, err = ops.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::" + work + ":role/finding-reader"), RoleSessionName: aws.String("chain")})
	wantCode(t, err, "AccessDenied")
}

// auditTrail: every call above is in the audit trail, the denials with
// their codes.
func (s *orgStory) auditTrail(t *testing.T) {
	denied := s.cloud.Audit().Query(awsaccess.AuditQuery{Principal: "arn:aws:iam::" + mgmt + ":user/nobody", ErrorsOnly: true})
	if len(denied) != 1 || denied[0].EventName != "ListAccounts" || denied[0].ErrorCode != "AccessDeniedException" {
		t.Errorf("nobody's denied calls = %+v", denied)
	}
	if len(denied) == 1 && (len(denied[0].Decisions) != 1 || denied[0].Decisions[0].Action != "organizations:ListAccounts") {
		t.Errorf("decisions = %+v", denied[0].Decisions)
	}
	all := s.cloud.Audit().Query(awsaccess.AuditQuery{})
	if uint64(len(all)) != s.cloud.Audit().Total() || s.cloud.Audit().Dropped() != 0 {
		t.Errorf("audit: %d held, %d total, %d dropped", len(all), s.cloud.Audit().Total(), s.cloud.Audit().Dropped())
	}
	t.Logf("the story made %d calls", len(all))
}

// iamUser: the management admin creates a user through IAM with an allow
// and an explicit deny; the user's own key acts within them, and IAM's
// simulator agrees with what the calls did.
func (s *orgStory) iamUser(t *testing.T, admin clients) {
	_, err := admin.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("carol"), Path: aws.String("/ops/")})
	ok(t, err)
	_, err = admin.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("carol")})
	var exists *iamtypes.EntityAlreadyExistsException
	if !errors.As(err, &exists) {
		t.Errorf("second CreateUser: err = %v, want *iamtypes.EntityAlreadyExistsException", err)
	}
	for name, doc := range map[string]string{
		"read-org":        `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["organizations:Describe*","organizations:List*"],"Resource":"*"}]}`,
		"no-account-list": `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:ListAccounts","Resource":"*"}]}`,
	} {
		_, err := admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("carol"), PolicyName: aws.String(name), PolicyDocument: aws.String(doc)})
		ok(t, err)
	}
	_, err = admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("carol"), PolicyName: aws.String("bad"), PolicyDocument: aws.String(`{"Statement":[{"Effect":"Allow"}]}`)})
	var malformed *iamtypes.MalformedPolicyDocumentException
	if !errors.As(err, &malformed) {
		t.Errorf("PutUserPolicy of a malformed document: err = %v, want *iamtypes.MalformedPolicyDocumentException", err)
	}
	key, err := admin.iam.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("carol")})
	ok(t, err)
	k := key.AccessKey
	if !strings.HasPrefix(aws.ToString(k.AccessKeyId), "AKIA") || k.Status != iamtypes.StatusTypeActive {
		t.Errorf("access key = %s %s", aws.ToString(k.AccessKeyId), k.Status)
	}
	carol := s.clientsFor(regions[0], sessionCreds(aws.ToString(k.AccessKeyId), aws.ToString(k.SecretAccessKey), ""))
	id, err := carol.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	ok(t, err)
	arn := "arn:aws:iam::" + mgmt + ":user/ops/carol"
	if aws.ToString(id.Arn) != arn {
		t.Errorf("carol's identity = %s", aws.ToString(id.Arn))
	}
	_, err = carol.org.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	ok(t, err)
	_, err = carol.org.ListAccounts(ctx, &organizations.ListAccountsInput{})
	var ad *orgtypes.AccessDeniedException
	if !errors.As(err, &ad) {
		t.Fatalf("carol ListAccounts: err = %v, want *orgtypes.AccessDeniedException", err)
	}
	if want := "User: " + arn + " is not authorized to perform: organizations:ListAccounts on resource: * with an explicit deny in an identity-based policy"; ad.ErrorMessage() != want {
		t.Errorf("message:\n got %q\nwant %q", ad.ErrorMessage(), want)
	}
	_, err = carol.org.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: aws.String("x"), Email: aws.String("x@example.com")})
	if !errors.As(err, &ad) {
		t.Fatalf("carol CreateAccount: err = %v, want *orgtypes.AccessDeniedException", err)
	}
	// carol may not use IAM at all.
	_, err = carol.iam.ListUsers(ctx, &iam.ListUsersInput{})
	wantCode(t, err, "AccessDenied", "User: "+arn+" is not authorized to perform: iam:ListUsers on resource: ", "because no identity-based policy allows the iam:ListUsers action")

	sim, err := admin.iam.SimulatePrincipalPolicy(ctx, &iam.SimulatePrincipalPolicyInput{
		PolicySourceArn: aws.String(arn),
		ActionNames:     []string{"organizations:DescribeOrganization", "organizations:ListAccounts", "organizations:CreateAccount"},
	})
	ok(t, err)
	got := map[string]iamtypes.PolicyEvaluationDecisionType{}
	for _, r := range sim.EvaluationResults {
		got[aws.ToString(r.EvalActionName)] = r.EvalDecision
	}
	want := map[string]iamtypes.PolicyEvaluationDecisionType{
		"organizations:DescribeOrganization": iamtypes.PolicyEvaluationDecisionTypeAllowed,
		"organizations:ListAccounts":         iamtypes.PolicyEvaluationDecisionTypeExplicitDeny,
		"organizations:CreateAccount":        iamtypes.PolicyEvaluationDecisionTypeImplicitDeny,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SimulatePrincipalPolicy (-want +got):\n%s", diff)
	}
}
