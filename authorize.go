package awsaccess

import (
	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Authorize decides whether caller may do what the checks name, joining
// every policy type that applies to each: the caller's identity-based
// policies, permissions boundary and session policies (authn), the SCP chain
// of the caller's account and the RCP chain of the resource's account
// (org), and the check's resource-based policy (from the service). The
// condition keys of each request are the caller's (aws:PrincipalArn,
// aws:PrincipalTag/..., aws:MultiFactorAuthPresent, ...), the organization's
// (aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:ResourceOrgID,
// aws:ResourceOrgPaths), the call's Environment (aws:SourceIp,
// aws:CurrentTime, ...), then the check's own, later ones replacing earlier
// ones.
//
// It returns nil when every check is allowed and otherwise the first
// denial as an *authz.Error with AWS's AccessDenied wording. Every decision,
// with its explanation, goes to the audit trail. Cloud implements
// authz.Authorizer with it; the services call it before every operation.
func (c *Cloud) Authorize(caller *authz.Principal, checks ...authz.Check) error {
	for _, ch := range checks {
		exp, err := c.Explain(caller, ch)
		if err != nil {
			return err
		}
		c.record(caller, ch, exp)
		if exp.Decision != authz.Allowed {
			return authz.AccessDenied(exp)
		}
	}
	return nil
}

// Explain evaluates one check for caller as Authorize does and returns the
// explanation, without recording it.
func (c *Cloud) Explain(caller *authz.Principal, ch authz.Check) (*authz.Explanation, error) {
	req, set, err := c.request(caller, ch)
	if err != nil {
		return nil, err
	}
	return authz.Explain(req, set), nil
}

// request assembles the authz request and policy set of one check.
func (c *Cloud) request(caller *authz.Principal, ch authz.Check) (*authz.Request, *authz.PolicySet, error) {
	var rc *authn.RequestContext
	switch caller.Type {
	case authz.PrincipalService, authz.PrincipalWebIdentity, authz.PrincipalAnonymous:
		rc = &authn.RequestContext{Principal: *caller, Context: authz.NewContext()}
	default:
		var err error
		if rc, err = c.dir.PolicyContext(caller); err != nil {
			return nil, nil, err
		}
	}
	ctx := rc.Context
	if ctx == nil {
		ctx = authz.NewContext()
	}
	resourceAccount := ch.ResourceAccount
	if resourceAccount == "" {
		resourceAccount = caller.Account
	}
	if orgID, paths, ok := c.org.OrgContext(caller.Account); ok && caller.Account != "" {
		ctx.Set("aws:PrincipalOrgID", orgID)
		ctx.SetMulti("aws:PrincipalOrgPaths", paths...)
	}
	if orgID, paths, ok := c.org.OrgContext(resourceAccount); ok && resourceAccount != "" {
		ctx.Set("aws:ResourceOrgID", orgID)
		ctx.SetMulti("aws:ResourceOrgPaths", paths...)
	}
	mergeContext(ctx, caller.Environment)
	mergeContext(ctx, ch.Context)

	set := &authz.PolicySet{
		Identity: rc.Identity,
		Boundary: rc.Boundary,
		Session:  rc.Session,
		Resource: ch.ResourcePolicy,
	}
	if caller.Account != "" {
		set.SCPs, set.PrincipalInManagementAccount = c.org.SCPChain(caller.Account)
	}
	if resourceAccount != "" {
		set.RCPs, set.ResourceInManagementAccount = c.org.RCPChain(resourceAccount)
	}
	principal := rc.Principal
	if principal.Type == "" {
		principal = *caller
	}
	req := &authz.Request{
		Principal:       principal,
		Action:          ch.Action,
		Resource:        ch.Resource,
		ResourceAccount: ch.ResourceAccount,
		Context:         ctx,
	}
	return req, set, nil
}

// mergeContext copies every key of src into dst.
func mergeContext(dst, src *authz.Context) {
	if src == nil {
		return
	}
	for _, k := range src.Keys() {
		values, multi, _ := src.Get(k)
		if multi {
			dst.SetMulti(k, values...)
		} else if len(values) == 1 {
			dst.Set(k, values[0])
		}
	}
}
