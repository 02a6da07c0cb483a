package authn_test

import (
	"encoding/base32"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

func roleARN(acct, name string) string { return "arn:aws:iam::" + acct + ":role/" + name }

// assumeSetup creates user "caller" (allowed sts:*) and role "target"
// (allowed s3:GetObject) with the given trust policy in account A.
func (w *world) assumeSetup(t testing.TB, trust string) *authz.Principal {
	t.Helper()
	p, _ := w.userWithKey(t, w.a, "caller", allow("sts:*", "*"))
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "target", AssumeRolePolicyDocument: trust}))
	ok(t, w.a.PutRolePolicy("target", "s3", allow("s3:GetObject", "*")))
	return p
}

// enableMFA enables a virtual device for a user ("" for root) with two
// consecutive codes, then moves the clock one step on so the next code is
// fresh.
func enableMFA(t testing.TB, w *world, user string, dev authn.VirtualMFADevice) []byte {
	t.Helper()
	seed, err := base32.StdEncoding.DecodeString(dev.Base32StringSeed)
	ok(t, err)
	now := w.clock.Now()
	ok(t, w.a.EnableMFADevice(user, dev.SerialNumber, authn.TOTP(seed, now.Add(-authn.TOTPStep), 6), authn.TOTP(seed, now, 6)))
	w.clock.Advance(authn.TOTPStep)
	return seed
}

func TestAssumeRoleSameAccount(t *testing.T) {
	tests := []struct {
		name     string
		trust    string
		identity string // the caller's policy; "" for none
		allowed  bool
	}{
		{"trust names the account, identity allows", trustAWS("arn:aws:iam::" + acctA + ":root"), allow("sts:AssumeRole", "*"), true},
		{"trust names the account, identity silent", trustAWS("arn:aws:iam::" + acctA + ":root"), "", false},
		{"trust names the user, identity silent", trustAWS("arn:aws:iam::" + acctA + ":user/caller"), "", true},
		{"trust names another user", trustAWS("arn:aws:iam::" + acctA + ":user/other"), allow("sts:AssumeRole", "*"), false},
		{"identity denies", trustAWS("arn:aws:iam::" + acctA + ":user/caller"), `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*"}]}`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			var policies []string
			if tc.identity != "" {
				policies = append(policies, tc.identity)
			}
			caller, _ := w.userWithKey(t, w.a, "caller", policies...)
			must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "target", AssumeRolePolicyDocument: tc.trust}))
			_, err := w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "target"), RoleSessionName: "sess"})
			if got := err == nil; got != tc.allowed {
				t.Fatalf("AssumeRole allowed = %v (%v), want %v", got, err, tc.allowed)
			}
			if err != nil && !errors.Is(err, authn.ErrAccessDenied) {
				t.Fatalf("err = %v, want AccessDenied", err)
			}
		})
	}
}

func TestAssumeRoleCrossAccount(t *testing.T) {
	tests := []struct {
		name     string
		trust    string
		identity bool
		allowed  bool
	}{
		{"trust names the account, identity allows", trustAWS(acctB), true, true},
		{"trust names the account, identity silent", trustAWS(acctB), false, false},
		{"trust names the user, identity silent", trustAWS("arn:aws:iam::" + acctB + ":user/caller"), false, false},
		{"trust names the user, identity allows", trustAWS("arn:aws:iam::" + acctB + ":user/caller"), true, true},
		{"trust names a third account", trustAWS("333333333333"), true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			var policies []string
			if tc.identity {
				policies = append(policies, allow("sts:AssumeRole", roleARN(acctA, "*")))
			}
			caller, _ := w.userWithKey(t, w.b, "caller", policies...)
			must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "target", AssumeRolePolicyDocument: tc.trust}))
			out, err := w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "target"), RoleSessionName: "sess"})
			if got := err == nil; got != tc.allowed {
				t.Fatalf("AssumeRole allowed = %v (%v), want %v", got, err, tc.allowed)
			}
			if err != nil {
				return
			}
			id := must[*authn.Identity](t)(w.d.Resolve(out.Credentials.AccessKeyID))
			if id.Principal.Account != acctA || id.Principal.ARN != "arn:aws:sts::"+acctA+":assumed-role/target/sess" {
				t.Errorf("session principal = %+v", id.Principal)
			}
		})
	}
}

