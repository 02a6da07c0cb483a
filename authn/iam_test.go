package authn_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

type sigv4Key = sigv4.Key

// RFC 6238, Appendix B: SHA-1 test vectors (8 digits) for the ASCII seed
// "12345678901234567890".
func TestTOTPVectors(t *testing.T) {
	seed := []byte("12345678901234567890")
	for _, v := range []struct {
		unix int64
		code string
	}{
		{59, "94287082"},
		{1111111109, "07081804"},
		{1111111111, "14050471"},
		{1234567890, "89005924"},
		{2000000000, "69279037"},
		{20000000000, "65353130"},
	} {
		at := time.Unix(v.unix, 0)
		if got := authn.TOTP(seed, at, 8); got != v.code {
			t.Errorf("TOTP(T=%d, 8) = %s, want %s", v.unix, got, v.code)
		}
		if got := authn.TOTP(seed, at, 6); got != v.code[2:] {
			t.Errorf("TOTP(T=%d, 6) = %s, want %s", v.unix, got, v.code[2:])
		}
	}
}

func TestMFADeviceWindowAndReuse(t *testing.T) {
	w := newWorld(t)
	must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
	must[authn.LoginProfile](t)(w.a.CreateLoginProfile("bob", "Correct-Horse-9", false))
	dev := must[authn.VirtualMFADevice](t)(w.a.CreateVirtualMFADevice("/", "bob"))
	if dev.SerialNumber != "arn:aws:iam::"+acctA+":mfa/bob" || len(dev.Base32StringSeed) != 32 {
		t.Fatalf("device = %+v", dev)
	}
	seed := enableMFA(t, w, "bob", dev)
	devices := must[[]authn.VirtualMFADevice](t)(w.a.ListMFADevices("bob"))
	if len(devices) != 1 || devices[0].UserName != "bob" || devices[0].Base32StringSeed != "" {
		t.Errorf("ListMFADevices = %+v", devices)
	}
	now := w.clock.Now()
	step := authn.TOTPStep
	tests := []struct {
		name string
		code string
		ok   bool
	}{
		{"two steps early", authn.TOTP(seed, now.Add(-2*step), 6), false},
		{"one step late is accepted", authn.TOTP(seed, now.Add(step), 6), true},
		{"then the current code is used up (not after the last)", authn.TOTP(seed, now, 6), false},
		{"the same code twice", authn.TOTP(seed, now.Add(step), 6), false},
		{"wrong password", "", false},
	}
	for _, tc := range tests {
		pw := "Correct-Horse-9"
		if tc.code == "" {
			pw, tc.code = "wrong", authn.TOTP(seed, now.Add(step), 6)
		}
		err := w.a.SignIn("bob", pw, tc.code)
		if (err == nil) != tc.ok {
			t.Errorf("%s: SignIn err = %v, want ok %v", tc.name, err, tc.ok)
		}
	}
	w.clock.Advance(2 * step)
	ok(t, w.a.SignIn("bob", "Correct-Horse-9", authn.TOTP(seed, w.clock.Now(), 6)))
	if err := w.a.DeleteVirtualMFADevice(dev.SerialNumber); !errors.Is(err, authn.ErrDeleteConflict) {
		t.Errorf("deleting an enabled device: %v", err)
	}
	ok(t, w.a.DeactivateMFADevice("bob", dev.SerialNumber))
	ok(t, w.a.SignIn("bob", "Correct-Horse-9", ""))
	ok(t, w.a.DeleteVirtualMFADevice(dev.SerialNumber))
}

