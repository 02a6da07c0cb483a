package awsaccess

import (
	"errors"

	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
	"github.com/seed-e2e06c4d/awsaccess/org"
)

// organizationsOps serves AWS Organizations (JSON 1.1,
// AWSOrganizationsV20161128). Package org authorizes every call itself
// through the Cloud: first the IAM check below (organizations:<Operation>
// on the resource, with the condition keys shown), then the Organizations
// rule (who: mgmt = the management account only; admin = the management
// account or a delegated administrator of any service; member = any
// account of the organization; invited = the account the handshake
// invites). An account in no organization gets
// AWSOrganizationsNotInUseException from the operations on an
// organization's contents.
//
// Resources are ARNs in the caller's organization ("*" when the caller is
// in none): account arn:aws:organizations::MGMT:account/o-ID/ACCOUNT, root
// …:root/o-ID/r-ID, OU …:ou/o-ID/ou-ID, handshake
// …:handshake/o-ID/invite/h-ID, policy
// …:policy/o-ID/service_control_policy/p-ID (resource_control_policy for an
// RCP; AWS managed:
// arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess).
// For a root, OU or account given by id ("parent", "target", "child") the
// ARN follows from the id's prefix; a "resource" of the tagging operations
// is an account, the root, an OU or a customer managed policy, named by
// its id (AWS managed policies cannot be tagged). Condition keys:
// organizations:ServicePrincipal (SP); organizations:PolicyType (PT, the
// policy's own type for operations naming a policy); RQ,
// aws:RequestTag/<key> for each tag of the request and aws:TagKeys with
// their keys (only when the request has tags); TK, aws:TagKeys with the
// keys to remove. Every check whose resource is an account, the root, an
// OU or a customer managed policy of the caller's organization also
// carries aws:ResourceTag/<key> for each tag the resource has.
//
//	Operation                          Action (organizations:…)            Resource                       Keys  Who
//	CreateOrganization                 CreateOrganization                  *                              -     standalone account ¹
//	DescribeOrganization               DescribeOrganization                *                              -     member
//	DeleteOrganization                 DeleteOrganization                  *                              -     mgmt
//	CreateAccount                      CreateAccount                       *                              RQ    mgmt
//	DescribeCreateAccountStatus        DescribeCreateAccountStatus         *                              -     admin
//	ListCreateAccountStatus            ListCreateAccountStatus             *                              -     admin
//	DescribeAccount                    DescribeAccount                     account                        -     admin
//	ListAccounts                       ListAccounts                        *                              -     admin
//	ListAccountsForParent              ListAccountsForParent               parent (root or OU)            -     admin
//	MoveAccount                        MoveAccount                         account, source, destination   -     mgmt
//	RemoveAccountFromOrganization      RemoveAccountFromOrganization       account                        -     mgmt
//	LeaveOrganization                  LeaveOrganization                   *                              -     member (not mgmt)
//	CloseAccount                       CloseAccount                        account                        -     mgmt
//	InviteAccountToOrganization        InviteAccountToOrganization         *                              RQ    mgmt
//	AcceptHandshake                    AcceptHandshake                     handshake                      -     invited ¹
//	DeclineHandshake                   DeclineHandshake                    handshake                      -     invited
//	CancelHandshake                    CancelHandshake                     handshake                      -     mgmt of the inviter
//	DescribeHandshake                  DescribeHandshake                   handshake                      -     invited, or admin of the inviter
//	ListHandshakesForAccount           ListHandshakesForAccount            *                              -     any account
//	ListHandshakesForOrganization      ListHandshakesForOrganization       *                              -     admin
//	CreateOrganizationalUnit           CreateOrganizationalUnit            parent (root or OU)            RQ    mgmt
//	UpdateOrganizationalUnit           UpdateOrganizationalUnit            OU                             -     mgmt
//	DeleteOrganizationalUnit           DeleteOrganizationalUnit            OU                             -     mgmt
//	DescribeOrganizationalUnit         DescribeOrganizationalUnit          OU                             -     admin
//	ListOrganizationalUnitsForParent   ListOrganizationalUnitsForParent    parent (root or OU)            -     admin
//	ListRoots                          ListRoots                           *                              -     admin
//	ListChildren                       ListChildren                        parent (root or OU)            -     admin
//	ListParents                        ListParents                         child (OU or account)          -     admin
//	EnablePolicyType                   EnablePolicyType                    root                           PT    mgmt
//	DisablePolicyType                  DisablePolicyType                   root                           PT    mgmt
//	CreatePolicy                       CreatePolicy                        *                              PT RQ mgmt
//	UpdatePolicy                       UpdatePolicy                        policy                         PT    mgmt
//	DeletePolicy                       DeletePolicy                        policy                         PT    mgmt
//	DescribePolicy                     DescribePolicy                      policy                         PT    admin
//	ListPolicies                       ListPolicies                        *                              PT    admin
//	ListPoliciesForTarget              ListPoliciesForTarget               target (root, OU or account)   PT    admin
//	ListTargetsForPolicy               ListTargetsForPolicy                policy                         PT    admin
//	AttachPolicy                       AttachPolicy                        policy, target                 PT    mgmt
//	DetachPolicy                       DetachPolicy                        policy, target                 PT    mgmt
//	EnableAWSServiceAccess             EnableAWSServiceAccess              *                              SP    mgmt ²
//	DisableAWSServiceAccess            DisableAWSServiceAccess             *                              SP    mgmt
//	ListAWSServiceAccessForOrganization ListAWSServiceAccessForOrganization *                             -     admin
//	RegisterDelegatedAdministrator     RegisterDelegatedAdministrator      account                        SP    mgmt
//	DeregisterDelegatedAdministrator   DeregisterDelegatedAdministrator    account                        SP    mgmt
//	ListDelegatedAdministrators        ListDelegatedAdministrators         *                              SP ³  admin
//	ListDelegatedServicesForAccount    ListDelegatedServicesForAccount     account                        -     admin
//	TagResource                        TagResource                         resource                       RQ    admin
//	UntagResource                      UntagResource                       resource                       TK    admin
//	ListTagsForResource                ListTagsForResource                 resource                       -     admin
//
// ¹ With all features, CreateOrganization and AcceptHandshake also need
// iam:CreateServiceLinkedRole on
// arn:aws:iam::ACCOUNT:role/aws-service-role/organizations.amazonaws.com/AWSServiceRoleForOrganizations
// (iam:AWSServiceName organizations.amazonaws.com);
// AccessDeniedForDependencyException otherwise.
// ² For inspector2.amazonaws.com, EnableAWSServiceAccess creates
// AWSServiceRoleForAmazonInspector2 in the management account.
// ³ Only when the request names a ServicePrincipal.
//
// Errors keep org's codes and messages; the Reason of
// ConstraintViolationException, InvalidInputException,
// HandshakeConstraintViolationException and
// AccessDeniedForDependencyException is rendered as the model's "Reason"
// member. A document the model accepts always binds to org's types; a
// failure to bind is a defect of the front end and answers ServiceException.
var organizationsOps = map[string]opFunc{
	"CreateOrganization":            orgOp((*org.Organization).CreateOrganization),
	"DescribeOrganization":          orgOpNoInput((*org.Organization).DescribeOrganization),
	"DeleteOrganization":            orgOpNoInputNoOutput((*org.Organization).DeleteOrganization),
	"CreateAccount":                 orgOp((*org.Organization).CreateAccount),
	"DescribeCreateAccountStatus":   orgOp((*org.Organization).DescribeCreateAccountStatus),
	"ListCreateAccountStatus":       orgOp((*org.Organization).ListCreateAccountStatus),
	"DescribeAccount":               orgOp((*org.Organization).DescribeAccount),
	"ListAccounts":                  orgOp((*org.Organization).ListAccounts),
	"ListAccountsForParent":         orgOp((*org.Organization).ListAccountsForParent),
	"MoveAccount":                   orgOpNoOutput((*org.Organization).MoveAccount),
	"RemoveAccountFromOrganization": orgOpNoOutput((*org.Organization).RemoveAccountFromOrganization),
	"LeaveOrganization":             orgOpNoInputNoOutput((*org.Organization).LeaveOrganization),
	"CloseAccount":                  orgOpNoOutput((*org.Organization).CloseAccount),

	"InviteAccountToOrganization":   orgOp((*org.Organization).InviteAccountToOrganization),
	"AcceptHandshake":               orgOp((*org.Organization).AcceptHandshake),
	"DeclineHandshake":              orgOp((*org.Organization).DeclineHandshake),
	"CancelHandshake":               orgOp((*org.Organization).CancelHandshake),
	"DescribeHandshake":             orgOp((*org.Organization).DescribeHandshake),
	"ListHandshakesForAccount":      orgOp((*org.Organization).ListHandshakesForAccount),
	"ListHandshakesForOrganization": orgOp((*org.Organization).ListHandshakesForOrganization),

	"CreateOrganizationalUnit":         orgOp((*org.Organization).CreateOrganizationalUnit),
	"UpdateOrganizationalUnit":         orgOp((*org.Organization).UpdateOrganizationalUnit),
	"DeleteOrganizationalUnit":         orgOpNoOutput((*org.Organization).DeleteOrganizationalUnit),
	"DescribeOrganizationalUnit":       orgOp((*org.Organization).DescribeOrganizationalUnit),
	"ListOrganizationalUnitsForParent": orgOp((*org.Organization).ListOrganizationalUnitsForParent),
	"ListRoots":                        orgOp((*org.Organization).ListRoots),
	"ListChildren":                     orgOp((*org.Organization).ListChildren),
	"ListParents":                      orgOp((*org.Organization).ListParents),

	"EnablePolicyType":      orgOp((*org.Organization).EnablePolicyType),
	"DisablePolicyType":     orgOp((*org.Organization).DisablePolicyType),
	"CreatePolicy":          orgOp((*org.Organization).CreatePolicy),
	"UpdatePolicy":          orgOp((*org.Organization).UpdatePolicy),
	"DeletePolicy":          orgOpNoOutput((*org.Organization).DeletePolicy),
	"DescribePolicy":        orgOp((*org.Organization).DescribePolicy),
	"ListPolicies":          orgOp((*org.Organization).ListPolicies),
	"ListPoliciesForTarget": orgOp((*org.Organization).ListPoliciesForTarget),
	"ListTargetsForPolicy":  orgOp((*org.Organization).ListTargetsForPolicy),
	"AttachPolicy":          orgOpNoOutput((*org.Organization).AttachPolicy),
	"DetachPolicy":          orgOpNoOutput((*org.Organization).DetachPolicy),

	"EnableAWSServiceAccess":              orgServiceAccess((*org.Organization).EnableAWSServiceAccess),
	"DisableAWSServiceAccess":             orgServiceAccess((*org.Organization).DisableAWSServiceAccess),
	"ListAWSServiceAccessForOrganization": orgOp((*org.Organization).ListAWSServiceAccessForOrganization),
	"RegisterDelegatedAdministrator":      orgDelegation((*org.Organization).RegisterDelegatedAdministrator),
	"DeregisterDelegatedAdministrator":    orgDelegation((*org.Organization).DeregisterDelegatedAdministrator),
	"ListDelegatedAdministrators":         orgOp((*org.Organization).ListDelegatedAdministrators),
	"ListDelegatedServicesForAccount":     orgOp((*org.Organization).ListDelegatedServicesForAccount),

	"TagResource":         orgOpNoOutput((*org.Organization).TagResource),
	"UntagResource":       orgOpNoOutput((*org.Organization).UntagResource),
	"ListTagsForResource": orgOp((*org.Organization).ListTagsForResource),
}