func TestAssumeRoleSession(t *testing.T) {
	w := newWorld(t)
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{
		Path: "/app/", RoleName: "target", AssumeRolePolicyDocument: trustAWS(acctA),
		Tags: []authn.Tag{{Key: "team", Value: "blue"}},
	}))
	ok(t, w.a.PutRolePolicy("target", "s3", allow("s3:GetObject", "*")))
	caller, _ := w.userWithKey(t, w.a, "caller", allow("sts:AssumeRole", "*"))
	role := must[authn.Role](t)(w.a.GetRole("target"))
	out := must[*authn.AssumeRoleOutput](t)(w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: "arn:aws:iam::" + acctA + ":role/app/target", RoleSessionName: "alice@example.com"}))

	if !strings.HasPrefix(out.Credentials.AccessKeyID, "ASIA") || len(out.Credentials.AccessKeyID) != 20 {
		t.Errorf("AccessKeyID = %q, want ASIA + 16", out.Credentials.AccessKeyID)
	}
	if len(out.Credentials.SecretAccessKey) != 40 || out.Credentials.SessionToken == "" {
		t.Errorf("secret %q token %q", out.Credentials.SecretAccessKey, out.Credentials.SessionToken)
	}
	if want := w.clock.Now().Add(time.Hour); !out.Credentials.Expiration.Equal(want) {
		t.Errorf("Expiration = %v, want %v", out.Credentials.Expiration, want)
	}
	want := authn.AssumedRoleUser{ARN: "arn:aws:sts::" + acctA + ":assumed-role/target/alice@example.com", AssumedRoleID: role.RoleID + ":alice@example.com"}
	if diff := cmp.Diff(want, out.AssumedRoleUser); diff != "" {
		t.Errorf("AssumedRoleUser (-want +got):\n%s", diff)
	}
	id := must[*authn.Identity](t)(w.d.Resolve(out.Credentials.AccessKeyID))
	p := id.Principal
	wantP := authz.Principal{
		Type: authz.PrincipalAssumedRole, ARN: want.ARN, Account: acctA, RoleARN: role.ARN,
		UniqueID: role.RoleID, UserID: want.AssumedRoleID, AccessKeyID: out.Credentials.AccessKeyID,
	}
	if diff := cmp.Diff(wantP, p); diff != "" {
		t.Errorf("principal (-want +got):\n%s", diff)
	}
	rc := must[*authn.RequestContext](t)(w.d.PolicyContext(&p))
	wantKeys := map[string]string{
		"aws:PrincipalArn":           role.ARN,
		"aws:PrincipalAccount":       acctA,
		"aws:PrincipalType":          "AssumedRole",
		"aws:userid":                 want.AssumedRoleID,
		"aws:PrincipalTag/team":      "blue",
		"aws:MultiFactorAuthPresent": "false",
		"aws:TokenIssueTime":         w.clock.Now().Format(time.RFC3339),
		"aws:PrincipalIsAWSService":  "false",
	}
	if diff := cmp.Diff(wantKeys, contextMap(rc.Context)); diff != "" {
		t.Errorf("context (-want +got):\n%s", diff)
	}
	if !w.allowed(t, &p, "s3:GetObject", "arn:aws:s3:::b/k") || w.allowed(t, &p, "iam:ListUsers", "*") {
		t.Error("session permissions are not the role's")
	}
	if got := must[authn.Role](t)(w.a.GetRole("target")).LastUsed; !got.Equal(w.clock.Now()) {
		t.Errorf("role LastUsed = %v", got)
	}
}

func contextMap(c *authz.Context) map[string]string {
	m := map[string]string{}
	for _, k := range c.Keys() {
		v, _, _ := c.Get(k)
		m[k] = strings.Join(v, ",")
	}
	return m
}

func TestAssumeRoleRootCaller(t *testing.T) {
	w := newWorld(t)
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "target", AssumeRolePolicyDocument: trustAWS(acctA)}))
	root := w.a.Root()
	_, err := w.d.AssumeRole(&root, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "target"), RoleSessionName: "s1"})
	wantErr(t, err, "AccessDenied", "Roles may not be assumed by root accounts.")
}

