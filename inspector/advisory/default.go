package advisory

import "embed"

//go:embed data/*.json
var defaultData embed.FS

// Default returns a new DB holding the advisories embedded in this package
// (data/*.json): a small set of real vulnerabilities with their actual
// identifiers, affected packages, fixed versions and CVSS vectors, covering
// every supported ecosystem. It is meant for examples, tests and the default
// world of the simulator, not as a vulnerability feed; load a real one with
// LoadFS or LoadFile.
func Default() *DB {
	db := New()
	if err := db.LoadFS(defaultData, "data/*.json"); err != nil {
		// The embedded files are part of the source and tested; a failure
		// here is a build defect, not bad input.
		panic("advisory: embedded default database is invalid: " + err.Error())
	}
	return db
}
