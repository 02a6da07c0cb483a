package org

import (
	"errors"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// call is one operation in progress: the caller and the organization it
// belonged to when the call started, from which the resource ARNs of the
// IAM checks are formed.
type call struct {
	o      *Organization
	caller *authz.Principal
	acct   string
	orgID  string // "" when the caller is in no organization
	mgmt   string
}

// start begins a call: it rejects a missing caller, advances the
// asynchronous work and notes the caller's organization.
func (o *Organization) start(caller *authz.Principal) (*call, error) {
	if caller == nil {
		return nil, newError("MissingAuthenticationTokenException", msgNoCaller)
	}
	o.lockAdvanced()
	defer o.mu.Unlock()
	c := &call{o: o, caller: caller, acct: caller.Account}
	if a := o.accounts[caller.Account]; a != nil && a.org != nil {
		c.orgID, c.mgmt = a.org.id, a.org.mgmt.id
	}
	return c, nil
}

// arn forms an Organizations ARN in the caller's organization, or "*" when
// the caller is in none (the resource then does not exist; IAM is asked
// about every resource).
func (c *call) arn(resource string) string {
	if c.orgID == "" {
		return "*"
	}
	return "arn:" + c.o.partition + ":organizations::" + c.mgmt + ":" + resource
}

func (c *call) accountARN(id string) string   { return c.arn("account/" + c.orgID + "/" + id) }
func (c *call) ouARN(id string) string        { return c.arn("ou/" + c.orgID + "/" + id) }
func (c *call) rootARN(id string) string      { return c.arn("root/" + c.orgID + "/" + id) }
func (c *call) handshakeARN(id string) string { return c.arn("handshake/" + c.orgID + "/invite/" + id) }

// entityARN forms the ARN of a root, OU or account from its id.
func (c *call) entityARN(id string) string {
	switch {
	case strings.HasPrefix(id, "r-"):
		return c.rootARN(id)
	case strings.HasPrefix(id, "ou-"):
		return c.ouARN(id)
	}
	return c.accountARN(id)
}

// policyARN forms a policy's ARN. The type of a customer managed policy is
// part of its ARN; the policy is looked up for it.
func (c *call) policyARN(id string) string {
	c.o.mu.Lock()
	defer c.o.mu.Unlock()
	if p := c.o.managed[id]; p != nil {
		return p.arn(c.o.partition, "", "")
	}
	if c.orgID == "" {
		return "*"
	}
	if g := c.o.orgs[c.orgID]; g != nil {
		if p := g.policies[id]; p != nil {
			return p.arn(c.o.partition, c.mgmt, c.orgID)
		}
	}
	return c.arn("policy/" + c.orgID + "/" + id)
}

// condition is what a request adds to the IAM check: one condition key
// (organizations:ServicePrincipal or organizations:PolicyType), the tags
// of the request (aws:RequestTag/<key> and aws:TagKeys) and the keys of
// UntagResource (aws:TagKeys); the zero value adds none.
type condition struct {
	key, value  string
	requestTags []Tag
	tagKeys     []string
}

// context is the condition as a request context; nil when it adds no key.
func (cond condition) context() *authz.Context {
	if cond.key == "" && len(cond.requestTags) == 0 && len(cond.tagKeys) == 0 {
		return nil
	}
	ctx := authz.NewContext()
	if cond.key != "" {
		ctx.Set(cond.key, cond.value)
	}
	if len(cond.requestTags) > 0 {
		keys := make([]string, len(cond.requestTags))
		for i, t := range cond.requestTags {
			ctx.Set("aws:RequestTag/"+t.Key, t.Value)
			keys[i] = t.Key
		}
		ctx.SetMulti("aws:TagKeys", keys...)
	}
	if len(cond.tagKeys) > 0 {
		ctx.SetMulti("aws:TagKeys", cond.tagKeys...)
	}
	return ctx
}

func servicePrincipalCondition(sp string) condition {
	return condition{key: "organizations:ServicePrincipal", value: sp}
}

func policyTypeCondition(t PolicyType) condition {
	return condition{key: "organizations:PolicyType", value: string(t)}
}

// authorize asks the Authorizer whether the caller may perform
// organizations:<action> on each resource ("*" when none is given). The
// check of an account, the root, an OU or a customer managed policy of the
// caller's organization also carries aws:ResourceTag/<key> for each of the
// resource's tags. A denial becomes AccessDeniedException with the
// authorizer's message.
//
// The checks name no ResourceAccount: Organizations authorizes a call by
// the caller's own policies (and the SCPs over its account); which
// organization the resource belongs to is the Organizations rule's
// business.
func (c *call) authorize(action string, cond condition, resources ...string) error {
	if c.o.authorizer == nil {
		return nil
	}
	ctx := cond.context()
	if len(resources) == 0 {
		resources = []string{"*"}
	}
	checks := make([]authz.Check, len(resources))
	for i, r := range resources {
		checks[i] = authz.Check{Action: "organizations:" + action, Resource: r, Context: ctx}
	}
	if c.orgID != "" {
		c.o.mu.Lock()
		for i, r := range resources {
			tags := c.o.resourceTagsLocked(c, r)
			if len(tags) == 0 {
				continue
			}
			rc := ctx.Clone()
			for k, v := range tags {
				rc.Set("aws:ResourceTag/"+k, v)
			}
			checks[i].Context = rc
		}
		c.o.mu.Unlock()
	}
	err := c.o.authorizer.Authorize(c.caller, checks...)
	if err == nil {
		return nil
	}
	msg := err.Error()
	var ae *authz.Error
	if errors.As(err, &ae) {
		msg = ae.Message
	}
	return newError("AccessDeniedException", msg)
}

// Who may call an operation, by the Organizations rules.
type rule int

const (
	// ruleManagement: the management account only.
	ruleManagement rule = iota
	// ruleAdmin: the management account or a delegated administrator of
	// any service.
	ruleAdmin
	// ruleMember: any account in the organization.
	ruleMember
)

// inOrg is the frame of most calls: it starts the call, asks IAM with
// ask, and, holding o.mu, runs f on the caller's organization if the
// caller's account passes r.
func inOrg[Out any](o *Organization, caller *authz.Principal, r rule, ask func(c *call) error, f func(c *call, g *orgState) (Out, error)) (Out, error) {
	return frame(o, caller, r, false, ask, func(c *call, g *orgState, _ *account, _ time.Time) (Out, error) {
		return f(c, g)
	})
}

// inOrgErr is inOrg for calls that return only an error.
func inOrgErr(o *Organization, caller *authz.Principal, r rule, ask func(c *call) error, f func(c *call, g *orgState) error) error {
	_, err := frame(o, caller, r, false, ask, func(c *call, g *orgState, _ *account, _ time.Time) (struct{}, error) {
		return struct{}{}, f(c, g)
	})
	return err
}

// inOrgAdvanced is inOrg for calls that depend on the clock: the lock is
// taken with lockAdvanced, and f is also given the caller's account and
// the time.
func inOrgAdvanced[Out any](o *Organization, caller *authz.Principal, r rule, ask func(c *call) error, f func(c *call, g *orgState, a *account, now time.Time) (Out, error)) (Out, error) {
	return frame(o, caller, r, true, ask, f)
}

// inOrgAdvancedErr is inOrgAdvanced for calls that return only an error.
func inOrgAdvancedErr(o *Organization, caller *authz.Principal, r rule, ask func(c *call) error, f func(c *call, g *orgState, a *account, now time.Time) error) error {
	_, err := frame(o, caller, r, true, ask, func(c *call, g *orgState, a *account, now time.Time) (struct{}, error) {
		return struct{}{}, f(c, g, a, now)
	})
	return err
}

// frame is what the inOrg helpers share. With advance, the lock is taken
// with lockAdvanced and now is its time; otherwise now is zero.
func frame[Out any](o *Organization, caller *authz.Principal, r rule, advance bool, ask func(c *call) error, f func(c *call, g *orgState, a *account, now time.Time) (Out, error)) (Out, error) {
	var zero Out
	c, err := o.start(caller)
	if err != nil {
		return zero, err
	}
	if err := ask(c); err != nil {
		return zero, err
	}
	var now time.Time
	if advance {
		now = o.lockAdvanced()
	} else {
		o.mu.Lock()
	}
	defer o.mu.Unlock()
	g, a, err := o.ruleLocked(c.acct, r)
	if err != nil {
		return zero, err
	}
	return f(c, g, a, now)
}

// ruleLocked applies the Organizations rule to the caller's account and
// returns its organization.
func (o *Organization) ruleLocked(acct string, r rule) (*orgState, *account, error) {
	a := o.accounts[acct]
	if a == nil || a.org == nil {
		return nil, nil, errNotInUse()
	}
	g := a.org
	switch r {
	case ruleManagement:
		if g.mgmt != a {
			return nil, nil, errAccessDenied()
		}
	case ruleAdmin:
		if g.mgmt != a && len(a.delegated) == 0 {
			return nil, nil, errAccessDenied()
		}
	}
	return g, a, nil
}
