package advisory

import (
	"fmt"
	"slices"
	"strings"
)

// compiled is an advisory validated and pre-parsed for matching: every
// version of every ECOSYSTEM and SEMVER range parsed once, events sorted.
type compiled struct {
	adv      *Advisory
	affected []*cAffected // entries of supported ecosystems with a package
}

// cAffected is one Affected entry of a supported ecosystem.
type cAffected struct {
	src      *Affected
	eco      Ecosystem // as written, e.g. "Debian:12"
	base     Ecosystem
	release  string
	name     string // normalised
	scheme   scheme // the ecosystem's version scheme
	ranges   []cRange
	versions []cVersion
}

type cVersion struct {
	raw string
	v   version // nil if raw does not parse in the ecosystem's scheme
	cls *vclass // v's class in the bucket's table, once indexed
}

// cRange is an ECOSYSTEM or SEMVER range with parsed, sorted events.
type cRange struct {
	scheme scheme
	events []cEvent // introduced, fixed and last_affected, sorted
	limits []cEvent // limit events other than "*"
	hasLim bool     // some limit event other than "*"
	noLim  bool     // a limit "*" event: no upper limit
}

type eventKind uint8

const (
	evIntroduced eventKind = iota
	evFixed
	evLastAffected
)

type cEvent struct {
	kind eventKind
	raw  string
	v    version // nil for introduced "0"
	cls  *vclass // v's class in the bucket's table, once indexed
}

// rank returns the event's rank in its bucket's table; introduced "0" ranks
// below every version.
func (e *cEvent) rank() int32 {
	if e.cls == nil {
		return -1
	}
	return e.cls.rank
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("advisory: %w: %s", ErrInvalidAdvisory, fmt.Sprintf(format, args...))
}

// compile validates a and pre-parses its ranges. It does not modify a.
func compile(a *Advisory) (*compiled, error) {
	if a == nil {
		return nil, invalid("nil advisory")
	}
	if strings.TrimSpace(a.ID) == "" {
		return nil, invalid("missing id")
	}
	if strings.ContainsAny(a.ID, " \t\r\n") {
		return nil, invalid("id %q contains white space", a.ID)
	}
	if a.Modified.IsZero() {
		return nil, invalid("%s: missing modified time", a.ID)
	}
	if err := checkSeverities(a.Severity, a.ID+": severity"); err != nil {
		return nil, err
	}
	c := &compiled{adv: a}
	for i := range a.Affected {
		ca, err := compileAffected(&a.Affected[i], fmt.Sprintf("%s: affected[%d]", a.ID, i))
		if err != nil {
			return nil, err
		}
		if ca != nil {
			c.affected = append(c.affected, ca)
		}
	}
	return c, nil
}

func checkSeverities(sevs []Severity, path string) error {
	for i, s := range sevs {
		if s.Type == "" {
			return invalid("%s[%d]: missing type", path, i)
		}
		if s.Score == "" {
			return invalid("%s[%d]: missing score", path, i)
		}
		switch s.Type {
		case CVSSV2, CVSSV3, CVSSV4:
			if _, err := s.baseScore(); err != nil {
				return fmt.Errorf("advisory: %w: %s[%d]: %w", ErrInvalidAdvisory, path, i, err)
			}
		}
	}
	return nil
}

func compileAffected(af *Affected, path string) (*cAffected, error) {
	if err := checkSeverities(af.Severity, path+".severity"); err != nil {
		return nil, err
	}
	pkg := af.Package
	hasPkg := pkg != Package{}
	if hasPkg && (pkg.Ecosystem == "" || pkg.Name == "") {
		return nil, invalid("%s.package: ecosystem and name are required", path)
	}
	s := schemeOf(pkg.Ecosystem.Base())
	ca := &cAffected{
		src:     af,
		eco:     pkg.Ecosystem,
		base:    pkg.Ecosystem.Base(),
		release: pkg.Ecosystem.Release(),
		name:    NormalizeName(pkg.Ecosystem, pkg.Name),
		scheme:  s,
	}
	for j := range af.Ranges {
		r := &af.Ranges[j]
		rpath := fmt.Sprintf("%s.ranges[%d]", path, j)
		var rs scheme
		switch r.Type {
		case RangeEcosystem:
			if !hasPkg {
				return nil, invalid("%s: an ECOSYSTEM range needs a package", rpath)
			}
			rs = s // schemeNone for ecosystems we do not know: not validated
		case RangeSemver:
			if !hasPkg {
				return nil, invalid("%s: a SEMVER range needs a package", rpath)
			}
			rs = schemeSemver
		case RangeGit:
			if r.Repo == "" {
				return nil, invalid("%s: a GIT range needs a repo", rpath)
			}
		case "":
			return nil, invalid("%s: missing range type", rpath)
		default:
			return nil, invalid("%s: unknown range type %q", rpath, string(r.Type))
		}
		cr, err := compileRange(r, rs, rpath)
		if err != nil {
			return nil, err
		}
		if rs != schemeNone {
			ca.ranges = append(ca.ranges, cr)
		}
	}
	if !hasPkg {
		if len(af.Ranges) == 0 {
			return nil, invalid("%s: package is required", path)
		}
		return nil, nil // GIT ranges only: kept, never matched
	}
	if s == schemeNone {
		return nil, nil // an ecosystem we cannot compare: kept, never matched
	}
	for _, raw := range af.Versions {
		v, err := parseVersion(s, raw)
		if err != nil {
			v = nil // OSV allows versions lists of upstream tags; match by string
		}
		ca.versions = append(ca.versions, cVersion{raw: raw, v: v})
	}
	return ca, nil
}

