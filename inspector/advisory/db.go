package advisory

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Match is one advisory that affects a queried package version.
type Match struct {
	// Advisory is the matching advisory, shared: do not modify it.
	Advisory *Advisory
	// Affected is the advisory's first affected entry that includes the
	// version (its ecosystem_specific and per-package severity live there).
	Affected *Affected
	// Ecosystem is that entry's ecosystem as written, e.g. "Debian:12".
	Ecosystem Ecosystem
	// Package is that entry's package name as written.
	Package string
	// FixedIn is the lowest fixed version above the installed one that the
	// advisory does not itself affect, "" if there is none (no fix yet, or
	// the ranges end in last_affected).
	FixedIn string
}

// DB is an in-memory advisory database indexed for matching installed
// packages. It is safe for concurrent use: a read-write mutex inside guards
// its content, so scans (Match, AppendMatches, Get) run in parallel and
// loads wait for them.
//
// Advisories are indexed by (base ecosystem, normalised package name). The
// versions their ranges and lists mention are parsed once, when added, and
// kept per package in tables sorted by the ecosystem's ordering, so a lookup
// parses the installed version once, places it with a binary search and
// evaluates every range with integer comparisons. Lookups of known packages
// are cached until the content changes (WithMatchCache).
type DB struct {
	mu    sync.RWMutex
	byID  map[string]*record
	index map[pkgKey]*bucket
	gen   uint64
	cache *matchCache // nil when disabled; replaced whenever the content changes
	limit int64       // the cache's capacity
}

// matchCache remembers the matches of (ecosystem, package, version) queries
// of packages the DB knows, for one generation of its content. Fleets run
// the same package versions on many resources, so most lookups of a scan
// are repeats; they cost a map lookup instead of version parsing and
// comparison.
type matchCache struct {
	m sync.Map // cacheKey -> []Match (never modified once stored)
	n atomic.Int64
}

type cacheKey struct {
	eco     Ecosystem // with its release
	name    string    // normalised
	version string
}

// DefaultMatchCache is the number of distinct queries a DB remembers by
// default.
const DefaultMatchCache = 1 << 16

// Option configures a DB.
type Option func(*DB)

// WithMatchCache sets how many distinct (ecosystem, package, version)
// queries of known packages the DB remembers between changes of its
// content; 0 disables the cache. Results are the same either way.
func WithMatchCache(n int) Option {
	return func(db *DB) { db.limit = int64(max(n, 0)) }
}

type pkgKey struct {
	base Ecosystem
	name string
}

// record is one stored advisory and its entries in the index.
type record struct {
	adv     *Advisory
	entries map[pkgKey]*entry
}

// entry is one advisory's affected entries for one package key.
type entry struct {
	adv       *Advisory
	withdrawn bool
	affected  []*cAffected
}

// New returns an empty DB.
func New(opts ...Option) *DB {
	db := &DB{byID: map[string]*record{}, index: map[pkgKey]*bucket{}, limit: DefaultMatchCache}
	for _, o := range opts {
		o(db)
	}
	db.changed()
	return db
}

// changed records a change of content: a new generation and an empty cache.
// Callers hold the write lock (or own db exclusively).
func (db *DB) changed() {
	if db.limit > 0 {
		db.cache = &matchCache{}
	}
}

