package awsaccess

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

// iamOps serves AWS Identity and Access Management (query protocol,
// 2010-05-08) through the caller's account in package authn. Every
// operation is authorised by [Cloud.Authorize] before it runs, as
// [iamAccess] lists it; the operation then runs against authn's Account,
// whose errors carry IAM's codes and messages. Outputs are the model's
// shapes: policy documents URL-encoded as IAM returns them, list operations
// paged with opaque Marker, MaxItems (1 to 1,000, 100 by default) and
// IsTruncated. Every IAM resource with tags (users, roles, customer
// managed policies, instance profiles, virtual MFA devices, OIDC and SAML
// providers) has its Tag, Untag and List...Tags operations and takes Tags
// on its Create; see api_iam_tags.go. See api_iam_simulate.go for
// SimulateCustomPolicy and SimulatePrincipalPolicy (of a user, role or
// group), and api_iam_account.go for ChangePassword (which the password
// policy's AllowUsersToChangePassword allows on the caller's own user),
// GetMFADevice, ResyncMFADevice, the account alias, ListEntitiesForPolicy
// and GetContextKeysFor...Policy.
//
// UpdateSAMLProvider replaces the metadata document only: SAML assertion
// encryption (AssertionEncryptionMode, AddPrivateKey, RemovePrivateKey)
// is not modelled and answers InvalidInput.
var iamOps = map[string]opFunc{
	// Users.
	"CreateUser":   iamServe(iamCreateUser),
	"GetUser":      iamServe(iamGetUser),
	"ListUsers":    iamServe(iamUserList.by("PathPrefix", (*authn.Account).ListUsers)),
	"UpdateUser":   iamServe(iamUpdateUser),
	"DeleteUser":   iamServe(iamDeleteUser),
	"TagUser":      iamServe(iamUserTags.tagOp),
	"UntagUser":    iamServe(iamUserTags.untagOp),
	"ListUserTags": iamServe(iamUserTags.listOp),

	// Groups.
	"CreateGroup":         iamServe(iamCreateGroup),
	"GetGroup":            iamServe(iamGetGroup),
	"ListGroups":          iamServe(iamGroupList.by("PathPrefix", (*authn.Account).ListGroups)),
	"DeleteGroup":         iamServe(iamDeleteGroup),
	"AddUserToGroup":      iamServe(iamAddUserToGroup),
	"RemoveUserFromGroup": iamServe(iamRemoveUserFromGroup),
	"ListGroupsForUser":   iamServe(iamGroupList.by("UserName", (*authn.Account).ListGroupsForUser)),
	"UpdateGroup":         iamServe(iamUpdateGroup),

	// Roles.
	"CreateRole":                         iamServe(iamCreateRole),
	"GetRole":                            iamServe(iamGetRole),
	"ListRoles":                          iamServe(iamRoleList.by("PathPrefix", (*authn.Account).ListRoles)),
	"UpdateRole":                         iamServe(iamUpdateRole),
	"UpdateRoleDescription":              iamServe(iamUpdateRoleDescription),
	"UpdateAssumeRolePolicy":             iamServe(iamUpdateAssumeRolePolicy),
	"DeleteRole":                         iamServe(iamDeleteRole),
	"TagRole":                            iamServe(iamRoleTags.tagOp),
	"UntagRole":                          iamServe(iamRoleTags.untagOp),
	"ListRoleTags":                       iamServe(iamRoleTags.listOp),
	"CreateServiceLinkedRole":            iamServe(iamCreateServiceLinkedRole),
	"DeleteServiceLinkedRole":            iamServe(iamDeleteServiceLinkedRole),
	"GetServiceLinkedRoleDeletionStatus": iamServe(iamGetServiceLinkedRoleDeletionStatus),

	// Access keys.
	"CreateAccessKey":      iamServe(iamCreateAccessKey),
	"DeleteAccessKey":      iamServe(iamDeleteAccessKey),
	"UpdateAccessKey":      iamServe(iamUpdateAccessKey),
	"ListAccessKeys":       iamServe(iamListAccessKeys),
	"GetAccessKeyLastUsed": iamServe(iamGetAccessKeyLastUsed),

	// Console passwords.
	"CreateLoginProfile": iamServe(iamCreateLoginProfile),
	"GetLoginProfile":    iamServe(iamGetLoginProfile),
	"UpdateLoginProfile": iamServe(iamUpdateLoginProfile),
	"DeleteLoginProfile": iamServe(iamDeleteLoginProfile),
	"ChangePassword":     iamServe(iamChangePassword),

	// MFA devices.
	"CreateVirtualMFADevice": iamServe(iamCreateVirtualMFADevice),
	"EnableMFADevice":        iamServe(iamEnableMFADevice),
	"DeactivateMFADevice":    iamServe(iamDeactivateMFADevice),
	"DeleteVirtualMFADevice": iamServe(iamDeleteVirtualMFADevice),
	"ListMFADevices":         iamServe(iamListMFADevices),
	"ListVirtualMFADevices":  iamServe(iamListVirtualMFADevices),
	"TagMFADevice":           iamServe(iamMFATags.tagOp),
	"UntagMFADevice":         iamServe(iamMFATags.untagOp),
	"ListMFADeviceTags":      iamServe(iamMFATags.listOp),
	"GetMFADevice":           iamServe(iamGetMFADevice),
	"ResyncMFADevice":        iamServe(iamResyncMFADevice),

	// Managed policies and their versions.
	"CreatePolicy":            iamServe(iamCreatePolicy),
	"GetPolicy":               iamServe(iamGetPolicy),
	"DeletePolicy":            iamServe(iamDeletePolicy),
	"ListPolicies":            iamServe(iamListPolicies),
	"TagPolicy":               iamServe(iamPolicyTags.tagOp),
	"UntagPolicy":             iamServe(iamPolicyTags.untagOp),
	"ListPolicyTags":          iamServe(iamPolicyTags.listOp),
	"CreatePolicyVersion":     iamServe(iamCreatePolicyVersion),
	"GetPolicyVersion":        iamServe(iamGetPolicyVersion),
	"DeletePolicyVersion":     iamServe(iamDeletePolicyVersion),
	"ListPolicyVersions":      iamServe(iamListPolicyVersions),
	"SetDefaultPolicyVersion": iamServe(iamSetDefaultPolicyVersion),
	"ListEntitiesForPolicy":   iamServe(iamListEntitiesForPolicy),

	// Inline policies.
	"PutUserPolicy":     iamServe(iamPutInline(iamUserEntity)),
	"GetUserPolicy":     iamServe(iamGetInline(iamUserEntity)),
	"DeleteUserPolicy":  iamServe(iamDeleteInline(iamUserEntity)),
	"ListUserPolicies":  iamServe(iamListUserPolicies),
	"PutGroupPolicy":    iamServe(iamPutInline(iamGroupEntity)),
	"GetGroupPolicy":    iamServe(iamGetInline(iamGroupEntity)),
	"DeleteGroupPolicy": iamServe(iamDeleteInline(iamGroupEntity)),
	"ListGroupPolicies": iamServe(iamListGroupPolicies),
	"PutRolePolicy":     iamServe(iamPutInline(iamRoleEntity)),
	"GetRolePolicy":     iamServe(iamGetInline(iamRoleEntity)),
	"DeleteRolePolicy":  iamServe(iamDeleteInline(iamRoleEntity)),
	"ListRolePolicies":  iamServe(iamListRolePolicies),

	// Managed policy attachments.
	"AttachUserPolicy":          iamServe(iamAttach(iamUserEntity, (*authn.Account).AttachUserPolicy)),
	"DetachUserPolicy":          iamServe(iamAttach(iamUserEntity, (*authn.Account).DetachUserPolicy)),
	"ListAttachedUserPolicies":  iamServe(iamListAttached(iamUserEntity, (*authn.Account).ListAttachedUserPolicies)),
	"AttachGroupPolicy":         iamServe(iamAttach(iamGroupEntity, (*authn.Account).AttachGroupPolicy)),
	"DetachGroupPolicy":         iamServe(iamAttach(iamGroupEntity, (*authn.Account).DetachGroupPolicy)),
	"ListAttachedGroupPolicies": iamServe(iamListAttached(iamGroupEntity, (*authn.Account).ListAttachedGroupPolicies)),
	"AttachRolePolicy":          iamServe(iamAttach(iamRoleEntity, (*authn.Account).AttachRolePolicy)),
	"DetachRolePolicy":          iamServe(iamAttach(iamRoleEntity, (*authn.Account).DetachRolePolicy)),
	"ListAttachedRolePolicies":  iamServe(iamListAttached(iamRoleEntity, (*authn.Account).ListAttachedRolePolicies)),

	// Permissions boundaries.
	"PutUserPermissionsBoundary":    iamServe(iamPutBoundary(iamUserEntity, (*authn.Account).PutUserPermissionsBoundary)),
	"DeleteUserPermissionsBoundary": iamServe(iamDeleteBoundary(iamUserEntity, (*authn.Account).DeleteUserPermissionsBoundary)),
	"PutRolePermissionsBoundary":    iamServe(iamPutBoundary(iamRoleEntity, (*authn.Account).PutRolePermissionsBoundary)),
	"DeleteRolePermissionsBoundary": iamServe(iamDeleteBoundary(iamRoleEntity, (*authn.Account).DeleteRolePermissionsBoundary)),

	// Instance profiles.
	"CreateInstanceProfile":         iamServe(iamCreateInstanceProfile),
	"GetInstanceProfile":            iamServe(iamGetInstanceProfile),
	"DeleteInstanceProfile":         iamServe(iamDeleteInstanceProfile),
	"AddRoleToInstanceProfile":      iamServe(iamAddRoleToInstanceProfile),
	"RemoveRoleFromInstanceProfile": iamServe(iamRemoveRoleFromInstanceProfile),
	"ListInstanceProfilesForRole":   iamServe(iamProfileList.by("RoleName", (*authn.Account).ListInstanceProfilesForRole)),
	"TagInstanceProfile":            iamServe(iamProfileTags.tagOp),
	"UntagInstanceProfile":          iamServe(iamProfileTags.untagOp),
	"ListInstanceProfileTags":       iamServe(iamProfileTags.listOp),
	"ListInstanceProfiles":          iamServe(iamProfileList.by("PathPrefix", (*authn.Account).ListInstanceProfiles)),

	// Identity providers.
	"CreateOpenIDConnectProvider":             iamServe(iamCreateOpenIDConnectProvider),
	"GetOpenIDConnectProvider":                iamServe(iamGetOpenIDConnectProvider),
	"DeleteOpenIDConnectProvider":             iamServe(iamDeleteOpenIDConnectProvider),
	"AddClientIDToOpenIDConnectProvider":      iamServe(iamAddClientID),
	"RemoveClientIDFromOpenIDConnectProvider": iamServe(iamRemoveClientID),
	"UpdateOpenIDConnectProviderThumbprint":   iamServe(iamUpdateThumbprint),
	"TagOpenIDConnectProvider":                iamServe(iamOIDCTags.tagOp),
	"UntagOpenIDConnectProvider":              iamServe(iamOIDCTags.untagOp),
	"ListOpenIDConnectProviderTags":           iamServe(iamOIDCTags.listOp),
	"CreateSAMLProvider":                      iamServe(iamCreateSAMLProvider),
	"GetSAMLProvider":                         iamServe(iamGetSAMLProvider),
	"DeleteSAMLProvider":                      iamServe(iamDeleteSAMLProvider),
	"UpdateSAMLProvider":                      iamServe(iamUpdateSAMLProvider),
	"TagSAMLProvider":                         iamServe(iamSAMLTags.tagOp),
	"UntagSAMLProvider":                       iamServe(iamSAMLTags.untagOp),
	"ListSAMLProviderTags":                    iamServe(iamSAMLTags.listOp),
	"ListOpenIDConnectProviders":              iamServe(iamListOpenIDConnectProviders),
	"ListSAMLProviders":                       iamServe(iamListSAMLProviders),

	// The account's password policy.
	"GetAccountPasswordPolicy":    iamServe(iamGetAccountPasswordPolicy),
	"UpdateAccountPasswordPolicy": iamServe(iamUpdateAccountPasswordPolicy),
	"DeleteAccountPasswordPolicy": iamServe(iamDeleteAccountPasswordPolicy),
	"GetAccountSummary":           iamServe(iamGetAccountSummary),
	"CreateAccountAlias":          iamServe(iamCreateAccountAlias),
	"DeleteAccountAlias":          iamServe(iamDeleteAccountAlias),
	"ListAccountAliases":          iamServe(iamListAccountAliases),

	// The policy simulator.
	"SimulateCustomPolicy":    iamServe(iamSimulateCustomPolicy),
	"SimulatePrincipalPolicy": iamServe(iamSimulatePrincipalPolicy),

	// The condition keys of policies.
	"GetContextKeysForCustomPolicy":    iamServe(iamGetContextKeysForCustomPolicy),
	"GetContextKeysForPrincipalPolicy": iamServe(iamGetContextKeysForPrincipalPolicy),
}

