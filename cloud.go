package awsaccess

import (
	crand "crypto/rand"
	"encoding/binary"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
	"github.com/seed-e2e06c4d/awsaccess/inspector/classic"
	"github.com/seed-e2e06c4d/awsaccess/org"
)

// DefaultRegions are the regions a Cloud offers when its Config names none.
var DefaultRegions = []string{"us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"}

// Config configures a Cloud. The zero value is usable: partition "aws",
// the real clock, random ids, DefaultRegions and the embedded advisory
// database.
type Config struct {
	// Partition is the ARN partition; "" means "aws".
	Partition string
	// Regions are the regions the Cloud offers (Inspector and the
	// SigV4 scope); empty means DefaultRegions.
	Regions []string
	// Now is the clock of the whole world; nil means time.Now.
	Now func() time.Time
	// Seed makes ids, secrets and tokens reproducible: the same seed and
	// the same calls give the same world. 0 draws a random seed.
	Seed uint64
	// Advisories is Inspector's advisory database; nil means
	// advisory.Default().
	Advisories *advisory.DB
	// AuditCapacity bounds the audit trail (see AuditLog); 0 means
	// DefaultAuditCapacity.
	AuditCapacity int
	// PasswordHashIterations is the PBKDF2 cost of console passwords; 0
	// means authn's default. Tests lower it.
	PasswordHashIterations int
	// MaxBodyBytes bounds a request body over HTTP; 0 means 10 MiB.
	MaxBodyBytes int64
	// Logger receives one structured line per HTTP call; nil logs nothing.
	Logger *slog.Logger
	// MaxAccounts is the quota of accounts per organization; 0 means
	// AWS's default (see org.DefaultMaxAccounts).
	MaxAccounts int
}

// Cloud is the composition root of awsaccess: one partition with its
// accounts and identity stores (authn), the organization (org), Amazon
// Inspector in every region (inspector) and Inspector Classic, one clock and
// one seeded source of ids. [Cloud.Authorize] joins every policy type for a
// request and is the only way an operation is authorised, in the library
// and over HTTP ([Cloud.Handler]) alike: the services are wired with the
// Cloud as their authz.Authorizer.
//
// A Cloud is safe for concurrent use.
type Cloud struct {
	cfg       Config
	now       func() time.Time
	dir       *authn.Directory
	org       *org.Organization
	inspector *inspector.Service
	classic   *classic.Service
	audit     *AuditLog
	verifier  *sigv4.Verifier

	calls sync.Map // *authz.Context (a call's Environment) -> *callRecord

	idMu  sync.Mutex
	idRNG *rand.ChaCha8 // request ids

	// streams are the random streams of the seed, by index: 1 iam, 2
	// organizations, 3 inspector2, 4 Inspector Classic, 5 request ids
	// (idRNG). Snapshot saves their state.
	streams [6]*rand.ChaCha8
	// gate pauses the Handler's calls while a snapshot is taken: each
	// call holds it shared, Snapshot exclusively.
	gate sync.RWMutex
}

// New builds a Cloud.
func New(cfg Config) *Cloud {
	if cfg.Partition == "" {
		cfg.Partition = "aws"
	}
	if len(cfg.Regions) == 0 {
		cfg.Regions = DefaultRegions
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Seed == 0 {
		var b [8]byte
		_, _ = crand.Read(b[:])
		cfg.Seed = binary.LittleEndian.Uint64(b[:]) | 1
	}
	if cfg.Advisories == nil {
		cfg.Advisories = advisory.Default()
	}
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = 10 << 20
	}
	c := &Cloud{cfg: cfg, now: cfg.Now, audit: NewAuditLog(cfg.AuditCapacity)}
	// Each service draws from its own stream of the seed, so that the ids
	// one service makes do not depend on how many another made.
	stream := func(i uint64) *rand.ChaCha8 {
		var seed [32]byte
		binary.LittleEndian.PutUint64(seed[:8], cfg.Seed)
		binary.LittleEndian.PutUint64(seed[8:16], i)
		c.streams[i] = rand.NewChaCha8(seed)
		return c.streams[i]
	}
	c.dir = authn.New(authn.Config{
		Partition:              cfg.Partition,
		Now:                    cfg.Now,
		Rand:                   stream(1),
		Authorizer:             c,
		PasswordHashIterations: cfg.PasswordHashIterations,
	})
	ids := identities{dir: c.dir}
	c.org = org.New(org.Config{
		Now:         cfg.Now,
		Rand:        stream(2),
		Authorizer:  c,
		Identities:  ids,
		Partition:   cfg.Partition,
		MaxAccounts: cfg.MaxAccounts,
	})
	c.inspector = inspector.New(inspector.Config{
		Now:           cfg.Now,
		Rand:          stream(3),
		Partition:     cfg.Partition,
		Regions:       cfg.Regions,
		Authorizer:    c,
		Organizations: organizations{org: c.org},
		Identities:    ids,
		Advisories:    cfg.Advisories,
	})
	c.classic = classic.New(classic.Config{
		Now:        cfg.Now,
		Rand:       stream(4),
		Partition:  cfg.Partition,
		Regions:    classicRegions(cfg.Partition, cfg.Regions),
		Authorizer: c,
		Identities: ids,
		Instances:  classic.FromInspector(c.inspector),
		Advisories: cfg.Advisories,
	})
	c.idRNG = stream(5)
	c.verifier = &sigv4.Verifier{Keys: c.dir, Regions: append(append([]string(nil), cfg.Regions...), "us-east-1")}
	return c
}

