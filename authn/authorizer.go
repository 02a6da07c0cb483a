package authn

import (
	"errors"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Authorizer is the built-in authz.Authorizer of a Directory: it evaluates
// each check with the caller's identity-based policies, permissions
// boundary and session policies from [Directory.PolicyContext] and the
// check's resource-based policy, without SCPs or RCPs. The condition keys
// of a request are the caller's, then the caller's Environment, then the
// check's Context, later ones replacing earlier ones.
//
// A Directory uses it when its Config has no Authorizer; awsaccess.Cloud
// passes one that adds the organization's policies.
type Authorizer struct {
	Directory *Directory
}

// Authorize returns nil when every check is allowed and otherwise the
// AccessDenied error of the first check that is not, in AWS's words.
func (a Authorizer) Authorize(caller *authz.Principal, checks ...authz.Check) error {
	if caller == nil {
		return errInvalidInput("no principal")
	}
	rc, err := a.Directory.PolicyContext(caller)
	if err != nil {
		return err
	}
	for i := range checks {
		c := &checks[i]
		ctx := rc.Context
		if i < len(checks)-1 {
			ctx = ctx.Clone()
		}
		mergeContext(ctx, caller.Environment)
		mergeContext(ctx, c.Context)
		req := authz.Request{Principal: rc.Principal, Action: c.Action, Resource: c.Resource, ResourceAccount: c.ResourceAccount, Context: ctx}
		set := authz.PolicySet{Identity: rc.Identity, Boundary: rc.Boundary, Session: rc.Session, Resource: c.ResourcePolicy}
		if authz.Evaluate(&req, &set) != authz.Allowed {
			return authz.AccessDenied(authz.Explain(&req, &set))
		}
	}
	return nil
}

// mergeContext copies every key of src into dst.
func mergeContext(dst, src *authz.Context) {
	if src.Len() == 0 {
		return
	}
	for _, k := range src.Keys() {
		v, multi, _ := src.Get(k)
		if multi {
			dst.SetMulti(k, v...)
		} else if len(v) == 1 {
			dst.Set(k, v[0])
		}
	}
}

// authorize calls the configured Authorizer, never under d.mu, and
// converts an authz error into this package's error type.
func (d *Directory) authorize(caller *authz.Principal, checks ...authz.Check) error {
	err := d.authorizer.Authorize(caller, checks...)
	if err == nil {
		return nil
	}
	var ae *authz.Error
	if errors.As(err, &ae) {
		return &Error{Code: ae.Code, Message: ae.Message, Status: ae.Status, Err: ae.Err}
	}
	return err
}