// iamAccess is what IAM authorises before each operation, as AWS's Service
// Authorization Reference lists it: the action iam:<Operation>, the
// resource it names, the condition keys the request carries and any
// dependent action. The resource is the entity's ARN as IAM forms it, with
// its path when the entity exists (user/PATH/NAME, role/..., group/...,
// policy/..., instance-profile/..., oidc-provider/HOST/PATH,
// saml-provider/NAME, mfa/PATH/NAME), the caller itself for the operations
// whose UserName defaults to the caller, and "*" where the reference names
// no resource type.
//
// Condition keys (set only when there is a value):
//
//	kReqTags   aws:RequestTag/KEY for each tag of Tags, and aws:TagKeys
//	kTagKeys   aws:TagKeys from TagKeys (Untag*)
//	kResTags   aws:ResourceTag/KEY for each tag of the existing resource, and
//	           iam:ResourceTag/KEY too when it is a user or role
//	kBoundary  iam:PermissionsBoundary: the PermissionsBoundary of the request,
//	           else the user's or role's current boundary
//	kPolicyARN iam:PolicyARN from PolicyArn
//	kService   iam:AWSServiceName from AWSServiceName
//
// The reference's iam:RoleTemplateARN and the FIDO keys are not modelled.
var iamAccess = map[string]iamRule{
	"CreateUser":   {res: resNewUser("UserName", "Path"), keys: kReqTags | kResTags | kBoundary},
	"GetUser":      {res: resUser("UserName", orCaller), keys: kResTags},
	"ListUsers":    {res: resAny},
	"UpdateUser":   {res: resUser("UserName", 0), keys: kResTags, also: []iamDependent{{"iam:UpdateUser", resRenamedUser}}},
	"DeleteUser":   {res: resUser("UserName", 0), keys: kResTags},
	"TagUser":      {res: resUser("UserName", 0), keys: kReqTags | kResTags},
	"UntagUser":    {res: resUser("UserName", 0), keys: kTagKeys | kResTags},
	"ListUserTags": {res: resUser("UserName", 0), keys: kResTags},

	"CreateGroup":         {res: resNewGroup("GroupName", "Path")},
	"GetGroup":            {res: resGroup("GroupName")},
	"ListGroups":          {res: resAny},
	"DeleteGroup":         {res: resGroup("GroupName")},
	"AddUserToGroup":      {res: resGroup("GroupName")},
	"RemoveUserFromGroup": {res: resGroup("GroupName")},
	"ListGroupsForUser":   {res: resUser("UserName", 0), keys: kResTags},
	"UpdateGroup":         {res: resGroup("GroupName"), also: []iamDependent{{"iam:UpdateGroup", resRenamedGroup}}},

	"CreateRole":                         {res: resNewRole("RoleName", "Path"), keys: kReqTags | kResTags | kBoundary},
	"GetRole":                            {res: resRole("RoleName"), keys: kResTags | kBoundary},
	"ListRoles":                          {res: resAny},
	"UpdateRole":                         {res: resRole("RoleName"), keys: kResTags | kBoundary},
	"UpdateRoleDescription":              {res: resRole("RoleName"), keys: kResTags | kBoundary},
	"UpdateAssumeRolePolicy":             {res: resRole("RoleName"), keys: kResTags | kBoundary},
	"DeleteRole":                         {res: resRole("RoleName"), keys: kResTags | kBoundary},
	"TagRole":                            {res: resRole("RoleName"), keys: kReqTags | kResTags},
	"UntagRole":                          {res: resRole("RoleName"), keys: kTagKeys | kResTags},
	"ListRoleTags":                       {res: resRole("RoleName"), keys: kResTags},
	"CreateServiceLinkedRole":            {res: resServiceLinkedRole, keys: kResTags | kService},
	"DeleteServiceLinkedRole":            {res: resRole("RoleName"), keys: kResTags},
	"GetServiceLinkedRoleDeletionStatus": {res: resDeletionTaskRole, keys: kResTags},
	"ListInstanceProfilesForRole":        {res: resRole("RoleName"), keys: kResTags},

	"CreateAccessKey":      {res: resUser("UserName", orCaller), keys: kResTags},
	"DeleteAccessKey":      {res: resUser("UserName", orCaller), keys: kResTags},
	"UpdateAccessKey":      {res: resUser("UserName", orCaller), keys: kResTags},
	"ListAccessKeys":       {res: resUser("UserName", orCaller), keys: kResTags},
	"GetAccessKeyLastUsed": {res: resAccessKeyUser, keys: kResTags},

	"CreateLoginProfile": {res: resUser("UserName", orCaller), keys: kResTags},
	"GetLoginProfile":    {res: resUser("UserName", orCaller), keys: kResTags},
	"UpdateLoginProfile": {res: resUser("UserName", 0), keys: kResTags},
	"DeleteLoginProfile": {res: resUser("UserName", orCaller), keys: kResTags},
	"ChangePassword":     {res: resUser("", orCaller), keys: kResTags, grant: grantOwnPassword},

	"CreateVirtualMFADevice": {res: resNewMFADevice, keys: kReqTags},
	"EnableMFADevice":        {res: resUser("UserName", 0), keys: kResTags},
	"DeactivateMFADevice":    {res: resUser("UserName", orCaller), keys: kResTags},
	"DeleteVirtualMFADevice": {res: resMFADevice, keys: kResTags},
	"ListMFADevices":         {res: resUser("UserName", orCaller), keys: kResTags},
	"ListVirtualMFADevices":  {res: resAny},
	"TagMFADevice":           {res: resMFADevice, keys: kReqTags | kResTags},
	"UntagMFADevice":         {res: resMFADevice, keys: kTagKeys | kResTags},
	"ListMFADeviceTags":      {res: resMFADevice, keys: kResTags},
	"GetMFADevice":           {res: resUser("UserName", orCaller), keys: kResTags},
	"ResyncMFADevice":        {res: resUser("UserName", 0), keys: kResTags},

	"CreatePolicy":            {res: resNewPolicy, keys: kReqTags | kResTags},
	"GetPolicy":               {res: resPolicy, keys: kResTags},
	"DeletePolicy":            {res: resPolicy, keys: kResTags},
	"ListPolicies":            {res: resAny},
	"TagPolicy":               {res: resPolicy, keys: kReqTags | kResTags},
	"UntagPolicy":             {res: resPolicy, keys: kTagKeys | kResTags},
	"ListPolicyTags":          {res: resPolicy, keys: kResTags},
	"CreatePolicyVersion":     {res: resPolicy, keys: kResTags},
	"GetPolicyVersion":        {res: resPolicy, keys: kResTags},
	"DeletePolicyVersion":     {res: resPolicy, keys: kResTags},
	"ListPolicyVersions":      {res: resPolicy, keys: kResTags},
	"SetDefaultPolicyVersion": {res: resPolicy, keys: kResTags},
	"ListEntitiesForPolicy":   {res: resPolicy, keys: kResTags},

	"PutUserPolicy":     {res: resUser("UserName", 0), keys: kResTags | kBoundary},
	"GetUserPolicy":     {res: resUser("UserName", 0), keys: kResTags},
	"DeleteUserPolicy":  {res: resUser("UserName", 0), keys: kResTags | kBoundary},
	"ListUserPolicies":  {res: resUser("UserName", 0), keys: kResTags},
	"PutGroupPolicy":    {res: resGroup("GroupName")},
	"GetGroupPolicy":    {res: resGroup("GroupName")},
	"DeleteGroupPolicy": {res: resGroup("GroupName")},
	"ListGroupPolicies": {res: resGroup("GroupName")},
	"PutRolePolicy":     {res: resRole("RoleName"), keys: kResTags | kBoundary},
	"GetRolePolicy":     {res: resRole("RoleName"), keys: kResTags},
	"DeleteRolePolicy":  {res: resRole("RoleName"), keys: kResTags | kBoundary},
	"ListRolePolicies":  {res: resRole("RoleName"), keys: kResTags},

	"AttachUserPolicy":          {res: resUser("UserName", 0), keys: kResTags | kBoundary | kPolicyARN},
	"DetachUserPolicy":          {res: resUser("UserName", 0), keys: kResTags | kBoundary | kPolicyARN},
	"ListAttachedUserPolicies":  {res: resUser("UserName", 0), keys: kResTags},
	"AttachGroupPolicy":         {res: resGroup("GroupName"), keys: kPolicyARN},
	"DetachGroupPolicy":         {res: resGroup("GroupName"), keys: kPolicyARN},
	"ListAttachedGroupPolicies": {res: resGroup("GroupName")},
	"AttachRolePolicy":          {res: resRole("RoleName"), keys: kResTags | kBoundary | kPolicyARN},
	"DetachRolePolicy":          {res: resRole("RoleName"), keys: kResTags | kBoundary | kPolicyARN},
	"ListAttachedRolePolicies":  {res: resRole("RoleName"), keys: kResTags},

	"PutUserPermissionsBoundary":    {res: resUser("UserName", 0), keys: kResTags | kBoundary},
	"DeleteUserPermissionsBoundary": {res: resUser("UserName", 0), keys: kResTags | kBoundary},
	"PutRolePermissionsBoundary":    {res: resRole("RoleName"), keys: kResTags | kBoundary},
	"DeleteRolePermissionsBoundary": {res: resRole("RoleName"), keys: kResTags | kBoundary},

	"CreateInstanceProfile":         {res: resNewInstanceProfile, keys: kReqTags | kResTags},
	"GetInstanceProfile":            {res: resInstanceProfile, keys: kResTags},
	"DeleteInstanceProfile":         {res: resInstanceProfile, keys: kResTags},
	"AddRoleToInstanceProfile":      {res: resInstanceProfile, keys: kResTags, also: []iamDependent{{"iam:PassRole", resRole("RoleName")}}},
	"RemoveRoleFromInstanceProfile": {res: resInstanceProfile, keys: kResTags},
	"TagInstanceProfile":            {res: resInstanceProfile, keys: kReqTags | kResTags},
	"UntagInstanceProfile":          {res: resInstanceProfile, keys: kTagKeys | kResTags},
	"ListInstanceProfileTags":       {res: resInstanceProfile, keys: kResTags},
	"ListInstanceProfiles":          {res: resAny},

	"CreateOpenIDConnectProvider":             {res: resNewOIDCProvider, keys: kReqTags | kResTags},
	"GetOpenIDConnectProvider":                {res: resOIDCProvider, keys: kResTags},
	"DeleteOpenIDConnectProvider":             {res: resOIDCProvider, keys: kResTags},
	"AddClientIDToOpenIDConnectProvider":      {res: resOIDCProvider, keys: kResTags},
	"RemoveClientIDFromOpenIDConnectProvider": {res: resOIDCProvider, keys: kResTags},
	"UpdateOpenIDConnectProviderThumbprint":   {res: resOIDCProvider, keys: kResTags},
	"TagOpenIDConnectProvider":                {res: resOIDCProvider, keys: kReqTags | kResTags},
	"UntagOpenIDConnectProvider":              {res: resOIDCProvider, keys: kTagKeys | kResTags},
	"ListOpenIDConnectProviderTags":           {res: resOIDCProvider, keys: kResTags},
	"CreateSAMLProvider":                      {res: resNewSAMLProvider, keys: kReqTags | kResTags},
	"GetSAMLProvider":                         {res: resSAMLProvider, keys: kResTags},
	"DeleteSAMLProvider":                      {res: resSAMLProvider, keys: kResTags},
	"UpdateSAMLProvider":                      {res: resSAMLProvider, keys: kResTags},
	"TagSAMLProvider":                         {res: resSAMLProvider, keys: kReqTags | kResTags},
	"UntagSAMLProvider":                       {res: resSAMLProvider, keys: kTagKeys | kResTags},
	"ListSAMLProviderTags":                    {res: resSAMLProvider, keys: kResTags},
	"ListOpenIDConnectProviders":              {res: resAny},
	"ListSAMLProviders":                       {res: resAny},

	"GetAccountPasswordPolicy":    {res: resAny},
	"UpdateAccountPasswordPolicy": {res: resAny},
	"DeleteAccountPasswordPolicy": {res: resAny},
	"GetAccountSummary":           {res: resAny},
	"CreateAccountAlias":          {res: resAny},
	"DeleteAccountAlias":          {res: resAny},
	"ListAccountAliases":          {res: resAny},

	"SimulateCustomPolicy":    {res: resAny},
	"SimulatePrincipalPolicy": {res: resPolicySource, keys: kResTags},

	"GetContextKeysForCustomPolicy":    {res: resAny},
	"GetContextKeysForPrincipalPolicy": {res: resPolicySource, keys: kResTags},
}

