package managed

import "slices"

// ServiceLinkedRole describes a service-linked role: a role a service
// creates in an account, that only the service may assume, whose
// permissions are one AWS managed policy and that SCPs and RCPs do not
// restrict.
type ServiceLinkedRole struct {
	// RoleName is the role's name, e.g. "AWSServiceRoleForAmazonInspector2".
	RoleName string
	// ServicePrincipal is the service that alone may assume the role and
	// whose name iam:CreateServiceLinkedRole takes as AWSServiceName, e.g.
	// "inspector2.amazonaws.com".
	ServicePrincipal string
	// Path is the role's path, "/aws-service-role/{ServicePrincipal}/": the
	// role's ARN is arn:aws:iam::{account}:role{Path}{RoleName}.
	Path string
	// PolicyName is the name of the role's managed policy in this
	// catalogue (its path is "/aws-service-role/").
	PolicyName string
	// Description says what the role lets the service do, after the
	// service's documentation.
	Description string
}

// serviceLinkedRoles is ordered by role name.
var serviceLinkedRoles = [...]ServiceLinkedRole{
	{
		RoleName:         "AWSServiceRoleForAmazonInspector",
		ServicePrincipal: "inspector.amazonaws.com",
		Path:             "/aws-service-role/inspector.amazonaws.com/",
		PolicyName:       "AmazonInspectorServiceRolePolicy",
		Description:      "Lets Amazon Inspector Classic describe EC2 instances and the network configuration around them for assessment runs.",
	},
	{
		RoleName:         "AWSServiceRoleForAmazonInspector2",
		ServicePrincipal: "inspector2.amazonaws.com",
		Path:             "/aws-service-role/inspector2.amazonaws.com/",
		PolicyName:       "AmazonInspector2ServiceRolePolicy",
		Description:      "Lets Amazon Inspector read EC2 instances, ECR images and Lambda functions, run SSM inventory associations and describe the organization to scan resources for vulnerabilities.",
	},
	{
		RoleName:         "AWSServiceRoleForAmazonInspector2Agentless",
		ServicePrincipal: "agentless.inspector2.amazonaws.com",
		Path:             "/aws-service-role/agentless.inspector2.amazonaws.com/",
		PolicyName:       "AmazonInspector2AgentlessServiceRolePolicy",
		Description:      "Lets Amazon Inspector snapshot EBS volumes of EC2 instances and read the snapshots for agentless scans, except instances and keys tagged InspectorEc2Exclusion.",
	},
	{
		RoleName:         "AWSServiceRoleForOrganizations",
		ServicePrincipal: "organizations.amazonaws.com",
		Path:             "/aws-service-role/organizations.amazonaws.com/",
		PolicyName:       "AWSOrganizationsServiceTrustPolicy",
		Description:      "Lets AWS Organizations create the service-linked roles of the services it trusts; Organizations creates it in every member account it creates or that joins the organization.",
	},
}

// ServiceLinkedRoles returns the service-linked roles of the modelled
// services, ordered by role name.
func ServiceLinkedRoles() []ServiceLinkedRole {
	return slices.Clone(serviceLinkedRoles[:])
}

// ServiceLinkedRoleFor returns the service-linked role assumed by the
// given service principal, e.g. "inspector2.amazonaws.com". Principals
// match exactly.
func ServiceLinkedRoleFor(servicePrincipal string) (ServiceLinkedRole, bool) {
	for _, r := range serviceLinkedRoles {
		if r.ServicePrincipal == servicePrincipal {
			return r, true
		}
	}
	return ServiceLinkedRole{}, false
}

// Policy returns the role's managed policy.
func (r ServiceLinkedRole) Policy() (*Policy, bool) { return Get(r.PolicyName) }

// TrustPolicy returns the role's trust policy as IAM writes it when the
// service creates the role: only ServicePrincipal may call sts:AssumeRole.
func (r ServiceLinkedRole) TrustPolicy() string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"` +
		r.ServicePrincipal + `"},"Action":"sts:AssumeRole"}]}`
}
