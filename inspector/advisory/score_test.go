package advisory_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

// refCVSS31 is the CVSS v3.1 base score written from the specification
// (section 7.1 and Appendix A), independently of the library the package
// uses.
func refCVSS31(av, ac, pr, ui, s, c, i, a string) float64 {
	w := map[string]float64{"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2}
	avW := w[av]
	acW := map[string]float64{"L": 0.77, "H": 0.44}[ac]
	prW := map[string]float64{"N": 0.85, "L": 0.62, "H": 0.27}[pr]
	if s == "C" {
		prW = map[string]float64{"N": 0.85, "L": 0.68, "H": 0.5}[pr]
	}
	uiW := map[string]float64{"N": 0.85, "R": 0.62}[ui]
	cia := map[string]float64{"H": 0.56, "L": 0.22, "N": 0}
	iss := 1 - (1-cia[c])*(1-cia[i])*(1-cia[a])
	var impact float64
	if s == "U" {
		impact = 6.42 * iss
	} else {
		impact = 7.52*(iss-0.029) - 3.25*math.Pow(iss-0.02, 15)
	}
	exploitability := 8.22 * avW * acW * prW * uiW
	if impact <= 0 {
		return 0
	}
	if s == "U" {
		return roundup(math.Min(impact+exploitability, 10))
	}
	return roundup(math.Min(1.08*(impact+exploitability), 10))
}

// roundup is the CVSS v3.1 Roundup of Appendix A: the smallest number with
// one decimal place that is equal to or higher than its input, computed on
// integers to avoid floating-point artefacts.
func roundup(x float64) float64 {
	n := int64(math.Round(x * 100000))
	if n%10000 == 0 {
		return float64(n) / 100000
	}
	return (math.Floor(float64(n)/10000) + 1) / 10
}

// TestCVSS3BaseScoreExhaustive compares every one of the 2,592 CVSS v3.1
// base vectors with the reference formula.
func TestCVSS3BaseScoreExhaustive(t *testing.T) {
	n := 0
	for _, av := range []string{"N", "A", "L", "P"} {
		for _, ac := range []string{"L", "H"} {
			for _, pr := range []string{"N", "L", "H"} {
				for _, ui := range []string{"N", "R"} {
					for _, s := range []string{"U", "C"} {
						for _, c := range []string{"H", "L", "N"} {
							for _, i := range []string{"H", "L", "N"} {
								for _, a := range []string{"H", "L", "N"} {
									vec := fmt.Sprintf("CVSS:3.1/AV:%s/AC:%s/PR:%s/UI:%s/S:%s/C:%s/I:%s/A:%s", av, ac, pr, ui, s, c, i, a)
									got, err := advisory.CVSS3BaseScore(vec)
									if err != nil {
										t.Fatalf("%s: %v", vec, err)
									}
									if want := refCVSS31(av, ac, pr, ui, s, c, i, a); got != want {
										t.Errorf("CVSS3BaseScore(%s) = %v, want %v", vec, got, want)
									}
									n++
								}
							}
						}
					}
				}
			}
		}
	}
	if n != 2592 {
		t.Fatalf("checked %d vectors", n)
	}
}

func TestCVSSScores(t *testing.T) {
	tests := []struct {
		sev  advisory.Severity
		want float64
	}{
		// Published NVD base scores of well-known vulnerabilities.
		{advisory.Severity{Type: advisory.CVSSV3, Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"}, 10.0}, // Log4Shell
		{advisory.Severity{Type: advisory.CVSSV3, Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}, 7.5},  // Heartbleed
		{advisory.Severity{Type: advisory.CVSSV3, Score: "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"}, 7.8},  // Baron Samedit
		{advisory.Severity{Type: advisory.CVSSV3, Score: "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N"}, 6.1},  // requests
		{advisory.Severity{Type: advisory.CVSSV3, Score: "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H"}, 7.2},  // lodash
		{advisory.Severity{Type: advisory.CVSSV3, Score: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H"}, 5.9},  // log4j DoS
		{advisory.Severity{Type: advisory.CVSSV3, Score: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}, 9.8},
		{advisory.Severity{Type: advisory.CVSSV3, Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"}, 0},
		{advisory.Severity{Type: advisory.CVSSV3, Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C"}, 9.8},
		{advisory.Severity{Type: advisory.CVSSV2, Score: "AV:N/AC:L/Au:N/C:P/I:N/A:N"}, 5.0},
		{advisory.Severity{Type: advisory.CVSSV2, Score: "AV:N/AC:L/Au:N/C:C/I:C/A:C"}, 10.0},
		{advisory.Severity{Type: advisory.CVSSV4, Score: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}, 9.3},
	}
	for _, tc := range tests {
		got, err := tc.sev.BaseScore()
		if err != nil {
			t.Errorf("%s %s: %v", tc.sev.Type, tc.sev.Score, err)
			continue
		}
		if got != tc.want {
			t.Errorf("%s %s = %v, want %v", tc.sev.Type, tc.sev.Score, got, tc.want)
		}
	}
	for _, bad := range []advisory.Severity{
		{Type: advisory.CVSSV3, Score: "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
		{Type: advisory.CVSSV3, Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H"},
		{Type: advisory.CVSSV3, Score: "CVSS:3.1/AV:Z/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
		{Type: advisory.CVSSV3, Score: "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
		{Type: advisory.CVSSV3, Score: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"},
		{Type: advisory.CVSSV2, Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
		{Type: advisory.CVSSV4, Score: "CVSS:4.0/AV:N"},
	} {
		if _, err := bad.BaseScore(); !errors.Is(err, advisory.ErrInvalidVector) {
			t.Errorf("%s %q: error %v, want ErrInvalidVector", bad.Type, bad.Score, err)
		}
	}
	if _, err := (advisory.Severity{Type: advisory.UbuntuPriority, Score: "high"}).BaseScore(); err == nil {
		t.Errorf("an Ubuntu priority has a base score")
	}
}

func TestSeverityFromScore(t *testing.T) {
	tests := []struct {
		score float64
		want  string
	}{
		{0, "INFORMATIONAL"},
		{0.1, "LOW"}, {3.9, "LOW"}, {3.95, "LOW"},
		{4.0, "MEDIUM"}, {6.9, "MEDIUM"},
		{7.0, "HIGH"}, {8.9, "HIGH"},
		{9.0, "CRITICAL"}, {10.0, "CRITICAL"},
		{-1, "UNTRIAGED"}, {math.NaN(), "UNTRIAGED"}, {10.1, "UNTRIAGED"}, {math.Inf(1), "UNTRIAGED"},
	}
	for _, tc := range tests {
		if got := advisory.SeverityFromScore(tc.score); got != tc.want {
			t.Errorf("SeverityFromScore(%v) = %s, want %s", tc.score, got, tc.want)
		}
	}
}

func TestAdvisoryScoring(t *testing.T) {
	v31 := "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
	tests := []struct {
		name       string
		a          advisory.Advisory
		wantScore  float64
		wantVector string
		wantOK     bool
		wantKEV    bool
		wantVendor string
	}{
		{name: "nothing"},
		{
			name:      "top-level CVSS v3 after a v2",
			a:         advisory.Advisory{Severity: []advisory.Severity{{Type: advisory.CVSSV2, Score: "AV:N/AC:L/Au:N/C:P/I:N/A:N"}, {Type: advisory.CVSSV3, Score: v31}}},
			wantScore: 9.8, wantVector: v31, wantOK: true,
		},
		{
			name:      "per-package CVSS v3",
			a:         advisory.Advisory{Affected: []advisory.Affected{{}, {Severity: []advisory.Severity{{Type: advisory.CVSSV3, Score: v31}}}}},
			wantScore: 9.8, wantVector: v31, wantOK: true,
		},
		{
			name:    "KEV object",
			a:       advisory.Advisory{DatabaseSpecific: json.RawMessage(`{"cisa_kev": {"date_added": "2021-12-10"}}`)},
			wantKEV: true,
		},
		{name: "KEV true", a: advisory.Advisory{DatabaseSpecific: json.RawMessage(`{"cisa_kev": true}`)}, wantKEV: true},
		{name: "KEV false", a: advisory.Advisory{DatabaseSpecific: json.RawMessage(`{"cisa_kev": false, "exploit_available": false}`)}},
		{name: "exploit available", a: advisory.Advisory{DatabaseSpecific: json.RawMessage(`{"exploit_available": true}`)}, wantKEV: true},
		{name: "exploit as a string is not a flag", a: advisory.Advisory{DatabaseSpecific: json.RawMessage(`{"exploit_available": "true"}`)}},
		{
			name:       "vendor severity string",
			a:          advisory.Advisory{DatabaseSpecific: json.RawMessage(`{"severity": "Important"}`), Severity: []advisory.Severity{{Type: advisory.UbuntuPriority, Score: "high"}}},
			wantVendor: "Important",
		},
		{
			name:       "Ubuntu priority when no database severity",
			a:          advisory.Advisory{DatabaseSpecific: json.RawMessage(`{"severity": 3}`), Severity: []advisory.Severity{{Type: advisory.UbuntuPriority, Score: "medium"}}},
			wantVendor: "medium",
		},
		{name: "malformed database_specific", a: advisory.Advisory{DatabaseSpecific: json.RawMessage(`{"severity": `)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			score, vector, ok := tc.a.CVSS3()
			if score != tc.wantScore || vector != tc.wantVector || ok != tc.wantOK {
				t.Errorf("CVSS3() = %v, %q, %v; want %v, %q, %v", score, vector, ok, tc.wantScore, tc.wantVector, tc.wantOK)
			}
			if got := tc.a.ExploitAvailable(); got != tc.wantKEV {
				t.Errorf("ExploitAvailable() = %v, want %v", got, tc.wantKEV)
			}
			if got := tc.a.VendorSeverity(); got != tc.wantVendor {
				t.Errorf("VendorSeverity() = %q, want %q", got, tc.wantVendor)
			}
		})
	}
}
