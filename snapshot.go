package awsaccess

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

// snapshotVersion is the version of the snapshot format Snapshot writes
// and Restore reads.
const snapshotVersion = 1

// stateful is what each service of the Cloud implements for snapshots: its
// whole state as JSON, and the inverse on a freshly built service.
type stateful interface {
	Snapshot() ([]byte, error)
	Restore([]byte) error
}

// part is one stateful service of a Cloud, by its name in a snapshot.
type part struct {
	name string
	s    stateful
}

// parts are the Cloud's stateful services in snapshot order. The advisory
// database comes before Inspector, which remembers the generation of the
// database it last scanned.
func (c *Cloud) parts() []part {
	return []part{
		{"advisories", c.cfg.Advisories},
		{"iam", c.dir},
		{"organizations", c.org},
		{"inspector2", c.inspector},
		{"inspector", c.classic},
	}
}

// streamNames name the Cloud's random streams in a snapshot, by index.
var streamNames = [...]string{1: "iam", 2: "organizations", 3: "inspector2", 4: "inspector", 5: "requestIds"}

// cloudSnapshot is the JSON form of a snapshot, the services' states
// embedded as they wrote them.
type cloudSnapshot struct {
	Version   int               `json:"version"`
	Partition string            `json:"partition"`
	Regions   []string          `json:"regions"`
	Seed      uint64            `json:"seed"`
	Random    map[string]string `json:"random"` // stream name -> base64 of the ChaCha8 state
	Audit     auditSnapshot     `json:"audit"`
	// Services: "advisories", "iam", "organizations", "inspector2",
	// "inspector" (Classic).
	Services map[string]json.RawMessage `json:"services"`
}

// auditSnapshot is the audit trail in a snapshot: its events, oldest first,
// and its counters.
type auditSnapshot struct {
	Total   uint64       `json:"total"`
	Dropped uint64       `json:"dropped"`
	Events  []AuditEvent `json:"events"`
}

