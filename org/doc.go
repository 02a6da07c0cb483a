// Package org models AWS Organizations: organizations and their accounts,
// the tree of organizational units under the root, service control
// policies and resource control policies, trusted access for AWS services
// and delegated administrators.
//
// An [Organization] is the Organizations service of one partition. An
// account registered with [Organization.AddStandaloneAccount] (or any
// account that calls it) creates an organization with CreateOrganization
// and becomes its management account. Member accounts are created
// (CreateAccount, which completes asynchronously as in AWS) or invited
// (InviteAccountToOrganization, then AcceptHandshake by the invited
// account), move between OUs, leave or are removed under AWS's rules, and
// may be closed. Every operation is named, takes its input and returns
// its output as the AWS API does (ListAccounts(caller, ListAccountsInput)
// returns ListAccountsOutput), with AWS's field names and JSON names, so
// that an HTTP front end can render them as Organizations' JSON 1.1 wire
// shapes, and fails with an [*Error] that carries AWS's error code,
// message and reason.
//
// # Callers
//
// Every operation takes the calling principal and applies two checks, IAM
// first as AWS does: the caller's permission for organizations:<Operation>
// on the resource the Service Authorization Reference names (with the
// condition keys organizations:ServicePrincipal and
// organizations:PolicyType where they apply), asked of the
// [authz.Authorizer] in [Config]; then the Organizations rule: changes are
// for the management account only, reads for the management account and
// the delegated administrators of any service, DescribeOrganization and
// LeaveOrganization for any member, and an account in no organization gets
// AWSOrganizationsNotInUseException.
//
// # Policies
//
// SCPs and RCPs are policy documents of package authz (kinds authz.SCP and
// authz.RCP). EnablePolicyType attaches the AWS managed FullAWSAccess or
// RCPFullAWSAccess everywhere; every root, OU and account then keeps one
// to five policies of the type. [Organization.SCPChain],
// [Organization.RCPChain] and [Organization.OrgContext] give an
// authorizer what it needs: the chain of policy lists from the root down
// to the account (cached per account, rebuilt after any change), whether
// the account is the management account (which SCPs never restrict), and
// the values of aws:PrincipalOrgID and aws:PrincipalOrgPaths.
//
// # Trusted access and delegated administrators
//
// EnableAWSServiceAccess gives one of [TrustedServices] trusted access;
// for Amazon Inspector it creates the service-linked role
// AWSServiceRoleForAmazonInspector2 in the management account through the
// [Identities] layer. RegisterDelegatedAdministrator then lets a member
// account administer the service for the organization, up to the
// service's limit (one for inspector2.amazonaws.com).
// DisableAWSServiceAccess deregisters the service's delegated
// administrators: AWS leaves that undocumented, and this model chooses not
// to keep registrations without trusted access.
//
// # Tags
//
// Accounts, the root, OUs and customer managed policies carry up to
// [MaxTagsPerResource] tags: TagResource, UntagResource and
// ListTagsForResource, and the Tags of CreateAccount (attached when the
// account is created), CreateOrganizationalUnit, CreatePolicy and
// InviteAccountToOrganization (attached when the account accepts). The IAM
// check of every operation on a tagged resource carries
// aws:ResourceTag/<key>; the requests that carry tags add
// aws:RequestTag/<key> and aws:TagKeys, and UntagResource aws:TagKeys. The
// tags on an account are the organization's: they go when it leaves.
//
// # Time
//
// Nothing runs in the background. Account creation, account closure and
// the expiry of invitations are due at times computed from the injected
// clock, and the first call that finds the clock past a due time does the
// work.
//
// # Snapshots
//
// [Organization.Snapshot] writes the whole state as JSON (accounts,
// organizations, requests, handshakes, the order counter behind the
// NextTokens and the id generator's ChaCha8 state);
// [Organization.Restore] reads it into an Organization built by New with
// the same Config, checking it whole first. Restoring a snapshot and
// replaying the same calls gives the same results, ids and tokens
// included.
//
// An Organization is safe for concurrent use.
package org