// iamRule is one row of iamAccess.
type iamRule struct {
	res  iamResource
	keys iamKeys
	// also lists dependent actions, each on its own resource.
	also []iamDependent
	// grant, when set, is a policy on the resource that the check also
	// counts (ChangePassword's AllowUsersToChangePassword).
	grant func(x *iamCall, t iamTarget) *authz.PolicyList
}

// iamDependent is a further action an operation needs.
type iamDependent struct {
	action string
	res    iamResource
}

// iamKeys selects the condition keys of a check.
type iamKeys uint8

const (
	kReqTags iamKeys = 1 << iota
	kTagKeys
	kResTags
	kBoundary
	kPolicyARN
	kService
)

// iamTarget is the resource of a check: its ARN and, when it exists, what
// its condition keys need.
type iamTarget struct {
	arn      string
	tags     []authn.Tag
	boundary string
	// principal marks users and roles, whose tags also fill
	// iam:ResourceTag.
	principal bool
}

// iamResource finds the resource of a call.
type iamResource func(x *iamCall) (iamTarget, error)

// iamCall is one IAM call being served: the Cloud, the HTTP call, the
// caller's account and the decoded input.
type iamCall struct {
	c    *Cloud
	k    *call
	acct *authn.Account
	in   map[string]any
}

// iamServe wraps an operation: it finds the caller's account, authorises
// the call as iamAccess lists it, and runs the operation.
func iamServe(op func(x *iamCall) (any, error)) opFunc {
	return func(c *Cloud, k *call, in map[string]any) (any, error) {
		if k.caller == nil {
			return nil, &wire.Error{Code: "MissingAuthenticationToken", Message: "Request is missing Authentication Token", Status: http.StatusForbidden}
		}
		acct, err := c.dir.Account(k.caller.Account)
		if err != nil {
			return nil, err
		}
		x := &iamCall{c: c, k: k, acct: acct, in: in}
		if err := x.authorize(); err != nil {
			return nil, err
		}
		return op(x)
	}
}