// Snapshot returns the whole world as JSON: the partition, regions and
// seed; every account's identities, credentials and sessions (iam); the
// organization (organizations); Inspector in every region with its
// resources, findings and rules (inspector2); Inspector Classic
// (inspector); the advisory database; the audit trail; and the state of
// every random stream, so that a Cloud restored from it ([Restore]) and
// given the same calls answers them exactly as this one would, ids, keys,
// tokens and request ids included.
//
// Calls through the Handler wait while a snapshot is taken, so it is one
// consistent moment. Calls made directly on the services (Cloud.IAM(),
// Cloud.Inspector(), ...) are not paused: each service's part is
// consistent in itself, but take the snapshot when no such call is in
// flight if the parts must agree with one another.
func (c *Cloud) Snapshot() ([]byte, error) {
	c.gate.Lock()
	defer c.gate.Unlock()
	s := cloudSnapshot{
		Version:   snapshotVersion,
		Partition: c.cfg.Partition,
		Regions:   c.cfg.Regions,
		Seed:      c.cfg.Seed,
		Random:    map[string]string{},
		Services:  map[string]json.RawMessage{},
	}
	for i, r := range c.streams {
		if r == nil || i == 5 {
			continue
		}
		b, err := r.MarshalBinary()
		if err != nil {
			return nil, fmt.Errorf("awsaccess: snapshot: random stream %s: %w", streamNames[i], err)
		}
		s.Random[streamNames[i]] = base64.StdEncoding.EncodeToString(b)
	}
	c.idMu.Lock()
	b, err := c.idRNG.MarshalBinary()
	c.idMu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("awsaccess: snapshot: request ids: %w", err)
	}
	s.Random[streamNames[5]] = base64.StdEncoding.EncodeToString(b)
	for _, p := range c.parts() {
		data, err := p.s.Snapshot()
		if err != nil {
			return nil, fmt.Errorf("awsaccess: snapshot: %s: %w", p.name, err)
		}
		s.Services[p.name] = data
	}
	s.Audit = c.audit.snapshot()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&s); err != nil {
		return nil, fmt.Errorf("awsaccess: snapshot: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Restore builds a Cloud from cfg and a snapshot taken by
// [Cloud.Snapshot]. cfg supplies what a snapshot does not hold: the clock,
// the logger, limits such as MaxBodyBytes and AuditCapacity, and the
// advisory database to restore into (nil means a new one). Its Partition,
// Regions and Seed, when set, must be the snapshot's; left zero, they are
// taken from it.
//
// The restored Cloud continues exactly where the snapshotted one was: the
// same calls, at the same clock readings, give the same results, ids and
// tokens. A malformed snapshot, or one whose parts do not hold together,
// is an error; Restore never panics on bad input.
func Restore(cfg Config, data []byte) (*Cloud, error) {
	var s cloudSnapshot
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("awsaccess: restore: %w", err)
	}
	if s.Version != snapshotVersion {
		return nil, fmt.Errorf("awsaccess: restore: snapshot version %d, want %d", s.Version, snapshotVersion)
	}
	switch {
	case s.Partition == "" || len(s.Regions) == 0:
		return nil, errors.New("awsaccess: restore: the snapshot names no partition or regions")
	case cfg.Partition != "" && cfg.Partition != s.Partition:
		return nil, fmt.Errorf("awsaccess: restore: Config.Partition %q, the snapshot's is %q", cfg.Partition, s.Partition)
	case len(cfg.Regions) > 0 && !slices.Equal(cfg.Regions, s.Regions):
		return nil, fmt.Errorf("awsaccess: restore: Config.Regions %v, the snapshot's are %v", cfg.Regions, s.Regions)
	case cfg.Seed != 0 && cfg.Seed != s.Seed:
		return nil, fmt.Errorf("awsaccess: restore: Config.Seed %d, the snapshot's is %d", cfg.Seed, s.Seed)
	}
	cfg.Partition, cfg.Regions, cfg.Seed = s.Partition, slices.Clone(s.Regions), s.Seed
	if cfg.Advisories == nil {
		cfg.Advisories = advisory.New()
	}
	c := New(cfg)
	for name := range s.Services {
		if !slices.ContainsFunc(c.parts(), func(p part) bool { return p.name == name }) {
			return nil, fmt.Errorf("awsaccess: restore: unknown service %q in the snapshot", name)
		}
	}
	for i, name := range streamNames {
		if name == "" {
			continue
		}
		enc, ok := s.Random[name]
		if !ok {
			return nil, fmt.Errorf("awsaccess: restore: no state for the random stream %q", name)
		}
		raw, err := base64.StdEncoding.DecodeString(enc)
		if err != nil {
			return nil, fmt.Errorf("awsaccess: restore: random stream %q: %w", name, err)
		}
		if err := c.streams[i].UnmarshalBinary(raw); err != nil {
			return nil, fmt.Errorf("awsaccess: restore: random stream %q: %w", name, err)
		}
	}
	for _, p := range c.parts() {
		data, ok := s.Services[p.name]
		if !ok {
			return nil, fmt.Errorf("awsaccess: restore: the snapshot has no %q state", p.name)
		}
		if err := p.s.Restore(data); err != nil {
			return nil, fmt.Errorf("awsaccess: restore: %s: %w", p.name, err)
		}
	}
	if err := c.audit.restore(s.Audit); err != nil {
		return nil, fmt.Errorf("awsaccess: restore: audit trail: %w", err)
	}
	return c, nil
}

// snapshot returns the log's events, oldest first, and counters.
func (l *AuditLog) snapshot() auditSnapshot {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := auditSnapshot{Total: l.total, Dropped: l.dropped, Events: make([]AuditEvent, 0, l.n)}
	for i := 0; i < l.n; i++ {
		s.Events = append(s.Events, l.events[(l.start+i)%len(l.events)])
	}
	return s
}

// restore replaces the log's content with a snapshot's; when the snapshot
// holds more events than the log's capacity, the oldest are dropped.
func (l *AuditLog) restore(s auditSnapshot) error {
	if uint64(len(s.Events)) > s.Total || s.Dropped > s.Total {
		return fmt.Errorf("%d events and %d dropped of %d in total", len(s.Events), s.Dropped, s.Total)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	events := s.Events
	dropped := s.Dropped
	if over := len(events) - len(l.events); over > 0 {
		events = events[over:]
		dropped += uint64(over)
	}
	clear(l.events)
	copy(l.events, events)
	l.start, l.n, l.total, l.dropped = 0, len(events), s.Total, dropped
	return nil
}