func TestPasswords(t *testing.T) {
	w := newWorld(t)
	must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
	// AWS's default policy: 8 characters, three character types.
	for _, tc := range []struct {
		pw   string
		code string
	}{
		{"Ab1!", "PasswordPolicyViolation"},
		{"abcdefgh1", "PasswordPolicyViolation"},
		{"abcdefG1", ""},
	} {
		_, err := w.a.CreateLoginProfile("bob", tc.pw, false)
		if tc.code == "" {
			ok(t, err)
			continue
		}
		wantErr(t, err, tc.code, "")
	}
	ok(t, w.a.SignIn("bob", "abcdefG1", ""))
	if err := w.a.SignIn("bob", "abcdefG2", ""); !errors.Is(err, authn.ErrAccessDenied) {
		t.Errorf("wrong password: %v", err)
	}
	_, err := w.a.CreateLoginProfile("bob", "abcdefG1", false)
	wantErr(t, err, "EntityAlreadyExists", "Login Profile for user bob already exists.")

	ok(t, w.a.UpdateAccountPasswordPolicy(authn.PasswordPolicy{MinimumPasswordLength: 10, RequireNumbers: true, RequireUppercaseCharacters: true, PasswordReusePrevention: 2}))
	p := must[authn.PasswordPolicy](t)(w.a.GetAccountPasswordPolicy())
	if p.MinimumPasswordLength != 10 || !p.RequireNumbers {
		t.Errorf("policy = %+v", p)
	}
	for _, tc := range []struct{ pw, msg string }{
		{"short1A", "Password should have a minimum length of 10"},
		{"nonumbersAtAll", "Password should have at least one number"},
		{"lowercase12345", "Password should have at least one uppercase letter"},
	} {
		wantErr(t, w.a.UpdateLoginProfile("bob", tc.pw, nil), "PasswordPolicyViolation", tc.msg)
	}
	ok(t, w.a.UpdateLoginProfile("bob", "Secondpass1", nil))
	ok(t, w.a.UpdateLoginProfile("bob", "Thirdpass12", nil))
	wantErr(t, w.a.UpdateLoginProfile("bob", "Secondpass1", nil), "PasswordPolicyViolation", "Password should not be one of your previous 2 passwords")
	if err := w.a.SignIn("bob", "abcdefG1", ""); err == nil {
		t.Error("old password still signs in")
	}
	ok(t, w.a.SignIn("bob", "Thirdpass12", ""))
	if u := must[authn.User](t)(w.a.GetUser("bob")); !u.PasswordLastUsed.Equal(w.clock.Now()) {
		t.Errorf("PasswordLastUsed = %v", u.PasswordLastUsed)
	}
	// Root password.
	ok(t, w.a.SetRootPassword("RootPassword123"))
	ok(t, w.a.SignIn("", "RootPassword123", ""))
	wantErr(t, w.a.DeleteUser("bob"), "DeleteConflict", "Cannot delete entity, must delete login profile first.")
	ok(t, w.a.DeleteLoginProfile("bob"))
	ok(t, w.a.DeleteUser("bob"))
}

func TestPrincipalIdentifiers(t *testing.T) {
	w := newWorld(t)
	u := must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "JaneDoe", Path: "/division_abc/subdivision_xyz/"}))
	g := must[authn.Group](t)(w.a.CreateGroup("", "Developers"))
	r := must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "RDSAccess", Path: "/application_abc/component_xyz/", AssumeRolePolicyDocument: trustAWS(acctA)}))
	ip := must[authn.InstanceProfile](t)(w.a.CreateInstanceProfile("", "Webserver", nil))
	pol := must[authn.ManagedPolicy](t)(w.a.CreatePolicy(authn.CreatePolicyInput{PolicyName: "Read", Path: "/team/", PolicyDocument: allowAll}))
	got := []string{u.ARN, g.ARN, r.ARN, ip.ARN, pol.ARN}
	want := []string{
		"arn:aws:iam::111111111111:user/division_abc/subdivision_xyz/JaneDoe",
		"arn:aws:iam::111111111111:group/Developers",
		"arn:aws:iam::111111111111:role/application_abc/component_xyz/RDSAccess",
		"arn:aws:iam::111111111111:instance-profile/Webserver",
		"arn:aws:iam::111111111111:policy/team/Read",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ARNs (-want +got):\n%s", diff)
	}
	for id, prefix := range map[string]string{u.UserID: "AIDA", g.GroupID: "AGPA", r.RoleID: "AROA", ip.InstanceProfileID: "AIPA", pol.PolicyID: "ANPA"} {
		if !strings.HasPrefix(id, prefix) || len(id) != 21 {
			t.Errorf("unique id %q: want %s + 17 characters", id, prefix)
		}
	}
	k := must[authn.AccessKey](t)(w.a.CreateAccessKey("JaneDoe"))
	if !strings.HasPrefix(k.AccessKeyID, "AKIA") || len(k.AccessKeyID) != 20 || len(k.SecretAccessKey) != 40 {
		t.Errorf("access key %+v", k)
	}
	if acct, ok := authn.AccountOfAccessKey(k.AccessKeyID); !ok || acct != acctA {
		t.Errorf("AccountOfAccessKey(%s) = %s, %v", k.AccessKeyID, acct, ok)
	}
	// The account of AWS's documented example key (awsteele.com's decoder).
	if acct, ok := authn.AccountOfAccessKey("ASIAY34FZKBOKMUTVV7A"); !ok || acct != "609629065308" {
		t.Errorf("AccountOfAccessKey(ASIAY34FZKBOKMUTVV7A) = %s, %v; want 609629065308", acct, ok)
	}
	up := w.principal(t, k.AccessKeyID)
	wantP := authz.Principal{Type: authz.PrincipalUser, ARN: u.ARN, Account: acctA, UniqueID: u.UserID, UserID: u.UserID, UserName: "JaneDoe", AccessKeyID: k.AccessKeyID}
	if diff := cmp.Diff(wantP, *up); diff != "" {
		t.Errorf("user principal (-want +got):\n%s", diff)
	}
	rk := must[authn.AccessKey](t)(w.a.CreateAccessKey(""))
	rp := w.principal(t, rk.AccessKeyID)
	wantR := authz.Principal{Type: authz.PrincipalRoot, ARN: "arn:aws:iam::111111111111:root", Account: acctA, UserID: acctA, AccessKeyID: rk.AccessKeyID}
	if diff := cmp.Diff(wantR, *rp); diff != "" {
		t.Errorf("root principal (-want +got):\n%s", diff)
	}
	rc := must[*authn.RequestContext](t)(w.d.PolicyContext(rp))
	if rc.Identity != nil || contextMap(rc.Context)["aws:PrincipalType"] != "Account" {
		t.Errorf("root context: identity %v, keys %v", rc.Identity, contextMap(rc.Context))
	}
}

