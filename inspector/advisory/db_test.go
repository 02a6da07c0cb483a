package advisory_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
	"pgregory.net/rapid"
)

// osvDoc builds a small OSV document: one affected package with one range.
func osvDoc(id, modified, eco, name, rangeType string, events ...string) string {
	var evs []string
	for _, e := range events {
		k, v, _ := strings.Cut(e, "=")
		evs = append(evs, fmt.Sprintf(`{%q: %q}`, k, v))
	}
	return fmt.Sprintf(`{"id": %q, "modified": %q, "affected": [{"package": {"ecosystem": %q, "name": %q},
		"ranges": [{"type": %q, "events": [%s]}]}]}`, id, modified, eco, name, rangeType, strings.Join(evs, ", "))
}

func mustParse(t testing.TB, doc string) *advisory.Advisory {
	t.Helper()
	a, err := advisory.ParseOSV([]byte(doc))
	if err != nil {
		t.Fatalf("ParseOSV: %v\n%s", err, doc)
	}
	return a
}

type matchRow struct {
	ID, Ecosystem, Package, FixedIn string
}

func rows(ms []advisory.Match) []matchRow {
	var out []matchRow
	for _, m := range ms {
		out = append(out, matchRow{m.Advisory.ID, string(m.Ecosystem), m.Package, m.FixedIn})
	}
	return out
}

func TestMatchReleases(t *testing.T) {
	db := advisory.New()
	for _, doc := range []string{
		osvDoc("ANY-1", "2024-01-01T00:00:00Z", "Debian", "openssl", "ECOSYSTEM", "introduced=0", "fixed=3.0.11-1"),
		osvDoc("D12-1", "2024-01-01T00:00:00Z", "Debian:12", "openssl", "ECOSYSTEM", "introduced=0", "fixed=3.0.11-1~deb12u2"),
		osvDoc("D11-1", "2024-01-01T00:00:00Z", "Debian:11", "openssl", "ECOSYSTEM", "introduced=0", "fixed=1.1.1w-0+deb11u1"),
		osvDoc("U22-1", "2024-01-01T00:00:00Z", "Ubuntu:22.04:LTS", "openssl", "ECOSYSTEM", "introduced=0", "fixed=3.0.2-0ubuntu1.12"),
	} {
		if err := db.Add(mustParse(t, doc)); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		eco     advisory.Ecosystem
		version string
		want    []matchRow
	}{
		// A release query sees its release's entries and release-less ones.
		{"Debian:12", "3.0.11-1~deb12u1", []matchRow{{"ANY-1", "Debian", "openssl", "3.0.11-1"}, {"D12-1", "Debian:12", "openssl", "3.0.11-1~deb12u2"}}},
		{"Debian:12", "3.0.11-1~deb12u2", []matchRow{{"ANY-1", "Debian", "openssl", "3.0.11-1"}}},
		{"Debian:11", "1.1.1n-0+deb11u5", []matchRow{{"ANY-1", "Debian", "openssl", "3.0.11-1"}, {"D11-1", "Debian:11", "openssl", "1.1.1w-0+deb11u1"}}},
		// A release no entry names sees only release-less entries.
		{"Debian:13", "3.0.10-1", []matchRow{{"ANY-1", "Debian", "openssl", "3.0.11-1"}}},
		// A query without a release sees only release-less entries.
		{"Debian", "1.1.1n-0+deb11u5", []matchRow{{"ANY-1", "Debian", "openssl", "3.0.11-1"}}},
		// Other base ecosystems never mix, even with equal names.
		{"Ubuntu:22.04:LTS", "3.0.2-0ubuntu1.10", []matchRow{{"U22-1", "Ubuntu:22.04:LTS", "openssl", "3.0.2-0ubuntu1.12"}}},
		{"Ubuntu:22.04", "3.0.2-0ubuntu1.10", nil},
		{"Ubuntu", "3.0.2-0ubuntu1.10", nil},
		{"debian:12", "3.0.10-1", nil},
	}
	for _, tc := range tests {
		got := rows(db.Match(tc.eco, "openssl", tc.version))
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Match(%q, openssl, %q) (-want +got):\n%s", tc.eco, tc.version, diff)
		}
	}
}