// authorize runs the checks iamAccess lists for the call's operation.
func (x *iamCall) authorize() error {
	name := x.k.op.Name
	rule, ok := iamAccess[name]
	if !ok {
		return fmt.Errorf("awsaccess: no authorization rule for iam:%s", name)
	}
	t, err := rule.res(x)
	if err != nil {
		return err
	}
	checks := []authz.Check{{Action: "iam:" + name, Resource: t.arn, Context: x.conditionKeys(rule.keys, t)}}
	if rule.grant != nil {
		checks[0].ResourcePolicy = rule.grant(x, t)
	}
	for _, d := range rule.also {
		dt, err := d.res(x)
		if err != nil {
			return err
		}
		checks = append(checks, authz.Check{Action: d.action, Resource: dt.arn, Context: x.conditionKeys(rule.keys&kResTags, dt)})
	}
	return x.c.Authorize(x.k.caller, checks...)
}

// conditionKeys builds the request's condition keys.
func (x *iamCall) conditionKeys(keys iamKeys, t iamTarget) *authz.Context {
	ctx := authz.NewContext()
	if keys&kReqTags != 0 {
		if tags := inTags(x.in, "Tags"); len(tags) > 0 {
			names := make([]string, 0, len(tags))
			for _, tg := range tags {
				ctx.Set("aws:RequestTag/"+tg.Key, tg.Value)
				names = append(names, tg.Key)
			}
			ctx.SetMulti("aws:TagKeys", names...)
		}
	}
	if keys&kTagKeys != 0 {
		if names := inStrings(x.in, "TagKeys"); len(names) > 0 {
			ctx.SetMulti("aws:TagKeys", names...)
		}
	}
	if keys&kResTags != 0 {
		for _, tg := range t.tags {
			ctx.Set("aws:ResourceTag/"+tg.Key, tg.Value)
			if t.principal {
				ctx.Set("iam:ResourceTag/"+tg.Key, tg.Value)
			}
		}
	}
	if keys&kBoundary != 0 {
		if b := inString(x.in, "PermissionsBoundary"); b != "" {
			ctx.Set("iam:PermissionsBoundary", b)
		} else if t.boundary != "" {
			ctx.Set("iam:PermissionsBoundary", t.boundary)
		}
	}
	if keys&kPolicyARN != 0 {
		if p := inString(x.in, "PolicyArn"); p != "" {
			ctx.Set("iam:PolicyARN", p)
		}
	}
	if keys&kService != 0 {
		if s := inString(x.in, "AWSServiceName"); s != "" {
			ctx.Set("iam:AWSServiceName", s)
		}
	}
	return ctx
}

