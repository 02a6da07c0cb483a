package managed_test

import (
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/authn/managed"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// near draws one of the given strings, the same with one character
// inserted, deleted or its case flipped, or an arbitrary string: the
// misses a lookup must tell apart from hits.
func near(known []string) *rapid.Generator[string] {
	mutated := rapid.Custom(func(t *rapid.T) string {
		s := rapid.SampledFrom(known).Draw(t, "known")
		i := rapid.IntRange(0, len(s)-1).Draw(t, "at")
		switch rapid.IntRange(0, 2).Draw(t, "op") {
		case 0:
			return s[:i] + rapid.SampledFrom([]string{"/", "-", "a", "A", " ", ":"}).Draw(t, "char") + s[i:]
		case 1:
			return s[:i] + s[i+1:]
		}
		c := s[i : i+1]
		if f := strings.ToUpper(c); f != c {
			c = f
		} else {
			c = strings.ToLower(c)
		}
		return s[:i] + c + s[i+1:]
	})
	return rapid.OneOf(rapid.SampledFrom(known), mutated, rapid.String())
}

// Get and ByARN find exactly the catalogue's names and ARNs, and agree
// with each other.
func propLookup(t *rapid.T) {
	var names, arns []string
	for _, p := range managed.All() {
		names = append(names, p.Name)
		arns = append(arns, p.ARN)
	}
	name := near(names).Draw(t, "name")
	p, ok := managed.Get(name)
	if ok != slices.Contains(names, name) {
		t.Fatalf("Get(%q) found %v, catalogue has it: %v", name, ok, !ok)
	}
	if ok {
		if p.Name != name || p.ARN != managed.ARNPrefix+p.Path+p.Name || p.Parsed == nil {
			t.Fatalf("Get(%q) = %+v", name, p)
		}
		if q, ok := managed.ByARN(p.ARN); !ok || q.Name != name {
			t.Fatalf("ByARN(Get(%q).ARN) = %v, %v", name, q, ok)
		}
	}
	arn := near(arns).Draw(t, "arn")
	q, ok := managed.ByARN(arn)
	if ok != slices.Contains(arns, arn) {
		t.Fatalf("ByARN(%q) found %v, catalogue has it: %v", arn, ok, !ok)
	}
	if ok {
		if q.ARN != arn {
			t.Fatalf("ByARN(%q).ARN = %q", arn, q.ARN)
		}
		if r, ok := managed.Get(q.Name); !ok || r.ARN != arn {
			t.Fatalf("Get(ByARN(%q).Name) = %v, %v", arn, r, ok)
		}
	}
}

// ServiceLinkedRoleFor finds exactly the table's principals, each with
// its path and an existing service-role policy.
func propServiceLinkedRoleFor(t *rapid.T) {
	var principals []string
	for _, r := range managed.ServiceLinkedRoles() {
		principals = append(principals, r.ServicePrincipal)
	}
	s := near(principals).Draw(t, "principal")
	r, ok := managed.ServiceLinkedRoleFor(s)
	if ok != slices.Contains(principals, s) {
		t.Fatalf("ServiceLinkedRoleFor(%q) found %v, table has it: %v", s, ok, !ok)
	}
	if !ok {
		return
	}
	if r.ServicePrincipal != s || r.Path != "/aws-service-role/"+s+"/" {
		t.Fatalf("ServiceLinkedRoleFor(%q) = %+v", s, r)
	}
	p, ok := r.Policy()
	if !ok || p.Path != managed.PathServiceRole {
		t.Fatalf("%s.Policy() = %v, %v", r.RoleName, p, ok)
	}
	if _, err := authz.Parse(authz.Trust, []byte(r.TrustPolicy())); err != nil {
		t.Fatalf("%s.TrustPolicy() does not parse: %v", r.RoleName, err)
	}
}

func TestLookupProperty(t *testing.T)               { rapid.Check(t, propLookup) }
func TestServiceLinkedRoleForProperty(t *testing.T) { rapid.Check(t, propServiceLinkedRoleFor) }

func FuzzLookup(f *testing.F)               { f.Fuzz(rapid.MakeFuzz(propLookup)) }
func FuzzServiceLinkedRoleFor(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propServiceLinkedRoleFor)) }

// FuzzLookupString feeds arbitrary strings to every lookup: none panics,
// and a hit is the thing asked for.
func FuzzLookupString(f *testing.F) {
	for _, p := range managed.All() {
		f.Add(p.Name)
		f.Add(p.ARN)
	}
	f.Add("inspector2.amazonaws.com")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		if p, ok := managed.Get(s); ok && p.Name != s {
			t.Fatalf("Get(%q).Name = %q", s, p.Name)
		}
		if p, ok := managed.ByARN(s); ok && p.ARN != s {
			t.Fatalf("ByARN(%q).ARN = %q", s, p.ARN)
		}
		if r, ok := managed.ServiceLinkedRoleFor(s); ok && r.ServicePrincipal != s {
			t.Fatalf("ServiceLinkedRoleFor(%q).ServicePrincipal = %q", s, r.ServicePrincipal)
		}
	})
}