func TestAssumeRoleUnknownRole(t *testing.T) {
	w := newWorld(t)
	caller, _ := w.userWithKey(t, w.a, "caller", allowAll)
	_, err := w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "nope"), RoleSessionName: "s1"})
	wantErr(t, err, "AccessDenied", "User: arn:aws:iam::111111111111:user/caller is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/nope")
}

func TestAssumeRoleExternalID(t *testing.T) {
	w := newWorld(t)
	caller := w.assumeSetup(t, trustAWS(acctA, `{"StringEquals":{"sts:ExternalId":"Unique-1234"}}`))
	for _, tc := range []struct {
		ext     string
		allowed bool
	}{{"", false}, {"wrong-id", false}, {"Unique-1234", true}} {
		_, err := w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "target"), RoleSessionName: "s1", ExternalID: tc.ext})
		if (err == nil) != tc.allowed {
			t.Errorf("ExternalID %q: err = %v, want allowed %v", tc.ext, err, tc.allowed)
		}
	}
}

func TestAssumeRoleMFA(t *testing.T) {
	w := newWorld(t)
	caller := w.assumeSetup(t, trustAWS(acctA, `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`))
	dev := must[authn.VirtualMFADevice](t)(w.a.CreateVirtualMFADevice("", "caller-mfa"))
	seed := enableMFA(t, w, "caller", dev)
	in := authn.AssumeRoleInput{RoleARN: roleARN(acctA, "target"), RoleSessionName: "s1"}
	if _, err := w.d.AssumeRole(caller, in); !errors.Is(err, authn.ErrAccessDenied) {
		t.Fatalf("without MFA: err = %v, want AccessDenied", err)
	}
	in.SerialNumber, in.TokenCode = dev.SerialNumber, authn.TOTP(seed, w.clock.Now(), 6)
	out := must[*authn.AssumeRoleOutput](t)(w.d.AssumeRole(caller, in))
	// The same code is not accepted twice.
	_, err := w.d.AssumeRole(caller, in)
	wantErr(t, err, "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code.")
	// A device of another user is refused.
	w.userWithKey(t, w.a, "other")
	_, err = w.d.AssumeRole(w.principal(t, must[authn.AccessKey](t)(w.a.CreateAccessKey("other")).AccessKeyID), in)
	if !errors.Is(err, authn.ErrAccessDenied) {
		t.Errorf("foreign device: err = %v", err)
	}

	w.clock.Advance(100 * time.Second)
	id := must[*authn.Identity](t)(w.d.Resolve(out.Credentials.AccessKeyID))
	rc := must[*authn.RequestContext](t)(w.d.PolicyContext(&id.Principal))
	got := contextMap(rc.Context)
	if got["aws:MultiFactorAuthPresent"] != "true" || got["aws:MultiFactorAuthAge"] != "100" {
		t.Errorf("MFA keys = %q, %q; want true, 100", got["aws:MultiFactorAuthPresent"], got["aws:MultiFactorAuthAge"])
	}

	// GetSessionToken with MFA, then AssumeRole with those credentials:
	// the MFA carries over.
	w.clock.Advance(authn.TOTPStep)
	k := must[authn.AccessKey](t)(w.a.CreateAccessKey("caller"))
	user := w.principal(t, k.AccessKeyID)
	st := must[authn.Credentials](t)(w.d.GetSessionToken(user, authn.GetSessionTokenInput{SerialNumber: dev.SerialNumber, TokenCode: authn.TOTP(seed, w.clock.Now(), 6)}))
	sess := w.principal(t, st.AccessKeyID)
	if sess.Type != authz.PrincipalUser || sess.ARN != "arn:aws:iam::"+acctA+":user/caller" {
		t.Errorf("GetSessionToken principal = %+v", sess)
	}
	if _, err := w.d.AssumeRole(sess, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "target"), RoleSessionName: "s2"}); err != nil {
		t.Errorf("AssumeRole with MFA session credentials: %v", err)
	}
}

