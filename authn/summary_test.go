package authn_test

import (
	mrand "math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/seed-e2e06c4d/awsaccess/authn"
	"pgregory.net/rapid"
)

func TestListInlinePoliciesOfGroupsAndRoles(t *testing.T) {
	w := newWorld(t)
	must[authn.Group](t)(w.a.CreateGroup("/", "devs"))
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "app", AssumeRolePolicyDocument: trustAWS(acctA)}))
	for _, n := range []string{"zeta", "Alpha", "mid"} {
		ok(t, w.a.PutGroupPolicy("devs", n, allowAll))
		ok(t, w.a.PutRolePolicy("app", n, allowAll))
	}
	ok(t, w.a.DeleteRolePolicy("app", "mid"))
	if diff := cmp.Diff([]string{"Alpha", "mid", "zeta"}, must[[]string](t)(w.a.ListGroupPolicies("DEVS"))); diff != "" {
		t.Errorf("ListGroupPolicies (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Alpha", "zeta"}, must[[]string](t)(w.a.ListRolePolicies("app"))); diff != "" {
		t.Errorf("ListRolePolicies (-want +got):\n%s", diff)
	}
	_, err := w.a.ListGroupPolicies("nobody")
	wantErr(t, err, "NoSuchEntity", "The group with name nobody cannot be found.")
	_, err = w.a.ListRolePolicies("nobody")
	wantErr(t, err, "NoSuchEntity", "The role with name nobody cannot be found.")
}

func TestListInstanceProfilesAndProviders(t *testing.T) {
	w := newWorld(t)
	for _, p := range [][2]string{{"/", "web"}, {"/ops/", "batch"}, {"/ops/deep/", "Agent"}} {
		must[authn.InstanceProfile](t)(w.a.CreateInstanceProfile(p[0], p[1], nil))
	}
	names := func(prefix string) []string {
		var out []string
		for _, p := range must[[]authn.InstanceProfile](t)(w.a.ListInstanceProfiles(prefix)) {
			out = append(out, p.Path+p.InstanceProfileName)
		}
		return out
	}
	for _, tc := range []struct {
		prefix string
		want   []string
	}{
		{"", []string{"/ops/deep/Agent", "/ops/batch", "/web"}},
		{"/ops/", []string{"/ops/deep/Agent", "/ops/batch"}},
		{"/none/", nil},
	} {
		if diff := cmp.Diff(tc.want, names(tc.prefix)); diff != "" {
			t.Errorf("ListInstanceProfiles(%q) (-want +got):\n%s", tc.prefix, diff)
		}
	}
	_, err := w.a.ListInstanceProfiles("ops")
	wantErr(t, err, "ValidationError", "")

	if got := must[[]authn.OpenIDConnectProvider](t)(w.a.ListOpenIDConnectProviders()); len(got) != 0 {
		t.Errorf("ListOpenIDConnectProviders on an empty account = %v", got)
	}
	for _, u := range []string{"https://z.example.com", "https://a.example.com/tenant"} {
		must[authn.OpenIDConnectProvider](t)(w.a.CreateOpenIDConnectProvider(u, []string{"app"}, nil, nil))
	}
	var arns []string
	for _, p := range must[[]authn.OpenIDConnectProvider](t)(w.a.ListOpenIDConnectProviders()) {
		arns = append(arns, p.ARN)
	}
	want := []string{"arn:aws:iam::" + acctA + ":oidc-provider/a.example.com/tenant", "arn:aws:iam::" + acctA + ":oidc-provider/z.example.com"}
	if diff := cmp.Diff(want, arns); diff != "" {
		t.Errorf("ListOpenIDConnectProviders (-want +got):\n%s", diff)
	}

	meta := samlMetadata + "<!--" + strings.Repeat(" ", 1000) + "-->"
	must[authn.SAMLProvider](t)(w.a.CreateSAMLProvider("corp", meta, nil))
	saml := must[[]authn.SAMLProvider](t)(w.a.ListSAMLProviders())
	if len(saml) != 1 || saml[0].ARN != "arn:aws:iam::"+acctA+":saml-provider/corp" {
		t.Errorf("ListSAMLProviders = %+v", saml)
	}
	if got := must[[]authn.SAMLProvider](t)(w.b.ListSAMLProviders()); len(got) != 0 {
		t.Errorf("another account's ListSAMLProviders = %+v", got)
	}
}

