package advisory_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
	"pgregory.net/rapid"
)

func TestCompare(t *testing.T) {
	tests := []struct {
		eco  advisory.Ecosystem
		a, b string
		want int
	}{
		// dpkg: epochs, tildes, revisions, letters before non-letters.
		{advisory.Debian, "1.0~rc1", "1.0", -1},
		{advisory.Debian, "1.0~rc1", "1.0~rc2", -1},
		{advisory.Debian, "1.0~~", "1.0~", -1},
		{advisory.Debian, "1:0.9", "2.0", 1},
		{advisory.Debian, "0:1.2", "1.2", 0},
		{advisory.Debian, "1.2-1", "1.2-1+deb12u1", -1},
		{advisory.Debian, "1.0", "1.0-0", 0},
		{advisory.Debian, "1.0a", "1.0+", -1},
		{advisory.Debian, "1.0.1e-2+deb7u4", "1.0.1e-2+deb7u5", -1},
		{advisory.Debian, "1.0.1e-2+deb7u5", "1.0.1g-1", -1},
		{advisory.Debian, "5.6.1-1", "5.6.1+really5.4.5-1", -1},
		{"Debian:12", "7.88.1-10+deb12u3", "7.88.1-10+deb12u4", -1},
		{advisory.Ubuntu, "1.8.31-1ubuntu1.1", "1.8.31-1ubuntu1.2", -1},
		{advisory.Ubuntu, "1.8.21p2-3ubuntu1.4", "1.8.21p2-3ubuntu1", 1},
		{advisory.Ubuntu, "2.4.52-1ubuntu4.3", "2.4.52-1ubuntu4.3", 0},
		// rpm: epoch, release, tilde and caret.
		{advisory.RedHat, "1.8.29-6.el8", "1.8.29-6.el8_3.1", -1},
		{advisory.RedHat, "1:1.0-1", "2.0-1", 1},
		{advisory.RedHat, "1.0~rc1-1", "1.0-1", -1},
		{advisory.RedHat, "1.0^git1-1", "1.0-1", 1},
		{advisory.RedHat, "1.0^git1-1", "1.0.1-1", -1},
		{advisory.AmazonLinux, "1.8.23-4.amzn2.2.1", "1.8.23-10.amzn2.1", -1},
		{advisory.AlmaLinux, "0.115-12.el8", "0.115-13.el8_5.1", -1},
		{advisory.RockyLinux, "1.10-1", "1.9-1", 1},
		{advisory.RedHat, "1.0a-1", "1.0-1", 1},
		{advisory.RedHat, "1.01-1", "1.1-1", 0},
		// apk: -r revisions, _rc/_alpha/_p suffixes, letters.
		{advisory.Alpine, "3.0.2-r0", "3.0.1-r1", 1},
		{advisory.Alpine, "1.2.3-r1", "1.2.3-r10", -1},
		{advisory.Alpine, "1.2.3_rc1", "1.2.3", -1},
		{advisory.Alpine, "1.2.3_alpha1", "1.2.3_beta1", -1},
		{advisory.Alpine, "1.2.3_p1", "1.2.3", 1},
		{advisory.Alpine, "1.2.3a", "1.2.3", 1},
		{"Alpine:v3.19", "8.4.0-r0", "8.5.0-r0", -1},
		// PEP 440: pre, post, dev, local, epochs, normalisation.
		{advisory.PyPI, "1.0.dev1", "1.0a1", -1},
		{advisory.PyPI, "1.0a1", "1.0b1", -1},
		{advisory.PyPI, "1.0b2", "1.0rc1", -1},
		{advisory.PyPI, "1.0rc1", "1.0", -1},
		{advisory.PyPI, "1.0", "1.0.post1", -1},
		{advisory.PyPI, "1.0.post1.dev1", "1.0.post1", -1},
		{advisory.PyPI, "1.0", "1.0.0", 0},
		{advisory.PyPI, "1.0+local", "1.0", 1},
		{advisory.PyPI, "1!0.1", "2.0", 1},
		{advisory.PyPI, "1.0-RC1", "1.0rc1", 0},
		{advisory.PyPI, "2.30.0", "2.31.0", -1},
		// Maven: qualifiers, aliases, numeric ordering.
		{advisory.Maven, "2.0-beta9", "2.0", -1},
		{advisory.Maven, "1.0-alpha1", "1.0-beta1", -1},
		{advisory.Maven, "1.0-rc1", "1.0", -1},
		{advisory.Maven, "1.0-SNAPSHOT", "1.0", -1},
		{advisory.Maven, "1.0-rc1", "1.0-SNAPSHOT", -1},
		{advisory.Maven, "1.0", "1.0-sp1", -1},
		{advisory.Maven, "5.2.19.RELEASE", "5.2.20", -1},
		{advisory.Maven, "5.2.20.RELEASE", "5.2.20", 0},
		{advisory.Maven, "1.0.Final", "1.0", 0},
		{advisory.Maven, "1.0-ga", "1.0", 0},
		{advisory.Maven, "1.0-cr1", "1.0-rc1", 0},
		{advisory.Maven, "2.12.1", "2.12.2", -1},
		{advisory.Maven, "2.9", "2.10", -1},
		{advisory.Maven, "1.0", "1.0.0", 0},
		// SemVer: pre-releases, build metadata.
		{advisory.NPM, "1.0.0-alpha", "1.0.0-alpha.1", -1},
		{advisory.NPM, "1.0.0-alpha.1", "1.0.0-alpha.beta", -1},
		{advisory.NPM, "1.0.0-beta.2", "1.0.0-beta.11", -1},
		{advisory.NPM, "1.0.0-rc.1", "1.0.0", -1},
		{advisory.NPM, "1.0.0+build1", "1.0.0+build2", 0},
		{advisory.NPM, "4.17.20", "4.17.21", -1},
		{advisory.CratesIO, "1.5.4", "1.5.5", -1},
		{advisory.CratesIO, "1.10.0", "1.9.9", 1},
		{advisory.Go, "v0.0.0-20220722155237-a158d28d115b", "0.0.0-20220906165146-f3363e06e74c", -1},
		{advisory.Go, "v1.19.0", "1.19.1", -1},
		{advisory.Go, "v2.0.0+incompatible", "v2.0.0", 0},
		{advisory.Go, "v0.17.0", "v0.17.0-rc.1", 1},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s/%s_vs_%s", tc.eco, tc.a, tc.b), func(t *testing.T) {
			got, err := advisory.Compare(tc.eco, tc.a, tc.b)
			if err != nil {
				t.Fatalf("Compare: %v", err)
			}
			if got != tc.want {
				t.Errorf("Compare(%q, %q, %q) = %d, want %d", tc.eco, tc.a, tc.b, got, tc.want)
			}
			back, err := advisory.Compare(tc.eco, tc.b, tc.a)
			if err != nil || back != -tc.want {
				t.Errorf("Compare(%q, %q, %q) = %d, %v; want %d", tc.eco, tc.b, tc.a, back, err, -tc.want)
			}
		})
	}
}