func TestMatchSemantics(t *testing.T) {
	db := advisory.New()
	docs := []string{
		// Unsorted events, several intervals.
		osvDoc("MULTI", "2024-01-01T00:00:00Z", "npm", "pkg", "SEMVER", "introduced=3.0.0", "fixed=3.2.5", "introduced=1.0.0", "fixed=1.0.2"),
		osvDoc("LAST", "2024-01-01T00:00:00Z", "PyPI", "Some.Pkg", "ECOSYSTEM", "introduced=1.0", "last_affected=1.4"),
		osvDoc("LIMIT", "2024-01-01T00:00:00Z", "Maven", "g:a", "ECOSYSTEM", "introduced=0", "limit=2.0"),
		osvDoc("OPEN", "2024-01-01T00:00:00Z", "Go", "example.com/mod", "SEMVER", "introduced=0"),
		osvDoc("EMPTY", "2024-01-01T00:00:00Z", "crates.io", "c", "SEMVER", "introduced=1.0.0", "fixed=1.0.0"),
		`{"id": "LIST", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "Alpine:v3.19", "name": "musl"},
		   "versions": ["1.2.4-r1", "1.2.4_git20230717-r4"]}]}`,
		`{"id": "OVERLAP", "modified": "2024-01-01T00:00:00Z", "affected": [
		   {"package": {"ecosystem": "npm", "name": "ov"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "2.0.0"}]}]},
		   {"package": {"ecosystem": "npm", "name": "ov"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "1.5.0"}, {"fixed": "1.6.0"}]}]}]}`,
		`{"id": "GONE", "modified": "2024-01-01T00:00:00Z", "withdrawn": "2024-02-01T00:00:00Z", "affected": [
		   {"package": {"ecosystem": "npm", "name": "pkg"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]}`,
	}
	for _, doc := range docs {
		if err := db.Add(mustParse(t, doc)); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		eco           advisory.Ecosystem
		name, version string
		want          []matchRow
	}{
		{"npm", "pkg", "0.9.0", nil},
		{"npm", "pkg", "1.0.0", []matchRow{{"MULTI", "npm", "pkg", "1.0.2"}}},
		{"npm", "pkg", "1.0.2", nil},
		{"npm", "pkg", "2.9.9", nil},
		{"npm", "pkg", "3.0.0-rc.1", nil},
		{"npm", "pkg", "3.2.4", []matchRow{{"MULTI", "npm", "pkg", "3.2.5"}}},
		{"npm", "pkg", "3.2.5", nil},
		{"PyPI", "some-pkg", "1.0", []matchRow{{"LAST", "PyPI", "Some.Pkg", ""}}},
		{"PyPI", "SOME_PKG", "1.4.0", []matchRow{{"LAST", "PyPI", "Some.Pkg", ""}}},
		{"PyPI", "some_pkg", "1.4.post1", nil},
		{"PyPI", "some.pkg", "0.9", nil},
		{"Maven", "g:a", "1.9.9", []matchRow{{"LIMIT", "Maven", "g:a", ""}}},
		{"Maven", "g:a", "2.0", nil},
		{"Maven", "g:a", "2.0.0.RELEASE", nil},
		{"Maven", "G:A", "1.0", nil},
		{"Go", "example.com/mod", "v0.0.0-20200101000000-abcdefabcdef", []matchRow{{"OPEN", "Go", "example.com/mod", ""}}},
		{"Go", "example.com/mod", "1.2.3", []matchRow{{"OPEN", "Go", "example.com/mod", ""}}},
		{"Go", "example.com/mod", "not-a-version", nil},
		{"crates.io", "c", "1.0.0", nil},
		{"Alpine:v3.19", "musl", "1.2.4-r1", []matchRow{{"LIST", "Alpine:v3.19", "musl", ""}}},
		{"Alpine:v3.19", "musl", "1.2.4-r2", nil},
		{"Alpine:v3.18", "musl", "1.2.4-r1", nil},
		// The lowest fixed version above the installed one that is itself
		// unaffected: 1.6.0 fixes the inner range but is inside the outer one.
		{"npm", "ov", "1.5.5", []matchRow{{"OVERLAP", "npm", "ov", "2.0.0"}}},
		{"npm", "ov", "1.0.0", []matchRow{{"OVERLAP", "npm", "ov", "2.0.0"}}},
		{"RubyGems", "pkg", "1.0.0", nil},
	}
	for _, tc := range tests {
		got := rows(db.Match(tc.eco, tc.name, tc.version))
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Match(%q, %q, %q) (-want +got):\n%s", tc.eco, tc.name, tc.version, diff)
		}
	}
	if _, ok := db.Get("GONE"); !ok {
		t.Errorf("withdrawn advisory not kept")
	}
}

