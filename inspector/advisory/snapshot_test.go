package advisory_test

import (
	"bytes"
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

// TestSnapshotRoundTrip: a restored DB has the same content, generation and
// matches, and snapshots to the same bytes.
func TestSnapshotRoundTrip(t *testing.T) {
	db := advisory.Default()
	first := db.Advisories()[0]
	db.Remove(first.ID) // the generation is not just the count
	snap, err := db.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	got := advisory.New()
	if err := got.Restore(snap); err != nil {
		t.Fatal(err)
	}
	if got.Generation() != db.Generation() || got.Len() != db.Len() {
		t.Fatalf("restored generation %d len %d, want %d %d", got.Generation(), got.Len(), db.Generation(), db.Len())
	}
	again, err := got.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(snap, again) {
		t.Fatal("Snapshot(Restore(s)) != s")
	}
	checked := 0
	for _, a := range db.Advisories() {
		for _, af := range a.Affected {
			var probes []string
			probes = append(probes, af.Versions...)
			for _, r := range af.Ranges {
				for _, e := range r.Events {
					probes = append(probes, e.Introduced, e.Fixed, e.LastAffected)
				}
			}
			for _, v := range probes {
				if v == "" || v == "0" {
					continue
				}
				want := db.Match(af.Package.Ecosystem, af.Package.Name, v)
				have := got.Match(af.Package.Ecosystem, af.Package.Name, v)
				checked += len(want)
				if len(want) != len(have) {
					t.Errorf("%s %s %s: %d matches after restore, want %d", af.Package.Ecosystem, af.Package.Name, v, len(have), len(want))
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no probe version matched any advisory: the comparison checked nothing")
	}
}

func TestRestoreRejects(t *testing.T) {
	db := advisory.Default()
	before := db.Generation()
	for name, data := range map[string]string{
		"not json":      `{`,
		"version":       `{"version":2,"generation":1,"advisories":[]}`,
		"unknown field": `{"version":1,"generation":1,"advisories":[],"x":1}`,
		"invalid osv":   `{"version":1,"generation":1,"advisories":[{"id":""}]}`,
		"duplicate":     `{"version":1,"generation":1,"advisories":[{"id":"A-1","modified":"2024-01-01T00:00:00Z"},{"id":"A-1","modified":"2024-01-02T00:00:00Z"}]}`,
	} {
		if err := db.Restore([]byte(data)); err == nil {
			t.Errorf("%s: Restore succeeded", name)
		}
	}
	if db.Generation() != before || db.Len() == 0 {
		t.Error("a failed Restore changed the DB")
	}
}

func FuzzRestore(f *testing.F) {
	snap, err := advisory.Default().Snapshot()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(snap)
	f.Add([]byte(`{"version":1,"generation":3,"advisories":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		db := advisory.New()
		if err := db.Restore(data); err != nil {
			return
		}
		if _, err := db.Snapshot(); err != nil {
			t.Fatalf("Snapshot after a successful Restore: %v", err)
		}
	})
}
