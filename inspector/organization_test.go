package inspector_test

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
)

func TestDelegationAcrossRegions(t *testing.T) {
	w := newWorld(nil)
	svc := w.svc
	enable := func(r, acct string) error {
		_, err := svc.EnableDelegatedAdminAccount(root(mgmt), r, &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: acct})
		return err
	}
	disable := func(r, acct string) error {
		_, err := svc.DisableDelegatedAdminAccount(root(mgmt), r, &inspector.DisableDelegatedAdminAccountRequest{DelegatedAdminAccountID: acct})
		return err
	}
	if err := enable(region, admin); err != nil {
		t.Fatal(err)
	}
	// Trusted access, registration and the service-linked role.
	if !w.orgs.ServiceAccessEnabled(orgID, inspector.ServicePrincipal) || !slices.Equal(w.orgs.DelegatedAdministrators(orgID, inspector.ServicePrincipal), []string{admin}) ||
		!w.ids.roles[mgmt+"/"+inspector.ServicePrincipal] {
		t.Fatalf("organization not set up: %+v %v", w.orgs.orgs[orgID], w.ids.roles)
	}
	// Same account in another region: no second registration.
	calls := len(w.orgs.calls)
	if err := enable(region2, admin); err != nil {
		t.Fatal(err)
	}
	if len(w.orgs.calls) != calls {
		t.Errorf("second region called Organizations again: %v", w.orgs.calls[calls:])
	}
	got, _ := svc.GetDelegatedAdminAccount(root(member2), region2)
	if diff := cmp.Diff(&inspector.DelegatedAdmin{AccountID: admin, RelationshipStatus: inspector.RelationshipStatusEnabled}, got.DelegatedAdmin); diff != "" {
		t.Errorf("GetDelegatedAdminAccount (-want +got):\n%s", diff)
	}
	// Disabling in one region keeps the registration; in the last one it
	// is deregistered, and the delegated admin stays DISABLE_IN_PROGRESS
	// for a while.
	if err := disable(region, admin); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(w.orgs.DelegatedAdministrators(orgID, inspector.ServicePrincipal), []string{admin}) {
		t.Fatal("deregistered while still enabled in another region")
	}
	l, _ := svc.ListDelegatedAdminAccounts(root(mgmt), region, nil)
	if diff := cmp.Diff([]inspector.DelegatedAdminAccount{{AccountID: admin, Status: inspector.DelegatedAdminStatusDisableInProgress}}, l.DelegatedAdminAccounts); diff != "" {
		t.Errorf("list (-want +got):\n%s", diff)
	}
	if err := enable(region, member2); err == nil {
		t.Fatal("another delegated admin while the first is set in another region")
	}
	if err := disable(region2, admin); err != nil {
		t.Fatal(err)
	}
	if len(w.orgs.DelegatedAdministrators(orgID, inspector.ServicePrincipal)) != 0 {
		t.Fatal("still registered")
	}
	w.clock.Add(inspector.AdminDisableDelay)
	// Now another account may be designated.
	if err := enable(region, member2); err != nil {
		t.Fatal(err)
	}
	// A registration removed directly in Organizations ends the delegation.
	_ = w.orgs.DeregisterDelegatedAdministrator(root(mgmt), member2, inspector.ServicePrincipal)
	got, _ = svc.GetDelegatedAdminAccount(root(mgmt), region)
	if got.DelegatedAdmin == nil || got.DelegatedAdmin.RelationshipStatus != inspector.RelationshipStatusDisabled {
		t.Errorf("after deregistration in Organizations: %+v", got.DelegatedAdmin)
	}
	// Disabling it then succeeds in a region that had not noticed yet, as a
	// clean-up of what is already gone.
	if err := enable(region2, member2); err != nil {
		t.Fatal(err)
	}
	_ = w.orgs.DeregisterDelegatedAdministrator(root(mgmt), member2, inspector.ServicePrincipal)
	if err := disable(region2, member2); err != nil {
		t.Errorf("disabling a delegated admin deregistered in Organizations: %v", err)
	}
}

