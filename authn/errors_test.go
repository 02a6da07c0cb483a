package authn_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

type errCase struct {
	name     string
	run      func(t *testing.T, w *world) error
	code     string
	msg      string
	status   int
	sentinel error
}

const denyAll = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`

func errorCases() []errCase {
	assumeRoleTrust := trustAWS("arn:aws:iam::" + acctA + ":root")
	return []errCase{
		{
			name: "NoSuchEntity user",
			run: func(t *testing.T, w *world) error {
				_, err := w.a.GetUser("bob")
				return err
			},
			code: "NoSuchEntity", msg: "The user with name bob cannot be found.", status: 404, sentinel: authn.ErrNoSuchEntity,
		},
		{
			name: "NoSuchEntity group",
			run: func(t *testing.T, w *world) error {
				_, _, err := w.a.GetGroup("devs")
				return err
			},
			code: "NoSuchEntity", msg: "The group with name devs cannot be found.", status: 404, sentinel: authn.ErrNoSuchEntity,
		},
		{
			name: "NoSuchEntity role",
			run: func(t *testing.T, w *world) error {
				_, err := w.a.GetRole("r")
				return err
			},
			code: "NoSuchEntity", msg: "The role with name r cannot be found.", status: 404, sentinel: authn.ErrNoSuchEntity,
		},
		{
			name: "NoSuchEntity access key",
			run: func(t *testing.T, w *world) error {
				must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
				return w.a.DeleteAccessKey("bob", "AKIAEXAMPLEEXAMPLE12")
			},
			code: "NoSuchEntity", msg: "The Access Key with id AKIAEXAMPLEEXAMPLE12 cannot be found.", status: 404, sentinel: authn.ErrNoSuchEntity,
		},
		{
			name: "NoSuchEntity attach unknown policy",
			run: func(t *testing.T, w *world) error {
				must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
				return w.a.AttachUserPolicy("bob", "arn:aws:iam::111111111111:policy/Nope")
			},
			code: "NoSuchEntity", msg: "Policy arn:aws:iam::111111111111:policy/Nope does not exist or is not attachable.", status: 404, sentinel: authn.ErrNoSuchEntity,
		},
		{
			name: "NoSuchEntity get policy",
			run: func(t *testing.T, w *world) error {
				_, err := w.a.GetPolicy("arn:aws:iam::111111111111:policy/Nope")
				return err
			},
			code: "NoSuchEntity", msg: "Policy arn:aws:iam::111111111111:policy/Nope was not found.", status: 404, sentinel: authn.ErrNoSuchEntity,
		},
		{
			name: "NoSuchEntity inline",
			run: func(t *testing.T, w *world) error {
				must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
				_, err := w.a.GetUserPolicy("bob", "p")
				return err
			},
			code: "NoSuchEntity", msg: "The user policy with name p cannot be found.", status: 404, sentinel: authn.ErrNoSuchEntity,
		},
		{
			name: "NoSuchEntity password policy",
			run: func(t *testing.T, w *world) error {
				_, err := w.a.GetAccountPasswordPolicy()
				return err
			},
			code: "NoSuchEntity", msg: "The Password Policy with domain name 111111111111 cannot be found.", status: 404, sentinel: authn.ErrNoSuchEntity,
		},
		{
			name: "NoSuchEntity instance profile",
			run: func(t *testing.T, w *world) error {
				_, err := w.a.GetInstanceProfile("web")
				return err
			},
			code: "NoSuchEntity", msg: "Instance Profile web cannot be found.", status: 404, sentinel: authn.ErrNoSuchEntity,
		},
		{
			name: "EntityAlreadyExists user, case-insensitive",
			run: func(t *testing.T, w *world) error {
				must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
				_, err := w.a.CreateUser(authn.CreateUserInput{UserName: "BOB"})
				return err
			},
			code: "EntityAlreadyExists", msg: "User with name BOB already exists.", status: 409, sentinel: authn.ErrEntityAlreadyExists,
		},
		{
			name: "EntityAlreadyExists group",
			run: func(t *testing.T, w *world) error {
				must[authn.Group](t)(w.a.CreateGroup("", "Devs"))
				_, err := w.a.CreateGroup("/x/", "devs")
				return err
			},
			code: "EntityAlreadyExists", msg: "Group with name devs already exists.", status: 409, sentinel: authn.ErrEntityAlreadyExists,
		},
		{
			name: "EntityAlreadyExists role",
			run: func(t *testing.T, w *world) error {
				must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "r", AssumeRolePolicyDocument: assumeRoleTrust}))
				_, err := w.a.CreateRole(authn.CreateRoleInput{RoleName: "R", AssumeRolePolicyDocument: assumeRoleTrust})
				return err
			},
			code: "EntityAlreadyExists", msg: "Role with name R already exists.", status: 409, sentinel: authn.ErrEntityAlreadyExists,
		},
		{
			name: "EntityAlreadyExists policy",
			run: func(t *testing.T, w *world) error {
				must[authn.ManagedPolicy](t)(w.a.CreatePolicy(authn.CreatePolicyInput{PolicyName: "P", PolicyDocument: allowAll}))
				_, err := w.a.CreatePolicy(authn.CreatePolicyInput{PolicyName: "p", Path: "/other/", PolicyDocument: allowAll})
				return err
			},
			code: "EntityAlreadyExists", msg: "A policy called p already exists. Duplicate names are not allowed.", status: 409, sentinel: authn.ErrEntityAlreadyExists,
		},
		{
			name: "EntityAlreadyExists instance profile",
			run: func(t *testing.T, w *world) error {
				must[authn.InstanceProfile](t)(w.a.CreateInstanceProfile("", "web", nil))
				_, err := w.a.CreateInstanceProfile("", "Web", nil)
				return err
			},
			code: "EntityAlreadyExists", msg: "Instance Profile Web already exists.", status: 409, sentinel: authn.ErrEntityAlreadyExists,
		},
		{
			name: "LimitExceeded access keys",
			run: func(t *testing.T, w *world) error {
				must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
				must[authn.AccessKey](t)(w.a.CreateAccessKey("bob"))
				must[authn.AccessKey](t)(w.a.CreateAccessKey("bob"))
				_, err := w.a.CreateAccessKey("bob")
				return err
			},
			code: "LimitExceeded", msg: "Cannot exceed quota for AccessKeysPerUser: 2", status: 409, sentinel: authn.ErrLimitExceeded,
		},
		{
			name: "LimitExceeded managed policies per role",
			run: func(t *testing.T, w *world) error {
				must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "r", AssumeRolePolicyDocument: assumeRoleTrust}))
				for i := range 11 {
					p := must[authn.ManagedPolicy](t)(w.a.CreatePolicy(authn.CreatePolicyInput{PolicyName: "p" + string(rune('a'+i)), PolicyDocument: allowAll}))
					if err := w.a.AttachRolePolicy("r", p.ARN); err != nil {
						return err
					}
				}
				return nil
			},
			code: "LimitExceeded", msg: "Cannot exceed quota for PoliciesPerRole: 10", status: 409, sentinel: authn.ErrLimitExceeded,
		},
		{
			name: "LimitExceeded policy versions",
			run: func(t *testing.T, w *world) error {
				p := must[authn.ManagedPolicy](t)(w.a.CreatePolicy(authn.CreatePolicyInput{PolicyName: "p", PolicyDocument: allowAll}))
				for range 4 {
					must[authn.PolicyVersion](t)(w.a.CreatePolicyVersion(p.ARN, allowAll, false))
				}
				_, err := w.a.CreatePolicyVersion(p.ARN, allowAll, false)
				return err
			},
			code: "LimitExceeded", msg: "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.", status: 409, sentinel: authn.ErrLimitExceeded,
		},
		{
			name: "LimitExceeded inline aggregate of a user",
			run: func(t *testing.T, w *world) error {
				must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
				ok(t, w.a.PutUserPolicy("bob", "p1", bigPolicy(1200)))
				return w.a.PutUserPolicy("bob", "p2", bigPolicy(1200))
			},
			code: "LimitExceeded", msg: "Maximum policy size of 2048 bytes exceeded for user bob", status: 409, sentinel: authn.ErrLimitExceeded,
		},
		{
			name: "LimitExceeded instance profile roles",
			run: func(t *testing.T, w *world) error {
				must[authn.InstanceProfile](t)(w.a.CreateInstanceProfile("", "web", nil))
				for _, n := range []string{"r1", "r2"} {
					must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: n, AssumeRolePolicyDocument: assumeRoleTrust}))
					if err := w.a.AddRoleToInstanceProfile("web", n); err != nil {
						return err
					}
				}
				return nil
			},
			code: "LimitExceeded", msg: "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1", status: 409, sentinel: authn.ErrLimitExceeded,
		},
		{
			name: "DeleteConflict access keys",
			run: func(t *testing.T, w *world) error {
				must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
				must[authn.AccessKey](t)(w.a.CreateAccessKey("bob"))
				return w.a.DeleteUser("bob")
			},
			code: "DeleteConflict", msg: "Cannot delete entity, must delete access keys first.", status: 409, sentinel: authn.ErrDeleteConflict,
		},
		{
			name: "DeleteConflict group members",
			run: func(t *testing.T, w *world) error {
				must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
				must[authn.Group](t)(w.a.CreateGroup("", "g"))
				ok(t, w.a.AddUserToGroup("g", "bob"))
				return w.a.DeleteGroup("g")
			},
			code: "DeleteConflict", msg: "Cannot delete entity, must remove users from group first.", status: 409, sentinel: authn.ErrDeleteConflict,
		},
		{
			name: "DeleteConflict attached policy",
			run: func(t *testing.T, w *world) error {
				must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
				p := must[authn.ManagedPolicy](t)(w.a.CreatePolicy(authn.CreatePolicyInput{PolicyName: "p", PolicyDocument: allowAll}))
				ok(t, w.a.AttachUserPolicy("bob", p.ARN))
				return w.a.DeletePolicy(p.ARN)
			},
			code: "DeleteConflict", msg: "Cannot delete a policy attached to entities.", status: 409, sentinel: authn.ErrDeleteConflict,
		},
		{
			name: "DeleteConflict default version",
			run: func(t *testing.T, w *world) error {
				p := must[authn.ManagedPolicy](t)(w.a.CreatePolicy(authn.CreatePolicyInput{PolicyName: "p", PolicyDocument: allowAll}))
				return w.a.DeletePolicyVersion(p.ARN, "v1")
			},
			code: "DeleteConflict", msg: "Cannot delete the default version of a policy.", status: 409, sentinel: authn.ErrDeleteConflict,
		},
		{
			name: "DeleteConflict role in instance profile",
			run: func(t *testing.T, w *world) error {
				must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "r", AssumeRolePolicyDocument: assumeRoleTrust}))
				must[authn.InstanceProfile](t)(w.a.CreateInstanceProfile("", "web", nil))
				ok(t, w.a.AddRoleToInstanceProfile("web", "r"))
				return w.a.DeleteRole("r")
			},
			code: "DeleteConflict", msg: "Cannot delete entity, must remove roles from instance profile first.", status: 409, sentinel: authn.ErrDeleteConflict,
		},
		{
			name: "UnmodifiableEntity delete service-linked role",
			run: func(t *testing.T, w *world) error {
				must[authn.Role](t)(w.a.CreateServiceLinkedRole("inspector2.amazonaws.com", "", ""))
				return w.a.DeleteRole("AWSServiceRoleForAmazonInspector2")
			},
			code: "UnmodifiableEntity", msg: "Cannot perform the operation on the protected role 'AWSServiceRoleForAmazonInspector2' - this role is only modifiable by AWS", status: 400, sentinel: authn.ErrUnmodifiableEntity,
		},
		{
			name: "UnmodifiableEntity edit trust of service-linked role",
			run: func(t *testing.T, w *world) error {
				must[authn.Role](t)(w.a.CreateServiceLinkedRole("organizations.amazonaws.com", "", ""))
				return w.a.UpdateAssumeRolePolicy("AWSServiceRoleForOrganizations", assumeRoleTrust)
			},
			code: "UnmodifiableEntity", msg: "Cannot perform the operation on the protected role 'AWSServiceRoleForOrganizations' - this role is only modifiable by AWS", status: 400, sentinel: authn.ErrUnmodifiableEntity,
		},
		{
			name: "MalformedPolicyDocument from authz",
			run: func(t *testing.T, w *world) error {
				_, err := w.a.CreatePolicy(authn.CreatePolicyInput{PolicyName: "p", PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}`})
				return err
			},
			code: "MalformedPolicyDocument", msg: "Policy statement must contain resources.", status: 400, sentinel: authn.ErrMalformedPolicyDocument,
		},
		{
			name: "MalformedPolicyDocument principal in identity policy",
			run: func(t *testing.T, w *world) error {
				must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
				return w.a.PutUserPolicy("bob", "p", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}`)
			},
			code: "MalformedPolicyDocument", msg: "Policy document should not specify a principal.", status: 400, sentinel: authn.ErrMalformedPolicyDocument,
		},
		{
			name: "LimitExceeded trust policy size",
			run: func(t *testing.T, w *world) error {
				_, err := w.a.CreateRole(authn.CreateRoleInput{RoleName: "r", AssumeRolePolicyDocument: trustAWS("arn:aws:iam::"+acctA+":root", `{"StringEquals":{"sts:ExternalId":"`+strings.Repeat("x", 2100)+`"}}`)})
				return err
			},
			code: "LimitExceeded", msg: "Cannot exceed quota for ACLSizePerRole: 2048", status: 409, sentinel: authn.ErrLimitExceeded,
		},
		{
			name: "InvalidInput service role name taken",
			run: func(t *testing.T, w *world) error {
				must[authn.Role](t)(w.a.CreateServiceLinkedRole("inspector2.amazonaws.com", "", ""))
				_, err := w.a.CreateServiceLinkedRole("inspector2.amazonaws.com", "", "")
				return err
			},
			code: "InvalidInput", msg: "Service role name AWSServiceRoleForAmazonInspector2 has been taken in this account, please try a different suffix.", status: 400, sentinel: authn.ErrInvalidInput,
		},
		{
			name: "PasswordPolicyViolation length",
			run: func(t *testing.T, w *world) error {
				ok(t, w.a.UpdateAccountPasswordPolicy(authn.PasswordPolicy{MinimumPasswordLength: 14}))
				must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
				_, err := w.a.CreateLoginProfile("bob", "Sh0rt!pass", false)
				return err
			},
			code: "PasswordPolicyViolation", msg: "Password should have a minimum length of 14", status: 400, sentinel: authn.ErrPasswordPolicyViolation,
		},
		{
			name: "PasswordPolicyViolation symbol",
			run: func(t *testing.T, w *world) error {
				ok(t, w.a.UpdateAccountPasswordPolicy(authn.PasswordPolicy{RequireSymbols: true}))
				must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
				_, err := w.a.CreateLoginProfile("bob", "NoSymbols123", false)
				return err
			},
			code: "PasswordPolicyViolation", msg: "Password should have at least one symbol", status: 400, sentinel: authn.ErrPasswordPolicyViolation,
		},
		{
			name: "ValidationError user name pattern",
			run: func(t *testing.T, w *world) error {
				_, err := w.a.CreateUser(authn.CreateUserInput{UserName: "bad name"})
				return err
			},
			code: "ValidationError", msg: `1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`, status: 400, sentinel: authn.ErrValidation,
		},
		{
			name: "ValidationError user name length",
			run: func(t *testing.T, w *world) error {
				_, err := w.a.CreateUser(authn.CreateUserInput{UserName: strings.Repeat("u", 65)})
				return err
			},
			code: "ValidationError", msg: "1 validation error detected: Value '" + strings.Repeat("u", 65) + "' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64", status: 400, sentinel: authn.ErrValidation,
		},
		{
			name: "ValidationError path",
			run: func(t *testing.T, w *world) error {
				_, err := w.a.CreateUser(authn.CreateUserInput{UserName: "bob", Path: "nopath"})
				return err
			},
			code: "ValidationError", msg: `1 validation error detected: Value 'nopath' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F)`, status: 400, sentinel: authn.ErrValidation,
		},
		{
			name: "ValidationError max session duration",
			run: func(t *testing.T, w *world) error {
				_, err := w.a.CreateRole(authn.CreateRoleInput{RoleName: "r", AssumeRolePolicyDocument: assumeRoleTrust, MaxSessionDuration: 13 * time.Hour})
				return err
			},
			code: "ValidationError", msg: "1 validation error detected: Value '46800' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200", status: 400, sentinel: authn.ErrValidation,
		},
		{
			name: "ValidationError duration exceeds role maximum",
			run: func(t *testing.T, w *world) error {
				caller := w.assumeSetup(t, assumeRoleTrust)
				_, err := w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "target"), RoleSessionName: "s1", DurationSeconds: 7200})
				return err
			},
			code: "ValidationError", msg: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.", status: 400, sentinel: authn.ErrValidation,
		},
		{
			name: "ValidationError role session name",
			run: func(t *testing.T, w *world) error {
				caller := w.assumeSetup(t, assumeRoleTrust)
				_, err := w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "target"), RoleSessionName: "x"})
				return err
			},
			code: "ValidationError", msg: "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2", status: 400, sentinel: authn.ErrValidation,
		},
		{
			name: "AccessDenied AssumeRole",
			run: func(t *testing.T, w *world) error {
				caller := w.assumeSetup(t, trustAWS("arn:aws:iam::"+acctA+":user/someone-else"))
				_, err := w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "target"), RoleSessionName: "s1"})
				return err
			},
			code: "AccessDenied", msg: "User: arn:aws:iam::111111111111:user/caller is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/target because no role trust policy allows the sts:AssumeRole action", status: 403, sentinel: authn.ErrAccessDenied,
		},
		{
			name: "AccessDenied invalid MFA code",
			run: func(t *testing.T, w *world) error {
				caller := w.assumeSetup(t, assumeRoleTrust)
				dev := must[authn.VirtualMFADevice](t)(w.a.CreateVirtualMFADevice("", "caller"))
				enableMFA(t, w, "caller", dev)
				_, err := w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "target"), RoleSessionName: "s1", SerialNumber: dev.SerialNumber, TokenCode: "000000"})
				return err
			},
			code: "AccessDenied", msg: "MultiFactorAuthentication failed with invalid MFA one time pass code.", status: 403, sentinel: authn.ErrAccessDenied,
		},
		{
			name: "ExpiredToken resolve",
			run: func(t *testing.T, w *world) error {
				caller := w.assumeSetup(t, assumeRoleTrust)
				out := must[*authn.AssumeRoleOutput](t)(w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "target"), RoleSessionName: "s1", DurationSeconds: 900}))
				w.clock.Advance(15 * time.Minute)
				_, err := w.d.Resolve(out.Credentials.AccessKeyID)
				return err
			},
			code: "ExpiredToken", msg: "The security token included in the request is expired", status: 400, sentinel: authn.ErrExpiredToken,
		},
		{
			name: "InvalidClientTokenId unknown key",
			run: func(t *testing.T, w *world) error {
				_, err := w.d.Resolve("AKIAIOSFODNN7EXAMPLE")
				return err
			},
			code: "InvalidClientTokenId", msg: "The security token included in the request is invalid.", status: 403, sentinel: authn.ErrInvalidClientTokenID,
		},
		{
			name: "InvalidIdentityToken not a JWT",
			run: func(t *testing.T, w *world) error {
				w.oidcSetup(t)
				_, err := w.d.AssumeRoleWithWebIdentity(authn.AssumeRoleWithWebIdentityInput{RoleARN: roleARN(acctA, "web"), RoleSessionName: "s1", WebIdentityToken: "not-a-jwt"})
				return err
			},
			code: "InvalidIdentityToken", msg: "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)", status: 400, sentinel: authn.ErrInvalidIdentityToken,
		},
		{
			name: "IDPRejectedClaim SAML role not in assertion",
			run: func(t *testing.T, w *world) error {
				prov := w.samlSetup(t)
				as := w.assertion(prov)
				as.Roles = nil
				_, err := w.d.AssumeRoleWithSAML(authn.AssumeRoleWithSAMLInput{RoleARN: roleARN(acctA, "saml"), PrincipalARN: prov, Assertion: as})
				return err
			},
			code: "IDPRejectedClaim", msg: "The SAML assertion's Role attribute does not pair arn:aws:iam::111111111111:role/saml with arn:aws:iam::111111111111:saml-provider/corp.", status: 403, sentinel: authn.ErrIDPRejectedClaim,
		},
		{
			name: "MalformedPolicyDocument session policy",
			run: func(t *testing.T, w *world) error {
				caller := w.assumeSetup(t, assumeRoleTrust)
				_, err := w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "target"), RoleSessionName: "s1", Policy: `{"Statement":`})
				return err
			},
			code: "MalformedPolicyDocument", msg: "Syntax errors in policy.", status: 400, sentinel: authn.ErrMalformedPolicyDocument,
		},
		{
			name: "PackedPolicyTooLarge",
			run: func(t *testing.T, w *world) error {
				caller := w.assumeSetup(t, assumeRoleTrust)
				var tags []authn.Tag
				for i := range 50 {
					tags = append(tags, authn.Tag{Key: randomish(i, 128), Value: randomish(i+100, 256)})
				}
				_, err := w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "target"), RoleSessionName: "s1", Tags: tags})
				return err
			},
			code: "PackedPolicyTooLarge", msg: "Packed policy consumes 729% of allotted space, please use smaller policy.", status: 400, sentinel: authn.ErrPackedPolicyTooLarge,
		},
		{
			name: "RegionDisabled",
			run: func(t *testing.T, w *world) error {
				caller := w.assumeSetup(t, assumeRoleTrust)
				_, err := w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "target"), RoleSessionName: "s1", Region: "af-south-1"})
				return err
			},
			code: "RegionDisabledException", msg: "STS is not activated in this region for account:111111111111. Your account administrator can activate STS in this region using the IAM Console.", status: 403, sentinel: authn.ErrRegionDisabled,
		},
		{
			name: "PolicyNotAttachable",
			run: func(t *testing.T, w *world) error {
				must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
				return w.a.AttachUserPolicy("bob", "arn:aws:iam::aws:policy/aws-service-role/AmazonInspector2ServiceRolePolicy")
			},
			code: "PolicyNotAttachable", msg: "Cannot attach a Service Role Policy to a Customer Role.", status: 400, sentinel: authn.ErrPolicyNotAttachable,
		},
		{
			name: "InvalidAuthenticationCode",
			run: func(t *testing.T, w *world) error {
				must[authn.User](t)(w.a.CreateUser(authn.CreateUserInput{UserName: "bob"}))
				dev := must[authn.VirtualMFADevice](t)(w.a.CreateVirtualMFADevice("", "bob"))
				return w.a.EnableMFADevice("bob", dev.SerialNumber, "123456", "654321")
			},
			code: "InvalidAuthenticationCode", msg: "Authentication code for device is not valid.", status: 403, sentinel: authn.ErrInvalidAuthenticationCode,
		},
	}
}

func TestErrors(t *testing.T) {
	for _, c := range errorCases() {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			err := c.run(t, w)
			var e *authn.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v (%T), want *authn.Error", err, err)
			}
			got := struct {
				Code   string
				Msg    string
				Status int
			}{e.Code, e.Message, e.HTTPStatusCode()}
			want := got
			want.Code, want.Status = c.code, c.status
			if c.msg != "" {
				want.Msg = c.msg
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if !errors.Is(err, c.sentinel) {
				t.Errorf("errors.Is(err, %v) = false", c.sentinel)
			}
			if e.ErrorCode() != e.Code || e.ErrorMessage() != e.Message || e.Error() != e.Code+": "+e.Message {
				t.Errorf("APIError methods disagree with fields: %q %q %q", e.ErrorCode(), e.ErrorMessage(), e.Error())
			}
		})
	}
}

func TestErrorSentinelsInterop(t *testing.T) {
	w := newWorld(t)
	_, err := w.d.LookupKey("AKIAIOSFODNN7EXAMPLE")
	if !errors.Is(err, sigv4.ErrInvalidAccessKeyID) {
		t.Errorf("LookupKey(unknown) = %v, want it to wrap sigv4.ErrInvalidAccessKeyID", err)
	}
	if !errors.Is(authn.ErrAccessDenied, authz.ErrAccessDenied) || !errors.Is(authn.ErrExpiredToken, sigv4.ErrExpiredToken) {
		t.Error("sentinels do not wrap their authz/sigv4 counterparts")
	}
}

// bigPolicy returns an identity policy of about n non-space characters.
func bigPolicy(n int) string {
	head := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::`
	tail := `"}]}`
	return head + strings.Repeat("b", max(n-len(head)-len(tail), 1)) + tail
}

// randomish returns a deterministic, poorly compressible tag string.
func randomish(seed, n int) string {
	const alpha = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:/=+-@"
	b := make([]byte, n)
	x := uint32(seed*2654435761 + 12345)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = alpha[x%uint32(len(alpha))]
	}
	return string(b)
}
