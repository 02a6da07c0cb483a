package advisory_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
	"pgregory.net/rapid"
)

// ecoSpec describes how to generate test data for one base ecosystem.
type ecoSpec struct {
	base     advisory.Ecosystem
	releases []string // releases used in advisories and queries ("" = none)
	names    []string // package names, including spellings that normalise alike
	version  *rapid.Generator[string]
	semver   bool // ranges may be SEMVER
}

var (
	debVersions = rapid.StringMatching(`([0-9]:)?[0-9]{1,2}(\.[0-9]{1,2}){0,2}([a-z~+][0-9a-z]{0,2})?(~rc[0-9])?(-[0-9]{1,2}(\+deb[0-9]{1,2}u[0-9])?(ubuntu[0-9](\.[0-9])?)?)?`)
	rpmVersions = rapid.StringMatching(`([0-9]:)?[0-9]{1,2}(\.[0-9]{1,2}){0,2}([a-z~^][0-9a-z]{0,2})?(-[0-9]{1,2}(\.el[0-9](_[0-9])?|\.amzn2(\.[0-9])?)?)?`)
	apkVersions = rapid.StringMatching(`[0-9]{1,2}(\.[0-9]{1,2}){0,2}[a-z]?(_(alpha|beta|pre|rc|p)[0-9]{0,2})?(-r[0-9]{1,2})?`)
	semVersions = rapid.StringMatching(`(0|[1-9][0-9]?)\.(0|[1-9][0-9]?)\.(0|[1-9][0-9]?)(-(alpha|beta|rc|0|1|11|2|x-y)(\.(0|1|2|11|a))?)?(\+build[0-9])?`)
	pepVersions = rapid.StringMatching(`([1-2]!)?[0-9]{1,2}(\.[0-9]{1,2}){0,3}((a|b|rc)[0-9]{1,2})?(\.post[0-9]{1,2})?(\.dev[0-9]{1,2})?(\+[a-z0-9]{1,3})?`)
	mvnVersions = rapid.StringMatching(`[0-9]{1,2}(\.[0-9]{1,2}){0,3}([.-](alpha|beta|milestone|rc|cr|snapshot|ga|final|release|sp|a1|b2|m3|foo)[0-9]{0,2}){0,2}`)
)

var ecoSpecs = []ecoSpec{
	{advisory.Debian, []string{"", "11", "12"}, []string{"openssl", "sudo"}, debVersions, false},
	{advisory.Ubuntu, []string{"22.04:LTS", "24.04:LTS"}, []string{"openssl"}, debVersions, false},
	{advisory.Alpine, []string{"v3.18", "v3.19"}, []string{"musl", "openssl"}, apkVersions, false},
	{advisory.RedHat, []string{"enterprise_linux:8::baseos"}, []string{"openssl"}, rpmVersions, false},
	{advisory.AlmaLinux, []string{"", "8"}, []string{"glibc"}, rpmVersions, false},
	{advisory.RockyLinux, []string{"9"}, []string{"glibc"}, rpmVersions, false},
	{advisory.AmazonLinux, []string{"2", "2023"}, []string{"openssl", "sudo"}, rpmVersions, false},
	{advisory.NPM, []string{""}, []string{"lodash", "@babel/core"}, semVersions, true},
	{advisory.CratesIO, []string{""}, []string{"regex"}, semVersions, true},
	{advisory.Go, []string{""}, []string{"golang.org/x/net", "stdlib"}, semVersions, true},
	{advisory.PyPI, []string{""}, []string{"requests", "Zope.Interface", "zope-interface", "zope__interface", "flask_sqlalchemy", "Flask-SQLAlchemy"}, pepVersions, false},
	{advisory.Maven, []string{""}, []string{"org.example:lib-a", "org.example:Lib-A"}, mvnVersions, false},
}

func withRelease(base advisory.Ecosystem, release string) advisory.Ecosystem {
	if release == "" {
		return base
	}
	return advisory.Ecosystem(string(base) + ":" + release)
}

// genRange draws a range over versions of pool: 1 to 6 events in random
// order, at least one introduced, fixed or last_affected (never both), and
// sometimes limit events.
func genRange(t *rapid.T, pool []string, typ advisory.RangeType, label string) advisory.Range {
	pick := rapid.SampledFrom(pool)
	useLast := rapid.IntRange(0, 3).Draw(t, label+"useLast") == 0
	var events []advisory.Event
	intro := "0"
	if rapid.Bool().Draw(t, label+"introNotZero") {
		intro = pick.Draw(t, label+"intro")
	}
	events = append(events, advisory.Event{Introduced: intro})
	n := rapid.IntRange(0, 5).Draw(t, label+"n")
	for i := range n {
		v := pick.Draw(t, fmt.Sprintf("%sv%d", label, i))
		switch rapid.IntRange(0, 6).Draw(t, fmt.Sprintf("%sk%d", label, i)) {
		case 0, 1:
			events = append(events, advisory.Event{Introduced: v})
		case 2, 3, 4:
			if useLast {
				events = append(events, advisory.Event{LastAffected: v})
			} else {
				events = append(events, advisory.Event{Fixed: v})
			}
		case 5:
			events = append(events, advisory.Event{Limit: v})
		default:
			events = append(events, advisory.Event{Limit: "*"})
		}
	}
	events = rapid.Permutation(events).Draw(t, label+"order")
	return advisory.Range{Type: typ, Events: events}
}

