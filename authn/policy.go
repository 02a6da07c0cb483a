package authn

import (
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// ManagedPolicy describes a customer managed policy (or, from
// GetPolicy of an arn:aws:iam::aws:policy/... ARN, an AWS managed one).
type ManagedPolicy struct {
	PolicyName       string
	PolicyID         string // ANPA...
	ARN              string
	Path             string
	DefaultVersionID string
	AttachmentCount  int
	Description      string
	CreateDate       time.Time
	UpdateDate       time.Time
	Tags             []Tag
	AWSManaged       bool
}

// PolicyVersion is one version of a managed policy.
type PolicyVersion struct {
	VersionID        string // "v1", "v2", ...
	Document         string
	IsDefaultVersion bool
	CreateDate       time.Time
}

// CreatePolicyInput is the input of CreatePolicy.
type CreatePolicyInput struct {
	Path           string
	PolicyName     string
	PolicyDocument string
	Description    string
	Tags           []Tag
}

// AttachedPolicy names a managed policy attached to a user, group or role.
type AttachedPolicy struct {
	PolicyName string
	PolicyARN  string
}

type managedPolicy struct {
	acct        *account
	name, path  string
	id          string
	description string
	created     time.Time
	updated     time.Time
	versions    []*policyVersion
	def         *policyVersion
	next        int
	attachments int
	tags        []Tag
}

type policyVersion struct {
	id      string
	doc     string
	parsed  *authz.Policy
	created time.Time
}

func (d *Directory) policyARN(p *managedPolicy) string {
	return d.arn("iam", p.acct.id, "policy"+p.path+p.name)
}

func (d *Directory) policyView(p *managedPolicy) ManagedPolicy {
	return ManagedPolicy{
		PolicyName: p.name, PolicyID: p.id, ARN: d.policyARN(p), Path: p.path, DefaultVersionID: p.def.id,
		AttachmentCount: p.attachments, Description: p.description, CreateDate: p.created, UpdateDate: p.updated,
		Tags: slices.Clone(p.tags),
	}
}

func versionView(p *managedPolicy, v *policyVersion) PolicyVersion {
	return PolicyVersion{VersionID: v.id, Document: v.doc, IsDefaultVersion: v == p.def, CreateDate: v.created}
}

// parseIdentity parses an identity-based policy document.
func parseIdentity(doc string) (*authz.Policy, error) {
	p, err := authz.Parse(authz.Identity, []byte(doc))
	if err != nil {
		return nil, errMalformed(err)
	}
	return p, nil
}

// policySize counts a document's characters without whitespace, as IAM
// does for its size quotas.
func policySize(doc string) int {
	n := 0
	for _, r := range doc {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// customerPolicy finds a customer managed policy of the account by ARN.
func (d *Directory) customerPolicy(acct *account, policyARN string) (*managedPolicy, bool) {
	p, ok := acct.policies[lower(lastSegment(policyARN))]
	if !ok || d.policyARN(p) != policyARN {
		return nil, false
	}
	return p, true
}

// resolvedPolicy is a managed policy's default version, customer or AWS.
type resolvedPolicy struct {
	arn    string
	name   string
	parsed *authz.Policy
	// serviceRole marks AWS's service-role policies, attachable only to
	// service-linked roles.
	serviceRole bool
	customer    *managedPolicy
}

// resolvePolicy finds a managed policy attachable in acct: a customer
// managed policy of acct, or an AWS managed policy.
func (d *Directory) resolvePolicy(acct *account, policyARN string) (resolvedPolicy, bool) {
	if strings.HasPrefix(policyARN, "arn:"+d.partition+":iam::aws:policy/") {
		pol, ok := awsManagedPolicy(policyARN)
		if !ok {
			return resolvedPolicy{}, false
		}
		return resolvedPolicy{
			arn: policyARN, name: pol.name, parsed: pol.parsed,
			serviceRole: strings.Contains(policyARN, ":policy/aws-service-role/"),
		}, true
	}
	p, ok := d.customerPolicy(acct, policyARN)
	if !ok {
		return resolvedPolicy{}, false
	}
	return resolvedPolicy{arn: policyARN, name: p.name, parsed: p.def.parsed, customer: p}, true
}

// boundaryPolicy checks that a managed policy can serve as a permissions
// boundary.
func (d *Directory) boundaryPolicy(acct *account, policyARN string) (resolvedPolicy, error) {
	rp, ok := d.resolvePolicy(acct, policyARN)
	if !ok {
		return resolvedPolicy{}, errNoSuchEntity("Scope ARN: %s does not exist or is not attachable.", policyARN)
	}
	return rp, nil
}

// CreatePolicy creates a customer managed policy with version v1 as its
// default. Names are unique case-insensitively within the account.
func (a *Account) CreatePolicy(in CreatePolicyInput) (ManagedPolicy, error) {
	if err := checkName(in.PolicyName, "policyName", maxPolicyName); err != nil {
		return ManagedPolicy{}, err
	}
	path, err := normPath(in.Path, "path")
	if err != nil {
		return ManagedPolicy{}, err
	}
	if len(in.Description) > maxDescription {
		return ManagedPolicy{}, errValidation(in.Description, "description", lengthConstraint(0, maxDescription, len(in.Description)))
	}
	if err := checkTags(in.Tags, "tags", MaxTagsPerEntity); err != nil {
		return ManagedPolicy{}, err
	}
	parsed, err := parseIdentity(in.PolicyDocument)
	if err != nil {
		return ManagedPolicy{}, err
	}
	id, err := a.d.ids.uniqueID(PrefixManagedPolicy)
	if err != nil {
		return ManagedPolicy{}, err
	}
	acct, err := a.lock()
	if err != nil {
		return ManagedPolicy{}, err
	}
	defer a.unlock()
	if _, ok := acct.policies[lower(in.PolicyName)]; ok {
		return ManagedPolicy{}, errAlreadyExists("A policy called %s already exists. Duplicate names are not allowed.", in.PolicyName)
	}
	if len(acct.policies) >= MaxPoliciesPerAccount {
		return ManagedPolicy{}, errLimit("PoliciesPerAccount", MaxPoliciesPerAccount)
	}
	now := a.d.now()
	v := &policyVersion{id: "v1", doc: in.PolicyDocument, parsed: parsed, created: now}
	p := &managedPolicy{
		acct: acct, name: in.PolicyName, path: path, id: id, description: in.Description,
		created: now, updated: now, versions: []*policyVersion{v}, def: v, next: 2, tags: slices.Clone(in.Tags),
	}
	acct.policies[lower(p.name)] = p
	return a.d.policyView(p), nil
}

func (d *Directory) policyNotFound(policyARN string) error {
	return errNoSuchEntity("Policy %s was not found.", policyARN)
}

// GetPolicy returns a managed policy: a customer managed policy of the
// account or an AWS managed policy.
func (a *Account) GetPolicy(policyARN string) (ManagedPolicy, error) {
	acct, err := a.rlock()
	if err != nil {
		return ManagedPolicy{}, err
	}
	defer a.runlock()
	if p, ok := a.d.customerPolicy(acct, policyARN); ok {
		return a.d.policyView(p), nil
	}
	if rp, ok := a.d.resolvePolicy(acct, policyARN); ok && rp.customer == nil {
		aws, _ := awsManagedPolicy(policyARN)
		return ManagedPolicy{
			PolicyName: rp.name, ARN: policyARN, Path: aws.path, DefaultVersionID: aws.version,
			Description: aws.description, AWSManaged: true, AttachmentCount: a.d.awsAttachments(acct, policyARN),
		}, nil
	}
	return ManagedPolicy{}, a.d.policyNotFound(policyARN)
}

func (d *Directory) awsAttachments(acct *account, policyARN string) int {
	n := 0
	for _, u := range acct.users {
		if slices.Contains(u.attached, policyARN) {
			n++
		}
	}
	for _, g := range acct.groups {
		if slices.Contains(g.attached, policyARN) {
			n++
		}
	}
	for _, r := range acct.roles {
		if slices.Contains(r.attached, policyARN) {
			n++
		}
	}
	return n
}

// ListPolicies lists the account's customer managed policies whose path
// begins with pathPrefix.
func (a *Account) ListPolicies(pathPrefix string) ([]ManagedPolicy, error) {
	return listByPath(a, pathPrefix, func(acct *account) map[string]*managedPolicy { return acct.policies },
		func(p *managedPolicy) string { return p.path }, a.d.policyView, func(x ManagedPolicy) string { return x.PolicyName })
}

// CreatePolicyVersion adds a version to a customer managed policy, which
// keeps at most five.
func (a *Account) CreatePolicyVersion(policyARN, doc string, setAsDefault bool) (PolicyVersion, error) {
	parsed, err := parseIdentity(doc)
	if err != nil {
		return PolicyVersion{}, err
	}
	acct, err := a.lock()
	if err != nil {
		return PolicyVersion{}, err
	}
	defer a.unlock()
	p, ok := a.d.customerPolicy(acct, policyARN)
	if !ok {
		return PolicyVersion{}, a.d.policyNotFound(policyARN)
	}
	if len(p.versions) >= MaxPolicyVersions {
		return PolicyVersion{}, errLimitMsg("A managed policy can have up to %d versions. Before you create a new version, you must delete an existing version.", MaxPolicyVersions)
	}
	now := a.d.now()
	v := &policyVersion{id: "v" + strconv.Itoa(p.next), doc: doc, parsed: parsed, created: now}
	p.next++
	p.versions = append(p.versions, v)
	p.updated = now
	if setAsDefault {
		p.def = v
		a.d.changed()
	}
	return versionView(p, v), nil
}

func (p *managedPolicy) version(d *Directory, id string) (*policyVersion, error) {
	for _, v := range p.versions {
		if v.id == id {
			return v, nil
		}
	}
	return nil, errNoSuchEntity("Policy %s version %s does not exist or is not attachable.", d.policyARN(p), id)
}

func checkVersionID(id string) error {
	ok := len(id) >= 2 && id[0] == 'v' && id[1] >= '1' && id[1] <= '9'
	for i := 2; ok && i < len(id); i++ {
		ok = id[i] >= '0' && id[i] <= '9'
	}
	if !ok {
		return errValidation(id, "versionId", `satisfy regular expression pattern: v[1-9][0-9]*(\.[A-Za-z0-9-]*)?`)
	}
	return nil
}

// GetPolicyVersion returns one version of a customer managed policy.
func (a *Account) GetPolicyVersion(policyARN, versionID string) (PolicyVersion, error) {
	if err := checkVersionID(versionID); err != nil {
		return PolicyVersion{}, err
	}
	acct, err := a.rlock()
	if err != nil {
		return PolicyVersion{}, err
	}
	defer a.runlock()
	p, ok := a.d.customerPolicy(acct, policyARN)
	if !ok {
		return PolicyVersion{}, a.d.policyNotFound(policyARN)
	}
	v, err := p.version(a.d, versionID)
	if err != nil {
		return PolicyVersion{}, err
	}
	return versionView(p, v), nil
}

// ListPolicyVersions lists the versions of a customer managed policy,
// newest first.
func (a *Account) ListPolicyVersions(policyARN string) ([]PolicyVersion, error) {
	acct, err := a.rlock()
	if err != nil {
		return nil, err
	}
	defer a.runlock()
	p, ok := a.d.customerPolicy(acct, policyARN)
	if !ok {
		return nil, a.d.policyNotFound(policyARN)
	}
	out := make([]PolicyVersion, 0, len(p.versions))
	for i := len(p.versions) - 1; i >= 0; i-- {
		out = append(out, versionView(p, p.versions[i]))
	}
	return out, nil
}

// SetDefaultPolicyVersion makes a version the one in force.
func (a *Account) SetDefaultPolicyVersion(policyARN, versionID string) error {
	if err := checkVersionID(versionID); err != nil {
		return err
	}
	acct, err := a.lock()
	if err != nil {
		return err
	}
	defer a.unlock()
	p, ok := a.d.customerPolicy(acct, policyARN)
	if !ok {
		return a.d.policyNotFound(policyARN)
	}
	v, err := p.version(a.d, versionID)
	if err != nil {
		return err
	}
	p.def = v
	p.updated = a.d.now()
	a.d.changed()
	return nil
}

// DeletePolicyVersion deletes a version that is not the default.
func (a *Account) DeletePolicyVersion(policyARN, versionID string) error {
	if err := checkVersionID(versionID); err != nil {
		return err
	}
	acct, err := a.lock()
	if err != nil {
		return err
	}
	defer a.unlock()
	p, ok := a.d.customerPolicy(acct, policyARN)
	if !ok {
		return a.d.policyNotFound(policyARN)
	}
	v, err := p.version(a.d, versionID)
	if err != nil {
		return err
	}
	if v == p.def {
		return errDeleteConflict("Cannot delete the default version of a policy.")
	}
	i := slices.Index(p.versions, v)
	p.versions = slices.Delete(p.versions, i, i+1)
	return nil
}

// DeletePolicy deletes a customer managed policy that is attached to no
// user, group or role, used as no permissions boundary, and has no version
// but its default.
func (a *Account) DeletePolicy(policyARN string) error {
	acct, err := a.lock()
	if err != nil {
		return err
	}
	defer a.unlock()
	p, ok := a.d.customerPolicy(acct, policyARN)
	if !ok {
		return a.d.policyNotFound(policyARN)
	}
	if p.attachments > 0 || a.d.boundaryUses(acct, policyARN) > 0 {
		return errDeleteConflict("Cannot delete a policy attached to entities.")
	}
	if len(p.versions) > 1 {
		return errDeleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.")
	}
	delete(acct.policies, lower(p.name))
	a.d.changed()
	return nil
}

func (d *Directory) boundaryUses(acct *account, policyARN string) int {
	n := 0
	for _, u := range acct.users {
		if u.boundary == policyARN {
			n++
		}
	}
	for _, r := range acct.roles {
		if r.boundary == policyARN {
			n++
		}
	}
	return n
}

// attach adds a managed policy ARN to an entity's list.
func (d *Directory) attach(acct *account, list *[]string, policyARN, quota string, slr bool) error {
	rp, ok := d.resolvePolicy(acct, policyARN)
	if !ok {
		return errNoSuchEntity("Policy %s does not exist or is not attachable.", policyARN)
	}
	if rp.serviceRole && !slr {
		return errNotAttachable("Cannot attach a Service Role Policy to a Customer Role.")
	}
	if slices.Contains(*list, policyARN) {
		return nil
	}
	if len(*list) >= MaxManagedPoliciesPerEntity {
		return errLimit(quota, MaxManagedPoliciesPerEntity)
	}
	*list = append(*list, policyARN)
	if rp.customer != nil {
		rp.customer.attachments++
	}
	d.changed()
	return nil
}

func (d *Directory) detach(acct *account, list *[]string, policyARN string) error {
	i := slices.Index(*list, policyARN)
	if i < 0 {
		return errNoSuchEntity("Policy %s was not found.", policyARN)
	}
	*list = slices.Delete(*list, i, i+1)
	if p, ok := d.customerPolicy(acct, policyARN); ok {
		p.attachments--
	}
	d.changed()
	return nil
}

func (d *Directory) attachedView(acct *account, list []string) []AttachedPolicy {
	out := make([]AttachedPolicy, 0, len(list))
	for _, a := range list {
		name := lastSegment(a)
		if rp, ok := d.resolvePolicy(acct, a); ok {
			name = rp.name
		}
		out = append(out, AttachedPolicy{PolicyName: name, PolicyARN: a})
	}
	return out
}

// AttachUserPolicy attaches a managed policy to a user (at most 10).
func (a *Account) AttachUserPolicy(userName, policyARN string) error {
	return update(a, (*account).user, userName, func(acct *account, u *user) error {
		return a.d.attach(acct, &u.attached, policyARN, "PoliciesPerUser", false)
	})
}

// DetachUserPolicy detaches a managed policy from a user.
func (a *Account) DetachUserPolicy(userName, policyARN string) error {
	return update(a, (*account).user, userName, func(acct *account, u *user) error {
		return a.d.detach(acct, &u.attached, policyARN)
	})
}

// ListAttachedUserPolicies lists the managed policies attached to a user.
func (a *Account) ListAttachedUserPolicies(userName string) ([]AttachedPolicy, error) {
	return read(a, (*account).user, userName, func(acct *account, u *user) ([]AttachedPolicy, error) {
		return a.d.attachedView(acct, u.attached), nil
	})
}

// AttachGroupPolicy attaches a managed policy to a group (at most 10).
func (a *Account) AttachGroupPolicy(groupName, policyARN string) error {
	return update(a, (*account).group, groupName, func(acct *account, g *group) error {
		return a.d.attach(acct, &g.attached, policyARN, "PoliciesPerGroup", false)
	})
}

// DetachGroupPolicy detaches a managed policy from a group.
func (a *Account) DetachGroupPolicy(groupName, policyARN string) error {
	return update(a, (*account).group, groupName, func(acct *account, g *group) error {
		return a.d.detach(acct, &g.attached, policyARN)
	})
}

// ListAttachedGroupPolicies lists the managed policies attached to a group.
func (a *Account) ListAttachedGroupPolicies(groupName string) ([]AttachedPolicy, error) {
	return read(a, (*account).group, groupName, func(acct *account, g *group) ([]AttachedPolicy, error) {
		return a.d.attachedView(acct, g.attached), nil
	})
}

// AttachRolePolicy attaches a managed policy to a role (at most 10).
func (a *Account) AttachRolePolicy(roleName, policyARN string) error {
	return update(a, (*account).modifiableRole, roleName, func(acct *account, r *role) error {
		return a.d.attach(acct, &r.attached, policyARN, "PoliciesPerRole", false)
	})
}

// DetachRolePolicy detaches a managed policy from a role.
func (a *Account) DetachRolePolicy(roleName, policyARN string) error {
	return update(a, (*account).modifiableRole, roleName, func(acct *account, r *role) error {
		return a.d.detach(acct, &r.attached, policyARN)
	})
}

// ListAttachedRolePolicies lists the managed policies attached to a role.
func (a *Account) ListAttachedRolePolicies(roleName string) ([]AttachedPolicy, error) {
	return read(a, (*account).role, roleName, func(acct *account, r *role) ([]AttachedPolicy, error) {
		return a.d.attachedView(acct, r.attached), nil
	})
}

// putBoundary sets the permissions boundary of the entity that find
// returns for name to the managed policy policyARN.
func putBoundary[T any](a *Account, find func(*account, string) (T, error), name, policyARN string, field func(T) *string) error {
	return update(a, find, name, func(acct *account, e T) error {
		if _, err := a.d.boundaryPolicy(acct, policyARN); err != nil {
			return err
		}
		*field(e) = policyARN
		a.d.changed()
		return nil
	})
}

// deleteBoundary removes the permissions boundary of the entity that find
// returns for name; kind ("user" or "role") names it in the error when it
// has none.
func deleteBoundary[T any](a *Account, find func(*account, string) (T, error), name, kind string, field func(T) *string) error {
	return update(a, find, name, func(_ *account, e T) error {
		p := field(e)
		if *p == "" {
			return errNoSuchEntity("The %s with name %s does not have a permissions boundary.", kind, name)
		}
		*p = ""
		a.d.changed()
		return nil
	})
}

// putInline adds or replaces an inline policy, keeping the aggregate size
// of the entity's inline policies within its quota.
func (d *Directory) putInline(m map[string]*inlinePolicy, name, doc string, limit int, kind, entity string) error {
	if err := checkName(name, "policyName", maxPolicyName); err != nil {
		return err
	}
	parsed, err := parseIdentity(doc)
	if err != nil {
		return err
	}
	size := policySize(doc)
	total := size
	for k, p := range m {
		if k != name {
			total += p.size
		}
	}
	if total > limit {
		return errLimitMsg("Maximum policy size of %d bytes exceeded for %s %s", limit, kind, entity)
	}
	m[name] = &inlinePolicy{name: name, doc: doc, parsed: parsed, size: size}
	d.changed()
	return nil
}

// deleteInline deletes an inline policy of a user, group or role.
func (d *Directory) deleteInline(m map[string]*inlinePolicy, name, kind string) error {
	if _, ok := m[name]; !ok {
		return errNoSuchEntity("The %s policy with name %s cannot be found.", kind, name)
	}
	delete(m, name)
	d.changed()
	return nil
}

func getInline(m map[string]*inlinePolicy, name, kind string) (string, error) {
	p, ok := m[name]
	if !ok {
		return "", errNoSuchEntity("The %s policy with name %s cannot be found.", kind, name)
	}
	return p.doc, nil
}

func inlineNames(m map[string]*inlinePolicy) []string {
	return slices.Sorted(maps.Keys(m))
}

// PutUserPolicy adds or replaces an inline policy of a user. A user's
// inline policies total at most 2,048 characters (whitespace excluded).
func (a *Account) PutUserPolicy(userName, policyName, doc string) error {
	return update(a, (*account).user, userName, func(_ *account, u *user) error {
		return a.d.putInline(u.inline, policyName, doc, MaxInlineUserPolicyBytes, "user", u.name)
	})
}

// GetUserPolicy returns the document of a user's inline policy.
func (a *Account) GetUserPolicy(userName, policyName string) (string, error) {
	return read(a, (*account).user, userName, func(_ *account, u *user) (string, error) {
		return getInline(u.inline, policyName, "user")
	})
}

// ListUserPolicies lists the names of a user's inline policies.
func (a *Account) ListUserPolicies(userName string) ([]string, error) {
	return read(a, (*account).user, userName, func(_ *account, u *user) ([]string, error) {
		return inlineNames(u.inline), nil
	})
}

// DeleteUserPolicy deletes an inline policy of a user.
func (a *Account) DeleteUserPolicy(userName, policyName string) error {
	return update(a, (*account).user, userName, func(_ *account, u *user) error {
		return a.d.deleteInline(u.inline, policyName, "user")
	})
}

// PutGroupPolicy adds or replaces an inline policy of a group (5,120
// characters in all).
func (a *Account) PutGroupPolicy(groupName, policyName, doc string) error {
	return update(a, (*account).group, groupName, func(_ *account, g *group) error {
		return a.d.putInline(g.inline, policyName, doc, MaxInlineGroupPolicyBytes, "group", g.name)
	})
}

// GetGroupPolicy returns the document of a group's inline policy.
func (a *Account) GetGroupPolicy(groupName, policyName string) (string, error) {
	return read(a, (*account).group, groupName, func(_ *account, g *group) (string, error) {
		return getInline(g.inline, policyName, "group")
	})
}

// ListGroupPolicies lists the names of a group's inline policies, sorted.
func (a *Account) ListGroupPolicies(groupName string) ([]string, error) {
	return read(a, (*account).group, groupName, func(_ *account, g *group) ([]string, error) {
		return inlineNames(g.inline), nil
	})
}

// DeleteGroupPolicy deletes an inline policy of a group.
func (a *Account) DeleteGroupPolicy(groupName, policyName string) error {
	return update(a, (*account).group, groupName, func(_ *account, g *group) error {
		return a.d.deleteInline(g.inline, policyName, "group")
	})
}

// PutRolePolicy adds or replaces an inline policy of a role (10,240
// characters in all).
func (a *Account) PutRolePolicy(roleName, policyName, doc string) error {
	return update(a, (*account).modifiableRole, roleName, func(_ *account, r *role) error {
		return a.d.putInline(r.inline, policyName, doc, MaxInlineRolePolicyBytes, "role", r.name)
	})
}

// GetRolePolicy returns the document of a role's inline policy.
func (a *Account) GetRolePolicy(roleName, policyName string) (string, error) {
	return read(a, (*account).role, roleName, func(_ *account, r *role) (string, error) {
		return getInline(r.inline, policyName, "role")
	})
}

// ListRolePolicies lists the names of a role's inline policies, sorted.
func (a *Account) ListRolePolicies(roleName string) ([]string, error) {
	return read(a, (*account).role, roleName, func(_ *account, r *role) ([]string, error) {
		return inlineNames(r.inline), nil
	})
}

// DeleteRolePolicy deletes an inline policy of a role.
func (a *Account) DeleteRolePolicy(roleName, policyName string) error {
	return update(a, (*account).modifiableRole, roleName, func(_ *account, r *role) error {
		return a.d.deleteInline(r.inline, policyName, "role")
	})
}

// compileAttached appends the named default versions of managed policies.
func (d *Directory) compileAttached(acct *account, out []authz.Named, arns []string) []authz.Named {
	for _, pa := range arns {
		if rp, ok := d.resolvePolicy(acct, pa); ok {
			out = append(out, authz.Named{Name: pa, Policy: rp.parsed})
		}
	}
	return out
}

func compileInline(out []authz.Named, m map[string]*inlinePolicy, kind, entity string) []authz.Named {
	for _, name := range inlineNames(m) {
		out = append(out, authz.Named{Name: "inline policy " + name + " of " + kind + " " + entity, Policy: m[name].parsed})
	}
	return out
}

// userPolicies returns the user's compiled identity-based policies (its
// own and its groups') and boundary, from the cache when it is current.
// d.mu must be held (read).
func (d *Directory) userPolicies(u *user) *policyCache {
	gen := d.gen.Load()
	if c := u.cache.Load(); c != nil && c.gen == gen {
		return c
	}
	var named []authz.Named
	named = compileInline(named, u.inline, "user", u.name)
	named = d.compileAttached(u.acct, named, u.attached)
	for _, g := range u.groups {
		named = compileInline(named, g.inline, "group", g.name)
		named = d.compileAttached(u.acct, named, g.attached)
	}
	c := &policyCache{gen: gen, identity: authz.NewPolicyList(named...), tags: slices.Clone(u.tags), principal: d.userPrincipal(u)}
	c.ctx = d.buildContext(&c.principal, c.tags, nil)
	if u.boundary != "" {
		if rp, ok := d.resolvePolicy(u.acct, u.boundary); ok {
			c.boundary = authz.NewPolicyList(authz.Named{Name: u.boundary, Policy: rp.parsed})
		}
	}
	u.cache.Store(c)
	return c
}

// rolePolicies is userPolicies for a role.
func (d *Directory) rolePolicies(r *role) *policyCache {
	gen := d.gen.Load()
	if c := r.cache.Load(); c != nil && c.gen == gen {
		return c
	}
	var named []authz.Named
	named = compileInline(named, r.inline, "role", r.name)
	named = d.compileAttached(r.acct, named, r.attached)
	c := &policyCache{gen: gen, identity: authz.NewPolicyList(named...), tags: slices.Clone(r.tags)}
	if r.boundary != "" {
		if rp, ok := d.resolvePolicy(r.acct, r.boundary); ok {
			c.boundary = authz.NewPolicyList(authz.Named{Name: r.boundary, Policy: rp.parsed})
		}
	}
	r.cache.Store(c)
	return c
}

// sessionPolicies parses the session policies of an STS request: an
// inline document (at most 2,048 characters) and up to 10 managed policy
// ARNs of the role's account or AWS. d.mu must be held (read).
func (d *Directory) sessionPolicies(acct *account, doc string, arns []string) (*authz.PolicyList, error) {
	if doc == "" && len(arns) == 0 {
		return nil, nil
	}
	var named []authz.Named
	if doc != "" {
		p, err := authz.Parse(authz.Session, []byte(doc))
		if err != nil {
			if errors.Is(err, authz.ErrPolicyTooLarge) {
				return nil, errValidation(doc, "policy", "have length less than or equal to 2048")
			}
			return nil, errMalformed(err)
		}
		named = append(named, authz.Named{Name: "session policy", Policy: p})
	}
	for _, pa := range arns {
		rp, ok := d.resolvePolicy(acct, pa)
		if !ok {
			return nil, errMalformedMsg("Policy %s does not exist or is not attachable.", pa)
		}
		named = append(named, authz.Named{Name: pa, Policy: rp.parsed})
	}
	return authz.NewPolicyList(named...), nil
}

func errMalformedMsg(format string, args ...any) error {
	return newErr(ErrMalformedPolicyDocument, "MalformedPolicyDocument", 400, format, args...)
}
