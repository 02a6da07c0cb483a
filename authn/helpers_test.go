package authn_test

import (
	"errors"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// clock is a settable clock for the Directory.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

const (
	acctA = "111111111111"
	acctB = "222222222222"
)

// world is a Directory with a clock and two accounts.
type world struct {
	d     *authn.Directory
	clock *clock
	a, b  *authn.Account
}

func newWorld(t testing.TB) *world {
	t.Helper()
	c := newClock()
	d := authn.New(authn.Config{Now: c.Now, Rand: rand.NewChaCha8([32]byte{1}), PasswordHashIterations: 1})
	a, err := d.CreateAccount(acctA, "a@example.com")
	if err != nil {
		t.Fatal(err)
	}
	b, err := d.CreateAccount(acctB, "b@example.com")
	if err != nil {
		t.Fatal(err)
	}
	return &world{d: d, clock: c, a: a, b: b}
}

func must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func ok(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantErr checks an error's code and message exactly.
func wantErr(t testing.TB, err error, code, msg string) {
	t.Helper()
	var e *authn.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want *authn.Error %s: %s", err, err, code, msg)
	}
	if e.Code != code || (msg != "" && e.Message != msg) {
		t.Fatalf("err = %s: %q, want %s: %q", e.Code, e.Message, code, msg)
	}
}

// userWithKey creates a user with an access key and returns its resolved
// principal.
func (w *world) userWithKey(t testing.TB, acct *authn.Account, name string, policies ...string) (*authz.Principal, authn.AccessKey) {
	t.Helper()
	must[authn.User](t)(acct.CreateUser(authn.CreateUserInput{UserName: name}))
	for i, p := range policies {
		ok(t, acct.PutUserPolicy(name, "p"+string(rune('0'+i)), p))
	}
	k := must[authn.AccessKey](t)(acct.CreateAccessKey(name))
	id := must[*authn.Identity](t)(w.d.Resolve(k.AccessKeyID))
	return &id.Principal, k
}

func (w *world) principal(t testing.TB, akid string) *authz.Principal {
	t.Helper()
	id := must[*authn.Identity](t)(w.d.Resolve(akid))
	return &id.Principal
}

const allowAll = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

func allow(actions, resource string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"` + actions + `","Resource":"` + resource + `"}]}`
}

func trustAWS(principal string, extra ...string) string {
	cond := ""
	if len(extra) > 0 {
		cond = `,"Condition":` + extra[0]
	}
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + principal + `"},"Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]` + cond + `}]}`
}

// evaluate decides a request for a principal with the Directory's own
// policies.
func (w *world) allowed(t testing.TB, p *authz.Principal, action, resource string) bool {
	t.Helper()
	err := authn.Authorizer{Directory: w.d}.Authorize(p, authz.Check{Action: action, Resource: resource})
	if err != nil && !errors.Is(err, authz.ErrAccessDenied) {
		t.Fatalf("Authorize: %v", err)
	}
	return err == nil
}