func TestAssumeRoleDuration(t *testing.T) {
	tests := []struct {
		secs    int
		code    string
		message string
		want    time.Duration
	}{
		{0, "", "", time.Hour},
		{900, "", "", 15 * time.Minute},
		{899, "ValidationError", "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900", 0},
		{7200, "", "", 2 * time.Hour},
		{7201, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.", 0},
		{43201, "ValidationError", "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200", 0},
	}
	for _, tc := range tests {
		w := newWorld(t)
		caller, _ := w.userWithKey(t, w.a, "caller", allowAll)
		must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "target", AssumeRolePolicyDocument: trustAWS(acctA), MaxSessionDuration: 2 * time.Hour}))
		out, err := w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "target"), RoleSessionName: "s1", DurationSeconds: tc.secs})
		if tc.code != "" {
			wantErr(t, err, tc.code, tc.message)
			continue
		}
		ok(t, err)
		if got := out.Credentials.Expiration.Sub(w.clock.Now()); got != tc.want {
			t.Errorf("DurationSeconds %d: session lasts %v, want %v", tc.secs, got, tc.want)
		}
	}
}

func TestRoleChaining(t *testing.T) {
	w := newWorld(t)
	caller, _ := w.userWithKey(t, w.a, "caller", allowAll)
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "first", AssumeRolePolicyDocument: trustAWS(acctA), MaxSessionDuration: 12 * time.Hour}))
	ok(t, w.a.PutRolePolicy("first", "all", allowAll))
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "second", AssumeRolePolicyDocument: trustAWS(roleARN(acctA, "first")), MaxSessionDuration: 12 * time.Hour}))
	first := must[*authn.AssumeRoleOutput](t)(w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "first"), RoleSessionName: "one", DurationSeconds: 7200}))
	sess := w.principal(t, first.Credentials.AccessKeyID)

	_, err := w.d.AssumeRole(sess, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "second"), RoleSessionName: "two", DurationSeconds: 7200})
	wantErr(t, err, "ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
	second := must[*authn.AssumeRoleOutput](t)(w.d.AssumeRole(sess, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "second"), RoleSessionName: "two"}))
	id := must[*authn.Identity](t)(w.d.Resolve(second.Credentials.AccessKeyID))
	if !id.RoleChained || id.Expiration.Sub(w.clock.Now()) != time.Hour {
		t.Errorf("chained session: RoleChained %v, lasts %v", id.RoleChained, id.Expiration.Sub(w.clock.Now()))
	}
	// The user alone is not trusted by the second role.
	if _, err := w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "second"), RoleSessionName: "xx"}); !errors.Is(err, authn.ErrAccessDenied) {
		t.Errorf("user assuming second role: err = %v", err)
	}
}