// genAffected draws one affected entry for spec: a package of one of the
// spec's names and releases with 0 to 2 ranges over versions from pool and
// 0 to 2 explicit versions.
func genAffected(t *rapid.T, spec ecoSpec, pool []string, label string) advisory.Affected {
	rel := rapid.SampledFrom(spec.releases).Draw(t, label+"release")
	name := rapid.SampledFrom(spec.names).Draw(t, label+"name")
	af := advisory.Affected{Package: advisory.Package{Ecosystem: withRelease(spec.base, rel), Name: name}}
	nr := rapid.IntRange(0, 2).Draw(t, label+"nranges")
	for i := range nr {
		typ := advisory.RangeEcosystem
		if spec.semver && rapid.IntRange(0, 3).Draw(t, fmt.Sprintf("%ssemver%d", label, i)) > 0 {
			typ = advisory.RangeSemver
		}
		af.Ranges = append(af.Ranges, genRange(t, pool, typ, fmt.Sprintf("%sr%d.", label, i)))
	}
	if rapid.IntRange(0, 5).Draw(t, label+"git") == 0 {
		af.Ranges = append(af.Ranges, advisory.Range{Type: advisory.RangeGit, Repo: "https://example.com/repo.git",
			Events: []advisory.Event{{Introduced: "0"}, {Fixed: "0123456789abcdef0123456789abcdef01234567"}}})
	}
	nv := rapid.IntRange(0, 2).Draw(t, label+"nversions")
	for i := range nv {
		if rapid.IntRange(0, 4).Draw(t, fmt.Sprintf("%sjunk%d", label, i)) == 0 {
			af.Versions = append(af.Versions, "upstream-tag-1")
		} else {
			af.Versions = append(af.Versions, rapid.SampledFrom(pool).Draw(t, fmt.Sprintf("%sver%d", label, i)))
		}
	}
	return af
}

var testTime = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

// genAdvisory draws an advisory with 1 to 3 affected entries of one
// ecosystem, its versions drawn from pool.
func genAdvisory(t *rapid.T, id string, spec ecoSpec, pool []string) *advisory.Advisory {
	a := &advisory.Advisory{ID: id, Modified: testTime}
	n := rapid.IntRange(1, 3).Draw(t, id+"naffected")
	for i := range n {
		a.Affected = append(a.Affected, genAffected(t, spec, pool, fmt.Sprintf("%s.a%d.", id, i)))
	}
	if rapid.IntRange(0, 9).Draw(t, id+"withdrawn") == 0 {
		a.Withdrawn = testTime
	}
	return a
}

// genQueryVersion draws a version to look up: usually one from the pool
// (so it hits boundaries), sometimes a fresh one, sometimes junk; Go
// versions sometimes get their "v".
func genQueryVersion(t *rapid.T, spec ecoSpec, pool []string) string {
	var v string
	switch rapid.IntRange(0, 9).Draw(t, "qkind") {
	case 0:
		v = "upstream-tag-1"
	case 1, 2:
		v = spec.version.Draw(t, "qfresh")
	default:
		v = rapid.SampledFrom(pool).Draw(t, "qpool")
	}
	if spec.base == advisory.Go && rapid.Bool().Draw(t, "qv") {
		v = "v" + v
	}
	return v
}

// ---- The reference evaluator: OSV's pseudocode, written out naively, ----
// ---- re-parsing every version through the public Compare.             ----

var pep503 = regexp.MustCompile(`[-_.]+`)

func refNormalize(eco advisory.Ecosystem, name string) string {
	if eco.Base() == advisory.PyPI {
		return strings.ToLower(pep503.ReplaceAllString(name, "-"))
	}
	return name
}

// refCompareFor returns the ecosystem whose Compare orders range r of an
// entry of eco, and the installed version as that range sees it.
func refScheme(eco advisory.Ecosystem, typ advisory.RangeType, v string) (advisory.Ecosystem, string) {
	if typ == advisory.RangeSemver {
		if eco.Base() == advisory.Go {
			v = strings.TrimPrefix(v, "v")
		}
		return advisory.NPM, v // npm's ordering is plain SemVer 2.0.0
	}
	return eco.Base(), v
}

func mustCompare(eco advisory.Ecosystem, a, b string) int {
	c, err := advisory.Compare(eco, a, b)
	if err != nil {
		panic(err)
	}
	return c
}

