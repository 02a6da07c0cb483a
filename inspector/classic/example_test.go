package classic_test

import (
	"bytes"
	"fmt"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
	"github.com/seed-e2e06c4d/awsaccess/inspector/classic"
)

// An assessment of the EC2 instances tagged env=prod: a resource group, a
// target, a template of the CVE and Network Reachability rules packages,
// a run that advances with the clock, and its findings.
func Example() {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	svc := classic.New(classic.Config{
		Now:        func() time.Time { return now },
		Rand:       bytes.NewReader(make([]byte, 32)),
		Advisories: advisory.Default(),
	})
	caller := &authz.Principal{Type: authz.PrincipalRoot, ARN: "arn:aws:iam::111122223333:root", Account: "111122223333"}
	const region = "us-east-1"

	_ = svc.PutInstance(region, "111122223333", classic.Instance{
		EC2Instance: inspector.EC2Instance{
			InstanceID: "i-0123456789abcdef0", Platform: "DEBIAN_12", Tags: map[string]string{"env": "prod"},
			Packages: []inspector.Package{{Name: "curl", Version: "7.88.1", Release: "10+deb12u1"}},
			SecurityGroups: []inspector.SecurityGroup{{ID: "sg-1", Ingress: []inspector.IngressRule{
				{Protocol: "tcp", FromPort: 22, ToPort: 22, CIDRs: []string{"0.0.0.0/0"}}}}},
			SubnetRoutesToInternet: true,
		},
	})
	group, _ := svc.CreateResourceGroup(caller, region, &classic.CreateResourceGroupInput{
		ResourceGroupTags: []classic.ResourceGroupTag{{Key: "env", Value: "prod"}}})
	target, _ := svc.CreateAssessmentTarget(caller, region, &classic.CreateAssessmentTargetInput{
		AssessmentTargetName: "prod", ResourceGroupArn: group.ResourceGroupArn})
	cve, _ := classic.RulesPackageArn(region, classic.CVE)
	nr, _ := classic.RulesPackageArn(region, classic.NetworkReachability)
	tmpl, _ := svc.CreateAssessmentTemplate(caller, region, &classic.CreateAssessmentTemplateInput{
		AssessmentTargetArn: target.AssessmentTargetArn, AssessmentTemplateName: "hourly",
		DurationInSeconds: 3600, RulesPackageArns: []string{cve, nr}})
	run, _ := svc.StartAssessmentRun(caller, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: tmpl.AssessmentTemplateArn})

	describe := func() classic.AssessmentRun {
		out, _ := svc.DescribeAssessmentRuns(caller, region, &classic.DescribeAssessmentRunsInput{AssessmentRunArns: []string{run.AssessmentRunArn}})
		return out.AssessmentRuns[0]
	}
	fmt.Println(describe().State)
	now = now.Add(30 * time.Minute)
	fmt.Println(describe().State)
	now = now.Add(time.Hour)
	r := describe()
	fmt.Println(r.State, r.FindingCounts[classic.SeverityHigh], r.FindingCounts[classic.SeverityMedium], r.FindingCounts[classic.SeverityInformational])

	list, _ := svc.ListFindings(caller, region, &classic.ListFindingsInput{AssessmentRunArns: []string{run.AssessmentRunArn}})
	found, _ := svc.DescribeFindings(caller, region, &classic.DescribeFindingsInput{FindingArns: list.FindingArns})
	for _, f := range found.Findings {
		fmt.Printf("%-13s %s\n", f.Severity, f.Title)
	}
	// Output:
	// CREATED
	// COLLECTING_DATA
	// COMPLETED 1 1 1
	// High          Instance i-0123456789abcdef0 is vulnerable to CVE-2023-38545
	// Medium        On instance i-0123456789abcdef0, TCP port 22, which is associated with 'SSH', is reachable from the internet
	// Informational On instance i-0123456789abcdef0, ports are reachable from the internet
}

// Errors carry the AWS code, the errorCode member and a sentinel.
func ExampleError() {
	svc := classic.New(classic.Config{})
	caller := &authz.Principal{Type: authz.PrincipalRoot, Account: "111122223333"}
	_, err := svc.CreateAssessmentTemplate(caller, "us-east-1", &classic.CreateAssessmentTemplateInput{
		AssessmentTargetArn:    "arn:aws:inspector:us-east-1:111122223333:target/0-nvgVhaxX",
		AssessmentTemplateName: "t", DurationInSeconds: 60,
		RulesPackageArns: []string{"arn:aws:inspector:us-east-1:316112463485:rulespackage/0-gEjTy7T7"},
	})
	e := err.(*classic.Error)
	fmt.Println(e.Code, e.ErrorCode_, e.CanRetry, e.Status)
	// Output:
	// InvalidInputException INVALID_ASSESSMENT_TEMPLATE_DURATION false 400
}

// The rules packages of a region.
func ExampleRulesPackageArn() {
	for _, k := range []classic.RulesPackageKind{classic.CVE, classic.CIS, classic.NetworkReachability, classic.SecurityBestPractices} {
		arn, _ := classic.RulesPackageArn("eu-west-1", k)
		fmt.Println(k, arn)
	}
	// Output:
	// Common Vulnerabilities and Exposures arn:aws:inspector:eu-west-1:357557129151:rulespackage/0-ubA5XvBh
	// CIS Operating System Security Configuration Benchmarks arn:aws:inspector:eu-west-1:357557129151:rulespackage/0-sJBhCr0F
	// Network Reachability arn:aws:inspector:eu-west-1:357557129151:rulespackage/0-SPzU33xe
	// Security Best Practices arn:aws:inspector:eu-west-1:357557129151:rulespackage/0-SnojL3Z6
}

// A snapshot restored into a new Service: both go on alike, drawing the
// same ids.
func ExampleService_Snapshot() {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	cfg := classic.Config{Now: func() time.Time { return now }, Rand: bytes.NewReader(make([]byte, 32))}
	caller := &authz.Principal{Type: authz.PrincipalRoot, ARN: "arn:aws:iam::111122223333:root", Account: "111122223333"}
	const region = "us-east-1"

	a := classic.New(cfg)
	_, _ = a.CreateAssessmentTarget(caller, region, &classic.CreateAssessmentTargetInput{AssessmentTargetName: "all"})
	data, err := a.Snapshot()
	if err != nil {
		panic(err)
	}
	cfg.Rand = bytes.NewReader(make([]byte, 32))
	b := classic.New(cfg)
	if err := b.Restore(data); err != nil {
		panic(err)
	}
	for _, svc := range []*classic.Service{a, b} {
		out, _ := svc.CreateAssessmentTarget(caller, region, &classic.CreateAssessmentTargetInput{AssessmentTargetName: "next"})
		list, _ := svc.ListAssessmentTargets(caller, region, nil)
		fmt.Println(out.AssessmentTargetArn, len(list.AssessmentTargetArns))
	}
	fmt.Println(b.Restore([]byte(`{"version":2}`)))
	// Output:
	// arn:aws:inspector:us-east-1:111122223333:target/0-4RfaY0QO 2
	// arn:aws:inspector:us-east-1:111122223333:target/0-4RfaY0QO 2
	// classic: restore: invalid snapshot: version 2 is not supported (want 1)
}
