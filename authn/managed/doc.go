// Package managed is the catalogue of the AWS managed policies the model's
// services need, with their real documents, ARNs, paths and version ids,
// and the service-linked roles those services create.
//
// # Policies
//
// AWS managed policies live in the "aws" namespace: their ARNs are
// arn:aws:iam::aws:policy{path}{name}, with the path "/" for policies
// customers attach (arn:aws:iam::aws:policy/ReadOnlyAccess) and
// "/aws-service-role/" for the policies of service-linked roles
// (arn:aws:iam::aws:policy/aws-service-role/AmazonInspector2ServiceRolePolicy).
// [Get] finds one by name, [ByARN] by ARN, [All] lists them sorted by name.
// Each [Policy] carries its JSON document as IAM's GetPolicyVersion returns
// it for the default version, and the document parsed as an identity-based
// policy by package authz, ready for [authz.NewPolicyList].
//
// The catalogue holds AdministratorAccess, PowerUserAccess, ReadOnlyAccess,
// IAMFullAccess, IAMReadOnlyAccess, AWSOrganizationsFullAccess,
// AWSOrganizationsReadOnlyAccess, AmazonInspector2FullAccess,
// AmazonInspector2ReadOnlyAccess, AmazonInspectorFullAccess,
// AmazonInspectorReadOnlyAccess, and the policies of the service-linked
// roles: AmazonInspector2ServiceRolePolicy,
// AmazonInspector2AgentlessServiceRolePolicy,
// AmazonInspectorServiceRolePolicy and AWSOrganizationsServiceTrustPolicy.
//
// Every document is the real one, key order aside, except ReadOnlyAccess,
// which the catalogue trims to the services this model has (documents are
// parsed with [authz.ParseAWSManaged]: AWS managed policies are not held to
// the 6,144-character quota of customer managed ones):
//
//   - ReadOnlyAccess (v182) keeps the two ReadOnlyActionsGroup statements
//     with only the actions of the services this model has (iam:Generate*,
//     iam:Get*, iam:List*, iam:Simulate*, sts:GetAccessKeyInfo,
//     sts:GetCallerIdentity, sts:GetSessionToken, organizations:Describe*,
//     organizations:List*, the inspector2 read actions the real policy
//     lists, inspector:Describe*, inspector:Get*, inspector:List*,
//     inspector:Preview*) and the ec2, ecr and lambda reads Amazon
//     Inspector needs (ec2:Describe*, ecr:BatchGet*, ecr:Describe*,
//     ecr:List*, lambda:Get*, lambda:List*). The real policy grants reads
//     on some 400 other services (s3:Get*, ...): under this catalogue they
//     are implicitly denied.
//
// The real document is kept under testdata/aws, and a test checks that
// each statement of the subset is a statement of the real document with
// some of its actions.
//
// # Loading
//
// The documents are embedded (policies/*.json) and parsed once, on first
// use, by a [sync.OnceValue]. Nothing panics: a document that fails to
// parse is left out of the catalogue and the failure is recorded; [Load]
// returns it (nil when every document parsed), and the package's tests
// require nil. Lookups never fail for any other reason, and the catalogue
// is safe for concurrent use; [Get], [ByARN] and [All] return copies, so
// callers may not change it.
//
// # Service-linked roles
//
// [ServiceLinkedRoles] lists the roles that Amazon Inspector, Amazon
// Inspector Classic and AWS Organizations create in an account
// (AWSServiceRoleForAmazonInspector2, AWSServiceRoleForAmazonInspector2Agentless,
// AWSServiceRoleForAmazonInspector, AWSServiceRoleForOrganizations), each
// with the service principal that alone may assume it, its path
// (/aws-service-role/{service principal}/) and the name of its managed
// policy; [ServiceLinkedRoleFor] finds one by service principal.
package managed
