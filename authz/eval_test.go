package authz_test

import (
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

const (
	acctA = "111122223333"
	acctB = "444455556666"
)

var (
	userBob = authz.Principal{Type: authz.PrincipalUser, ARN: "arn:aws:iam::" + acctA + ":user/bob", Account: acctA, UniqueID: "AIDAEXAMPLEBOB000001", UserID: "AIDAEXAMPLEBOB000001", UserName: "bob"}
	rootA   = authz.Principal{Type: authz.PrincipalRoot, ARN: "arn:aws:iam::" + acctA + ":root", Account: acctA, UserID: acctA}
	session = authz.Principal{Type: authz.PrincipalAssumedRole, ARN: "arn:aws:sts::" + acctA + ":assumed-role/App/s1", Account: acctA, RoleARN: "arn:aws:iam::" + acctA + ":role/App", UniqueID: "AROAEXAMPLEAPP000001", UserID: "AROAEXAMPLEAPP000001:s1"}
	fedUser = authz.Principal{Type: authz.PrincipalFederatedUser, ARN: "arn:aws:sts::" + acctA + ":federated-user/fed", Account: acctA, ParentUserARN: userBob.ARN, UserID: acctA + ":fed"}
	userB   = authz.Principal{Type: authz.PrincipalUser, ARN: "arn:aws:iam::" + acctB + ":user/carol", Account: acctB, UniqueID: "AIDAEXAMPLECAROL0001", UserName: "carol"}
	slr     = authz.Principal{Type: authz.PrincipalAssumedRole, ARN: "arn:aws:sts::" + acctA + ":assumed-role/AWSServiceRoleForAmazonInspector2/inspector", Account: acctA, RoleARN: "arn:aws:iam::" + acctA + ":role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2", ServiceLinked: true}
	svc     = authz.Principal{Type: authz.PrincipalService, Service: "inspector2.amazonaws.com"}
)

func pol(t testing.TB, k authz.Kind, doc string) *authz.PolicyList {
	t.Helper()
	p, err := authz.Parse(k, []byte(doc))
	if err != nil {
		t.Fatalf("Parse(%s): %v\n%s", k, err, doc)
	}
	return authz.NewPolicyList(authz.Named{Name: string(k) + "-policy", Policy: p})
}

const (
	allowGet       = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}}`
	allowAll       = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`
	denyGet        = `{"Version":"2012-10-17","Statement":{"Sid":"NoGet","Effect":"Deny","Action":"s3:GetObject","Resource":"*"}}`
	allowPut       = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}}`
	bucketFor      = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}}`
	fullAWSAccess  = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`
	scpDenyS3      = `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}}`
	scpAllowIAM    = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:*","Resource":"*"}}`
	rcpFullAccess  = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}}`
	rcpOrgOnly     = `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-exampleorg"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}}`
	trustAccount   = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acctA + `:root"},"Action":"sts:AssumeRole"}}`
	trustBob       = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acctA + `:user/bob"},"Action":"sts:AssumeRole"}}`
	allowAssume    = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}}`
	objectARN      = "arn:aws:s3:::bucket/key.txt"
	roleARN        = "arn:aws:iam::" + acctA + ":role/Target"
	sessionGetOnly = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}`
)

func sprintf(format, arg string) string {
	out := []byte{}
	for i := 0; i < len(format); i++ {
		if format[i] == '%' && i+1 < len(format) && format[i+1] == 's' {
			out = append(out, arg...)
			i++
			continue
		}
		out = append(out, format[i])
	}
	return string(out)
}

