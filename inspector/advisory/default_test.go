package advisory_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

// TestDefault checks the embedded database against the published facts of
// its advisories: who is affected and where the fix is.
func TestDefault(t *testing.T) {
	db := advisory.Default()
	if db.Len() < 15 || db.Len() > 30 {
		t.Fatalf("Default has %d advisories, want 15 to 30", db.Len())
	}
	tests := []struct {
		eco           advisory.Ecosystem
		name, version string
		want          []matchRow
	}{
		{"Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", []matchRow{
			{"CVE-2021-44228", "Maven", "org.apache.logging.log4j:log4j-core", "2.15.0"},
			{"CVE-2021-45105", "Maven", "org.apache.logging.log4j:log4j-core", "2.17.0"}}},
		{"Maven", "org.apache.logging.log4j:log4j-core", "2.12.1", []matchRow{
			{"CVE-2021-44228", "Maven", "org.apache.logging.log4j:log4j-core", "2.12.2"},
			{"CVE-2021-45105", "Maven", "org.apache.logging.log4j:log4j-core", "2.12.3"}}},
		{"Maven", "org.apache.logging.log4j:log4j-core", "2.12.2", []matchRow{
			{"CVE-2021-45105", "Maven", "org.apache.logging.log4j:log4j-core", "2.12.3"}}},
		{"Maven", "org.apache.logging.log4j:log4j-core", "2.0-beta8", nil},
		{"Maven", "org.apache.logging.log4j:log4j-core", "2.17.1", nil},
		{"Maven", "org.springframework:spring-beans", "5.2.19.RELEASE", []matchRow{{"CVE-2022-22965", "Maven", "org.springframework:spring-beans", "5.2.20"}}},
		{"Maven", "org.springframework:spring-beans", "5.3.17", []matchRow{{"CVE-2022-22965", "Maven", "org.springframework:spring-beans", "5.3.18"}}},
		{"Maven", "org.springframework:spring-beans", "5.3.18", nil},
		{"Maven", "org.apache.commons:commons-text", "1.9", []matchRow{{"CVE-2022-42889", "Maven", "org.apache.commons:commons-text", "1.10.0"}}},
		{"Maven", "org.apache.commons:commons-text", "1.4", nil},
		{"Debian:7", "openssl", "1.0.1e-2+deb7u4", []matchRow{{"CVE-2014-0160", "Debian:7", "openssl", "1.0.1e-2+deb7u5"}}},
		{"Debian:7", "openssl", "1.0.1e-2+deb7u5", nil},
		{"Debian:11", "openssl", "1.1.1k-1+deb11u1", []matchRow{{"CVE-2022-0778", "Debian:11", "openssl", "1.1.1k-1+deb11u2"}}},
		{"Debian:11", "openssl", "1.1.1n-0+deb11u1", nil},
		{"Debian:10", "openssl", "1.1.1d-0+deb10u7", []matchRow{{"CVE-2022-0778", "Debian:10", "openssl", "1.1.1d-0+deb10u8"}}},
		{"Alpine:v3.16", "openssl", "3.0.1-r0", []matchRow{{"CVE-2022-0778", "Alpine:v3.16", "openssl", "3.0.2-r0"}}},
		{"Alpine:v3.16", "openssl", "3.0.2-r0", nil},
		{"Debian:12", "curl", "7.88.1-10+deb12u3", []matchRow{{"CVE-2023-38545", "Debian:12", "curl", "7.88.1-10+deb12u4"}}},
		{"Debian:12", "curl", "7.88.1-10+deb12u5", nil},
		{"Debian:10", "sudo", "1.8.27-1+deb10u2", []matchRow{{"CVE-2021-3156", "Debian:10", "sudo", "1.8.27-1+deb10u3"}}},
		{"Ubuntu:20.04:LTS", "sudo", "1.8.31-1ubuntu1.1", []matchRow{{"CVE-2021-3156", "Ubuntu:20.04:LTS", "sudo", "1.8.31-1ubuntu1.2"}}},
		{"Red Hat:enterprise_linux:8::baseos", "sudo", "1.8.29-6.el8", []matchRow{{"CVE-2021-3156", "Red Hat:enterprise_linux:8::baseos", "sudo", "1.8.29-6.el8_3.1"}}},
		{"Red Hat:enterprise_linux:8::baseos", "sudo", "1.8.29-6.el8_3.1", nil},
		{"Amazon Linux:2", "sudo", "1.8.23-4.amzn2.1", []matchRow{{"CVE-2021-3156", "Amazon Linux:2", "sudo", "1.8.23-4.amzn2.2.1"}}},
		{"Amazon Linux:2", "sudo", "1.8.23-10.amzn2.1", nil},
		{"Amazon Linux:2023", "sudo", "1.8.23-4.amzn2.1", nil},
		{"Debian:12", "xz-utils", "5.6.1-1", []matchRow{{"CVE-2024-3094", "Debian", "xz-utils", "5.6.1+really5.4.5-1"}}},
		{"Debian:12", "xz-utils", "5.4.1-0.2", nil},
		{"npm", "lodash", "4.17.20", []matchRow{{"CVE-2021-23337", "npm", "lodash", "4.17.21"}}},
		{"npm", "lodash", "4.17.21", nil},
		{"npm", "minimist", "0.2.1", []matchRow{{"CVE-2021-44906", "npm", "minimist", "0.2.4"}}},
		{"npm", "minimist", "1.2.5", []matchRow{{"CVE-2021-44906", "npm", "minimist", "1.2.6"}}},
		{"npm", "minimist", "0.2.4", nil},
		{"PyPI", "requests", "2.30.0", []matchRow{{"CVE-2023-32681", "PyPI", "requests", "2.31.0"}}},
		{"PyPI", "requests", "2.2.1", nil},
		{"PyPI", "pyyaml", "5.3.1", []matchRow{{"CVE-2020-14343", "PyPI", "PyYAML", "5.4"}}},
		{"PyPI", "PyYAML", "5.4", nil},
		{"Go", "golang.org/x/net", "v0.0.0-20220722155237-a158d28d115b", []matchRow{
			{"GO-2022-0969", "Go", "golang.org/x/net", "0.0.0-20220906165146-f3363e06e74c"},
			{"GO-2023-2102", "Go", "golang.org/x/net", "0.17.0"}}},
		{"Go", "golang.org/x/net", "v0.17.0", nil},
		{"Go", "stdlib", "v1.19.0", []matchRow{{"GO-2022-0969", "Go", "stdlib", "1.19.1"}}},
		{"Go", "stdlib", "1.18.6", nil},
		{"crates.io", "regex", "1.5.4", []matchRow{{"RUSTSEC-2022-0013", "crates.io", "regex", "1.5.5"}}},
		{"crates.io", "regex", "1.5.5", nil},
		{"Rocky Linux:8", "polkit", "0.115-12.el8", []matchRow{{"CVE-2021-4034", "Rocky Linux:8", "polkit", "0.115-13.el8_5.1"}}},
		{"AlmaLinux:8", "polkit", "0.115-13.el8_5.1", nil},
		{"Debian:11", "policykit-1", "0.105-31", []matchRow{{"CVE-2021-4034", "Debian:11", "policykit-1", "0.105-31+deb11u1"}}},
	}
	for _, tc := range tests {
		got := rows(db.Match(tc.eco, tc.name, tc.version))
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Match(%q, %q, %q) (-want +got):\n%s", tc.eco, tc.name, tc.version, diff)
		}
	}

	// Every supported ecosystem is covered; every advisory has a valid CVSS
	// v3 vector; the KEV-listed ones say an exploit is available.
	covered := map[advisory.Ecosystem]bool{}
	kev := map[string]bool{}
	for _, a := range db.Advisories() {
		for _, af := range a.Affected {
			covered[af.Package.Ecosystem.Base()] = true
		}
		if _, _, ok := a.CVSS3(); !ok {
			t.Errorf("%s has no CVSS v3 score", a.ID)
		}
		if a.ExploitAvailable() {
			kev[a.ID] = true
		}
		if a.VendorSeverity() == "" {
			t.Errorf("%s has no vendor severity", a.ID)
		}
	}
	for _, e := range advisory.Ecosystem("").Values() {
		if !covered[e] {
			t.Errorf("no default advisory for %s", e)
		}
	}
	for _, id := range []string{"CVE-2021-44228", "CVE-2014-0160", "CVE-2021-3156", "CVE-2021-4034", "CVE-2022-22965", "GO-2023-2102"} {
		if !kev[id] {
			t.Errorf("%s is in CISA KEV but ExploitAvailable is false", id)
		}
	}
	if kev["CVE-2021-23337"] {
		t.Errorf("lodash CVE-2021-23337 marked as exploited")
	}

	// Each call returns a fresh database.
	other := advisory.Default()
	other.Remove("CVE-2021-44228")
	if _, ok := db.Get("CVE-2021-44228"); !ok {
		t.Errorf("Default databases share state")
	}
}