func TestDBAddReplaceRemove(t *testing.T) {
	db := advisory.New()
	if got := db.Generation(); got != 0 {
		t.Fatalf("new DB generation %d", got)
	}
	v1 := mustParse(t, osvDoc("X-1", "2024-01-01T00:00:00Z", "npm", "p", "SEMVER", "introduced=0", "fixed=1.0.0"))
	v2 := mustParse(t, osvDoc("X-1", "2024-02-01T00:00:00Z", "npm", "q", "SEMVER", "introduced=0", "fixed=2.0.0"))
	old := mustParse(t, osvDoc("X-1", "2023-12-01T00:00:00Z", "npm", "r", "SEMVER", "introduced=0"))

	if err := db.Add(v1); err != nil {
		t.Fatal(err)
	}
	g1 := db.Generation()
	if db.Len() != 1 || g1 == 0 || len(db.Match("npm", "p", "0.5.0")) != 1 {
		t.Fatalf("after Add: Len %d, Generation %d", db.Len(), g1)
	}
	// Same or older modified: no change.
	for _, a := range []*advisory.Advisory{v1, old} {
		if err := db.Add(a); err != nil {
			t.Fatal(err)
		}
		if db.Generation() != g1 {
			t.Fatalf("Add of a record not newer changed the generation")
		}
	}
	if len(db.Match("npm", "r", "0.5.0")) != 0 {
		t.Fatalf("older record replaced the newer one")
	}
	// Newer modified: replaces, and the old package no longer matches.
	if err := db.Add(v2); err != nil {
		t.Fatal(err)
	}
	g2 := db.Generation()
	if g2 == g1 || db.Len() != 1 {
		t.Fatalf("replace: generation %d -> %d, Len %d", g1, g2, db.Len())
	}
	if got, _ := db.Get("X-1"); got != v2 {
		t.Fatalf("Get after replace returned %+v", got)
	}
	if len(db.Match("npm", "p", "0.5.0")) != 0 || len(db.Match("npm", "q", "1.5.0")) != 1 {
		t.Fatalf("replace did not re-index")
	}
	if db.Remove("nope") || db.Generation() != g2 {
		t.Fatalf("Remove of an unknown ID changed something")
	}
	if !db.Remove("X-1") || db.Len() != 0 || db.Generation() == g2 {
		t.Fatalf("Remove: Len %d, generation %d", db.Len(), db.Generation())
	}
	if _, ok := db.Get("X-1"); ok || len(db.Match("npm", "q", "1.5.0")) != 0 {
		t.Fatalf("removed advisory still there")
	}
	// Invalid advisories are refused.
	for _, a := range []*advisory.Advisory{nil, {ID: "no-modified"}, {Modified: time.Now()},
		{ID: "bad", Modified: time.Now(), Affected: []advisory.Affected{{Package: advisory.Package{Ecosystem: "npm", Name: "x"},
			Ranges: []advisory.Range{{Type: advisory.RangeSemver, Events: []advisory.Event{{Fixed: "1.0.0"}}}}}}}} {
		if err := db.Add(a); !errors.Is(err, advisory.ErrInvalidAdvisory) {
			t.Errorf("Add(%+v) = %v, want ErrInvalidAdvisory", a, err)
		}
	}
	if db.Len() != 0 {
		t.Fatalf("invalid advisories were stored")
	}
}

