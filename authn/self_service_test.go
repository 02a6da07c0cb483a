package authn_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/authn"
)

func TestAccountAliases(t *testing.T) {
	w := newWorld(t)
	if got := must[[]string](t)(w.a.ListAccountAliases()); len(got) != 0 || got == nil {
		t.Fatalf("aliases of a new account = %#v, want an empty list", got)
	}
	ok(t, w.a.CreateAccountAlias("example-corp"))
	ok(t, w.a.CreateAccountAlias("example-prod"))
	if diff := cmp.Diff([]string{"example-prod"}, must[[]string](t)(w.a.ListAccountAliases())); diff != "" {
		t.Errorf("a second alias replaces the first (-want +got):\n%s", diff)
	}
	tests := []struct {
		name      string
		err       error
		code, msg string
	}{
		{"another account's alias", w.b.CreateAccountAlias("example-prod"), "EntityAlreadyExists", "The account alias example-prod already exists."},
		{"its own alias", w.a.CreateAccountAlias("example-prod"), "EntityAlreadyExists", "The account alias example-prod already exists."},
		{"upper case", w.b.CreateAccountAlias("Example"), "ValidationError",
			"1 validation error detected: Value 'Example' at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$"},
		{"two hyphens", w.b.CreateAccountAlias("a--b"), "ValidationError", ""},
		{"leading hyphen", w.b.CreateAccountAlias("-ab"), "ValidationError", ""},
		{"too short", w.b.CreateAccountAlias("ab"), "ValidationError",
			"1 validation error detected: Value 'ab' at 'accountAlias' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"delete another alias", w.a.DeleteAccountAlias("example-corp"), "NoSuchEntity", "The account alias example-corp cannot be found."},
		{"delete with none", w.b.DeleteAccountAlias("example-prod"), "NoSuchEntity", "The account alias example-prod cannot be found."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantErr(t, tt.err, tt.code, tt.msg) })
	}
	ok(t, w.a.DeleteAccountAlias("example-prod"))
	ok(t, w.b.CreateAccountAlias("example-prod"))
	if got := must[[]string](t)(w.a.ListAccountAliases()); len(got) != 0 {
		t.Errorf("aliases after delete = %v", got)
	}

	// The alias survives a snapshot, and stays unique after a restore.
	snap := must[[]byte](t)(w.d.Snapshot())
	d := authn.New(authn.Config{PasswordHashIterations: 1})
	ok(t, d.Restore(snap))
	b := must[*authn.Account](t)(d.Account(acctB))
	if diff := cmp.Diff([]string{"example-prod"}, must[[]string](t)(b.ListAccountAliases())); diff != "" {
		t.Errorf("restored aliases (-want +got):\n%s", diff)
	}
	a := must[*authn.Account](t)(d.Account(acctA))
	wantErr(t, a.CreateAccountAlias("example-prod"), "EntityAlreadyExists", "")
}

func TestChangePassword(t *testing.T) {
	w := newWorld(t)
	must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
	must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "carol"}))
	must[authn.LoginProfile](t)(w.a.CreateLoginProfile("bob", "First-Pass-1", true))
	ok(t, w.a.UpdateAccountPasswordPolicy(authn.PasswordPolicy{MinimumPasswordLength: 10, RequireNumbers: true, PasswordReusePrevention: 2, AllowUsersToChangePassword: true}))
	tests := []struct {
		name, user, old, new string
		code, msg            string
	}{
		{"the root user", "", "First-Pass-1", "Second-Pass-2", "InvalidUserType", "Only IAM users can change their own password."},
		{"no such user", "nobody", "First-Pass-1", "Second-Pass-2", "NoSuchEntity", "The user with name nobody cannot be found."},
		{"no password", "carol", "First-Pass-1", "Second-Pass-2", "NoSuchEntity", "Login Profile for User carol cannot be found."},
		{"wrong old password", "bob", "first-pass-1", "Second-Pass-2", "AccessDenied", "The old password is incorrect."},
		{"too short", "bob", "First-Pass-1", "Short-1", "PasswordPolicyViolation", "Password should have a minimum length of 10"},
		{"no number", "bob", "First-Pass-1", "Second-Pass", "PasswordPolicyViolation", "Password should have at least one number"},
		{"the current one", "bob", "First-Pass-1", "First-Pass-1", "PasswordPolicyViolation", "Password should not be one of your previous 2 passwords"},
		{"bad characters", "bob", "First-Pass-1", "Second\x01Pass-2", "ValidationError", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantErr(t, w.a.ChangePassword(tt.user, tt.old, tt.new), tt.code, tt.msg) })
	}
	ok(t, w.a.ChangePassword("bob", "First-Pass-1", "Second-Pass-2"))
	if lp := must[authn.LoginProfile](t)(w.a.GetLoginProfile("bob")); lp.PasswordResetRequired {
		t.Error("the password must still be reset after the user changed it")
	}
	ok(t, w.a.SignIn("bob", "Second-Pass-2", ""))
	wantErr(t, w.a.SignIn("bob", "First-Pass-1", ""), "AccessDenied", "")
	ok(t, w.a.ChangePassword("bob", "Second-Pass-2", "Third-Pass-3"))
	// Reuse prevention of 2 counts the current password and the one
	// before it.
	wantErr(t, w.a.ChangePassword("bob", "Third-Pass-3", "Second-Pass-2"), "PasswordPolicyViolation", "")
	ok(t, w.a.ChangePassword("bob", "Third-Pass-3", "First-Pass-1"))
}

