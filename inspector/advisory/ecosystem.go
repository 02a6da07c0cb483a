package advisory

import "strings"

// Ecosystem names a package ecosystem as OSV spells it ("Debian", "PyPI",
// "crates.io", ...), optionally followed by ":" and a release that scopes it
// ("Debian:12", "Alpine:v3.19", "Ubuntu:22.04:LTS",
// "Red Hat:enterprise_linux:8::baseos", "Amazon Linux:2").
//
// The part before the first ":" is the base ecosystem, which decides how
// versions compare and how package names are normalised; the rest, verbatim,
// is the release. An advisory entry whose ecosystem has no release applies to
// every release of its base ecosystem; one with a release applies only to
// packages queried with exactly that release. A query without a release
// therefore sees only release-less entries: a scanner that knows the
// operating system release should always say it.
type Ecosystem string

// The base ecosystems this package understands. Advisories naming any other
// ecosystem are parsed and kept but never match.
const (
	// Debian and Ubuntu compare versions as dpkg does
	// ([epoch:]upstream[-revision], "~" sorting before everything).
	Debian Ecosystem = "Debian"
	Ubuntu Ecosystem = "Ubuntu"
	// Alpine compares versions as apk does (1.2.3_rc1-r0).
	Alpine Ecosystem = "Alpine"
	// RedHat, AlmaLinux, RockyLinux and AmazonLinux compare versions as rpm
	// does ([epoch:]version-release). "Amazon Linux" is named as AWS names
	// the distribution; its releases are "2" and "2023".
	RedHat      Ecosystem = "Red Hat"
	AlmaLinux   Ecosystem = "AlmaLinux"
	RockyLinux  Ecosystem = "Rocky Linux"
	AmazonLinux Ecosystem = "Amazon Linux"
	// NPM and CratesIO use Semantic Versioning 2.0.0.
	NPM      Ecosystem = "npm"
	CratesIO Ecosystem = "crates.io"
	// Go uses Semantic Versioning with an optional "v" prefix (module
	// versions, pseudo-versions, "stdlib" and "toolchain" releases).
	Go Ecosystem = "Go"
	// PyPI uses PEP 440 versions; package names are normalised per PEP 503.
	PyPI Ecosystem = "PyPI"
	// Maven uses Maven's ComparableVersion ordering; package names are
	// "groupId:artifactId".
	Maven Ecosystem = "Maven"
)

// Values returns the base ecosystems this package understands.
func (Ecosystem) Values() []Ecosystem {
	return []Ecosystem{Debian, Ubuntu, Alpine, RedHat, AlmaLinux, RockyLinux, AmazonLinux, NPM, CratesIO, Go, PyPI, Maven}
}

// Base returns the ecosystem without its release: "Debian" for "Debian:12".
func (e Ecosystem) Base() Ecosystem {
	if i := strings.IndexByte(string(e), ':'); i >= 0 {
		return e[:i]
	}
	return e
}

// Release returns the release part: "12" for "Debian:12", "" for "Debian".
func (e Ecosystem) Release() string {
	if i := strings.IndexByte(string(e), ':'); i >= 0 {
		return string(e[i+1:])
	}
	return ""
}

// Supported reports whether the base ecosystem is one this package can
// compare versions of.
func (e Ecosystem) Supported() bool { return schemeOf(e.Base()) != schemeNone }

// NormalizeName returns a package name as the ecosystem compares it: PyPI
// names per PEP 503 (lower case, every run of "-", "_" and "." replaced by
// one "-"); every other ecosystem's names as they are (Maven's
// "groupId:artifactId", Go module paths and npm scopes included).
func NormalizeName(eco Ecosystem, name string) string {
	if eco.Base() == PyPI {
		return normalizePyPI(name)
	}
	return name
}

func normalizePyPI(name string) string {
	// Fast path: already normalised names are returned without allocating.
	clean := true
	prevDash := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') || c == '_' || c == '.' || (c == '-' && prevDash) {
			clean = false
			break
		}
		prevDash = c == '-'
	}
	if clean {
		return name
	}
	var b strings.Builder
	b.Grow(len(name))
	inRun := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '-' || c == '_' || c == '.' {
			if !inRun {
				b.WriteByte('-')
			}
			inRun = true
			continue
		}
		inRun = false
		b.WriteByte(c)
	}
	return strings.ToLower(b.String())
}