func TestLoadFS(t *testing.T) {
	good := fstest.MapFS{
		"feed/a.json": {Data: []byte(osvDoc("A-1", "2024-01-01T00:00:00Z", "npm", "a", "SEMVER", "introduced=0", "fixed=1.0.0"))},
		"feed/b.json": {Data: []byte(osvDoc("B-1", "2024-01-01T00:00:00Z", "PyPI", "b", "ECOSYSTEM", "introduced=0", "fixed=1.0"))},
		"feed/c.txt":  {Data: []byte("not json")},
	}
	db := advisory.New()
	if err := db.LoadFS(good, "feed/*.json"); err != nil {
		t.Fatalf("LoadFS: %v", err)
	}
	if db.Len() != 2 {
		t.Fatalf("Len = %d, want 2", db.Len())
	}
	if err := db.LoadFS(good, "nothing/*.json"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadFS of no files = %v, want fs.ErrNotExist", err)
	}
	if err := db.LoadFS(good, "[x"); err == nil {
		t.Errorf("LoadFS with a bad pattern succeeded")
	}

	bad := fstest.MapFS{
		"feed/c.json": {Data: []byte(osvDoc("C-1", "2024-01-01T00:00:00Z", "npm", "c", "SEMVER", "introduced=0"))},
		"feed/d.json": {Data: []byte(`{"id": "D-1"}`)},
		"feed/e.json": {Data: []byte(osvDoc("E-1", "2024-01-01T00:00:00Z", "npm", "e", "CALVER", "introduced=0"))},
	}
	gen := db.Generation()
	err := db.LoadFS(bad, "feed/*.json")
	if !errors.Is(err, advisory.ErrInvalidAdvisory) || !strings.Contains(err.Error(), "feed/d.json") || !strings.Contains(err.Error(), "feed/e.json") {
		t.Fatalf("LoadFS of bad files = %v; want both named, wrapping ErrInvalidAdvisory", err)
	}
	if db.Len() != 2 || db.Generation() != gen {
		t.Fatalf("a failed LoadFS changed the DB")
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "f.json")
	if err := os.WriteFile(path, []byte(osvDoc("F-1", "2024-01-01T00:00:00Z", "Go", "f", "SEMVER", "introduced=0")), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := db.LoadFile(path); err != nil || db.Len() != 3 {
		t.Fatalf("LoadFile: %v, Len %d", err, db.Len())
	}
	if err := db.LoadFile(filepath.Join(dir, "missing.json")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadFile of a missing file = %v", err)
	}
}

// TestConcurrentUse runs scans, loads and removals together; run with -race.
func TestConcurrentUse(t *testing.T) {
	db := advisory.Default()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []advisory.Match
			for i := range 200 {
				id := fmt.Sprintf("W%d-%d", w, i)
				if err := db.Add(mustParse(t, osvDoc(id, "2024-01-01T00:00:00Z", "npm", "lodash", "SEMVER", "introduced=0", "fixed=4.17.21"))); err != nil {
					t.Error(err)
					return
				}
				buf = db.AppendMatches(buf[:0], "npm", "lodash", "4.17.20")
				if len(buf) == 0 {
					t.Error("no match while others load")
					return
				}
				db.Remove(id)
				_ = db.Generation()
				_ = db.Len()
			}
		}()
	}
	wg.Wait()
	if db.Len() != advisory.Default().Len() {
		t.Errorf("Len = %d after all removals", db.Len())
	}
}

// propRangeDifferential: for one advisory with random ranges over a small
// pool of versions, Match agrees with the reference evaluator (the OSV
// pseudocode, re-parsing every version) on whether a version is affected and
// on its FixedIn.
func propRangeDifferential(t *rapid.T) {
	spec := rapid.SampledFrom(ecoSpecs).Draw(t, "ecosystem")
	pool := rapid.SliceOfNDistinct(spec.version, 2, 6, rapid.ID[string]).Draw(t, "pool")
	a := genAdvisory(t, "ADV-1", spec, pool)
	// Round trip through the OSV form, as a feed would deliver it.
	out, err := a.MarshalOSV()
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := advisory.ParseOSV(out)
	if err != nil {
		t.Fatalf("ParseOSV of a generated advisory: %v\n%s", err, out)
	}
	db := advisory.New(advisory.WithMatchCache(0))
	if err := db.Add(parsed); err != nil {
		t.Fatal(err)
	}
	eco := withRelease(spec.base, rapid.SampledFrom(spec.releases).Draw(t, "qrelease"))
	name := rapid.SampledFrom(spec.names).Draw(t, "qname")
	for i := range 4 {
		v := genQueryVersion(t, spec, pool)
		wantOK, wantFixed := refMatch(a, eco, name, v)
		got := db.Match(eco, name, v)
		if len(got) != map[bool]int{false: 0, true: 1}[wantOK] {
			t.Fatalf("query %d: Match(%q, %q, %q) = %v, reference matched = %v\n%s", i, eco, name, v, matchIDs(got), wantOK, out)
		}
		if wantOK && !sameFixed(eco, got[0].FixedIn, wantFixed) {
			t.Fatalf("Match(%q, %q, %q).FixedIn = %q, reference %q\n%s", eco, name, v, got[0].FixedIn, wantFixed, out)
		}
	}
}

