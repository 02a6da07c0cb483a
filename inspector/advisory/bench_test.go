package advisory_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

// The synthetic feed: 10,000 advisories over 12 ecosystems, 300 package
// names per ecosystem (3,600 packages, about 2.8 advisories each), 1 to 3
// ranges per affected entry, distribution entries scoped to a release.
const (
	benchAdvisories = 10_000
	benchNames      = 300
)

type benchEco struct {
	eco      advisory.Ecosystem // as the scanner queries it
	entry    advisory.Ecosystem // as the advisories name it
	rangeTyp advisory.RangeType
	version  func(major, minor, patch int) string
}

var benchEcos = []benchEco{
	{"Debian:12", "Debian:12", advisory.RangeEcosystem, func(a, b, c int) string { return fmt.Sprintf("%d.%d.%d-1+deb12u%d", a, b, c, c%3) }},
	{"Ubuntu:22.04:LTS", "Ubuntu:22.04:LTS", advisory.RangeEcosystem, func(a, b, c int) string { return fmt.Sprintf("%d.%d.%d-0ubuntu0.22.04.%d", a, b, c, c%4) }},
	{"Alpine:v3.19", "Alpine:v3.19", advisory.RangeEcosystem, func(a, b, c int) string { return fmt.Sprintf("%d.%d.%d-r%d", a, b, c, c%5) }},
	{"Red Hat:enterprise_linux:8::baseos", "Red Hat:enterprise_linux:8::baseos", advisory.RangeEcosystem, func(a, b, c int) string { return fmt.Sprintf("%d.%d.%d-%d.el8_%d", a, b, c, c+1, b%10) }},
	{"AlmaLinux:9", "AlmaLinux:9", advisory.RangeEcosystem, func(a, b, c int) string { return fmt.Sprintf("%d.%d.%d-%d.el9", a, b, c, c+1) }},
	{"Rocky Linux:9", "Rocky Linux:9", advisory.RangeEcosystem, func(a, b, c int) string { return fmt.Sprintf("%d.%d.%d-%d.el9", a, b, c, c+1) }},
	{"Amazon Linux:2023", "Amazon Linux:2023", advisory.RangeEcosystem, func(a, b, c int) string { return fmt.Sprintf("%d.%d.%d-%d.amzn2023.0.%d", a, b, c, c+1, c%3) }},
	{"npm", "npm", advisory.RangeSemver, func(a, b, c int) string { return fmt.Sprintf("%d.%d.%d", a, b, c) }},
	{"crates.io", "crates.io", advisory.RangeSemver, func(a, b, c int) string { return fmt.Sprintf("%d.%d.%d", a, b, c) }},
	{"Go", "Go", advisory.RangeSemver, func(a, b, c int) string { return fmt.Sprintf("%d.%d.%d", a, b, c) }},
	{"PyPI", "PyPI", advisory.RangeEcosystem, func(a, b, c int) string { return fmt.Sprintf("%d.%d.%d", a, b, c) }},
	{"Maven", "Maven", advisory.RangeEcosystem, func(a, b, c int) string { return fmt.Sprintf("%d.%d.%d", a, b, c) }},
}

func benchName(eco advisory.Ecosystem, i int) string {
	switch eco.Base() {
	case advisory.Maven:
		return fmt.Sprintf("org.example%d:artifact-%d", i%7, i)
	case advisory.Go:
		return fmt.Sprintf("github.com/example%d/module-%d", i%7, i)
	}
	return fmt.Sprintf("package-%d", i)
}

var benchAdvisoryList = sync.OnceValue(func() []*advisory.Advisory {
	rng := rand.New(rand.NewPCG(1, 2))
	advs := make([]*advisory.Advisory, 0, benchAdvisories)
	modified := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range benchAdvisories {
		be := benchEcos[i%len(benchEcos)]
		a := &advisory.Advisory{ID: fmt.Sprintf("SYN-%05d", i), Modified: modified}
		af := advisory.Affected{Package: advisory.Package{Ecosystem: be.entry, Name: benchName(be.eco, rng.IntN(benchNames))}}
		// 1 to 3 disjoint intervals [major.x.y, major.x.(y+d)) on
		// increasing majors, the first sometimes from the beginning.
		n := 1 + rng.IntN(3)
		major := 1
		for r := range n {
			minor, patch := rng.IntN(10), rng.IntN(10)
			intro := be.version(major, minor, patch)
			if r == 0 && rng.IntN(3) == 0 {
				intro = "0"
			}
			af.Ranges = append(af.Ranges, advisory.Range{Type: be.rangeTyp, Events: []advisory.Event{
				{Introduced: intro}, {Fixed: be.version(major, minor, patch+1+rng.IntN(5))},
			}})
			major += 1 + rng.IntN(2)
		}
		a.Affected = []advisory.Affected{af}
		advs = append(advs, a)
	}
	return advs
})

func loadBenchDB(opts ...advisory.Option) *advisory.DB {
	db := advisory.New(opts...)
	for _, a := range benchAdvisoryList() {
		if err := db.Add(a); err != nil {
			panic(err)
		}
	}
	return db
}

// benchDB has the match cache disabled, so every lookup is cold.
var benchDB = sync.OnceValue(func() *advisory.DB { return loadBenchDB(advisory.WithMatchCache(0)) })

// benchCachedDB has the default match cache.
var benchCachedDB = sync.OnceValue(func() *advisory.DB { return loadBenchDB() })