func refInRange(eco advisory.Ecosystem, r advisory.Range, installed string) bool {
	if r.Type == advisory.RangeGit {
		return false
	}
	ce, v := refScheme(eco, r.Type, installed)
	if !advisory.ValidVersion(ce, v) {
		return false
	}
	// BeforeLimits
	var limits []string
	for _, e := range r.Events {
		if e.Limit != "" {
			limits = append(limits, e.Limit)
		}
	}
	if len(limits) > 0 {
		before := false
		for _, l := range limits {
			if l == "*" || mustCompare(ce, v, l) < 0 {
				before = true
			}
		}
		if !before {
			return false
		}
	}
	type ev struct{ kind, ver string }
	var evs []ev
	for _, e := range r.Events {
		switch {
		case e.Introduced != "":
			evs = append(evs, ev{"introduced", e.Introduced})
		case e.Fixed != "":
			evs = append(evs, ev{"fixed", e.Fixed})
		case e.LastAffected != "":
			evs = append(evs, ev{"last_affected", e.LastAffected})
		}
	}
	// sorted(range.events): by version, introduced "0" first, introduced
	// before the others at equal versions. Insertion sort, to stay naive.
	less := func(a, b ev) bool {
		az := a.kind == "introduced" && a.ver == "0"
		bz := b.kind == "introduced" && b.ver == "0"
		if az || bz {
			return az && !bz
		}
		c := mustCompare(ce, a.ver, b.ver)
		if c != 0 {
			return c < 0
		}
		return a.kind == "introduced" && b.kind != "introduced"
	}
	for i := 1; i < len(evs); i++ {
		for j := i; j > 0 && less(evs[j], evs[j-1]); j-- {
			evs[j], evs[j-1] = evs[j-1], evs[j]
		}
	}
	vulnerable := false
	for _, e := range evs {
		if e.kind == "introduced" && (e.ver == "0" || mustCompare(ce, v, e.ver) >= 0) {
			vulnerable = true
		} else if e.kind == "fixed" && mustCompare(ce, v, e.ver) >= 0 {
			vulnerable = false
		} else if e.kind == "last_affected" && mustCompare(ce, v, e.ver) > 0 {
			vulnerable = false
		}
	}
	return vulnerable
}

func refInVersions(eco advisory.Ecosystem, versions []string, installed string) bool {
	for _, lv := range versions {
		if advisory.ValidVersion(eco, lv) && advisory.ValidVersion(eco, installed) {
			if mustCompare(eco, lv, installed) == 0 {
				return true
			}
		} else if lv == installed {
			return true
		}
	}
	return false
}

func refIncludes(af advisory.Affected, installed string) bool {
	eco := af.Package.Ecosystem
	if refInVersions(eco, af.Versions, installed) {
		return true
	}
	for _, r := range af.Ranges {
		if refInRange(eco, r, installed) {
			return true
		}
	}
	return false
}

// refApplicable returns the entries of a that apply to a query.
func refApplicable(a *advisory.Advisory, eco advisory.Ecosystem, name string) []advisory.Affected {
	var out []advisory.Affected
	for _, af := range a.Affected {
		pe := af.Package.Ecosystem
		if pe.Base() != eco.Base() || !eco.Supported() {
			continue
		}
		if pe.Release() != "" && pe.Release() != eco.Release() {
			continue
		}
		if refNormalize(pe, af.Package.Name) != refNormalize(eco, name) {
			continue
		}
		out = append(out, af)
	}
	return out
}

// refMatch evaluates one advisory for a query: whether it matches and the
// lowest fixed version above the installed one that is itself unaffected.
func refMatch(a *advisory.Advisory, eco advisory.Ecosystem, name, installed string) (matched bool, fixedIn string) {
	if !a.Withdrawn.IsZero() {
		return false, ""
	}
	app := refApplicable(a, eco, name)
	affects := func(v string) bool {
		for _, af := range app {
			if refIncludes(af, v) {
				return true
			}
		}
		return false
	}
	if !affects(installed) {
		return false, ""
	}
	best := ""
	for _, af := range app {
		for _, r := range af.Ranges {
			if r.Type == advisory.RangeGit {
				continue
			}
			ce, v := refScheme(eco, r.Type, installed)
			if !advisory.ValidVersion(ce, v) {
				continue
			}
			for _, e := range r.Events {
				if e.Fixed == "" || mustCompare(ce, e.Fixed, v) <= 0 || affects(e.Fixed) {
					continue
				}
				if best == "" || mustCompare(ce, e.Fixed, best) < 0 {
					best = e.Fixed
				}
			}
		}
	}
	return true, best
}

// refMatchAll is the brute-force scan: every advisory, evaluated naively.
func refMatchAll(advs []*advisory.Advisory, eco advisory.Ecosystem, name, installed string) map[string]string {
	out := map[string]string{}
	for _, a := range advs {
		if ok, fixed := refMatch(a, eco, name, installed); ok {
			out[a.ID] = fixed
		}
	}
	return out
}

// sameFixed reports whether two FixedIn values denote the same version.
func sameFixed(eco advisory.Ecosystem, a, b string) bool {
	if a == "" || b == "" {
		return a == b
	}
	if a == b {
		return true
	}
	c, err := advisory.Compare(eco, a, b)
	if err != nil {
		c, err = advisory.Compare(advisory.NPM, a, b)
	}
	return err == nil && c == 0
}

func matchIDs(ms []advisory.Match) []string {
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.Advisory.ID)
	}
	return ids
}

func sortedKeys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