func TestCompareErrors(t *testing.T) {
	tests := []struct {
		eco     advisory.Ecosystem
		a, b    string
		wantErr error
	}{
		{"RubyGems", "1.0", "1.1", advisory.ErrUnknownEcosystem},
		{"", "1.0", "1.1", advisory.ErrUnknownEcosystem},
		{"debian", "1.0", "1.1", advisory.ErrUnknownEcosystem},
		{advisory.Debian, "", "1.0", advisory.ErrInvalidVersion},
		{advisory.Debian, "abc", "1.0", advisory.ErrInvalidVersion},
		{advisory.Debian, "1.0 ", "1.0", advisory.ErrInvalidVersion},
		{advisory.Debian, "x:1.0", "1.0", advisory.ErrInvalidVersion},
		{advisory.Debian, "1.0-", "1.0", advisory.ErrInvalidVersion},
		{advisory.Debian, "1.0-a_b", "1.0", advisory.ErrInvalidVersion},
		{advisory.Debian, "1.é", "1.0", advisory.ErrInvalidVersion},
		{advisory.RedHat, "1.0-", "1.0", advisory.ErrInvalidVersion},
		{advisory.RedHat, "-1", "1.0", advisory.ErrInvalidVersion},
		{advisory.RedHat, "1.0-1-2", "1.0", advisory.ErrInvalidVersion},
		{advisory.RedHat, "..-1", "1.0", advisory.ErrInvalidVersion},
		{advisory.Alpine, "r1", "1.0", advisory.ErrInvalidVersion},
		{advisory.Alpine, "1.0-r", "1.0", advisory.ErrInvalidVersion},
		{advisory.NPM, "v1.0.0", "1.0.0", advisory.ErrInvalidVersion},
		{advisory.NPM, "1.0", "1.0.0", advisory.ErrInvalidVersion},
		{advisory.NPM, "01.0.0", "1.0.0", advisory.ErrInvalidVersion},
		{advisory.Go, "vv1.0.0", "1.0.0", advisory.ErrInvalidVersion},
		{advisory.PyPI, "1.0 beta", "1.0", advisory.ErrInvalidVersion},
		{advisory.PyPI, "not.a.version", "1.0", advisory.ErrInvalidVersion},
		{advisory.Maven, "1.0 ", "1.0", advisory.ErrInvalidVersion},
		{advisory.Maven, "---", "1.0", advisory.ErrInvalidVersion},
		{advisory.Maven, "1.0", "[1.0,2.0)", advisory.ErrInvalidVersion},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s/%s", tc.eco, tc.a), func(t *testing.T) {
			_, err := advisory.Compare(tc.eco, tc.a, tc.b)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Compare(%q, %q, %q) error = %v, want %v", tc.eco, tc.a, tc.b, err, tc.wantErr)
			}
			if advisory.ValidVersion(tc.eco, tc.a) && advisory.ValidVersion(tc.eco, tc.b) {
				t.Errorf("ValidVersion accepts both %q and %q", tc.a, tc.b)
			}
		})
	}
}

