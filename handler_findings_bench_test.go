package awsaccess_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/seed-e2e06c4d/awsaccess"
	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

// The findings fixture: a Cloud whose organization has a management
// account and 1,000 member accounts, the first of them Inspector's
// delegated administrator, each member with 10 EC2 instances of 100
// vulnerable packages in us-east-1 against 2,000 synthetic advisories
// (severities cycle CRITICAL, HIGH, MEDIUM, LOW, HIGH): 1,000,000 findings,
// loaded through inspector's bulk loader. It is built once per process, in
// about two seconds on two idle cores (reported as setup-s).
const (
	ffAccounts  = 1000
	ffPackages  = 100
	ffAdvisory  = 2000
	ffRegion    = "us-east-1"
	ffPageSize  = 100
	ffFilterAcc = 10
)

var ffVectors = []string{
	"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", // 9.8 CRITICAL
	"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N", // 8.1 HIGH
	"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:L", // 5.0 MEDIUM
	"CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", // 1.8 LOW
	"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", // 7.8 HIGH
}

type findingsFixture struct {
	cloud    *awsaccess.Cloud
	now      time.Time
	admin    *authz.Principal
	creds    sigv4.Credentials
	accounts []string
	findings int
	setup    time.Duration
	req      *inspector.ListFindingsRequest
	body     []byte
}

var (
	ffOnce    sync.Once
	ffFixture *findingsFixture
	ffErr     error
)

func ffAccount(i int) string { return fmt.Sprintf("%012d", 200000000000+i) }

func findingsFixtureFor(b *testing.B) *findingsFixture {
	b.Helper()
	ffOnce.Do(func() { ffFixture, ffErr = buildFindingsFixture(10) })
	if ffErr != nil {
		b.Fatal(ffErr)
	}
	return ffFixture
}

func buildFindingsFixture(instances int) (*findingsFixture, error) {
	start := time.Now()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	db := advisory.New()
	mod := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range ffAdvisory {
		a := &advisory.Advisory{
			ID: fmt.Sprintf("CVE-2099-%05d", i), Modified: mod, Summary: "synthetic vulnerability",
			Severity: []advisory.Severity{{Type: advisory.CVSSV3, Score: ffVectors[i%len(ffVectors)]}},
			Affected: []advisory.Affected{{
				Package: advisory.Package{Ecosystem: "Debian:12", Name: fmt.Sprintf("pkg-%05d", i)},
				Ranges:  []advisory.Range{{Type: advisory.RangeEcosystem, Events: []advisory.Event{{Introduced: "0"}, {Fixed: "2.0-1"}}}},
			}},
		}
		if err := db.Add(a); err != nil {
			return nil, err
		}
	}
	cloud := awsaccess.New(awsaccess.Config{
		Now: func() time.Time { return now }, Seed: 7, Regions: []string{ffRegion},
		Advisories: db, MaxAccounts: ffAccounts + 1, PasswordHashIterations: 1,
	})
	mgmt := ffAccount(999)
	world := awsaccess.World{
		Accounts:     []awsaccess.WorldAccount{{ID: mgmt, Email: "mgmt@example.com", Name: "management"}},
		Organization: &awsaccess.WorldOrganization{Management: mgmt},
	}
	f := &findingsFixture{cloud: cloud, now: now}
	for i := range ffAccounts {
		id := ffAccount(1000 + i)
		f.accounts = append(f.accounts, id)
		world.Accounts = append(world.Accounts, awsaccess.WorldAccount{
			ID: id, Email: fmt.Sprintf("member-%d@example.com", i), Name: fmt.Sprintf("member-%d", i), RootAccessKey: i == 0,
		})
		world.Organization.Members = append(world.Organization.Members, id)
	}
	keys, err := cloud.Apply(world)
	if err != nil {
		return nil, err
	}
	admin := f.accounts[0]
	f.creds = sigv4.Credentials{AccessKeyID: keys[0].AccessKeyID, SecretAccessKey: keys[0].SecretAccessKey}
	if f.admin, err = cloud.Caller(f.creds.AccessKeyID); err != nil {
		return nil, err
	}
	mgmtAcct, err := cloud.IAM().Account(mgmt)
	if err != nil {
		return nil, err
	}
	mgmtRoot := mgmtAcct.Root()
	o := cloud.Organizations()
	if err := o.EnableAWSServiceAccess(&mgmtRoot, "inspector2.amazonaws.com"); err != nil {
		return nil, err
	}
	if err := o.RegisterDelegatedAdministrator(&mgmtRoot, admin, "inspector2.amazonaws.com"); err != nil {
		return nil, err
	}
	desc, err := o.DescribeOrganization(&mgmtRoot)
	if err != nil {
		return nil, err
	}

	// Packages pkg-00000.. twice over, every one at a vulnerable version,
	// so that any run of ffPackages is a shared sub-slice.
	pool := make([]inspector.Package, 2*ffAdvisory)
	for i := range pool {
		pool[i] = inspector.Package{Name: fmt.Sprintf("pkg-%05d", i%ffAdvisory), Version: "1.0", Release: "1", Arch: "X86_64"}
	}
	load := inspector.LoadRequest{Region: ffRegion, OrganizationID: desc.Organization.Id, DelegatedAdmin: admin, Shared: true}
	for i, id := range f.accounts {
		la := inspector.LoadAccount{AccountID: id, ScanTypes: []inspector.ResourceScanType{inspector.ResourceScanTypeEc2}}
		for j := range instances {
			off := (i*10 + j) * 37 % ffAdvisory
			la.EC2Instances = append(la.EC2Instances, inspector.EC2Instance{
				InstanceID: fmt.Sprintf("i-%017x", i*10+j), ImageID: fmt.Sprintf("ami-%08x", j),
				Platform: "DEBIAN_12", Packages: pool[off : off+ffPackages],
			})
		}
		load.Accounts = append(load.Accounts, la)
	}
	if err := cloud.Inspector().Load(load); err != nil {
		return nil, err
	}
	f.findings = ffAccounts * instances * ffPackages

	eq := func(v string) inspector.StringFilter {
		return inspector.StringFilter{Comparison: inspector.StringComparisonEquals, Value: v}
	}
	crit := &inspector.FilterCriteria{
		Severity:      []inspector.StringFilter{eq("CRITICAL")},
		FindingStatus: []inspector.StringFilter{eq("ACTIVE")},
	}
	for i := range ffFilterAcc {
		crit.AwsAccountID = append(crit.AwsAccountID, eq(f.accounts[i*97+3]))
	}
	f.req = &inspector.ListFindingsRequest{MaxResults: ffPageSize, FilterCriteria: crit}
	if f.body, err = json.Marshal(f.req); err != nil {
		return nil, err
	}
	f.setup = time.Since(start)
	runtime.GC() // the garbage of the setup is not the calls' to collect
	return f, nil
}

