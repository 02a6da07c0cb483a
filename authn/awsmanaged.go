package authn

import (
	"strings"

	"github.com/seed-e2e06c4d/awsaccess/authn/managed"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// awsPolicy is an AWS managed policy from the catalogue of package
// managed.
type awsPolicy struct {
	name, path, description, version string
	parsed                           *authz.Policy
}

// awsManagedPolicy looks an arn:<partition>:iam::aws:policy/... ARN up in
// the catalogue of AWS managed policies (which is the same in every
// partition).
func awsManagedPolicy(policyARN string) (awsPolicy, bool) {
	rest, ok := strings.CutPrefix(policyARN, "arn:")
	if !ok {
		return awsPolicy{}, false
	}
	_, rest, ok = strings.Cut(rest, ":")
	if !ok {
		return awsPolicy{}, false
	}
	p, ok := managed.ByARN("arn:aws:" + rest)
	if !ok {
		return awsPolicy{}, false
	}
	return awsPolicy{name: p.Name, path: p.Path, description: p.Description, version: p.VersionID, parsed: p.Parsed}, true
}

// serviceLinkedRole returns the role name and managed policy name of a
// service's service-linked role: from the catalogue for the modelled
// services, else from a table of other well-known services.
func serviceLinkedRole(servicePrincipal string) (roleName, policyName string, ok bool) {
	if r, ok := managed.ServiceLinkedRoleFor(servicePrincipal); ok {
		return r.RoleName, r.PolicyName, true
	}
	if k, ok := knownServiceRoles[servicePrincipal]; ok {
		return k.role, k.policy, true
	}
	return "", "", false
}
