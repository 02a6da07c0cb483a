package authn

import "strings"

// Tags of the IAM resources that are not principals: customer managed
// policies, instance profiles, virtual MFA devices and OIDC and SAML
// providers. Tag* adds tags or replaces the value of a key matched
// case-insensitively, with the rules of [Account.TagUser] (at most 50 in
// all, LimitExceeded past that; keys of 1 to 128 characters, values of up to
// 256, no aws: prefix, no duplicate key in one request); Untag* removes the
// tags of the keys given, ignoring keys the resource does not have.

// errAWSManagedTags is IAM's answer to tagging an AWS managed policy.
func errAWSManagedTags() error {
	return errInvalidInput("Tags not supported for policies in this domain")
}

// taggablePolicy finds the customer managed policy an ARN names; an AWS
// managed policy cannot be tagged.
func (a *Account) taggablePolicy(acct *account, policyARN string) (*managedPolicy, error) {
	if p, ok := a.d.customerPolicy(acct, policyARN); ok {
		return p, nil
	}
	if strings.HasPrefix(policyARN, "arn:"+a.d.partition+":iam::aws:policy/") {
		if _, ok := awsManagedPolicy(policyARN); ok {
			return nil, errAWSManagedTags()
		}
	}
	return nil, a.d.policyNotFound(policyARN)
}

func policyTags(p *managedPolicy) *[]Tag    { return &p.tags }
func profileTags(p *instanceProfile) *[]Tag { return &p.tags }
func mfaTags(m *mfaDevice) *[]Tag           { return &m.tags }
func oidcTags(p *oidcProvider) *[]Tag       { return &p.tags }
func samlTags(p *samlProvider) *[]Tag       { return &p.tags }
func (a *Account) policyFinder() func(*account, string) (*managedPolicy, error) {
	return func(acct *account, arn string) (*managedPolicy, error) { return a.taggablePolicy(acct, arn) }
}

// TagPolicy adds or replaces tags of a customer managed policy.
func (a *Account) TagPolicy(policyARN string, tags []Tag) error {
	return tagEntity(a, a.policyFinder(), policyARN, tags, "TagsPerPolicy", policyTags)
}

// UntagPolicy removes tags of a customer managed policy by key.
func (a *Account) UntagPolicy(policyARN string, keys []string) error {
	return untagEntity(a, a.policyFinder(), policyARN, keys, policyTags)
}

// TagInstanceProfile adds or replaces tags of an instance profile.
func (a *Account) TagInstanceProfile(name string, tags []Tag) error {
	return tagEntity(a, (*account).profile, name, tags, "TagsPerInstanceProfile", profileTags)
}

// UntagInstanceProfile removes tags of an instance profile by key.
func (a *Account) UntagInstanceProfile(name string, keys []string) error {
	return untagEntity(a, (*account).profile, name, keys, profileTags)
}

// TagMFADevice adds or replaces tags of a virtual MFA device, named by its
// serial number (its ARN).
func (a *Account) TagMFADevice(serial string, tags []Tag) error {
	return tagEntity(a, (*account).mfaDevice, serial, tags, "TagsPerMFADevice", mfaTags)
}

// UntagMFADevice removes tags of a virtual MFA device by key.
func (a *Account) UntagMFADevice(serial string, keys []string) error {
	return untagEntity(a, (*account).mfaDevice, serial, keys, mfaTags)
}

// GetVirtualMFADevice returns a virtual MFA device by serial number,
// without its seed.
func (a *Account) GetVirtualMFADevice(serial string) (VirtualMFADevice, error) {
	return read(a, (*account).mfaDevice, serial, func(_ *account, m *mfaDevice) (VirtualMFADevice, error) {
		return a.mfaView(m, false), nil
	})
}

// TagOpenIDConnectProvider adds or replaces tags of an OIDC provider.
func (a *Account) TagOpenIDConnectProvider(arn string, tags []Tag) error {
	return tagEntity(a, (*account).oidcProvider, arn, tags, "TagsPerOpenIDConnectProvider", oidcTags)
}

// UntagOpenIDConnectProvider removes tags of an OIDC provider by key.
func (a *Account) UntagOpenIDConnectProvider(arn string, keys []string) error {
	return untagEntity(a, (*account).oidcProvider, arn, keys, oidcTags)
}

// TagSAMLProvider adds or replaces tags of a SAML provider.
func (a *Account) TagSAMLProvider(arn string, tags []Tag) error {
	return tagEntity(a, (*account).samlProvider, arn, tags, "TagsPerSAMLProvider", samlTags)
}

// UntagSAMLProvider removes tags of a SAML provider by key.
func (a *Account) UntagSAMLProvider(arn string, keys []string) error {
	return untagEntity(a, (*account).samlProvider, arn, keys, samlTags)
}
