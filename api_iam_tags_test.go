package awsaccess_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/authn"
)

// iamSAMLMetadata is a SAML metadata document of at least 1,000
// characters, as IAM requires, for the issuer given.
func iamSAMLMetadata(issuer, validUntil string) string {
	attr := ""
	if validUntil != "" {
		attr = ` validUntil="` + validUntil + `"`
	}
	return `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"` + attr + ` entityID="` + issuer + `">` +
		`<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
		`<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="` + issuer + `/sso"/>` +
		`</md:IDPSSODescriptor></md:EntityDescriptor><!--` + strings.Repeat("-", 1000-len(issuer)) + `-->`
}

// iamTagParams is Tags.member.N.Key/Value for key, value pairs.
func iamTagParams(v url.Values, kv ...string) url.Values {
	for i := 0; i+1 < len(kv); i += 2 {
		n := fmt.Sprint(i/2 + 1)
		v.Set("Tags.member."+n+".Key", kv[i])
		v.Set("Tags.member."+n+".Value", kv[i+1])
	}
	return v
}

func TestIAMGoldenTags(t *testing.T) {
	w := newIAMWorld(t)
	const root = "root user of 111111111111"
	const a = "arn:aws:iam::111111111111:"

	// Customer managed policies; AWS managed ones cannot be tagged.
	w.golden("CreatePolicy-tags", root, w.root, "CreatePolicy", iamTagParams(iamParams("PolicyName", "ReadS3", "PolicyDocument", iamReadS3), "team", "blue"))
	policy := a + "policy/ReadS3"
	w.golden("TagPolicy", root, w.root, "TagPolicy", iamTagParams(iamParams("PolicyArn", policy), "Team", "red", "env", "prod"))
	w.golden("ListPolicyTags", root, w.root, "ListPolicyTags", iamParams("PolicyArn", policy))
	w.golden("UntagPolicy", root, w.root, "UntagPolicy", iamParams("PolicyArn", policy, "TagKeys.member.1", "ENV"))
	w.golden("TagPolicy-aws-managed", root, w.root, "TagPolicy", iamTagParams(iamParams("PolicyArn", iamReadOnlyARN), "team", "blue"))

	// Instance profiles: tags in Create and Get, not in List; 50 at most.
	w.golden("CreateInstanceProfile-tags", root, w.root, "CreateInstanceProfile", iamTagParams(iamParams("InstanceProfileName", "web"), "team", "blue"))
	w.golden("TagInstanceProfile", root, w.root, "TagInstanceProfile", iamTagParams(iamParams("InstanceProfileName", "web"), "env", "prod"))
	w.golden("ListInstanceProfileTags", root, w.root, "ListInstanceProfileTags", iamParams("InstanceProfileName", "web", "MaxItems", "1"))
	w.golden("ListInstanceProfiles-no-tags", root, w.root, "ListInstanceProfiles", nil)
	w.golden("UntagInstanceProfile", root, w.root, "UntagInstanceProfile", iamParams("InstanceProfileName", "web", "TagKeys.member.1", "team"))
	many := iamParams("InstanceProfileName", "web")
	for i := range 50 {
		many.Set(fmt.Sprintf("Tags.member.%d.Key", i+1), fmt.Sprintf("k%02d", i))
		many.Set(fmt.Sprintf("Tags.member.%d.Value", i+1), "v")
	}
	w.golden("TagInstanceProfile-LimitExceeded", root, w.root, "TagInstanceProfile", many)

	// Virtual MFA devices.
	_, body := w.golden("CreateVirtualMFADevice-tags", root, w.root, "CreateVirtualMFADevice", iamTagParams(iamParams("VirtualMFADeviceName", "phone"), "owner", "alice"))
	serial := iamXML(body, "SerialNumber")
	w.golden("TagMFADevice", root, w.root, "TagMFADevice", iamTagParams(iamParams("SerialNumber", serial), "kind", "virtual"))
	w.golden("ListMFADeviceTags", root, w.root, "ListMFADeviceTags", iamParams("SerialNumber", serial))
	w.golden("UntagMFADevice", root, w.root, "UntagMFADevice", iamParams("SerialNumber", serial, "TagKeys.member.1", "owner"))
	w.golden("TagMFADevice-NoSuchEntity", root, w.root, "TagMFADevice", iamTagParams(iamParams("SerialNumber", a+"mfa/nothing"), "kind", "virtual"))

	// OIDC providers.
	_, body = w.golden("CreateOpenIDConnectProvider-tags", root, w.root, "CreateOpenIDConnectProvider", iamTagParams(iamParams("Url", "https://token.example.com",
		"ClientIDList.member.1", "sts.amazonaws.com"), "team", "blue"))
	oidc := iamXML(body, "OpenIDConnectProviderArn")
	w.golden("TagOpenIDConnectProvider-duplicate-keys", root, w.root, "TagOpenIDConnectProvider", iamTagParams(iamParams("OpenIDConnectProviderArn", oidc), "env", "a", "ENV", "b"))
	w.golden("TagOpenIDConnectProvider", root, w.root, "TagOpenIDConnectProvider", iamTagParams(iamParams("OpenIDConnectProviderArn", oidc), "env", "prod"))
	w.golden("ListOpenIDConnectProviderTags", root, w.root, "ListOpenIDConnectProviderTags", iamParams("OpenIDConnectProviderArn", oidc))
	w.golden("UntagOpenIDConnectProvider", root, w.root, "UntagOpenIDConnectProvider", iamParams("OpenIDConnectProviderArn", oidc, "TagKeys.member.1", "team"))

	// SAML providers and UpdateSAMLProvider.
	_, body = w.golden("CreateSAMLProvider-tags", root, w.root, "CreateSAMLProvider", iamTagParams(iamParams("Name", "corp",
		"SAMLMetadataDocument", iamSAMLMetadata("https://idp.example.com/saml", "")), "team", "blue"))
	saml := iamXML(body, "SAMLProviderArn")
	w.golden("TagSAMLProvider-aws-prefix", root, w.root, "TagSAMLProvider", iamTagParams(iamParams("SAMLProviderArn", saml), "aws:team", "blue"))
	w.golden("TagSAMLProvider", root, w.root, "TagSAMLProvider", iamTagParams(iamParams("SAMLProviderArn", saml), "env", "prod"))
	w.golden("ListSAMLProviderTags", root, w.root, "ListSAMLProviderTags", iamParams("SAMLProviderArn", saml))
	w.golden("UntagSAMLProvider", root, w.root, "UntagSAMLProvider", iamParams("SAMLProviderArn", saml, "TagKeys.member.1", "env"))
	w.golden("UpdateSAMLProvider", root, w.root, "UpdateSAMLProvider", iamParams("SAMLProviderArn", saml,
		"SAMLMetadataDocument", iamSAMLMetadata("https://idp2.example.com/saml", "2030-01-01T00:00:00Z")))
	w.golden("GetSAMLProvider", root, w.root, "GetSAMLProvider", iamParams("SAMLProviderArn", saml))
	w.golden("ListSAMLProviders", root, w.root, "ListSAMLProviders", nil)
	w.golden("UpdateSAMLProvider-bad-metadata", root, w.root, "UpdateSAMLProvider", iamParams("SAMLProviderArn", saml, "SAMLMetadataDocument", strings.Repeat("x", 1000)))
	w.golden("UpdateSAMLProvider-NoSuchEntity", root, w.root, "UpdateSAMLProvider", iamParams("SAMLProviderArn", a+"saml-provider/other",
		"SAMLMetadataDocument", iamSAMLMetadata("https://idp2.example.com/saml", "")))

	// Denied with AWS's wording.
	bob := w.user("bob", "ReadS3", iamReadS3)
	w.golden("TagPolicy-AccessDenied", "IAM user bob (may only read S3)", bob, "TagPolicy", iamTagParams(iamParams("PolicyArn", policy), "x", "y"))
	w.golden("UpdateSAMLProvider-AccessDenied", "IAM user bob (may only read S3)", bob, "UpdateSAMLProvider", iamParams("SAMLProviderArn", saml,
		"SAMLMetadataDocument", iamSAMLMetadata("https://idp3.example.com/saml", "")))
}

// TestIAMTagOperationsAuthorization checks the action and resource of
// every new operation, and each condition key they set.
func TestIAMTagOperationsAuthorization(t *testing.T) {
	w := newIAMWorld(t)
	acct := w.account()
	const a = "arn:aws:iam::111111111111:"
	prod := []authn.Tag{{Key: "env", Value: "prod"}}
	pol, err := acct.CreatePolicy(authn.CreatePolicyInput{PolicyName: "P", Path: "/p/", PolicyDocument: iamReadS3, Tags: prod})
	if err != nil {
		t.Fatal(err)
	}
	dev, err := acct.CreateVirtualMFADevice("/m/", "phone", prod...)
	if err != nil {
		t.Fatal(err)
	}
	oidc, err := acct.CreateOpenIDConnectProvider("https://token.example.com", []string{"sts.amazonaws.com"}, nil, prod)
	if err != nil {
		t.Fatal(err)
	}
	saml, err := acct.CreateSAMLProvider("corp", iamSAMLMetadata("https://idp.example.com/saml", ""), prod)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"web", "dev"} {
		tags := prod
		if name == "dev" {
			tags = []authn.Tag{{Key: "env", Value: "dev"}}
		}
		if _, err := acct.CreateInstanceProfile("/ip/", name, tags); err != nil {
			t.Fatal(err)
		}
	}

	tagged := func(v url.Values) url.Values { return iamTagParams(v, "team", "blue") }
	untag := func(v url.Values) url.Values { v.Set("TagKeys.member.1", "team"); return v }
	meta := iamSAMLMetadata("https://idp.example.com/saml", "")
	table := []struct {
		action   string
		params   url.Values
		resource string
	}{
		{"TagPolicy", tagged(iamParams("PolicyArn", pol.ARN)), pol.ARN},
		{"UntagPolicy", untag(iamParams("PolicyArn", pol.ARN)), pol.ARN},
		{"ListPolicyTags", iamParams("PolicyArn", pol.ARN), pol.ARN},
		{"TagInstanceProfile", tagged(iamParams("InstanceProfileName", "web")), a + "instance-profile/ip/web"},
		{"UntagInstanceProfile", untag(iamParams("InstanceProfileName", "web")), a + "instance-profile/ip/web"},
		{"ListInstanceProfileTags", iamParams("InstanceProfileName", "web"), a + "instance-profile/ip/web"},
		{"TagMFADevice", tagged(iamParams("SerialNumber", dev.SerialNumber)), a + "mfa/m/phone"},
		{"UntagMFADevice", untag(iamParams("SerialNumber", dev.SerialNumber)), a + "mfa/m/phone"},
		{"ListMFADeviceTags", iamParams("SerialNumber", dev.SerialNumber), a + "mfa/m/phone"},
		{"TagOpenIDConnectProvider", tagged(iamParams("OpenIDConnectProviderArn", oidc.ARN)), a + "oidc-provider/token.example.com"},
		{"UntagOpenIDConnectProvider", untag(iamParams("OpenIDConnectProviderArn", oidc.ARN)), a + "oidc-provider/token.example.com"},
		{"ListOpenIDConnectProviderTags", iamParams("OpenIDConnectProviderArn", oidc.ARN), a + "oidc-provider/token.example.com"},
		{"TagSAMLProvider", tagged(iamParams("SAMLProviderArn", saml.ARN)), a + "saml-provider/corp"},
		{"UntagSAMLProvider", untag(iamParams("SAMLProviderArn", saml.ARN)), a + "saml-provider/corp"},
		{"ListSAMLProviderTags", iamParams("SAMLProviderArn", saml.ARN), a + "saml-provider/corp"},
		{"UpdateSAMLProvider", iamParams("SAMLProviderArn", saml.ARN, "SAMLMetadataDocument", meta), a + "saml-provider/corp"},
	}
	for _, tt := range table {
		t.Run("resource of "+tt.action, func(t *testing.T) {
			w.mustCall(w.root, tt.action, tt.params)
			if diff := cmp.Diff([]iamCheck{{"iam:" + tt.action, tt.resource}}, w.lastChecks()); diff != "" {
				t.Errorf("authorised (-want +got):\n%s", diff)
			}
		})
	}

	// A user allowed every operation on resources tagged env=prod, tagging
	// only with team=blue, and never removing the key "owner".
	admin := w.user("admin", "conditional", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":["iam:Tag*","iam:Untag*","iam:List*Tags","iam:UpdateSAMLProvider","iam:GetInstanceProfile","iam:DeleteVirtualMFADevice"],"Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/env":"prod"}}},
		{"Effect":"Deny","Action":"iam:Tag*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestTag/team":"blue"}}},
		{"Effect":"Deny","Action":"iam:Untag*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":"owner"}}},
		{"Effect":"Allow","Action":["iam:CreateVirtualMFADevice","iam:CreatePolicy","iam:CreateInstanceProfile","iam:CreateOpenIDConnectProvider","iam:CreateSAMLProvider"],"Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team"]},"Null":{"aws:TagKeys":"false"}}}]}`)
	tests := []iamDecisionCase{
		{"resource tag matches", "ListInstanceProfileTags", iamParams("InstanceProfileName", "web"), 200, ""},
		{"resource tag differs", "ListInstanceProfileTags", iamParams("InstanceProfileName", "dev"), 403, "iam:ListInstanceProfileTags"},
		{"request tag allowed", "TagPolicy", tagged(iamParams("PolicyArn", pol.ARN)), 200, ""},
		{"request tag refused", "TagPolicy", iamTagParams(iamParams("PolicyArn", pol.ARN), "team", "red"), 403, "iam:TagPolicy"},
		{"tag keys allowed", "UntagMFADevice", untag(iamParams("SerialNumber", dev.SerialNumber)), 200, ""},
		{"tag keys refused", "UntagMFADevice", iamParams("SerialNumber", dev.SerialNumber, "TagKeys.member.1", "owner"), 403, "iam:UntagMFADevice"},
		{"saml provider's tag", "UpdateSAMLProvider", iamParams("SAMLProviderArn", saml.ARN, "SAMLMetadataDocument", meta), 200, ""},
		{"oidc provider's tag", "TagOpenIDConnectProvider", tagged(iamParams("OpenIDConnectProviderArn", oidc.ARN)), 200, ""},
		{"create with allowed tag keys", "CreateVirtualMFADevice", tagged(iamParams("VirtualMFADeviceName", "token")), 200, ""},
		{"create with other tag keys", "CreateVirtualMFADevice", iamTagParams(iamParams("VirtualMFADeviceName", "token2"), "owner", "x"), 403, "iam:CreateVirtualMFADevice"},
		{"create without tags", "CreateVirtualMFADevice", iamParams("VirtualMFADeviceName", "token3"), 403, "iam:CreateVirtualMFADevice"},
		{"delete a device tagged otherwise", "DeleteVirtualMFADevice", iamParams("SerialNumber", a+"mfa/token"), 403, "iam:DeleteVirtualMFADevice"},
	}
	w.expectDecisions(t, admin, "user/admin", tests)
	if tags, err := acct.GetPolicy(pol.ARN); err != nil || len(tags.Tags) != 2 {
		t.Errorf("policy tags after one allowed and one denied TagPolicy = %v, %v", tags.Tags, err)
	}
}