func TestListVirtualMFADevices(t *testing.T) {
	w := newWorld(t)
	must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
	dev := must[authn.VirtualMFADevice](t)(w.a.CreateVirtualMFADevice("/", "bob"))
	must[authn.VirtualMFADevice](t)(w.a.CreateVirtualMFADevice("/", "spare"))
	enableMFA(t, w, "bob", dev)
	serials := func(s authn.AssignmentStatus) []string {
		var out []string
		for _, d := range must[[]authn.VirtualMFADevice](t)(w.a.ListVirtualMFADevices(s)) {
			if d.Base32StringSeed != "" {
				t.Errorf("ListVirtualMFADevices returned a seed for %s", d.SerialNumber)
			}
			out = append(out, strings.TrimPrefix(d.SerialNumber, "arn:aws:iam::"+acctA+":mfa/")+"="+d.UserName)
		}
		return out
	}
	for _, tc := range []struct {
		status authn.AssignmentStatus
		want   []string
	}{
		{"", []string{"bob=bob", "spare="}},
		{authn.AssignmentAny, []string{"bob=bob", "spare="}},
		{authn.AssignmentAssigned, []string{"bob=bob"}},
		{authn.AssignmentUnassigned, []string{"spare="}},
	} {
		if diff := cmp.Diff(tc.want, serials(tc.status)); diff != "" {
			t.Errorf("ListVirtualMFADevices(%q) (-want +got):\n%s", tc.status, diff)
		}
	}
	_, err := w.a.ListVirtualMFADevices("assigned")
	wantErr(t, err, "ValidationError", "1 validation error detected: Value 'assigned' at 'assignmentStatus' failed to satisfy constraint: Member must satisfy enum value set: [Unassigned, Any, Assigned]")
}

func TestUpdateGroup(t *testing.T) {
	w := newWorld(t)
	g := must[authn.Group](t)(w.a.CreateGroup("/", "devs"))
	must[authn.Group](t)(w.a.CreateGroup("/", "ops"))
	must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
	ok(t, w.a.AddUserToGroup("devs", "bob"))
	ok(t, w.a.PutGroupPolicy("devs", "all", allowAll))

	got := must[authn.Group](t)(w.a.UpdateGroup("devs", "builders", "/eng/"))
	want := authn.Group{Path: "/eng/", GroupName: "builders", GroupID: g.GroupID, ARN: "arn:aws:iam::" + acctA + ":group/eng/builders", CreateDate: g.CreateDate}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("UpdateGroup (-want +got):\n%s", diff)
	}
	if _, _, err := w.a.GetGroup("devs"); err == nil {
		t.Error("the old name still resolves")
	}
	_, members := must2(t)(w.a.GetGroup("builders"))
	if len(members) != 1 || members[0].UserName != "bob" {
		t.Errorf("members after rename = %+v", members)
	}
	if diff := cmp.Diff([]string{"all"}, must[[]string](t)(w.a.ListGroupPolicies("builders"))); diff != "" {
		t.Errorf("policies after rename (-want +got):\n%s", diff)
	}
	// A change of case alone is allowed; empty values keep the rest.
	got = must[authn.Group](t)(w.a.UpdateGroup("builders", "Builders", ""))
	if got.GroupName != "Builders" || got.Path != "/eng/" {
		t.Errorf("case rename = %+v", got)
	}

	for _, tc := range []struct {
		name, newName, newPath string
		code, msg              string
	}{
		{"Builders", "OPS", "", "EntityAlreadyExists", "Group with name OPS already exists."},
		{"nobody", "x", "", "NoSuchEntity", "The group with name nobody cannot be found."},
		{"ops", "bad name", "", "ValidationError", ""},
		{"ops", strings.Repeat("g", 129), "", "ValidationError", ""},
		{"ops", "", "no-slash", "ValidationError", ""},
	} {
		_, err := w.a.UpdateGroup(tc.name, tc.newName, tc.newPath)
		wantErr(t, err, tc.code, tc.msg)
	}
}

func must2(t testing.TB) func(authn.Group, []authn.User, error) (authn.Group, []authn.User) {
	return func(g authn.Group, u []authn.User, err error) (authn.Group, []authn.User) {
		t.Helper()
		ok(t, err)
		return g, u
	}
}