func TestGroupsAndPolicyCache(t *testing.T) {
	w := newWorld(t)
	p, _ := w.userWithKey(t, w.a, "bob")
	must[authn.Group](t)(w.a.CreateGroup("", "readers"))
	if w.allowed(t, p, "s3:GetObject", "*") {
		t.Fatal("allowed before any policy")
	}
	ok(t, w.a.PutGroupPolicy("readers", "read", allow("s3:GetObject", "*")))
	ok(t, w.a.AddUserToGroup("readers", "bob"))
	if !w.allowed(t, p, "s3:GetObject", "*") {
		t.Fatal("group policy not applied (stale cache?)")
	}
	pol := must[authn.ManagedPolicy](t)(w.a.CreatePolicy(authn.CreatePolicyInput{PolicyName: "Put", PolicyDocument: allow("s3:PutObject", "*")}))
	ok(t, w.a.AttachGroupPolicy("readers", pol.ARN))
	if !w.allowed(t, p, "s3:PutObject", "*") {
		t.Fatal("attached group policy not applied")
	}
	// A new default version takes effect; the old one no longer does.
	v2 := must[authn.PolicyVersion](t)(w.a.CreatePolicyVersion(pol.ARN, allow("s3:DeleteObject", "*"), true))
	if v2.VersionID != "v2" || !v2.IsDefaultVersion {
		t.Errorf("version = %+v", v2)
	}
	if w.allowed(t, p, "s3:PutObject", "*") || !w.allowed(t, p, "s3:DeleteObject", "*") {
		t.Fatal("new default version not in force")
	}
	ok(t, w.a.SetDefaultPolicyVersion(pol.ARN, "v1"))
	if !w.allowed(t, p, "s3:PutObject", "*") {
		t.Fatal("SetDefaultPolicyVersion not in force")
	}
	// A permissions boundary caps the user.
	b := must[authn.ManagedPolicy](t)(w.a.CreatePolicy(authn.CreatePolicyInput{PolicyName: "Bound", PolicyDocument: allow("s3:GetObject", "*")}))
	ok(t, w.a.PutUserPermissionsBoundary("bob", b.ARN))
	if w.allowed(t, p, "s3:PutObject", "*") || !w.allowed(t, p, "s3:GetObject", "*") {
		t.Fatal("boundary not applied")
	}
	ok(t, w.a.DeleteUserPermissionsBoundary("bob"))
	ok(t, w.a.RemoveUserFromGroup("readers", "bob"))
	if w.allowed(t, p, "s3:GetObject", "*") {
		t.Fatal("group policy still applies after leaving the group")
	}
	// Tags reach the context.
	ok(t, w.a.TagUser("bob", []authn.Tag{{Key: "team", Value: "blue"}}))
	if got := contextMap(must[*authn.RequestContext](t)(w.d.PolicyContext(p)).Context)["aws:PrincipalTag/team"]; got != "blue" {
		t.Errorf("aws:PrincipalTag/team = %q", got)
	}
	// AWS managed policies attach.
	ok(t, w.a.AttachUserPolicy("bob", "arn:aws:iam::aws:policy/IAMReadOnlyAccess"))
	if !w.allowed(t, p, "iam:ListUsers", "*") {
		t.Fatal("AWS managed policy not applied")
	}
	mp := must[authn.ManagedPolicy](t)(w.a.GetPolicy("arn:aws:iam::aws:policy/IAMReadOnlyAccess"))
	if !mp.AWSManaged || mp.AttachmentCount != 1 {
		t.Errorf("GetPolicy(AWS managed) = %+v", mp)
	}
}

