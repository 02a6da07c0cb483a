package advisory

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// ErrInvalidAdvisory: the document is not a valid OSV advisory. Errors from
// ParseOSV and DB.Add wrap it with the reason and the JSON path at fault.
var ErrInvalidAdvisory = errors.New("invalid OSV advisory")

// Advisory is one vulnerability in the OSV format
// (https://ossf.github.io/osv-schema/). Field names and JSON names follow the
// schema; fields this package does not model are ignored when parsing, as
// OSV asks of consumers. An Advisory obtained from ParseOSV or a DB is shared
// by everyone holding it: treat it as immutable.
type Advisory struct {
	SchemaVersion string `json:"schema_version,omitempty"`
	// ID is the advisory's identifier, e.g. "CVE-2021-44228", "GHSA-...",
	// "GO-2022-0969". Required.
	ID string `json:"id"`
	// Modified is when the record last changed. Required; DB.Add keeps the
	// record with the latest Modified per ID.
	Modified time.Time `json:"modified"`
	// Published is when the advisory was published; zero if unknown.
	Published time.Time `json:"published,omitzero"`
	// Withdrawn is when the advisory was withdrawn; zero if it stands.
	// Withdrawn advisories are kept in a DB but never match.
	Withdrawn time.Time `json:"withdrawn,omitzero"`
	Aliases   []string  `json:"aliases,omitempty"`
	Related   []string  `json:"related,omitempty"`
	Upstream  []string  `json:"upstream,omitempty"`
	Summary   string    `json:"summary,omitempty"`
	Details   string    `json:"details,omitempty"`
	// Severity scores the whole advisory; Affected[].Severity scores one
	// package (OSV allows one or the other).
	Severity   []Severity  `json:"severity,omitempty"`
	Affected   []Affected  `json:"affected,omitempty"`
	References []Reference `json:"references,omitempty"`
	Credits    []Credit    `json:"credits,omitempty"`
	// DatabaseSpecific is a JSON object, kept compact. This package reads
	// "severity", "exploit_available" and "cisa_kev" from it (see
	// Advisory.ExploitAvailable and Advisory.VendorSeverity).
	DatabaseSpecific json.RawMessage `json:"database_specific,omitempty"`
}

// SeverityType is the scoring method of a Severity.
type SeverityType string

// Severity types defined by OSV. Other types are kept but not interpreted.
const (
	CVSSV2 SeverityType = "CVSS_V2" // a CVSS v2.0 vector, "AV:N/AC:L/Au:N/C:P/I:N/A:N"
	CVSSV3 SeverityType = "CVSS_V3" // a CVSS v3.0 or v3.1 vector, "CVSS:3.1/AV:N/..."
	CVSSV4 SeverityType = "CVSS_V4" // a CVSS v4.0 vector, "CVSS:4.0/AV:N/..."
	// UbuntuPriority is Ubuntu's priority, lower case ("medium", "high").
	UbuntuPriority SeverityType = "Ubuntu"
)

// Values returns the severity types OSV defines.
func (SeverityType) Values() []SeverityType {
	return []SeverityType{CVSSV2, CVSSV3, CVSSV4, UbuntuPriority}
}

// Severity is one score of an advisory or of one affected package.
type Severity struct {
	Type  SeverityType `json:"type"`
	Score string       `json:"score"`
}

// Affected describes the affected versions of one package.
type Affected struct {
	// Package is required unless every range is a GIT range.
	Package  Package    `json:"package,omitzero"`
	Severity []Severity `json:"severity,omitempty"`
	Ranges   []Range    `json:"ranges,omitempty"`
	// Versions lists affected versions explicitly, in addition to Ranges.
	Versions          []string        `json:"versions,omitempty"`
	EcosystemSpecific json.RawMessage `json:"ecosystem_specific,omitempty"`
	DatabaseSpecific  json.RawMessage `json:"database_specific,omitempty"`
}

// Package identifies a package: its ecosystem (with an optional release,
// see Ecosystem), its name in that ecosystem and optionally its package URL.
type Package struct {
	Ecosystem Ecosystem `json:"ecosystem"`
	Name      string    `json:"name"`
	Purl      string    `json:"purl,omitempty"`
}

// RangeType is how the events of a Range are ordered.
type RangeType string