// orgOp serves an operation that takes an input and returns an output.
func orgOp[In, Out any](f func(*org.Organization, *authz.Principal, In) (Out, error)) opFunc {
	return func(c *Cloud, k *call, in map[string]any) (any, error) {
		var req In
		if err := wire.Bind(in, &req); err != nil {
			return nil, err
		}
		out, err := f(c.org, k.caller, req)
		if err != nil {
			return nil, orgError(err)
		}
		return out, nil
	}
}

// orgOpNoOutput serves an operation that takes an input and returns
// nothing.
func orgOpNoOutput[In any](f func(*org.Organization, *authz.Principal, In) error) opFunc {
	return func(c *Cloud, k *call, in map[string]any) (any, error) {
		var req In
		if err := wire.Bind(in, &req); err != nil {
			return nil, err
		}
		if err := f(c.org, k.caller, req); err != nil {
			return nil, orgError(err)
		}
		return struct{}{}, nil
	}
}

// orgOpNoInput serves an operation without input members.
func orgOpNoInput[Out any](f func(*org.Organization, *authz.Principal) (Out, error)) opFunc {
	return func(c *Cloud, k *call, _ map[string]any) (any, error) {
		out, err := f(c.org, k.caller)
		if err != nil {
			return nil, orgError(err)
		}
		return out, nil
	}
}

