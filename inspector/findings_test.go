package inspector_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

func digest(n int) string { return "sha256:" + fmt.Sprintf("%064x", n) }

// scanning returns a world where member1 scans EC2, ECR and Lambda.
func scanning(t testing.TB) *world {
	t.Helper()
	w := newWorld(nil)
	if _, err := w.svc.Enable(root(member1), region, &inspector.EnableRequest{ResourceTypes: scanTypes}); err != nil {
		t.Fatal(err)
	}
	w.wait()
	return w
}

func byTitle(fs []inspector.Finding) map[string]inspector.Finding {
	out := map[string]inspector.Finding{}
	for _, f := range fs {
		out[f.Title] = f
	}
	return out
}

func titles(fs []inspector.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Title)
	}
	slices.Sort(out)
	return out
}

func TestStatusMachine(t *testing.T) {
	w := newWorld(nil)
	status := func() (inspector.Status, inspector.Status) {
		out, err := w.svc.BatchGetAccountStatus(root(member1), region, nil)
		if err != nil {
			t.Fatal(err)
		}
		a := out.Accounts[0]
		return a.State.Status, a.ResourceState.Ec2.Status
	}
	check := func(step string, acct, ec2 inspector.Status) {
		t.Helper()
		if a, e := status(); a != acct || e != ec2 {
			t.Fatalf("%s: account %s ec2 %s, want %s %s", step, a, e, acct, ec2)
		}
	}
	check("initially", inspector.StatusDisabled, inspector.StatusDisabled)
	_, _ = w.svc.PutEC2Instance(region, member1, inspector.EC2Instance{InstanceID: "i-1", Platform: "DEBIAN_12", Packages: []inspector.Package{curlVuln}})
	_, _ = w.svc.Enable(root(member1), region, &inspector.EnableRequest{ResourceTypes: ec2Only})
	check("enabling", inspector.StatusEnabling, inspector.StatusEnabling)
	if fs := listAll(t, w.svc, member1, region, nil); len(fs) != 0 {
		t.Fatalf("findings while ENABLING: %v", titles(fs))
	}
	w.clock.Add(inspector.EnableDelay - time.Second)
	check("almost", inspector.StatusEnabling, inspector.StatusEnabling)
	w.clock.Add(time.Second)
	check("enabled", inspector.StatusEnabled, inspector.StatusEnabled)
	fs := listAll(t, w.svc, member1, region, nil)
	if len(fs) != 1 || !fs[0].FirstObservedAt.Equal(w.clock.Now()) {
		t.Fatalf("after enabling: %v", fs)
	}
	// A filter of the account is deleted with its findings when every scan
	// type is disabled.
	_, _ = w.svc.CreateFilter(root(member1), region, &inspector.CreateFilterRequest{Name: "f", Action: inspector.FilterActionNone, FilterCriteria: &inspector.FilterCriteria{}})
	_, _ = w.svc.Disable(root(member1), region, nil)
	check("disabling", inspector.StatusDisabling, inspector.StatusDisabling)
	w.clock.Add(inspector.DisableDelay)
	check("disabled", inspector.StatusDisabled, inspector.StatusDisabled)
	if fs := listAll(t, w.svc, member1, region, nil); len(fs) != 0 {
		t.Fatalf("findings after disabling: %v", titles(fs))
	}
	if l, _ := w.svc.ListFilters(root(member1), region, nil); len(l.Filters) != 0 {
		t.Fatalf("filters after deactivation: %v", l.Filters)
	}
	// Suspension.
	_, _ = w.svc.Enable(root(member1), region, &inspector.EnableRequest{ResourceTypes: ec2Only})
	w.wait()
	_ = w.svc.SuspendAccount(member1)
	check("suspending", inspector.StatusSuspending, inspector.StatusSuspending)
	w.clock.Add(inspector.SuspendDelay)
	check("suspended", inspector.StatusSuspended, inspector.StatusSuspended)
	if fs := listAll(t, w.svc, member1, region, nil); len(fs) != 1 {
		t.Fatalf("findings of a suspended account: %v", titles(fs))
	}
	_ = w.svc.ReinstateAccount(member1)
	check("reinstated", inspector.StatusEnabling, inspector.StatusEnabling)
	w.wait()
	check("enabled again", inspector.StatusEnabled, inspector.StatusEnabled)
}