// arn forms an IAM ARN of the caller's account.
func (x *iamCall) arn(resource string) string {
	return "arn:" + x.c.cfg.Partition + ":iam::" + x.acct.ID() + ":" + resource
}

// anyResource is "*", for operations without resource-level permissions.
func resAny(*iamCall) (iamTarget, error) { return iamTarget{arn: "*"}, nil }

// orCaller makes a user resource default to the caller when the input
// names no user.
const orCaller = 1

// user is the user the member names; with orCaller, the caller when the
// input names none.
func resUser(member string, flags int) iamResource {
	return func(x *iamCall) (iamTarget, error) {
		name := inString(x.in, member)
		if name == "" && flags&orCaller != 0 {
			if x.k.caller.Type != authz.PrincipalUser {
				return iamTarget{arn: x.k.caller.ARN}, nil
			}
			name = x.k.caller.UserName
		}
		return x.userTarget(name), nil
	}
}

func (x *iamCall) userTarget(name string) iamTarget {
	if u, err := x.acct.GetUser(name); err == nil {
		return iamTarget{arn: u.ARN, tags: u.Tags, boundary: u.PermissionsBoundary, principal: true}
	}
	return iamTarget{arn: x.arn("user/" + name), principal: true}
}

// newUser is the user a Create names, with the path of the request.
func resNewUser(nameMember, pathMember string) iamResource {
	return func(x *iamCall) (iamTarget, error) {
		return iamTarget{arn: x.arn("user" + inPath(x.in, pathMember) + inString(x.in, nameMember)), principal: true}, nil
	}
}