func TestRenameAndRecreate(t *testing.T) {
	w := newWorld(t)
	p, k := w.userWithKey(t, w.a, "bob", allowAll)
	must[authn.User](t)(w.a.UpdateUser("bob", "robert", "/staff/"))
	id := must[*authn.Identity](t)(w.d.Resolve(k.AccessKeyID))
	if id.Principal.ARN != "arn:aws:iam::"+acctA+":user/staff/robert" || id.Principal.UniqueID != p.UniqueID {
		t.Errorf("renamed principal %+v", id.Principal)
	}
	// The old principal (old ARN) no longer finds the user by name, but
	// its unique id still does.
	if _, err := w.d.PolicyContext(p); err != nil {
		t.Errorf("PolicyContext by unique id after rename: %v", err)
	}
	ok(t, w.a.DeleteAccessKey("robert", k.AccessKeyID))
	ok(t, w.a.DeleteUserPolicy("robert", "p0"))
	ok(t, w.a.DeleteUser("robert"))
	must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "robert", Path: "/staff/"}))
	stale := id.Principal
	if _, err := w.d.PolicyContext(&stale); !errors.Is(err, authn.ErrNoSuchEntity) {
		t.Errorf("a recreated user is the deleted one: %v", err)
	}
}

func TestAccessKeyLifecycle(t *testing.T) {
	w := newWorld(t)
	_, k := w.userWithKey(t, w.a, "bob")
	last := must[authn.AccessKeyLastUsed](t)(w.a.GetAccessKeyLastUsed(k.AccessKeyID))
	if last.UserName != "bob" || last.LastUsedDate.IsZero() {
		t.Errorf("after Resolve: %+v", last)
	}
	w.clock.Advance(time.Hour)
	must[*authn.Identity](t)(w.d.Resolve(k.AccessKeyID))
	if got := must[authn.AccessKeyLastUsed](t)(w.a.GetAccessKeyLastUsed(k.AccessKeyID)).LastUsedDate; !got.Equal(w.clock.Now()) {
		t.Errorf("LastUsedDate = %v, want %v", got, w.clock.Now())
	}
	keys := must[[]authn.AccessKey](t)(w.a.ListAccessKeys("bob"))
	if len(keys) != 1 || keys[0].SecretAccessKey != "" || keys[0].Status != authn.StatusActive {
		t.Errorf("ListAccessKeys = %+v", keys)
	}
	ok(t, w.a.UpdateAccessKey("bob", k.AccessKeyID, authn.StatusInactive))
	if _, err := w.d.Resolve(k.AccessKeyID); !errors.Is(err, authn.ErrInvalidClientTokenID) {
		t.Errorf("inactive key resolves: %v", err)
	}
	lk := must[sigv4Key](t)(w.d.LookupKey(k.AccessKeyID))
	if lk.Active || lk.SecretAccessKey != k.SecretAccessKey {
		t.Errorf("LookupKey(inactive) = %+v", lk)
	}
	wantErr(t, w.a.UpdateAccessKey("bob", k.AccessKeyID, "Paused"), "ValidationError", "")
	// The root user's keys.
	rk := must[authn.AccessKey](t)(w.a.CreateAccessKey(""))
	if rk.UserName != "" || len(must[[]authn.AccessKey](t)(w.a.ListAccessKeys(""))) != 1 {
		t.Errorf("root key %+v", rk)
	}
	// Keys of another account are not found through this one.
	if _, err := w.b.GetAccessKeyLastUsed(k.AccessKeyID); !errors.Is(err, authn.ErrNoSuchEntity) {
		t.Errorf("GetAccessKeyLastUsed across accounts: %v", err)
	}
}