// Add validates a (as ParseOSV does) and stores it. If the DB already holds
// an advisory with the same ID, a replaces it only when a.Modified is later;
// otherwise Add leaves the DB unchanged and returns nil. The error wraps
// ErrInvalidAdvisory.
func (db *DB) Add(a *Advisory) error {
	c, err := compile(a)
	if err != nil {
		return err
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	db.addLocked(c)
	return nil
}

func (db *DB) addLocked(c *compiled) bool {
	a := c.adv
	if old, ok := db.byID[a.ID]; ok {
		if !a.Modified.After(old.adv.Modified) {
			return false
		}
		db.removeLocked(a.ID)
	}
	rec := &record{adv: a, entries: map[pkgKey]*entry{}}
	for _, ca := range c.affected {
		k := pkgKey{ca.base, ca.name}
		e, ok := rec.entries[k]
		if !ok {
			e = &entry{adv: a, withdrawn: !a.Withdrawn.IsZero()}
			rec.entries[k] = e
		}
		e.affected = append(e.affected, ca)
	}
	for k, e := range rec.entries {
		b := db.index[k]
		if b == nil {
			b = &bucket{scheme: schemeOf(k.base)}
			db.index[k] = b
		}
		for _, ca := range e.affected {
			b.bind(ca)
		}
		i, _ := slices.BinarySearchFunc(b.entries, a.ID, func(e *entry, id string) int { return strings.Compare(e.adv.ID, id) })
		b.entries = slices.Insert(b.entries, i, e)
	}
	db.byID[a.ID] = rec
	db.gen++
	db.changed()
	return true
}

// Remove deletes the advisory with the given ID and reports whether there
// was one.
func (db *DB) Remove(id string) bool {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.removeLocked(id)
}

func (db *DB) removeLocked(id string) bool {
	rec, ok := db.byID[id]
	if !ok {
		return false
	}
	for k, e := range rec.entries {
		b := db.index[k]
		for _, ca := range e.affected {
			b.unbind(ca)
		}
		b.entries = slices.DeleteFunc(b.entries, func(x *entry) bool { return x == e })
		if len(b.entries) == 0 {
			delete(db.index, k)
		}
	}
	delete(db.byID, id)
	db.gen++
	db.changed()
	return true
}

// Get returns the advisory with the given ID.
func (db *DB) Get(id string) (*Advisory, bool) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	rec, ok := db.byID[id]
	if !ok {
		return nil, false
	}
	return rec.adv, true
}

// Len returns the number of advisories, withdrawn ones included.
func (db *DB) Len() int {
	db.mu.RLock()
	defer db.mu.RUnlock()
	return len(db.byID)
}

// Generation returns a number that changes whenever the content changes (an
// advisory added, replaced or removed), so a scanner can tell that its
// results are stale and rescan.
func (db *DB) Generation() uint64 {
	db.mu.RLock()
	defer db.mu.RUnlock()
	return db.gen
}

// Advisories returns every advisory, sorted by ID.
func (db *DB) Advisories() []*Advisory {
	db.mu.RLock()
	out := make([]*Advisory, 0, len(db.byID))
	for _, rec := range db.byID {
		out = append(out, rec.adv)
	}
	db.mu.RUnlock()
	slices.SortFunc(out, func(a, b *Advisory) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// LoadFS parses every file of fsys matching the fs.Glob pattern as one OSV
// advisory and adds them all, or none: if any file fails to read or parse,
// the DB is unchanged and the error names every failing file (wrapping
// ErrInvalidAdvisory for parse failures). A pattern matching no file is an
// error wrapping fs.ErrNotExist.
func (db *DB) LoadFS(fsys fs.FS, pattern string) error {
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return fmt.Errorf("advisory: load %q: %w", pattern, err)
	}
	if len(names) == 0 {
		return fmt.Errorf("advisory: load %q: no files match: %w", pattern, fs.ErrNotExist)
	}
	var errs []error
	batch := make([]*compiled, 0, len(names))
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, fmt.Errorf("advisory: %s: %w", name, err))
			continue
		}
		c, err := parseOSV(data)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		batch = append(batch, c)
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	for _, c := range batch {
		db.addLocked(c)
	}
	return nil
}

// LoadFile parses the file at path as one OSV advisory and adds it.
func (db *DB) LoadFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("advisory: %w", err)
	}
	c, err := parseOSV(data)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	db.addLocked(c)
	return nil
}

// Match returns the advisories that affect version of package name in
// ecosystem eco, sorted by advisory ID. eco may carry a release ("Debian:12"):
// entries for that release and release-less entries ("Debian") both apply;
// without a release only release-less entries apply. The name is normalised
// as the ecosystem does (PyPI per PEP 503). Withdrawn advisories never
// match. An unsupported ecosystem matches nothing; a version that does not
// parse in the ecosystem matches only entries listing it verbatim in
// versions.
func (db *DB) Match(eco Ecosystem, name, version string) []Match {
	return db.AppendMatches(nil, eco, name, version)
}

