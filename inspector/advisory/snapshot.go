package advisory

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// snapshotV1 is the JSON form of a DB's content: its generation and every
// advisory in OSV form, sorted by ID.
type snapshotV1 struct {
	Version    int               `json:"version"`
	Generation uint64            `json:"generation"`
	Advisories []json.RawMessage `json:"advisories"`
}

// Snapshot returns the DB's content as JSON: every advisory in OSV form,
// sorted by ID, and the generation counter, so that a scanner restored
// alongside the DB (which remembers the generation it last scanned) sees
// the same content it saw before. It holds the DB's read lock.
func (db *DB) Snapshot() ([]byte, error) {
	db.mu.RLock()
	s := snapshotV1{Version: 1, Generation: db.gen, Advisories: make([]json.RawMessage, 0, len(db.byID))}
	ids := make([]string, 0, len(db.byID))
	for id := range db.byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		raw, err := json.Marshal(db.byID[id].adv)
		if err != nil {
			db.mu.RUnlock()
			return nil, fmt.Errorf("advisory: snapshot %s: %w", id, err)
		}
		s.Advisories = append(s.Advisories, raw)
	}
	db.mu.RUnlock()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&s); err != nil {
		return nil, fmt.Errorf("advisory: snapshot: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Restore replaces the DB's content with a snapshot's: its advisories
// (each validated as ParseOSV does) and its generation. A malformed
// snapshot, an invalid advisory or a duplicate ID is an error and leaves
// the DB unchanged.
func (db *DB) Restore(data []byte) error {
	var s snapshotV1
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return fmt.Errorf("advisory: restore: %w", err)
	}
	if s.Version != 1 {
		return fmt.Errorf("advisory: restore: snapshot version %d, want 1", s.Version)
	}
	next := &DB{byID: map[string]*record{}, index: map[pkgKey]*bucket{}, limit: db.limit}
	for i, raw := range s.Advisories {
		c, err := parseOSV(raw)
		if err != nil {
			return fmt.Errorf("advisory: restore: advisory %d: %w", i, err)
		}
		if _, dup := next.byID[c.adv.ID]; dup {
			return fmt.Errorf("advisory: restore: advisory %q appears twice", c.adv.ID)
		}
		next.addLocked(c)
	}
	db.mu.Lock()
	db.byID, db.index, db.gen = next.byID, next.index, s.Generation
	db.changed()
	db.mu.Unlock()
	return nil
}
