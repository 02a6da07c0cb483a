// Package advisory is the vulnerability advisory database and matching
// engine behind Amazon Inspector's package scans: given an installed package
// (ecosystem, name, version), which advisories affect it and in which
// version is it fixed.
//
// Advisories are OSV documents (https://ossf.github.io/osv-schema/).
// ParseOSV reads and validates one, reporting malformed documents with an
// error wrapping ErrInvalidAdvisory; MarshalOSV writes it back. Each affected
// package has ranges whose events (introduced, fixed, last_affected, limit)
// are versions of the package's ecosystem, ordered by that ecosystem's own
// rules: dpkg for Debian and Ubuntu, apk for Alpine, rpm for Red Hat,
// AlmaLinux, Rocky Linux and Amazon Linux, PEP 440 for PyPI, Maven's
// ComparableVersion for Maven, and Semantic Versioning for npm, crates.io,
// Go and every SEMVER range. Compare exposes those orderings. A version is
// affected exactly as OSV's evaluation algorithm says: it lies below a limit
// (if any) and the last event at or below it, walking the sorted events, is
// an introduced one (or a last_affected one it equals); or it is listed in
// the entry's versions. GIT ranges are kept but never match versions.
//
// Ecosystems may carry a release ("Debian:12", "Alpine:v3.19",
// "Ubuntu:22.04:LTS", "Amazon Linux:2"). An entry for "Debian" applies to
// every Debian release; an entry for "Debian:12" applies only to queries for
// "Debian:12"; a query for plain "Debian" sees only release-less entries.
// Package names are compared normalised as the ecosystem does (PyPI per PEP
// 503; others verbatim).
//
// DB holds advisories for matching, safe for concurrent use. Add keeps the
// newest record per ID (by modified time), Remove drops one, LoadFS and
// LoadFile read feeds, Generation changes whenever the content does so a
// scanner knows to rescan. Advisories are indexed by (ecosystem, package
// name), and every version their ranges mention is parsed once, when added,
// and placed in a per-package table sorted by the ecosystem's ordering. A
// lookup (Match, or AppendMatches, which does not allocate on a miss) parses
// the installed version once and places it in that table with a binary
// search, O(log n) comparisons by the version library; every range test
// after that compares integers. Each Match carries FixedIn, the lowest fixed
// version above the installed one that is not itself affected, which
// Inspector reports as fixedInVersion. Lookups of known packages are also
// remembered until the content next changes (see WithMatchCache), since a
// fleet runs the same package versions on many resources.
//
// The scoring helpers give Inspector what it shows per finding: the CVSS v3
// base score (CVSS3BaseScore and Advisory.CVSS3, computed with the CVSS 3.x
// specification's formula), SeverityFromScore (Inspector's bands:
// INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL, and UNTRIAGED without a score),
// Advisory.ExploitAvailable and Advisory.VendorSeverity. The last two read
// the advisory's database_specific object, where this package defines:
//
//	"severity":          the source's own rating, a string ("HIGH", "Important")
//	"exploit_available": true when a public exploit is known
//	"cisa_kev":          true, or an object such as {"date_added": "2021-12-10"},
//	                     when the vulnerability is in CISA's Known Exploited
//	                     Vulnerabilities catalog (which implies an exploit)
//
// Default returns a DB of a few real advisories embedded in the package
// (Log4Shell, Heartbleed, Baron Samedit, PwnKit, the xz backdoor, ...) that
// covers every supported ecosystem.
package advisory
