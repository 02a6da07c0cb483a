package advisory

import "slices"

// A rankTable holds every distinct version (by the ecosystem's ordering)
// that the advisories of one package mention, sorted. Each class of equal
// versions has a rank, so a queried version is placed among them with a
// binary search (O(log n) comparisons by the version library) and every
// event test after that is an integer comparison.
//
// Class i has rank 2i+1; a version between classes i-1 and i ranks 2i.
type rankTable struct {
	classes []*vclass
}

// vclass is one class of equal versions in a rankTable.
type vclass struct {
	v    version
	rank int32
	refs int32 // events and versions bound to it
}

// search returns the index of the first class not below v and whether it
// equals v.
func (t *rankTable) search(v version) (int, bool) {
	return slices.BinarySearchFunc(t.classes, v, func(c *vclass, v version) int { return c.v.compare(v) })
}

// locate returns v's rank.
func (t *rankTable) locate(v version) int32 {
	i, found := t.search(v)
	if found {
		return int32(2*i + 1)
	}
	return int32(2 * i)
}

// intern returns v's class, adding one if needed.
func (t *rankTable) intern(v version) *vclass {
	i, found := t.search(v)
	if found {
		c := t.classes[i]
		c.refs++
		return c
	}
	c := &vclass{v: v, refs: 1}
	t.classes = slices.Insert(t.classes, i, c)
	t.renumber(i)
	return c
}

// release drops one reference to c, removing it when none is left.
func (t *rankTable) release(c *vclass) {
	c.refs--
	if c.refs > 0 {
		return
	}
	i := int(c.rank / 2)
	if i < len(t.classes) && t.classes[i] == c {
		t.classes = slices.Delete(t.classes, i, i+1)
		t.renumber(i)
	}
}

func (t *rankTable) renumber(from int) {
	for i := from; i < len(t.classes); i++ {
		t.classes[i].rank = int32(2*i + 1)
	}
}

// bucket is everything indexed under one (base ecosystem, package name):
// the entries, sorted by advisory ID, and the rank tables of their versions,
// one for the ecosystem's scheme and one for SEMVER ranges when the
// ecosystem's scheme is another.
type bucket struct {
	scheme  scheme // the package ecosystem's scheme
	entries []*entry
	tables  [2]rankTable
}

// table returns the index of the table for versions of scheme s.
func (b *bucket) table(s scheme) int {
	if s == b.scheme {
		return 0
	}
	return 1
}

func (b *bucket) schemeOf(t int) scheme {
	if t == 0 {
		return b.scheme
	}
	return schemeSemver
}

// bind interns every version of ca into the bucket's tables.
func (b *bucket) bind(ca *cAffected) {
	for i := range ca.ranges {
		r := &ca.ranges[i]
		t := &b.tables[b.table(r.scheme)]
		for j := range r.events {
			if e := &r.events[j]; e.v != nil {
				e.cls = t.intern(e.v)
			}
		}
		for j := range r.limits {
			r.limits[j].cls = t.intern(r.limits[j].v)
		}
	}
	for i := range ca.versions {
		if cv := &ca.versions[i]; cv.v != nil {
			cv.cls = b.tables[0].intern(cv.v)
		}
	}
}

// unbind releases what bind interned.
func (b *bucket) unbind(ca *cAffected) {
	for i := range ca.ranges {
		r := &ca.ranges[i]
		t := &b.tables[b.table(r.scheme)]
		for j := range r.events {
			if e := &r.events[j]; e.cls != nil {
				t.release(e.cls)
				e.cls = nil
			}
		}
		for j := range r.limits {
			t.release(r.limits[j].cls)
			r.limits[j].cls = nil
		}
	}
	for i := range ca.versions {
		if cv := &ca.versions[i]; cv.cls != nil {
			b.tables[0].release(cv.cls)
			cv.cls = nil
		}
	}
}

// probe is a version being evaluated against a bucket: the queried one, or
// a fixed version tested for being itself affected. Its rank in each table
// is found lazily.
type probe struct {
	raw  string
	b    *bucket
	done [2]bool
	ok   [2]bool
	rank [2]int32
}

// rankIn returns the probe's rank in table t, false if it does not parse in
// that table's scheme.
func (p *probe) rankIn(t int) (int32, bool) {
	if !p.done[t] {
		p.done[t] = true
		s := p.b.schemeOf(t)
		raw := p.raw
		if s == schemeSemver && p.b.scheme == schemeGo {
			raw = trimV(raw)
		}
		if v, err := parseVersion(s, raw); err == nil {
			p.ok[t], p.rank[t] = true, p.b.tables[t].locate(v)
		}
	}
	return p.rank[t], p.ok[t]
}

func trimV(s string) string {
	if len(s) > 0 && s[0] == 'v' {
		return s[1:]
	}
	return s
}
