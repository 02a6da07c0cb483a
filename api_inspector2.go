package awsaccess

import (
	"errors"

	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

// inspector2Ops serves Amazon Inspector (inspector2, REST-JSON: the path
// of each operation is the model's, every one a POST). Package inspector
// authorizes every call itself through the Cloud, in the region of the
// request's SigV4 scope, after validating the input: the IAM checks below,
// then Inspector's own rules (who: mgmt = the organization's management
// account; admin = the organization's Inspector delegated administrator;
// self = any account for itself, the delegated administrator also for its
// associated members).
//
//	Operation                          Action                                       Resource     Keys                          Who
//	Enable                             inspector2:Enable                            *            -                             self ³
//	Disable                            inspector2:Disable                           *            -                             self (not an associated member)
//	BatchGetAccountStatus              inspector2:BatchGetAccountStatus             *            -                             self
//	EnableDelegatedAdminAccount        inspector2:EnableDelegatedAdminAccount       *            -                             mgmt ¹
//	DisableDelegatedAdminAccount       inspector2:DisableDelegatedAdminAccount      *            -                             mgmt ²
//	GetDelegatedAdminAccount           inspector2:GetDelegatedAdminAccount          *            -                             any account of the organization
//	ListDelegatedAdminAccounts         inspector2:ListDelegatedAdminAccounts        *            -                             mgmt
//	AssociateMember                    inspector2:AssociateMember                   *            -                             admin
//	DisassociateMember                 inspector2:DisassociateMember                *            -                             admin
//	GetMember                          inspector2:GetMember                         *            -                             admin, or the member itself
//	ListMembers                        inspector2:ListMembers                       *            -                             admin
//	UpdateOrganizationConfiguration    inspector2:UpdateOrganizationConfiguration   *            -                             admin
//	DescribeOrganizationConfiguration  inspector2:DescribeOrganizationConfiguration *            -                             admin
//	ListAccountPermissions             inspector2:ListAccountPermissions            *            -                             self
//	ListFindings                       inspector2:ListFindings                      *            -                             self
//	ListFindingAggregations            inspector2:ListFindingAggregations           *            -                             self
//	ListCoverage                       inspector2:ListCoverage                      *            -                             self
//	ListCoverageStatistics             inspector2:ListCoverageStatistics            *            -                             self
//	ListUsageTotals                    inspector2:ListUsageTotals                   *            -                             self
//	CreateFilter                       inspector2:CreateFilter                      filter ARN   aws:RequestTag/*, aws:TagKeys self (an associated member: no SUPPRESS rule)
//	UpdateFilter                       inspector2:UpdateFilter                      filter ARN   aws:ResourceTag/*             the filter's manager
//	DeleteFilter                       inspector2:DeleteFilter                      filter ARN   aws:ResourceTag/*             the filter's manager
//	ListFilters                        inspector2:ListFilters                       *            -                             self
//
// The filter ARN is arn:aws:inspector2:REGION:CREATOR:owner/OWNER/filter/ID:
// OWNER is the creating account, or the organization's id for the filters
// of its delegated administrator, who manages them (associated members may
// not touch them, nor any suppression rule).
// ¹ EnableDelegatedAdminAccount also needs
// organizations:EnableAWSServiceAccess on * and
// organizations:RegisterDelegatedAdministrator on the target's account ARN
// (both with organizations:ServicePrincipal inspector2.amazonaws.com), and
// iam:CreateServiceLinkedRole on
// arn:aws:iam::MGMT:role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2
// (iam:AWSServiceName inspector2.amazonaws.com); it enables trusted access
// and registers the delegated administrator through Organizations with the
// caller, whose own Organizations checks then apply.
// ² DisableDelegatedAdminAccount also needs
// organizations:DeregisterDelegatedAdministrator on the account ARN.
// ³ Enable that activates Inspector in the caller's own account also needs
// iam:CreateServiceLinkedRole on the caller's
// AWSServiceRoleForAmazonInspector2 (iam:AWSServiceName
// inspector2.amazonaws.com); the role is created in every account Inspector
// is activated in.
//
// Errors keep inspector's codes, messages and statuses (AccessDeniedException
// 403 with "message"); ValidationException carries reason and fields,
// ConflictException resourceId and resourceType,
// ServiceQuotaExceededException resourceId, and ThrottlingException and
// InternalServerException Retry-After when known. A document the model
// accepts always binds to inspector's types; a failure to bind is a defect
// of the front end and answers InternalServerException.
var inspector2Ops = map[string]opFunc{
	"Enable":                            inspector2Op((*inspector.Service).Enable),
	"Disable":                           inspector2Op((*inspector.Service).Disable),
	"BatchGetAccountStatus":             inspector2Op((*inspector.Service).BatchGetAccountStatus),
	"EnableDelegatedAdminAccount":       inspector2Op((*inspector.Service).EnableDelegatedAdminAccount),
	"DisableDelegatedAdminAccount":      inspector2Op((*inspector.Service).DisableDelegatedAdminAccount),
	"GetDelegatedAdminAccount":          inspector2OpNoInput((*inspector.Service).GetDelegatedAdminAccount),
	"ListDelegatedAdminAccounts":        inspector2Op((*inspector.Service).ListDelegatedAdminAccounts),
	"AssociateMember":                   inspector2Op((*inspector.Service).AssociateMember),
	"DisassociateMember":                inspector2Op((*inspector.Service).DisassociateMember),
	"GetMember":                         inspector2Op((*inspector.Service).GetMember),
	"ListMembers":                       inspector2Op((*inspector.Service).ListMembers),
	"UpdateOrganizationConfiguration":   inspector2Op((*inspector.Service).UpdateOrganizationConfiguration),
	"DescribeOrganizationConfiguration": inspector2OpNoInput((*inspector.Service).DescribeOrganizationConfiguration),
	"ListAccountPermissions":            inspector2Op((*inspector.Service).ListAccountPermissions),
	"ListFindings":                      inspector2Op((*inspector.Service).ListFindings),
	"ListFindingAggregations":           inspector2Op((*inspector.Service).ListFindingAggregations),
	"ListCoverage":                      inspector2Op((*inspector.Service).ListCoverage),
	"ListCoverageStatistics":            inspector2Op((*inspector.Service).ListCoverageStatistics),
	"ListUsageTotals":                   inspector2Op((*inspector.Service).ListUsageTotals),
	"CreateFilter":                      inspector2Op((*inspector.Service).CreateFilter),
	"UpdateFilter":                      inspector2Op((*inspector.Service).UpdateFilter),
	"DeleteFilter":                      inspector2Op((*inspector.Service).DeleteFilter),
	"ListFilters":                       inspector2Op((*inspector.Service).ListFilters),
}

// inspector2Op serves an operation that takes a request and returns a
// response.
func inspector2Op[In, Out any](f func(*inspector.Service, *authz.Principal, string, *In) (*Out, error)) opFunc {
	return func(c *Cloud, k *call, in map[string]any) (any, error) {
		req := new(In)
		if err := wire.Bind(in, req); err != nil {
			return nil, err
		}
		out, err := f(c.inspector, k.caller, k.region, req)
		if err != nil {
			return nil, inspector2Error(err)
		}
		return out, nil
	}
}

// inspector2OpNoInput serves an operation without input members.
func inspector2OpNoInput[Out any](f func(*inspector.Service, *authz.Principal, string) (*Out, error)) opFunc {
	return func(c *Cloud, k *call, _ map[string]any) (any, error) {
		out, err := f(c.inspector, k.caller, k.region)
		if err != nil {
			return nil, inspector2Error(err)
		}
		return out, nil
	}
}

// inspector2Error renders an inspector error with the members of its
// exception shape. The result does not unwrap, so that a denial keeps
// inspector's own message rather than being re-rendered from its cause.
func inspector2Error(err error) error {
	var e *inspector.Error
	if !errors.As(err, &e) {
		return err
	}
	out := &wire.Error{Code: e.Code, Message: e.Message, Status: e.Status}
	fields := map[string]any{}
	if e.Reason != "" {
		fields["reason"] = string(e.Reason)
	}
	if len(e.Fields) > 0 {
		fields["fields"] = e.Fields
	}
	if e.ResourceID != "" {
		fields["resourceId"] = e.ResourceID
	}
	if e.ResourceType != "" {
		fields["resourceType"] = e.ResourceType
	}
	if e.RetryAfterSeconds > 0 {
		fields["retryAfterSeconds"] = e.RetryAfterSeconds
	}
	if len(fields) > 0 {
		out.Fields = fields
	}
	return out
}
