package awsaccess_test

import (
	"encoding/base32"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/authn"
)

func TestIAMGoldenSelfService(t *testing.T) {
	w := newIAMWorld(t)
	const root = "root user of 111111111111"
	acct := w.account()
	bob := w.user("bob")
	if _, err := acct.CreateLoginProfile("bob", "First-Pass-1", true); err != nil {
		t.Fatal(err)
	}
	const who = "IAM user bob (no policies)"
	w.golden("ChangePassword-AccessDenied", who, bob, "ChangePassword", iamParams("OldPassword", "First-Pass-1", "NewPassword", "Second-Pass-2"))
	if err := acct.UpdateAccountPasswordPolicy(authn.PasswordPolicy{MinimumPasswordLength: 10, AllowUsersToChangePassword: true, PasswordReusePrevention: 3}); err != nil {
		t.Fatal(err)
	}
	w.golden("ChangePassword-PasswordPolicyViolation", who, bob, "ChangePassword", iamParams("OldPassword", "First-Pass-1", "NewPassword", "Short-2"))
	w.golden("ChangePassword-reuse", who, bob, "ChangePassword", iamParams("OldPassword", "First-Pass-1", "NewPassword", "First-Pass-1"))
	w.golden("ChangePassword", who, bob, "ChangePassword", iamParams("OldPassword", "First-Pass-1", "NewPassword", "Second-Pass-2"))
	w.golden("ChangePassword-root", root, w.root, "ChangePassword", iamParams("OldPassword", "First-Pass-1", "NewPassword", "Second-Pass-2"))
	if lp, err := acct.GetLoginProfile("bob"); err != nil || lp.PasswordResetRequired {
		t.Errorf("after ChangePassword: %+v, %v", lp, err)
	}

	dev, err := acct.CreateVirtualMFADevice("/", "bob-phone")
	if err != nil {
		t.Fatal(err)
	}
	seed, err := base32.StdEncoding.DecodeString(dev.Base32StringSeed)
	if err != nil {
		t.Fatal(err)
	}
	code := func(steps int) string { return authn.TOTP(seed, w.clock().Add(time.Duration(steps)*authn.TOTPStep), 6) }
	if err := acct.EnableMFADevice("bob", dev.SerialNumber, code(-1), code(0)); err != nil {
		t.Fatal(err)
	}
	w.golden("GetMFADevice", root, w.root, "GetMFADevice", iamParams("UserName", "bob", "SerialNumber", dev.SerialNumber))
	w.golden("GetMFADevice-NoSuchEntity", root, w.root, "GetMFADevice", iamParams("SerialNumber", dev.SerialNumber))
	w.advance(2 * authn.TOTPStep)
	w.golden("ResyncMFADevice-InvalidAuthenticationCode", root, w.root, "ResyncMFADevice", iamParams("UserName", "bob", "SerialNumber", dev.SerialNumber,
		"AuthenticationCode1", code(0), "AuthenticationCode2", code(-1)))
	w.golden("ResyncMFADevice", root, w.root, "ResyncMFADevice", iamParams("UserName", "bob", "SerialNumber", dev.SerialNumber,
		"AuthenticationCode1", code(-1), "AuthenticationCode2", code(0)))
}

func TestIAMGoldenAliases(t *testing.T) {
	w := newIAMWorld(t)
	const root = "root user of 111111111111"
	w.golden("ListAccountAliases-none", root, w.root, "ListAccountAliases", nil)
	w.golden("CreateAccountAlias", root, w.root, "CreateAccountAlias", iamParams("AccountAlias", "example-corp"))
	w.golden("CreateAccountAlias-EntityAlreadyExists", root, w.root, "CreateAccountAlias", iamParams("AccountAlias", "example-corp"))
	w.golden("CreateAccountAlias-ValidationError", root, w.root, "CreateAccountAlias", iamParams("AccountAlias", "Example--Corp"))
	w.golden("ListAccountAliases", root, w.root, "ListAccountAliases", nil)
	w.golden("DeleteAccountAlias-NoSuchEntity", root, w.root, "DeleteAccountAlias", iamParams("AccountAlias", "other-alias"))
	w.golden("DeleteAccountAlias", root, w.root, "DeleteAccountAlias", iamParams("AccountAlias", "example-corp"))

	// Aliases are unique across the partition.
	if _, err := w.cloud.CreateAccount("222222222222", "other@example.com", "other"); err != nil {
		t.Fatal(err)
	}
	other, err := w.cloud.IAM().Account("222222222222")
	if err != nil {
		t.Fatal(err)
	}
	if err := other.CreateAccountAlias("taken"); err != nil {
		t.Fatal(err)
	}
	if status, body := w.call(w.root, "CreateAccountAlias", iamParams("AccountAlias", "taken")); status != http.StatusConflict || iamXML(body, "Code") != "EntityAlreadyExists" {
		t.Errorf("another account's alias: HTTP %d\n%s", status, body)
	}
}