// compileRange checks the events of r and, when s is a known scheme, parses
// and sorts them.
func compileRange(r *Range, s scheme, path string) (cRange, error) {
	cr := cRange{scheme: s}
	if len(r.Events) == 0 {
		return cr, invalid("%s: no events", path)
	}
	introduced, fixed, lastAffected := false, false, false
	for k, e := range r.Events {
		epath := fmt.Sprintf("%s.events[%d]", path, k)
		n := 0
		var kind eventKind
		var raw string
		isLimit := false
		if e.Introduced != "" {
			n, kind, raw = n+1, evIntroduced, e.Introduced
			introduced = true
		}
		if e.Fixed != "" {
			n, kind, raw = n+1, evFixed, e.Fixed
			fixed = true
		}
		if e.LastAffected != "" {
			n, kind, raw = n+1, evLastAffected, e.LastAffected
			lastAffected = true
		}
		if e.Limit != "" {
			n, raw, isLimit = n+1, e.Limit, true
		}
		if n != 1 {
			return cr, invalid("%s: an event needs exactly one of introduced, fixed, last_affected, limit", epath)
		}
		if isLimit {
			if raw == "*" {
				cr.noLim = true
				continue
			}
			cr.hasLim = true
		}
		if s == schemeNone || (kind == evIntroduced && raw == "0" && !isLimit) {
			if !isLimit {
				cr.events = append(cr.events, cEvent{kind: kind, raw: raw})
			}
			continue
		}
		v, err := parseVersion(s, raw)
		if err != nil {
			return cr, fmt.Errorf("advisory: %w: %s: %w", ErrInvalidAdvisory, epath, err)
		}
		if isLimit {
			cr.limits = append(cr.limits, cEvent{raw: raw, v: v})
			continue
		}
		cr.events = append(cr.events, cEvent{kind: kind, raw: raw, v: v})
	}
	if !introduced {
		return cr, invalid("%s: no introduced event", path)
	}
	if fixed && lastAffected {
		return cr, invalid("%s: both fixed and last_affected events", path)
	}
	if s != schemeNone {
		slices.SortStableFunc(cr.events, compareEvents)
	}
	return cr, nil
}

// compareEvents orders events by version, introduced "0" first; at equal
// versions an introduced event comes before a fixed or last_affected one, so
// that [introduced X, fixed X] is empty and [introduced X, last_affected X]
// is {X}.
func compareEvents(a, b cEvent) int {
	switch {
	case a.v == nil && b.v == nil:
		return 0
	case a.v == nil:
		return -1
	case b.v == nil:
		return 1
	}
	if c := a.v.compare(b.v); c != 0 {
		return c
	}
	ai, bi := a.kind == evIntroduced, b.kind == evIntroduced
	switch {
	case ai && !bi:
		return -1
	case bi && !ai:
		return 1
	}
	return 0
}

// includes reports whether the version of rank rv (in the range's table) is
// in the range, by the OSV evaluation algorithm: below some limit, and the
// last event at or below it that changes state leaves it vulnerable.
func (r *cRange) includes(rv int32) bool {
	if r.hasLim && !r.noLim {
		below := false
		for i := range r.limits {
			if rv < r.limits[i].rank() {
				below = true
				break
			}
		}
		if !below {
			return false
		}
	}
	vulnerable := false
	for i := range r.events {
		e := &r.events[i]
		er := e.rank()
		if rv < er {
			break // events are sorted: none further can apply
		}
		switch e.kind {
		case evIntroduced:
			vulnerable = true
		case evFixed:
			vulnerable = false
		case evLastAffected:
			if rv > er {
				vulnerable = false
			}
		}
	}
	return vulnerable
}
