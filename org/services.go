package org

import "slices"

// TrustedService is an AWS service that supports trusted access with
// Organizations (orgs_integrate_services_list: "AWS services that you can
// use with AWS Organizations").
type TrustedService struct {
	// ServicePrincipal is the principal EnableAWSServiceAccess takes.
	ServicePrincipal string
	// Name is the service's name.
	Name string
	// MaxDelegatedAdministrators is how many delegated administrators the
	// service allows; 0 when it supports none (RegisterDelegatedAdministrator
	// then answers InvalidInputException UNRECOGNIZED_SERVICE_PRINCIPAL).
	MaxDelegatedAdministrators int
	// ServiceLinkedRole reports that enabling trusted access creates the
	// service's service-linked role in the management account (through
	// Identities.CreateServiceLinkedRole with ServicePrincipal).
	ServiceLinkedRole bool
}

// trustedServices is the table of services. The delegated administrator
// limits are the ones the services document: CloudTrail allows three,
// CloudFormation StackSets, AWS Health, Trusted Advisor and S3 Storage Lens
// five, AWS Config three for each of its two principals; the others one.
// Inspector Classic (inspector.amazonaws.com) has no trusted access;
// Amazon Inspector (inspector2.amazonaws.com) allows one delegated
// administrator and gets AWSServiceRoleForAmazonInspector2 in the
// management account when trusted access is enabled.
var trustedServices = []TrustedService{
	{"access-analyzer.amazonaws.com", "AWS IAM Access Analyzer", 1, false},
	{"account.amazonaws.com", "AWS Account Management", 1, false},
	{"auditmanager.amazonaws.com", "AWS Audit Manager", 1, false},
	{"aws-artifact-account-sync.amazonaws.com", "AWS Artifact", 0, false},
	{"cloudtrail.amazonaws.com", "AWS CloudTrail", 3, false},
	{"compute-optimizer.amazonaws.com", "AWS Compute Optimizer", 1, false},
	{"config.amazonaws.com", "AWS Config", 3, false},
	{"config-multiaccountsetup.amazonaws.com", "AWS Config (rules and conformance packs)", 3, false},
	{"detective.amazonaws.com", "Amazon Detective", 1, false},
	{"ds.amazonaws.com", "AWS Directory Service", 0, false},
	{"fms.amazonaws.com", "AWS Firewall Manager", 1, false},
	{"guardduty.amazonaws.com", "Amazon GuardDuty", 1, false},
	{"health.amazonaws.com", "AWS Health", 5, false},
	{"inspector2.amazonaws.com", "Amazon Inspector", 1, true},
	{"ipam.amazonaws.com", "Amazon VPC IP Address Manager", 1, false},
	{"license-manager.amazonaws.com", "AWS License Manager", 1, false},
	{"macie.amazonaws.com", "Amazon Macie", 1, false},
	{"member.org.stacksets.cloudformation.amazonaws.com", "AWS CloudFormation StackSets", 5, false},
	{"ram.amazonaws.com", "AWS Resource Access Manager", 0, false},
	{"reporting.trustedadvisor.amazonaws.com", "AWS Trusted Advisor", 5, false},
	{"securityhub.amazonaws.com", "AWS Security Hub", 1, false},
	{"securitylake.amazonaws.com", "Amazon Security Lake", 1, false},
	{"servicequotas.amazonaws.com", "Service Quotas", 0, false},
	{"sso.amazonaws.com", "AWS IAM Identity Center", 1, false},
	{"ssm.amazonaws.com", "AWS Systems Manager", 1, false},
	{"storage-lens.s3.amazonaws.com", "Amazon S3 Storage Lens", 5, false},
	{"tagpolicies.tag.amazonaws.com", "Tag policies", 0, false},
}

var trustedByPrincipal = func() map[string]*TrustedService {
	m := make(map[string]*TrustedService, len(trustedServices))
	for i := range trustedServices {
		m[trustedServices[i].ServicePrincipal] = &trustedServices[i]
	}
	return m
}()

// TrustedServices returns the services that support trusted access, in
// order of service principal.
func TrustedServices() []TrustedService { return slices.Clone(trustedServices) }