// renamedUser is the user UpdateUser makes: IAM needs permission on both
// the user and its new name and path.
func resRenamedUser(x *iamCall) (iamTarget, error) {
	name := inString(x.in, "UserName")
	path := inString(x.in, "NewPath")
	newName := inString(x.in, "NewUserName")
	if u, err := x.acct.GetUser(name); err == nil {
		if path == "" {
			path = u.Path
		}
		name = u.UserName
	}
	if newName == "" {
		newName = name
	}
	if path == "" {
		path = "/"
	}
	return iamTarget{arn: x.arn("user" + path + newName), principal: true}, nil
}

func resGroup(member string) iamResource {
	return func(x *iamCall) (iamTarget, error) {
		name := inString(x.in, member)
		if g, _, err := x.acct.GetGroup(name); err == nil {
			return iamTarget{arn: g.ARN}, nil
		}
		return iamTarget{arn: x.arn("group/" + name)}, nil
	}
}

// renamedGroup is the group UpdateGroup makes: IAM needs permission on
// both the group and its new name and path.
func resRenamedGroup(x *iamCall) (iamTarget, error) {
	name := inString(x.in, "GroupName")
	path := inString(x.in, "NewPath")
	newName := inString(x.in, "NewGroupName")
	if g, _, err := x.acct.GetGroup(name); err == nil {
		if path == "" {
			path = g.Path
		}
		name = g.GroupName
	}
	if newName == "" {
		newName = name
	}
	if path == "" {
		path = "/"
	}
	return iamTarget{arn: x.arn("group" + path + newName)}, nil
}