// Range types defined by OSV.
const (
	// RangeEcosystem events are versions of the package's ecosystem.
	RangeEcosystem RangeType = "ECOSYSTEM"
	// RangeSemver events are SemVer 2.0.0 versions without a "v" prefix.
	RangeSemver RangeType = "SEMVER"
	// RangeGit events are commit hashes of Repo. They are kept but never
	// match package versions.
	RangeGit RangeType = "GIT"
)

// Values returns the range types OSV defines.
func (RangeType) Values() []RangeType { return []RangeType{RangeEcosystem, RangeSemver, RangeGit} }

// Range is a timeline of events: a version is affected from an introduced
// event until the next fixed event (exclusive), or up to and including a
// last_affected event, and only below a limit event if there is one.
type Range struct {
	Type             RangeType       `json:"type"`
	Repo             string          `json:"repo,omitempty"`
	Events           []Event         `json:"events"`
	DatabaseSpecific json.RawMessage `json:"database_specific,omitempty"`
}

// Event is one point of a Range; exactly one field is set. Introduced "0"
// means before every version; Limit "*" means no limit.
type Event struct {
	Introduced   string `json:"introduced,omitempty"`
	Fixed        string `json:"fixed,omitempty"`
	LastAffected string `json:"last_affected,omitempty"`
	Limit        string `json:"limit,omitempty"`
}

// Reference is a link about the advisory; Type is OSV's reference type
// (ADVISORY, ARTICLE, FIX, PACKAGE, REPORT, WEB, ...).
type Reference struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

// Credit names someone credited for the advisory.
type Credit struct {
	Name    string   `json:"name"`
	Contact []string `json:"contact,omitempty"`
	Type    string   `json:"type,omitempty"`
}

// ParseOSV parses and validates one OSV advisory document. Unknown fields are
// ignored. The error wraps ErrInvalidAdvisory and says what is wrong and
// where: a missing id or modified time, an affected entry without a package,
// an unknown range type, an event with no or several kinds, a range without
// an introduced event or with both fixed and last_affected events, a version
// that is not valid for its ecosystem (or SemVer, for SEMVER ranges), an
// unparseable CVSS vector, or a *_specific field that is not a JSON object.
func ParseOSV(data []byte) (*Advisory, error) {
	c, err := parseOSV(data)
	if err != nil {
		return nil, err
	}
	return c.adv, nil
}

// parseOSV parses, validates and compiles one document.
func parseOSV(data []byte) (*compiled, error) {
	var a Advisory
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&a); err != nil {
		return nil, fmt.Errorf("advisory: %w: %v", ErrInvalidAdvisory, err)
	}
	if _, err := dec.Token(); err == nil {
		return nil, fmt.Errorf("advisory: %w: data after the JSON object", ErrInvalidAdvisory)
	}
	if err := a.normalize(); err != nil {
		return nil, err
	}
	return compile(&a)
}

// MarshalOSV returns the advisory as an OSV JSON document. ParseOSV of the
// result yields an equal Advisory.
func (a *Advisory) MarshalOSV() ([]byte, error) {
	b, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("advisory: marshal %s: %w", a.ID, err)
	}
	return b, nil
}

// normalize checks that the free-form JSON fields are objects and puts them
// in the compact form json.Marshal writes, so that parse and marshal round
// trip exactly.
func (a *Advisory) normalize() error {
	var err error
	if a.DatabaseSpecific, err = normalizeObject(a.DatabaseSpecific, "database_specific"); err != nil {
		return err
	}
	for i := range a.Affected {
		af := &a.Affected[i]
		if af.EcosystemSpecific, err = normalizeObject(af.EcosystemSpecific, fmt.Sprintf("affected[%d].ecosystem_specific", i)); err != nil {
			return err
		}
		if af.DatabaseSpecific, err = normalizeObject(af.DatabaseSpecific, fmt.Sprintf("affected[%d].database_specific", i)); err != nil {
			return err
		}
		for j := range af.Ranges {
			r := &af.Ranges[j]
			if r.DatabaseSpecific, err = normalizeObject(r.DatabaseSpecific, fmt.Sprintf("affected[%d].ranges[%d].database_specific", i, j)); err != nil {
				return err
			}
		}
	}
	return nil
}

func normalizeObject(raw json.RawMessage, path string) (json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] != '{' {
		return nil, fmt.Errorf("advisory: %w: %s must be a JSON object", ErrInvalidAdvisory, path)
	}
	out, err := json.Marshal(raw)
	if err != nil {
		return nil, fmt.Errorf("advisory: %w: %s: %v", ErrInvalidAdvisory, path, err)
	}
	return out, nil
}