func TestFindingLifecycle(t *testing.T) {
	w := scanning(t)
	put := func(p inspector.Package) {
		t.Helper()
		if _, err := w.svc.PutEC2Instance(region, member1, inspector.EC2Instance{InstanceID: "i-1", Platform: "DEBIAN_12", Packages: []inspector.Package{p}}); err != nil {
			t.Fatal(err)
		}
	}
	one := func() inspector.Finding {
		t.Helper()
		fs := listAll(t, w.svc, member1, region, nil)
		if len(fs) != 1 {
			t.Fatalf("want one finding, got %v", titles(fs))
		}
		return fs[0]
	}
	put(curlVuln)
	first := one()
	if first.Status != inspector.FindingStatusActive || first.Title != "CVE-2023-38545 - curl" {
		t.Fatalf("first: %s %s", first.Status, first.Title)
	}
	// Fixed: closed.
	w.clock.Add(time.Hour)
	put(curlFixed)
	closed := one()
	if closed.FindingArn != first.FindingArn || closed.Status != inspector.FindingStatusClosed || !closed.UpdatedAt.Equal(w.clock.Now()) {
		t.Fatalf("closed: %+v", closed)
	}
	// Back within 7 days: reopened, same ARN.
	w.clock.Add(6 * 24 * time.Hour)
	put(curlVuln)
	reopened := one()
	if reopened.FindingArn != first.FindingArn || reopened.Status != inspector.FindingStatusActive || !reopened.FirstObservedAt.Equal(first.FirstObservedAt) {
		t.Fatalf("reopened: %+v", reopened)
	}
	// Closed again and back after 7 days: a new finding.
	put(curlFixed)
	w.clock.Add(inspector.ReopenWindow + time.Hour)
	put(curlVuln)
	fs := listAll(t, w.svc, member1, region, nil)
	if len(fs) != 2 {
		t.Fatalf("want the old closed and a new finding: %v", fs)
	}
	var fresh inspector.Finding
	for _, f := range fs {
		if f.Status == inspector.FindingStatusActive {
			fresh = f
		}
	}
	if fresh.FindingArn == first.FindingArn {
		t.Fatal("a finding closed for more than 7 days was reopened")
	}
	// Closed findings are deleted after 30 days.
	w.clock.Add(inspector.ClosedRetention)
	if fs := listAll(t, w.svc, member1, region, nil); len(fs) != 1 || fs[0].FindingArn != fresh.FindingArn {
		t.Fatalf("after retention: %v", fs)
	}
	// A removed resource's findings are closed, then deleted after 3 days.
	if err := w.svc.RemoveResource(region, member1, "i-1"); err != nil {
		t.Fatal(err)
	}
	if f := one(); f.Status != inspector.FindingStatusClosed {
		t.Fatalf("after removal: %s", f.Status)
	}
	w.clock.Add(inspector.TerminatedRetention + time.Hour)
	if fs := listAll(t, w.svc, member1, region, nil); len(fs) != 0 {
		t.Fatalf("after terminated retention: %v", titles(fs))
	}
}

func TestAdvisoryGenerationRescans(t *testing.T) {
	db := advisory.Default()
	w := newWorld(db)
	_, _ = w.svc.Enable(root(member1), region, &inspector.EnableRequest{ResourceTypes: ec2Only})
	w.wait()
	_, _ = w.svc.PutEC2Instance(region, member1, inspector.EC2Instance{InstanceID: "i-1", Platform: "DEBIAN_12", Packages: []inspector.Package{zlib}})
	if fs := listAll(t, w.svc, member1, region, nil); len(fs) != 0 {
		t.Fatalf("zlib has no advisory yet: %v", titles(fs))
	}
	adv := &advisory.Advisory{ID: "CVE-2099-0001", Modified: w.clock.Now(), Details: "zlib overflow",
		Severity: []advisory.Severity{{Type: advisory.CVSSV3, Score: benchVectors[2]}},
		Affected: []advisory.Affected{{Package: advisory.Package{Ecosystem: "Debian:12", Name: "zlib1g"},
			Ranges: []advisory.Range{{Type: advisory.RangeEcosystem, Events: []advisory.Event{{Introduced: "0"}, {Fixed: "1.3-1"}}}}}}}
	if err := db.Add(adv); err != nil {
		t.Fatal(err)
	}
	fs := listAll(t, w.svc, member1, region, nil)
	if len(fs) != 1 || fs[0].Severity != inspector.SeverityMedium || fs[0].Description != "zlib overflow" {
		t.Fatalf("after the advisory: %+v", fs)
	}
	// A newer version of the advisory raises the severity: same finding,
	// updated.
	w.clock.Add(time.Minute)
	adv2 := *adv
	adv2.Modified = w.clock.Now()
	adv2.Severity = []advisory.Severity{{Type: advisory.CVSSV3, Score: benchVectors[0]}}
	if err := db.Add(&adv2); err != nil {
		t.Fatal(err)
	}
	fs2 := listAll(t, w.svc, member1, region, nil)
	if len(fs2) != 1 || fs2[0].FindingArn != fs[0].FindingArn || fs2[0].Severity != inspector.SeverityCritical || !fs2[0].UpdatedAt.Equal(w.clock.Now()) {
		t.Fatalf("after the update: %+v", fs2)
	}
	db.Remove(adv.ID)
	if fs := listAll(t, w.svc, member1, region, nil); len(fs) != 1 || fs[0].Status != inspector.FindingStatusClosed {
		t.Fatalf("after withdrawal: %+v", fs)
	}
}

