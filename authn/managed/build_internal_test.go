package managed

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// build must serve the documents that parse and report, without
// panicking, those that are missing, malformed, too large or unknown.
func TestBuildReportsBadDocuments(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, e := range entries {
		doc, err := documents.ReadFile("policies/" + e.name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		fsys["policies/"+e.name+".json"] = &fstest.MapFile{Data: doc}
	}
	delete(fsys, "policies/IAMFullAccess.json")
	fsys["policies/IAMReadOnlyAccess.json"] = &fstest.MapFile{Data: []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"iam:Get*","Resource":"*"}]}`)}
	fsys["policies/PowerUserAccess.json"] = &fstest.MapFile{Data: []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:Get*","Resource":"` + "arn:aws:s3:::" + strings.Repeat("x", 1<<20) + `"}]}`)}
	fsys["policies/Stray.json"] = &fstest.MapFile{Data: []byte(`{}`)}

	c := build(fsys)
	if c.err == nil {
		t.Fatal("build err = nil, want the failures")
	}
	for _, want := range []string{"IAMFullAccess", "IAMReadOnlyAccess", "PowerUserAccess", "policies/Stray.json"} {
		if !strings.Contains(c.err.Error(), want) {
			t.Errorf("build err = %q, want it to name %s", c.err, want)
		}
	}
	if !errors.Is(c.err, authz.ErrMalformedPolicy) || !errors.Is(c.err, authz.ErrPolicyTooLarge) {
		t.Errorf("build err = %v, want it to wrap ErrMalformedPolicy and ErrPolicyTooLarge", c.err)
	}
	for _, name := range []string{"IAMFullAccess", "IAMReadOnlyAccess", "PowerUserAccess"} {
		if _, ok := c.byName[name]; ok {
			t.Errorf("%s is served though its document failed", name)
		}
	}
	if got, want := len(c.all), len(entries)-3; got != want {
		t.Errorf("build served %d policies, want %d", got, want)
	}
	if _, ok := c.byARN["arn:aws:iam::aws:policy/ReadOnlyAccess"]; !ok {
		t.Error("ReadOnlyAccess is not served")
	}
}

func TestBuildEmbedded(t *testing.T) {
	c := build(documents)
	if c.err != nil {
		t.Fatalf("build(embedded) err = %v", c.err)
	}
	if len(c.all) != len(entries) || len(c.byName) != len(entries) || len(c.byARN) != len(entries) {
		t.Errorf("build(embedded) has %d/%d/%d policies, want %d", len(c.all), len(c.byName), len(c.byARN), len(entries))
	}
}
