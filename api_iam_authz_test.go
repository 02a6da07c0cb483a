package awsaccess_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess"
	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
)

type iamCheck struct{ Action, Resource string }

// lastChecks returns the authorizations of the last call in the audit
// trail.
func (w *iamWorld) lastChecks() []iamCheck {
	w.t.Helper()
	events := w.cloud.Audit().Query(awsaccess.AuditQuery{})
	if len(events) == 0 {
		w.t.Fatal("the audit trail is empty")
	}
	var out []iamCheck
	for _, d := range events[len(events)-1].Decisions {
		out = append(out, iamCheck{d.Action, d.Resource})
	}
	return out
}

// TestIAMAuthorizationTable checks, for a representative operation of
// every resource type, the action and resource each call is authorised
// for: ARNs with the entity's path when it exists, the caller for
// operations whose user defaults to it, "*" for account-level operations,
// and the dependent actions.
func TestIAMAuthorizationTable(t *testing.T) {
	w := newIAMWorld(t)
	acct := w.account()
	setup := []error{}
	_, err := acct.CreateUser(authn.CreateUserInput{UserName: "alice", Path: "/eng/"})
	setup = append(setup, err)
	_, err = acct.CreateGroup("/g/", "devs")
	setup = append(setup, err)
	_, err = acct.CreateRole(authn.CreateRoleInput{RoleName: "app", Path: "/svc/", AssumeRolePolicyDocument: iamEC2Trust})
	setup = append(setup, err)
	_, err = acct.CreatePolicy(authn.CreatePolicyInput{PolicyName: "ReadS3", Path: "/p/", PolicyDocument: iamReadS3})
	setup = append(setup, err)
	_, err = acct.CreateInstanceProfile("/ip/", "web", nil)
	setup = append(setup, err)
	oidc, err := acct.CreateOpenIDConnectProvider("https://token.example.com/id", []string{"sts.amazonaws.com"}, []string{strings.Repeat("a", 40)}, nil)
	setup = append(setup, err)
	for _, err := range setup {
		if err != nil {
			t.Fatal(err)
		}
	}
	alice := w.user("carol")
	const (
		a      = "arn:aws:iam::111111111111:"
		policy = a + "policy/p/ReadS3"
	)
	tests := []struct {
		name   string
		creds  string // "root" or "carol"
		action string
		params url.Values
		want   []iamCheck
	}{
		{"new user with path", "root", "CreateUser", iamParams("UserName", "bob", "Path", "/ops/"), []iamCheck{{"iam:CreateUser", a + "user/ops/bob"}}},
		{"existing user with its path", "root", "GetUser", iamParams("UserName", "alice"), []iamCheck{{"iam:GetUser", a + "user/eng/alice"}}},
		{"unknown user", "root", "GetUser", iamParams("UserName", "nobody"), []iamCheck{{"iam:GetUser", a + "user/nobody"}}},
		{"the calling user", "carol", "ListAccessKeys", nil, []iamCheck{{"iam:ListAccessKeys", a + "user/carol"}}},
		{"the root user", "root", "ListAccessKeys", nil, []iamCheck{{"iam:ListAccessKeys", a + "root"}}},
		{"account level", "root", "ListUsers", nil, []iamCheck{{"iam:ListUsers", "*"}}},
		{"rename needs both names", "root", "UpdateUser", iamParams("UserName", "alice", "NewUserName", "alicia", "NewPath", "/ops/"),
			[]iamCheck{{"iam:UpdateUser", a + "user/eng/alice"}, {"iam:UpdateUser", a + "user/ops/alicia"}}},
		{"group", "root", "AddUserToGroup", iamParams("GroupName", "devs", "UserName", "alice"), []iamCheck{{"iam:AddUserToGroup", a + "group/g/devs"}}},
		{"role", "root", "GetRole", iamParams("RoleName", "app"), []iamCheck{{"iam:GetRole", a + "role/svc/app"}}},
		{"service-linked role", "root", "CreateServiceLinkedRole", iamParams("AWSServiceName", "inspector2.amazonaws.com", "CustomSuffix", "x"),
			[]iamCheck{{"iam:CreateServiceLinkedRole", a + "role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2_x"}}},
		{"managed policy", "root", "GetPolicy", iamParams("PolicyArn", policy), []iamCheck{{"iam:GetPolicy", policy}}},
		{"new managed policy", "root", "CreatePolicy", iamParams("PolicyName", "P2", "Path", "/q/", "PolicyDocument", iamReadS3), []iamCheck{{"iam:CreatePolicy", a + "policy/q/P2"}}},
		{"attach names the identity", "root", "AttachRolePolicy", iamParams("RoleName", "app", "PolicyArn", policy), []iamCheck{{"iam:AttachRolePolicy", a + "role/svc/app"}}},
		{"instance profile and PassRole", "root", "AddRoleToInstanceProfile", iamParams("InstanceProfileName", "web", "RoleName", "app"),
			[]iamCheck{{"iam:AddRoleToInstanceProfile", a + "instance-profile/ip/web"}, {"iam:PassRole", a + "role/svc/app"}}},
		{"oidc provider", "root", "GetOpenIDConnectProvider", iamParams("OpenIDConnectProviderArn", oidc.ARN), []iamCheck{{"iam:GetOpenIDConnectProvider", oidc.ARN}}},
		{"new saml provider", "root", "CreateSAMLProvider", iamParams("Name", "corp", "SAMLMetadataDocument", strings.Repeat("x", 1000)), []iamCheck{{"iam:CreateSAMLProvider", a + "saml-provider/corp"}}},
		{"new mfa device", "root", "CreateVirtualMFADevice", iamParams("VirtualMFADeviceName", "phone", "Path", "/m/"), []iamCheck{{"iam:CreateVirtualMFADevice", a + "mfa/m/phone"}}},
		{"password policy", "root", "GetAccountPasswordPolicy", nil, []iamCheck{{"iam:GetAccountPasswordPolicy", "*"}}},
		{"simulate principal", "root", "SimulatePrincipalPolicy", iamParams("PolicySourceArn", a+"role/svc/app", "ActionNames.member.1", "s3:GetObject"),
			[]iamCheck{{"iam:SimulatePrincipalPolicy", a + "role/svc/app"}}},
		{"simulate custom", "root", "SimulateCustomPolicy", iamParams("PolicyInputList.member.1", iamReadS3, "ActionNames.member.1", "s3:GetObject"),
			[]iamCheck{{"iam:SimulateCustomPolicy", "*"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			creds := w.root
			if tt.creds == "carol" {
				creds = alice
			}
			w.call(creds, tt.action, tt.params)
			if diff := cmp.Diff(tt.want, w.lastChecks()); diff != "" {
				t.Errorf("%s authorised (-want +got):\n%s", tt.action, diff)
			}
		})
	}
}

// TestIAMConditionKeys checks that each condition key the operations set
// reaches the caller's policies: a policy that allows an operation only
// under a condition allows the matching call and denies the other.
func TestIAMConditionKeys(t *testing.T) {
	w := newIAMWorld(t)
	acct := w.account()
	if _, err := acct.CreateUser(authn.CreateUserInput{UserName: "alice", Tags: []authn.Tag{{Key: "team", Value: "blue"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := acct.CreateUser(authn.CreateUserInput{UserName: "bob"}); err != nil {
		t.Fatal(err)
	}
	if _, err := acct.CreateRole(authn.CreateRoleInput{RoleName: "app", AssumeRolePolicyDocument: iamEC2Trust}); err != nil {
		t.Fatal(err)
	}
	if _, err := acct.CreateInstanceProfile("/", "web", nil); err != nil {
		t.Fatal(err)
	}
	const boundaryARN = "arn:aws:iam::aws:policy/ReadOnlyAccess"
	admin := w.user("admin", "conditional", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"iam:CreateUser","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/team":"blue"}}},
		{"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"*","Condition":{"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}},
		{"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"*","Condition":{"StringEquals":{"iam:AWSServiceName":"inspector2.amazonaws.com"}}},
		{"Effect":"Allow","Action":"iam:GetUser","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"blue","iam:ResourceTag/team":"blue"}}},
		{"Effect":"Allow","Action":"iam:PutUserPermissionsBoundary","Resource":"*","Condition":{"ArnEquals":{"iam:PermissionsBoundary":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}},
		{"Effect":"Allow","Action":["iam:TagUser","iam:UntagUser"],"Resource":"*"},
		{"Effect":"Deny","Action":["iam:TagUser","iam:UntagUser"],"Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":"protected"}}},
		{"Effect":"Allow","Action":"iam:AddRoleToInstanceProfile","Resource":"*"}]}`)
	tests := []iamDecisionCase{
		{"request tag missing", "CreateUser", iamParams("UserName", "u1"), 403, "iam:CreateUser"},
		{"request tag wrong", "CreateUser", iamParams("UserName", "u1", "Tags.member.1.Key", "team", "Tags.member.1.Value", "red"), 403, "iam:CreateUser"},
		{"request tag right", "CreateUser", iamParams("UserName", "u1", "Tags.member.1.Key", "team", "Tags.member.1.Value", "blue"), 200, ""},
		{"policy ARN other", "AttachUserPolicy", iamParams("UserName", "bob", "PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"), 403, "iam:AttachUserPolicy"},
		{"policy ARN allowed", "AttachUserPolicy", iamParams("UserName", "bob", "PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"), 200, ""},
		{"service name other", "CreateServiceLinkedRole", iamParams("AWSServiceName", "organizations.amazonaws.com"), 403, "iam:CreateServiceLinkedRole"},
		{"service name allowed", "CreateServiceLinkedRole", iamParams("AWSServiceName", "inspector2.amazonaws.com"), 200, ""},
		{"resource tag absent", "GetUser", iamParams("UserName", "bob"), 403, "iam:GetUser"},
		{"resource tag present", "GetUser", iamParams("UserName", "alice"), 200, ""},
		{"boundary other", "PutUserPermissionsBoundary", iamParams("UserName", "bob", "PermissionsBoundary", "arn:aws:iam::aws:policy/AdministratorAccess"), 403, "iam:PutUserPermissionsBoundary"},
		{"boundary allowed", "PutUserPermissionsBoundary", iamParams("UserName", "bob", "PermissionsBoundary", boundaryARN), 200, ""},
		{"tag keys allowed", "TagUser", iamParams("UserName", "bob", "Tags.member.1.Key", "x", "Tags.member.1.Value", "1"), 200, ""},
		{"tag keys denied", "TagUser", iamParams("UserName", "bob", "Tags.member.1.Key", "protected", "Tags.member.1.Value", "1"), 403, "iam:TagUser"},
		{"untag keys denied", "UntagUser", iamParams("UserName", "bob", "TagKeys.member.1", "protected"), 403, "iam:UntagUser"},
		{"untag keys allowed", "UntagUser", iamParams("UserName", "bob", "TagKeys.member.1", "x"), 200, ""},
		{"dependent PassRole", "AddRoleToInstanceProfile", iamParams("InstanceProfileName", "web", "RoleName", "app"), 403, "iam:PassRole"},
	}
	w.expectDecisions(t, admin, "user/admin", tests)
}

// iamDecisionCase is one call of a conditional-policy test and what it
// must answer.
type iamDecisionCase struct {
	name   string
	action string
	params url.Values
	status int
	denied string // the action the AccessDenied message names
}

// expectDecisions sends each call as a subtest and checks its status and,
// when denied names an action, that the AccessDenied message names the
// caller (an IAM resource of the account, such as "user/admin") and that
// action as AWS words it.
func (w *iamWorld) expectDecisions(t *testing.T, creds sigv4.Credentials, caller string, cases []iamDecisionCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			got, body := w.call(creds, tt.action, tt.params)
			if got != tt.status {
				t.Fatalf("HTTP %d, want %d\n%s", got, tt.status, body)
			}
			if tt.denied == "" {
				return
			}
			msg := iamXML(body, "Message")
			if iamXML(body, "Code") != "AccessDenied" || !strings.Contains(msg, "User: arn:aws:iam::111111111111:"+caller+" is not authorized to perform: "+tt.denied+" on resource: ") {
				t.Errorf("denial does not name the principal and %s:\n%s", tt.denied, body)
			}
		})
	}
}

// TestIAMDeniedBeforeRunning checks that a denied call changes nothing:
// authorization comes before the operation.
func TestIAMDeniedBeforeRunning(t *testing.T) {
	w := newIAMWorld(t)
	bob := w.user("bob", "ReadS3", iamReadS3)
	for _, c := range []struct {
		action string
		params url.Values
	}{
		{"CreateUser", iamParams("UserName", "mallory")},
		{"DeleteAccessKey", iamParams("UserName", "bob", "AccessKeyId", bob.AccessKeyID)},
		{"DeleteUserPolicy", iamParams("UserName", "bob", "PolicyName", "ReadS3")},
	} {
		if status, body := w.call(bob, c.action, c.params); status != http.StatusForbidden {
			t.Errorf("%s: HTTP %d\n%s", c.action, status, body)
		}
	}
	acct := w.account()
	if _, err := acct.GetUser("mallory"); err == nil {
		t.Error("a denied CreateUser created the user")
	}
	if keys, _ := acct.ListAccessKeys("bob"); len(keys) != 1 {
		t.Errorf("bob has %d keys after a denied DeleteAccessKey", len(keys))
	}
	if names, _ := acct.ListUserPolicies("bob"); len(names) != 1 {
		t.Errorf("bob has %d inline policies after a denied DeleteUserPolicy", len(names))
	}
}