func TestNetworkReachability(t *testing.T) {
	w := scanning(t)
	rule := func(proto string, from, to int, cidr string) inspector.IngressRule {
		return inspector.IngressRule{Protocol: proto, FromPort: from, ToPort: to, CIDRs: []string{"10.0.0.0/8", cidr}}
	}
	inst := inspector.EC2Instance{InstanceID: "i-net", Platform: "DEBIAN_12", SubnetRoutesToInternet: true,
		InternetGatewayID: "igw-1", NetworkACLID: "acl-1", NetworkInterfaceID: "eni-1",
		Packages: []inspector.Package{curlVuln},
		SecurityGroups: []inspector.SecurityGroup{
			{ID: "sg-a", Ingress: []inspector.IngressRule{rule("tcp", 22, 22, "0.0.0.0/0"), rule("tcp", 80, 80, "::/0"), rule("udp", 5000, 5010, "0.0.0.0/0")}},
			{ID: "sg-b", Ingress: []inspector.IngressRule{rule("tcp", 8080, 8080, "0.0.0.0/0"), rule("udp", 5005, 5020, "0.0.0.0/0"),
				rule("tcp", 3306, 3306, "10.0.0.0/8"), rule("icmp", -1, -1, "0.0.0.0/0")}},
		}}
	_, _ = w.svc.PutEC2Instance(region, member1, inst)
	got := map[string]inspector.Severity{}
	for _, f := range listAll(t, w.svc, member1, region, nil) {
		got[f.Title] = f.Severity
	}
	want := map[string]inspector.Severity{
		"CVE-2023-38545 - curl":                                              inspector.SeverityCritical,
		"Port 22 is reachable from an Internet Gateway - TCP":                inspector.SeverityMedium,
		"Port 80 is reachable from an Internet Gateway - TCP":                inspector.SeverityLow,
		"Port 8080 is reachable from an Internet Gateway - TCP":              inspector.SeverityInformational,
		"Port range 5000 - 5020 is reachable from an Internet Gateway - UDP": inspector.SeverityInformational,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("findings (-want +got):\n%s", diff)
	}
	f := byTitle(listAll(t, w.svc, member1, region, nil))["Port 22 is reachable from an Internet Gateway - TCP"]
	wantPath := []inspector.Step{{ComponentID: "igw-1", ComponentType: "AWS::EC2::InternetGateway"}, {ComponentID: "acl-1", ComponentType: "AWS::EC2::NetworkAcl"},
		{ComponentID: "sg-a", ComponentType: "AWS::EC2::SecurityGroup"}, {ComponentID: "eni-1", ComponentType: "AWS::EC2::NetworkInterface"},
		{ComponentID: "i-net", ComponentType: "AWS::EC2::Instance"}}
	if diff := cmp.Diff(wantPath, f.NetworkReachabilityDetails.NetworkPath.Steps); diff != "" {
		t.Errorf("path (-want +got):\n%s", diff)
	}
	if f.Description != "On the instance i-net, the port range 22-22 is reachable from the InternetGateway igw-1 from an attached ENI eni-1." {
		t.Errorf("description %q", f.Description)
	}
	// Reachable: the Inspector score is the base score.
	curl := byTitle(listAll(t, w.svc, member1, region, nil))["CVE-2023-38545 - curl"]
	if *curl.InspectorScore != 9.8 || curl.InspectorScoreDetails.AdjustedCvss.Adjustments != nil {
		t.Errorf("reachable instance score %v %+v", *curl.InspectorScore, curl.InspectorScoreDetails.AdjustedCvss)
	}
	// Without a route to the internet nothing is reachable: the network
	// findings close and the score is adjusted.
	inst.SubnetRoutesToInternet = false
	_, _ = w.svc.PutEC2Instance(region, member1, inst)
	for _, f := range listAll(t, w.svc, member1, region, nil) {
		if f.Type == inspector.FindingTypeNetworkReachability && f.Status != inspector.FindingStatusClosed {
			t.Errorf("%s still %s", f.Title, f.Status)
		}
		if f.Type == inspector.FindingTypePackageVulnerability {
			if *f.InspectorScore != 8.8 || f.InspectorScoreDetails.AdjustedCvss.ScoringVector != "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" ||
				len(f.InspectorScoreDetails.AdjustedCvss.Adjustments) != 1 || f.Severity != inspector.SeverityCritical {
				t.Errorf("adjusted score: %v %+v", *f.InspectorScore, f.InspectorScoreDetails.AdjustedCvss)
			}
		}
	}
}

