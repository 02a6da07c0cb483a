package authz

// PrincipalType is the kind of principal making a request. The values of
// the AWS kinds are what aws:PrincipalType holds for them.
type PrincipalType string

// Principal types.
const (
	// PrincipalRoot is an account's root user (aws:PrincipalType "Account").
	PrincipalRoot PrincipalType = "Account"
	// PrincipalUser is an IAM user, with long-term or GetSessionToken
	// credentials.
	PrincipalUser PrincipalType = "User"
	// PrincipalAssumedRole is a role session (AssumeRole*, EC2 instance
	// profiles, service-linked roles).
	PrincipalAssumedRole PrincipalType = "AssumedRole"
	// PrincipalFederatedUser is a GetFederationToken session.
	PrincipalFederatedUser PrincipalType = "FederatedUser"
	// PrincipalAnonymous is an unsigned request.
	PrincipalAnonymous PrincipalType = "Anonymous"
	// PrincipalService is an AWS service principal acting directly,
	// e.g. "inspector2.amazonaws.com" (aws:PrincipalIsAWSService true).
	PrincipalService PrincipalType = "AWSService"
	// PrincipalWebIdentity is the caller of AssumeRoleWithWebIdentity or
	// AssumeRoleWithSAML, known only by its identity provider.
	PrincipalWebIdentity PrincipalType = "WebIdentity"
)

// Values lists every PrincipalType.
func (PrincipalType) Values() []PrincipalType {
	return []PrincipalType{PrincipalRoot, PrincipalUser, PrincipalAssumedRole, PrincipalFederatedUser, PrincipalAnonymous, PrincipalService, PrincipalWebIdentity}
}

// Principal describes who makes a request, as far as policy evaluation
// needs to know. The identity store of package authn builds it.
type Principal struct {
	Type PrincipalType
	// ARN is the principal's own ARN: arn:aws:iam::A:root, a user ARN, the
	// session ARN arn:aws:sts::A:assumed-role/R/S, or the federated-user
	// ARN. Empty for services, web identities and anonymous callers.
	ARN string
	// Account is the principal's account id.
	Account string
	// RoleARN is, for a role session, the ARN of the role with its path;
	// it is what aws:PrincipalArn holds and what a resource policy naming
	// the role matches.
	RoleARN string
	// ParentUserARN is, for a federated user, the IAM user who called
	// GetFederationToken.
	ParentUserARN string
	// UniqueID is the user's (AIDA...) or role's (AROA...) unique id, which
	// trust policies may name.
	UniqueID string
	// UserID is aws:userid (AIDA..., AROA...:session, account:name, the
	// account id for root).
	UserID string
	// UserName is aws:username, for IAM users only.
	UserName string
	// Service is the service principal's name (PrincipalService).
	Service string
	// Provider is the identity provider of a PrincipalWebIdentity caller:
	// an oidc-provider or saml-provider ARN, or a well-known provider name
	// such as "accounts.google.com".
	Provider string
	// CanonicalUser is the Amazon S3 canonical user id, if any.
	CanonicalUser string
	// ServiceLinked marks a session of a service-linked role: SCPs and RCPs
	// do not restrict it.
	ServiceLinked bool
	// AccessKeyID is the access key the request was signed with, if any.
	// It tells one session of a role from another, so that an Authorizer
	// can find the session's policies and context.
	AccessKeyID string
	// Environment holds the condition keys of the call the principal is
	// making that come from the request rather than the principal
	// (aws:SourceIp, aws:SecureTransport, aws:UserAgent, aws:CurrentTime,
	// aws:RequestedRegion, ...). The HTTP front end fills it; services pass
	// the caller on to their Authorizer unchanged, so the keys reach every
	// check of the call. Evaluate does not read it: an Authorizer merges it
	// into each request's Context.
	Environment *Context
}

// PrincipalARN returns the value of aws:PrincipalArn: the role ARN for a
// role session and the principal's ARN otherwise.
func (p *Principal) PrincipalARN() string {
	if p.Type == PrincipalAssumedRole && p.RoleARN != "" {
		return p.RoleARN
	}
	return p.ARN
}

// isSession reports whether session policies apply to the principal.
func (p *Principal) isSession() bool {
	return p.Type == PrincipalAssumedRole || p.Type == PrincipalFederatedUser
}

// isIAM reports whether the principal belongs to an account (identity
// policies, SCPs and boundaries can apply to it).
func (p *Principal) isIAM() bool {
	switch p.Type {
	case PrincipalRoot, PrincipalUser, PrincipalAssumedRole, PrincipalFederatedUser:
		return true
	}
	return false
}

// Request is one authorization question: may Principal perform Action on
// Resource, given the condition keys in Context? One API call may need
// several requests (one per action and resource it touches).
type Request struct {
	Principal Principal
	// Action is "service:Operation", matched case-insensitively.
	Action string
	// Resource is the resource's ARN, or "*" for actions without
	// resource-level permissions.
	Resource string
	// ResourceAccount owns the resource; "" means the principal's account.
	// When it differs from Principal.Account the request is cross-account
	// and both accounts must allow it.
	ResourceAccount string
	// Context holds the condition keys; nil is an empty context. Keys that
	// follow from the principal (aws:PrincipalArn, aws:PrincipalAccount,
	// aws:PrincipalType, aws:userid, aws:username, aws:PrincipalIsAWSService,
	// aws:PrincipalServiceName) and aws:ResourceAccount are derived from the
	// request when the context does not hold them.
	Context *Context
}

func (r *Request) resourceAccount() string {
	if r.ResourceAccount == "" {
		return r.Principal.Account
	}
	return r.ResourceAccount
}

// lookup finds a condition key (lower-cased) in the context, falling back
// to the keys derived from the request.
func (r *Request) lookup(lower string) (ctxValue, bool) {
	if v, ok := r.Context.get(lower); ok {
		return v, true
	}
	p := &r.Principal
	single := func(s string) (ctxValue, bool) { return ctxValue{key: lower, one: s}, true }
	switch lower {
	case "aws:principalarn":
		if a := p.PrincipalARN(); a != "" {
			return single(a)
		}
	case "aws:principalaccount":
		if p.Account != "" {
			return single(p.Account)
		}
		if p.Type == PrincipalAnonymous {
			return single("anonymous")
		}
	case "aws:principaltype":
		if p.Type != "" && p.Type != PrincipalWebIdentity {
			return single(string(p.Type))
		}
	case "aws:userid":
		if p.UserID != "" {
			return single(p.UserID)
		}
		if p.Type == PrincipalAnonymous {
			return single("anonymous")
		}
	case "aws:username":
		if p.Type == PrincipalUser && p.UserName != "" {
			return single(p.UserName)
		}
	case "aws:principalisawsservice":
		if p.Type == PrincipalService {
			return single("true")
		}
		if p.isIAM() {
			return single("false")
		}
	case "aws:principalservicename":
		if p.Type == PrincipalService {
			return single(p.Service)
		}
	case "aws:resourceaccount":
		if a := r.resourceAccount(); a != "" {
			return single(a)
		}
	}
	return ctxValue{}, false
}
