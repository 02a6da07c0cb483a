package org_test

import (
	"bytes"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/org"
)

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// identities records what Organizations asks of the identity layer.
type identities struct {
	mu       sync.Mutex
	accounts map[string]string   // id -> email
	roles    map[string][]string // "acct/role" -> [trust, managed...]
	slrs     map[string]bool     // "acct/principal"
	fail     string              // a method name to fail
}

func newIdentities() *identities {
	return &identities{accounts: map[string]string{}, roles: map[string][]string{}, slrs: map[string]bool{}}
}

func (f *identities) CreateAccount(id, email string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail == "CreateAccount" {
		return fmt.Errorf("identity layer refuses")
	}
	f.accounts[id] = email
	return nil
}

func (f *identities) CreateRole(acct, role, trust string, managed ...string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail == "CreateRole" {
		return fmt.Errorf("identity layer refuses")
	}
	f.roles[acct+"/"+role] = append([]string{trust}, managed...)
	return nil
}

func (f *identities) CreateServiceLinkedRole(acct, principal string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail == "CreateServiceLinkedRole" {
		return fmt.Errorf("identity layer refuses")
	}
	f.slrs[acct+"/"+principal] = true
	return nil
}

func (f *identities) hasSLR(acct, principal string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.slrs[acct+"/"+principal]
}

// iam is a test Authorizer: authz.Evaluate over per-principal identity
// policies and the organization's own SCP chain, so that SCPs bite.
type iam struct {
	o        *org.Organization
	mu       sync.Mutex
	identity map[string]*authz.PolicyList // principal ARN -> policies
	// scpDeniedManagement records a denial decided by an SCP for a
	// principal of a management account, which must never happen.
	scpDeniedManagement []string
}

func newIAM() *iam { return &iam{identity: map[string]*authz.PolicyList{}} }

func (w *iam) allow(principalARN string, docs ...string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var ps []*authz.Policy
	for _, d := range docs {
		ps = append(ps, authz.MustParse(authz.Identity, d))
	}
	w.identity[principalARN] = authz.Of(ps...)
}

func (w *iam) Authorize(p *authz.Principal, checks ...authz.Check) error {
	chain, mgmt := w.o.SCPChain(p.Account)
	w.mu.Lock()
	set := &authz.PolicySet{Identity: w.identity[p.ARN], SCPs: chain, PrincipalInManagementAccount: mgmt}
	w.mu.Unlock()
	for _, c := range checks {
		req := &authz.Request{Principal: *p, Action: c.Action, Resource: c.Resource, ResourceAccount: c.ResourceAccount, Context: c.Context}
		if authz.Evaluate(req, set) == authz.Allowed {
			continue
		}
		exp := authz.Explain(req, set)
		if mgmt && exp.DecidedBy == authz.SCP {
			w.mu.Lock()
			w.scpDeniedManagement = append(w.scpDeniedManagement, exp.Message())
			w.mu.Unlock()
		}
		return authz.AccessDenied(exp)
	}
	return nil
}

// root is the root user of an account.
func root(acct string) *authz.Principal {
	return &authz.Principal{Type: authz.PrincipalRoot, ARN: "arn:aws:iam::" + acct + ":root", Account: acct, UserID: acct}
}

// role is a session of a role in an account.
func role(acct, name string) *authz.Principal {
	return &authz.Principal{
		Type:    authz.PrincipalAssumedRole,
		ARN:     "arn:aws:sts::" + acct + ":assumed-role/" + name + "/s",
		RoleARN: "arn:aws:iam::" + acct + ":role/" + name,
		Account: acct,
		UserID:  "AROAEXAMPLE:s",
	}
}

const (
	mgmtID     = "111111111111"
	memberID   = "222222222222"
	member2ID  = "333333333333"
	outsiderID = "444444444444"
)

// world is an organization with two invited members, SCPs enabled and
// every dependency recorded.
type world struct {
	t     testing.TB
	clock *clock
	ids   *identities
	iam   *iam
	o     *org.Organization
	orgID string
	root  string
}

func newWorld(t testing.TB, cfg org.Config) *world {
	t.Helper()
	w := &world{t: t, clock: newClock(), ids: newIdentities(), iam: newIAM()}
	if cfg.Now == nil {
		cfg.Now = w.clock.Now
	}
	if cfg.Rand == nil {
		cfg.Rand = bytes.NewReader(make([]byte, 32))
	}
	if cfg.Identities == nil {
		cfg.Identities = w.ids
	}
	if cfg.Authorizer == nil {
		cfg.Authorizer = w.iam
	}
	w.o = org.New(cfg)
	w.iam.o = w.o
	for _, a := range []struct{ id, email, name string }{
		{mgmtID, "mgmt@example.com", "Management"},
		{memberID, "member@example.com", "Member"},
		{member2ID, "member2@example.com", "Member Two"},
		{outsiderID, "outsider@example.com", "Outsider"},
	} {
		must(t, w.o.AddStandaloneAccount(a.id, a.email, a.name))
	}
	out, err := w.o.CreateOrganization(root(mgmtID), org.CreateOrganizationInput{})
	must(t, err)
	w.orgID = out.Organization.Id
	roots, err := w.o.ListRoots(root(mgmtID), org.ListRootsInput{})
	must(t, err)
	w.root = roots.Roots[0].Id
	w.invite(memberID)
	w.invite(member2ID)
	return w
}

func (w *world) invite(acct string) {
	w.t.Helper()
	h, err := w.o.InviteAccountToOrganization(root(mgmtID), org.InviteAccountToOrganizationInput{Target: org.HandshakeParty{Id: acct, Type: org.HandshakePartyTypeAccount}})
	must(w.t, err)
	_, err = w.o.AcceptHandshake(root(acct), org.AcceptHandshakeInput{HandshakeId: h.Handshake.Id})
	must(w.t, err)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// code renders an error as "Code" or "Code/Reason", "" for nil.
func code(err error) string {
	if err == nil {
		return ""
	}
	e, ok := err.(*org.Error)
	if !ok {
		return "not *org.Error: " + err.Error()
	}
	if e.Reason != "" {
		return e.Code + "/" + e.Reason
	}
	return e.Code
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}

func accountIDs(as []org.Account) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Id)
	}
	return out
}
