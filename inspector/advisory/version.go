package advisory

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/Masterminds/semver/v3"
	pep440 "github.com/aquasecurity/go-pep440-version"
	apk "github.com/knqyf263/go-apk-version"
	deb "github.com/knqyf263/go-deb-version"
	rpm "github.com/knqyf263/go-rpm-version"
	mvn "github.com/masahiro331/go-mvn-version"
)

var (
	// ErrUnknownEcosystem: the ecosystem is not one of Ecosystem.Values().
	ErrUnknownEcosystem = errors.New("unknown ecosystem")
	// ErrInvalidVersion: the string is not a version of the ecosystem.
	ErrInvalidVersion = errors.New("invalid version")
)

// maxVersionLen bounds every version string; real versions are far shorter.
const maxVersionLen = 256

// scheme is a version syntax and ordering.
type scheme uint8

const (
	schemeNone   scheme = iota
	schemeDeb           // dpkg
	schemeRPM           // rpm
	schemeAPK           // apk
	schemeSemver        // SemVer 2.0.0, strict (npm, crates.io, SEMVER ranges)
	schemeGo            // SemVer 2.0.0 with an optional "v" prefix
	schemePEP440        // PEP 440
	schemeMaven         // Maven ComparableVersion
)

func (s scheme) String() string {
	switch s {
	case schemeDeb:
		return "dpkg"
	case schemeRPM:
		return "rpm"
	case schemeAPK:
		return "apk"
	case schemeSemver:
		return "semver"
	case schemeGo:
		return "Go semver"
	case schemePEP440:
		return "PEP 440"
	case schemeMaven:
		return "Maven"
	}
	return "none"
}

// schemeOf returns the version scheme of a base ecosystem.
func schemeOf(base Ecosystem) scheme {
	switch base {
	case Debian, Ubuntu:
		return schemeDeb
	case RedHat, AlmaLinux, RockyLinux, AmazonLinux:
		return schemeRPM
	case Alpine:
		return schemeAPK
	case NPM, CratesIO:
		return schemeSemver
	case Go:
		return schemeGo
	case PyPI:
		return schemePEP440
	case Maven:
		return schemeMaven
	}
	return schemeNone
}

// version is a parsed version of one scheme. compare must only be given a
// version of the same scheme; it returns -1, 0 or +1.
type version interface {
	compare(other version) int
}

type debVersion struct{ v deb.Version }
type rpmVersion struct{ v rpm.Version }
type apkVersion struct{ v apk.Version }
type semVersion struct{ v *semver.Version }
type pepVersion struct{ v pep440.Version }
type mvnVersion struct{ v mvn.Version }

func sign(c int) int {
	switch {
	case c < 0:
		return -1
	case c > 0:
		return 1
	}
	return 0
}

func (a *debVersion) compare(b version) int {
	if o, ok := b.(*debVersion); ok {
		return sign(a.v.Compare(o.v))
	}
	return 0
}

func (a *rpmVersion) compare(b version) int {
	if o, ok := b.(*rpmVersion); ok {
		return sign(a.v.Compare(o.v))
	}
	return 0
}

func (a *apkVersion) compare(b version) int {
	if o, ok := b.(*apkVersion); ok {
		return sign(a.v.Compare(o.v))
	}
	return 0
}

func (a *semVersion) compare(b version) int {
	if o, ok := b.(*semVersion); ok {
		return sign(a.v.Compare(o.v))
	}
	return 0
}

func (a *pepVersion) compare(b version) int {
	if o, ok := b.(*pepVersion); ok {
		return sign(a.v.Compare(o.v))
	}
	return 0
}

func (a *mvnVersion) compare(b version) int {
	if o, ok := b.(*mvnVersion); ok {
		return sign(a.v.Compare(o.v))
	}
	return 0
}

// Compare compares two versions of an ecosystem (with or without a release
// suffix) by the ecosystem's own ordering and returns -1, 0 or +1. Versions
// that order the same but are spelled differently ("1.0" and "1.0.0" in
// PyPI, "1.0.0+a" and "1.0.0+b" in SemVer) compare 0. It returns an error
// wrapping ErrUnknownEcosystem or ErrInvalidVersion.
func Compare(eco Ecosystem, a, b string) (int, error) {
	s := schemeOf(eco.Base())
	if s == schemeNone {
		return 0, fmt.Errorf("advisory: %w %q", ErrUnknownEcosystem, string(eco))
	}
	va, err := parseVersion(s, a)
	if err != nil {
		return 0, fmt.Errorf("advisory: %w", err)
	}
	vb, err := parseVersion(s, b)
	if err != nil {
		return 0, fmt.Errorf("advisory: %w", err)
	}
	return va.compare(vb), nil
}