func TestSessionPolicyNarrows(t *testing.T) {
	w := newWorld(t)
	caller := w.assumeSetup(t, trustAWS(acctA))
	ok(t, w.a.PutRolePolicy("target", "more", allow("iam:Get*", "*")))
	managedP := must[authn.ManagedPolicy](t)(w.a.CreatePolicy(authn.CreatePolicyInput{PolicyName: "OnlyGetUser", PolicyDocument: allow("iam:GetUser", "*")}))
	tests := []struct {
		name    string
		in      authn.AssumeRoleInput
		allowed map[string]bool
	}{
		{"no session policy", authn.AssumeRoleInput{},
			map[string]bool{"s3:GetObject": true, "iam:GetUser": true, "iam:GetRole": true, "ec2:RunInstances": false}},
		{"inline narrows", authn.AssumeRoleInput{Policy: allow("s3:GetObject", "*")},
			map[string]bool{"s3:GetObject": true, "iam:GetUser": false, "iam:GetRole": false, "ec2:RunInstances": false}},
		{"inline cannot widen", authn.AssumeRoleInput{Policy: allowAll},
			map[string]bool{"s3:GetObject": true, "iam:GetUser": true, "iam:GetRole": true, "ec2:RunInstances": false}},
		{"managed session policy", authn.AssumeRoleInput{PolicyARNs: []string{managedP.ARN}},
			map[string]bool{"s3:GetObject": false, "iam:GetUser": true, "iam:GetRole": false, "ec2:RunInstances": false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			in.RoleARN, in.RoleSessionName = roleARN(acctA, "target"), "s1"
			out := must[*authn.AssumeRoleOutput](t)(w.d.AssumeRole(caller, in))
			p := w.principal(t, out.Credentials.AccessKeyID)
			got := map[string]bool{}
			for action := range tc.allowed {
				got[action] = w.allowed(t, p, action, "*")
			}
			if diff := cmp.Diff(tc.allowed, got); diff != "" {
				t.Errorf("allowed (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSessionTags(t *testing.T) {
	w := newWorld(t)
	caller, _ := w.userWithKey(t, w.a, "caller", allowAll)
	onlyAssume := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + acctA + `"},"Action":"sts:AssumeRole"}]}`
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "notags", AssumeRolePolicyDocument: onlyAssume}))
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "tags", AssumeRolePolicyDocument: trustAWS(acctA), Tags: []authn.Tag{{Key: "team", Value: "role"}, {Key: "cost", Value: "1"}}}))
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "next", AssumeRolePolicyDocument: trustAWS(acctA)}))
	ok(t, w.a.PutRolePolicy("tags", "all", allowAll))
	tags := []authn.Tag{{Key: "team", Value: "session"}, {Key: "project", Value: "x"}}

	_, err := w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "notags"), RoleSessionName: "s1", Tags: tags})
	wantErr(t, err, "AccessDenied", "User: arn:aws:iam::111111111111:user/caller is not authorized to perform: sts:TagSession on resource: arn:aws:iam::111111111111:role/notags because no role trust policy allows the sts:TagSession action")

	out := must[*authn.AssumeRoleOutput](t)(w.d.AssumeRole(caller, authn.AssumeRoleInput{
		RoleARN: roleARN(acctA, "tags"), RoleSessionName: "s1", Tags: tags, TransitiveTagKeys: []string{"project"},
	}))
	if out.PackedPolicySize <= 0 || out.PackedPolicySize > 100 {
		t.Errorf("PackedPolicySize = %d", out.PackedPolicySize)
	}
	p := w.principal(t, out.Credentials.AccessKeyID)
	got := contextMap(must[*authn.RequestContext](t)(w.d.PolicyContext(p)).Context)
	for k, v := range map[string]string{"aws:PrincipalTag/team": "session", "aws:PrincipalTag/cost": "1", "aws:PrincipalTag/project": "x"} {
		if got[k] != v {
			t.Errorf("%s = %q, want %q (session tags override role tags)", k, got[k], v)
		}
	}
	// Chaining: only the transitive tag passes on, and cannot be replaced.
	next := must[*authn.AssumeRoleOutput](t)(w.d.AssumeRole(p, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "next"), RoleSessionName: "n1"}))
	got = contextMap(must[*authn.RequestContext](t)(w.d.PolicyContext(w.principal(t, next.Credentials.AccessKeyID))).Context)
	if got["aws:PrincipalTag/project"] != "x" || got["aws:PrincipalTag/team"] != "" {
		t.Errorf("chained session tags: project %q team %q; want x and none", got["aws:PrincipalTag/project"], got["aws:PrincipalTag/team"])
	}
	_, err = w.d.AssumeRole(p, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "next"), RoleSessionName: "n1", Tags: []authn.Tag{{Key: "Project", Value: "y"}}})
	if !errors.Is(err, authn.ErrValidation) {
		t.Errorf("overriding a transitive tag: err = %v", err)
	}
	// A transitive key must be one of the tags.
	_, err = w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "tags"), RoleSessionName: "s1", TransitiveTagKeys: []string{"nope"}})
	wantErr(t, err, "ValidationError", "The specified transitive tag key must be included in the requested tags.")
}

func TestSourceIdentity(t *testing.T) {
	w := newWorld(t)
	caller, _ := w.userWithKey(t, w.a, "caller", allowAll)
	noSet := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + acctA + `"},"Action":"sts:AssumeRole"}]}`
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "plain", AssumeRolePolicyDocument: noSet}))
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "r1", AssumeRolePolicyDocument: trustAWS(acctA)}))
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "r2", AssumeRolePolicyDocument: trustAWS(acctA)}))
	ok(t, w.a.PutRolePolicy("r1", "all", allowAll))

	_, err := w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "plain"), RoleSessionName: "s1", SourceIdentity: "alice"})
	if !errors.Is(err, authn.ErrAccessDenied) {
		t.Fatalf("SourceIdentity without sts:SetSourceIdentity: err = %v", err)
	}
	out := must[*authn.AssumeRoleOutput](t)(w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "r1"), RoleSessionName: "s1", SourceIdentity: "alice"}))
	if out.SourceIdentity != "alice" {
		t.Errorf("SourceIdentity = %q", out.SourceIdentity)
	}
	p := w.principal(t, out.Credentials.AccessKeyID)
	next := must[*authn.AssumeRoleOutput](t)(w.d.AssumeRole(p, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "r2"), RoleSessionName: "n1"}))
	id := must[*authn.Identity](t)(w.d.Resolve(next.Credentials.AccessKeyID))
	if id.SourceIdentity != "alice" {
		t.Errorf("chained SourceIdentity = %q, want alice", id.SourceIdentity)
	}
	got := contextMap(must[*authn.RequestContext](t)(w.d.PolicyContext(&id.Principal)).Context)
	if got["aws:SourceIdentity"] != "alice" {
		t.Errorf("aws:SourceIdentity = %q", got["aws:SourceIdentity"])
	}
	if _, err := w.d.AssumeRole(p, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "r2"), RoleSessionName: "n1", SourceIdentity: "mallory"}); !errors.Is(err, authn.ErrAccessDenied) {
		t.Errorf("changing the source identity: err = %v", err)
	}
	// A chain into a role that does not allow sts:SetSourceIdentity fails.
	if _, err := w.d.AssumeRole(p, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "plain"), RoleSessionName: "n1"}); !errors.Is(err, authn.ErrAccessDenied) {
		t.Errorf("chaining the source identity into a role without sts:SetSourceIdentity: err = %v", err)
	}
}