func TestContainerAndFunctionFindings(t *testing.T) {
	db := advisory.Default()
	// A vulnerability with a fix in one range and none in another, to
	// get fixAvailable PARTIAL.
	if err := db.Add(&advisory.Advisory{ID: "GHSA-aaaa-bbbb-cccc", Modified: time.Now(), Summary: "partial",
		Affected: []advisory.Affected{{Package: advisory.Package{Ecosystem: "npm", Name: "left-pad"},
			Ranges: []advisory.Range{{Type: advisory.RangeSemver, Events: []advisory.Event{{Introduced: "0"}, {Fixed: "2.0.0"}, {Introduced: "3.0.0"}}}}}},
		DatabaseSpecific: []byte(`{"severity":"moderate"}`)}); err != nil {
		t.Fatal(err)
	}
	w := newWorld(db)
	_, _ = w.svc.Enable(root(member1), region, &inspector.EnableRequest{ResourceTypes: scanTypes})
	w.wait()
	img := inspector.ECRImage{RepositoryName: "web/app", Digest: digest(7), Tags: []string{"v1"}, Architecture: "arm64", Platform: "ALPINE_3_16",
		PushedAt: w.clock.Now().Add(-time.Hour),
		Layers: []inspector.Layer{
			{Digest: digest(8), Packages: []inspector.Package{{Name: "openssl", Version: "3.0.1", Release: "r0"}, {Name: "left-pad", Version: "1.0.0", PackageManager: inspector.PackageManagerNpm}}},
			{Digest: digest(9), Packages: []inspector.Package{{Name: "left-pad", Version: "3.1.0", PackageManager: inspector.PackageManagerNpm, FilePath: "app/node_modules/left-pad"}}},
		}}
	imgID, err := w.svc.PutECRImage(region, member1, img)
	if err != nil {
		t.Fatal(err)
	}
	if want := "arn:aws:ecr:us-east-1:333333333333:repository/web/app/" + digest(7); imgID != want {
		t.Fatalf("image id %s, want %s", imgID, want)
	}
	fnID, err := w.svc.PutLambdaFunction(region, member1, inspector.LambdaFunction{FunctionName: "handler", Runtime: inspector.RuntimePython311,
		Packages: []inspector.Package{{Name: "requests", Version: "2.30.0", PackageManager: inspector.PackageManagerPip, FilePath: "requirements.txt"}},
		Layers: []inspector.LambdaLayer{{Arn: "arn:aws:lambda:us-east-1:333333333333:layer:deps:3",
			Packages: []inspector.Package{{Name: "PyYAML", Version: "5.3", PackageManager: inspector.PackageManagerPip}}}}})
	if err != nil || fnID != "arn:aws:lambda:us-east-1:333333333333:function:handler:$LATEST" {
		t.Fatalf("function id %s %v", fnID, err)
	}
	fs := byTitle(listAll(t, w.svc, member1, region, nil))
	if diff := cmp.Diff([]string{"CVE-2020-14343 - PyYAML", "CVE-2022-0778 - openssl", "CVE-2023-32681 - requests", "GHSA-aaaa-bbbb-cccc - left-pad"},
		slices.Sorted(func(yield func(string) bool) {
			for k := range fs {
				if !yield(k) {
					return
				}
			}
		})); diff != "" {
		t.Fatalf("titles (-want +got):\n%s", diff)
	}
	lp := fs["GHSA-aaaa-bbbb-cccc - left-pad"]
	if lp.FixAvailable != inspector.FixAvailablePartial || lp.Severity != inspector.SeverityMedium || lp.InspectorScore != nil ||
		len(lp.PackageVulnerabilityDetails.VulnerablePackages) != 2 || lp.PackageVulnerabilityDetails.Source != "GITHUB" {
		t.Errorf("left-pad: %+v", lp)
	}
	ossl := fs["CVE-2022-0778 - openssl"]
	vp := ossl.PackageVulnerabilityDetails.VulnerablePackages[0]
	if vp.SourceLayerHash != digest(8) || vp.FixedInVersion != "0:3.0.2-r0" || vp.Remediation != "apk upgrade openssl" ||
		ossl.Resources[0].Details.AwsEcrContainerImage.RepositoryName != "web/app" {
		t.Errorf("openssl: %+v", vp)
	}
	yaml := fs["CVE-2020-14343 - PyYAML"]
	if v := yaml.PackageVulnerabilityDetails.VulnerablePackages[0]; v.SourceLambdaLayerArn != "arn:aws:lambda:us-east-1:333333333333:layer:deps:3" ||
		v.FixedInVersion != "5.4" || yaml.Resources[0].Details.AwsLambdaFunction.Runtime != inspector.RuntimePython311 {
		t.Errorf("PyYAML: %+v", v)
	}
	// An unsupported runtime is not scanned.
	_, _ = w.svc.PutLambdaFunction(region, member1, inspector.LambdaFunction{FunctionName: "old", Runtime: inspector.RuntimeUnsupported,
		Packages: []inspector.Package{{Name: "requests", Version: "2.30.0", PackageManager: inspector.PackageManagerPip}}})
	cov, _ := w.svc.ListCoverage(root(member1), region, &inspector.ListCoverageRequest{FilterCriteria: &inspector.CoverageFilterCriteria{
		ScanStatusCode: []inspector.CoverageStringFilter{{Comparison: inspector.CoverageStringComparisonEquals, Value: "INACTIVE"}}}})
	if len(cov.CoveredResources) != 1 || cov.CoveredResources[0].ScanStatus.Reason != inspector.ScanStatusReasonUnsupportedRuntime {
		t.Errorf("coverage of the old function: %+v", cov.CoveredResources)
	}
}

