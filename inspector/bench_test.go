package inspector_test

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

// Synthetic advisories: package "pkg-<i>" of Debian 12 is affected below
// 2.0-1; severities cycle CRITICAL, HIGH, MEDIUM, LOW, HIGH.
var benchVectors = []string{
	"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", // 9.8 CRITICAL
	"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N", // 8.1 HIGH
	"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:L", // 5.0 MEDIUM
	"CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", // 1.8 LOW
	"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", // 7.8 HIGH
}

func syntheticDB(tb testing.TB, n int) *advisory.DB {
	db := advisory.New()
	mod := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		a := &advisory.Advisory{
			ID: fmt.Sprintf("CVE-2099-%05d", i), Modified: mod, Summary: "synthetic vulnerability",
			Severity: []advisory.Severity{{Type: advisory.CVSSV3, Score: benchVectors[i%len(benchVectors)]}},
			Affected: []advisory.Affected{{
				Package: advisory.Package{Ecosystem: "Debian:12", Name: fmt.Sprintf("pkg-%05d", i)},
				Ranges:  []advisory.Range{{Type: advisory.RangeEcosystem, Events: []advisory.Event{{Introduced: "0"}, {Fixed: "2.0-1"}}}},
			}},
		}
		if err := db.Add(a); err != nil {
			tb.Fatal(err)
		}
	}
	return db
}

// packagePool returns n packages pkg-00000.. twice over, so that any run
// of up to n consecutive entries is a shared sub-slice; every vulnEvery-th
// package is installed at a vulnerable version.
func packagePool(n, vulnEvery int) []inspector.Package {
	pool := make([]inspector.Package, 2*n)
	for i := range pool {
		v := "3.0"
		if (i%n)%vulnEvery == 0 {
			v = "1.0"
		}
		pool[i] = inspector.Package{Name: fmt.Sprintf("pkg-%05d", i%n), Version: v, Release: "1", Arch: "X86_64"}
	}
	return pool
}

// The scale fixture: an organization of 1,000 accounts (the delegated
// administrator and 999 members) with 1,000 findings each: 10 instances of
// 100 vulnerable packages per account, against 2,000 advisories.
const (
	fixtureAccounts  = 1000
	fixtureInstances = 10
	fixturePackages  = 100
	fixtureAdvisory  = 2000
)

type fixture struct {
	w            *world
	admin        string
	accounts     []string
	findings     int
	bytesPerFind float64
	setup        time.Duration
}

var (
	fixtureOnce sync.Once
	theFixture  *fixture
)

func fixtureAccount(i int) string { return fmt.Sprintf("%012d", 100000000000+i) }

func scaleFixture(b *testing.B) *fixture {
	fixtureOnce.Do(func() {
		start := time.Now()
		db := syntheticDB(b, fixtureAdvisory)
		w := newWorld(db)
		pool := packagePool(fixtureAdvisory, 1)
		f := &fixture{w: w, admin: fixtureAccount(0)}
		req := inspector.LoadRequest{Region: region, OrganizationID: "o-benchmark01", DelegatedAdmin: f.admin, Shared: true}
		for i := range fixtureAccounts {
			id := fixtureAccount(i)
			f.accounts = append(f.accounts, id)
			la := inspector.LoadAccount{AccountID: id, ScanTypes: []inspector.ResourceScanType{inspector.ResourceScanTypeEc2}}
			for j := range fixtureInstances {
				off := (i*fixtureInstances + j) * 37 % fixtureAdvisory
				la.EC2Instances = append(la.EC2Instances, inspector.EC2Instance{
					InstanceID: fmt.Sprintf("i-%017x", i*fixtureInstances+j), ImageID: fmt.Sprintf("ami-%08x", j),
					Platform: "DEBIAN_12", Packages: pool[off : off+fixturePackages],
				})
			}
			req.Accounts = append(req.Accounts, la)
		}
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if err := w.svc.Load(req); err != nil {
			b.Fatal(err)
		}
		req = inspector.LoadRequest{}
		runtime.GC()
		runtime.ReadMemStats(&after)
		f.findings = fixtureAccounts * fixtureInstances * fixturePackages
		f.bytesPerFind = float64(after.HeapAlloc-before.HeapAlloc) / float64(f.findings)
		f.setup = time.Since(start)
		theFixture = f
	})
	if theFixture == nil {
		b.Fatal("fixture setup failed")
	}
	return theFixture
}

func reportFixture(b *testing.B, f *fixture) {
	b.ReportMetric(f.bytesPerFind, "heapB/finding")
	b.ReportMetric(float64(f.findings), "findings")
}

// cpuMeter reports the CPU time per operation of a benchmark loop.
type cpuMeter struct{ start time.Duration }

func startCPU() cpuMeter { return cpuMeter{cpuTime()} }

func (m cpuMeter) report(b *testing.B) {
	if b.N > 0 {
		b.ReportMetric(float64(cpuTime()-m.start)/float64(b.N), "cpu-ns/op")
	}
}

func eq(v string) inspector.StringFilter {
	return inspector.StringFilter{Comparison: inspector.StringComparisonEquals, Value: v}
}

