package advisory

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	gocvss20 "github.com/pandatix/go-cvss/20"
	gocvss30 "github.com/pandatix/go-cvss/30"
	gocvss31 "github.com/pandatix/go-cvss/31"
	gocvss40 "github.com/pandatix/go-cvss/40"
)

// ErrInvalidVector: a CVSS vector string does not parse.
var ErrInvalidVector = errors.New("invalid CVSS vector")

// Amazon Inspector's severity labels (inspector2 Severity enum).
const (
	SeverityInformational = "INFORMATIONAL"
	SeverityLow           = "LOW"
	SeverityMedium        = "MEDIUM"
	SeverityHigh          = "HIGH"
	SeverityCritical      = "CRITICAL"
	SeverityUntriaged     = "UNTRIAGED"
)

// SeverityFromScore maps a CVSS score to Amazon Inspector's severity label:
// 0 INFORMATIONAL; above 0 and below 4.0 LOW; below 7.0 MEDIUM; below 9.0
// HIGH; up to 10.0 CRITICAL. A score that is not a number in [0, 10] (use -1
// or NaN for "no score") is UNTRIAGED, as Inspector labels package
// vulnerabilities without a vendor score.
func SeverityFromScore(score float64) string {
	switch {
	case math.IsNaN(score) || score < 0 || score > 10:
		return SeverityUntriaged
	case score == 0:
		return SeverityInformational
	case score < 4.0:
		return SeverityLow
	case score < 7.0:
		return SeverityMedium
	case score < 9.0:
		return SeverityHigh
	}
	return SeverityCritical
}

// CVSS3BaseScore returns the base score of a CVSS v3.0 or v3.1 vector
// ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" is 9.8), computed by the
// specification's formula, Roundup included.
func CVSS3BaseScore(vector string) (float64, error) {
	sc, err := cvss3Score(vector)
	if err != nil {
		return 0, fmt.Errorf("advisory: %w", err)
	}
	return sc, nil
}

func cvss3Score(vector string) (float64, error) {
	switch {
	case strings.HasPrefix(vector, "CVSS:3.1/"):
		v, err := gocvss31.ParseVector(vector)
		if err != nil {
			return 0, fmt.Errorf("%w %q: %v", ErrInvalidVector, vector, err)
		}
		return v.BaseScore(), nil
	case strings.HasPrefix(vector, "CVSS:3.0/"):
		v, err := gocvss30.ParseVector(vector)
		if err != nil {
			return 0, fmt.Errorf("%w %q: %v", ErrInvalidVector, vector, err)
		}
		return v.BaseScore(), nil
	}
	return 0, fmt.Errorf("%w %q: not CVSS:3.0 or CVSS:3.1", ErrInvalidVector, vector)
}

// BaseScore returns the base score of a CVSS_V2, CVSS_V3 or CVSS_V4 severity
// (for v4, the CVSS-B score). Other types have no base score.
func (s Severity) BaseScore() (float64, error) {
	sc, err := s.baseScore()
	if err != nil {
		return 0, fmt.Errorf("advisory: %w", err)
	}
	return sc, nil
}

func (s Severity) baseScore() (float64, error) {
	switch s.Type {
	case CVSSV3:
		return cvss3Score(s.Score)
	case CVSSV2:
		v, err := gocvss20.ParseVector(s.Score)
		if err != nil {
			return 0, fmt.Errorf("%w %q: %v", ErrInvalidVector, s.Score, err)
		}
		return v.BaseScore(), nil
	case CVSSV4:
		v, err := gocvss40.ParseVector(s.Score)
		if err != nil {
			return 0, fmt.Errorf("%w %q: %v", ErrInvalidVector, s.Score, err)
		}
		return v.Score(), nil
	}
	return 0, fmt.Errorf("severity type %q has no CVSS base score", string(s.Type))
}

// CVSS3 returns the CVSS v3 base score and vector of the advisory: the first
// CVSS_V3 severity of the advisory, else the first of its affected packages.
// ok is false if there is none.
func (a *Advisory) CVSS3() (score float64, vector string, ok bool) {
	find := func(sevs []Severity) bool {
		for _, s := range sevs {
			if s.Type != CVSSV3 {
				continue
			}
			if sc, err := cvss3Score(s.Score); err == nil {
				score, vector, ok = sc, s.Score, true
				return true
			}
		}
		return false
	}
	if find(a.Severity) {
		return
	}
	for i := range a.Affected {
		if find(a.Affected[i].Severity) {
			return
		}
	}
	return 0, "", false
}

// dbSpecific is what this package reads from database_specific.
type dbSpecific struct {
	// Severity is the source's own rating ("HIGH", "MODERATE", "Important").
	Severity json.RawMessage `json:"severity"`
	// ExploitAvailable is true when a public exploit is known.
	ExploitAvailable json.RawMessage `json:"exploit_available"`
	// CISAKEV is present (true, or an object such as {"date_added":
	// "2021-12-10"}) when the vulnerability is in CISA's Known Exploited
	// Vulnerabilities catalog.
	CISAKEV json.RawMessage `json:"cisa_kev"`
}

func (a *Advisory) dbSpecific() dbSpecific {
	var d dbSpecific
	if len(a.DatabaseSpecific) > 0 {
		_ = json.Unmarshal(a.DatabaseSpecific, &d) // best effort: unknown shapes read as absent
	}
	return d
}

// ExploitAvailable reports whether an exploit is known, which Inspector
// reports as exploitAvailable YES. It reads the advisory's
// database_specific: "exploit_available": true, or a "cisa_kev" entry that is
// true or an object (the vulnerability is in CISA's Known Exploited
// Vulnerabilities catalog, so it has been exploited in the wild).
func (a *Advisory) ExploitAvailable() bool {
	d := a.dbSpecific()
	if string(d.ExploitAvailable) == "true" {
		return true
	}
	kev := strings.TrimSpace(string(d.CISAKEV))
	return kev == "true" || strings.HasPrefix(kev, "{")
}

// VendorSeverity returns the severity the advisory's source gave it, as
// Inspector's vendorSeverity: database_specific "severity" when it is a
// string, else the Ubuntu priority severity, else "".
func (a *Advisory) VendorSeverity() string {
	d := a.dbSpecific()
	var s string
	if len(d.Severity) > 0 && json.Unmarshal(d.Severity, &s) == nil && s != "" {
		return s
	}
	for _, sv := range a.Severity {
		if sv.Type == UbuntuPriority {
			return sv.Score
		}
	}
	return ""
}