// TestEvaluateDocumentedCases takes its cases from AWS's documentation of
// policy evaluation:
//   - reference_policies_evaluation-logic.html (policy-eval-denyallow and
//     the same-account table of resource-based policies),
//   - reference_policies_evaluation-logic-cross-account.html,
//   - access_policies_boundaries.html,
//   - access_policies.html#policies_session,
//   - orgs_manage_policies_scps.html and orgs_manage_policies_rcps.html,
//   - id_roles_use_switch-role-api / sts AssumeRole (trust policies).
func TestEvaluateDocumentedCases(t *testing.T) {
	type tc struct {
		name      string
		req       authz.Request
		set       func(t *testing.T) *authz.PolicySet
		want      authz.Decision
		decidedBy authz.Kind
		reason    string
	}
	get := func(p authz.Principal) authz.Request {
		return authz.Request{Principal: p, Action: "s3:GetObject", Resource: objectARN}
	}
	getIn := func(p authz.Principal, acct string) authz.Request {
		r := get(p)
		r.ResourceAccount = acct
		return r
	}
	assume := func(p authz.Principal) authz.Request {
		return authz.Request{Principal: p, Action: "sts:AssumeRole", Resource: roleARN}
	}
	tests := []tc{
		// policy-eval-denyallow: the default is deny.
		{"no policy: implicit deny", get(userBob), func(t *testing.T) *authz.PolicySet { return &authz.PolicySet{} },
			authz.ImplicitDeny, authz.Identity, "because no identity-based policy allows the s3:GetObject action"},
		{"identity allow", get(userBob), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowGet)}
		}, authz.Allowed, authz.Identity, ""},
		{"action matched case-insensitively", authz.Request{Principal: userBob, Action: "S3:getobject", Resource: objectARN}, func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowGet)}
		}, authz.Allowed, authz.Identity, ""},
		{"explicit deny overrides allow", get(userBob), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: authz.Of(authz.MustParse(authz.Identity, allowAll), authz.MustParse(authz.Identity, denyGet))}
		}, authz.ExplicitDeny, authz.Identity, "with an explicit deny in an identity-based policy"},
		{"root user has full access", get(rootA), func(t *testing.T) *authz.PolicySet { return &authz.PolicySet{} },
			authz.Allowed, authz.Identity, ""},
		// The same-account table of reference_policies_evaluation-logic.
		{"resource policy naming the user allows without identity policy", get(userBob), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Resource: pol(t, authz.Resource, sprintf(bucketFor, userBob.ARN))}
		}, authz.Allowed, authz.Resource, ""},
		{"resource policy naming the user is not limited by the boundary", get(userBob), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Resource: pol(t, authz.Resource, sprintf(bucketFor, userBob.ARN)), Boundary: pol(t, authz.Boundary, allowPut)}
		}, authz.Allowed, authz.Resource, ""},
		{"resource policy naming the role: the boundary limits", get(session), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Resource: pol(t, authz.Resource, sprintf(bucketFor, session.RoleARN)), Boundary: pol(t, authz.Boundary, allowPut)}
		}, authz.ImplicitDeny, authz.Boundary, "because no permissions boundary allows the s3:GetObject action"},
		{"resource policy naming the role: the session policy limits", get(session), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Resource: pol(t, authz.Resource, sprintf(bucketFor, session.RoleARN)), Session: pol(t, authz.Session, allowPut)}
		}, authz.ImplicitDeny, authz.Session, "because no session policy allows the s3:GetObject action"},
		{"resource policy naming the role allows without identity policy", get(session), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Resource: pol(t, authz.Resource, sprintf(bucketFor, session.RoleARN)), Boundary: pol(t, authz.Boundary, sessionGetOnly)}
		}, authz.Allowed, authz.Resource, ""},
		{"resource policy naming the session is not limited", get(session), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Resource: pol(t, authz.Resource, sprintf(bucketFor, session.ARN)), Boundary: pol(t, authz.Boundary, allowPut), Session: pol(t, authz.Session, allowPut)}
		}, authz.Allowed, authz.Resource, ""},
		{"resource policy naming the federated user is not limited", get(fedUser), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Resource: pol(t, authz.Resource, sprintf(bucketFor, fedUser.ARN))}
		}, authz.Allowed, authz.Resource, ""},
		{"resource policy naming the user who federated: session policy limits", get(fedUser), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Resource: pol(t, authz.Resource, sprintf(bucketFor, userBob.ARN))}
		}, authz.ImplicitDeny, authz.Session, "because no session policy allows the s3:GetObject action"},
		{"resource policy naming only the account delegates to identity policies", get(userBob), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Resource: pol(t, authz.Resource, sprintf(bucketFor, acctA))}
		}, authz.ImplicitDeny, authz.Identity, "because no identity-based policy allows the s3:GetObject action"},
		{"resource policy explicit deny", get(userBob), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowAll), Resource: pol(t, authz.Resource, `{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::bucket/*"}}`)}
		}, authz.ExplicitDeny, authz.Resource, "with an explicit deny in a resource-based policy"},
		// Permissions boundaries and session policies only narrow.
		{"boundary without allow", get(userBob), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowAll), Boundary: pol(t, authz.Boundary, allowPut)}
		}, authz.ImplicitDeny, authz.Boundary, "because no permissions boundary allows the s3:GetObject action"},
		{"boundary does not grant", get(userBob), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Boundary: pol(t, authz.Boundary, allowAll)}
		}, authz.ImplicitDeny, authz.Identity, "because no identity-based policy allows the s3:GetObject action"},
		{"role session without session policy", get(session), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowAll)}
		}, authz.Allowed, authz.Identity, ""},
		{"role session with narrowing session policy", authz.Request{Principal: session, Action: "s3:PutObject", Resource: objectARN}, func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowAll), Session: pol(t, authz.Session, sessionGetOnly)}
		}, authz.ImplicitDeny, authz.Session, "because no session policy allows the s3:PutObject action"},
		{"federated user without session policy has no permissions", get(fedUser), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowAll)}
		}, authz.ImplicitDeny, authz.Session, "because no session policy allows the s3:GetObject action"},
		{"federated user: user policy and session policy", get(fedUser), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowAll), Session: pol(t, authz.Session, sessionGetOnly)}
		}, authz.Allowed, authz.Identity, ""},
		// Cross-account: both sides must allow.
		{"cross-account: identity allows, resource policy silent", getIn(userBob, acctB), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowGet)}
		}, authz.ImplicitDeny, authz.Resource, "because no resource-based policy allows the s3:GetObject action"},
		{"cross-account: resource policy names the account, identity silent", getIn(userB, acctA), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Resource: pol(t, authz.Resource, sprintf(bucketFor, acctB))}
		}, authz.ImplicitDeny, authz.Identity, "because no identity-based policy allows the s3:GetObject action"},
		{"cross-account: both allow", getIn(userB, acctA), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowGet), Resource: pol(t, authz.Resource, sprintf(bucketFor, "arn:aws:iam::"+acctB+":root"))}
		}, authz.Allowed, authz.Identity, ""},
		{"cross-account: resource policy naming the user still needs identity allow", getIn(userB, acctA), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Resource: pol(t, authz.Resource, sprintf(bucketFor, userB.ARN))}
		}, authz.ImplicitDeny, authz.Identity, "because no identity-based policy allows the s3:GetObject action"},
		{"cross-account root still needs the resource policy", getIn(authz.Principal{Type: authz.PrincipalRoot, ARN: "arn:aws:iam::" + acctB + ":root", Account: acctB}, acctA), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{}
		}, authz.ImplicitDeny, authz.Resource, "because no resource-based policy allows the s3:GetObject action"},
		// SCPs: an Allow at every level; management account and
		// service-linked roles exempt; the member root is bound.
		{"SCP chain allows", get(userBob), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowGet), SCPs: []*authz.PolicyList{pol(t, authz.SCP, fullAWSAccess), pol(t, authz.SCP, fullAWSAccess)}}
		}, authz.Allowed, authz.Identity, ""},
		{"SCP level without allow", get(userBob), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowGet), SCPs: []*authz.PolicyList{pol(t, authz.SCP, fullAWSAccess), pol(t, authz.SCP, scpAllowIAM), pol(t, authz.SCP, fullAWSAccess)}}
		}, authz.ImplicitDeny, authz.SCP, "because no service control policy allows the s3:GetObject action"},
		{"SCP explicit deny", get(userBob), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowGet), SCPs: []*authz.PolicyList{authz.Of(authz.MustParse(authz.SCP, fullAWSAccess), authz.MustParse(authz.SCP, scpDenyS3))}}
		}, authz.ExplicitDeny, authz.SCP, "with an explicit deny in a service control policy"},
		{"SCP binds the member root user", get(rootA), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{SCPs: []*authz.PolicyList{authz.Of(authz.MustParse(authz.SCP, fullAWSAccess), authz.MustParse(authz.SCP, scpDenyS3))}}
		}, authz.ExplicitDeny, authz.SCP, "with an explicit deny in a service control policy"},
		{"SCPs do not apply to the management account", get(userBob), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowGet), SCPs: []*authz.PolicyList{pol(t, authz.SCP, scpDenyS3)}, PrincipalInManagementAccount: true}
		}, authz.Allowed, authz.Identity, ""},
		{"SCPs do not apply to service-linked roles", get(slr), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowGet), SCPs: []*authz.PolicyList{pol(t, authz.SCP, scpDenyS3)}}
		}, authz.Allowed, authz.Identity, ""},
		// RCPs restrict access to the member account's resources.
		{"RCP denies a principal outside the organization", getIn(userB, acctA), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowGet), Resource: pol(t, authz.Resource, sprintf(bucketFor, acctB)),
				RCPs: []*authz.PolicyList{authz.Of(authz.MustParse(authz.RCP, rcpFullAccess), authz.MustParse(authz.RCP, rcpOrgOnly))}}
		}, authz.ExplicitDeny, authz.RCP, "with an explicit deny in a resource control policy"},
		{"RCP lets the organization in", authz.Request{Principal: userB, Action: "s3:GetObject", Resource: objectARN, ResourceAccount: acctA, Context: authz.NewContext().Set("aws:PrincipalOrgID", "o-exampleorg")}, func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowGet), Resource: pol(t, authz.Resource, sprintf(bucketFor, acctB)),
				RCPs: []*authz.PolicyList{authz.Of(authz.MustParse(authz.RCP, rcpFullAccess), authz.MustParse(authz.RCP, rcpOrgOnly))}}
		}, authz.Allowed, authz.Identity, ""},
		{"RCPs do not apply in the management account", getIn(userB, acctA), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowGet), Resource: pol(t, authz.Resource, sprintf(bucketFor, acctB)),
				RCPs: []*authz.PolicyList{pol(t, authz.RCP, rcpOrgOnly)}, ResourceInManagementAccount: true}
		}, authz.Allowed, authz.Identity, ""},
		// Role trust policies must allow even in the same account.
		{"trust names the account, identity allows", assume(userBob), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowAssume), Resource: pol(t, authz.Trust, trustAccount)}
		}, authz.Allowed, authz.Identity, ""},
		{"trust names the account, identity silent", assume(userBob), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Resource: pol(t, authz.Trust, trustAccount)}
		}, authz.ImplicitDeny, authz.Identity, "because no identity-based policy allows the sts:AssumeRole action"},
		{"trust names the user", assume(userBob), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Resource: pol(t, authz.Trust, trustBob)}
		}, authz.Allowed, authz.Trust, ""},
		{"trust silent, identity allows", assume(authz.Principal{Type: authz.PrincipalUser, ARN: "arn:aws:iam::" + acctA + ":user/eve", Account: acctA}), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowAssume), Resource: pol(t, authz.Trust, trustBob)}
		}, authz.ImplicitDeny, authz.Trust, "because no role trust policy allows the sts:AssumeRole action"},
		{"service principal in a trust policy", assume(authz.Principal{Type: authz.PrincipalService, Service: "ec2.amazonaws.com"}), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Resource: pol(t, authz.Trust, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}`)}
		}, authz.Allowed, authz.Trust, ""},
		{"another service is not trusted", assume(svc), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Resource: pol(t, authz.Trust, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}`)}
		}, authz.ImplicitDeny, authz.Trust, "because no role trust policy allows the sts:AssumeRole action"},
		// reference_policies_elements_notaction: Allow with NotAction is
		// still scoped by Resource.
		{"NotAction allow does not reach other resources", authz.Request{Principal: userBob, Action: "ec2:RunInstances", Resource: "arn:aws:ec2:us-east-1:" + acctA + ":instance/*"}, func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"s3:DeleteBucket","Resource":"arn:aws:s3:::*"}}`)}
		}, authz.ImplicitDeny, authz.Identity, "because no identity-based policy allows the ec2:RunInstances action"},
		{"NotAction allow covers the resource", authz.Request{Principal: userBob, Action: "s3:GetObject", Resource: objectARN}, func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"s3:DeleteBucket","Resource":"arn:aws:s3:::*"}}`)}
		}, authz.Allowed, authz.Identity, ""},
		// access_policies_boundaries: Deny with NotPrincipal always denies
		// a principal with a permissions boundary.
		{"NotPrincipal deny and a boundary", get(userBob), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowAll), Boundary: pol(t, authz.Boundary, allowAll),
				Resource: pol(t, authz.Resource, `{"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":["`+userBob.ARN+`","`+acctA+`"]},"Action":"s3:*","Resource":"*"}}`)}
		}, authz.ExplicitDeny, authz.Resource, "with an explicit deny in a resource-based policy"},
		{"NotPrincipal deny spares a listed user without a boundary", get(userBob), func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, allowAll),
				Resource: pol(t, authz.Resource, `{"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":["`+userBob.ARN+`","`+acctA+`"]},"Action":"s3:*","Resource":"*"}}`)}
		}, authz.Allowed, authz.Identity, ""},
		{"policy variable in Resource", authz.Request{Principal: userBob, Action: "s3:GetObject", Resource: "arn:aws:s3:::home/bob/notes"}, func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}}`)}
		}, authz.Allowed, authz.Identity, ""},
		{"policy variable: another user's folder", authz.Request{Principal: userBob, Action: "s3:GetObject", Resource: "arn:aws:s3:::home/alice/notes"}, func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}}`)}
		}, authz.ImplicitDeny, authz.Identity, "because no identity-based policy allows the s3:GetObject action"},
		{"unresolved variable in Resource matches nothing", authz.Request{Principal: session, Action: "s3:GetObject", Resource: "arn:aws:s3:::home/${aws:username}/x"}, func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Identity: pol(t, authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}}`)}
		}, authz.ImplicitDeny, authz.Identity, "because no identity-based policy allows the s3:GetObject action"},
		{"2008 policy: a variable is literal text", authz.Request{Principal: session, Action: "s3:GetObject", Resource: "arn:aws:s3:::home/${aws:username}/x"}, func(t *testing.T) *authz.PolicySet {
			return &authz.PolicySet{Resource: pol(t, authz.Resource, `{"Version":"2008-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"`+session.ARN+`"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}}`)}
		}, authz.Allowed, authz.Resource, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := tt.set(t)
			got := authz.Evaluate(&tt.req, set)
			exp := authz.Explain(&tt.req, set)
			if got != tt.want || exp.Decision != tt.want {
				t.Fatalf("Evaluate = %v, Explain = %v, want %v\n%s", got, exp.Decision, tt.want, exp)
			}
			if exp.DecidedBy != tt.decidedBy {
				t.Errorf("DecidedBy = %q, want %q\n%s", exp.DecidedBy, tt.decidedBy, exp)
			}
			if exp.Reason() != tt.reason {
				t.Errorf("Reason:\n got %q\nwant %q", exp.Reason(), tt.reason)
			}
		})
	}
}