// signedListFindings returns the ListFindings request of the fixture,
// signed by the delegated administrator's root access key.
func (f *findingsFixture) signedListFindings(b *testing.B) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "https://inspector2."+ffRegion+".amazonaws.com/findings/list", bytes.NewReader(f.body))
	r.Header.Set("Content-Type", "application/json")
	var s sigv4.Signer
	if err := s.Sign(r, f.creds, "", "inspector2", ffRegion, f.now, nil); err != nil {
		b.Fatal(err)
	}
	return r
}

// serve sends a copy of the signed request through the handler.
func (f *findingsFixture) serve(h http.Handler, signed *http.Request) *httptest.ResponseRecorder {
	r := signed.Clone(signed.Context())
	r.Body = nopCloser{bytes.NewReader(f.body)}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

func reportFindingsFixture(b *testing.B, f *findingsFixture) {
	b.ReportMetric(float64(f.findings), "findings")
	b.ReportMetric(f.setup.Seconds(), "setup-s")
}

// libraryListFindings times one library ListFindings page of the fixture.
func libraryListFindings(b *testing.B, f *findingsFixture) {
	out, err := f.cloud.Inspector().ListFindings(f.admin, ffRegion, f.req)
	if err != nil || len(out.Findings) != ffPageSize {
		b.Fatalf("ListFindings: %v, %d findings", err, len(out.Findings))
	}
}

// BenchmarkFindingsLibrary: a page of 100 CRITICAL ACTIVE findings of ten
// accounts, listed by the delegated administrator through
// cloud.Inspector().ListFindings.
func BenchmarkFindingsLibrary(b *testing.B) {
	f := findingsFixtureFor(b)
	b.ReportAllocs()
	for b.Loop() {
		libraryListFindings(b, f)
	}
	reportFindingsFixture(b, f)
}

// BenchmarkFindingsHandler: the same call signed with SigV4 and served by
// cloud.Handler() (verification, IAM authorization, decoding, binding,
// ListFindings, encoding, audit), recorded without a network.
func BenchmarkFindingsHandler(b *testing.B) {
	f := findingsFixtureFor(b)
	h := f.cloud.Handler()
	signed := f.signedListFindings(b)
	if w := f.serve(h, signed); w.Code != http.StatusOK {
		b.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	b.ReportAllocs()
	for b.Loop() {
		if w := f.serve(h, signed); w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
	reportFindingsFixture(b, f)
}

// BenchmarkFindingsHandlerRatio times the library call and the handler
// call alternately on the same fixture and reports each one's ns/op and
// the ratio handler/library, which must stay at most 2.
func BenchmarkFindingsHandlerRatio(b *testing.B) {
	f := findingsFixtureFor(b)
	h := f.cloud.Handler()
	signed := f.signedListFindings(b)
	// One call of each first: the handler compiles its encoders on first use.
	libraryListFindings(b, f)
	if w := f.serve(h, signed); w.Code != http.StatusOK {
		b.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	var lib, handler time.Duration
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		t0 := time.Now()
		libraryListFindings(b, f)
		t1 := time.Now()
		if w := f.serve(h, signed); w.Code != http.StatusOK {
			b.Fatalf("status %d: %s", w.Code, w.Body.String())
		}
		handler += time.Since(t1)
		lib += t1.Sub(t0)
		n++
	}
	ratio := float64(handler) / float64(lib)
	b.ReportMetric(float64(lib.Nanoseconds())/float64(n), "library-ns/op")
	b.ReportMetric(float64(handler.Nanoseconds())/float64(n), "handler-ns/op")
	b.ReportMetric(ratio, "handler/library")
	reportFindingsFixture(b, f)
	if n >= 20 && ratio > 2 {
		b.Errorf("the handler takes %.2fx the library call; want at most 2x", ratio)
	}
}
