package inspector_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"pgregory.net/rapid"
)

// aggCase is one aggregation request and the FilterCriteria whose ACTIVE
// findings its rows must count.
type aggCase struct {
	typ inspector.AggregationType
	req *inspector.AggregationRequest
	// group returns, for one output row, the criteria selecting its
	// findings.
	group func(r inspector.AggregationResponse) (*inspector.FilterCriteria, *inspector.SeverityCounts)
}

func active(c *inspector.FilterCriteria) *inspector.FilterCriteria {
	c.FindingStatus = []inspector.StringFilter{eq("ACTIVE")}
	return c
}

func pkgName(n string) []inspector.PackageFilter {
	return []inspector.PackageFilter{{Name: &inspector.StringFilter{Comparison: inspector.StringComparisonEquals, Value: n}}}
}

var aggCases = []aggCase{
	{inspector.AggregationTypeAccount, nil, func(r inspector.AggregationResponse) (*inspector.FilterCriteria, *inspector.SeverityCounts) {
		a := r.AccountAggregation
		return active(&inspector.FilterCriteria{AwsAccountID: []inspector.StringFilter{eq(a.AccountID)}}), a.SeverityCounts
	}},
	{inspector.AggregationTypeFindingType, &inspector.AggregationRequest{FindingTypeAggregation: &inspector.FindingTypeAggregation{FindingType: "PACKAGE_VULNERABILITY"}},
		func(r inspector.AggregationResponse) (*inspector.FilterCriteria, *inspector.SeverityCounts) {
			a := r.FindingTypeAggregation
			return active(&inspector.FilterCriteria{AwsAccountID: []inspector.StringFilter{eq(a.AccountID)},
				FindingType: []inspector.StringFilter{eq("PACKAGE_VULNERABILITY")}}), a.SeverityCounts
		}},
	{inspector.AggregationTypeAmi, nil, func(r inspector.AggregationResponse) (*inspector.FilterCriteria, *inspector.SeverityCounts) {
		a := r.AmiAggregation
		return active(&inspector.FilterCriteria{AwsAccountID: []inspector.StringFilter{eq(a.AccountID)},
			Ec2InstanceImageID: []inspector.StringFilter{eq(a.Ami)}}), a.SeverityCounts
	}},
	{inspector.AggregationTypeAwsEc2Instance, nil, func(r inspector.AggregationResponse) (*inspector.FilterCriteria, *inspector.SeverityCounts) {
		a := r.Ec2InstanceAggregation
		return active(&inspector.FilterCriteria{ResourceID: []inspector.StringFilter{eq(a.InstanceID)}}), a.SeverityCounts
	}},
	{inspector.AggregationTypeAwsEcrContainer, nil, func(r inspector.AggregationResponse) (*inspector.FilterCriteria, *inspector.SeverityCounts) {
		a := r.AwsEcrContainerAggregation
		return active(&inspector.FilterCriteria{ResourceID: []inspector.StringFilter{eq(a.ResourceID)}}), a.SeverityCounts
	}},
	{inspector.AggregationTypeImageLayer, nil, func(r inspector.AggregationResponse) (*inspector.FilterCriteria, *inspector.SeverityCounts) {
		a := r.ImageLayerAggregation
		return active(&inspector.FilterCriteria{ResourceID: []inspector.StringFilter{eq(a.ResourceID)},
			VulnerablePackages: []inspector.PackageFilter{{SourceLayerHash: &inspector.StringFilter{Comparison: inspector.StringComparisonEquals, Value: a.LayerHash}}}}), a.SeverityCounts
	}},
	{inspector.AggregationTypePackage, nil, func(r inspector.AggregationResponse) (*inspector.FilterCriteria, *inspector.SeverityCounts) {
		a := r.PackageAggregation
		return active(&inspector.FilterCriteria{VulnerablePackages: pkgName(a.PackageName)}), a.SeverityCounts
	}},
	{inspector.AggregationTypeRepository, nil, func(r inspector.AggregationResponse) (*inspector.FilterCriteria, *inspector.SeverityCounts) {
		a := r.RepositoryAggregation
		return active(&inspector.FilterCriteria{AwsAccountID: []inspector.StringFilter{eq(a.AccountID)},
			EcrImageRepositoryName: []inspector.StringFilter{eq(a.Repository)}}), a.SeverityCounts
	}},
	{inspector.AggregationTypeTitle, nil, func(r inspector.AggregationResponse) (*inspector.FilterCriteria, *inspector.SeverityCounts) {
		a := r.TitleAggregation
		return active(&inspector.FilterCriteria{Title: []inspector.StringFilter{eq(a.Title)}}), a.SeverityCounts
	}},
	{inspector.AggregationTypeAwsLambdaFunction, nil, func(r inspector.AggregationResponse) (*inspector.FilterCriteria, *inspector.SeverityCounts) {
		a := r.LambdaFunctionAggregation
		return active(&inspector.FilterCriteria{ResourceID: []inspector.StringFilter{eq(a.ResourceID)}}), a.SeverityCounts
	}},
	{inspector.AggregationTypeLambdaLayer, nil, func(r inspector.AggregationResponse) (*inspector.FilterCriteria, *inspector.SeverityCounts) {
		a := r.LambdaLayerAggregation
		return active(&inspector.FilterCriteria{ResourceID: []inspector.StringFilter{eq(a.ResourceID)},
			VulnerablePackages: []inspector.PackageFilter{{SourceLambdaLayerArn: &inspector.StringFilter{Comparison: inspector.StringComparisonEquals, Value: a.LayerArn}}}}), a.SeverityCounts
	}},
	{inspector.AggregationTypeCodeRepository, nil, nil},
}

