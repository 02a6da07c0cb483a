package classic_test

import (
	"bytes"
	"sync"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
	"github.com/seed-e2e06c4d/awsaccess/inspector/classic"
)

const (
	account = "111122223333"
	other   = "444455556666"
	region  = "us-east-1"
)

var (
	root      = &authz.Principal{Type: authz.PrincipalRoot, ARN: "arn:aws:iam::" + account + ":root", Account: account, UserID: account}
	otherRoot = &authz.Principal{Type: authz.PrincipalRoot, ARN: "arn:aws:iam::" + other + ":root", Account: other, UserID: other}
	t0        = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
)

// tb is what the helpers need of *testing.T, *testing.B and *rapid.T.
type tb interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// clock is a settable clock, safe for concurrent use.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: t0} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// world is a service with a settable clock and a seeded id source.
type world struct {
	svc   *classic.Service
	clock *clock
}

func newWorld(t tb, mod func(*classic.Config)) *world {
	t.Helper()
	w := &world{clock: newClock()}
	cfg := classic.Config{
		Now:        w.clock.Now,
		Rand:       bytes.NewReader(make([]byte, 32)),
		Advisories: advisory.Default(),
	}
	if mod != nil {
		mod(&cfg)
	}
	w.svc = classic.New(cfg)
	return w
}

func cveArn() string {
	a, _ := classic.RulesPackageArn(region, classic.CVE)
	return a
}

func nrArn() string {
	a, _ := classic.RulesPackageArn(region, classic.NetworkReachability)
	return a
}

func cisArn() string {
	a, _ := classic.RulesPackageArn(region, classic.CIS)
	return a
}

// debianInstance is a Debian 12 instance with two vulnerable packages
// (curl: CVE-2023-38545, xz-utils: CVE-2024-3094) and SSH open to the
// internet.
func debianInstance(id string, tags map[string]string) classic.Instance {
	return classic.Instance{
		EC2Instance: inspector.EC2Instance{
			InstanceID: id, ImageID: "ami-0abcdef1234567890", Platform: "DEBIAN_12", Tags: tags,
			Packages: []inspector.Package{
				{Name: "curl", Version: "7.88.1", Release: "10+deb12u1"},
				{Name: "xz-utils", Version: "5.6.0", Release: "0.2"},
				{Name: "bash", Version: "5.2.15", Release: "2+b2"},
			},
			VpcID: "vpc-1", SubnetID: "subnet-1", IPV4Addresses: []string{"10.0.0.5"},
			SecurityGroups: []inspector.SecurityGroup{{ID: "sg-ssh", Ingress: []inspector.IngressRule{
				{Protocol: "tcp", FromPort: 22, ToPort: 22, CIDRs: []string{"0.0.0.0/0"}},
			}}},
			SubnetRoutesToInternet: true, InternetGatewayID: "igw-1",
		},
		Hostname: "ip-10-0-0-5.ec2.internal",
	}
}

// must returns v, and panics (failing the test) on an error.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// errOf drops an operation's output.
func errOf[T any](_ T, err error) error { return err }

func ok(t tb, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// setup creates a resource group on tag env=prod, a target and a template
// of the CVE and Network Reachability packages (duration 180 s).
func (w *world) setup(t tb) (targetArn, templateArn string) {
	t.Helper()
	g := must(w.svc.CreateResourceGroup(root, region, &classic.CreateResourceGroupInput{
		ResourceGroupTags: []classic.ResourceGroupTag{{Key: "env", Value: "prod"}}}))
	tg := must(w.svc.CreateAssessmentTarget(root, region, &classic.CreateAssessmentTargetInput{
		AssessmentTargetName: "prod", ResourceGroupArn: g.ResourceGroupArn}))
	tp := must(w.svc.CreateAssessmentTemplate(root, region, &classic.CreateAssessmentTemplateInput{
		AssessmentTargetArn: tg.AssessmentTargetArn, AssessmentTemplateName: "weekly", DurationInSeconds: 180,
		RulesPackageArns:          []string{cveArn(), nrArn()},
		UserAttributesForFindings: []classic.Attribute{{Key: "team", Value: "web"}},
	}))
	return tg.AssessmentTargetArn, tp.AssessmentTemplateArn
}

func (w *world) describeRun(t tb, arn string) classic.AssessmentRun {
	t.Helper()
	out := must(w.svc.DescribeAssessmentRuns(root, region, &classic.DescribeAssessmentRunsInput{AssessmentRunArns: []string{arn}}))
	if len(out.AssessmentRuns) != 1 {
		t.Fatalf("DescribeAssessmentRuns(%s): %+v", arn, out.FailedItems)
	}
	return out.AssessmentRuns[0]
}

// allFindings lists every finding ARN of the runs (all runs when none),
// following the pagination.
func (w *world) allFindings(t tb, f *classic.FindingFilter, runs ...string) []string {
	t.Helper()
	var out []string
	in := &classic.ListFindingsInput{AssessmentRunArns: runs, Filter: f, MaxResults: 7}
	for {
		page := must(w.svc.ListFindings(root, region, in))
		out = append(out, page.FindingArns...)
		if page.NextToken == "" {
			return out
		}
		in.NextToken = page.NextToken
	}
}
