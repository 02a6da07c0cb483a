package advisory_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

const minimalOSV = `{
  "id": "GHSA-test-0001",
  "modified": "2024-05-06T07:08:09Z",
  "affected": [{
    "package": {"ecosystem": "npm", "name": "left-pad"},
    "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.3.0"}]}]
  }]
}`

func TestParseOSV(t *testing.T) {
	doc := `{
	  "schema_version": "1.6.0",
	  "id": "GHSA-xxxx-yyyy-zzzz",
	  "modified": "2024-05-06T07:08:09.5+02:00",
	  "published": "2024-01-01T00:00:00Z",
	  "aliases": ["CVE-2024-0001"],
	  "summary": "A summary",
	  "details": "Some *details*.",
	  "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
	               {"type": "CVSS_V4", "score": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}],
	  "affected": [{
	    "package": {"ecosystem": "PyPI", "name": "Some_Package", "purl": "pkg:pypi/some-package"},
	    "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"fixed": "1.2.post1"}],
	                "database_specific": {"source": "x"}},
	               {"type": "GIT", "repo": "https://github.com/example/some-package",
	                "events": [{"introduced": "0"}, {"limit": "0123456789abcdef0123456789abcdef01234567"}]}],
	    "versions": ["1.0", "1.1"],
	    "ecosystem_specific": {"imports": [ {"path": "x"} ]},
	    "database_specific": {"last_known_affected_version_range": "<= 1.2"}
	  }],
	  "references": [{"type": "ADVISORY", "url": "https://example.com/a"}],
	  "credits": [{"name": "Someone", "contact": ["mailto:someone@example.com"], "type": "FINDER"}],
	  "database_specific": {"severity": "HIGH", "cisa_kev": {"date_added": "2024-02-03"}, "note": "<b>&"},
	  "unknown_field": {"is": "ignored"}
	}`
	got, err := advisory.ParseOSV([]byte(doc))
	if err != nil {
		t.Fatalf("ParseOSV: %v", err)
	}
	want := &advisory.Advisory{
		SchemaVersion: "1.6.0",
		ID:            "GHSA-xxxx-yyyy-zzzz",
		Modified:      time.Date(2024, 5, 6, 5, 8, 9, 500_000_000, time.UTC),
		Published:     time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		Aliases:       []string{"CVE-2024-0001"},
		Summary:       "A summary",
		Details:       "Some *details*.",
		Severity: []advisory.Severity{
			{Type: advisory.CVSSV3, Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
			{Type: advisory.CVSSV4, Score: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"},
		},
		Affected: []advisory.Affected{{
			Package: advisory.Package{Ecosystem: "PyPI", Name: "Some_Package", Purl: "pkg:pypi/some-package"},
			Ranges: []advisory.Range{
				{Type: advisory.RangeEcosystem, Events: []advisory.Event{{Introduced: "1.0"}, {Fixed: "1.2.post1"}},
					DatabaseSpecific: json.RawMessage(`{"source":"x"}`)},
				{Type: advisory.RangeGit, Repo: "https://github.com/example/some-package",
					Events: []advisory.Event{{Introduced: "0"}, {Limit: "0123456789abcdef0123456789abcdef01234567"}}},
			},
			Versions:          []string{"1.0", "1.1"},
			EcosystemSpecific: json.RawMessage(`{"imports":[{"path":"x"}]}`),
			DatabaseSpecific:  json.RawMessage(`{"last_known_affected_version_range":"\u003c= 1.2"}`),
		}},
		References:       []advisory.Reference{{Type: "ADVISORY", URL: "https://example.com/a"}},
		Credits:          []advisory.Credit{{Name: "Someone", Contact: []string{"mailto:someone@example.com"}, Type: "FINDER"}},
		DatabaseSpecific: json.RawMessage(`{"severity":"HIGH","cisa_kev":{"date_added":"2024-02-03"},"note":"\u003cb\u003e\u0026"}`),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("ParseOSV (-want +got):\n%s", diff)
	}
	if !got.ExploitAvailable() || got.VendorSeverity() != "HIGH" {
		t.Errorf("ExploitAvailable = %v, VendorSeverity = %q; want true, HIGH", got.ExploitAvailable(), got.VendorSeverity())
	}

	out, err := got.MarshalOSV()
	if err != nil {
		t.Fatalf("MarshalOSV: %v", err)
	}
	again, err := advisory.ParseOSV(out)
	if err != nil {
		t.Fatalf("ParseOSV(MarshalOSV): %v\n%s", err, out)
	}
	if diff := cmp.Diff(got, again); diff != "" {
		t.Errorf("round trip (-first +second):\n%s", diff)
	}
	if strings.Contains(string(out), "unknown_field") {
		t.Errorf("unknown field survived: %s", out)
	}
}

func TestParseOSVErrors(t *testing.T) {
	// Each case edits the minimal valid document.
	tests := []struct {
		name, doc, wantMsg string
	}{
		{"not JSON", `{"id": `, "unexpected EOF"},
		{"not an object", `["id"]`, "cannot unmarshal array"},
		{"trailing data", minimalOSV + ` {}`, "data after the JSON object"},
		{"no id", strings.Replace(minimalOSV, `"id": "GHSA-test-0001",`, ``, 1), "missing id"},
		{"blank id", strings.Replace(minimalOSV, `"GHSA-test-0001"`, `"  "`, 1), "missing id"},
		{"id with spaces", strings.Replace(minimalOSV, `"GHSA-test-0001"`, `"GHSA test"`, 1), "white space"},
		{"no modified", strings.Replace(minimalOSV, `"modified": "2024-05-06T07:08:09Z",`, ``, 1), "missing modified"},
		{"bad modified", strings.Replace(minimalOSV, `2024-05-06T07:08:09Z`, `yesterday`, 1), "cannot parse"},
		{"unknown range type", strings.Replace(minimalOSV, `"SEMVER"`, `"CALVER"`, 1), `unknown range type "CALVER"`},
		{"missing range type", strings.Replace(minimalOSV, `"type": "SEMVER", `, ``, 1), "missing range type"},
		{"no introduced", strings.Replace(minimalOSV, `{"introduced": "0"}, `, ``, 1), "no introduced event"},
		{"no events", strings.Replace(minimalOSV, `[{"introduced": "0"}, {"fixed": "1.3.0"}]`, `[]`, 1), "no events"},
		{"empty event", strings.Replace(minimalOSV, `{"fixed": "1.3.0"}`, `{}`, 1), "exactly one of"},
		{"two kinds in one event", strings.Replace(minimalOSV, `{"fixed": "1.3.0"}`, `{"fixed": "1.3.0", "limit": "2.0.0"}`, 1), "exactly one of"},
		{"fixed and last_affected", strings.Replace(minimalOSV, `{"fixed": "1.3.0"}`, `{"fixed": "1.3.0"}, {"last_affected": "1.4.0"}`, 1), "both fixed and last_affected"},
		{"bad semver", strings.Replace(minimalOSV, `"1.3.0"`, `"v1.3"`, 1), `invalid version "v1.3"`},
		{"bad ecosystem version", strings.Replace(strings.Replace(strings.Replace(minimalOSV, `"npm"`, `"Debian:12"`, 1), `"SEMVER"`, `"ECOSYSTEM"`, 1), `"1.3.0"`, `"v1.3.0"`, 1), `affected[0].ranges[0].events[1]: invalid version "v1.3.0": dpkg`},
		{"GIT without repo", strings.Replace(minimalOSV, `"SEMVER"`, `"GIT"`, 1), "needs a repo"},
		{"no package", strings.Replace(minimalOSV, `"package": {"ecosystem": "npm", "name": "left-pad"},`, ``, 1), "needs a package"},
		{"package without name", strings.Replace(minimalOSV, `, "name": "left-pad"`, ``, 1), "ecosystem and name are required"},
		{"bad CVSS", strings.Replace(minimalOSV, `"affected"`, `"severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:X"}], "affected"`, 1), "invalid CVSS vector"},
		{"severity without score", strings.Replace(minimalOSV, `"affected"`, `"severity": [{"type": "CVSS_V3"}], "affected"`, 1), "missing score"},
		{"database_specific not object", strings.Replace(minimalOSV, `"affected"`, `"database_specific": [1], "affected"`, 1), "database_specific must be a JSON object"},
		{"ecosystem_specific not object", strings.Replace(minimalOSV, `"ranges"`, `"ecosystem_specific": "x", "ranges"`, 1), "ecosystem_specific must be a JSON object"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := advisory.ParseOSV([]byte(tc.doc))
			if err == nil {
				t.Fatalf("ParseOSV succeeded: %+v\n%s", a, tc.doc)
			}
			if !errors.Is(err, advisory.ErrInvalidAdvisory) {
				t.Errorf("error %v does not wrap ErrInvalidAdvisory", err)
			}
			if !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("error %q does not mention %q", err, tc.wantMsg)
			}
		})
	}
}