func TestIAMGoldenPolicyUses(t *testing.T) {
	w := newIAMWorld(t)
	const root = "root user of 111111111111"
	acct := w.account()
	for _, u := range []authn.CreateUserInput{{UserName: "alice", Path: "/eng/"}, {UserName: "bob", PermissionsBoundary: iamReadOnlyARN}} {
		if _, err := acct.CreateUser(u); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := acct.CreateGroup("/eng/", "devs"); err != nil {
		t.Fatal(err)
	}
	if _, err := acct.CreateRole(authn.CreateRoleInput{RoleName: "app", AssumeRolePolicyDocument: iamEC2Trust}); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{acct.AttachUserPolicy("alice", iamReadOnlyARN), acct.AttachGroupPolicy("devs", iamReadOnlyARN), acct.AttachRolePolicy("app", iamReadOnlyARN)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	_, body := w.golden("ListEntitiesForPolicy-page1", root, w.root, "ListEntitiesForPolicy", iamParams("PolicyArn", iamReadOnlyARN, "MaxItems", "2"))
	_, body = w.golden("ListEntitiesForPolicy-page2", root, w.root, "ListEntitiesForPolicy", iamParams("PolicyArn", iamReadOnlyARN, "MaxItems", "2", "Marker", iamXML(body, "Marker")))
	if got := iamXMLAll(body, "UserName"); !cmp.Equal(got, []string{"bob"}) || iamXML(body, "RoleName") != "app" {
		t.Errorf("second page:\n%s", body)
	}
	w.golden("ListEntitiesForPolicy-boundaries", root, w.root, "ListEntitiesForPolicy", iamParams("PolicyArn", iamReadOnlyARN, "PolicyUsageFilter", "PermissionsBoundary"))
	w.golden("ListEntitiesForPolicy-users-by-path", root, w.root, "ListEntitiesForPolicy", iamParams("PolicyArn", iamReadOnlyARN, "EntityFilter", "User", "PathPrefix", "/eng/"))
	w.golden("ListEntitiesForPolicy-NoSuchEntity", root, w.root, "ListEntitiesForPolicy", iamParams("PolicyArn", "arn:aws:iam::111111111111:policy/nope"))

	scoped := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}",` +
		`"Condition":{"DateGreaterThan":{"aws:CurrentTime":"2015-08-16T12:00:00Z"}}},` +
		`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"AWS:currenttime":"x","s3:prefix":"${aws:PrincipalTag/team}/"}}}]}`
	w.golden("GetContextKeysForCustomPolicy", root, w.root, "GetContextKeysForCustomPolicy", iamParams("PolicyInputList.member.1", scoped))
	w.golden("GetContextKeysForCustomPolicy-InvalidInput", root, w.root, "GetContextKeysForCustomPolicy", iamParams("PolicyInputList.member.1", `{"Version":"2012-10-17"}`))
	if err := acct.PutUserPolicy("alice", "tagged", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/env":"dev"}}}}`); err != nil {
		t.Fatal(err)
	}
	if err := acct.PutGroupPolicy("devs", "mfa", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}}`); err != nil {
		t.Fatal(err)
	}
	if err := acct.AddUserToGroup("devs", "alice"); err != nil {
		t.Fatal(err)
	}
	w.golden("GetContextKeysForPrincipalPolicy-user", root, w.root, "GetContextKeysForPrincipalPolicy", iamParams("PolicySourceArn", "arn:aws:iam::111111111111:user/eng/alice",
		"PolicyInputList.member.1", scoped))
	w.golden("GetContextKeysForPrincipalPolicy-NoSuchEntity", root, w.root, "GetContextKeysForPrincipalPolicy", iamParams("PolicySourceArn", "arn:aws:iam::111111111111:role/nobody"))
}

// TestIAMSelfServiceAuthorization checks the action and resource each new
// operation is authorised for, and AWS's wording when it is denied.
func TestIAMSelfServiceAuthorization(t *testing.T) {
	w := newIAMWorld(t)
	acct := w.account()
	if _, err := acct.CreateUser(authn.CreateUserInput{UserName: "alice", Path: "/eng/"}); err != nil {
		t.Fatal(err)
	}
	carol := w.user("carol")
	const a = "arn:aws:iam::111111111111:"
	tests := []struct {
		name   string
		carol  bool
		action string
		params map[string]string
		want   []iamCheck
	}{
		{"own password", true, "ChangePassword", map[string]string{"OldPassword": "x", "NewPassword": "y"}, []iamCheck{{"iam:ChangePassword", a + "user/carol"}}},
		{"mfa device of the caller", true, "GetMFADevice", map[string]string{"SerialNumber": a + "mfa/x"}, []iamCheck{{"iam:GetMFADevice", a + "user/carol"}}},
		{"mfa device of a user", false, "ResyncMFADevice", map[string]string{"UserName": "alice", "SerialNumber": a + "mfa/x", "AuthenticationCode1": "123456", "AuthenticationCode2": "123456"},
			[]iamCheck{{"iam:ResyncMFADevice", a + "user/eng/alice"}}},
		{"policy uses", false, "ListEntitiesForPolicy", map[string]string{"PolicyArn": iamReadOnlyARN}, []iamCheck{{"iam:ListEntitiesForPolicy", iamReadOnlyARN}}},
		{"alias", false, "CreateAccountAlias", map[string]string{"AccountAlias": "corp"}, []iamCheck{{"iam:CreateAccountAlias", "*"}}},
		{"aliases", false, "ListAccountAliases", nil, []iamCheck{{"iam:ListAccountAliases", "*"}}},
		{"custom context keys", false, "GetContextKeysForCustomPolicy", map[string]string{"PolicyInputList.member.1": iamReadS3}, []iamCheck{{"iam:GetContextKeysForCustomPolicy", "*"}}},
		{"principal context keys", false, "GetContextKeysForPrincipalPolicy", map[string]string{"PolicySourceArn": a + "user/eng/alice"},
			[]iamCheck{{"iam:GetContextKeysForPrincipalPolicy", a + "user/eng/alice"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			creds := w.root
			if tt.carol {
				creds = carol
			}
			params := iamParams()
			for k, v := range tt.params {
				params.Set(k, v)
			}
			w.call(creds, tt.action, params)
			if diff := cmp.Diff(tt.want, w.lastChecks()); diff != "" {
				t.Errorf("%s authorised (-want +got):\n%s", tt.action, diff)
			}
		})
	}

	// A user without policies is denied each of them, as AWS words it;
	// AllowUsersToChangePassword lets it change its own password, but an
	// explicit deny still wins.
	if _, err := acct.CreateLoginProfile("carol", "First-Pass-1", false); err != nil {
		t.Fatal(err)
	}
	change := iamParams("OldPassword", "First-Pass-1", "NewPassword", "Second-Pass-2")
	w.expectDecisions(t, carol, "user/carol", []iamDecisionCase{
		{"alias denied", "CreateAccountAlias", iamParams("AccountAlias", "corp"), 403, "iam:CreateAccountAlias"},
		{"aliases denied", "ListAccountAliases", nil, 403, "iam:ListAccountAliases"},
		{"policy uses denied", "ListEntitiesForPolicy", iamParams("PolicyArn", iamReadOnlyARN), 403, "iam:ListEntitiesForPolicy"},
		{"context keys denied", "GetContextKeysForCustomPolicy", iamParams("PolicyInputList.member.1", iamReadS3), 403, "iam:GetContextKeysForCustomPolicy"},
		{"principal keys denied", "GetContextKeysForPrincipalPolicy", iamParams("PolicySourceArn", a+"user/eng/alice"), 403, "iam:GetContextKeysForPrincipalPolicy"},
		{"own mfa device denied", "GetMFADevice", iamParams("SerialNumber", a+"mfa/x"), 403, "iam:GetMFADevice"},
		{"resync denied", "ResyncMFADevice", iamParams("UserName", "carol", "SerialNumber", a+"mfa/x", "AuthenticationCode1", "123456", "AuthenticationCode2", "123456"), 403, "iam:ResyncMFADevice"},
		{"password without the policy setting", "ChangePassword", change, 403, "iam:ChangePassword"},
	})
	if err := acct.UpdateAccountPasswordPolicy(authn.PasswordPolicy{AllowUsersToChangePassword: true}); err != nil {
		t.Fatal(err)
	}
	w.expectDecisions(t, carol, "user/carol", []iamDecisionCase{{"password with the policy setting", "ChangePassword", change, 200, ""}})
	if err := acct.PutUserPolicy("carol", "no-password", `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"iam:ChangePassword","Resource":"*"}}`); err != nil {
		t.Fatal(err)
	}
	w.expectDecisions(t, carol, "user/carol", []iamDecisionCase{
		{"explicit deny wins", "ChangePassword", iamParams("OldPassword", "Second-Pass-2", "NewPassword", "Third-Pass-3"), 403, "iam:ChangePassword"},
	})
}
