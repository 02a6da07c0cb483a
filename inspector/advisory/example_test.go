package advisory_test

import (
	"errors"
	"fmt"
	"testing/fstest"

	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

func ExampleParseOSV() {
	a, err := advisory.ParseOSV([]byte(`{
	  "id": "GHSA-35jh-r3h4-6jhm",
	  "modified": "2024-01-01T00:00:00Z",
	  "aliases": ["CVE-2021-23337"],
	  "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H"}],
	  "affected": [{
	    "package": {"ecosystem": "npm", "name": "lodash"},
	    "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}]
	  }]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	score, _, _ := a.CVSS3()
	fmt.Println(a.ID, a.Aliases, score, advisory.SeverityFromScore(score))

	_, err = advisory.ParseOSV([]byte(`{"id": "X-1", "modified": "2024-01-01T00:00:00Z",
	  "affected": [{"package": {"ecosystem": "npm", "name": "x"},
	    "ranges": [{"type": "SEMVER", "events": [{"fixed": "1.0.0"}]}]}]}`))
	fmt.Println(err)
	// Output:
	// GHSA-35jh-r3h4-6jhm [CVE-2021-23337] 7.2 HIGH
	// advisory: invalid OSV advisory: X-1: affected[0].ranges[0]: no introduced event
}

func ExampleDB_Match() {
	db := advisory.Default()
	for _, m := range db.Match("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1") {
		score, _, _ := m.Advisory.CVSS3()
		fmt.Printf("%s %s fixed in %s, CVSS %.1f, exploit available: %v\n",
			m.Advisory.ID, advisory.SeverityFromScore(score), m.FixedIn, score, m.Advisory.ExploitAvailable())
	}
	// Release-scoped entries apply only to their release.
	fmt.Println(len(db.Match("Debian:10", "sudo", "1.8.27-1+deb10u2")), len(db.Match("Debian:11", "sudo", "1.8.27-1+deb10u2")))
	// Output:
	// CVE-2021-44228 CRITICAL fixed in 2.15.0, CVSS 10.0, exploit available: true
	// CVE-2021-45105 MEDIUM fixed in 2.17.0, CVSS 5.9, exploit available: false
	// 1 0
}

func ExampleDB_AppendMatches() {
	db := advisory.Default()
	installed := []struct{ name, version string }{
		{"requests", "2.28.1"}, {"PyYAML", "6.0"}, {"pyyaml", "5.3"}, {"flask", "2.2.0"},
	}
	var buf []advisory.Match // reused across lookups: no allocation on a miss
	for _, p := range installed {
		buf = db.AppendMatches(buf[:0], "PyPI", p.name, p.version)
		for _, m := range buf {
			fmt.Println(p.name, p.version, m.Advisory.ID, "->", m.FixedIn)
		}
	}
	// Output:
	// requests 2.28.1 CVE-2023-32681 -> 2.31.0
	// pyyaml 5.3 CVE-2020-14343 -> 5.4
}

func ExampleCompare() {
	for _, c := range []struct {
		eco  advisory.Ecosystem
		a, b string
	}{
		{advisory.Debian, "1.0~rc1", "1.0"},
		{advisory.RedHat, "1.8.29-6.el8_3.1", "1.8.29-6.el8"},
		{advisory.Alpine, "1.2.3_rc1-r0", "1.2.3-r0"},
		{advisory.PyPI, "1.0", "1.0.0"},
		{advisory.Maven, "2.0-beta9", "2.0"},
		{advisory.Go, "v1.19.0", "1.19.1"},
	} {
		n, err := advisory.Compare(c.eco, c.a, c.b)
		fmt.Println(c.eco, c.a, c.b, n, err)
	}
	_, err := advisory.Compare(advisory.NPM, "v1.0.0", "1.0.0")
	fmt.Println(errors.Is(err, advisory.ErrInvalidVersion))
	// Output:
	// Debian 1.0~rc1 1.0 -1 <nil>
	// Red Hat 1.8.29-6.el8_3.1 1.8.29-6.el8 1 <nil>
	// Alpine 1.2.3_rc1-r0 1.2.3-r0 -1 <nil>
	// PyPI 1.0 1.0.0 0 <nil>
	// Maven 2.0-beta9 2.0 -1 <nil>
	// Go v1.19.0 1.19.1 -1 <nil>
	// true
}

func ExampleSeverityFromScore() {
	for _, s := range []float64{0, 3.9, 4.0, 7.5, 9.8, -1} {
		fmt.Println(s, advisory.SeverityFromScore(s))
	}
	// Output:
	// 0 INFORMATIONAL
	// 3.9 LOW
	// 4 MEDIUM
	// 7.5 HIGH
	// 9.8 CRITICAL
	// -1 UNTRIAGED
}

func ExampleCVSS3BaseScore() {
	score, err := advisory.CVSS3BaseScore("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N")
	fmt.Println(score, err)
	// Output: 6.1 <nil>
}

func ExampleDB_LoadFS() {
	feed := fstest.MapFS{
		"osv/GHSA-1.json": {Data: []byte(`{"id": "GHSA-1", "modified": "2024-01-01T00:00:00Z",
		  "affected": [{"package": {"ecosystem": "crates.io", "name": "smallvec"},
		    "ranges": [{"type": "SEMVER", "events": [{"introduced": "0.6.3"}, {"fixed": "0.6.10"}]}]}]}`)},
	}
	db := advisory.New()
	before := db.Generation()
	if err := db.LoadFS(feed, "osv/*.json"); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(db.Len(), db.Generation() != before, db.Match("crates.io", "smallvec", "0.6.9")[0].FixedIn)
	// Output: 1 true 0.6.10
}

func ExampleDefault() {
	db := advisory.Default()
	a, _ := db.Get("CVE-2021-3156")
	score, vector, _ := a.CVSS3()
	fmt.Println(a.Summary)
	fmt.Println(vector, score, a.ExploitAvailable())
	for _, af := range a.Affected {
		fmt.Println(af.Package.Ecosystem, af.Package.Name, af.Ranges[0].Events[1].Fixed)
	}
	// Output:
	// sudo heap-based buffer overflow lets local users gain root (Baron Samedit)
	// CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H 7.8 true
	// Debian:9 sudo 1.8.19p1-2.1+deb9u3
	// Debian:10 sudo 1.8.27-1+deb10u3
	// Ubuntu:16.04:LTS sudo 1.8.16-0ubuntu1.10
	// Ubuntu:18.04:LTS sudo 1.8.21p2-3ubuntu1.4
	// Ubuntu:20.04:LTS sudo 1.8.31-1ubuntu1.2
	// Red Hat:enterprise_linux:7::server sudo 1.8.23-10.el7_9.1
	// Red Hat:enterprise_linux:8::baseos sudo 1.8.29-6.el8_3.1
	// Amazon Linux:2 sudo 1.8.23-4.amzn2.2.1
}
