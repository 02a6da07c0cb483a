package inspector

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	mrand "math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

// ServicePrincipal is Inspector's service principal, under which it is
// registered with Organizations and its service-linked role is created.
const ServicePrincipal = "inspector2.amazonaws.com"

// ServiceLinkedRoleName is the name of Inspector's service-linked role.
const ServiceLinkedRoleName = "AWSServiceRoleForAmazonInspector2"

// Delays of the status machines. Transitional statuses last this long and
// are advanced lazily: every call first moves every status whose delay has
// passed on the injected clock to its final status, in order of the time it
// became due.
const (
	// EnableDelay: a scan type stays ENABLING this long, then is ENABLED and
	// its resources are scanned.
	EnableDelay = time.Minute
	// DisableDelay: a scan type stays DISABLING this long, then is DISABLED
	// and its findings are deleted.
	DisableDelay = time.Minute
	// SuspendDelay: a scan type stays SUSPENDING this long, then is
	// SUSPENDED.
	SuspendDelay = time.Minute
	// AdminDisableDelay: a delegated administrator stays
	// DISABLE_IN_PROGRESS this long after DisableDelegatedAdminAccount.
	AdminDisableDelay = time.Minute
)

// Finding lifecycle (Amazon Inspector User Guide, "Understanding findings").
const (
	// ReopenWindow: a closed finding whose problem is detected again within
	// this window is reopened (same ARN, status ACTIVE); later, a new
	// finding is created.
	ReopenWindow = 7 * 24 * time.Hour
	// ClosedRetention: closed findings are deleted this long after closing.
	ClosedRetention = 30 * 24 * time.Hour
	// TerminatedRetention: findings of a removed resource are closed at once
	// and deleted this long after.
	TerminatedRetention = 3 * 24 * time.Hour
)

// Quotas.
const (
	// MaxMembers is how many members a delegated administrator can manage
	// (Amazon Inspector User Guide, "Designating a delegated administrator").
	MaxMembers = 10000
	// MaxFiltersPerOwner is how many filters an account or organization may
	// own in a region. AWS does not publish the quota; 500 is an assumption.
	MaxFiltersPerOwner = 500
)

// MemberAccount is an account of an organization as Organizations reports
// it: its id and status (ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED).
type MemberAccount struct {
	AccountID string
	Status    string
}

// Organizations is what Inspector needs of AWS Organizations. Package org
// implements it (through an adapter in the composition root); calls that
// change the organization take the caller, so that Organizations checks
// its own rules and the caller's IAM permissions.
type Organizations interface {
	// ManagementAccount returns the management account and the id of the
	// organization accountID belongs to; ok is false if it belongs to none.
	ManagementAccount(accountID string) (mgmt string, orgID string, ok bool)
	// Members lists the accounts of the organization, the management
	// account included.
	Members(orgID string) []MemberAccount
	EnableAWSServiceAccess(caller *authz.Principal, servicePrincipal string) error
	RegisterDelegatedAdministrator(caller *authz.Principal, accountID, servicePrincipal string) error
	DeregisterDelegatedAdministrator(caller *authz.Principal, accountID, servicePrincipal string) error
	// DelegatedAdministrators lists the accounts registered as delegated
	// administrators for the service principal.
	DelegatedAdministrators(orgID, servicePrincipal string) []string
	ServiceAccessEnabled(orgID, servicePrincipal string) bool
}

// Identities creates service-linked roles. Creating a role that exists must
// succeed.
type Identities interface {
	CreateServiceLinkedRole(accountID, servicePrincipal string) error
}

// Config configures a Service. Every field is optional.
type Config struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Rand seeds the ids of findings and filters; nil means crypto/rand.
	// 32 bytes are read once, on the first call that needs an id; the same
	// seed and the same calls give the same ids.
	Rand io.Reader
	// Partition is "aws" when empty.
	Partition string
	// Regions are the regions Inspector is available in; calls for any
	// other region fail with AccessDeniedException, as AWS answers for
	// unsupported regions. Empty means DefaultRegions.
	Regions []string
	// Authorizer checks every call's IAM permissions; nil allows all.
	Authorizer authz.Authorizer
	// Organizations is the organization; nil means every account is
	// standalone (delegation is refused: no caller is a management
	// account).
	Organizations Organizations
	// Identities creates service-linked roles; nil skips creating them.
	Identities Identities
	// Advisories is the advisory database; nil means an empty one. The
	// Service rescans every resource when its Generation changes.
	Advisories *advisory.DB
}