type benchPkg struct {
	eco           advisory.Ecosystem
	name, version string
}

// benchImage returns 500 installed packages of one image variant: 250 with
// names the feed knows (at versions that are sometimes affected) and 250 it
// does not.
func benchImage(variant uint64) []benchPkg {
	rng := rand.New(rand.NewPCG(3, variant))
	pkgs := make([]benchPkg, 0, 500)
	for i := range 500 {
		be := benchEcos[rng.IntN(len(benchEcos))]
		name := benchName(be.eco, rng.IntN(benchNames))
		if i%2 == 1 {
			name = fmt.Sprintf("unknown-%d", i)
		}
		pkgs = append(pkgs, benchPkg{be.eco, name, be.version(1+rng.IntN(3), rng.IntN(10), rng.IntN(12))})
	}
	return pkgs
}

// benchHit finds, per ecosystem, a package and version with at least one
// match.
func benchHit(b *testing.B, db *advisory.DB, be benchEco) benchPkg {
	for i := range benchNames {
		name := benchName(be.eco, i)
		for major := 1; major <= 3; major++ {
			for minor := range 10 {
				v := be.version(major, minor, 2)
				if len(db.Match(be.eco, name, v)) > 0 {
					return benchPkg{be.eco, name, v}
				}
			}
		}
	}
	b.Fatalf("no hit for %s", be.eco)
	return benchPkg{}
}

// BenchmarkMatch looks up one package of each ecosystem in the 10,000
// advisory feed with the match cache off: a hit (an affected version, so
// the version is parsed, placed among the package's versions and FixedIn
// computed) and a miss (a name the feed does not know); then a repeated hit
// served by the cache.
func BenchmarkMatch(b *testing.B) {
	db := benchDB()
	for _, be := range benchEcos {
		hit := benchHit(b, db, be)
		b.Run("hit/"+string(be.eco.Base()), func(b *testing.B) {
			b.ReportAllocs()
			var buf []advisory.Match
			for b.Loop() {
				buf = db.AppendMatches(buf[:0], hit.eco, hit.name, hit.version)
			}
			if len(buf) == 0 {
				b.Fatal("no match")
			}
		})
	}
	b.Run("miss", func(b *testing.B) {
		b.ReportAllocs()
		var buf []advisory.Match
		for b.Loop() {
			buf = db.AppendMatches(buf[:0], "Debian:12", "not-in-the-feed", "1.2.3-1")
		}
		if len(buf) != 0 {
			b.Fatal("unexpected match")
		}
	})
	cached := benchCachedDB()
	hit := benchHit(b, cached, benchEcos[0])
	b.Run("hit-cached/Debian", func(b *testing.B) {
		b.ReportAllocs()
		var buf []advisory.Match
		for b.Loop() {
			buf = cached.AppendMatches(buf[:0], hit.eco, hit.name, hit.version)
		}
		if len(buf) == 0 {
			b.Fatal("no match")
		}
	})
}

func scan(db *advisory.DB, pkgs []benchPkg, buf []advisory.Match) (int, []advisory.Match) {
	found := 0
	for _, p := range pkgs {
		buf = db.AppendMatches(buf[:0], p.eco, p.name, p.version)
		found += len(buf)
	}
	return found, buf
}

// BenchmarkScan500 scans one image of 500 packages against the 10,000
// advisory feed, cold (no cache: every version parsed and placed) and
// cached (the image scanned before). The target is 10,000 such resources in
// under 2 s, that is 200 µs per scan, 400 ns per package.
func BenchmarkScan500(b *testing.B) {
	pkgs := benchImage(4)
	for _, bc := range []struct {
		name string
		db   *advisory.DB
	}{{"cold", benchDB()}, {"cached", benchCachedDB()}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var buf []advisory.Match
			found := 0
			for b.Loop() {
				found, buf = scan(bc.db, pkgs, buf)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(pkgs)), "ns/pkg")
			b.ReportMetric(float64(found), "matches/scan")
		})
	}
}

// BenchmarkFleet is the scenario: 10,000 resources of 500 packages
// each, built from 50 image variants, scanned against the 10,000 advisory
// feed on every core, starting from an empty cache (as after a feed update).
// One op is the whole fleet; the target is under 2 s.
func BenchmarkFleet(b *testing.B) {
	db := benchCachedDB()
	images := make([][]benchPkg, 50)
	for i := range images {
		images[i] = benchImage(uint64(100 + i))
	}
	const resources = 10_000
	dummy := &advisory.Advisory{ID: "BENCH-INVALIDATE", Modified: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	b.ReportAllocs()
	for b.Loop() {
		// A feed update: the content changes, the cache starts empty.
		if err := db.Add(dummy); err != nil {
			b.Fatal(err)
		}
		db.Remove(dummy.ID)
		var wg sync.WaitGroup
		workers := runtime.GOMAXPROCS(0)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var buf []advisory.Match
				for r := w; r < resources; r += workers {
					_, buf = scan(db, images[r%len(images)], buf)
				}
			}()
		}
		wg.Wait()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(resources*500), "ns/pkg")
}

// BenchmarkLoad measures building the 10,000 advisory DB (validating and
// parsing every range, placing every version).
func BenchmarkLoad(b *testing.B) {
	benchAdvisoryList()
	b.ReportAllocs()
	for b.Loop() {
		if db := loadBenchDB(); db.Len() != benchAdvisories {
			b.Fatalf("Len = %d", db.Len())
		}
	}
}
