package authz

import "net/http"

// Check is one authorization an operation needs: the caller must be
// allowed Action on Resource. An operation may need several (its action
// and its dependent actions, one per resource it touches).
type Check struct {
	// Action is "service:Operation".
	Action string
	// Resource is the resource's ARN, or "*" for actions without
	// resource-level permissions.
	Resource string
	// ResourceAccount owns the resource; "" means the caller's account.
	ResourceAccount string
	// ResourcePolicy is the resource's resource-based policy, if it has
	// one (for sts:AssumeRole, the role's trust policy).
	ResourcePolicy *PolicyList
	// Context holds the keys this request adds (aws:RequestTag/...,
	// aws:TagKeys, organizations:ServicePrincipal, iam:PassedToService, ...);
	// the authorizer adds the caller's own keys.
	Context *Context
}

// Authorizer decides whether a caller may do what an operation needs,
// joining every policy type that applies: identity-based, permissions
// boundary and session policies of the caller, SCPs and RCPs of the
// organization, and the resource-based policy of the check. Services
// (org, inspector, STS) call it before every operation; awsaccess.Cloud is
// the implementation that joins them all.
//
// Authorize returns nil when every check is allowed, and otherwise an error
// wrapping [ErrAccessDenied] whose message is AWS's, naming the principal,
// the action, the resource and the policy type that decided (see
// [AccessDenied]).
type Authorizer interface {
	Authorize(caller *Principal, checks ...Check) error
}

// AuthorizerFunc adapts a function to the Authorizer interface.
type AuthorizerFunc func(caller *Principal, checks ...Check) error

// Authorize calls f.
func (f AuthorizerFunc) Authorize(caller *Principal, checks ...Check) error {
	return f(caller, checks...)
}

// AccessDenied returns the error for a denied request: code
// "AccessDenied", HTTP 403, the message of [Explanation.Message], wrapping
// [ErrAccessDenied]. Services whose protocol names the code differently
// ("AccessDeniedException") keep the message and change the code.
func AccessDenied(e *Explanation) *Error {
	return &Error{Code: "AccessDenied", Message: e.Message(), Status: http.StatusForbidden, Err: ErrAccessDenied}
}