func TestGetAndResyncMFADevice(t *testing.T) {
	w := newWorld(t)
	must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
	dev := must[authn.VirtualMFADevice](t)(w.a.CreateVirtualMFADevice("/", "bob"))
	spare := must[authn.VirtualMFADevice](t)(w.a.CreateVirtualMFADevice("/", "spare"))
	enabled := w.clock.Now()
	seed := enableMFA(t, w, "bob", dev)
	got := must[authn.VirtualMFADevice](t)(w.a.GetMFADevice("bob", dev.SerialNumber))
	if diff := cmp.Diff(authn.VirtualMFADevice{SerialNumber: dev.SerialNumber, UserName: "bob", EnableDate: enabled}, got); diff != "" {
		t.Errorf("GetMFADevice (-want +got):\n%s", diff)
	}
	now := w.clock.Now()
	step := authn.TOTPStep
	code := func(d int) string { return authn.TOTP(seed, now.Add(time.Duration(d)*step), 6) }
	errTests := []struct {
		name      string
		err       error
		code, msg string
	}{
		{"get: unassigned device", getErr(w.a.GetMFADevice("bob", spare.SerialNumber)), "NoSuchEntity", "MFA Device with serial number " + spare.SerialNumber + " does not exist."},
		{"get: the root user's", getErr(w.a.GetMFADevice("", dev.SerialNumber)), "NoSuchEntity", ""},
		{"get: no such user", getErr(w.a.GetMFADevice("nobody", dev.SerialNumber)), "NoSuchEntity", "The user with name nobody cannot be found."},
		{"resync: not consecutive", w.a.ResyncMFADevice("bob", dev.SerialNumber, code(-2), code(0)), "InvalidAuthenticationCode", "Authentication code for device is not valid."},
		{"resync: swapped", w.a.ResyncMFADevice("bob", dev.SerialNumber, code(0), code(-1)), "InvalidAuthenticationCode", ""},
		{"resync: too old", w.a.ResyncMFADevice("bob", dev.SerialNumber, code(-3), code(-2)), "InvalidAuthenticationCode", ""},
		{"resync: codes used to enable it", w.a.ResyncMFADevice("bob", dev.SerialNumber, code(-2), code(-1)), "InvalidAuthenticationCode", ""},
		{"resync: not a number", w.a.ResyncMFADevice("bob", dev.SerialNumber, "12345a", code(0)), "ValidationError", ""},
		{"resync: unassigned device", w.a.ResyncMFADevice("bob", spare.SerialNumber, code(-1), code(0)), "NoSuchEntity", ""},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) { wantErr(t, tt.err, tt.code, tt.msg) })
	}
	ok(t, w.a.ResyncMFADevice("bob", dev.SerialNumber, code(0), code(1)))
	wantErr(t, w.a.ResyncMFADevice("bob", dev.SerialNumber, code(0), code(1)), "InvalidAuthenticationCode", "")
	wantErr(t, w.a.SignIn("bob", "", code(1)), "AccessDenied", "")
}

func getErr(_ authn.VirtualMFADevice, err error) error { return err }

func TestListEntitiesForPolicy(t *testing.T) {
	w := newWorld(t)
	const readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess"
	must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob", Path: "/eng/"}))
	must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "alice", PermissionsBoundary: readOnly}))
	must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "carol"}))
	must[authn.Group](t)(w.a.CreateGroup("/eng/", "devs"))
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "app", AssumeRolePolicyDocument: trustAWS(acctA)}))
	for _, err := range []error{
		w.a.AttachUserPolicy("bob", readOnly), w.a.AttachUserPolicy("alice", readOnly),
		w.a.AttachGroupPolicy("devs", readOnly), w.a.AttachRolePolicy("app", readOnly),
	} {
		ok(t, err)
	}
	names := func(es []authn.PolicyEntity) []string {
		out := []string{}
		for _, e := range es {
			out = append(out, string(e.Type)+":"+e.Name)
		}
		return out
	}
	tests := []struct {
		name   string
		filter authn.EntityType
		prefix string
		usage  authn.PolicyUsage
		want   []string
	}{
		{"all", "", "", "", []string{"Group:devs", "User:alice", "User:bob", "Role:app"}},
		{"users", authn.EntityUser, "", "", []string{"User:alice", "User:bob"}},
		{"path", "", "/eng/", "", []string{"Group:devs", "User:bob"}},
		{"boundaries", "", "", authn.UsagePermissionsBoundary, []string{"User:alice"}},
		{"attachments", authn.EntityUser, "", authn.UsagePermissionsPolicy, []string{"User:alice", "User:bob"}},
		{"policies select nothing", authn.EntityAWSManagedPolicy, "", "", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := must[[]authn.PolicyEntity](t)(w.a.ListEntitiesForPolicy(readOnly, tt.filter, tt.prefix, tt.usage))
			if diff := cmp.Diff(tt.want, names(got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	_, err := w.a.ListEntitiesForPolicy("arn:aws:iam::111111111111:policy/nope", "", "", "")
	wantErr(t, err, "NoSuchEntity", "Policy arn:aws:iam::111111111111:policy/nope was not found.")
	_, err = w.a.ListEntitiesForPolicy(readOnly, "Bogus", "", "")
	wantErr(t, err, "ValidationError", "")
}
