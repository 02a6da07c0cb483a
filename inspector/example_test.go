package inspector_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

// An organization's management account delegates Inspector to a member
// account, which enables scanning for itself and another member; the
// member's instance runs a vulnerable curl and exposes SSH to the internet.
func Example() {
	w := newWorld(nil)
	svc := w.svc

	_, err := svc.EnableDelegatedAdminAccount(root(mgmt), region, &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: admin})
	fmt.Println("delegate:", err)
	_, err = svc.Enable(root(admin), region, &inspector.EnableRequest{ResourceTypes: []inspector.ResourceScanType{inspector.ResourceScanTypeEc2}})
	fmt.Println("enable admin:", err)
	_, err = svc.AssociateMember(root(admin), region, &inspector.AssociateMemberRequest{AccountID: member1})
	fmt.Println("associate:", err)
	w.wait() // the admin's EC2 scanning becomes ENABLED
	out, _ := svc.Enable(root(admin), region, &inspector.EnableRequest{AccountIDs: []string{member1},
		ResourceTypes: []inspector.ResourceScanType{inspector.ResourceScanTypeEc2}})
	fmt.Println("enable member:", out.Accounts[0].ResourceStatus.Ec2)

	_, _ = svc.PutEC2Instance(region, member1, inspector.EC2Instance{
		InstanceID: "i-0123456789abcdef0", ImageID: "ami-12345678", Platform: "DEBIAN_12",
		Packages: []inspector.Package{{Name: "curl", Version: "7.88.1", Release: "10+deb12u3", Arch: "X86_64"}},
		SecurityGroups: []inspector.SecurityGroup{{ID: "sg-1", Ingress: []inspector.IngressRule{
			{Protocol: "tcp", FromPort: 22, ToPort: 22, CIDRs: []string{"0.0.0.0/0"}}}}},
		SubnetRoutesToInternet: true, InternetGatewayID: "igw-1",
	})
	w.wait() // the member's scanning becomes ENABLED and the instance is scanned

	list, _ := svc.ListFindings(root(admin), region, &inspector.ListFindingsRequest{
		SortCriteria: &inspector.SortCriteria{Field: inspector.SortFieldSeverity, SortOrder: inspector.SortOrderDesc}})
	for _, f := range list.Findings {
		fmt.Println(f.AwsAccountID, f.Severity, f.Status, f.Title)
	}

	// Members cannot create suppression rules.
	_, err = svc.CreateFilter(root(member1), region, &inspector.CreateFilterRequest{Name: "mute", Action: inspector.FilterActionSuppress,
		FilterCriteria: &inspector.FilterCriteria{}})
	fmt.Println("member rule:", errors.Is(err, inspector.ErrAccessDenied))
	// Output:
	// delegate: <nil>
	// enable admin: <nil>
	// associate: <nil>
	// enable member: ENABLING
	// 333333333333 CRITICAL ACTIVE CVE-2023-38545 - curl
	// 333333333333 MEDIUM ACTIVE Port 22 is reachable from an Internet Gateway - TCP
	// member rule: true
}

// A suppression rule of the delegated administrator hides matching findings
// of every member at once; deleting it restores them.
func ExampleService_CreateFilter() {
	w := newWorld(nil)
	svc := w.svc
	_ = svc.Load(inspector.LoadRequest{Region: region, OrganizationID: orgID, DelegatedAdmin: admin, Accounts: []inspector.LoadAccount{
		{AccountID: admin, ScanTypes: []inspector.ResourceScanType{inspector.ResourceScanTypeEcr}},
		{AccountID: member1, ScanTypes: []inspector.ResourceScanType{inspector.ResourceScanTypeEcr}, ECRImages: []inspector.ECRImage{{
			RepositoryName: "web", Digest: "sha256:" + fmt.Sprintf("%064x", 1), Platform: "DEBIAN_12",
			Layers: []inspector.Layer{{Digest: "sha256:" + fmt.Sprintf("%064x", 2), Packages: []inspector.Package{
				{Name: "curl", Version: "7.88.1", Release: "10+deb12u3"},
				{Name: "lodash", Version: "4.17.20", PackageManager: inspector.PackageManagerNpm},
			}}},
		}}},
	}})
	count := func() map[inspector.FindingStatus]int {
		out, _ := svc.ListFindings(root(admin), region, nil)
		n := map[inspector.FindingStatus]int{}
		for _, f := range out.Findings {
			n[f.Status]++
		}
		return n
	}
	fmt.Println(count())
	rule, _ := svc.CreateFilter(root(admin), region, &inspector.CreateFilterRequest{
		Name: "accept-lodash", Action: inspector.FilterActionSuppress, Reason: "not reachable",
		FilterCriteria: &inspector.FilterCriteria{VulnerablePackages: []inspector.PackageFilter{{
			Name: &inspector.StringFilter{Comparison: inspector.StringComparisonEquals, Value: "lodash"}}}},
	})
	fmt.Println(count())
	_, _ = svc.DeleteFilter(root(admin), region, &inspector.DeleteFilterRequest{Arn: rule.Arn})
	fmt.Println(count())
	// Output:
	// map[ACTIVE:2]
	// map[ACTIVE:1 SUPPRESSED:1]
	// map[ACTIVE:2]
}