func TestGetFederationToken(t *testing.T) {
	w := newWorld(t)
	caller, _ := w.userWithKey(t, w.a, "caller", allowAll)
	out := must[*authn.GetFederationTokenOutput](t)(w.d.GetFederationToken(caller, authn.GetFederationTokenInput{Name: "fed"}))
	if out.FederatedUser.ARN != "arn:aws:sts::"+acctA+":federated-user/fed" || out.FederatedUser.FederatedUserID != acctA+":fed" {
		t.Errorf("FederatedUser = %+v", out.FederatedUser)
	}
	if got := out.Credentials.Expiration.Sub(w.clock.Now()); got != 12*time.Hour {
		t.Errorf("default duration = %v, want 12h", got)
	}
	p := w.principal(t, out.Credentials.AccessKeyID)
	if p.Type != authz.PrincipalFederatedUser || p.ParentUserARN != caller.ARN {
		t.Errorf("principal = %+v", p)
	}
	for _, action := range []string{"s3:GetObject", "iam:ListUsers", "sts:GetCallerIdentity"} {
		if w.allowed(t, p, action, "*") {
			t.Errorf("federated user without a session policy is allowed %s", action)
		}
	}
	withPolicy := must[*authn.GetFederationTokenOutput](t)(w.d.GetFederationToken(caller, authn.GetFederationTokenInput{Name: "fed2", Policy: allow("s3:GetObject", "*")}))
	p2 := w.principal(t, withPolicy.Credentials.AccessKeyID)
	if !w.allowed(t, p2, "s3:GetObject", "*") || w.allowed(t, p2, "s3:PutObject", "*") {
		t.Error("federated user with a session policy: want exactly s3:GetObject")
	}
	// The caller must be allowed sts:GetFederationToken.
	weak, _ := w.userWithKey(t, w.a, "weak", allow("s3:*", "*"))
	_, err := w.d.GetFederationToken(weak, authn.GetFederationTokenInput{Name: "fed"})
	wantErr(t, err, "AccessDenied", "User: arn:aws:iam::111111111111:user/weak is not authorized to perform: sts:GetFederationToken on resource: arn:aws:sts::111111111111:federated-user/fed because no identity-based policy allows the sts:GetFederationToken action")
	// Not with session credentials.
	_, err = w.d.GetFederationToken(p2, authn.GetFederationTokenInput{Name: "again"})
	wantErr(t, err, "AccessDenied", "Cannot call GetFederationToken with session credentials")
	// Root sessions last at most an hour.
	root := w.a.Root()
	rout := must[*authn.GetFederationTokenOutput](t)(w.d.GetFederationToken(&root, authn.GetFederationTokenInput{Name: "rootfed", DurationSeconds: 7200, Policy: allowAll}))
	if got := rout.Credentials.Expiration.Sub(w.clock.Now()); got != time.Hour {
		t.Errorf("root federation lasts %v, want 1h", got)
	}
	// Name 2..32.
	_, err = w.d.GetFederationToken(caller, authn.GetFederationTokenInput{Name: strings.Repeat("n", 33)})
	wantErr(t, err, "ValidationError", "1 validation error detected: Value '"+strings.Repeat("n", 33)+"' at 'name' failed to satisfy constraint: Member must have length less than or equal to 32")
	// Duration up to 36 hours.
	long := must[*authn.GetFederationTokenOutput](t)(w.d.GetFederationToken(caller, authn.GetFederationTokenInput{Name: "long", DurationSeconds: 129600}))
	if got := long.Credentials.Expiration.Sub(w.clock.Now()); got != 36*time.Hour {
		t.Errorf("36h federation lasts %v", got)
	}
}