// listingWorld has member1 and member2 (admin's members) with instances,
// images and functions.
func listingWorld(t testing.TB) *world {
	t.Helper()
	w := newWorld(nil)
	all := []inspector.ResourceScanType{inspector.ResourceScanTypeEc2, inspector.ResourceScanTypeEcr, inspector.ResourceScanTypeLambda}
	err := w.svc.Load(inspector.LoadRequest{Region: region, OrganizationID: orgID, DelegatedAdmin: admin, Accounts: []inspector.LoadAccount{
		{AccountID: admin, ScanTypes: all},
		{AccountID: member1, ScanTypes: all,
			EC2Instances: []inspector.EC2Instance{{InstanceID: "i-a", ImageID: "ami-aaaaaaaa", VpcID: "vpc-1", SubnetID: "subnet-1", Platform: "DEBIAN_12",
				Tags: map[string]string{"env": "prod"}, Packages: []inspector.Package{curlVuln, xzVuln}, SubnetRoutesToInternet: true,
				SecurityGroups: []inspector.SecurityGroup{{ID: "sg-1", Ingress: []inspector.IngressRule{{Protocol: "tcp", FromPort: 20, ToPort: 23, CIDRs: []string{"0.0.0.0/0"}}}}}}},
			ECRImages: []inspector.ECRImage{{RepositoryName: "api", Digest: digest(1), Tags: []string{"latest", "v2"}, Architecture: "amd64",
				PushedAt: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), InUseCount: 3, Platform: "DEBIAN_10",
				Layers: []inspector.Layer{{Digest: digest(2), Packages: []inspector.Package{{Name: "sudo", Version: "1.8.27", Release: "1+deb10u2"}}},
					{Digest: digest(3), Packages: []inspector.Package{{Name: "org.apache.logging.log4j:log4j-core", Version: "2.14.1", PackageManager: inspector.PackageManagerJar, FilePath: "app.jar"}}}}}}},
		{AccountID: member2, ScanTypes: all,
			EC2Instances: []inspector.EC2Instance{{InstanceID: "i-b", ImageID: "ami-bbbbbbbb", Platform: "UBUNTU_20_04", Tags: map[string]string{"env": "dev"},
				Packages: []inspector.Package{{Name: "sudo", Version: "1.8.31", Release: "1ubuntu1.1"}}}},
			LambdaFunctions: []inspector.LambdaFunction{{FunctionName: "worker", Runtime: inspector.RuntimeNodejs18X, ExecutionRoleArn: "arn:aws:iam::444444444444:role/worker",
				LastModifiedAt: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
				Packages:       []inspector.Package{{Name: "lodash", Version: "4.17.20", PackageManager: inspector.PackageManagerNpm}},
				Layers: []inspector.LambdaLayer{{Arn: "arn:aws:lambda:us-east-1:444444444444:layer:util:1",
					Packages: []inspector.Package{{Name: "minimist", Version: "1.2.5", PackageManager: inspector.PackageManagerNpm}}}}}}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestListFindingsFilters(t *testing.T) {
	w := listingWorld(t)
	f64 := func(v float64) *float64 { return &v }
	i := func(v int) *int { return &v }
	tm := func(y, m, d int) *time.Time { v := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); return &v }
	pfx := func(v string) inspector.StringFilter {
		return inspector.StringFilter{Comparison: inspector.StringComparisonPrefix, Value: v}
	}
	ne := func(v string) inspector.StringFilter {
		return inspector.StringFilter{Comparison: inspector.StringComparisonNotEquals, Value: v}
	}
	const (
		curl   = "CVE-2023-38545 - curl"
		xz     = "CVE-2024-3094 - xz-utils"
		port   = "Port range 20 - 23 is reachable from an Internet Gateway - TCP"
		sudoA  = "CVE-2021-3156 - sudo"
		log4j  = "CVE-2021-44228 - org.apache.logging.log4j:log4j-core"
		log4j2 = "CVE-2021-45105 - org.apache.logging.log4j:log4j-core"
		lodash = "CVE-2021-23337 - lodash"
		mini   = "CVE-2021-44906 - minimist"
	)
	all := []string{curl, xz, port, sudoA, log4j, log4j2, sudoA, lodash, mini}
	slices.Sort(all)
	tests := []struct {
		name string
		c    inspector.FilterCriteria
		want []string
	}{
		{"none", inspector.FilterCriteria{}, all},
		{"account", inspector.FilterCriteria{AwsAccountID: []inspector.StringFilter{eq(member2)}}, []string{lodash, mini, sudoA}},
		{"account not equals", inspector.FilterCriteria{AwsAccountID: []inspector.StringFilter{ne(member1)}}, []string{lodash, mini, sudoA}},
		{"severity OR", inspector.FilterCriteria{Severity: []inspector.StringFilter{eq("MEDIUM"), eq("HIGH")}}, []string{lodash, log4j2, port, sudoA, sudoA}},
		{"severity AND type", inspector.FilterCriteria{Severity: []inspector.StringFilter{eq("MEDIUM")}, FindingType: []inspector.StringFilter{eq("PACKAGE_VULNERABILITY")}}, []string{log4j2}},
		{"not equals twice", inspector.FilterCriteria{Severity: []inspector.StringFilter{ne("CRITICAL"), ne("HIGH")}}, []string{log4j2, port}},
		{"title prefix", inspector.FilterCriteria{Title: []inspector.StringFilter{pfx("Port")}}, []string{port}},
		{"resource type", inspector.FilterCriteria{ResourceType: []inspector.StringFilter{eq("AWS_LAMBDA_FUNCTION")}}, []string{lodash, mini}},
		{"resource id", inspector.FilterCriteria{ResourceID: []inspector.StringFilter{eq("i-b")}}, []string{sudoA}},
		{"tags", inspector.FilterCriteria{ResourceTags: []inspector.MapFilter{{Comparison: inspector.MapComparisonEquals, Key: "env", Value: "prod"}}}, []string{curl, port, xz}},
		{"ami", inspector.FilterCriteria{Ec2InstanceImageID: []inspector.StringFilter{eq("ami-aaaaaaaa")}}, []string{curl, port, xz}},
		{"vpc and subnet", inspector.FilterCriteria{Ec2InstanceVpcID: []inspector.StringFilter{eq("vpc-1")}, Ec2InstanceSubnetID: []inspector.StringFilter{eq("subnet-1")}}, []string{curl, port, xz}},
		{"ecr repository", inspector.FilterCriteria{EcrImageRepositoryName: []inspector.StringFilter{eq("api")}}, []string{log4j, log4j2, sudoA}},
		{"ecr tag", inspector.FilterCriteria{EcrImageTags: []inspector.StringFilter{eq("v2")}}, []string{log4j, log4j2, sudoA}},
		{"ecr tag not equals", inspector.FilterCriteria{EcrImageTags: []inspector.StringFilter{ne("v2")}, ResourceType: []inspector.StringFilter{eq("AWS_ECR_CONTAINER_IMAGE")}}, nil},
		{"ecr hash arch registry", inspector.FilterCriteria{EcrImageHash: []inspector.StringFilter{eq(digest(1))}, EcrImageArchitecture: []inspector.StringFilter{eq("amd64")},
			EcrImageRegistry: []inspector.StringFilter{eq(member1)}}, []string{log4j, log4j2, sudoA}},
		{"ecr pushed", inspector.FilterCriteria{EcrImagePushedAt: []inspector.DateFilter{{StartInclusive: tm(2024, 5, 1), EndInclusive: tm(2024, 7, 1)}}}, []string{log4j, log4j2, sudoA}},
		{"ecr pushed before", inspector.FilterCriteria{EcrImagePushedAt: []inspector.DateFilter{{EndInclusive: tm(2024, 5, 1)}}}, nil},
		{"ecr in use", inspector.FilterCriteria{EcrImageInUseCount: []inspector.NumberFilter{{LowerInclusive: f64(3)}}}, []string{log4j, log4j2, sudoA}},
		{"port range overlaps", inspector.FilterCriteria{PortRange: []inspector.PortRangeFilter{{BeginInclusive: i(22), EndInclusive: i(22)}}}, []string{port}},
		{"port range misses", inspector.FilterCriteria{PortRange: []inspector.PortRangeFilter{{BeginInclusive: i(80)}}}, nil},
		{"protocol", inspector.FilterCriteria{NetworkProtocol: []inspector.StringFilter{eq("TCP")}}, []string{port}},
		{"protocol not equals", inspector.FilterCriteria{NetworkProtocol: []inspector.StringFilter{ne("TCP")}, Severity: []inspector.StringFilter{eq("MEDIUM")}}, []string{log4j2}},
		{"component", inspector.FilterCriteria{ComponentID: []inspector.StringFilter{eq("sg-1")}, ComponentType: []inspector.StringFilter{eq("AWS::EC2::SecurityGroup")}}, []string{port}},
		{"vulnerability id", inspector.FilterCriteria{VulnerabilityID: []inspector.StringFilter{pfx("CVE-2021-44")}}, []string{log4j, mini}},
		{"source and vendor severity", inspector.FilterCriteria{VulnerabilitySource: []inspector.StringFilter{eq("NVD")}, VendorSeverity: []inspector.StringFilter{eq("MEDIUM")}}, []string{log4j2}},
		{"related", inspector.FilterCriteria{RelatedVulnerabilities: []inspector.StringFilter{eq("GHSA-jfh8-c2jp-5v3q")}}, []string{log4j}},
		{"package name and version", inspector.FilterCriteria{VulnerablePackages: []inspector.PackageFilter{{Name: &inspector.StringFilter{Comparison: inspector.StringComparisonEquals, Value: "sudo"},
			Release: &inspector.StringFilter{Comparison: inspector.StringComparisonPrefix, Value: "1ubuntu"}}}}, []string{sudoA}},
		{"package layer", inspector.FilterCriteria{VulnerablePackages: []inspector.PackageFilter{{SourceLayerHash: &inspector.StringFilter{Comparison: inspector.StringComparisonEquals, Value: digest(3)}}}}, []string{log4j, log4j2}},
		{"package lambda layer", inspector.FilterCriteria{VulnerablePackages: []inspector.PackageFilter{{SourceLambdaLayerArn: &inspector.StringFilter{Comparison: inspector.StringComparisonPrefix, Value: "arn:aws:lambda"}}}}, []string{mini}},
		{"package epoch", inspector.FilterCriteria{VulnerablePackages: []inspector.PackageFilter{{Epoch: &inspector.NumberFilter{LowerInclusive: f64(1)}}}}, nil},
		{"fix available", inspector.FilterCriteria{FixAvailable: []inspector.StringFilter{eq("YES")}}, []string{curl, lodash, log4j, log4j2, mini, sudoA, sudoA, xz}},
		{"fix not available", inspector.FilterCriteria{FixAvailable: []inspector.StringFilter{ne("YES")}}, []string{port}},
		{"exploit", inspector.FilterCriteria{ExploitAvailable: []inspector.StringFilter{eq("YES")}}, []string{log4j, sudoA, sudoA}},
		{"lambda", inspector.FilterCriteria{LambdaFunctionName: []inspector.StringFilter{eq("worker")}, LambdaFunctionRuntime: []inspector.StringFilter{eq("NODEJS_18_X")},
			LambdaFunctionExecutionRoleArn: []inspector.StringFilter{pfx("arn:aws:iam::444444444444:")},
			LambdaFunctionLastModifiedAt:   []inspector.DateFilter{{StartInclusive: tm(2024, 1, 1)}}}, []string{lodash, mini}},
		{"lambda layers", inspector.FilterCriteria{LambdaFunctionLayers: []inspector.StringFilter{pfx("arn:aws:lambda:us-east-1:444444444444:layer:util")}}, []string{lodash, mini}},
		{"inspector score", inspector.FilterCriteria{InspectorScore: []inspector.NumberFilter{{LowerInclusive: f64(9.5)}}}, []string{curl, log4j, mini, xz}},
		{"inspector score range", inspector.FilterCriteria{InspectorScore: []inspector.NumberFilter{{LowerInclusive: f64(5), UpperInclusive: f64(7.9)}}}, []string{log4j2, sudoA, sudoA, lodash}},
		{"status", inspector.FilterCriteria{FindingStatus: []inspector.StringFilter{eq("CLOSED")}}, nil},
		{"first observed", inspector.FilterCriteria{FirstObservedAt: []inspector.DateFilter{{EndInclusive: tm(2020, 1, 1)}}, LastObservedAt: []inspector.DateFilter{{StartInclusive: tm(2020, 1, 1)}}}, nil},
		{"updated", inspector.FilterCriteria{UpdatedAt: []inspector.DateFilter{{StartInclusive: tm(2024, 12, 31)}}}, all},
		{"finding arn prefix", inspector.FilterCriteria{FindingArn: []inspector.StringFilter{pfx("arn:aws:inspector2:us-east-1:444444444444:finding/")}}, []string{lodash, mini, sudoA}},
		{"no data fields", inspector.FilterCriteria{EpssScore: []inspector.NumberFilter{{LowerInclusive: f64(0)}}}, nil},
		{"no data fields negated", inspector.FilterCriteria{CodeVulnerabilityDetectorName: []inspector.StringFilter{ne("x")}, AwsAccountID: []inspector.StringFilter{eq(member2)}}, []string{lodash, mini, sudoA}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			got := titles(listAll(t, w.svc, admin, region, &c))
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("titles (-want +got):\n%s", diff)
			}
		})
	}
}

func TestListFindingsSortAndPaging(t *testing.T) {
	w := listingWorld(t)
	for _, field := range inspector.SortField("").Values() {
		for _, order := range []inspector.SortOrder{inspector.SortOrderAsc, inspector.SortOrderDesc} {
			var got []inspector.Finding
			req := &inspector.ListFindingsRequest{MaxResults: 2, SortCriteria: &inspector.SortCriteria{Field: field, SortOrder: order}}
			for {
				page, err := w.svc.ListFindings(root(admin), region, req)
				if err != nil {
					t.Fatalf("%s %s: %v", field, order, err)
				}
				got = append(got, page.Findings...)
				if page.NextToken == "" {
					break
				}
				req.NextToken = page.NextToken
			}
			if len(got) != 9 {
				t.Fatalf("%s %s: %d findings", field, order, len(got))
			}
			one, err := w.svc.ListFindings(root(admin), region, &inspector.ListFindingsRequest{SortCriteria: req.SortCriteria})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(arnList(one.Findings), arnList(got)); diff != "" {
				t.Errorf("%s %s: pages differ from one page:\n%s", field, order, diff)
			}
			if field == inspector.SortFieldSeverity {
				rank := map[inspector.Severity]int{"UNTRIAGED": 0, "INFORMATIONAL": 1, "LOW": 2, "MEDIUM": 3, "HIGH": 4, "CRITICAL": 5}
				if !slices.IsSortedFunc(got, func(a, b inspector.Finding) int {
					c := rank[a.Severity] - rank[b.Severity]
					if order == inspector.SortOrderDesc {
						c = -c
					}
					return c
				}) {
					t.Errorf("not sorted by severity %s", order)
				}
			}
			if field == inspector.SortFieldAwsAccountId && order == inspector.SortOrderAsc &&
				!slices.IsSortedFunc(got, func(a, b inspector.Finding) int {
					return strings.Compare(a.AwsAccountID+a.FindingArn, b.AwsAccountID+b.FindingArn)
				}) {
				t.Errorf("account order with ties by ARN broken")
			}
		}
	}
}

func arnList(fs []inspector.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.FindingArn)
	}
	return out
}