func countsOf(fs []inspector.Finding) *inspector.SeverityCounts {
	c := &inspector.SeverityCounts{All: int64(len(fs))}
	for _, f := range fs {
		switch f.Severity {
		case inspector.SeverityCritical:
			c.Critical++
		case inspector.SeverityHigh:
			c.High++
		case inspector.SeverityMedium:
			c.Medium++
		}
	}
	return c
}

// checkAggregations: every row of every aggregation type counts exactly
// the ACTIVE findings ListFindings returns for the row's criteria, and the
// rows of the one-group-per-finding types add up to all ACTIVE findings of
// their kind.
func checkAggregations(t interface {
	Fatalf(string, ...any)
	Errorf(string, ...any)
}, w *world, caller string) {
	totalActive := int64(len(listAll(t, w.svc, caller, region, active(&inspector.FilterCriteria{}))))
	for _, tc := range aggCases {
		var rows []inspector.AggregationResponse
		req := &inspector.ListFindingAggregationsRequest{AggregationType: tc.typ, AggregationRequest: tc.req, MaxResults: 3}
		for {
			out, err := w.svc.ListFindingAggregations(root(caller), region, req)
			if err != nil {
				t.Fatalf("%s: %v", tc.typ, err)
			}
			if out.AggregationType != tc.typ {
				t.Fatalf("%s: response type %s", tc.typ, out.AggregationType)
			}
			rows = append(rows, out.Responses...)
			if out.NextToken == "" {
				break
			}
			req.NextToken = out.NextToken
		}
		if tc.group == nil {
			if len(rows) != 0 {
				t.Errorf("%s: rows without data: %v", tc.typ, rows)
			}
			continue
		}
		sum := int64(0)
		for _, row := range rows {
			c, got := tc.group(row)
			if want := countsOf(listAll(t, w.svc, caller, region, c)); !cmp.Equal(want, got) {
				t.Errorf("%s row %+v: counts %+v, ListFindings %+v", tc.typ, c, got, want)
			}
			sum += got.All
		}
		if tc.typ == inspector.AggregationTypeAccount && sum != totalActive {
			t.Errorf("ACCOUNT rows sum to %d, ACTIVE findings %d", sum, totalActive)
		}
	}
}

