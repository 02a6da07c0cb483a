package org

import (
	crand "crypto/rand"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Delays and periods of the asynchronous parts of Organizations. AWS says
// only "a few minutes" for account creation and closure; these are the
// values this model uses.
const (
	// CreateAccountDelay is how long a CreateAccount request stays
	// IN_PROGRESS before it succeeds or fails.
	CreateAccountDelay = 3 * time.Minute
	// CloseAccountDelay is how long a closed account stays PENDING_CLOSURE
	// before it is CLOSED.
	CloseAccountDelay = 5 * time.Minute
	// ClosedAccountRetention is how long a CLOSED account stays in its
	// organization: AWS deletes closed accounts' resources after 90 days and
	// the account then departs (AccountDepartedOrganization, CLEANED).
	ClosedAccountRetention = 90 * 24 * time.Hour
	// HandshakeExpiry is the life of an invitation (orgs_reference_limits:
	// "Handshake expiry: 15 days").
	HandshakeExpiry = 15 * 24 * time.Hour
	// HandshakeRetention is how long a handshake that is no longer OPEN
	// stays visible (ListHandshakesForAccount: "for only 30 days after
	// changing to that state").
	HandshakeRetention = 30 * 24 * time.Hour
	// WaitPeriod is how long after its creation a created account cannot
	// leave or be removed from its organization (WAIT_PERIOD_ACTIVE). The
	// SDK's LeaveOrganization and ConstraintViolationException
	// documentation say "at least four days"; the 2022 user guide said
	// seven. The API reference is newer and is what the service answers
	// with, so this model uses four.
	WaitPeriod = 4 * 24 * time.Hour
)

// Quotas (orgs_reference_limits).
const (
	// DefaultMaxAccounts is the default quota of accounts per organization
	// (adjustable; closed accounts and open invitations count).
	DefaultMaxAccounts = 10
	// MaxConcurrentCreateAccount is the number of CreateAccount requests
	// that may be IN_PROGRESS at once.
	MaxConcurrentCreateAccount = 5
	// MaxOUs is the number of OUs an organization may have.
	MaxOUs = 1000
	// MaxOUDepth is how deep OUs may nest under the root.
	MaxOUDepth = 5
	// MaxPoliciesPerType is the number of policies of one type an
	// organization may have.
	MaxPoliciesPerType = 1000
	// MaxAttachedPerType is the number of policies of one type that may be
	// attached to one root, OU or account.
	MaxAttachedPerType = 5
	// MaxPolicySize is the size limit of an SCP or RCP in characters.
	MaxPolicySize = 5120
)

// Names AWS uses.
const (
	// DefaultRoleName is the role CreateAccount creates in a new account
	// when the request names none.
	DefaultRoleName = "OrganizationAccountAccessRole"
	// FullAWSAccessID is the AWS managed SCP attached everywhere when SCPs
	// are enabled.
	FullAWSAccessID = "p-FullAWSAccess"
	// RCPFullAWSAccessID is the AWS managed RCP attached everywhere when
	// RCPs are enabled.
	RCPFullAWSAccessID = "p-RCPFullAWSAccess"
)

// Identities is the identity layer Organizations needs: creating the
// account of a CreateAccount request, its OrganizationAccountAccessRole,
// and service-linked roles when trusted access is enabled. The composition
// root adapts package authn to it. Organization never calls it while
// holding its lock.
type Identities interface {
	// CreateAccount creates the account in the identity layer.
	CreateAccount(accountID, email string) error
	// CreateRole creates a role with the given trust policy and attaches
	// the managed policies.
	CreateRole(accountID, roleName, trustPolicy string, managedPolicyARNs ...string) error
	// CreateServiceLinkedRole creates the service-linked role of the
	// service principal in the account; it succeeds when the role exists.
	CreateServiceLinkedRole(accountID, servicePrincipal string) error
}

// Config configures an Organization.
type Config struct {
	// Now is the clock; nil means time.Now. Asynchronous work (account
	// creation and closure, handshake expiry) advances when a call finds
	// the clock past its due time.
	Now func() time.Time
	// Rand seeds the generator of ids (organization, root, OU, policy,
	// handshake, request and account ids); nil means crypto/rand. The
	// same seed gives the same ids.
	Rand io.Reader
	// Authorizer decides the IAM permission of every call
	// (organizations:<Operation> on the resource the Service Authorization
	// Reference names). The composition root wires one that joins every
	// policy type, SCPs included. Nil allows every call: for library users
	// who model only the Organizations rules.
	Authorizer authz.Authorizer
	// Identities creates accounts and roles in the identity layer; nil
	// skips that part (accounts then exist only in Organizations).
	Identities Identities
	// Partition is the ARN partition; "" means "aws".
	Partition string
	// MaxAccounts is the quota of accounts per organization; 0 means
	// DefaultMaxAccounts.
	MaxAccounts int
}

// Organization is the AWS Organizations service of one partition: every
// organization in it, with its accounts, OUs, policies, trusted services
// and delegated administrators, and the standalone accounts that can
// create or join one. (It is named for what callers use it for; one value
// holds any number of organizations.)
//
// Every operation takes the calling principal and checks, in this order:
// the syntax of its input (InvalidInputException); the caller's IAM
// permission through Config.Authorizer, as AWS evaluates IAM before the
// service's own rules (AccessDeniedException with the authorizer's
// message); then the Organizations rule (an account in no organization
// gets AWSOrganizationsNotInUseException; a member calling an operation
// reserved to the management account, or to it and delegated
// administrators, gets AccessDeniedException "You don't have permissions
// to access this resource."); then the operation's own checks.
//
// An Organization is safe for concurrent use: one mutex guards its state,
// and it never calls the Authorizer or the Identities while holding it (an
// Authorizer calls back into SCPChain).
type Organization struct {
	now         func() time.Time
	authorizer  authz.Authorizer
	identities  Identities
	partition   string
	maxAccounts int

	mu         sync.Mutex
	settled    sync.Cond // on mu: signalled when a claimed account creation finishes
	src        *rand.ChaCha8
	rng        *rand.Rand // over src
	seq        uint64
	accounts   map[string]*account // every known account
	emails     map[string]string   // lower-cased email -> account id (known accounts and claimed creations)
	orgs       map[string]*orgState
	handshakes map[string]*handshake
	creates    map[string]*createReq
	pending    map[*createReq]struct{} // IN_PROGRESS, not yet claimed
	closing    map[*account]struct{}   // PENDING_CLOSURE, or CLOSED awaiting departure
	due        time.Time               // earliest time some asynchronous work is due; zero if none
	pendingAny atomic.Bool             // due is set: readers without a clock must look
	managed    map[string]*policy      // AWS managed policies by id
	managedOf  [numTypes]*policy
}

// New returns an empty Organizations service: no organizations and no
// accounts. Register the accounts that exist before any organization with
// AddStandaloneAccount.
func New(cfg Config) *Organization {
	o := &Organization{
		now:         cfg.Now,
		authorizer:  cfg.Authorizer,
		identities:  cfg.Identities,
		partition:   cfg.Partition,
		maxAccounts: cfg.MaxAccounts,
		accounts:    make(map[string]*account),
		emails:      make(map[string]string),
		orgs:        make(map[string]*orgState),
		handshakes:  make(map[string]*handshake),
		creates:     make(map[string]*createReq),
		pending:     make(map[*createReq]struct{}),
		closing:     make(map[*account]struct{}),
		managed:     make(map[string]*policy),
	}
	if o.now == nil {
		o.now = time.Now
	}
	if o.partition == "" {
		o.partition = "aws"
	}
	if o.maxAccounts <= 0 {
		o.maxAccounts = DefaultMaxAccounts
	}
	src := cfg.Rand
	if src == nil {
		src = crand.Reader
	}
	var seed [32]byte
	_, _ = io.ReadFull(src, seed[:]) // a short reader leaves zeros: still a seed
	o.settled.L = &o.mu
	o.src = rand.NewChaCha8(seed)
	o.rng = rand.New(o.src)
	o.installManagedPolicies()
	return o
}

// account is an AWS account known to the service.
type account struct {
	id, email, name string
	state           AccountState

	org          *orgState // nil for a standalone account
	parent       *container
	joinedMethod AccountJoinedMethod
	joined       time.Time
	created      time.Time // zero for accounts that were not created by CreateAccount
	closeAt      time.Time // PENDING_CLOSURE -> CLOSED
	closedAt     time.Time
	joinSeq      uint64 // order in the organization
	placeSeq     uint64 // order in its parent
	target
	chains [numTypes]cachedChain

	delegated map[string]*delegation // service principal -> registration
	daSeq     uint64                 // order among delegated administrators
	daSince   time.Time

	tags map[string]string // the organization's tags on the account; nil when none
}

// container is a root or an OU.
type container struct {
	id, name string
	root     bool
	parent   *container
	depth    int // 0 for the root
	seq      uint64
	path     []string // the one-element aws:PrincipalOrgPaths value: "o-…/r-…/ou-…/"
	ous      []*container
	accounts []*account
	tags     map[string]string
	target
}

// target is what policies attach to: a root, an OU or an account.
type target struct {
	attached [numTypes][]*policy
	lists    [numTypes]*authz.PolicyList
	listGen  [numTypes]uint64
}

type delegation struct {
	service string
	acct    *account
	date    time.Time
	seq     uint64
}

type serviceAccess struct {
	service string
	date    time.Time
	seq     uint64
}

// orgState is one organization.
type orgState struct {
	id         string
	featureSet OrganizationFeatureSet
	mgmt       *account
	root       *container
	ous        map[string]*container // OUs by id (not the root)
	members    []*account            // in join order, the management account first
	joining    int                   // claimed account creations not yet joined
	inFlight   int                   // account creations IN_PROGRESS
	policies   map[string]*policy    // customer managed policies by id
	// attachments: policy id -> target id -> attachment order.
	attachments map[string]map[string]uint64
	enabled     [numTypes]bool
	enabledSeq  [numTypes]uint64
	services    map[string]*serviceAccess
	das         map[string]map[string]*delegation // service -> account id -> registration
	daAccounts  map[string]*account
	creates     []*createReq
	handshakes  []*handshake
	gen         uint64
}

// cachedChain is an account's SCP or RCP chain, valid while its
// organization's generation is gen.
type cachedChain struct {
	org   *orgState
	gen   uint64
	chain []*authz.PolicyList
}

// changed invalidates every cached policy list and chain of the
// organization.
func (g *orgState) changed() { g.gen++ }

func (o *Organization) nextSeq() uint64 {
	o.seq++
	return o.seq
}

const idChars = "abcdefghijklmnopqrstuvwxyz0123456789"

func (o *Organization) randString(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = idChars[o.rng.IntN(len(idChars))]
	}
	return string(b)
}

