package authn_test

import (
	"bytes"
	"encoding/base32"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// snapEnv is a Directory with what its clients hold: the clock, the
// seeded reader of ids, the credentials issued (by label), the seeds of
// MFA devices and the IMDS tokens of instances.
type snapEnv struct {
	t     testing.TB // nil in rapid properties, which mint no tokens
	d     *authn.Directory
	clock *clock
	rng   *rand.ChaCha8
	creds map[string]string // label -> access key id
	seeds map[string][]byte // MFA serial -> seed
	imds  map[string]string // instance id -> IMDS token
}

func newSnapEnv(t testing.TB) *snapEnv {
	c := newClock()
	rng := rand.NewChaCha8([32]byte{7})
	return &snapEnv{
		t: t, clock: c, rng: rng,
		d:     authn.New(authn.Config{Now: c.Now, Rand: rng, PasswordHashIterations: 1}),
		creds: map[string]string{}, seeds: map[string][]byte{}, imds: map[string]string{},
	}
}

// restoreFrom makes e a copy of src through a snapshot: the Directory by
// Restore, the reader, the clock and the client's memory by copying, as
// the Cloud does with the readers it owns.
func (e *snapEnv) restoreFrom(t fataler, src *snapEnv) []byte {
	t.Helper()
	snap, err := src.d.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.d.Restore(snap); err != nil {
		t.Fatalf("Restore: %v\n%s", err, snap)
	}
	state, err := src.rng.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.rng.UnmarshalBinary(state); err != nil {
		t.Fatal(err)
	}
	e.clock.mu.Lock()
	e.clock.t = src.clock.Now()
	e.clock.mu.Unlock()
	e.creds, e.seeds, e.imds = maps.Clone(src.creds), maps.Clone(src.seeds), maps.Clone(src.imds)
	return snap
}

func (e *snapEnv) acct(id string) *authn.Account {
	a, err := e.d.Account(id)
	if err != nil {
		return nil
	}
	return a
}

// fataler is what testing.TB and *rapid.T have in common.
type fataler interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// res is the comparable result of a call.
func res(v any, err error) any {
	if err != nil {
		return "error: " + err.Error()
	}
	return v
}

// snapOp is one call of a script, with its arguments fixed.
type snapOp struct {
	name string
	run  func(e *snapEnv) any
}

func onAcct(id string, f func(a *authn.Account) any) func(e *snapEnv) any {
	return func(e *snapEnv) any {
		a := e.acct(id)
		if a == nil {
			return "no account " + id
		}
		return f(a)
	}
}

func (e *snapEnv) caller(label string) (*authz.Principal, error) {
	akid, ok := e.creds[label]
	if !ok {
		return nil, errors.New("no credentials " + label)
	}
	id, err := e.d.Resolve(akid)
	if err != nil {
		return nil, err
	}
	return &id.Principal, nil
}

func (e *snapEnv) code(serial string) string {
	seed, ok := e.seeds[serial]
	if !ok {
		return "000000"
	}
	return authn.TOTP(seed, e.clock.Now(), 6)
}

func mfaSerial(acct, name string) string { return "arn:aws:iam::" + acct + ":mfa/" + name }

func policyARN(acct, name string) string { return "arn:aws:iam::" + acct + ":policy/" + name }

func opCreateAccount(id string) snapOp {
	return snapOp{"CreateAccount " + id, func(e *snapEnv) any {
		a, err := e.d.CreateAccount(id, id+"@example.com")
		if err != nil {
			return res(nil, err)
		}
		return a.ID()
	}}
}

func opCreateUser(acct, name string, tags ...authn.Tag) snapOp {
	return snapOp{"CreateUser " + name, onAcct(acct, func(a *authn.Account) any {
		return res(a.CreateUser(authn.CreateUserInput{UserName: name, Tags: tags}))
	})}
}

func opCreateKey(acct, user, label string) snapOp {
	return snapOp{"CreateAccessKey " + label, func(e *snapEnv) any {
		a := e.acct(acct)
		if a == nil {
			return "no account"
		}
		k, err := a.CreateAccessKey(user)
		if err == nil {
			e.creds[label] = k.AccessKeyID
		}
		return res(k, err)
	}}
}

func opKeyStatus(acct, user, label string, status authn.StatusType) snapOp {
	return snapOp{"UpdateAccessKey " + label, func(e *snapEnv) any {
		a := e.acct(acct)
		if a == nil {
			return "no account"
		}
		return res(nil, a.UpdateAccessKey(user, e.creds[label], status))
	}}
}

func opDeleteKey(acct, user, label string) snapOp {
	return snapOp{"DeleteAccessKey " + label, func(e *snapEnv) any {
		a := e.acct(acct)
		if a == nil {
			return "no account"
		}
		return res(nil, a.DeleteAccessKey(user, e.creds[label]))
	}}
}

// opUse resolves, looks up and authorizes with a credential, and reads
// its policy context: everything a request signed with it would see.
func opUse(label string) snapOp {
	return snapOp{"use " + label, func(e *snapEnv) any {
		akid := e.creds[label]
		id, err := e.d.Resolve(akid)
		if err != nil {
			return res(nil, err)
		}
		key, err := e.d.LookupKey(akid)
		if err != nil {
			return res(nil, err)
		}
		out := map[string]any{"identity": id, "secret": key.SecretAccessKey, "token": key.SessionToken, "expires": key.Expiration, "active": key.Active}
		rc, err := e.d.PolicyContext(&id.Principal)
		if err != nil {
			out["context"] = res(nil, err)
		} else {
			out["context"] = contextMap(rc.Context)
			out["policies"] = [3]int{rc.Identity.Len(), rc.Boundary.Len(), rc.Session.Len()}
		}
		for _, c := range []authz.Check{
			{Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/key"},
			{Action: "iam:CreateUser", Resource: "arn:aws:iam::111111111111:user/x"},
		} {
			out[c.Action] = fmt.Sprint(authn.Authorizer{Directory: e.d}.Authorize(&id.Principal, c))
		}
		return out
	}}
}

func opAdvance(d time.Duration) snapOp {
	return snapOp{"advance " + d.String(), func(e *snapEnv) any { e.clock.Advance(d); return nil }}
}

func opCreateGroup(acct, name string) snapOp {
	return snapOp{"CreateGroup " + name, onAcct(acct, func(a *authn.Account) any { return res(a.CreateGroup("/team/", name)) })}
}

func opAddToGroup(acct, group, user string) snapOp {
	return snapOp{"AddUserToGroup " + group + " " + user, onAcct(acct, func(a *authn.Account) any { return res(nil, a.AddUserToGroup(group, user)) })}
}

func opRemoveFromGroup(acct, group, user string) snapOp {
	return snapOp{"RemoveUserFromGroup " + group + " " + user, onAcct(acct, func(a *authn.Account) any { return res(nil, a.RemoveUserFromGroup(group, user)) })}
}

func opCreatePolicy(acct, name, doc string) snapOp {
	return snapOp{"CreatePolicy " + name, onAcct(acct, func(a *authn.Account) any {
		return res(a.CreatePolicy(authn.CreatePolicyInput{PolicyName: name, PolicyDocument: doc, Description: "d", Tags: []authn.Tag{{Key: "k", Value: name}}}))
	})}
}

func opPolicyVersion(acct, name, doc string, setDefault bool) snapOp {
	return snapOp{"CreatePolicyVersion " + name, onAcct(acct, func(a *authn.Account) any {
		return res(a.CreatePolicyVersion(policyARN(acct, name), doc, setDefault))
	})}
}

func opDeletePolicyVersion(acct, name, version string) snapOp {
	return snapOp{"DeletePolicyVersion " + name + " " + version, onAcct(acct, func(a *authn.Account) any {
		return res(nil, a.DeletePolicyVersion(policyARN(acct, name), version))
	})}
}

func opAttach(acct, kind, entity, policy string) snapOp {
	return snapOp{"Attach " + kind + " " + entity + " " + policy, onAcct(acct, func(a *authn.Account) any {
		switch kind {
		case "user":
			return res(nil, a.AttachUserPolicy(entity, policy))
		case "group":
			return res(nil, a.AttachGroupPolicy(entity, policy))
		}
		return res(nil, a.AttachRolePolicy(entity, policy))
	})}
}

func opDetachUser(acct, user, policy string) snapOp {
	return snapOp{"DetachUserPolicy " + user + " " + policy, onAcct(acct, func(a *authn.Account) any { return res(nil, a.DetachUserPolicy(user, policy)) })}
}

func opPutInline(acct, kind, entity, name, doc string) snapOp {
	return snapOp{"Put" + kind + "Policy " + entity, onAcct(acct, func(a *authn.Account) any {
		switch kind {
		case "user":
			return res(nil, a.PutUserPolicy(entity, name, doc))
		case "group":
			return res(nil, a.PutGroupPolicy(entity, name, doc))
		}
		return res(nil, a.PutRolePolicy(entity, name, doc))
	})}
}

func opCreateRole(acct, name, trust string) snapOp {
	return snapOp{"CreateRole " + name, onAcct(acct, func(a *authn.Account) any {
		return res(a.CreateRole(authn.CreateRoleInput{RoleName: name, Path: "/app/", AssumeRolePolicyDocument: trust, Tags: []authn.Tag{{Key: "team", Value: "blue"}}}))
	})}
}

func opAssumeRole(caller, acct, roleName, label string, in authn.AssumeRoleInput) snapOp {
	return snapOp{"AssumeRole " + label, func(e *snapEnv) any {
		p, err := e.caller(caller)
		if err != nil {
			return res(nil, err)
		}
		in.RoleARN = "arn:aws:iam::" + acct + ":role/app/" + roleName
		in.RoleSessionName = label
		if in.SerialNumber != "" {
			in.TokenCode = e.code(in.SerialNumber)
		}
		out, err := e.d.AssumeRole(p, in)
		if err == nil {
			e.creds[label] = out.Credentials.AccessKeyID
		}
		return res(out, err)
	}}
}

func opSessionToken(caller, label, serial string) snapOp {
	return snapOp{"GetSessionToken " + label, func(e *snapEnv) any {
		p, err := e.caller(caller)
		if err != nil {
			return res(nil, err)
		}
		in := authn.GetSessionTokenInput{SerialNumber: serial}
		if serial != "" {
			in.TokenCode = e.code(serial)
		}
		out, err := e.d.GetSessionToken(p, in)
		if err == nil {
			e.creds[label] = out.AccessKeyID
		}
		return res(out, err)
	}}
}

func opFederationToken(caller, label string) snapOp {
	return snapOp{"GetFederationToken " + label, func(e *snapEnv) any {
		p, err := e.caller(caller)
		if err != nil {
			return res(nil, err)
		}
		out, err := e.d.GetFederationToken(p, authn.GetFederationTokenInput{
			Name: label, Policy: allow("s3:*", "*"), PolicyARNs: []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"},
			Tags: []authn.Tag{{Key: "fed", Value: "yes"}},
		})
		if err == nil {
			e.creds[label] = out.Credentials.AccessKeyID
		}
		return res(out, err)
	}}
}

func opCreateMFA(acct, name string) snapOp {
	return snapOp{"CreateVirtualMFADevice " + name, func(e *snapEnv) any {
		a := e.acct(acct)
		if a == nil {
			return "no account"
		}
		dev, err := a.CreateVirtualMFADevice("/", name, authn.Tag{Key: "device", Value: name})
		if err == nil {
			e.seeds[dev.SerialNumber] = b32(dev.Base32StringSeed)
		}
		return res(dev, err)
	}}
}

func opEnableMFA(acct, user, name string) snapOp {
	return snapOp{"EnableMFADevice " + name, func(e *snapEnv) any {
		a := e.acct(acct)
		if a == nil {
			return "no account"
		}
		serial := mfaSerial(acct, name)
		seed := e.seeds[serial]
		now := e.clock.Now()
		err := a.EnableMFADevice(user, serial, authn.TOTP(seed, now.Add(-authn.TOTPStep), 6), authn.TOTP(seed, now, 6))
		e.clock.Advance(authn.TOTPStep)
		return res(nil, err)
	}}
}

func opDeactivateMFA(acct, user, name string) snapOp {
	return snapOp{"DeactivateMFADevice " + name, onAcct(acct, func(a *authn.Account) any {
		return res(nil, a.DeactivateMFADevice(user, mfaSerial(acct, name)))
	})}
}

func opLogin(acct, user, pw string, update bool) snapOp {
	return snapOp{"LoginProfile " + user, onAcct(acct, func(a *authn.Account) any {
		if user == "" {
			return res(nil, a.SetRootPassword(pw))
		}
		if update {
			reset := true
			return res(nil, a.UpdateLoginProfile(user, pw, &reset))
		}
		return res(a.CreateLoginProfile(user, pw, false))
	})}
}

func opSignIn(acct, user, pw, mfa string) snapOp {
	return snapOp{"SignIn " + user, func(e *snapEnv) any {
		a := e.acct(acct)
		if a == nil {
			return "no account"
		}
		code := ""
		if mfa != "" {
			code = e.code(mfaSerial(acct, mfa))
		}
		return res(nil, a.SignIn(user, pw, code))
	}}
}

func opProfile(acct, name, role, instance string) snapOp {
	return snapOp{"instance profile " + name, onAcct(acct, func(a *authn.Account) any {
		p, err := a.CreateInstanceProfile("/", name, []authn.Tag{{Key: "p", Value: name}})
		if err != nil {
			return res(nil, err)
		}
		if err := a.AddRoleToInstanceProfile(name, role); err != nil {
			return res(nil, err)
		}
		return res(p, a.Directory().RegisterInstance(acct, instance, name))
	})}
}

// opIMDS gets a token (when the instance has none) and the credentials of
// an instance's role through its metadata service.
func opIMDS(instance, role string, newToken bool) snapOp {
	return snapOp{"IMDS " + instance, func(e *snapEnv) any {
		h := e.d.InstanceMetadata(instance)
		call := func(method, path string, header map[string]string) (int, string) {
			r := httptest.NewRequest(method, path, nil)
			for k, v := range header {
				r.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			return w.Code, w.Body.String()
		}
		var out []any
		if newToken {
			code, body := call(http.MethodPut, "/latest/api/token", map[string]string{"X-aws-ec2-metadata-token-ttl-seconds": "21600"})
			out = append(out, code, body)
			if code == http.StatusOK {
				e.imds[instance] = body
			}
		}
		code, body := call(http.MethodGet, "/latest/meta-data/iam/security-credentials/"+role, map[string]string{"X-aws-ec2-metadata-token": e.imds[instance]})
		out = append(out, code, body)
		if i := strings.Index(body, `"AccessKeyId" : "`); i >= 0 {
			akid, _, _ := strings.Cut(body[i+len(`"AccessKeyId" : "`):], `"`)
			e.creds["imds:"+instance] = akid
		}
		code, body = call(http.MethodGet, "/latest/meta-data/iam/info", map[string]string{"X-aws-ec2-metadata-token": e.imds[instance]})
		return append(out, code, body)
	}}
}

func opOIDC(acct string) snapOp {
	return snapOp{"OIDC provider and role", onAcct(acct, func(a *authn.Account) any {
		p, err := a.CreateOpenIDConnectProvider(issuer, []string{"sts.amazonaws.com"}, []string{strings.Repeat("a", 40)}, []authn.Tag{{Key: "idp", Value: "gh"}})
		if err != nil {
			return res(nil, err)
		}
		if err := a.SetOpenIDConnectProviderKeys(p.ARN, jwks()); err != nil {
			return res(nil, err)
		}
		trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + p.ARN + `"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`
		return res(a.CreateRole(authn.CreateRoleInput{RoleName: "web", Path: "/app/", AssumeRolePolicyDocument: trust}))
	})}
}

func opWebIdentity(acct, label string) snapOp {
	return snapOp{"AssumeRoleWithWebIdentity " + label, func(e *snapEnv) any {
		now := e.clock.Now().Unix()
		tok := mint(e.t, "rsa1", map[string]any{"iss": issuer, "aud": "sts.amazonaws.com", "sub": "repo:org/app", "iat": now, "exp": now + 300})
		out, err := e.d.AssumeRoleWithWebIdentity(authn.AssumeRoleWithWebIdentityInput{
			RoleARN: "arn:aws:iam::" + acct + ":role/app/web", RoleSessionName: label, WebIdentityToken: tok,
		})
		if err == nil {
			e.creds[label] = out.Credentials.AccessKeyID
		}
		return res(out, err)
	}}
}

func opSAML(acct, label string) snapOp {
	return snapOp{"SAML provider, role and session " + label, func(e *snapEnv) any {
		a := e.acct(acct)
		if a == nil {
			return "no account"
		}
		prov := "arn:aws:iam::" + acct + ":saml-provider/corp"
		if _, err := a.GetSAMLProvider(prov); err != nil {
			meta := samlMetadata + "<!--" + strings.Repeat(" ", 1000) + "-->"
			if _, err := a.CreateSAMLProvider("corp", meta, []authn.Tag{{Key: "idp", Value: "corp"}}); err != nil {
				return res(nil, err)
			}
			trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + prov + `"},"Action":["sts:AssumeRoleWithSAML","sts:TagSession"]}]}`
			if _, err := a.CreateRole(authn.CreateRoleInput{RoleName: "saml", Path: "/app/", AssumeRolePolicyDocument: trust}); err != nil {
				return res(nil, err)
			}
		}
		now := e.clock.Now()
		out, err := e.d.AssumeRoleWithSAML(authn.AssumeRoleWithSAMLInput{
			RoleARN: "arn:aws:iam::" + acct + ":role/app/saml", PrincipalARN: prov,
			Assertion: authn.SAMLAssertion{
				Issuer: "https://idp.corp.example/saml", Audience: "https://signin.aws.amazon.com/saml",
				Subject: "alice", SubjectType: "persistent", NotOnOrAfter: now.Add(5 * time.Minute),
				Roles: []string{"arn:aws:iam::" + acct + ":role/app/saml," + prov}, RoleSessionName: label,
				PrincipalTags: []authn.Tag{{Key: "dept", Value: "eng"}}, TransitiveTagKeys: []string{"dept"},
			},
		})
		if err == nil {
			e.creds[label] = out.Credentials.AccessKeyID
		}
		return res(out, err)
	}}
}

// opLook reads an account through every List and Get of its entities.
func opLook(acct string) snapOp {
	return snapOp{"look " + acct, onAcct(acct, func(a *authn.Account) any {
		out := map[string]any{}
		out["users"] = res(a.ListUsers(""))
		out["groups"] = res(a.ListGroups(""))
		out["roles"] = res(a.ListRoles(""))
		out["policies"] = res(a.ListPolicies(""))
		out["profiles"] = res(a.ListInstanceProfiles(""))
		out["mfa"] = res(a.ListVirtualMFADevices(authn.AssignmentAny))
		out["rootMFA"] = res(a.ListMFADevices(""))
		out["oidc"] = res(a.ListOpenIDConnectProviders())
		out["saml"] = res(a.ListSAMLProviders())
		out["summary"] = res(a.GetAccountSummary())
		out["passwordPolicy"] = res(a.GetAccountPasswordPolicy())
		out["rootKeys"] = res(a.ListAccessKeys(""))
		out["sts"] = [2]bool{a.STSRegionActive("af-south-1"), a.STSRegionActive("us-east-1")}
		users, _ := a.ListUsers("")
		for _, u := range users {
			n := u.UserName
			out[n+" keys"] = res(a.ListAccessKeys(n))
			out[n+" groups"] = res(a.ListGroupsForUser(n))
			out[n+" attached"] = res(a.ListAttachedUserPolicies(n))
			out[n+" inline"] = res(a.ListUserPolicies(n))
			out[n+" mfa"] = res(a.ListMFADevices(n))
			out[n+" login"] = res(a.GetLoginProfile(n))
			keys, _ := a.ListAccessKeys(n)
			for _, k := range keys {
				out[k.AccessKeyID] = res(a.GetAccessKeyLastUsed(k.AccessKeyID))
			}
		}
		policies, _ := a.ListPolicies("")
		for _, p := range policies {
			out[p.ARN] = res(a.ListPolicyVersions(p.ARN))
		}
		roles, _ := a.ListRoles("")
		for _, r := range roles {
			out[r.RoleName+" attached"] = res(a.ListAttachedRolePolicies(r.RoleName))
			out[r.RoleName+" profiles"] = res(a.ListInstanceProfilesForRole(r.RoleName))
		}
		groups, _ := a.ListGroups("")
		for _, g := range groups {
			out[g.GroupName+" members"] = res(nil, nil)
			_, members, err := a.GetGroup(g.GroupName)
			out[g.GroupName+" members"] = res(members, err)
		}
		return out
	})}
}

func b32(s string) []byte {
	out, _ := base32.StdEncoding.DecodeString(s)
	return out
}

const (
	snapDoc  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","sts:*"],"Resource":"*"}]}`
	snapDoc2 = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
)

// richScript builds every kind of entity the Directory has and uses it,
// then draws new ids, keys, tokens and MFA seeds.
func richScript() []snapOp {
	rootTrust := trustAWS("arn:aws:iam::" + acctA + ":root")
	return []snapOp{
		opCreateAccount(acctA),
		opCreateAccount(acctB),
		{"password policy and STS regions", onAcct(acctA, func(a *authn.Account) any {
			return []error{
				a.UpdateAccountPasswordPolicy(authn.PasswordPolicy{MinimumPasswordLength: 8, RequireNumbers: true, PasswordReusePrevention: 3, MaxPasswordAge: 90}),
				a.SetSTSRegionActive("af-south-1", true), a.SetSTSRegionActive("us-east-1", false),
			}
		})},
		opLogin(acctA, "", "Root-pass-1", false),
		opCreateKey(acctA, "", "root"),
		opCreatePolicy(acctA, "ops", snapDoc),
		opPolicyVersion(acctA, "ops", snapDoc2, false),
		opPolicyVersion(acctA, "ops", snapDoc, true),
		opDeletePolicyVersion(acctA, "ops", "v2"),
		opCreateGroup(acctA, "devs"),
		opPutInline(acctA, "group", "devs", "g", allow("ec2:*", "*")),
		opAttach(acctA, "group", "devs", policyARN(acctA, "ops")),
		opCreateUser(acctA, "alice", authn.Tag{Key: "team", Value: "red"}),
		{"boundary", onAcct(acctA, func(a *authn.Account) any {
			return res(nil, a.PutUserPermissionsBoundary("alice", "arn:aws:iam::aws:policy/AdministratorAccess"))
		})},
		opAddToGroup(acctA, "devs", "alice"),
		opPutInline(acctA, "user", "alice", "sts", allow("sts:*", "*")),
		opAttach(acctA, "user", "alice", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
		opLogin(acctA, "alice", "Alice-pass-1", false),
		opLogin(acctA, "alice", "Alice-pass-2", true),
		opSignIn(acctA, "alice", "Alice-pass-2", ""),
		opCreateKey(acctA, "alice", "alice"),
		opCreateKey(acctA, "alice", "alice2"),
		opKeyStatus(acctA, "alice", "alice2", authn.StatusInactive),
		opUse("alice"),
		opCreateMFA(acctA, "alice-phone"),
		opEnableMFA(acctA, "alice", "alice-phone"),
		opCreateMFA(acctA, "root-phone"),
		opEnableMFA(acctA, "", "root-phone"),
		opCreateMFA(acctA, "spare"),
		opCreateRole(acctA, "target", rootTrust),
		opPutInline(acctA, "role", "target", "s3", allow("s3:GetObject", "*")),
		opAttach(acctA, "role", "target", policyARN(acctA, "ops")),
		{"UpdateAssumeRolePolicy by another case", onAcct(acctA, func(a *authn.Account) any {
			return res(nil, a.UpdateAssumeRolePolicy("TARGET", rootTrust))
		})},
		opAssumeRole("alice", acctA, "target", "s1", authn.AssumeRoleInput{
			SerialNumber: mfaSerial(acctA, "alice-phone"), Policy: allow("s3:*", "*"),
			PolicyARNs: []string{policyARN(acctA, "ops")}, SourceIdentity: "alice",
			Tags: []authn.Tag{{Key: "project", Value: "x"}}, TransitiveTagKeys: []string{"project"},
		}),
		opAssumeRole("s1", acctA, "target", "s2", authn.AssumeRoleInput{}),
		opUse("s1"),
		opUse("s2"),
		opSessionToken("alice", "alice-st", ""),
		opSessionToken("root", "root-st", mfaSerial(acctA, "root-phone")),
		opFederationToken("alice", "fed"),
		opUse("fed"),
		{"CreateServiceLinkedRole", onAcct(acctA, func(a *authn.Account) any {
			return res(a.CreateServiceLinkedRole("inspector2.amazonaws.com", "scans", ""))
		})},
		opCreateRole(acctA, "WebRole", ec2Trust),
		opProfile(acctA, "web", "WebRole", "i-0123456789abcdef0"),
		opIMDS("i-0123456789abcdef0", "WebRole", true),
		opOIDC(acctA),
		opWebIdentity(acctA, "gh"),
		opSAML(acctA, "alice@corp"),
		opCreateUser(acctB, "bob"),
		opCreateKey(acctB, "bob", "bob"),
		opLook(acctA),
		// Calls that draw ids, secrets and tokens after any restore point.
		opAdvance(10 * time.Minute),
		opCreateUser(acctA, "carol"),
		opCreateKey(acctA, "carol", "carol"),
		opCreateMFA(acctA, "carol-phone"),
		opEnableMFA(acctA, "carol", "carol-phone"),
		opAssumeRole("alice", acctA, "target", "s3", authn.AssumeRoleInput{SerialNumber: mfaSerial(acctA, "alice-phone")}),
		opSessionToken("alice", "alice-reuse", mfaSerial(acctA, "alice-phone")), // the code was used
		opSessionToken("carol", "carol-st", mfaSerial(acctA, "carol-phone")),
		opAdvance(authn.TOTPStep),
		opSignIn(acctA, "alice", "Alice-pass-2", "alice-phone"),
		opIMDS("i-0123456789abcdef0", "WebRole", false),
		opAdvance(6 * time.Hour),
		opIMDS("i-0123456789abcdef0", "WebRole", true),
		opUse("imds:i-0123456789abcdef0"),
		opUse("s1"),
		opWebIdentity(acctA, "gh2"),
		opSAML(acctA, "bob@corp"),
		opDeactivateMFA(acctA, "carol", "carol-phone"),
		opDetachUser(acctA, "alice", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
		opDeleteKey(acctA, "alice", "alice2"),
		opRemoveFromGroup(acctA, "devs", "alice"),
		opAdvance(13 * time.Hour),
		opAssumeRole("alice", acctA, "target", "s4", authn.AssumeRoleInput{}),
		opUse("s1"),
		opUse("s4"),
		opLook(acctA),
		opLook(acctB),
	}
}

func runOps(e *snapEnv, ops []snapOp) []any {
	out := make([]any, len(ops))
	for i, op := range ops {
		out[i] = op.run(e)
	}
	return out
}

var snapCmp = []cmp.Option{cmpopts.EquateEmpty()}

// TestSnapshotRoundTrip: after each call of the script, a snapshot
// restored into a fresh Directory snapshots to the same bytes.
func TestSnapshotRoundTrip(t *testing.T) {
	e := newSnapEnv(t)
	ops := richScript()
	checked := false
	for i, op := range ops {
		op.run(e)
		if op.name == "look "+acctA && !checked {
			checked = true
			checkSnapshotContent(t, e)
		}
		b := newSnapEnv(t)
		snap := b.restoreFrom(t, e)
		again, err := b.d.Snapshot()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(snap, again) {
			t.Fatalf("after %d %s: Snapshot(Restore(s)) != s\n%s\n%s", i, op.name, snap, again)
		}
	}
	if !checked {
		t.Fatal("the script never looked at account A")
	}
}

// checkSnapshotContent checks that a snapshot of the rich script holds
// every kind of entity and relation.
func checkSnapshotContent(t *testing.T, e *snapEnv) {
	t.Helper()
	snap, _ := e.d.Snapshot()
	for _, want := range []string{
		`"rootPassword"`, `"rootMFA"`, `"rootKeys"`, `"passwordPolicy"`, `"stsRegions"`, `"versions"`,
		`"groups":["AGPA`, `"login"`, `"previous"`, `"lastUsed":"2026`, `"boundary"`, `"inline"`,
		`"serviceLinkedTo"`, `"trustName":"TARGET"`, `"instanceProfiles":[{`, `"mfaDevices":[{`,
		`"oidcProviders":[{`, `"kty":"RSA"`, `"kty":"EC"`, `"samlProviders":[{`, `"kind":"role"`,
		`"kind":"federated"`, `"kind":"session-token"`, `"kind":"session"`, `"kind":"identity"`,
		`"instances":[{`, `"tokens"`, `"credentials":"ASIA`, `"transitiveTagKeys"`, `"sourceIdentity"`,
		`"provider":"arn:aws:iam::111111111111:oidc-provider`, `"provider":"arn:aws:iam::111111111111:saml-provider`,
	} {
		if !strings.Contains(string(snap), want) {
			t.Errorf("the snapshot has no %s", want)
		}
	}
}

// TestSnapshotReplay: a Directory restored from a snapshot taken after
// any call of the script gives the same results for the rest of it as the
// original: ids, secrets, tokens, errors and timestamps.
func TestSnapshotReplay(t *testing.T) {
	ops := richScript()
	for split := 0; split <= len(ops); split++ {
		a := newSnapEnv(t)
		runOps(a, ops[:split])
		b := newSnapEnv(t)
		b.restoreFrom(t, a)
		wantRest := runOps(a, ops[split:])
		gotRest := runOps(b, ops[split:])
		// reflect.DeepEqual first: cmp.Diff is the slow way to say the same.
		if !reflect.DeepEqual(wantRest, gotRest) {
			if diff := cmp.Diff(wantRest, gotRest, snapCmp...); diff != "" {
				t.Fatalf("restored after %d calls: results differ (-original +restored):\n%s", split, diff)
			}
		}
		sa, _ := a.d.Snapshot()
		sb, _ := b.d.Snapshot()
		if !bytes.Equal(sa, sb) {
			t.Fatalf("restored after %d calls: final snapshots differ", split)
		}
	}
}

// TestRestoreRejects: malformed and inconsistent snapshots are errors that
// say what is wrong, and leave the Directory as it was.
func TestRestoreRejects(t *testing.T) {
	e := newSnapEnv(t)
	runOps(e, richScript()[:48])
	good, err := e.d.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	s := string(good)
	first := func(old, new string) string {
		if !strings.Contains(s, old) {
			t.Fatalf("the snapshot has no %s", old)
		}
		return strings.Replace(s, old, new, 1)
	}
	tests := []struct {
		name, data, want string
	}{
		{"not JSON", "{", "unexpected end"},
		{"no version", `{"accounts":[]}`, "no version"},
		{"version 2", strings.Replace(s, `"version":1`, `"version":2`, 1), "version 2 is not supported"},
		{"other partition", first(`"partition":"aws"`, `"partition":"aws-cn"`), `partition "aws-cn"`},
		{"unknown field", first(`"partition":"aws"`, `"partition":"aws","extra":1`), "unknown field"},
		{"trailing data", s + "{}", "after top-level value"},
		{"bad account id", first(`"id":"222222222222"`, `"id":"2222"`), "not 12 digits"},
		{"duplicate account", first(`"id":"222222222222"`, `"id":"111111111111"`), "duplicate account"},
		{"dangling group", first(`"groups":["AGPA`, `"groups":["AGPAX`), "is not a group of the account"},
		{"dangling policy", first(`"attached":["arn:aws:iam::111111111111:policy/ops"`, `"attached":["arn:aws:iam::111111111111:policy/nope"`), "does not exist"},
		{"bad default version", first(`"defaultVersion":"v3"`, `"defaultVersion":"v9"`), "default version"},
		{"bad attachment count", first(`"attachments":2`, `"attachments":5`), "attachment count"},
		{"bad policy document", first(`"name":"sts","document":"{`, `"name":"sts","document":"{x`), "inline policy sts"},
		{"bad MFA serial", first(`"serial":"arn:aws:iam::111111111111:mfa/`, `"serial":"arn:aws:iam::222222222222:mfa/`), "not an MFA device ARN"},
		{"bad session kind", first(`"kind":"role"`, `"kind":"nope"`), "unknown kind"},
		{"dangling session parent", first(`"parent":"AROA`, `"parent":"AROX`), "parent"},
		{"dangling instance credentials", first(`"credentials":"ASIA`, `"credentials":"ASIX`), "are not a session of the instance"},
		{"bad OIDC ARN", first(`"url":"https://token.example.com/org"`, `"url":"https://other.example.com"`), "does not match the URL"},
		{"bad JWK", first(`"crv":"P-256","x":"`, `"crv":"P-256","x":"AA`), "JSON Web Key Set"},
		{"bad max session", first(`"maxSessionNanos":3600000000000`, `"maxSessionNanos":1`), "maximum session duration"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := e.d.Restore([]byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Restore: err = %v, want one containing %q", err, tt.want)
			}
			after, err := e.d.Snapshot()
			if err != nil || !bytes.Equal(after, good) {
				t.Fatalf("a failed Restore changed the Directory")
			}
		})
	}
}

// BenchmarkSnapshot and BenchmarkRestore: 10 accounts of 100 users, each
// with an access key, a group, an inline and an attached policy, and a
// session per account.
func snapBenchEnv(b *testing.B) (*snapEnv, []byte) {
	e := newSnapEnv(b)
	for i := range 10 {
		id := fmt.Sprintf("%012d", 100000000000+i)
		a, err := e.d.CreateAccount(id, "x@example.com")
		if err != nil {
			b.Fatal(err)
		}
		must[authn.Group](b)(a.CreateGroup("", "g"))
		p := must[authn.ManagedPolicy](b)(a.CreatePolicy(authn.CreatePolicyInput{PolicyName: "p", PolicyDocument: snapDoc}))
		for j := range 100 {
			name := "user" + strconv.Itoa(j)
			must[authn.User](b)(a.CreateUser(authn.CreateUserInput{UserName: name, Tags: []authn.Tag{{Key: "n", Value: name}}}))
			ok(b, a.AddUserToGroup("g", name))
			ok(b, a.PutUserPolicy(name, "s3", snapDoc2))
			ok(b, a.AttachUserPolicy(name, p.ARN))
			k := must[authn.AccessKey](b)(a.CreateAccessKey(name))
			e.creds[id+name] = k.AccessKeyID
		}
		p0, err := e.caller(id + "user0")
		ok(b, err)
		must[authn.Credentials](b)(e.d.GetSessionToken(p0, authn.GetSessionTokenInput{}))
	}
	snap, err := e.d.Snapshot()
	ok(b, err)
	return e, snap
}

func BenchmarkSnapshot(b *testing.B) {
	e, snap := snapBenchEnv(b)
	b.SetBytes(int64(len(snap)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.d.Snapshot(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRestore(b *testing.B) {
	_, snap := snapBenchEnv(b)
	d := authn.New(authn.Config{PasswordHashIterations: 1})
	b.SetBytes(int64(len(snap)))
	b.ReportAllocs()
	for b.Loop() {
		if err := d.Restore(snap); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleDirectory_Snapshot() {
	seed := [32]byte{1}
	clock := func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }
	d := authn.New(authn.Config{Now: clock, Rand: rand.NewChaCha8(seed)})
	a, _ := d.CreateAccount("111111111111", "admin@example.com")
	u, _ := a.CreateUser(authn.CreateUserInput{UserName: "alice"})
	k, _ := a.CreateAccessKey("alice")
	snap, _ := d.Snapshot()

	// A new Directory with the same Config takes the snapshot's state.
	restored := authn.New(authn.Config{Now: clock, Rand: rand.NewChaCha8(seed)})
	if err := restored.Restore(snap); err != nil {
		fmt.Println(err)
		return
	}
	b, _ := restored.Account("111111111111")
	u2, _ := b.GetUser("alice")
	id, _ := restored.Resolve(k.AccessKeyID)
	fmt.Println(u2.UserID == u.UserID, id.Principal.ARN)
	// Output: true arn:aws:iam::111111111111:user/alice
}
