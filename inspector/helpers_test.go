package inspector_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

// orgError is an Organizations error with an AWS code.
type orgError struct{ code, msg string }

func (e *orgError) Error() string        { return e.code + ": " + e.msg }
func (e *orgError) ErrorCode() string    { return e.code }
func (e *orgError) ErrorMessage() string { return e.msg }

// fakeOrgs is a small AWS Organizations: organizations with a management
// account and members, trusted access and delegated administrators per
// service principal, enforcing the management-account rules.
type fakeOrgs struct {
	mu    sync.Mutex
	orgs  map[string]*fakeOrg
	of    map[string]string // account → org
	calls []string
	// fail makes the next call of the named method fail with this error.
	fail map[string]error
}

type fakeOrg struct {
	id       string
	mgmt     string
	members  map[string]string // account → status
	trusted  map[string]bool
	delegate map[string][]string
}

func newFakeOrgs() *fakeOrgs {
	return &fakeOrgs{orgs: map[string]*fakeOrg{}, of: map[string]string{}, fail: map[string]error{}}
}

func (o *fakeOrgs) create(orgID, mgmt string, members ...string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	org := &fakeOrg{id: orgID, mgmt: mgmt, members: map[string]string{mgmt: "ACTIVE"}, trusted: map[string]bool{}, delegate: map[string][]string{}}
	o.orgs[orgID] = org
	o.of[mgmt] = orgID
	for _, m := range members {
		org.members[m] = "ACTIVE"
		o.of[m] = orgID
	}
}

// join adds an account to an organization.
func (o *fakeOrgs) join(orgID, account string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.orgs[orgID].members[account] = "ACTIVE"
	o.of[account] = orgID
}

func (o *fakeOrgs) ManagementAccount(accountID string) (string, string, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	id, ok := o.of[accountID]
	if !ok {
		return "", "", false
	}
	return o.orgs[id].mgmt, id, true
}

func (o *fakeOrgs) Members(orgID string) []inspector.MemberAccount {
	o.mu.Lock()
	defer o.mu.Unlock()
	org := o.orgs[orgID]
	if org == nil {
		return nil
	}
	var out []inspector.MemberAccount
	for id, st := range org.members {
		out = append(out, inspector.MemberAccount{AccountID: id, Status: st})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].AccountID < out[j].AccountID })
	return out
}

func (o *fakeOrgs) orgOfCaller(caller *authz.Principal, method string) (*fakeOrg, error) {
	o.calls = append(o.calls, method)
	if err := o.fail[method]; err != nil {
		delete(o.fail, method)
		return nil, err
	}
	org := o.orgs[o.of[caller.Account]]
	if org == nil {
		return nil, &orgError{"AWSOrganizationsNotInUseException", "Your account is not a member of an organization."}
	}
	if org.mgmt != caller.Account {
		return nil, &orgError{"AccessDeniedException", "You don't have permissions to access this resource."}
	}
	return org, nil
}

func (o *fakeOrgs) EnableAWSServiceAccess(caller *authz.Principal, sp string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	org, err := o.orgOfCaller(caller, "EnableAWSServiceAccess")
	if err != nil {
		return err
	}
	org.trusted[sp] = true
	return nil
}

func (o *fakeOrgs) RegisterDelegatedAdministrator(caller *authz.Principal, accountID, sp string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	org, err := o.orgOfCaller(caller, "RegisterDelegatedAdministrator")
	if err != nil {
		return err
	}
	switch {
	case org.members[accountID] == "":
		return &orgError{"AccountNotFoundException", "account not found"}
	case accountID == org.mgmt:
		return &orgError{"ConstraintViolationException", "CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR"}
	case !org.trusted[sp]:
		return &orgError{"ConstraintViolationException", "SERVICE_ACCESS_NOT_ENABLED"}
	case slices.Contains(org.delegate[sp], accountID):
		return &orgError{"AccountAlreadyRegisteredException", "already registered"}
	case len(org.delegate[sp]) > 0:
		return &orgError{"ConstraintViolationException", "DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE"}
	}
	org.delegate[sp] = append(org.delegate[sp], accountID)
	return nil
}

func (o *fakeOrgs) DeregisterDelegatedAdministrator(caller *authz.Principal, accountID, sp string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	org, err := o.orgOfCaller(caller, "DeregisterDelegatedAdministrator")
	if err != nil {
		return err
	}
	if !slices.Contains(org.delegate[sp], accountID) {
		return &orgError{"AccountNotRegisteredException", "not registered"}
	}
	org.delegate[sp] = slices.DeleteFunc(org.delegate[sp], func(a string) bool { return a == accountID })
	return nil
}

func (o *fakeOrgs) DelegatedAdministrators(orgID, sp string) []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	if org := o.orgs[orgID]; org != nil {
		return slices.Clone(org.delegate[sp])
	}
	return nil
}

func (o *fakeOrgs) ServiceAccessEnabled(orgID, sp string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	org := o.orgs[orgID]
	return org != nil && org.trusted[sp]
}

// fakeIDs records service-linked role creations.
type fakeIDs struct {
	mu    sync.Mutex
	roles map[string]bool
	err   error
}

func (f *fakeIDs) CreateServiceLinkedRole(accountID, sp string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	if f.roles == nil {
		f.roles = map[string]bool{}
	}
	f.roles[accountID+"/"+sp] = true
	return nil
}

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// seeded is a deterministic Rand for Config.Rand.
type seeded struct{ r *rand.ChaCha8 }

func newSeeded(seed byte) *seeded { return &seeded{rand.NewChaCha8([32]byte{seed})} }

func (s *seeded) Read(p []byte) (int, error) { return s.r.Read(p) }

// world is a Service with a fake organization, clock and identities.
type world struct {
	svc   *inspector.Service
	orgs  *fakeOrgs
	ids   *fakeIDs
	clock *clock
	db    *advisory.DB
	deny  map[string]bool // actions the authorizer denies
	mu    sync.Mutex
}

const (
	region  = "us-east-1"
	region2 = "eu-west-1"
	mgmt    = "111111111111"
	admin   = "222222222222"
	member1 = "333333333333"
	member2 = "444444444444"
	outside = "999999999999"
	orgID   = "o-exampleorg1"
)

func newWorld(db *advisory.DB) *world {
	if db == nil {
		db = advisory.Default()
	}
	w := &world{orgs: newFakeOrgs(), ids: &fakeIDs{}, clock: &clock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}, db: db, deny: map[string]bool{}}
	w.orgs.create(orgID, mgmt, admin, member1, member2)
	w.svc = inspector.New(inspector.Config{
		Now:           w.clock.Now,
		Rand:          newSeeded(1),
		Regions:       []string{region, region2},
		Authorizer:    authz.AuthorizerFunc(w.authorize),
		Organizations: w.orgs,
		Identities:    w.ids,
		Advisories:    db,
	})
	return w
}

func (w *world) authorize(caller *authz.Principal, checks ...authz.Check) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, c := range checks {
		if w.deny[c.Action] {
			return &authz.Error{Code: "AccessDenied", Status: 403, Err: authz.ErrAccessDenied,
				Message: fmt.Sprintf("User: %s is not authorized to perform: %s on resource: %s", caller.ARN, c.Action, c.Resource)}
		}
	}
	return nil
}

func root(account string) *authz.Principal {
	return &authz.Principal{Type: authz.PrincipalRoot, Account: account, ARN: "arn:aws:iam::" + account + ":root"}
}

// wait advances the clock past every status delay.
func (w *world) wait() { w.clock.Add(inspector.EnableDelay + time.Second) }