func (o *Organization) newAccountID() string {
	for {
		id := itoa12(o.rng.Uint64N(1e12))
		if _, taken := o.accounts[id]; !taken {
			return id
		}
	}
}

func itoa12(n uint64) string {
	var b [12]byte
	for i := 11; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[:])
}

// lockAdvanced locks the service and brings its asynchronous work up to
// the clock: CreateAccount requests that are due complete (calling the
// Identities without the lock), closing accounts close, closed accounts
// past their retention depart. It returns with the lock held.
func (o *Organization) lockAdvanced() time.Time {
	for {
		now := o.now()
		o.mu.Lock()
		if o.due.IsZero() || now.Before(o.due) {
			return now
		}
		jobs := o.advanceLocked(now)
		if len(jobs) == 0 {
			return now
		}
		o.mu.Unlock()
		o.finishCreates(jobs)
	}
}

// advanceLocked does the due work that needs no identity call and claims
// the due account creations that will succeed.
func (o *Organization) advanceLocked(now time.Time) []*createReq {
	var due, jobs []*createReq
	for r := range o.pending {
		if !r.due.After(now) {
			due = append(due, r)
		}
	}
	slices.SortFunc(due, func(a, b *createReq) int { return cmpSeq(a.seq, b.seq) })
	for _, r := range due {
		delete(o.pending, r)
		jobs = o.decideCreate(r, jobs)
	}
	for _, a := range o.closingInOrder() {
		if a.state == AccountStatePendingClosure && !a.closeAt.After(now) {
			a.state = AccountStateClosed
			a.closedAt = a.closeAt
		}
		if a.state == AccountStateClosed && !a.closedAt.Add(ClosedAccountRetention).After(now) {
			delete(o.closing, a)
			if a.org != nil {
				o.departLocked(a)
			}
		}
	}
	o.recomputeDue()
	return jobs
}

func (o *Organization) closingInOrder() []*account {
	out := make([]*account, 0, len(o.closing))
	for a := range o.closing {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b *account) int { return strings.Compare(a.id, b.id) })
	return out
}

func (o *Organization) recomputeDue() {
	var due time.Time
	earlier := func(t time.Time) {
		if due.IsZero() || t.Before(due) {
			due = t
		}
	}
	for r := range o.pending {
		earlier(r.due)
	}
	for a := range o.closing {
		switch a.state {
		case AccountStatePendingClosure:
			earlier(a.closeAt)
		case AccountStateClosed:
			earlier(a.closedAt.Add(ClosedAccountRetention))
		}
	}
	o.due = due
	o.pendingAny.Store(!due.IsZero())
}

// dueBy makes asynchronous work due at t at the latest.
func (o *Organization) dueBy(t time.Time) {
	if o.due.IsZero() || t.Before(o.due) {
		o.due = t
	}
	o.pendingAny.Store(true)
}

// lockFast locks the service for an accessor that needs no clock: it
// reads the clock and advances only when some asynchronous work is
// pending.
func (o *Organization) lockFast() {
	if o.pendingAny.Load() {
		o.lockAdvanced()
		return
	}
	o.mu.Lock()
}