func TestParseOSVLenient(t *testing.T) {
	// Documents OSV allows that this package keeps but cannot match.
	tests := map[string]string{
		"unknown ecosystem": strings.Replace(strings.Replace(minimalOSV, `"npm"`, `"RubyGems"`, 1), `"SEMVER"`, `"ECOSYSTEM"`, 1),
		"GIT range only": `{"id": "OSV-2020-1", "modified": "2024-01-01T00:00:00Z", "affected": [{"ranges": [
			{"type": "GIT", "repo": "https://example.com/r.git", "events": [{"introduced": "0"}, {"fixed": "abc"}]}],
			"versions": ["v1.0"]}]}`,
		"versions only":          strings.Replace(minimalOSV, `"ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.3.0"}]}]`, `"versions": ["1.0.0", "not semver"]`, 1),
		"limit star":             strings.Replace(minimalOSV, `{"fixed": "1.3.0"}`, `{"fixed": "1.3.0"}, {"limit": "*"}`, 1),
		"null database_specific": strings.Replace(minimalOSV, `"affected"`, `"database_specific": null, "affected"`, 1),
		"Ubuntu severity":        strings.Replace(minimalOSV, `"affected"`, `"severity": [{"type": "Ubuntu", "score": "medium"}], "affected"`, 1),
		"future severity type":   strings.Replace(minimalOSV, `"affected"`, `"severity": [{"type": "CVSS_V5", "score": "whatever"}], "affected"`, 1),
		"no affected":            `{"id": "X-1", "modified": "2024-01-01T00:00:00Z"}`,
	}
	for name, doc := range tests {
		t.Run(name, func(t *testing.T) {
			a, err := advisory.ParseOSV([]byte(doc))
			if err != nil {
				t.Fatalf("ParseOSV: %v", err)
			}
			db := advisory.New()
			if err := db.Add(a); err != nil {
				t.Fatalf("Add: %v", err)
			}
			if ms := db.Match("RubyGems", "left-pad", "1.0.0"); len(ms) != 0 {
				t.Errorf("unknown ecosystem matched: %v", matchIDs(ms))
			}
		})
	}
}