func TestMembersAndAutoEnable(t *testing.T) {
	w := newWorld(nil)
	svc := w.svc
	delegated(t, w)
	tr := true
	fa := false
	conf, err := svc.UpdateOrganizationConfiguration(root(admin), region, &inspector.UpdateOrganizationConfigurationRequest{
		AutoEnable: &inspector.AutoEnable{Ec2: &tr, Ecr: &fa, Lambda: &tr}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&inspector.AutoEnable{Ec2: &tr, Ecr: &fa, Lambda: &tr, LambdaCode: &fa, CodeRepository: &fa}, conf.AutoEnable); diff != "" {
		t.Errorf("auto-enable (-want +got):\n%s", diff)
	}
	// member1 joined before: unchanged. member2 joins now: EC2 and Lambda.
	if _, err := svc.AssociateMember(root(admin), region, &inspector.AssociateMemberRequest{AccountID: member2}); err != nil {
		t.Fatal(err)
	}
	st, _ := svc.BatchGetAccountStatus(root(admin), region, &inspector.BatchGetAccountStatusRequest{AccountIDs: []string{member1, member2, outside}})
	statuses := map[string][2]inspector.Status{}
	for _, a := range st.Accounts {
		statuses[a.AccountID] = [2]inspector.Status{a.ResourceState.Ec2.Status, a.ResourceState.Lambda.Status}
	}
	if diff := cmp.Diff(map[string][2]inspector.Status{member1: {"DISABLED", "DISABLED"}, member2: {"ENABLING", "ENABLING"}}, statuses); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	if len(st.FailedAccounts) != 1 || st.FailedAccounts[0].AccountID != outside || st.FailedAccounts[0].ErrorCode != inspector.ErrorCodeAccessDenied {
		t.Errorf("failed: %+v", st.FailedAccounts)
	}
	// Listing.
	all := false
	l, _ := svc.ListMembers(root(admin), region, &inspector.ListMembersRequest{OnlyAssociated: &all})
	got := map[string]inspector.RelationshipStatus{}
	for _, m := range l.Members {
		got[m.AccountID] = m.RelationshipStatus
	}
	want := map[string]inspector.RelationshipStatus{mgmt: "CREATED", member1: "ENABLED", member2: "ENABLED"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	// Disassociation: REMOVED, standalone, still scanning.
	w.wait()
	if _, err := svc.DisassociateMember(root(admin), region, &inspector.DisassociateMemberRequest{AccountID: member2}); err != nil {
		t.Fatal(err)
	}
	m, _ := svc.GetMember(root(admin), region, &inspector.GetMemberRequest{AccountID: member2})
	if diff := cmp.Diff(&inspector.Member{AccountID: member2, RelationshipStatus: "REMOVED", DelegatedAdminAccountID: admin, UpdatedAt: w.clock.Now()}, m.Member); diff != "" {
		t.Errorf("member (-want +got):\n%s", diff)
	}
	st, _ = svc.BatchGetAccountStatus(root(member2), region, nil)
	if st.Accounts[0].ResourceState.Ec2.Status != inspector.StatusEnabled {
		t.Errorf("disassociated member stopped scanning: %+v", st.Accounts[0])
	}
	d, _ := svc.DescribeOrganizationConfiguration(root(admin), region)
	if *d.MaxAccountLimitReached {
		t.Error("limit reached with two members")
	}
	// Permissions: members cannot disable scanning.
	count := func(acct string) int {
		p, err := svc.ListAccountPermissions(root(acct), region, nil)
		if err != nil {
			t.Fatal(err)
		}
		return len(p.Permissions)
	}
	if a, m := count(admin), count(member1); a != 8 || m != 5 {
		t.Errorf("permissions: admin %d, member %d", a, m)
	}
}

func TestCoverageAndUsage(t *testing.T) {
	w := listingWorld(t)
	svc := w.svc
	cov, err := svc.ListCoverage(root(admin), region, &inspector.ListCoverageRequest{MaxResults: 2})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for {
		for _, c := range cov.CoveredResources {
			ids = append(ids, string(c.ResourceType)+" "+c.ResourceID)
		}
		if cov.NextToken == "" {
			break
		}
		cov, _ = svc.ListCoverage(root(admin), region, &inspector.ListCoverageRequest{MaxResults: 2, NextToken: cov.NextToken})
	}
	want := []string{ // by account, then resource id
		"AWS_ECR_REPOSITORY arn:aws:ecr:us-east-1:333333333333:repository/api",
		"AWS_ECR_CONTAINER_IMAGE arn:aws:ecr:us-east-1:333333333333:repository/api/" + digest(1),
		"AWS_EC2_INSTANCE i-a",
		"AWS_LAMBDA_FUNCTION arn:aws:lambda:us-east-1:444444444444:function:worker:$LATEST",
		"AWS_EC2_INSTANCE i-b",
	}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("coverage (-want +got):\n%s", diff)
	}
	stats, _ := svc.ListCoverageStatistics(root(admin), region, &inspector.ListCoverageStatisticsRequest{GroupBy: inspector.GroupKeyAccountId,
		FilterCriteria: &inspector.CoverageFilterCriteria{ResourceType: []inspector.CoverageStringFilter{
			{Comparison: inspector.CoverageStringComparisonNotEquals, Value: "AWS_ECR_REPOSITORY"}}}})
	if diff := cmp.Diff(&inspector.ListCoverageStatisticsResponse{TotalCounts: 4, CountsByGroup: []inspector.Counts{{Count: 2, GroupKey: member1}, {Count: 2, GroupKey: member2}}}, stats); diff != "" {
		t.Errorf("statistics (-want +got):\n%s", diff)
	}
	tagged, _ := svc.ListCoverage(root(admin), region, &inspector.ListCoverageRequest{FilterCriteria: &inspector.CoverageFilterCriteria{
		Ec2InstanceTags: []inspector.CoverageMapFilter{{Comparison: inspector.CoverageMapComparisonEquals, Key: "env", Value: "dev"}}}})
	if len(tagged.CoveredResources) != 1 || tagged.CoveredResources[0].ResourceID != "i-b" {
		t.Errorf("tag filter: %+v", tagged.CoveredResources)
	}
	// Usage: 10 hours later.
	w.clock.Add(10 * time.Hour)
	u, err := svc.ListUsageTotals(root(admin), region, &inspector.ListUsageTotalsRequest{AccountIDs: []string{member1}})
	if err != nil {
		t.Fatal(err)
	}
	wantUsage := []inspector.UsageTotal{{AccountID: member1, Usage: []inspector.Usage{
		{Type: "EC2_INSTANCE_HOURS", Total: 10, EstimatedMonthlyCost: 0.02, Currency: "USD"},
		{Type: "ECR_INITIAL_SCAN", Total: 1, EstimatedMonthlyCost: 0.09, Currency: "USD"},
		{Type: "ECR_RESCAN", Total: 0, EstimatedMonthlyCost: 0, Currency: "USD"},
		{Type: "LAMBDA_FUNCTION_HOURS", Total: 0, EstimatedMonthlyCost: 0, Currency: "USD"},
	}}}
	if diff := cmp.Diff(wantUsage, u.Totals, cmpopts.EquateApprox(0, 0.001)); diff != "" {
		t.Errorf("usage (-want +got):\n%s", diff)
	}
}