func TestRangeDifferentialProperty(t *testing.T) { rapid.Check(t, propRangeDifferential) }

func FuzzRangeDifferentialProperty(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propRangeDifferential)) }

// propMatchBruteForce: on a DB of several advisories across ecosystems,
// releases and name spellings, Match returns exactly the advisories a
// brute-force scan of every advisory finds, in ID order, with the same
// FixedIn, and the entry it reports really includes the version.
func propMatchBruteForce(t *rapid.T) {
	cached := advisory.New()
	uncached := advisory.New(advisory.WithMatchCache(0))
	var advs []*advisory.Advisory
	pools := map[advisory.Ecosystem][]string{}
	n := rapid.IntRange(1, 8).Draw(t, "nadvisories")
	for i := range n {
		spec := rapid.SampledFrom(ecoSpecs).Draw(t, fmt.Sprintf("eco%d", i))
		if pools[spec.base] == nil {
			pools[spec.base] = rapid.SliceOfNDistinct(spec.version, 2, 6, rapid.ID[string]).Draw(t, "pool"+string(spec.base))
		}
		a := genAdvisory(t, fmt.Sprintf("ADV-%02d", i), spec, pools[spec.base])
		for _, db := range []*advisory.DB{cached, uncached} {
			if err := db.Add(a); err != nil {
				t.Fatalf("Add: %v", err)
			}
		}
		advs = append(advs, a)
	}
	if cached.Len() != len(advs) {
		t.Fatalf("Len = %d, want %d", cached.Len(), len(advs))
	}
	for q := range 6 {
		spec := rapid.SampledFrom(ecoSpecs).Draw(t, fmt.Sprintf("qeco%d", q))
		pool := pools[spec.base]
		if pool == nil {
			pool = []string{spec.version.Draw(t, "qpoolv")}
		}
		rel := rapid.SampledFrom(append(spec.releases, "other")).Draw(t, "qrelease")
		eco := withRelease(spec.base, rel)
		name := rapid.SampledFrom(spec.names).Draw(t, "qname")
		v := genQueryVersion(t, spec, pool)
		want := refMatchAll(advs, eco, name, v)
		got := uncached.Match(eco, name, v)
		if diff := cmp.Diff(sortedKeys(want), matchIDs(got)); diff != "" {
			t.Fatalf("Match(%q, %q, %q) IDs (-brute force +Match):\n%s", eco, name, v, diff)
		}
		for _, m := range got {
			if !sameFixed(eco, m.FixedIn, want[m.Advisory.ID]) {
				t.Fatalf("Match(%q, %q, %q) %s FixedIn %q, brute force %q", eco, name, v, m.Advisory.ID, m.FixedIn, want[m.Advisory.ID])
			}
			if m.Affected == nil || !refIncludes(*m.Affected, v) || m.Ecosystem != m.Affected.Package.Ecosystem || m.Package != m.Affected.Package.Name {
				t.Fatalf("Match(%q, %q, %q) %s reports entry %+v, which does not include the version", eco, name, v, m.Advisory.ID, m.Affected)
			}
		}
		// The cache changes nothing, on the first query or a repeat.
		for range 2 {
			if diff := cmp.Diff(rows(got), rows(cached.Match(eco, name, v))); diff != "" {
				t.Fatalf("Match(%q, %q, %q) (-uncached +cached):\n%s", eco, name, v, diff)
			}
		}
		// AppendMatches appends exactly what Match returns.
		prefix := []advisory.Match{{FixedIn: "sentinel"}}
		app := cached.AppendMatches(prefix, eco, name, v)
		if diff := cmp.Diff(rows(got), rows(app[1:])); diff != "" || app[0].FixedIn != "sentinel" {
			t.Fatalf("AppendMatches after a prefix (-Match +AppendMatches):\n%s", diff)
		}
	}
}