// TestDataRoundTrip: every embedded advisory parses, and marshalling then
// parsing again gives the same advisory.
func TestDataRoundTrip(t *testing.T) {
	files, err := filepath.Glob("data/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no data files: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := advisory.ParseOSV(data)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if want := strings.TrimSuffix(filepath.Base(f), ".json"); a.ID != want {
			t.Errorf("%s holds advisory %s", f, a.ID)
		}
		out, err := a.MarshalOSV()
		if err != nil {
			t.Fatal(err)
		}
		b, err := advisory.ParseOSV(out)
		if err != nil {
			t.Fatalf("%s: reparse: %v", f, err)
		}
		if diff := cmp.Diff(a, b, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: round trip (-first +second):\n%s", f, diff)
		}
	}
}

// FuzzParseOSV: ParseOSV never panics, and what it accepts survives a
// marshal/parse round trip unchanged.
func FuzzParseOSV(f *testing.F) {
	f.Add([]byte(minimalOSV))
	f.Add([]byte(`{"id":"A","modified":"2024-01-01T00:00:00+01:00","affected":[{"package":{"ecosystem":"Debian:12","name":"x"},` +
		`"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"1:1.0~rc1-1"},{"last_affected":"1:1.0-2"},{"limit":"*"}]}],"versions":["1:1.0-1"]}]}`))
	f.Add([]byte(`{"id":"B","modified":"2024-01-01T00:00:00Z","withdrawn":"2024-02-01T00:00:00Z","database_specific":{"a":[1,{"b":null}]},` +
		`"affected":[{"package":{"ecosystem":"Maven","name":"g:a"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"2.0-beta9"},{"fixed":"2.3.1"}]}]}]}`))
	if files, _ := filepath.Glob("data/*.json"); len(files) > 0 {
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := advisory.ParseOSV(data)
		if err != nil {
			if !errors.Is(err, advisory.ErrInvalidAdvisory) {
				t.Fatalf("error %v does not wrap ErrInvalidAdvisory", err)
			}
			return
		}
		out, err := a.MarshalOSV()
		if err != nil {
			t.Fatalf("MarshalOSV of a parsed advisory: %v", err)
		}
		b, err := advisory.ParseOSV(out)
		if err != nil {
			t.Fatalf("ParseOSV(MarshalOSV(a)): %v\n%s", err, out)
		}
		if diff := cmp.Diff(a, b, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
		// The parsed advisory is usable: it adds and matches without panicking.
		db := advisory.New()
		if err := db.Add(a); err != nil {
			t.Fatalf("Add of a parsed advisory: %v", err)
		}
		for _, af := range a.Affected {
			for _, r := range af.Ranges {
				for _, e := range r.Events {
					db.Match(af.Package.Ecosystem, af.Package.Name, e.Introduced+e.Fixed+e.LastAffected+e.Limit)
				}
			}
		}
	})
}
