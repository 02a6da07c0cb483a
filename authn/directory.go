package authn

import (
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	arnpkg "github.com/seed-e2e06c4d/awsaccess/arn"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// DefaultPasswordHashIterations is the PBKDF2-HMAC-SHA256 iteration count
// for console passwords when Config.PasswordHashIterations is 0 (OWASP's
// 2023 recommendation for PBKDF2-HMAC-SHA256).
const DefaultPasswordHashIterations = 600_000

// Config configures a Directory. The zero value is usable: partition
// "aws", the real clock, crypto/rand, the built-in [Authorizer].
type Config struct {
	// Partition is the ARN partition: "aws" (default), "aws-cn",
	// "aws-us-gov", ...
	Partition string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Rand is the source of ids, secrets, session tokens, password salts
	// and IMDS tokens; nil means crypto/rand. A seeded reader gives the
	// same world for the same sequence of calls.
	Rand io.Reader
	// Authorizer authorizes STS operations (sts:AssumeRole with the role's
	// trust policy, sts:TagSession, sts:SetSourceIdentity,
	// sts:GetFederationToken). Nil means the built-in [Authorizer], which
	// evaluates this Directory's own policies without SCPs or RCPs. The
	// Directory never holds its lock while calling it, so an Authorizer
	// may call back into the Directory (PolicyContext).
	Authorizer authz.Authorizer
	// PasswordHashIterations is the PBKDF2 cost of console password
	// hashes; 0 means DefaultPasswordHashIterations. Tests set it low.
	PasswordHashIterations int
}

// Directory is the identity store of a partition: accounts, each with its
// root user, IAM users, groups, roles, instance profiles, managed and
// inline policies, MFA devices and identity providers; the access keys
// and STS sessions of all of them; and EC2 instances with their instance
// profiles. It implements sigv4.KeyResolver.
//
// A Directory is safe for concurrent use: one read-write mutex guards its
// state, and compiled policy lists are cached per principal and
// invalidated by every change that affects them. It starts no goroutines.
type Directory struct {
	partition  string
	now        func() time.Time
	ids        idSource
	authorizer authz.Authorizer
	iterations int

	mu        sync.RWMutex
	accounts  map[string]*account
	keys      map[string]*accessKey // long-term access keys, by id
	sessions  map[string]*session   // temporary credentials, by access key id
	expiring  sessionHeap           // sessions by expiry, for purging
	byUnique  map[string]any        // *user, *role, *group by unique id
	instances map[string]*instance

	// gen counts changes to policies, attachments, memberships, tags and
	// boundaries; caches built under an older generation are stale.
	gen atomic.Uint64
}

// New returns an empty Directory.
func New(cfg Config) *Directory {
	d := &Directory{
		partition:  cfg.Partition,
		now:        cfg.Now,
		ids:        idSource{r: cfg.Rand},
		authorizer: cfg.Authorizer,
		iterations: cfg.PasswordHashIterations,
		accounts:   make(map[string]*account),
		keys:       make(map[string]*accessKey),
		sessions:   make(map[string]*session),
		byUnique:   make(map[string]any),
		instances:  make(map[string]*instance),
	}
	if d.partition == "" {
		d.partition = "aws"
	}
	if d.now == nil {
		d.now = time.Now
	}
	if d.iterations <= 0 {
		d.iterations = DefaultPasswordHashIterations
	}
	if d.authorizer == nil {
		d.authorizer = Authorizer{Directory: d}
	}
	return d
}

// Partition returns the ARN partition of the Directory.
func (d *Directory) Partition() string { return d.partition }

// Now returns the Directory's clock reading.
func (d *Directory) Now() time.Time { return d.now() }

func (d *Directory) changed() { d.gen.Add(1) }

// account is one account's identity store. Fields are guarded by
// Directory.mu.
type account struct {
	id, email string
	created   time.Time

	root            rootUser
	passwordPolicy  *PasswordPolicy
	users           map[string]*user // by lower-cased name
	groups          map[string]*group
	roles           map[string]*role
	policies        map[string]*managedPolicy // by lower-cased name
	profiles        map[string]*instanceProfile
	mfa             map[string]*mfaDevice // by serial number (ARN)
	oidc            map[string]*oidcProvider
	saml            map[string]*samlProvider
	stsRegionActive map[string]bool // overrides of the default per region
	alias           string          // the account alias; "" for none
	rootCtx         atomic.Pointer[ctxCache]
}

type rootUser struct {
	password *passwordHash
	mfa      []string // serial numbers
	keys     []*accessKey
}

type user struct {
	acct     *account
	name     string
	path     string
	id       string // AIDA...
	created  time.Time
	tags     []Tag
	boundary string // managed policy ARN
	login    *loginProfile
	keys     []*accessKey
	groups   []*group
	attached []string // managed policy ARNs
	inline   map[string]*inlinePolicy
	mfa      []string // serial numbers
	cache    atomic.Pointer[policyCache]
}

type loginProfile struct {
	hash          *passwordHash
	previous      []*passwordHash
	created       time.Time
	resetRequired bool
	lastUsed      time.Time
}

type group struct {
	acct     *account
	name     string
	path     string
	id       string
	created  time.Time
	members  []*user
	attached []string
	inline   map[string]*inlinePolicy
}

type role struct {
	acct        *account
	name        string
	path        string
	id          string
	created     time.Time
	description string
	trustDoc    string
	trust       *authz.PolicyList
	maxSession  time.Duration
	boundary    string
	tags        []Tag
	attached    []string
	inline      map[string]*inlinePolicy
	profiles    []*instanceProfile
	service     string // the service principal of a service-linked role
	lastUsed    time.Time
	cache       atomic.Pointer[policyCache]
}

func (r *role) serviceLinked() bool { return r.service != "" }

type inlinePolicy struct {
	name   string
	doc    string
	parsed *authz.Policy
	size   int
}

type instanceProfile struct {
	acct    *account
	name    string
	path    string
	id      string
	created time.Time
	role    *role
	tags    []Tag
}

// policyCache is a principal's compiled identity-based policies and
// boundary, valid while the Directory's generation is gen.
type policyCache struct {
	gen      uint64
	identity *authz.PolicyList
	boundary *authz.PolicyList
	tags     []Tag
	// For users: the principal and its base condition keys.
	principal authz.Principal
	ctx       *authz.Context
}

// accountLocked returns the account or NoSuchEntity; d.mu must be held.
func (d *Directory) accountLocked(id string) (*account, error) {
	a, ok := d.accounts[id]
	if !ok {
		return nil, errNoSuchEntity("The account with id %s cannot be found.", id)
	}
	return a, nil
}

// Account is a handle on one account of a Directory. Its methods are the
// IAM operations of the account; they lock the Directory, so an Account is
// safe for concurrent use like the Directory itself. IAM operations here
// are administrative: they do not authorize a caller (the HTTP front end
// does that before calling them).
type Account struct {
	d  *Directory
	id string
}

// CreateAccount creates an account with its root user and an empty
// identity store. The id must be 12 digits.
func (d *Directory) CreateAccount(id, email string) (*Account, error) {
	if !isAccountID(id) {
		return nil, errValidation(id, "accountId", `satisfy regular expression pattern: ^\d{12}$`)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.accounts[id]; ok {
		return nil, errAlreadyExists("Account with id %s already exists.", id)
	}
	d.accounts[id] = &account{
		id: id, email: email, created: d.now(),
		users:    make(map[string]*user),
		groups:   make(map[string]*group),
		roles:    make(map[string]*role),
		policies: make(map[string]*managedPolicy),
		profiles: make(map[string]*instanceProfile),
		mfa:      make(map[string]*mfaDevice),
		oidc:     make(map[string]*oidcProvider),
		saml:     make(map[string]*samlProvider),
	}
	return &Account{d: d, id: id}, nil
}

// Account returns a handle on an existing account.
func (d *Directory) Account(id string) (*Account, error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if _, err := d.accountLocked(id); err != nil {
		return nil, err
	}
	return &Account{d: d, id: id}, nil
}

// Accounts lists the account ids in ascending order.
func (d *Directory) Accounts() []string {
	d.mu.RLock()
	defer d.mu.RUnlock()
	out := make([]string, 0, len(d.accounts))
	for id := range d.accounts {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// ID returns the account id.
func (a *Account) ID() string { return a.id }

// Directory returns the Directory the account belongs to.
func (a *Account) Directory() *Directory { return a.d }

// Email returns the root user's email address.
func (a *Account) Email() string {
	a.d.mu.RLock()
	defer a.d.mu.RUnlock()
	if acct, ok := a.d.accounts[a.id]; ok {
		return acct.email
	}
	return ""
}

// Root returns the account's root user as a principal.
func (a *Account) Root() authz.Principal {
	return authz.Principal{
		Type:    authz.PrincipalRoot,
		ARN:     a.d.arn("iam", a.id, "root"),
		Account: a.id,
		UserID:  a.id,
	}
}

// lock takes the Directory's write lock and returns the account.
func (a *Account) lock() (*account, error) {
	a.d.mu.Lock()
	acct, err := a.d.accountLocked(a.id)
	if err != nil {
		a.d.mu.Unlock()
		return nil, err
	}
	return acct, nil
}

func (a *Account) unlock() { a.d.mu.Unlock() }

func (a *Account) rlock() (*account, error) {
	a.d.mu.RLock()
	acct, err := a.d.accountLocked(a.id)
	if err != nil {
		a.d.mu.RUnlock()
		return nil, err
	}
	return acct, nil
}

func (a *Account) runlock() { a.d.mu.RUnlock() }

// listByPath returns, under the read lock, the views of the entities that
// all picks from the account whose path begins with pathPrefix ("" for
// all), sorted by name case-insensitively.
func listByPath[E, V any](a *Account, pathPrefix string, all func(*account) map[string]E, path func(E) string, view func(E) V, name func(V) string) ([]V, error) {
	prefix, err := checkPathPrefix(pathPrefix)
	if err != nil {
		return nil, err
	}
	acct, err := a.rlock()
	if err != nil {
		return nil, err
	}
	defer a.runlock()
	var out []V
	for _, e := range all(acct) {
		if strings.HasPrefix(path(e), prefix) {
			out = append(out, view(e))
		}
	}
	slices.SortFunc(out, func(x, y V) int { return strings.Compare(lower(name(x)), lower(name(y))) })
	return out, nil
}

// update finds the entity named name with find, under the directory's
// write lock, and runs f on it.
func update[T any](a *Account, find func(*account, string) (T, error), name string, f func(*account, T) error) error {
	acct, err := a.lock()
	if err != nil {
		return err
	}
	defer a.unlock()
	e, err := find(acct, name)
	if err != nil {
		return err
	}
	return f(acct, e)
}

// read finds the entity named name with find, under the directory's read
// lock, and returns what f makes of it (the zero R on error).
func read[T, R any](a *Account, find func(*account, string) (T, error), name string, f func(*account, T) (R, error)) (R, error) {
	var zero R
	acct, err := a.rlock()
	if err != nil {
		return zero, err
	}
	defer a.runlock()
	e, err := find(acct, name)
	if err != nil {
		return zero, err
	}
	return f(acct, e)
}

// arn builds arn:<partition>:<service>::<account>:<resource>.
func (d *Directory) arn(service, account, resource string) string {
	return "arn:" + d.partition + ":" + service + "::" + account + ":" + resource
}

// isAccountID reports whether s is 12 ASCII digits, by arn's rule.
func isAccountID(s string) bool {
	_, err := arnpkg.ParseAccountID(s)
	return err == nil
}

func lower(s string) string { return strings.ToLower(s) }