func resNewGroup(nameMember, pathMember string) iamResource {
	return func(x *iamCall) (iamTarget, error) {
		return iamTarget{arn: x.arn("group" + inPath(x.in, pathMember) + inString(x.in, nameMember))}, nil
	}
}

func resRole(member string) iamResource {
	return func(x *iamCall) (iamTarget, error) {
		return x.roleTarget(inString(x.in, member)), nil
	}
}

func (x *iamCall) roleTarget(name string) iamTarget {
	if r, err := x.acct.GetRole(name); err == nil {
		return iamTarget{arn: r.ARN, tags: r.Tags, boundary: r.PermissionsBoundary, principal: true}
	}
	return iamTarget{arn: x.arn("role/" + name), principal: true}
}

func resNewRole(nameMember, pathMember string) iamResource {
	return func(x *iamCall) (iamTarget, error) {
		return iamTarget{arn: x.arn("role" + inPath(x.in, pathMember) + inString(x.in, nameMember)), principal: true}, nil
	}
}

// serviceLinkedRole is the role CreateServiceLinkedRole makes:
// role/aws-service-role/SERVICE/NAME[_SUFFIX].
func resServiceLinkedRole(x *iamCall) (iamTarget, error) {
	svc := inString(x.in, "AWSServiceName")
	name := authn.ServiceLinkedRoleName(svc)
	if s := inString(x.in, "CustomSuffix"); s != "" {
		name += "_" + s
	}
	return iamTarget{arn: x.arn("role/aws-service-role/" + svc + "/" + name), principal: true}, nil
}

// deletionTaskRole is the role a service-linked role deletion task names
// (task/aws-service-role/SERVICE/NAME/ID).
func resDeletionTaskRole(x *iamCall) (iamTarget, error) {
	path, name, ok := parseDeletionTask(inString(x.in, "DeletionTaskId"))
	if !ok {
		return iamTarget{arn: "*"}, nil
	}
	if r, err := x.acct.GetRole(name); err == nil && r.Path == path {
		return iamTarget{arn: r.ARN, tags: r.Tags, principal: true}, nil
	}
	return iamTarget{arn: x.arn("role" + path + name), principal: true}, nil
}

// accessKeyUser is the user an access key belongs to.
func resAccessKeyUser(x *iamCall) (iamTarget, error) {
	last, err := x.acct.GetAccessKeyLastUsed(inString(x.in, "AccessKeyId"))
	switch {
	case err != nil:
		return iamTarget{arn: "*"}, nil
	case last.UserName == "":
		return iamTarget{arn: x.arn("root")}, nil
	}
	return x.userTarget(last.UserName), nil
}

