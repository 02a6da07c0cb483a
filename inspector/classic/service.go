package classic

import (
	crand "crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	mrand "math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

// ServicePrincipal is Inspector Classic's service principal, which its
// service-linked role trusts.
const ServicePrincipal = "inspector.amazonaws.com"

// ServiceLinkedRoleName is the name of Inspector Classic's service-linked
// role.
const ServiceLinkedRoleName = "AWSServiceRoleForAmazonInspector"

// Identities creates the service-linked role in the identity layer.
type Identities interface {
	// CreateServiceLinkedRole creates the service-linked role of the
	// service principal in the account; it succeeds when the role exists.
	CreateServiceLinkedRole(accountID, servicePrincipal string) error
}

// The limits of one account in one region (Amazon Inspector Classic
// service limits). AWS publishes no limit of resource groups or event
// subscriptions; the model has none unless Limits sets one.
const (
	DefaultMaxAssessmentTargets          = 50
	DefaultMaxAssessmentTemplates        = 500
	DefaultMaxAssessmentRuns             = 50000
	DefaultMaxAgentsInRunningAssessments = 500
)

// Limits overrides the limits of one account in one region; a zero field
// means the default (for ResourceGroups and EventSubscriptions: no limit).
type Limits struct {
	AssessmentTargets   int
	AssessmentTemplates int
	AssessmentRuns      int
	// AgentsInRunningAssessments bounds the EC2 instances taking part in
	// assessment runs in progress.
	AgentsInRunningAssessments int
	ResourceGroups             int
	// EventSubscriptions bounds the (template, topic, event) subscriptions.
	EventSubscriptions int
}

// Config configures a Service. Every field is optional.
type Config struct {
	// Now is the clock; nil means time.Now. Assessment runs and exclusions
	// previews advance when a call finds the clock past their next step.
	Now func() time.Time
	// Rand seeds the ids of resources, findings and preview tokens; nil
	// means crypto/rand. 32 bytes are read once, by New; the same seed and
	// the same calls give the same ids.
	Rand io.Reader
	// Partition is "aws" when empty.
	Partition string
	// Regions are the regions Inspector Classic is offered in; they must
	// be regions of the partition that had it (see Regions). Calls for any
	// other region fail with UnsupportedFeatureException. Empty means every
	// region of the partition.
	Regions []string
	// Authorizer checks every call's IAM permissions; nil allows all.
	Authorizer authz.Authorizer
	// Identities creates the service-linked role; nil skips creating it.
	Identities Identities
	// Instances supplies the EC2 instances of each account and region,
	// besides those registered with PutInstance; nil means none.
	Instances Instances
	// Advisories is the advisory database of the CVE rules package; nil
	// means an empty one.
	Advisories *advisory.DB
	// Limits overrides the service limits.
	Limits Limits
}

// Service is Amazon Inspector Classic for every account of a partition,
// per region.
//
// A Service is safe for concurrent use: one mutex guards all its state. It
// never calls the Authorizer, Identities or Instances while holding it:
// each operation validates its input and authorizes the caller first, then
// takes the lock, advances the assessment runs of the account and region
// to the current time and applies its change. StartAssessmentRun and the
// previews release the lock while they read the EC2 inventory and scan it,
// and check their preconditions again afterwards.
type Service struct {
	now        func() time.Time
	partition  string
	regions    map[string]bool
	authorizer authz.Authorizer
	identities Identities
	instances  Instances
	db         *advisory.DB
	limits     Limits

	mu         sync.Mutex
	src        *mrand.ChaCha8 // rng's source, kept for Snapshot
	rng        *mrand.Rand
	seq        uint64
	scopes     map[scopeKey]*scope
	slr        map[string]time.Time // accounts whose service-linked role exists -> when it was made
	registered map[scopeKey]map[string]Instance
}

type scopeKey struct{ region, account string }

// New returns a Service with no resources.
func New(cfg Config) *Service {
	s := &Service{
		now:        cfg.Now,
		partition:  cfg.Partition,
		authorizer: cfg.Authorizer,
		identities: cfg.Identities,
		instances:  cfg.Instances,
		db:         cfg.Advisories,
		limits:     cfg.Limits,
		regions:    make(map[string]bool),
		scopes:     make(map[scopeKey]*scope),
		slr:        make(map[string]time.Time),
		registered: make(map[scopeKey]map[string]Instance),
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.partition == "" {
		s.partition = "aws"
	}
	if s.db == nil {
		s.db = advisory.New()
	}
	l := &s.limits
	l.AssessmentTargets = cmpOr(l.AssessmentTargets, DefaultMaxAssessmentTargets)
	l.AssessmentTemplates = cmpOr(l.AssessmentTemplates, DefaultMaxAssessmentTemplates)
	l.AssessmentRuns = cmpOr(l.AssessmentRuns, DefaultMaxAssessmentRuns)
	l.AgentsInRunningAssessments = cmpOr(l.AgentsInRunningAssessments, DefaultMaxAgentsInRunningAssessments)
	names := cfg.Regions
	if len(names) == 0 {
		names = Regions(s.partition)
	}
	for _, r := range names {
		if rr, ok := rulesByRegion[r]; ok && rr.partition == s.partition {
			s.regions[r] = true
		}
	}
	src := cfg.Rand
	if src == nil {
		src = crand.Reader
	}
	var seed [32]byte
	_, _ = io.ReadFull(src, seed[:]) // a short reader leaves zeros: still a seed
	s.src = mrand.NewChaCha8(seed)
	s.rng = mrand.New(s.src)
	return s
}

func cmpOr(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

// Partition returns the service's partition.
func (s *Service) Partition() string { return s.partition }

// SupportedRegions returns the regions the service is offered in, sorted.
func (s *Service) SupportedRegions() []string {
	out := make([]string, 0, len(s.regions))
	for r := range s.regions {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

// Now returns the service's clock reading.
func (s *Service) Now() time.Time { return s.now() }

// scope is the state of one account in one region.
type scope struct {
	region, account string
	prefix          string // arn:<partition>:inspector:<region>:<account>:

	groups    map[string]*resourceGroup // by ARN
	targets   map[string]*target        // by ARN
	templates map[string]*template      // by ARN
	runs      map[string]*run           // by ARN
	findings  map[string]*finding       // by ARN, published findings only
	excls     map[string]*exclusion     // by ARN

	targetList   []*target   // creation order
	templateList []*template // creation order
	runList      []*run      // creation order
	findingList  []*finding  // publication order (seq)
	groupCount   int

	active  []*run // runs in progress
	subs    []*subscription
	role    *crossAccountRole
	preview map[string]*preview // by token
}

// scopeLocked returns the state of an account in a region, creating it.
func (s *Service) scopeLocked(region, account string) *scope {
	k := scopeKey{region, account}
	sc := s.scopes[k]
	if sc == nil {
		sc = s.newScope(region, account)
		s.scopes[k] = sc
	}
	return sc
}

// newScope returns the empty state of an account in a region.
func (s *Service) newScope(region, account string) *scope {
	return &scope{
		region: region, account: account,
		prefix:    "arn:" + s.partition + ":inspector:" + region + ":" + account + ":",
		groups:    make(map[string]*resourceGroup),
		targets:   make(map[string]*target),
		templates: make(map[string]*template),
		runs:      make(map[string]*run),
		findings:  make(map[string]*finding),
		excls:     make(map[string]*exclusion),
		preview:   make(map[string]*preview),
	}
}

// call is one operation in progress.
type call struct {
	s       *Service
	caller  *authz.Principal
	region  string
	account string
	op      string
	denied  AccessDeniedErrorCode // the errorCode of an IAM denial
}

// begin checks the caller and the region.
func (s *Service) begin(caller *authz.Principal, region, op string, denied AccessDeniedErrorCode) (*call, error) {
	c := &call{s: s, caller: caller, region: region, op: op, denied: denied}
	if caller == nil || caller.Account == "" {
		return nil, errDenied(denied, "The request has no caller identity.")
	}
	if !s.regions[region] {
		return nil, errUnsupported("Amazon Inspector Classic is not available in the %s region.", region)
	}
	c.account = caller.Account
	return c, nil
}

// authorize asks the Authorizer whether the caller may call the operation
// (inspector:<Operation> on "*": Inspector Classic has no resource-level
// permissions) and whatever extra checks the operation needs. A denial
// becomes AccessDeniedException with IAM's message.
func (c *call) authorize(extra ...authz.Check) error {
	if c.s.authorizer == nil {
		return nil
	}
	checks := append([]authz.Check{{Action: "inspector:" + c.op, Resource: "*"}}, extra...)
	err := c.s.authorizer.Authorize(c.caller, checks...)
	if err == nil {
		return nil
	}
	msg := err.Error()
	var ae *authz.Error
	if errors.As(err, &ae) {
		msg = ae.Message
	}
	e := errDenied(c.denied, "%s", msg)
	e.Cause = err
	return e
}

// lock takes the service lock, advances the account's state in the
// region to now, and returns the scope and now.
func (c *call) lock() (*scope, time.Time) {
	c.s.mu.Lock()
	now := c.s.now()
	sc := c.s.scopeLocked(c.region, c.account)
	c.s.advanceLocked(sc, now)
	return sc, now
}

func (c *call) unlock() { c.s.mu.Unlock() }

// Ids.

const idAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// newIDLocked returns a resource id as Inspector Classic writes them:
// "0-" and eight letters or digits.
func (s *Service) newIDLocked() string {
	var b [10]byte
	b[0], b[1] = '0', '-'
	for i := 2; i < len(b); i++ {
		b[i] = idAlphabet[s.rng.IntN(len(idAlphabet))]
	}
	return string(b[:])
}

// newUUIDLocked returns a random (version 4) UUID.
func (s *Service) newUUIDLocked() string {
	var u [16]byte
	for i := 0; i < 16; i += 8 {
		v := s.rng.Uint64()
		for j := 0; j < 8; j++ {
			u[i+j] = byte(v >> (8 * j))
		}
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	var out [36]byte
	hex.Encode(out[0:8], u[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], u[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], u[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], u[8:10])
	out[23] = '-'
	hex.Encode(out[24:], u[10:])
	return string(out[:])
}

func (s *Service) nextSeqLocked() uint64 {
	s.seq++
	return s.seq
}