func TestEcosystem(t *testing.T) {
	type row struct {
		Base      advisory.Ecosystem
		Release   string
		Supported bool
	}
	tests := map[advisory.Ecosystem]row{
		"Debian":                             {"Debian", "", true},
		"Debian:12":                          {"Debian", "12", true},
		"Ubuntu:Pro:18.04:LTS":               {"Ubuntu", "Pro:18.04:LTS", true},
		"Red Hat:enterprise_linux:8::baseos": {"Red Hat", "enterprise_linux:8::baseos", true},
		"Maven:https://maven.google.com":     {"Maven", "https://maven.google.com", true},
		"Amazon Linux:2023":                  {"Amazon Linux", "2023", true},
		"RubyGems":                           {"RubyGems", "", false},
		":12":                                {"", "12", false},
	}
	for eco, want := range tests {
		got := row{eco.Base(), eco.Release(), eco.Supported()}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", eco, diff)
		}
	}
	for _, e := range advisory.Ecosystem("").Values() {
		if !e.Supported() || e.Base() != e {
			t.Errorf("Values() has %q, which is not a supported base ecosystem", e)
		}
		if _, err := advisory.Compare(e, "1.0.0", "1.0.0"); err != nil {
			t.Errorf("Compare(%q, 1.0.0, 1.0.0): %v", e, err)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	tests := []struct {
		eco        advisory.Ecosystem
		name, want string
	}{
		{advisory.PyPI, "requests", "requests"},
		{advisory.PyPI, "PyYAML", "pyyaml"},
		{advisory.PyPI, "Zope.Interface", "zope-interface"},
		{advisory.PyPI, "zope__interface", "zope-interface"},
		{advisory.PyPI, "a-_.-b", "a-b"},
		{advisory.PyPI, "a--b", "a-b"},
		{"PyPI:extra", "Flask_SQLAlchemy", "flask-sqlalchemy"},
		{advisory.Maven, "org.Apache:Log4j-Core", "org.Apache:Log4j-Core"},
		{advisory.NPM, "@Babel/Core", "@Babel/Core"},
		{advisory.Debian, "libssl1.1", "libssl1.1"},
	}
	for _, tc := range tests {
		if got := advisory.NormalizeName(tc.eco, tc.name); got != tc.want {
			t.Errorf("NormalizeName(%q, %q) = %q, want %q", tc.eco, tc.name, got, tc.want)
		}
		if got := refNormalize(tc.eco, tc.name); got != tc.want {
			t.Errorf("reference normalisation of %q = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// propNormalizeName: NormalizeName agrees with the PEP 503 regular
// expression and is idempotent.
func propNormalizeName(t *rapid.T) {
	name := rapid.StringMatching(`[A-Za-z0-9._-]{1,12}`).Draw(t, "name")
	got := advisory.NormalizeName(advisory.PyPI, name)
	if want := refNormalize(advisory.PyPI, name); got != want {
		t.Fatalf("NormalizeName(%q) = %q, want %q", name, got, want)
	}
	if again := advisory.NormalizeName(advisory.PyPI, got); again != got {
		t.Fatalf("not idempotent: %q -> %q -> %q", name, got, again)
	}
}

func TestNormalizeNameProperty(t *testing.T) { rapid.Check(t, propNormalizeName) }

// propCompareOrder: per ecosystem, Compare on generated versions is
// reflexive, antisymmetric and transitive (for <, = and <=).
func propCompareOrder(t *rapid.T) {
	spec := rapid.SampledFrom(ecoSpecs).Draw(t, "ecosystem")
	a := spec.version.Draw(t, "a")
	b := spec.version.Draw(t, "b")
	c := spec.version.Draw(t, "c")
	for _, v := range []string{a, b, c} {
		if !advisory.ValidVersion(spec.base, v) {
			t.Skip("generated version not valid:", v)
		}
	}
	ab := mustCompare(spec.base, a, b)
	ba := mustCompare(spec.base, b, a)
	bc := mustCompare(spec.base, b, c)
	ac := mustCompare(spec.base, a, c)
	if aa := mustCompare(spec.base, a, a); aa != 0 {
		t.Fatalf("%s: Compare(%q, %q) = %d, want 0", spec.base, a, a, aa)
	}
	if ab != -ba {
		t.Fatalf("%s: not antisymmetric: Compare(%q, %q) = %d, Compare(%q, %q) = %d", spec.base, a, b, ab, b, a, ba)
	}
	if ab <= 0 && bc <= 0 && ac > 0 {
		t.Fatalf("%s: not transitive: %q <= %q <= %q but Compare(a, c) = %d", spec.base, a, b, c, ac)
	}
	if ab == 0 && bc == 0 && ac != 0 {
		t.Fatalf("%s: equality not transitive: %q = %q = %q but Compare(a, c) = %d", spec.base, a, b, c, ac)
	}
	if ab < 0 && bc < 0 && ac >= 0 {
		t.Fatalf("%s: < not transitive: %q < %q < %q but Compare(a, c) = %d", spec.base, a, b, c, ac)
	}
}

func TestCompareOrderProperty(t *testing.T) { rapid.Check(t, propCompareOrder) }

// propCompareSorts: sorting generated versions by Compare leaves every pair
// in order, which fails if Compare is not a total preorder.
func propCompareSorts(t *rapid.T) {
	spec := rapid.SampledFrom(ecoSpecs).Draw(t, "ecosystem")
	vs := rapid.SliceOfN(spec.version, 2, 10).Draw(t, "versions")
	slices.SortFunc(vs, func(a, b string) int { return mustCompare(spec.base, a, b) })
	for i := range vs {
		for j := i + 1; j < len(vs); j++ {
			if c := mustCompare(spec.base, vs[i], vs[j]); c > 0 {
				t.Fatalf("%s: after sorting %q, Compare(%q, %q) = %d", spec.base, vs, vs[i], vs[j], c)
			}
		}
	}
}

func TestCompareSortsProperty(t *testing.T) { rapid.Check(t, propCompareSorts) }

func FuzzCompareOrderProperty(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propCompareOrder)) }

// FuzzCompare: Compare never panics on any input of any ecosystem, and when
// both versions are valid it is antisymmetric and reflexive.
func FuzzCompare(f *testing.F) {
	seeds := []struct {
		eco  uint8
		a, b string
	}{
		{0, "1:1.0~rc1-1", "1.0"}, {1, "1.2.3-0ubuntu1", "1.2.3"}, {2, "1.2.3_rc1-r0", "1.2.3-r1"},
		{3, "1:1.0^git1-1.el8", "1.0-1.el8_3.1"}, {4, "1.0-1", "1.0"}, {5, "1.0", "2.0"}, {6, "1.8.23-4.amzn2.2.1", "1.8.23-10.amzn2.1"},
		{7, "1.0.0-alpha.1+b", "1.0.0"}, {8, "1.5.5", "1.5.4"}, {9, "v0.0.0-20220906165146-f3363e06e74c", "0.17.0"},
		{10, "1!1.0.post1.dev2+local", "1.0rc1"}, {11, "2.0-beta9", "2.0.RELEASE"}, {12, "1", "2"},
	}
	for _, s := range seeds {
		f.Add(s.eco, s.a, s.b)
	}
	ecos := append(advisory.Ecosystem("").Values(), "RubyGems")
	f.Fuzz(func(t *testing.T, e uint8, a, b string) {
		eco := ecos[int(e)%len(ecos)]
		ab, errA := advisory.Compare(eco, a, b)
		ba, errB := advisory.Compare(eco, b, a)
		if (errA == nil) != (errB == nil) {
			t.Fatalf("%s: Compare(%q, %q) error %v but reversed error %v", eco, a, b, errA, errB)
		}
		if errA != nil {
			return
		}
		if ab != -ba {
			t.Fatalf("%s: Compare(%q, %q) = %d but reversed %d", eco, a, b, ab, ba)
		}
		if aa, _ := advisory.Compare(eco, a, a); aa != 0 {
			t.Fatalf("%s: Compare(%q, %q) = %d", eco, a, a, aa)
		}
	})
}