// DefaultRegions are the regions a Service supports when Config.Regions is
// empty.
var DefaultRegions = []string{
	"us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1",
	"eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
	"ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "ap-south-1",
	"sa-east-1",
}

// Service is Amazon Inspector (inspector2) for every account of a
// partition, per region.
//
// A Service is safe for concurrent use: one mutex guards all its state. It
// never calls the Authorizer, Organizations or Identities while holding it:
// each operation validates its input, authorizes the caller and asks
// Organizations what it needs first, then takes the lock, advances the
// status machines to the current time and applies its change; an operation
// that changes the organization (EnableDelegatedAdminAccount,
// DisableDelegatedAdminAccount) releases the lock around those calls and
// re-checks its preconditions afterwards.
type Service struct {
	now        func() time.Time
	randSrc    io.Reader
	partition  string
	authorizer authz.Authorizer
	orgs       Organizations
	ids        Identities
	db         *advisory.DB

	mu      sync.Mutex
	regions map[string]*region
	names   []string // supported regions, sorted
	idgen   *mrand.ChaCha8
	scanner Scanner
	gen     uint64 // advisory generation the findings reflect
	vulns   map[*advisory.Advisory]*vulnerability
	vps     map[vpKey]*vulnPkg
}

// New returns a Service.
func New(cfg Config) *Service {
	s := &Service{
		now:        cfg.Now,
		randSrc:    cfg.Rand,
		partition:  cfg.Partition,
		authorizer: cfg.Authorizer,
		orgs:       cfg.Organizations,
		ids:        cfg.Identities,
		db:         cfg.Advisories,
		regions:    map[string]*region{},
		vulns:      map[*advisory.Advisory]*vulnerability{},
		vps:        map[vpKey]*vulnPkg{},
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.randSrc == nil {
		s.randSrc = rand.Reader
	}
	if s.partition == "" {
		s.partition = "aws"
	}
	if s.db == nil {
		s.db = advisory.New()
	}
	s.scanner.DB = s.db
	s.gen = s.db.Generation()
	regions := cfg.Regions
	if len(regions) == 0 {
		regions = DefaultRegions
	}
	for _, r := range regions {
		if _, ok := s.regions[r]; !ok {
			s.regions[r] = newRegion(s, r)
			s.names = append(s.names, r)
		}
	}
	slices.Sort(s.names)
	return s
}

// Regions returns the supported regions, sorted.
func (s *Service) Regions() []string { return slices.Clone(s.names) }

// Partition returns the partition ("aws").
func (s *Service) Partition() string { return s.partition }

// region is Inspector's state in one region.
type region struct {
	s    *Service
	name string

	accounts map[string]*account
	// admins holds the delegated administrator of each organization in
	// this region, by organization id; adminOf the same by account id.
	admins  map[string]*orgAdmin
	adminOf map[string]*orgAdmin
	// orgConf holds each organization's auto-enable configuration.
	orgConf map[string]*orgConfig
	// filters by ARN; owners lists each owner's filters in creation order.
	filters map[string]*filter
	owners  map[string][]*filter
	// pending holds accounts with a transitional scan-type status.
	pending   map[*account]struct{}
	nextSweep int64
}

func newRegion(s *Service, name string) *region {
	return &region{
		s: s, name: name,
		accounts: map[string]*account{},
		admins:   map[string]*orgAdmin{},
		adminOf:  map[string]*orgAdmin{},
		orgConf:  map[string]*orgConfig{},
		filters:  map[string]*filter{},
		owners:   map[string][]*filter{},
		pending:  map[*account]struct{}{},
	}
}

// orgAdmin is an organization's delegated administrator in one region.
type orgAdmin struct {
	orgID   string
	account string
	status  DelegatedAdminStatus
	until   int64 // end of DISABLE_IN_PROGRESS
	members map[string]*account
	// everAssociated counts associations for maxAccountLimitReached.
	limitReached bool
}

type orgConfig struct {
	auto [numScanTypes]bool
}

// Scan type indexes.
const (
	stEC2 = iota
	stECR
	stLambda
	stLambdaCode
	stCodeRepository
	numScanTypes
)

var scanTypeNames = [numScanTypes]ResourceScanType{
	ResourceScanTypeEc2, ResourceScanTypeEcr, ResourceScanTypeLambda, ResourceScanTypeLambdaCode, ResourceScanTypeCodeRepository,
}

func scanTypeIndex(t ResourceScanType) (int, bool) {
	for i, n := range scanTypeNames {
		if n == t {
			return i, true
		}
	}
	return 0, false
}

type typeState struct {
	status Status
	until  int64 // when a transitional status ends
}

// account is one account's Inspector state in one region.
type account struct {
	r  *region
	id string

	types     [numScanTypes]typeState
	suspended bool

	// admin is the delegated administrator the account is associated
	// with, nil when standalone. rel and relAt are its member record.
	admin  *orgAdmin
	everAs bool // was associated at some time
	rel    RelationshipStatus
	relAt  int64
	relDA  string

	resources map[string]*resource

	// fs holds the account's findings; bits[i] packs the filterable enum
	// fields of fs[i] so that scans test them without dereferencing.
	fs   []*finding
	bits []uint32
	// counts holds the ACTIVE findings by finding type and resource type.
	counts [numFindingTypes][numResourceTypes]aggCounts
}

func (r *region) account(id string) *account {
	a := r.accounts[id]
	if a == nil {
		a = &account{r: r, id: id, resources: map[string]*resource{}}
		for i := range a.types {
			a.types[i].status = StatusDisabled
		}
		r.accounts[id] = a
	}
	return a
}

// status is the account-level status derived from its scan types.
func (a *account) status() Status {
	has := func(st Status) bool {
		for _, t := range a.types {
			if t.status == st {
				return true
			}
		}
		return false
	}
	for _, st := range []Status{StatusEnabled, StatusEnabling, StatusDisabling, StatusSuspending, StatusSuspended} {
		if has(st) {
			return st
		}
	}
	return StatusDisabled
}

func (a *account) resourceStatus() *ResourceStatus {
	return &ResourceStatus{
		Ec2: a.types[stEC2].status, Ecr: a.types[stECR].status, Lambda: a.types[stLambda].status,
		LambdaCode: a.types[stLambdaCode].status, CodeRepository: a.types[stCodeRepository].status,
	}
}

// scanning reports whether resources of a scan type are scanned.
func (a *account) scanning(st int) bool { return a.types[st].status == StatusEnabled }

// isAdmin reports whether the account is an enabled delegated
// administrator in its region.
func (a *account) isAdmin() *orgAdmin {
	if da := a.r.adminOf[a.id]; da != nil && da.status == DelegatedAdminStatusEnabled {
		return da
	}
	return nil
}

// visible lists the accounts whose findings and resources a caller sees:
// its own and, for a delegated administrator, its members'. Sorted by id.
func (r *region) visible(caller string) []*account {
	out := []*account{r.account(caller)}
	if da := r.account(caller).isAdmin(); da != nil {
		for _, m := range da.members {
			if m.id != caller {
				out = append(out, m)
			}
		}
	}
	slices.SortFunc(out, func(a, b *account) int {
		switch {
		case a.id < b.id:
			return -1
		case a.id > b.id:
			return 1
		}
		return 0
	})
	return out
}

// lock takes the lock and brings the state up to now. It fails only when
// the id source cannot be read.
func (s *Service) lock() (int64, error) {
	s.mu.Lock()
	if s.idgen == nil {
		var seed [32]byte
		if _, err := io.ReadFull(s.randSrc, seed[:]); err != nil {
			s.mu.Unlock()
			return 0, internalError(err, "Internal failure: the id source failed: %v", err)
		}
		s.idgen = mrand.NewChaCha8(seed)
	}
	now := s.now().UnixNano()
	s.advance(now)
	return now, nil
}

func (s *Service) unlock() { s.mu.Unlock() }

// advance applies every change due by now: a new advisory generation
// rescans everything; transitional statuses whose delay has passed become
// final; closed findings past retention are deleted.
func (s *Service) advance(now int64) {
	if g := s.db.Generation(); g != s.gen {
		s.gen = g
		s.vulns = map[*advisory.Advisory]*vulnerability{}
		s.vps = map[vpKey]*vulnPkg{}
		for _, name := range s.names {
			r := s.regions[name]
			for _, a := range sortedAccounts(r.accounts) {
				for _, res := range sortedResources(a.resources) {
					if res.removedAt == 0 && a.scanning(res.scanType()) {
						r.scan(res, now)
					}
				}
			}
		}
	}
	for _, name := range s.names {
		r := s.regions[name]
		r.advance(now)
	}
}

// due is one transition that has become due.
type due struct {
	at   int64
	acct *account
	st   int
}

func (r *region) advance(now int64) {
	if len(r.pending) > 0 {
		var list []due
		for a := range r.pending {
			for i, t := range a.types {
				if isTransitional(t.status) && t.until <= now {
					list = append(list, due{t.until, a, i})
				}
			}
		}
		slices.SortFunc(list, func(x, y due) int {
			switch {
			case x.at != y.at:
				return compareInt64(x.at, y.at)
			case x.acct.id != y.acct.id:
				if x.acct.id < y.acct.id {
					return -1
				}
				return 1
			}
			return x.st - y.st
		})
		for _, d := range list {
			r.finishTransition(d.acct, d.st, d.at)
		}
		for a := range r.pending {
			if !a.hasTransition() {
				delete(r.pending, a)
			}
		}
	}
	for _, da := range sortedAdmins(r.admins) {
		if da.status == DelegatedAdminStatusDisableInProgress && da.until <= now {
			delete(r.admins, da.orgID)
			if r.adminOf[da.account] == da {
				delete(r.adminOf, da.account)
			}
		}
	}
	if now >= r.nextSweep {
		r.sweep(now)
		r.nextSweep = now + int64(time.Hour)
	}
}

func isTransitional(st Status) bool {
	return st == StatusEnabling || st == StatusDisabling || st == StatusSuspending
}

func (a *account) hasTransition() bool {
	for _, t := range a.types {
		if isTransitional(t.status) {
			return true
		}
	}
	return false
}

func (r *region) setTransition(a *account, st int, status Status, until int64) {
	a.types[st] = typeState{status: status, until: until}
	r.pending[a] = struct{}{}
}

// finishTransition ends a transitional status at time at.
func (r *region) finishTransition(a *account, st int, at int64) {
	switch a.types[st].status {
	case StatusEnabling:
		a.types[st] = typeState{status: StatusEnabled}
		for _, res := range sortedResources(a.resources) {
			if res.removedAt == 0 && res.scanType() == st {
				res.coverageStart(at)
				r.scan(res, at)
			}
		}
	case StatusDisabling:
		a.types[st] = typeState{status: StatusDisabled}
		for _, res := range sortedResources(a.resources) {
			if res.scanType() == st {
				res.coverageStop(at)
				r.deleteFindings(res)
				res.scanned = false
			}
		}
		if a.status() == StatusDisabled {
			r.deactivate(a)
		}
	case StatusSuspending:
		a.types[st] = typeState{status: StatusSuspended}
		for _, res := range a.resources {
			if res.scanType() == st {
				res.coverageStop(at)
			}
		}
	}
}

// deactivate deletes what Inspector deletes when an account disables every
// scan type: its findings and the filters it owns.
func (r *region) deactivate(a *account) {
	for _, res := range a.resources {
		r.deleteFindings(res)
	}
	for _, f := range slices.Clone(r.owners[a.id]) {
		r.removeFilter(f)
	}
}

func compareInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// newID returns n random bytes from the seeded generator.
func (s *Service) newID(dst []byte) {
	for i := 0; i < len(dst); i += 8 {
		v := s.idgen.Uint64()
		for j := 0; j < 8 && i+j < len(dst); j++ {
			dst[i+j] = byte(v >> (8 * j))
		}
	}
}

func (s *Service) newHexID(nbytes int) string {
	b := make([]byte, nbytes)
	s.newID(b)
	return hex.EncodeToString(b)
}

func sortedAccounts(m map[string]*account) []*account {
	out := make([]*account, 0, len(m))
	for _, a := range m {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b *account) int {
		if a.id < b.id {
			return -1
		}
		if a.id > b.id {
			return 1
		}
		return 0
	})
	return out
}

func sortedAdmins(m map[string]*orgAdmin) []*orgAdmin {
	out := make([]*orgAdmin, 0, len(m))
	for _, a := range m {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b *orgAdmin) int {
		if a.orgID < b.orgID {
			return -1
		}
		if a.orgID > b.orgID {
			return 1
		}
		return 0
	})
	return out
}

func unixTime(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}
