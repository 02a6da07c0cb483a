package authn

import (
	"slices"
	"strings"
)

// ListInstanceProfiles lists the instance profiles whose path begins with
// pathPrefix ("" for all), sorted by name.
func (a *Account) ListInstanceProfiles(pathPrefix string) ([]InstanceProfile, error) {
	return listByPath(a, pathPrefix, func(acct *account) map[string]*instanceProfile { return acct.profiles },
		func(p *instanceProfile) string { return p.path }, a.d.profileView, func(x InstanceProfile) string { return x.InstanceProfileName })
}

// ListOpenIDConnectProviders lists the account's OIDC providers, sorted by
// ARN.
func (a *Account) ListOpenIDConnectProviders() ([]OpenIDConnectProvider, error) {
	acct, err := a.rlock()
	if err != nil {
		return nil, err
	}
	defer a.runlock()
	out := make([]OpenIDConnectProvider, 0, len(acct.oidc))
	for _, p := range acct.oidc {
		out = append(out, p.view())
	}
	slices.SortFunc(out, func(x, y OpenIDConnectProvider) int { return strings.Compare(x.ARN, y.ARN) })
	return out, nil
}

// ListSAMLProviders lists the account's SAML providers, sorted by ARN.
func (a *Account) ListSAMLProviders() ([]SAMLProvider, error) {
	acct, err := a.rlock()
	if err != nil {
		return nil, err
	}
	defer a.runlock()
	out := make([]SAMLProvider, 0, len(acct.saml))
	for _, p := range acct.saml {
		out = append(out, p.view())
	}
	slices.SortFunc(out, func(x, y SAMLProvider) int { return strings.Compare(x.ARN, y.ARN) })
	return out, nil
}

// AssignmentStatus selects the virtual MFA devices ListVirtualMFADevices
// returns.
type AssignmentStatus string

// The values of AssignmentStatus; "" means AssignmentAny.
const (
	AssignmentAssigned   AssignmentStatus = "Assigned"
	AssignmentUnassigned AssignmentStatus = "Unassigned"
	AssignmentAny        AssignmentStatus = "Any"
)

// ListVirtualMFADevices lists the account's virtual MFA devices that are
// assigned (to a user or the root user), unassigned, or any ("" is Any),
// sorted by serial number. Seeds are never returned.
func (a *Account) ListVirtualMFADevices(status AssignmentStatus) ([]VirtualMFADevice, error) {
	switch status {
	case "":
		status = AssignmentAny
	case AssignmentAssigned, AssignmentUnassigned, AssignmentAny:
	default:
		return nil, errValidation(string(status), "assignmentStatus", "satisfy enum value set: [Unassigned, Any, Assigned]")
	}
	acct, err := a.rlock()
	if err != nil {
		return nil, err
	}
	defer a.runlock()
	out := make([]VirtualMFADevice, 0, len(acct.mfa))
	for _, m := range acct.mfa {
		if status == AssignmentAny || m.assigned() == (status == AssignmentAssigned) {
			out = append(out, a.mfaView(m, false))
		}
	}
	slices.SortFunc(out, func(x, y VirtualMFADevice) int { return strings.Compare(x.SerialNumber, y.SerialNumber) })
	return out, nil
}

// IAM's documented default quotas that GetAccountSummary reports and the
// model does not otherwise enforce.
const (
	MaxServerCertificatesPerAccount = 20
	MaxSigningCertificatesPerUser   = 2
	MaxManagedPolicyBytes           = 6144
	MaxAssumeRolePolicyBytes        = 2048
	MaxPolicyVersionsInUse          = 10000
)

// GetAccountSummary returns IAM's account summary: the counts of the
// account's entities and IAM's quotas, keyed as AWS's SummaryMap is
// (SummaryKeyType). The model has no server or signing certificates, so
// their counts are 0; GlobalEndpointTokenVersion is 1.
func (a *Account) GetAccountSummary() (map[string]int, error) {
	acct, err := a.rlock()
	if err != nil {
		return nil, err
	}
	defer a.runlock()
	inUse := 0
	for _, m := range acct.mfa {
		if m.assigned() {
			inUse++
		}
	}
	versionsInUse := 0
	for _, u := range acct.users {
		versionsInUse += len(u.attached)
	}
	for _, g := range acct.groups {
		versionsInUse += len(g.attached)
	}
	for _, r := range acct.roles {
		versionsInUse += len(r.attached)
	}
	b := func(v bool) int {
		if v {
			return 1
		}
		return 0
	}
	return map[string]int{
		"Users":                             len(acct.users),
		"UsersQuota":                        MaxUsersPerAccount,
		"Groups":                            len(acct.groups),
		"GroupsQuota":                       MaxGroupsPerAccount,
		"Roles":                             len(acct.roles),
		"RolesQuota":                        MaxRolesPerAccount,
		"InstanceProfiles":                  len(acct.profiles),
		"InstanceProfilesQuota":             MaxProfilesPerAccount,
		"Policies":                          len(acct.policies),
		"PoliciesQuota":                     MaxPoliciesPerAccount,
		"PolicySizeQuota":                   MaxManagedPolicyBytes,
		"PolicyVersionsInUse":               versionsInUse,
		"PolicyVersionsInUseQuota":          MaxPolicyVersionsInUse,
		"VersionsPerPolicyQuota":            MaxPolicyVersions,
		"UserPolicySizeQuota":               MaxInlineUserPolicyBytes,
		"GroupPolicySizeQuota":              MaxInlineGroupPolicyBytes,
		"RolePolicySizeQuota":               MaxInlineRolePolicyBytes,
		"AssumeRolePolicySizeQuota":         MaxAssumeRolePolicyBytes,
		"GroupsPerUserQuota":                MaxGroupsPerUser,
		"AttachedPoliciesPerUserQuota":      MaxManagedPoliciesPerEntity,
		"AttachedPoliciesPerGroupQuota":     MaxManagedPoliciesPerEntity,
		"AttachedPoliciesPerRoleQuota":      MaxManagedPoliciesPerEntity,
		"AccessKeysPerUserQuota":            MaxAccessKeysPerUser,
		"SigningCertificatesPerUserQuota":   MaxSigningCertificatesPerUser,
		"ServerCertificates":                0,
		"ServerCertificatesQuota":           MaxServerCertificatesPerAccount,
		"MFADevices":                        len(acct.mfa),
		"MFADevicesInUse":                   inUse,
		"AccountMFAEnabled":                 b(len(acct.root.mfa) > 0),
		"AccountAccessKeysPresent":          b(len(acct.root.keys) > 0),
		"AccountPasswordPresent":            b(acct.root.password != nil),
		"AccountSigningCertificatesPresent": 0,
		"Providers":                         len(acct.oidc) + len(acct.saml),
		"GlobalEndpointTokenVersion":        1,
	}, nil
}