func TestGetAccountSummary(t *testing.T) {
	w := newWorld(t)
	must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
	must[authn.Group](t)(w.a.CreateGroup("/", "devs"))
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "app", AssumeRolePolicyDocument: trustAWS(acctA)}))
	must[authn.InstanceProfile](t)(w.a.CreateInstanceProfile("/", "web", nil))
	p := must[authn.ManagedPolicy](t)(w.a.CreatePolicy(authn.CreatePolicyInput{PolicyName: "all", PolicyDocument: allowAll}))
	ok(t, w.a.AttachUserPolicy("bob", p.ARN))
	ok(t, w.a.AttachRolePolicy("app", p.ARN))
	dev := must[authn.VirtualMFADevice](t)(w.a.CreateVirtualMFADevice("/", "bob"))
	must[authn.VirtualMFADevice](t)(w.a.CreateVirtualMFADevice("/", "spare"))
	enableMFA(t, w, "bob", dev)
	must[authn.OpenIDConnectProvider](t)(w.a.CreateOpenIDConnectProvider("https://idp.example.com", []string{"app"}, nil, nil))

	got := must[map[string]int](t)(w.a.GetAccountSummary())
	want := map[string]int{
		"Users": 1, "UsersQuota": 5000, "Groups": 1, "GroupsQuota": 300, "Roles": 1, "RolesQuota": 1000,
		"InstanceProfiles": 1, "InstanceProfilesQuota": 1000, "Policies": 1, "PoliciesQuota": 1500,
		"PolicySizeQuota": 6144, "PolicyVersionsInUse": 2, "PolicyVersionsInUseQuota": 10000, "VersionsPerPolicyQuota": 5,
		"UserPolicySizeQuota": 2048, "GroupPolicySizeQuota": 5120, "RolePolicySizeQuota": 10240, "AssumeRolePolicySizeQuota": 2048,
		"GroupsPerUserQuota": 10, "AttachedPoliciesPerUserQuota": 10, "AttachedPoliciesPerGroupQuota": 10, "AttachedPoliciesPerRoleQuota": 10,
		"AccessKeysPerUserQuota": 2, "SigningCertificatesPerUserQuota": 2, "ServerCertificates": 0, "ServerCertificatesQuota": 20,
		"MFADevices": 2, "MFADevicesInUse": 1, "AccountMFAEnabled": 0, "AccountAccessKeysPresent": 0, "AccountPasswordPresent": 0,
		"AccountSigningCertificatesPresent": 0, "Providers": 1, "GlobalEndpointTokenVersion": 1,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GetAccountSummary (-want +got):\n%s", diff)
	}
	if got := must[map[string]int](t)(w.b.GetAccountSummary()); got["Users"] != 0 || got["MFADevices"] != 0 {
		t.Errorf("another account's summary = %v", got)
	}
}

// groupRenames: however groups are created and renamed, names stay unique
// case-insensitively and the summary's Groups count is ListGroups' length.
func groupRenames(t *rapid.T) {
	d := authn.New(authn.Config{Rand: mrand.NewChaCha8([32]byte{3}), PasswordHashIterations: 1})
	a, err := d.CreateAccount(acctA, "a@example.com")
	if err != nil {
		t.Fatal(err)
	}
	name := rapid.SampledFrom([]string{"a", "A", "b", "B", "c"})
	for range rapid.IntRange(1, 20).Draw(t, "steps") {
		if rapid.Bool().Draw(t, "create") {
			_, _ = a.CreateGroup("/", name.Draw(t, "name"))
		} else {
			_, _ = a.UpdateGroup(name.Draw(t, "from"), name.Draw(t, "to"), "")
		}
		groups, err := a.ListGroups("")
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, g := range groups {
			k := strings.ToLower(g.GroupName)
			if seen[k] {
				t.Fatalf("two groups named %s: %+v", k, groups)
			}
			seen[k] = true
			if _, _, err := a.GetGroup(g.GroupName); err != nil {
				t.Fatalf("listed group %s does not resolve: %v", g.GroupName, err)
			}
		}
		sum, err := a.GetAccountSummary()
		if err != nil {
			t.Fatal(err)
		}
		if n := sum["Groups"]; n != len(groups) {
			t.Fatalf("summary Groups = %d, ListGroups has %d", n, len(groups))
		}
	}
}

func TestGroupRenamesProperty(t *testing.T) { rapid.Check(t, groupRenames) }

func FuzzGroupRenames(f *testing.F) { f.Fuzz(rapid.MakeFuzz(groupRenames)) }