// BenchmarkListFindings: a page of 100 CRITICAL ACTIVE findings of ten
// accounts, listed by the delegated administrator of 1,000,000 findings.
func BenchmarkListFindings(b *testing.B) {
	f := scaleFixture(b)
	crit := &inspector.FilterCriteria{
		Severity:      []inspector.StringFilter{eq("CRITICAL")},
		FindingStatus: []inspector.StringFilter{eq("ACTIVE")},
	}
	for i := 0; i < 10; i++ {
		crit.AwsAccountID = append(crit.AwsAccountID, eq(f.accounts[i*97+3]))
	}
	req := &inspector.ListFindingsRequest{MaxResults: 100, FilterCriteria: crit}
	caller := root(f.admin)
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		out, err := f.w.svc.ListFindings(caller, region, req)
		if err != nil || len(out.Findings) != 100 {
			b.Fatalf("ListFindings: %v, %d findings", err, len(out.Findings))
		}
	}
	cpu.report(b)
	reportFixture(b, f)
}

// BenchmarkListFindingsSorted: the same page sorted by inspector score.
func BenchmarkListFindingsSorted(b *testing.B) {
	f := scaleFixture(b)
	crit := &inspector.FilterCriteria{Severity: []inspector.StringFilter{eq("CRITICAL"), eq("HIGH")}}
	for i := 0; i < 10; i++ {
		crit.AwsAccountID = append(crit.AwsAccountID, eq(f.accounts[i*13+1]))
	}
	req := &inspector.ListFindingsRequest{MaxResults: 100, FilterCriteria: crit,
		SortCriteria: &inspector.SortCriteria{Field: inspector.SortFieldInspectorScore, SortOrder: inspector.SortOrderDesc}}
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		if _, err := f.w.svc.ListFindings(root(f.admin), region, req); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

// BenchmarkAccountAggregation: the ACCOUNT aggregation over 1,000 accounts.
func BenchmarkAccountAggregation(b *testing.B) {
	f := scaleFixture(b)
	req := &inspector.ListFindingAggregationsRequest{AggregationType: inspector.AggregationTypeAccount, MaxResults: 100}
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		out, err := f.w.svc.ListFindingAggregations(root(f.admin), region, req)
		if err != nil || len(out.Responses) != 100 {
			b.Fatalf("aggregation: %v", err)
		}
	}
	cpu.report(b)
}

// BenchmarkSuppressionRule: a SUPPRESS rule of the delegated administrator
// matching all 1,000,000 findings is created (applied to every finding of
// every member) and deleted again (restoring them); one iteration is both.
func BenchmarkSuppressionRule(b *testing.B) {
	f := scaleFixture(b)
	req := &inspector.CreateFilterRequest{Name: "all-ec2", Action: inspector.FilterActionSuppress,
		FilterCriteria: &inspector.FilterCriteria{ResourceType: []inspector.StringFilter{eq("AWS_EC2_INSTANCE")}}}
	caller := root(f.admin)
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		out, err := f.w.svc.CreateFilter(caller, region, req)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.w.svc.DeleteFilter(caller, region, &inspector.DeleteFilterRequest{Arn: out.Arn}); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

// BenchmarkScanEngine: 10,000 instances of 500 packages each (a tenth of
// them vulnerable) scanned against 10,000 advisories; one iteration scans
// them all.
func BenchmarkScanEngine(b *testing.B) {
	const resources, packages, advisories = 10000, 500, 10000
	db := syntheticDB(b, advisories)
	pool := packagePool(2*advisories, 20) // half the names have advisories
	for i := range pool {
		if i%(2*advisories) >= advisories {
			pool[i].Name = fmt.Sprintf("other-%05d", i%(2*advisories))
		}
	}
	insts := make([]inspector.EC2Instance, resources)
	for i := range insts {
		off := i * 131 % (2 * advisories)
		insts[i] = inspector.EC2Instance{InstanceID: fmt.Sprintf("i-%017x", i), Platform: "DEBIAN_12", Packages: pool[off : off+packages]}
	}
	sc := &inspector.Scanner{DB: db}
	b.ReportAllocs()
	matches := 0
	cpu := startCPU()
	for b.Loop() {
		matches = 0
		for i := range insts {
			matches += len(sc.ScanEC2(&insts[i]).Vulnerabilities)
		}
	}
	cpu.report(b)
	b.ReportMetric(float64(matches), "findings")
}

// BenchmarkScanService: the same 10,000 instances loaded into an account
// that scans EC2: scanned and turned into findings.
func BenchmarkScanService(b *testing.B) {
	const resources, packages, advisories = 10000, 500, 10000
	db := syntheticDB(b, advisories)
	pool := packagePool(2*advisories, 20)
	for i := range pool {
		if i%(2*advisories) >= advisories {
			pool[i].Name = fmt.Sprintf("other-%05d", i%(2*advisories))
		}
	}
	insts := make([]inspector.EC2Instance, resources)
	for i := range insts {
		off := i * 131 % (2 * advisories)
		insts[i] = inspector.EC2Instance{InstanceID: fmt.Sprintf("i-%017x", i), Platform: "DEBIAN_12", Packages: pool[off : off+packages]}
	}
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		svc := inspector.New(inspector.Config{Regions: []string{region}, Advisories: db, Rand: newSeeded(2)})
		err := svc.Load(inspector.LoadRequest{Region: region, Shared: true, Accounts: []inspector.LoadAccount{{
			AccountID: member1, ScanTypes: []inspector.ResourceScanType{inspector.ResourceScanTypeEc2}, EC2Instances: insts}}})
		if err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}