func TestGetSessionToken(t *testing.T) {
	w := newWorld(t)
	caller, _ := w.userWithKey(t, w.a, "caller", allow("s3:*", "*"))
	cr := must[authn.Credentials](t)(w.d.GetSessionToken(caller, authn.GetSessionTokenInput{}))
	if got := cr.Expiration.Sub(w.clock.Now()); got != 12*time.Hour {
		t.Errorf("user session lasts %v, want 12h", got)
	}
	p := w.principal(t, cr.AccessKeyID)
	if p.ARN != caller.ARN || p.UserID != caller.UserID || p.Type != authz.PrincipalUser {
		t.Errorf("session principal %+v, want the user's", p)
	}
	if !w.allowed(t, p, "s3:GetObject", "*") {
		t.Error("GetSessionToken credentials lost the user's permissions")
	}
	got := contextMap(must[*authn.RequestContext](t)(w.d.PolicyContext(p)).Context)
	if got["aws:MultiFactorAuthPresent"] != "false" || got["aws:username"] != "caller" {
		t.Errorf("context %v", got)
	}
	gotLong := contextMap(must[*authn.RequestContext](t)(w.d.PolicyContext(caller)).Context)
	if _, present := gotLong["aws:MultiFactorAuthPresent"]; present {
		t.Error("aws:MultiFactorAuthPresent is present for long-term credentials")
	}
	_, err := w.d.GetSessionToken(p, authn.GetSessionTokenInput{})
	wantErr(t, err, "AccessDenied", "Cannot call GetSessionToken with session credentials")

	root := w.a.Root()
	rc := must[authn.Credentials](t)(w.d.GetSessionToken(&root, authn.GetSessionTokenInput{DurationSeconds: 129600}))
	if got := rc.Expiration.Sub(w.clock.Now()); got != time.Hour {
		t.Errorf("root session lasts %v, want 1h", got)
	}
	rp := w.principal(t, rc.AccessKeyID)
	if rp.Type != authz.PrincipalRoot || !w.allowed(t, rp, "iam:CreateUser", "*") {
		t.Errorf("root session principal %+v", rp)
	}
}

func TestGetCallerIdentityUnderExplicitDeny(t *testing.T) {
	w := newWorld(t)
	caller, _ := w.userWithKey(t, w.a, "denied", denyAll)
	if w.allowed(t, caller, "sts:GetCallerIdentity", "*") {
		t.Fatal("the deny-all policy does not deny sts:GetCallerIdentity")
	}
	got := must[authn.CallerIdentity](t)(w.d.GetCallerIdentity(caller))
	want := authn.CallerIdentity{UserID: caller.UniqueID, Account: acctA, ARN: "arn:aws:iam::" + acctA + ":user/denied"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GetCallerIdentity (-want +got):\n%s", diff)
	}
}

func TestAuthorizerCallsBack(t *testing.T) {
	// A configured Authorizer that calls back into the Directory, as
	// awsaccess.Cloud's does, must not deadlock.
	c := newClock()
	var d *authn.Directory
	var calls int
	var mu sync.Mutex
	d = authn.New(authn.Config{Now: c.Now, PasswordHashIterations: 1, Authorizer: authz.AuthorizerFunc(func(p *authz.Principal, checks ...authz.Check) error {
		mu.Lock()
		calls++
		mu.Unlock()
		if _, err := d.PolicyContext(p); err != nil {
			return err
		}
		return authn.Authorizer{Directory: d}.Authorize(p, checks...)
	})})
	a := must[*authn.Account](t)(d.CreateAccount(acctA, "a@example.com"))
	must[authn.User](t)(a.CreateUser(authn.CreateUserInput{UserName: "u"}))
	ok(t, a.PutUserPolicy("u", "all", allowAll))
	k := must[authn.AccessKey](t)(a.CreateAccessKey("u"))
	must[authn.Role](t)(a.CreateRole(authn.CreateRoleInput{RoleName: "r", AssumeRolePolicyDocument: trustAWS(acctA)}))
	id := must[*authn.Identity](t)(d.Resolve(k.AccessKeyID))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := d.AssumeRole(&id.Principal, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "r"), RoleSessionName: "s1"}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if calls != 8 {
		t.Errorf("Authorizer called %d times, want 8", calls)
	}
}