func TestAggregationsMatchListFindings(t *testing.T) {
	w := listingWorld(t)
	// Suppress some, so that ACTIVE is not everything.
	if _, err := w.svc.CreateFilter(root(admin), region, &inspector.CreateFilterRequest{Name: "x", Action: inspector.FilterActionSuppress,
		FilterCriteria: &inspector.FilterCriteria{VulnerabilityID: []inspector.StringFilter{eq("CVE-2021-45105")}}}); err != nil {
		t.Fatal(err)
	}
	for _, caller := range []string{admin, member1, member2} {
		checkAggregations(t, w, caller)
	}
	out, err := w.svc.ListFindingAggregations(root(admin), region, &inspector.ListFindingAggregationsRequest{AggregationType: inspector.AggregationTypeAwsEc2Instance,
		AggregationRequest: &inspector.AggregationRequest{Ec2InstanceAggregation: &inspector.Ec2InstanceAggregation{SortBy: inspector.Ec2InstanceSortByNetworkFindings,
			OperatingSystems: []inspector.StringFilter{eq("DEBIAN_12")}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Responses) != 1 || out.Responses[0].Ec2InstanceAggregation.NetworkFindings != 1 || out.Responses[0].Ec2InstanceAggregation.InstanceID != "i-a" {
		t.Errorf("EC2 aggregation: %+v", out.Responses)
	}
	repo, _ := w.svc.ListFindingAggregations(root(admin), region, &inspector.ListFindingAggregationsRequest{AggregationType: inspector.AggregationTypeRepository})
	if r := repo.Responses[0].RepositoryAggregation; r.AffectedImages != 1 || r.Repository != "api" {
		t.Errorf("repository aggregation: %+v", r)
	}
}

// TestAggregationProperty: random organizations, random suppression.
func TestAggregationProperty(t *testing.T) {
	rapid.Check(t, aggregationProperty)
}

func FuzzAggregationProperty(f *testing.F) {
	f.Fuzz(rapid.MakeFuzz(aggregationProperty))
}

func aggregationProperty(t *rapid.T) {
	w := newWorld(nil)
	pkgs := []inspector.Package{curlVuln, curlFixed, xzVuln, openssl, lodash,
		{Name: "org.apache.logging.log4j:log4j-core", Version: "2.14.1", PackageManager: inspector.PackageManagerJar},
		{Name: "requests", Version: "2.30.0", PackageManager: inspector.PackageManagerPip}}
	pickPkgs := rapid.SliceOfN(rapid.SampledFrom(pkgs), 0, 4)
	all := []inspector.ResourceScanType{inspector.ResourceScanTypeEc2, inspector.ResourceScanTypeEcr, inspector.ResourceScanTypeLambda}
	req := inspector.LoadRequest{Region: region, OrganizationID: orgID, DelegatedAdmin: admin}
	n := 0
	for _, a := range []string{admin, member1, member2} {
		la := inspector.LoadAccount{AccountID: a, ScanTypes: all}
		for range rapid.IntRange(0, 2).Draw(t, "instances") {
			n++
			la.EC2Instances = append(la.EC2Instances, inspector.EC2Instance{InstanceID: fmt.Sprintf("i-%04d", n),
				ImageID: rapid.SampledFrom([]string{"ami-11111111", "ami-22222222"}).Draw(t, "ami"), Platform: "DEBIAN_12",
				Packages: pickPkgs.Draw(t, "packages"), SubnetRoutesToInternet: rapid.Bool().Draw(t, "public"),
				SecurityGroups: []inspector.SecurityGroup{{ID: "sg-1", Ingress: []inspector.IngressRule{{Protocol: "tcp",
					FromPort: rapid.SampledFrom([]int{22, 80, 8000}).Draw(t, "port"), ToPort: 8000, CIDRs: []string{"0.0.0.0/0"}}}}}})
		}
		for range rapid.IntRange(0, 2).Draw(t, "images") {
			n++
			la.ECRImages = append(la.ECRImages, inspector.ECRImage{RepositoryName: rapid.SampledFrom([]string{"a", "b"}).Draw(t, "repo"),
				Digest: digest(n), Platform: "DEBIAN_12", PushedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
				Layers: []inspector.Layer{{Digest: digest(1000 + n%3), Packages: pickPkgs.Draw(t, "l1")}, {Digest: digest(2000 + n%2), Packages: pickPkgs.Draw(t, "l2")}}})
		}
		for range rapid.IntRange(0, 1).Draw(t, "functions") {
			n++
			la.LambdaFunctions = append(la.LambdaFunctions, inspector.LambdaFunction{FunctionName: fmt.Sprintf("fn%d", n), Runtime: inspector.RuntimeNodejs18X,
				Packages: pickPkgs.Draw(t, "code"),
				Layers:   []inspector.LambdaLayer{{Arn: fmt.Sprintf("arn:aws:lambda:us-east-1:%s:layer:l:%d", a, n%2), Packages: pickPkgs.Draw(t, "layer")}}})
		}
		req.Accounts = append(req.Accounts, la)
	}
	if err := w.svc.Load(req); err != nil {
		t.Fatal(err)
	}
	for range rapid.IntRange(0, 2).Draw(t, "rules") {
		c := rapid.SampledFrom(ruleCriteria).Draw(t, "criteria")
		if _, err := w.svc.CreateFilter(root(admin), region, &inspector.CreateFilterRequest{Name: "r", Action: inspector.FilterActionSuppress, FilterCriteria: c}); err != nil {
			t.Fatal(err)
		}
	}
	checkAggregations(t, w, rapid.SampledFrom([]string{admin, member1, member2}).Draw(t, "caller"))
}
