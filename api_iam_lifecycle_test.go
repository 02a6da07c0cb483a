package awsaccess_test

import (
	"encoding/base32"
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/authn"
)

// TestIAMLifecycle drives every family of operations through create, read,
// list, change and delete over HTTP, checking what each read returns.
func TestIAMLifecycle(t *testing.T) {
	w := newIAMWorld(t)
	const a = "arn:aws:iam::111111111111:"
	must := func(action string, p url.Values) string {
		t.Helper()
		return w.mustCall(w.root, action, p)
	}
	expect := func(what string, got, want any) {
		t.Helper()
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", what, diff)
		}
	}

	// Users, groups and tags.
	must("CreateUser", iamParams("UserName", "alice"))
	must("TagUser", iamParams("UserName", "alice", "Tags.member.1.Key", "team", "Tags.member.1.Value", "blue"))
	expect("ListUserTags", iamXMLAll(must("ListUserTags", iamParams("UserName", "alice")), "Key"), []string{"team"})
	must("UntagUser", iamParams("UserName", "alice", "TagKeys.member.1", "team"))
	expect("ListUserTags after untag", iamXMLAll(must("ListUserTags", iamParams("UserName", "alice")), "Key"), []string(nil))
	must("CreateGroup", iamParams("GroupName", "devs", "Path", "/g/"))
	must("AddUserToGroup", iamParams("GroupName", "devs", "UserName", "alice"))
	expect("GetGroup members", iamXMLAll(must("GetGroup", iamParams("GroupName", "devs")), "UserName"), []string{"alice"})
	expect("ListGroupsForUser", iamXMLAll(must("ListGroupsForUser", iamParams("UserName", "alice")), "GroupName"), []string{"devs"})
	must("PutGroupPolicy", iamParams("GroupName", "devs", "PolicyName", "G", "PolicyDocument", iamReadS3))
	doc, _ := url.PathUnescape(iamXML(must("GetGroupPolicy", iamParams("GroupName", "devs", "PolicyName", "G")), "PolicyDocument"))
	expect("GetGroupPolicy", doc, iamReadS3)
	must("DeleteGroupPolicy", iamParams("GroupName", "devs", "PolicyName", "G"))
	must("RemoveUserFromGroup", iamParams("GroupName", "devs", "UserName", "alice"))
	must("DeleteGroup", iamParams("GroupName", "devs"))
	must("UpdateUser", iamParams("UserName", "alice", "NewUserName", "alicia", "NewPath", "/eng/"))
	expect("renamed user", iamXML(must("GetUser", iamParams("UserName", "alicia")), "Arn"), a+"user/eng/alicia")

	// Access keys, login profiles, MFA.
	key := iamXML(must("CreateAccessKey", iamParams("UserName", "alicia")), "AccessKeyId")
	must("UpdateAccessKey", iamParams("UserName", "alicia", "AccessKeyId", key, "Status", "Inactive"))
	expect("ListAccessKeys", iamXMLAll(must("ListAccessKeys", iamParams("UserName", "alicia")), "Status"), []string{"Inactive"})
	last := must("GetAccessKeyLastUsed", iamParams("AccessKeyId", key))
	expect("never used", []string{iamXML(last, "UserName"), iamXML(last, "ServiceName"), iamXML(last, "Region")}, []string{"alicia", "N/A", "N/A"})
	must("DeleteAccessKey", iamParams("UserName", "alicia", "AccessKeyId", key))
	must("CreateLoginProfile", iamParams("UserName", "alicia", "Password", "Correct-Horse-9", "PasswordResetRequired", "true"))
	expect("GetLoginProfile", iamXML(must("GetLoginProfile", iamParams("UserName", "alicia")), "PasswordResetRequired"), "true")
	must("UpdateLoginProfile", iamParams("UserName", "alicia", "PasswordResetRequired", "false"))
	expect("updated login profile", iamXML(must("GetLoginProfile", iamParams("UserName", "alicia")), "PasswordResetRequired"), "false")
	must("DeleteLoginProfile", iamParams("UserName", "alicia"))
	mfa := must("CreateVirtualMFADevice", iamParams("VirtualMFADeviceName", "phone"))
	serial := iamXML(mfa, "SerialNumber")
	seed, err := base64.StdEncoding.DecodeString(iamXML(mfa, "Base32StringSeed"))
	if err != nil {
		t.Fatal(err)
	}
	secret, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.TrimRight(string(seed), "="))
	if err != nil {
		t.Fatal(err)
	}
	now := w.clock()
	must("EnableMFADevice", iamParams("UserName", "alicia", "SerialNumber", serial,
		"AuthenticationCode1", authn.TOTP(secret, now.Add(-authn.TOTPStep), 6), "AuthenticationCode2", authn.TOTP(secret, now, 6)))
	expect("ListMFADevices", iamXMLAll(must("ListMFADevices", iamParams("UserName", "alicia")), "SerialNumber"), []string{serial})
	must("DeactivateMFADevice", iamParams("UserName", "alicia", "SerialNumber", serial))
	must("DeleteVirtualMFADevice", iamParams("SerialNumber", serial))

	// Managed policies and versions, attachments, boundaries.
	pol := iamXML(must("CreatePolicy", iamParams("PolicyName", "ReadS3", "PolicyDocument", iamReadS3, "Tags.member.1.Key", "k", "Tags.member.1.Value", "v")), "Arn")
	expect("ListPolicyTags", iamXMLAll(must("ListPolicyTags", iamParams("PolicyArn", pol)), "Key"), []string{"k"})
	w.advance(time.Minute)
	must("CreatePolicyVersion", iamParams("PolicyArn", pol, "PolicyDocument", iamReadS3, "SetAsDefault", "true"))
	expect("ListPolicyVersions", iamXMLAll(must("ListPolicyVersions", iamParams("PolicyArn", pol)), "VersionId"), []string{"v2", "v1"})
	must("SetDefaultPolicyVersion", iamParams("PolicyArn", pol, "VersionId", "v1"))
	expect("GetPolicyVersion", iamXML(must("GetPolicyVersion", iamParams("PolicyArn", pol, "VersionId", "v1")), "IsDefaultVersion"), "true")
	must("DeletePolicyVersion", iamParams("PolicyArn", pol, "VersionId", "v2"))
	must("AttachUserPolicy", iamParams("UserName", "alicia", "PolicyArn", pol))
	must("PutUserPermissionsBoundary", iamParams("UserName", "alicia", "PermissionsBoundary", pol))
	got := must("GetPolicy", iamParams("PolicyArn", pol))
	expect("GetPolicy counts", []string{iamXML(got, "AttachmentCount"), iamXML(got, "PermissionsBoundaryUsageCount")}, []string{"1", "1"})
	expect("ListPolicies Local OnlyAttached", iamXMLAll(must("ListPolicies", iamParams("Scope", "Local", "OnlyAttached", "true")), "PolicyName"), []string{"ReadS3"})
	expect("ListAttachedUserPolicies", iamXMLAll(must("ListAttachedUserPolicies", iamParams("UserName", "alicia")), "PolicyArn"), []string{pol})
	must("DeleteUserPermissionsBoundary", iamParams("UserName", "alicia"))
	must("DetachUserPolicy", iamParams("UserName", "alicia", "PolicyArn", pol))
	must("DeletePolicy", iamParams("PolicyArn", pol))

	// Roles, their inline policies, instance profiles.
	must("CreateRole", iamParams("RoleName", "app", "AssumeRolePolicyDocument", iamEC2Trust))
	must("PutRolePolicy", iamParams("RoleName", "app", "PolicyName", "b", "PolicyDocument", iamReadS3))
	must("PutRolePolicy", iamParams("RoleName", "app", "PolicyName", "a", "PolicyDocument", iamReadS3))
	expect("ListRolePolicies", iamXMLAll(must("ListRolePolicies", iamParams("RoleName", "app")), "member"), []string{"a", "b"})
	must("UpdateRole", iamParams("RoleName", "app", "MaxSessionDuration", "7200"))
	expect("UpdateRoleDescription", iamXML(must("UpdateRoleDescription", iamParams("RoleName", "app", "Description", "d")), "Description"), "d")
	expect("updated role", iamXML(must("GetRole", iamParams("RoleName", "app")), "MaxSessionDuration"), "7200")
	must("UpdateAssumeRolePolicy", iamParams("RoleName", "app", "PolicyDocument", iamEC2Trust))
	must("TagRole", iamParams("RoleName", "app", "Tags.member.1.Key", "env", "Tags.member.1.Value", "prod"))
	expect("ListRoleTags", iamXMLAll(must("ListRoleTags", iamParams("RoleName", "app")), "Value"), []string{"prod"})
	must("UntagRole", iamParams("RoleName", "app", "TagKeys.member.1", "env"))
	must("CreateInstanceProfile", iamParams("InstanceProfileName", "web", "Tags.member.1.Key", "k", "Tags.member.1.Value", "v"))
	must("AddRoleToInstanceProfile", iamParams("InstanceProfileName", "web", "RoleName", "app"))
	expect("ListInstanceProfilesForRole", iamXMLAll(must("ListInstanceProfilesForRole", iamParams("RoleName", "app")), "InstanceProfileName"), []string{"web"})
	expect("ListInstanceProfileTags", iamXMLAll(must("ListInstanceProfileTags", iamParams("InstanceProfileName", "web")), "Key"), []string{"k"})
	expect("GetInstanceProfile role", iamXML(must("GetInstanceProfile", iamParams("InstanceProfileName", "web")), "RoleName"), "app")
	must("RemoveRoleFromInstanceProfile", iamParams("InstanceProfileName", "web", "RoleName", "app"))
	must("DeleteInstanceProfile", iamParams("InstanceProfileName", "web"))
	must("DeleteRolePolicy", iamParams("RoleName", "app", "PolicyName", "a"))
	must("DeleteRolePolicy", iamParams("RoleName", "app", "PolicyName", "b"))
	must("DeleteRole", iamParams("RoleName", "app"))

	// Identity providers.
	oidc := iamXML(must("CreateOpenIDConnectProvider", iamParams("Url", "https://token.example.com", "ClientIDList.member.1", "sts.amazonaws.com",
		"ThumbprintList.member.1", strings.Repeat("a", 40))), "OpenIDConnectProviderArn")
	expect("oidc ARN", oidc, a+"oidc-provider/token.example.com")
	must("AddClientIDToOpenIDConnectProvider", iamParams("OpenIDConnectProviderArn", oidc, "ClientID", "app"))
	must("RemoveClientIDFromOpenIDConnectProvider", iamParams("OpenIDConnectProviderArn", oidc, "ClientID", "sts.amazonaws.com"))
	must("UpdateOpenIDConnectProviderThumbprint", iamParams("OpenIDConnectProviderArn", oidc, "ThumbprintList.member.1", strings.Repeat("b", 40)))
	got = must("GetOpenIDConnectProvider", iamParams("OpenIDConnectProviderArn", oidc))
	expect("GetOpenIDConnectProvider", []string{iamXML(got, "Url"), strings.Join(iamXMLAll(got, "member"), ",")}, []string{"token.example.com", "app," + strings.Repeat("b", 40)})
	must("DeleteOpenIDConnectProvider", iamParams("OpenIDConnectProviderArn", oidc))
	metadata := `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/saml"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>` + strings.Repeat(" ", 800)
	saml := iamXML(must("CreateSAMLProvider", iamParams("Name", "corp", "SAMLMetadataDocument", metadata)), "SAMLProviderArn")
	expect("saml ARN", saml, a+"saml-provider/corp")
	must("GetSAMLProvider", iamParams("SAMLProviderArn", saml))
	must("DeleteSAMLProvider", iamParams("SAMLProviderArn", saml))

	// The password policy.
	if status, body := w.call(w.root, "GetAccountPasswordPolicy", nil); iamXML(body, "Code") != "NoSuchEntity" {
		t.Errorf("no password policy: HTTP %d\n%s", status, body)
	}
	must("UpdateAccountPasswordPolicy", iamParams("MinimumPasswordLength", "12", "RequireSymbols", "true", "MaxPasswordAge", "90"))
	got = must("GetAccountPasswordPolicy", nil)
	expect("password policy", []string{iamXML(got, "MinimumPasswordLength"), iamXML(got, "ExpirePasswords"), iamXML(got, "MaxPasswordAge")}, []string{"12", "true", "90"})
	must("DeleteAccountPasswordPolicy", nil)
	must("DeleteUser", iamParams("UserName", "alicia"))
	expect("no users left", iamXMLAll(must("ListUsers", nil), "UserName"), []string(nil))
}