func TestServiceLinkedRole(t *testing.T) {
	w := newWorld(t)
	r := must[authn.Role](t)(w.a.CreateServiceLinkedRole("inspector2.amazonaws.com", "", ""))
	if r.ARN != "arn:aws:iam::"+acctA+":role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2" || r.ServiceLinkedTo != "inspector2.amazonaws.com" {
		t.Errorf("SLR = %+v", r)
	}
	attached := must[[]authn.AttachedPolicy](t)(w.a.ListAttachedRolePolicies(r.RoleName))
	want := []authn.AttachedPolicy{{PolicyName: "AmazonInspector2ServiceRolePolicy", PolicyARN: "arn:aws:iam::aws:policy/aws-service-role/AmazonInspector2ServiceRolePolicy"}}
	if diff := cmp.Diff(want, attached); diff != "" {
		t.Errorf("attached (-want +got):\n%s", diff)
	}
	for name, err := range map[string]error{
		"PutRolePolicy":    w.a.PutRolePolicy(r.RoleName, "x", allowAll),
		"AttachRolePolicy": w.a.AttachRolePolicy(r.RoleName, "arn:aws:iam::aws:policy/ReadOnlyAccess"),
		"TagRole":          w.a.TagRole(r.RoleName, []authn.Tag{{Key: "a", Value: "b"}}),
		"UpdateRole":       w.a.UpdateRole(r.RoleName, nil, 2*time.Hour),
	} {
		if !errors.Is(err, authn.ErrUnmodifiableEntity) {
			t.Errorf("%s on an SLR: err = %v", name, err)
		}
	}
	desc := "mine"
	ok(t, w.a.UpdateRole(r.RoleName, &desc, 0))

	// Only the service may assume it, and its sessions are service-linked.
	caller, _ := w.userWithKey(t, w.a, "admin", allowAll)
	if _, err := w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: r.ARN, RoleSessionName: "s1"}); !errors.Is(err, authn.ErrAccessDenied) {
		t.Errorf("user assuming an SLR: err = %v", err)
	}
	if _, err := w.d.AssumeRoleAsService(authn.AssumeRoleAsServiceInput{Service: "ec2.amazonaws.com", RoleARN: r.ARN, RoleSessionName: "s1"}); !errors.Is(err, authn.ErrAccessDenied) {
		t.Errorf("another service assuming an SLR: err = %v", err)
	}
	out := must[*authn.AssumeRoleOutput](t)(w.d.AssumeRoleAsService(authn.AssumeRoleAsServiceInput{Service: "inspector2.amazonaws.com", RoleARN: r.ARN, RoleSessionName: "inspector"}))
	p := w.principal(t, out.Credentials.AccessKeyID)
	if !p.ServiceLinked {
		t.Error("SLR session is not marked ServiceLinked")
	}
	if !w.allowed(t, p, "ec2:DescribeInstances", "*") {
		t.Error("the SLR lacks its managed policy's permissions")
	}
	task := must[string](t)(w.a.DeleteServiceLinkedRole(r.RoleName))
	if !strings.HasPrefix(task, "task/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2/") {
		t.Errorf("deletion task id = %q", task)
	}
	if _, err := w.d.Resolve(out.Credentials.AccessKeyID); !errors.Is(err, authn.ErrInvalidClientTokenID) {
		t.Errorf("session of a deleted role resolves: %v", err)
	}
	if got := authn.ServiceLinkedRoleName("access-analyzer.amazonaws.com"); got != "AWSServiceRoleForAccessAnalyzer" {
		t.Errorf("ServiceLinkedRoleName = %q", got)
	}
	if got := authn.ServiceLinkedRoleName("my-new-service.amazonaws.com"); got != "AWSServiceRoleForMyNewService" {
		t.Errorf("ServiceLinkedRoleName(fallback) = %q", got)
	}
}
