package awsaccess

import (
	"net/http"

	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

// The tag operations of the IAM resources (users, roles, customer managed
// policies, instance profiles, virtual MFA devices, OIDC and SAML
// providers) and UpdateSAMLProvider. authn checks the tags: at
// most 50 per resource (LimitExceeded), IAM's key and value rules
// (ValidationError), no aws: prefix and no key twice, case-insensitively
// (InvalidInput).

// iamTagOps serves TagX, UntagX and ListXTags of one kind of resource
// named by the input member.
type iamTagOps struct {
	member string
	tag    func(*authn.Account, string, []authn.Tag) error
	untag  func(*authn.Account, string, []string) error
	get    func(*authn.Account, string) ([]authn.Tag, error)
}

var (
	iamUserTags = iamTagOps{"UserName", (*authn.Account).TagUser, (*authn.Account).UntagUser,
		func(a *authn.Account, name string) ([]authn.Tag, error) {
			u, err := a.GetUser(name)
			return u.Tags, err
		}}
	iamRoleTags = iamTagOps{"RoleName", (*authn.Account).TagRole, (*authn.Account).UntagRole,
		func(a *authn.Account, name string) ([]authn.Tag, error) {
			r, err := a.GetRole(name)
			return r.Tags, err
		}}
	iamPolicyTags = iamTagOps{"PolicyArn", (*authn.Account).TagPolicy, (*authn.Account).UntagPolicy,
		func(a *authn.Account, arn string) ([]authn.Tag, error) {
			p, err := a.GetPolicy(arn)
			return p.Tags, err
		}}
	iamProfileTags = iamTagOps{"InstanceProfileName", (*authn.Account).TagInstanceProfile, (*authn.Account).UntagInstanceProfile,
		func(a *authn.Account, name string) ([]authn.Tag, error) {
			p, err := a.GetInstanceProfile(name)
			return p.Tags, err
		}}
	iamMFATags = iamTagOps{"SerialNumber", (*authn.Account).TagMFADevice, (*authn.Account).UntagMFADevice,
		func(a *authn.Account, serial string) ([]authn.Tag, error) {
			d, err := a.GetVirtualMFADevice(serial)
			return d.Tags, err
		}}
	iamOIDCTags = iamTagOps{"OpenIDConnectProviderArn", (*authn.Account).TagOpenIDConnectProvider, (*authn.Account).UntagOpenIDConnectProvider,
		func(a *authn.Account, arn string) ([]authn.Tag, error) {
			p, err := a.GetOpenIDConnectProvider(arn)
			return p.Tags, err
		}}
	iamSAMLTags = iamTagOps{"SAMLProviderArn", (*authn.Account).TagSAMLProvider, (*authn.Account).UntagSAMLProvider,
		func(a *authn.Account, arn string) ([]authn.Tag, error) {
			p, err := a.GetSAMLProvider(arn)
			return p.Tags, err
		}}
)

func (o iamTagOps) tagOp(x *iamCall) (any, error) {
	return noOutput(o.tag(x.acct, inString(x.in, o.member), inTags(x.in, "Tags")))
}

func (o iamTagOps) untagOp(x *iamCall) (any, error) {
	return noOutput(o.untag(x.acct, inString(x.in, o.member), inStrings(x.in, "TagKeys")))
}

func (o iamTagOps) listOp(x *iamCall) (any, error) {
	tags, err := o.get(x.acct, inString(x.in, o.member))
	if err != nil {
		return nil, err
	}
	return tagPage(x, tags)
}

// iamUpdateSAMLProvider replaces a provider's metadata document. The
// model keeps no private keys for SAML assertion encryption, so a request
// that sets AssertionEncryptionMode, AddPrivateKey or RemovePrivateKey is
// refused.
func iamUpdateSAMLProvider(x *iamCall) (any, error) {
	for _, m := range []string{"AssertionEncryptionMode", "AddPrivateKey", "RemovePrivateKey"} {
		if inString(x.in, m) != "" {
			return nil, &wire.Error{Code: "InvalidInput", Message: "awsaccess does not model SAML assertion encryption: " + m + " is not supported.", Status: http.StatusBadRequest}
		}
	}
	p, err := x.acct.UpdateSAMLProvider(inString(x.in, "SAMLProviderArn"), inString(x.in, "SAMLMetadataDocument"))
	if err != nil {
		return nil, err
	}
	return struct{ SAMLProviderArn string }{p.ARN}, nil
}