// AppendMatches is Match appending to dst, for scans that reuse one slice
// and so do not allocate when nothing matches.
func (db *DB) AppendMatches(dst []Match, eco Ecosystem, name, version string) []Match {
	base, release := eco, ""
	if i := strings.IndexByte(string(eco), ':'); i >= 0 {
		base, release = eco[:i], string(eco[i+1:])
	}
	if schemeOf(base) == schemeNone {
		return dst
	}
	key := pkgKey{base, NormalizeName(base, name)}
	db.mu.RLock()
	defer db.mu.RUnlock()
	b := db.index[key]
	if b == nil {
		return dst
	}
	c := db.cache
	ck := cacheKey{eco, key.name, version}
	if c != nil {
		if ms, ok := c.m.Load(ck); ok {
			return append(dst, ms.([]Match)...)
		}
	}
	start := len(dst)
	p := probe{raw: version, b: b}
	for _, e := range b.entries {
		if e.withdrawn {
			continue
		}
		if m, ok := e.match(&p, release); ok {
			dst = append(dst, m)
		}
	}
	if c != nil && c.n.Load() < db.limit {
		// Copies, so the cache does not pin the caller's buffers.
		ck = cacheKey{Ecosystem(strings.Clone(string(eco))), strings.Clone(ck.name), strings.Clone(version)}
		if _, loaded := c.m.LoadOrStore(ck, slices.Clip(slices.Clone(dst[start:]))); !loaded {
			c.n.Add(1)
		}
	}
	return dst
}

// applies reports whether an entry for release r applies to a query for
// release q.
func applies(entryRelease, queryRelease string) bool {
	return entryRelease == "" || entryRelease == queryRelease
}

// includes reports whether the entry lists or ranges over the probe.
func (ca *cAffected) includes(p *probe) bool {
	for i := range ca.ranges {
		r := &ca.ranges[i]
		if rv, ok := p.rankIn(p.b.table(r.scheme)); ok && r.includes(rv) {
			return true
		}
	}
	for i := range ca.versions {
		cv := &ca.versions[i]
		if cv.cls != nil {
			if rv, ok := p.rankIn(0); ok {
				if rv == cv.cls.rank {
					return true
				}
				continue
			}
		}
		if cv.raw == p.raw {
			return true
		}
	}
	return false
}

func (e *entry) match(p *probe, release string) (Match, bool) {
	var first *cAffected
	for _, ca := range e.affected {
		if applies(ca.release, release) && ca.includes(p) {
			first = ca
			break
		}
	}
	if first == nil {
		return Match{}, false
	}
	return Match{
		Advisory:  e.adv,
		Affected:  first.src,
		Ecosystem: first.eco,
		Package:   first.src.Package.Name,
		FixedIn:   e.fixedIn(p, release),
	}, true
}

// fixedIn returns the lowest fixed event above the probe, among the
// applicable entries, that the applicable entries do not include.
func (e *entry) fixedIn(p *probe, release string) string {
	var best *cEvent
	bestT := 0
	for _, ca := range e.affected {
		if !applies(ca.release, release) {
			continue
		}
		for i := range ca.ranges {
			r := &ca.ranges[i]
			t := p.b.table(r.scheme)
			rv, ok := p.rankIn(t)
			if !ok {
				continue
			}
			for j := range r.events {
				ev := &r.events[j]
				if ev.kind != evFixed || ev.cls.rank <= rv {
					continue
				}
				if best != nil && !lowerFix(p.b, ev, t, best, bestT) {
					continue
				}
				cand := probe{raw: ev.raw, b: p.b}
				cand.done[t], cand.ok[t], cand.rank[t] = true, true, ev.cls.rank
				if e.affects(&cand, release) {
					continue
				}
				best, bestT = ev, t
			}
		}
	}
	if best == nil {
		return ""
	}
	return best.raw
}

// lowerFix reports whether fixed event a (of table at) is below fixed event
// b (of table bt). Across tables (an ECOSYSTEM and a SEMVER range of one
// package) a is placed in b's table; if it does not parse there it is not
// lower.
func lowerFix(bk *bucket, a *cEvent, at int, b *cEvent, bt int) bool {
	if at == bt {
		return a.cls.rank < b.cls.rank
	}
	p := probe{raw: a.raw, b: bk}
	r, ok := p.rankIn(bt)
	return ok && r < b.cls.rank
}

func (e *entry) affects(p *probe, release string) bool {
	for _, ca := range e.affected {
		if applies(ca.release, release) && ca.includes(p) {
			return true
		}
	}
	return false
}