// classicRegions keeps the regions that had Inspector Classic.
func classicRegions(partition string, regions []string) []string {
	offered := map[string]bool{}
	for _, r := range classic.Regions(partition) {
		offered[r] = true
	}
	var out []string
	for _, r := range regions {
		if offered[r] {
			out = append(out, r)
		}
	}
	return out
}

// Partition returns the ARN partition.
func (c *Cloud) Partition() string { return c.cfg.Partition }

// Regions returns the regions the Cloud offers.
func (c *Cloud) Regions() []string { return append([]string(nil), c.cfg.Regions...) }

// Now returns the Cloud's clock reading.
func (c *Cloud) Now() time.Time { return c.now() }

// IAM returns the identity layer: accounts, IAM, STS, IMDS, SigV4 keys.
func (c *Cloud) IAM() *authn.Directory { return c.dir }

// Organizations returns AWS Organizations.
func (c *Cloud) Organizations() *org.Organization { return c.org }

// Inspector returns Amazon Inspector (inspector2), every region.
func (c *Cloud) Inspector() *inspector.Service { return c.inspector }

// InspectorClassic returns Amazon Inspector Classic.
func (c *Cloud) InspectorClassic() *classic.Service { return c.classic }

// Audit returns the audit trail.
func (c *Cloud) Audit() *AuditLog { return c.audit }

// Advisories returns Inspector's advisory database.
func (c *Cloud) Advisories() *advisory.DB { return c.cfg.Advisories }

// CreateAccount creates a standalone account: its identity store (root
// user, email) and its record in Organizations, ready to create or be
// invited into an organization. It returns the account's root principal.
func (c *Cloud) CreateAccount(accountID, email, name string) (authz.Principal, error) {
	acct, err := c.dir.CreateAccount(accountID, email)
	if err != nil {
		return authz.Principal{}, err
	}
	if err := c.org.AddStandaloneAccount(accountID, email, name); err != nil {
		return authz.Principal{}, err
	}
	return acct.Root(), nil
}

// Caller resolves an access key to the principal it belongs to, as a
// signed request would be attributed; library users pass the result to the
// services' operations.
func (c *Cloud) Caller(accessKeyID string) (*authz.Principal, error) {
	id, err := c.dir.Resolve(accessKeyID)
	if err != nil {
		return nil, err
	}
	p := id.Principal
	return &p, nil
}

// identities adapts the Directory to what org, inspector and classic need
// of the identity layer.
type identities struct{ dir *authn.Directory }

func (i identities) CreateAccount(accountID, email string) error {
	if _, err := i.dir.Account(accountID); err == nil {
		return nil
	}
	_, err := i.dir.CreateAccount(accountID, email)
	return err
}

func (i identities) CreateRole(accountID, roleName, trustPolicy string, managedPolicyARNs ...string) error {
	acct, err := i.dir.Account(accountID)
	if err != nil {
		return err
	}
	if _, err := acct.CreateRole(authn.CreateRoleInput{RoleName: roleName, AssumeRolePolicyDocument: trustPolicy}); err != nil {
		return err
	}
	for _, arn := range managedPolicyARNs {
		if err := acct.AttachRolePolicy(roleName, arn); err != nil {
			return err
		}
	}
	return nil
}

func (i identities) CreateServiceLinkedRole(accountID, servicePrincipal string) error {
	acct, err := i.dir.Account(accountID)
	if err != nil {
		return err
	}
	if _, err := acct.GetRole(authn.ServiceLinkedRoleName(servicePrincipal)); err == nil {
		return nil
	}
	_, err = acct.CreateServiceLinkedRole(servicePrincipal, "", "")
	return err
}

// organizations adapts org.Organization to inspector.Organizations.
type organizations struct{ org *org.Organization }

func (o organizations) ManagementAccount(accountID string) (string, string, bool) {
	return o.org.ManagementAccount(accountID)
}

func (o organizations) Members(orgID string) []inspector.MemberAccount {
	var out []inspector.MemberAccount
	for _, a := range o.org.Members(orgID) {
		out = append(out, inspector.MemberAccount{AccountID: a.Id, Status: string(a.State)})
	}
	return out
}

func (o organizations) EnableAWSServiceAccess(caller *authz.Principal, servicePrincipal string) error {
	return o.org.EnableAWSServiceAccess(caller, servicePrincipal)
}

func (o organizations) RegisterDelegatedAdministrator(caller *authz.Principal, accountID, servicePrincipal string) error {
	return o.org.RegisterDelegatedAdministrator(caller, accountID, servicePrincipal)
}

func (o organizations) DeregisterDelegatedAdministrator(caller *authz.Principal, accountID, servicePrincipal string) error {
	return o.org.DeregisterDelegatedAdministrator(caller, accountID, servicePrincipal)
}

func (o organizations) DelegatedAdministrators(orgID, servicePrincipal string) []string {
	return o.org.DelegatedAdministrators(orgID, servicePrincipal)
}

func (o organizations) ServiceAccessEnabled(orgID, servicePrincipal string) bool {
	return o.org.ServiceAccessEnabled(orgID, servicePrincipal)
}

// requestID returns a new request id, a UUID drawn from the Cloud's seed.
func (c *Cloud) requestID() string {
	var b [16]byte
	c.idMu.Lock()
	_, _ = c.idRNG.Read(b[:])
	c.idMu.Unlock()
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, v := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hex[v>>4], hex[v&15])
	}
	return string(out)
}