// orgOpNoInputNoOutput serves an operation with neither input nor output.
func orgOpNoInputNoOutput(f func(*org.Organization, *authz.Principal) error) opFunc {
	return func(c *Cloud, k *call, _ map[string]any) (any, error) {
		if err := f(c.org, k.caller); err != nil {
			return nil, orgError(err)
		}
		return struct{}{}, nil
	}
}

// orgServiceAccess serves EnableAWSServiceAccess and
// DisableAWSServiceAccess, which org takes as a service principal.
func orgServiceAccess(f func(*org.Organization, *authz.Principal, string) error) opFunc {
	return func(c *Cloud, k *call, in map[string]any) (any, error) {
		var req struct {
			ServicePrincipal string `json:"ServicePrincipal"`
		}
		if err := wire.Bind(in, &req); err != nil {
			return nil, err
		}
		if err := f(c.org, k.caller, req.ServicePrincipal); err != nil {
			return nil, orgError(err)
		}
		return struct{}{}, nil
	}
}

// orgDelegation serves RegisterDelegatedAdministrator and
// DeregisterDelegatedAdministrator, which org takes as an account id and
// a service principal.
func orgDelegation(f func(*org.Organization, *authz.Principal, string, string) error) opFunc {
	return func(c *Cloud, k *call, in map[string]any) (any, error) {
		var req struct {
			AccountId        string `json:"AccountId"`
			ServicePrincipal string `json:"ServicePrincipal"`
		}
		if err := wire.Bind(in, &req); err != nil {
			return nil, err
		}
		if err := f(c.org, k.caller, req.AccountId, req.ServicePrincipal); err != nil {
			return nil, orgError(err)
		}
		return struct{}{}, nil
	}
}

// orgError renders an org error with its modelled Reason. The result does
// not unwrap: what the client sees is org's code, message and reason.
func orgError(err error) error {
	var e *org.Error
	if !errors.As(err, &e) {
		return err
	}
	out := &wire.Error{Code: e.Code, Message: e.Message, Status: e.Status}
	if r := e.ErrorReason(); r != "" {
		out.Fields = map[string]any{"Reason": r}
	}
	return out
}