// Aggregations count ACTIVE findings per account, as ListFindings would.
func ExampleService_ListFindingAggregations() {
	w := newWorld(nil)
	svc := w.svc
	img := func(n int, pkgs ...inspector.Package) inspector.ECRImage {
		return inspector.ECRImage{RepositoryName: "app", Digest: "sha256:" + fmt.Sprintf("%064x", n), Platform: "DEBIAN_12",
			PushedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Layers: []inspector.Layer{{Digest: "sha256:" + fmt.Sprintf("%064x", n+100), Packages: pkgs}}}
	}
	ecr := []inspector.ResourceScanType{inspector.ResourceScanTypeEcr}
	_ = svc.Load(inspector.LoadRequest{Region: region, OrganizationID: orgID, DelegatedAdmin: admin, Accounts: []inspector.LoadAccount{
		{AccountID: admin, ScanTypes: ecr},
		{AccountID: member1, ScanTypes: ecr, ECRImages: []inspector.ECRImage{img(1, inspector.Package{Name: "curl", Version: "7.88.1", Release: "10+deb12u3"})}},
		{AccountID: member2, ScanTypes: ecr, ECRImages: []inspector.ECRImage{img(2,
			inspector.Package{Name: "requests", Version: "2.30.0", PackageManager: inspector.PackageManagerPip},
			inspector.Package{Name: "PyYAML", Version: "5.3", PackageManager: inspector.PackageManagerPip})}},
	}})
	out, _ := svc.ListFindingAggregations(root(admin), region, &inspector.ListFindingAggregationsRequest{
		AggregationType: inspector.AggregationTypeAccount,
		AggregationRequest: &inspector.AggregationRequest{AccountAggregation: &inspector.AccountAggregation{
			SortBy: inspector.AccountSortByAll, SortOrder: inspector.SortOrderDesc}},
	})
	for _, r := range out.Responses {
		a := r.AccountAggregation
		fmt.Printf("%s all=%d critical=%d medium=%d fix=%d\n", a.AccountID, a.SeverityCounts.All, a.SeverityCounts.Critical,
			a.SeverityCounts.Medium, a.FixAvailableCount)
	}
	// Output:
	// 444444444444 all=2 critical=1 medium=1 fix=2
	// 333333333333 all=1 critical=1 medium=0 fix=1
}

// The scan engine on its own: which advisories affect an instance's
// packages, and which ports it exposes to the internet.
func ExampleScanner_ScanEC2() {
	sc := &inspector.Scanner{DB: advisory.Default()}
	res := sc.ScanEC2(&inspector.EC2Instance{
		InstanceID: "i-1", Platform: "UBUNTU_20_04",
		Packages: []inspector.Package{
			{Name: "sudo", Version: "1.8.31", Release: "1ubuntu1.1"},
			{Name: "lodash", Version: "4.17.20", PackageManager: inspector.PackageManagerNpm, FilePath: "app/package-lock.json"},
		},
		SubnetRoutesToInternet: true,
		SecurityGroups: []inspector.SecurityGroup{{ID: "sg-1", Ingress: []inspector.IngressRule{
			{Protocol: "tcp", FromPort: 443, ToPort: 443, CIDRs: []string{"::/0"}},
			{Protocol: "-1", CIDRs: []string{"10.0.0.0/8"}},
		}}},
	})
	fmt.Println(res.Status)
	for _, v := range res.Vulnerabilities {
		fmt.Println(v.Advisory.ID, v.PackageName, "fixed in", v.Packages[0].FixedIn)
	}
	for _, p := range res.OpenPorts {
		fmt.Println(p.Protocol, p.Begin, p.End, p.SecurityGroupID)
	}
	// Output:
	// SUCCESSFUL
	// CVE-2021-23337 lodash fixed in 4.17.21
	// CVE-2021-3156 sudo fixed in 1.8.31-1ubuntu1.2
	// TCP 443 443 sg-1
}