// TestPagingIsStable: findings added and removed between pages neither
// repeat nor hide the ones that stayed.
func TestPagingIsStable(t *testing.T) {
	w := scanning(t)
	put := func(i int, pkgs ...inspector.Package) {
		_, _ = w.svc.PutEC2Instance(region, member1, inspector.EC2Instance{InstanceID: fmt.Sprintf("i-%03d", i), Platform: "DEBIAN_12", Packages: pkgs})
	}
	for i := range 20 {
		put(i, curlVuln, xzVuln)
	}
	req := &inspector.ListFindingsRequest{MaxResults: 6, FilterCriteria: &inspector.FilterCriteria{FindingStatus: []inspector.StringFilter{eq("ACTIVE")}},
		SortCriteria: &inspector.SortCriteria{Field: inspector.SortFieldVulnerabilityId, SortOrder: inspector.SortOrderAsc}}
	before := arns(listAll(t, w.svc, member1, region, req.FilterCriteria))
	seen := map[string]int{}
	for n := 0; ; n++ {
		page, err := w.svc.ListFindings(root(member1), region, req)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range page.Findings {
			seen[f.FindingArn]++
		}
		if page.NextToken == "" {
			break
		}
		req.NextToken = page.NextToken
		put(100+n, curlVuln) // new findings between pages
	}
	for _, a := range before {
		if seen[a] != 1 {
			t.Errorf("%s seen %d times", a, seen[a])
		}
	}
	// A token is bound to its filter and sort.
	req.SortCriteria.SortOrder = inspector.SortOrderDesc
	page, _ := w.svc.ListFindings(root(member1), region, &inspector.ListFindingsRequest{MaxResults: 1})
	if _, err := w.svc.ListFindings(root(member1), region, &inspector.ListFindingsRequest{NextToken: page.NextToken, MaxResults: 1,
		SortCriteria: req.SortCriteria}); err == nil {
		t.Error("a token was accepted with another sort")
	}
}
