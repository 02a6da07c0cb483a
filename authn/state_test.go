package authn_test

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn"
	"pgregory.net/rapid"
)

// The identity store as a state machine, checked against a simple model.

type keyModel struct {
	user   string // lower-cased user name
	active bool
}

type sessionModel struct {
	expires time.Time
	role    string // lower-cased role name
	roleID  string
}

type storeModel struct {
	w        *world
	users    map[string]string // lower-cased name -> name
	keys     map[string]keyModel
	deleted  []string // ids of deleted keys
	groups   map[string]string
	members  map[[2]string]bool // {group, user}, lower-cased
	roles    map[string]string
	roleIDs  map[string]string
	sessions map[string]sessionModel
}

var (
	userNames  = []string{"alice", "Alice", "BOB", "bob", "carol", "Dave"}
	groupNames = []string{"admins", "Admins", "devs"}
	roleNames  = []string{"deploy", "Deploy", "audit"}
)

// anyTrust lets every principal of any account assume the role (a
// wildcard principal names the caller directly).
const anyTrust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`

func (m *storeModel) userKeys(lu string) []string {
	var out []string
	for id, k := range m.keys {
		if k.user == lu {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

func (m *storeModel) userInGroups(lu string) bool {
	for k := range m.members {
		if k[1] == lu {
			return true
		}
	}
	return false
}

func (m *storeModel) groupHasMembers(lg string) bool {
	for k := range m.members {
		if k[0] == lg {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func code(err error) string {
	var e *authn.Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

func expect(t *rapid.T, op string, err error, want string) {
	if got := code(err); got != want {
		t.Fatalf("%s: error %q (%v), want %q", op, got, err, want)
	}
}

func testIdentityStore(t *rapid.T) {
	c := newClock()
	d := authn.New(authn.Config{Now: c.Now, Rand: rand.NewChaCha8([32]byte{7}), PasswordHashIterations: 1})
	a, err := d.CreateAccount(acctA, "a@example.com")
	if err != nil {
		t.Fatal(err)
	}
	m := &storeModel{
		w:     &world{d: d, clock: c, a: a},
		users: map[string]string{}, keys: map[string]keyModel{}, groups: map[string]string{},
		members: map[[2]string]bool{}, roles: map[string]string{}, roleIDs: map[string]string{},
		sessions: map[string]sessionModel{},
	}
	t.Repeat(map[string]func(*rapid.T){
		"createUser": func(t *rapid.T) {
			name := rapid.SampledFrom(userNames).Draw(t, "user")
			_, err := a.CreateUser(authn.CreateUserInput{UserName: name})
			if _, exists := m.users[strings.ToLower(name)]; exists {
				expect(t, "CreateUser", err, "EntityAlreadyExists")
				return
			}
			expect(t, "CreateUser", err, "")
			m.users[strings.ToLower(name)] = name
		},
		"deleteUser": func(t *rapid.T) {
			name := rapid.SampledFrom(userNames).Draw(t, "user")
			lu := strings.ToLower(name)
			err := a.DeleteUser(name)
			switch _, exists := m.users[lu]; {
			case !exists:
				expect(t, "DeleteUser", err, "NoSuchEntity")
			case len(m.userKeys(lu)) > 0, m.userInGroups(lu):
				expect(t, "DeleteUser", err, "DeleteConflict")
			default:
				expect(t, "DeleteUser", err, "")
				delete(m.users, lu)
			}
		},
		"createKey": func(t *rapid.T) {
			name := rapid.SampledFrom(userNames).Draw(t, "user")
			lu := strings.ToLower(name)
			k, err := a.CreateAccessKey(name)
			switch _, exists := m.users[lu]; {
			case !exists:
				expect(t, "CreateAccessKey", err, "NoSuchEntity")
			case len(m.userKeys(lu)) >= 2:
				expect(t, "CreateAccessKey", err, "LimitExceeded")
			default:
				expect(t, "CreateAccessKey", err, "")
				m.keys[k.AccessKeyID] = keyModel{user: lu, active: true}
			}
		},
		"setKeyStatus": func(t *rapid.T) {
			if len(m.keys) == 0 {
				return // no keys: nothing to do (a skip would let a fuzzed input starve rapid of actions)
			}
			id := rapid.SampledFrom(sortedKeys(m.keys)).Draw(t, "key")
			active := rapid.Bool().Draw(t, "active")
			status := authn.StatusInactive
			if active {
				status = authn.StatusActive
			}
			k := m.keys[id]
			expect(t, "UpdateAccessKey", a.UpdateAccessKey(m.users[k.user], id, status), "")
			k.active = active
			m.keys[id] = k
		},
		"deleteKey": func(t *rapid.T) {
			if len(m.keys) == 0 {
				return // no keys: nothing to do (a skip would let a fuzzed input starve rapid of actions)
			}
			id := rapid.SampledFrom(sortedKeys(m.keys)).Draw(t, "key")
			expect(t, "DeleteAccessKey", a.DeleteAccessKey(m.users[m.keys[id].user], id), "")
			delete(m.keys, id)
			m.deleted = append(m.deleted, id)
		},
		"createGroup": func(t *rapid.T) {
			name := rapid.SampledFrom(groupNames).Draw(t, "group")
			_, err := a.CreateGroup("", name)
			if _, exists := m.groups[strings.ToLower(name)]; exists {
				expect(t, "CreateGroup", err, "EntityAlreadyExists")
				return
			}
			expect(t, "CreateGroup", err, "")
			m.groups[strings.ToLower(name)] = name
		},
		"deleteGroup": func(t *rapid.T) {
			name := rapid.SampledFrom(groupNames).Draw(t, "group")
			lg := strings.ToLower(name)
			err := a.DeleteGroup(name)
			switch _, exists := m.groups[lg]; {
			case !exists:
				expect(t, "DeleteGroup", err, "NoSuchEntity")
			case m.groupHasMembers(lg):
				expect(t, "DeleteGroup", err, "DeleteConflict")
			default:
				expect(t, "DeleteGroup", err, "")
				delete(m.groups, lg)
			}
		},
		"addToGroup": func(t *rapid.T) {
			g := rapid.SampledFrom(groupNames).Draw(t, "group")
			u := rapid.SampledFrom(userNames).Draw(t, "user")
			lg, lu := strings.ToLower(g), strings.ToLower(u)
			err := a.AddUserToGroup(g, u)
			_, gok := m.groups[lg]
			_, uok := m.users[lu]
			if !gok || !uok {
				expect(t, "AddUserToGroup", err, "NoSuchEntity")
				return
			}
			expect(t, "AddUserToGroup", err, "")
			m.members[[2]string{lg, lu}] = true
		},
		"removeFromGroup": func(t *rapid.T) {
			g := rapid.SampledFrom(groupNames).Draw(t, "group")
			u := rapid.SampledFrom(userNames).Draw(t, "user")
			lg, lu := strings.ToLower(g), strings.ToLower(u)
			err := a.RemoveUserFromGroup(g, u)
			if !m.members[[2]string{lg, lu}] {
				expect(t, "RemoveUserFromGroup", err, "NoSuchEntity")
				return
			}
			expect(t, "RemoveUserFromGroup", err, "")
			delete(m.members, [2]string{lg, lu})
		},
		"createRole": func(t *rapid.T) {
			name := rapid.SampledFrom(roleNames).Draw(t, "role")
			r, err := a.CreateRole(authn.CreateRoleInput{RoleName: name, AssumeRolePolicyDocument: anyTrust})
			if _, exists := m.roles[strings.ToLower(name)]; exists {
				expect(t, "CreateRole", err, "EntityAlreadyExists")
				return
			}
			expect(t, "CreateRole", err, "")
			m.roles[strings.ToLower(name)] = name
			m.roleIDs[strings.ToLower(name)] = r.RoleID
		},
		"deleteRole": func(t *rapid.T) {
			name := rapid.SampledFrom(roleNames).Draw(t, "role")
			err := a.DeleteRole(name)
			if _, exists := m.roles[strings.ToLower(name)]; !exists {
				expect(t, "DeleteRole", err, "NoSuchEntity")
				return
			}
			expect(t, "DeleteRole", err, "")
			delete(m.roles, strings.ToLower(name))
			delete(m.roleIDs, strings.ToLower(name))
		},
		"assumeRole": func(t *rapid.T) {
			if len(m.keys) == 0 {
				return // no keys: nothing to do (a skip would let a fuzzed input starve rapid of actions)
			}
			id := rapid.SampledFrom(sortedKeys(m.keys)).Draw(t, "key")
			role := rapid.SampledFrom(roleNames).Draw(t, "role")
			secs := rapid.IntRange(900, 3600).Draw(t, "seconds")
			ident, rerr := d.Resolve(id)
			if !m.keys[id].active {
				expect(t, "Resolve(inactive)", rerr, "InvalidClientTokenId")
				return
			}
			expect(t, "Resolve", rerr, "")
			out, err := d.AssumeRole(&ident.Principal, authn.AssumeRoleInput{
				RoleARN: roleARN(acctA, role), RoleSessionName: "sess", DurationSeconds: secs,
			})
			lr := strings.ToLower(role)
			if actual, exists := m.roles[lr]; !exists || actual != role {
				// No role, or the ARN names it in another case: role ARNs
				// are matched exactly.
				expect(t, "AssumeRole(no such role ARN)", err, "AccessDenied")
				return
			}
			expect(t, "AssumeRole", err, "")
			m.sessions[out.Credentials.AccessKeyID] = sessionModel{
				expires: c.Now().Add(time.Duration(secs) * time.Second), role: lr, roleID: m.roleIDs[lr],
			}
		},
		"advanceClock": func(t *rapid.T) {
			c.Advance(time.Duration(rapid.IntRange(0, 7200).Draw(t, "seconds")) * time.Second)
		},
		"": func(t *rapid.T) {
			m.check(t)
		},
	})
}

func (m *storeModel) check(t *rapid.T) {
	a, d, now := m.w.a, m.w.d, m.w.clock.Now()
	// Names are unique case-insensitively and match the model.
	users, err := a.ListUsers("")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range users {
		names = append(names, strings.ToLower(u.UserName))
	}
	if !slices.Equal(names, sortedKeys(m.users)) {
		t.Fatalf("users %v, model %v", names, sortedKeys(m.users))
	}
	// Never more than two keys per user; the store agrees with the model.
	for lu, name := range m.users {
		keys, err := a.ListAccessKeys(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(keys) > 2 {
			t.Fatalf("user %s has %d keys", name, len(keys))
		}
		var ids []string
		for _, k := range keys {
			ids = append(ids, k.AccessKeyID)
			if (k.Status == authn.StatusActive) != m.keys[k.AccessKeyID].active {
				t.Fatalf("key %s status %s, model active %v", k.AccessKeyID, k.Status, m.keys[k.AccessKeyID].active)
			}
		}
		slices.Sort(ids)
		if !slices.Equal(ids, m.userKeys(lu)) {
			t.Fatalf("user %s keys %v, model %v", name, ids, m.userKeys(lu))
		}
	}
	// An inactive key never resolves; an active one resolves to its user.
	for id, k := range m.keys {
		ident, err := d.Resolve(id)
		if !k.active {
			if err == nil {
				t.Fatalf("inactive key %s resolves", id)
			}
			if lk, _ := d.LookupKey(id); lk.Active {
				t.Fatalf("inactive key %s looks up as active", id)
			}
			continue
		}
		if err != nil {
			t.Fatalf("active key %s: %v", id, err)
		}
		if !strings.EqualFold(ident.Principal.UserName, k.user) {
			t.Fatalf("key %s resolves to %s, want %s", id, ident.Principal.UserName, k.user)
		}
	}
	// A deleted key (and so a deleted user's key) never resolves.
	for _, id := range m.deleted {
		if _, err := d.Resolve(id); !errors.Is(err, authn.ErrInvalidClientTokenID) {
			t.Fatalf("deleted key %s: %v", id, err)
		}
		if _, err := d.LookupKey(id); err == nil {
			t.Fatalf("deleted key %s looks up", id)
		}
	}
	// A session never outlives its expiry, nor its role.
	for id, s := range m.sessions {
		ident, err := d.Resolve(id)
		roleAlive := m.roleIDs[s.role] == s.roleID
		switch {
		case !now.Before(s.expires):
			if err == nil {
				t.Fatalf("session %s resolves %v after its expiry", id, now.Sub(s.expires))
			}
			if roleAlive && now.Sub(s.expires) <= authn.ExpiredSessionRetention && !errors.Is(err, authn.ErrExpiredToken) {
				t.Fatalf("expired session %s: %v, want ExpiredToken", id, err)
			}
		case !roleAlive:
			if err == nil {
				t.Fatalf("session %s of a deleted role resolves", id)
			}
		default:
			if err != nil {
				t.Fatalf("live session %s: %v", id, err)
			}
			if !ident.Expiration.Equal(s.expires) {
				t.Fatalf("session %s expires %v, model %v", id, ident.Expiration, s.expires)
			}
		}
	}
}

func TestIdentityStoreStateMachine(t *testing.T) {
	rapid.Check(t, testIdentityStore)
}

func FuzzIdentityStoreStateMachine(f *testing.F) {
	f.Fuzz(rapid.MakeFuzz(testIdentityStore))
}