func TestMatchBruteForceProperty(t *testing.T) { rapid.Check(t, propMatchBruteForce) }

func FuzzMatchBruteForceProperty(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propMatchBruteForce)) }

// propDBStateMachine: a DB under random Add (new, newer, older), Remove and
// queries behaves like a map from ID to the newest record: Len, Get,
// Advisories and Match agree with the model, and Generation changes exactly
// when the content does.
func propDBStateMachine(t *rapid.T) {
	db := advisory.New()
	model := map[string]*advisory.Advisory{}
	spec := rapid.SampledFrom(ecoSpecs).Draw(t, "ecosystem")
	pool := rapid.SliceOfNDistinct(spec.version, 2, 5, rapid.ID[string]).Draw(t, "pool")
	ids := []string{"A", "B", "C", "D"}
	lastGen := db.Generation()
	step := 0
	t.Repeat(map[string]func(*rapid.T){
		"Add": func(t *rapid.T) {
			step++
			id := rapid.SampledFrom(ids).Draw(t, "id")
			a := genAdvisory(t, id, spec, pool)
			a.Modified = testTime.Add(time.Duration(rapid.IntRange(0, 3).Draw(t, "age")) * time.Hour)
			if err := db.Add(a); err != nil {
				t.Fatalf("Add: %v", err)
			}
			old, had := model[id]
			changed := !had || a.Modified.After(old.Modified)
			if changed {
				model[id] = a
			}
			if gen := db.Generation(); (gen != lastGen) != changed {
				t.Fatalf("Add %s (replace=%v): generation %d -> %d", id, changed, lastGen, gen)
			}
			lastGen = db.Generation()
		},
		"Remove": func(t *rapid.T) {
			id := rapid.SampledFrom(ids).Draw(t, "id")
			_, had := model[id]
			if got := db.Remove(id); got != had {
				t.Fatalf("Remove(%s) = %v, want %v", id, got, had)
			}
			delete(model, id)
			if gen := db.Generation(); (gen != lastGen) != had {
				t.Fatalf("Remove %s: generation %d -> %d", id, lastGen, gen)
			}
			lastGen = db.Generation()
		},
		"Match": func(t *rapid.T) {
			eco := withRelease(spec.base, rapid.SampledFrom(spec.releases).Draw(t, "release"))
			name := rapid.SampledFrom(spec.names).Draw(t, "name")
			v := genQueryVersion(t, spec, pool)
			var advs []*advisory.Advisory
			for _, a := range model {
				advs = append(advs, a)
			}
			want := refMatchAll(advs, eco, name, v)
			if diff := cmp.Diff(sortedKeys(want), matchIDs(db.Match(eco, name, v))); diff != "" {
				t.Fatalf("Match(%q, %q, %q) (-model +DB):\n%s", eco, name, v, diff)
			}
		},
		"": func(t *rapid.T) {
			if db.Len() != len(model) {
				t.Fatalf("Len = %d, model %d", db.Len(), len(model))
			}
			var got []string
			for _, a := range db.Advisories() {
				got = append(got, a.ID)
				if a != model[a.ID] {
					t.Fatalf("Advisories has a stale %s", a.ID)
				}
			}
			want := map[string]string{}
			for id := range model {
				want[id] = ""
			}
			if diff := cmp.Diff(sortedKeys(want), got); diff != "" {
				t.Fatalf("Advisories IDs (-model +DB):\n%s", diff)
			}
			for _, id := range ids {
				a, ok := db.Get(id)
				if m, mok := model[id]; ok != mok || a != m {
					t.Fatalf("Get(%s) = %v, %v; model %v", id, a != nil, ok, mok)
				}
			}
		},
	})
}

func TestDBStateMachine(t *testing.T) { rapid.Check(t, propDBStateMachine) }

func FuzzDBStateMachine(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propDBStateMachine)) }