// ValidVersion reports whether v is a version of the ecosystem.
func ValidVersion(eco Ecosystem, v string) bool {
	s := schemeOf(eco.Base())
	if s == schemeNone {
		return false
	}
	_, err := parseVersion(s, v)
	return err == nil
}

func parseVersion(s scheme, v string) (version, error) {
	if v == "" {
		return nil, fmt.Errorf("%w: empty %s version", ErrInvalidVersion, s)
	}
	if len(v) > maxVersionLen {
		return nil, fmt.Errorf("%w: %s version longer than %d bytes", ErrInvalidVersion, s, maxVersionLen)
	}
	bad := func(why string) error {
		return fmt.Errorf("%w %q: %s: %s", ErrInvalidVersion, v, s, why)
	}
	switch s {
	case schemeDeb:
		if err := checkDeb(v); err != "" {
			return nil, bad(err)
		}
		p, err := deb.NewVersion(v)
		if err != nil {
			return nil, bad(err.Error())
		}
		return &debVersion{p}, nil
	case schemeRPM:
		if err := checkRPM(v); err != "" {
			return nil, bad(err)
		}
		return &rpmVersion{rpm.NewVersion(v)}, nil
	case schemeAPK:
		if !apkSyntax.MatchString(v) {
			return nil, bad("not digits[.digits...][letter][_suffix[N]...][~hash][-rN]")
		}
		// apk.NewVersion only validates (with a weaker check) and converts.
		return &apkVersion{apk.Version(v)}, nil
	case schemeSemver, schemeGo:
		raw := v
		if s == schemeGo {
			raw = strings.TrimPrefix(v, "v")
		}
		p, err := semver.StrictNewVersion(raw)
		if err != nil {
			return nil, bad(err.Error())
		}
		return &semVersion{p}, nil
	case schemePEP440:
		if !isPrintableASCII(v) || strings.ContainsAny(v, " \t") {
			return nil, bad("not printable ASCII without spaces")
		}
		p, err := pep440.Parse(v)
		if err != nil {
			return nil, bad(err.Error())
		}
		return &pepVersion{p}, nil
	case schemeMaven:
		if err := checkMaven(v); err != "" {
			return nil, bad(err)
		}
		p, err := mvn.NewVersion(v)
		if err != nil {
			return nil, bad(err.Error())
		}
		return &mvnVersion{p}, nil
	}
	return nil, fmt.Errorf("%w: no version scheme", ErrUnknownEcosystem)
}

// apkSyntax is the version grammar of apk-tools (version.c); the library's
// own validation accepts strings such as "r1" or "1.0-r".
var apkSyntax = regexp.MustCompile(`^[0-9]+(\.[0-9]+)*[a-z]?(_(alpha|beta|pre|rc|cvs|svn|git|hg|p)[0-9]*)*(~[0-9a-f]+)?(-r[0-9]+)?$`)

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// checkDeb enforces deb-version(7): [epoch:]upstream_version[-debian_revision]
// with an ASCII character set; the library accepts any Unicode letter.
func checkDeb(v string) string {
	rest := v
	if i := strings.IndexByte(v, ':'); i >= 0 {
		if !isDigits(v[:i]) || i > 9 {
			return "epoch must be a number"
		}
		rest = v[i+1:]
	}
	if strings.HasSuffix(rest, "-") {
		return "empty revision"
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if !isAlnum(c) && !strings.ContainsRune(".+~-:", rune(c)) {
			return fmt.Sprintf("character %q not allowed", c)
		}
	}
	return ""
}

// checkRPM enforces [epoch:]version[-release] with rpm's character set.
func checkRPM(v string) string {
	rest := v
	if i := strings.IndexByte(v, ':'); i >= 0 {
		if !isDigits(v[:i]) || i > 9 {
			return "epoch must be a number"
		}
		rest = v[i+1:]
	}
	ver, rel, hasRel := strings.Cut(rest, "-")
	if ver == "" || (hasRel && rel == "") {
		return "empty version or release"
	}
	for _, part := range []string{ver, rel} {
		alnum := false
		for i := 0; i < len(part); i++ {
			c := part[i]
			switch {
			case isAlnum(c):
				alnum = true
			case strings.ContainsRune("._+~^", rune(c)):
			default:
				return fmt.Sprintf("character %q not allowed", c)
			}
		}
		if part != "" && !alnum {
			return "version and release need a letter or digit"
		}
	}
	return ""
}

// checkMaven accepts the characters Maven versions are made of; the library
// itself accepts any string.
func checkMaven(v string) string {
	alnum := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case isAlnum(c):
			alnum = true
		case strings.ContainsRune(".-_+", rune(c)):
		default:
			return fmt.Sprintf("character %q not allowed", c)
		}
	}
	if !alnum {
		return "no letter or digit"
	}
	return ""
}