func resPolicy(x *iamCall) (iamTarget, error) {
	a := inString(x.in, "PolicyArn")
	if p, err := x.acct.GetPolicy(a); err == nil {
		return iamTarget{arn: a, tags: p.Tags}, nil
	}
	return iamTarget{arn: a}, nil
}

func resNewPolicy(x *iamCall) (iamTarget, error) {
	return iamTarget{arn: x.arn("policy" + inPath(x.in, "Path") + inString(x.in, "PolicyName"))}, nil
}

func resInstanceProfile(x *iamCall) (iamTarget, error) {
	name := inString(x.in, "InstanceProfileName")
	if p, err := x.acct.GetInstanceProfile(name); err == nil {
		return iamTarget{arn: p.ARN, tags: p.Tags}, nil
	}
	return iamTarget{arn: x.arn("instance-profile/" + name)}, nil
}

func resNewInstanceProfile(x *iamCall) (iamTarget, error) {
	return iamTarget{arn: x.arn("instance-profile" + inPath(x.in, "Path") + inString(x.in, "InstanceProfileName"))}, nil
}

func resOIDCProvider(x *iamCall) (iamTarget, error) {
	a := inString(x.in, "OpenIDConnectProviderArn")
	if p, err := x.acct.GetOpenIDConnectProvider(a); err == nil {
		return iamTarget{arn: a, tags: p.Tags}, nil
	}
	return iamTarget{arn: a}, nil
}

// newOIDCProvider is oidc-provider/HOST/PATH of the provider's URL.
func resNewOIDCProvider(x *iamCall) (iamTarget, error) {
	u := inString(x.in, "Url")
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	return iamTarget{arn: x.arn("oidc-provider/" + strings.TrimSuffix(u, "/"))}, nil
}

func resSAMLProvider(x *iamCall) (iamTarget, error) {
	a := inString(x.in, "SAMLProviderArn")
	if p, err := x.acct.GetSAMLProvider(a); err == nil {
		return iamTarget{arn: a, tags: p.Tags}, nil
	}
	return iamTarget{arn: a}, nil
}

func resNewSAMLProvider(x *iamCall) (iamTarget, error) {
	return iamTarget{arn: x.arn("saml-provider/" + inString(x.in, "Name"))}, nil
}

// mfaDevice is the device a SerialNumber names (its ARN).
func resMFADevice(x *iamCall) (iamTarget, error) {
	serial := inString(x.in, "SerialNumber")
	if d, err := x.acct.GetVirtualMFADevice(serial); err == nil {
		return iamTarget{arn: serial, tags: d.Tags}, nil
	}
	return iamTarget{arn: serial}, nil
}

func resNewMFADevice(x *iamCall) (iamTarget, error) {
	return iamTarget{arn: x.arn("mfa" + inPath(x.in, "Path") + inString(x.in, "VirtualMFADeviceName"))}, nil
}

// policySource is the user, group or role whose policies
// SimulatePrincipalPolicy simulates.
func resPolicySource(x *iamCall) (iamTarget, error) {
	a := inString(x.in, "PolicySourceArn")
	kind, name, ok := iamEntityOf(a, x.acct.ID())
	if !ok {
		return iamTarget{arn: a}, nil
	}
	switch kind {
	case "user":
		if u, err := x.acct.GetUser(name); err == nil && u.ARN == a {
			return iamTarget{arn: a, tags: u.Tags, principal: true}, nil
		}
	case "role":
		if r, err := x.acct.GetRole(name); err == nil && r.ARN == a {
			return iamTarget{arn: a, tags: r.Tags, principal: true}, nil
		}
	}
	return iamTarget{arn: a, principal: kind != "group"}, nil
}

// iamEntityOf splits arn:P:iam::ACCOUNT:KIND/PATH/NAME of the given account
// into its kind and name.
func iamEntityOf(a, account string) (kind, name string, ok bool) {
	parts := strings.SplitN(a, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[3] != "" || parts[4] != account {
		return "", "", false
	}
	kind, rest, ok := strings.Cut(parts[5], "/")
	if !ok || rest == "" {
		return "", "", false
	}
	return kind, rest[strings.LastIndexByte(rest, '/')+1:], true
}

// parseDeletionTask reads task/aws-service-role/SERVICE/NAME/ID into the
// role's path and name.
func parseDeletionTask(id string) (path, name string, ok bool) {
	rest, ok := strings.CutPrefix(id, "task/aws-service-role/")
	if !ok {
		return "", "", false
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return "", "", false
	}
	return "/aws-service-role/" + parts[0] + "/", parts[1], true
}

// Input accessors: the decoded document holds strings, bools, int64s,
// lists and maps by member name.

func inString(in map[string]any, member string) string {
	s, _ := in[member].(string)
	return s
}

// inPath is the path member's value, "/" when absent.
func inPath(in map[string]any, member string) string {
	if p := inString(in, member); p != "" {
		return p
	}
	return "/"
}

func inStrings(in map[string]any, member string) []string {
	list, _ := in[member].([]any)
	out := make([]string, 0, len(list))
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func inTags(in map[string]any, member string) []authn.Tag {
	list, _ := in[member].([]any)
	var out []authn.Tag
	for _, v := range list {
		m, _ := v.(map[string]any)
		out = append(out, authn.Tag{Key: inString(m, "Key"), Value: inString(m, "Value")})
	}
	return out
}
