package authn

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Role session limits.
const (
	MinSessionDuration     = 15 * time.Minute
	DefaultSessionDuration = time.Hour
	MaxRoleSessionDuration = 12 * time.Hour
	// RoleChainingMaxDuration caps sessions obtained with role session
	// credentials.
	RoleChainingMaxDuration = time.Hour
	maxDescription          = 1000
	serviceRolePath         = "/aws-service-role/"
)

// Role describes an IAM role.
type Role struct {
	Path                     string
	RoleName                 string
	RoleID                   string // AROA...
	ARN                      string
	CreateDate               time.Time
	AssumeRolePolicyDocument string
	Description              string
	MaxSessionDuration       time.Duration
	PermissionsBoundary      string
	Tags                     []Tag
	// ServiceLinkedTo is the service principal of a service-linked role.
	ServiceLinkedTo string
	// LastUsed is when a session of the role was last created.
	LastUsed time.Time
}

// CreateRoleInput is the input of CreateRole.
type CreateRoleInput struct {
	Path                     string // default "/"; "/aws-service-role/..." is reserved
	RoleName                 string
	AssumeRolePolicyDocument string // the trust policy
	Description              string
	// MaxSessionDuration is 1 to 12 hours; 0 means 1 hour.
	MaxSessionDuration  time.Duration
	PermissionsBoundary string
	Tags                []Tag
}

func (d *Directory) roleView(r *role) Role {
	return Role{
		Path: r.path, RoleName: r.name, RoleID: r.id, ARN: d.roleARN(r), CreateDate: r.created,
		AssumeRolePolicyDocument: r.trustDoc, Description: r.description, MaxSessionDuration: r.maxSession,
		PermissionsBoundary: r.boundary, Tags: slices.Clone(r.tags), ServiceLinkedTo: r.service, LastUsed: r.lastUsed,
	}
}

func (d *Directory) roleARN(r *role) string {
	return d.arn("iam", r.acct.id, "role"+r.path+r.name)
}

func (acct *account) role(name string) (*role, error) {
	r, ok := acct.roles[lower(name)]
	if !ok {
		return nil, errNoSuchEntity("The role with name %s cannot be found.", name)
	}
	return r, nil
}

// parseTrust parses a role trust policy with IAM's size quota wording.
func parseTrust(roleName, doc string) (*authz.PolicyList, error) {
	p, err := authz.Parse(authz.Trust, []byte(doc))
	if err != nil {
		if errors.Is(err, authz.ErrPolicyTooLarge) {
			return nil, errLimit("ACLSizePerRole", authz.Trust.MaxSize())
		}
		return nil, errMalformed(err)
	}
	return authz.NewPolicyList(authz.Named{Name: "trust policy of role " + roleName, Policy: p}), nil
}

func checkMaxSession(d time.Duration) (time.Duration, error) {
	if d == 0 {
		return DefaultSessionDuration, nil
	}
	secs := int64(d / time.Second)
	if d < time.Hour {
		return 0, errValidation(strconv.FormatInt(secs, 10), "maxSessionDuration", "have value greater than or equal to 3600")
	}
	if d > MaxRoleSessionDuration {
		return 0, errValidation(strconv.FormatInt(secs, 10), "maxSessionDuration", "have value less than or equal to 43200")
	}
	return time.Duration(secs) * time.Second, nil
}

// CreateRole creates a role with its trust policy. Names are unique
// case-insensitively.
func (a *Account) CreateRole(in CreateRoleInput) (Role, error) {
	if err := checkName(in.RoleName, "roleName", maxRoleName); err != nil {
		return Role{}, err
	}
	path, err := normPath(in.Path, "path")
	if err != nil {
		return Role{}, err
	}
	if strings.HasPrefix(path, serviceRolePath) {
		return Role{}, errInvalidInput("The path %s is reserved for service-linked roles.", path)
	}
	if len(in.Description) > maxDescription {
		return Role{}, errValidation(in.Description, "description", lengthConstraint(0, maxDescription, len(in.Description)))
	}
	maxSession, err := checkMaxSession(in.MaxSessionDuration)
	if err != nil {
		return Role{}, err
	}
	if err := checkTags(in.Tags, "tags", MaxTagsPerEntity); err != nil {
		return Role{}, err
	}
	trust, err := parseTrust(in.RoleName, in.AssumeRolePolicyDocument)
	if err != nil {
		return Role{}, err
	}
	id, err := a.d.ids.uniqueID(PrefixRole)
	if err != nil {
		return Role{}, err
	}
	acct, err := a.lock()
	if err != nil {
		return Role{}, err
	}
	defer a.unlock()
	if _, ok := acct.roles[lower(in.RoleName)]; ok {
		return Role{}, errAlreadyExists("Role with name %s already exists.", in.RoleName)
	}
	if len(acct.roles) >= MaxRolesPerAccount {
		return Role{}, errLimit("RolesPerAccount", MaxRolesPerAccount)
	}
	if in.PermissionsBoundary != "" {
		if _, err := a.d.boundaryPolicy(acct, in.PermissionsBoundary); err != nil {
			return Role{}, err
		}
	}
	r := &role{
		acct: acct, name: in.RoleName, path: path, id: id, created: a.d.now(),
		description: in.Description, trustDoc: in.AssumeRolePolicyDocument, trust: trust,
		maxSession: maxSession, boundary: in.PermissionsBoundary, tags: slices.Clone(in.Tags),
		inline: make(map[string]*inlinePolicy),
	}
	acct.roles[lower(r.name)] = r
	a.d.byUnique[id] = r
	return a.d.roleView(r), nil
}

// GetRole returns a role.
func (a *Account) GetRole(name string) (Role, error) {
	return read(a, (*account).role, name, func(_ *account, r *role) (Role, error) {
		return a.d.roleView(r), nil
	})
}

// ListRoles lists the roles whose path begins with pathPrefix.
func (a *Account) ListRoles(pathPrefix string) ([]Role, error) {
	return listByPath(a, pathPrefix, func(acct *account) map[string]*role { return acct.roles },
		func(r *role) string { return r.path }, a.d.roleView, func(x Role) string { return x.RoleName })
}

// modifiableRole finds a role that callers may change.
func (acct *account) modifiableRole(name string) (*role, error) {
	r, err := acct.role(name)
	if err != nil {
		return nil, err
	}
	if r.serviceLinked() {
		return nil, errUnmodifiable(r.name)
	}
	return r, nil
}

// UpdateAssumeRolePolicy replaces a role's trust policy.
func (a *Account) UpdateAssumeRolePolicy(name, doc string) error {
	trust, err := parseTrust(name, doc)
	if err != nil {
		return err
	}
	acct, err := a.lock()
	if err != nil {
		return err
	}
	defer a.unlock()
	r, err := acct.modifiableRole(name)
	if err != nil {
		return err
	}
	r.trustDoc, r.trust = doc, trust
	a.d.changed()
	return nil
}

// UpdateRole changes a role's description (when description is not nil)
// and maximum session duration (when maxSession is not 0).
func (a *Account) UpdateRole(name string, description *string, maxSession time.Duration) error {
	if description != nil && len(*description) > maxDescription {
		return errValidation(*description, "description", lengthConstraint(0, maxDescription, len(*description)))
	}
	var ms time.Duration
	if maxSession != 0 {
		var err error
		if ms, err = checkMaxSession(maxSession); err != nil {
			return err
		}
	}
	acct, err := a.lock()
	if err != nil {
		return err
	}
	defer a.unlock()
	r, err := acct.role(name)
	if err != nil {
		return err
	}
	if r.serviceLinked() && ms != 0 {
		return errUnmodifiable(r.name)
	}
	if description != nil {
		r.description = *description
	}
	if ms != 0 {
		r.maxSession = ms
	}
	return nil
}

// TagRole adds or replaces tags of a role.
func (a *Account) TagRole(name string, tags []Tag) error {
	return tagEntity(a, (*account).modifiableRole, name, tags, "TagsPerRole", func(r *role) *[]Tag { return &r.tags })
}

// UntagRole removes tags of a role by key.
func (a *Account) UntagRole(name string, keys []string) error {
	return untagEntity(a, (*account).modifiableRole, name, keys, func(r *role) *[]Tag { return &r.tags })
}

// PutRolePermissionsBoundary sets a role's permissions boundary.
func (a *Account) PutRolePermissionsBoundary(name, policyARN string) error {
	return putBoundary(a, (*account).modifiableRole, name, policyARN, func(r *role) *string { return &r.boundary })
}

// DeleteRolePermissionsBoundary removes a role's permissions boundary.
func (a *Account) DeleteRolePermissionsBoundary(name string) error {
	return deleteBoundary(a, (*account).modifiableRole, name, "role", func(r *role) *string { return &r.boundary })
}

// DeleteRole deletes a role that is in no instance profile and has no
// attached or inline policies. Its sessions stop working. Service-linked
// roles cannot be deleted this way (UnmodifiableEntity).
func (a *Account) DeleteRole(name string) error {
	return update(a, (*account).modifiableRole, name, func(acct *account, r *role) error {
		switch {
		case len(r.profiles) > 0:
			return errDeleteConflict("Cannot delete entity, must remove roles from instance profile first.")
		case len(r.attached) > 0:
			return errDeleteConflict("Cannot delete entity, must detach all policies first.")
		case len(r.inline) > 0:
			return errDeleteConflict("Cannot delete entity, must delete policies first.")
		}
		a.d.removeRole(acct, r)
		return nil
	})
}

func (d *Directory) removeRole(acct *account, r *role) {
	delete(acct.roles, lower(r.name))
	delete(d.byUnique, r.id)
	d.dropSessionsOf(r.id)
	d.changed()
}

// knownServiceRoles names the service-linked roles of some services and
// the AWS managed policy that holds their permissions.
var knownServiceRoles = map[string]struct{ role, policy string }{
	"inspector2.amazonaws.com":           {"AWSServiceRoleForAmazonInspector2", "AmazonInspector2ServiceRolePolicy"},
	"agentless.inspector2.amazonaws.com": {"AWSServiceRoleForAmazonInspector2Agentless", "AmazonInspector2AgentlessServiceRolePolicy"},
	"inspector.amazonaws.com":            {"AWSServiceRoleForAmazonInspector", "AmazonInspectorServiceRolePolicy"},
	"organizations.amazonaws.com":        {"AWSServiceRoleForOrganizations", "AWSOrganizationsServiceTrustPolicy"},
	"access-analyzer.amazonaws.com":      {"AWSServiceRoleForAccessAnalyzer", "AccessAnalyzerServiceRolePolicy"},
	"support.amazonaws.com":              {"AWSServiceRoleForSupport", "AWSSupportServiceRolePolicy"},
	"trustedadvisor.amazonaws.com":       {"AWSServiceRoleForTrustedAdvisor", "AWSTrustedAdvisorServiceRolePolicy"},
	"sso.amazonaws.com":                  {"AWSServiceRoleForSSO", "AWSSSOServiceRolePolicy"},
	"config.amazonaws.com":               {"AWSServiceRoleForConfig", "AWSConfigServiceRolePolicy"},
	"guardduty.amazonaws.com":            {"AWSServiceRoleForAmazonGuardDuty", "AmazonGuardDutyServiceRolePolicy"},
	"securityhub.amazonaws.com":          {"AWSServiceRoleForSecurityHub", "AWSSecurityHubServiceRolePolicy"},
	"ecs.amazonaws.com":                  {"AWSServiceRoleForECS", "AmazonECSServiceRolePolicy"},
	"autoscaling.amazonaws.com":          {"AWSServiceRoleForAutoScaling", "AutoScalingServiceRolePolicy"},
	"elasticloadbalancing.amazonaws.com": {"AWSServiceRoleForElasticLoadBalancing", "AWSElasticLoadBalancingServiceRolePolicy"},
	"cloudtrail.amazonaws.com":           {"AWSServiceRoleForCloudTrail", "CloudTrailServiceRolePolicy"},
	"ssm.amazonaws.com":                  {"AWSServiceRoleForAmazonSSM", "AmazonSSMServiceRolePolicy"},
}

// ServiceLinkedRoleName returns the name AWS gives the service-linked role
// of a service principal: the service's documented name for the services
// this model knows, else "AWSServiceRoleFor" and the capitalised first
// label of the principal.
func ServiceLinkedRoleName(servicePrincipal string) string {
	if name, _, ok := serviceLinkedRole(servicePrincipal); ok {
		return name
	}
	label, _, _ := strings.Cut(servicePrincipal, ".")
	var b strings.Builder
	b.WriteString("AWSServiceRoleFor")
	up := true
	for _, c := range label {
		if c == '-' {
			up = true
			continue
		}
		if up && 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		up = false
		b.WriteRune(c)
	}
	return b.String()
}

func validServicePrincipal(s string) bool {
	name, ok := strings.CutSuffix(s, ".amazonaws.com")
	if !ok || name == "" || len(s) > 128 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// CreateServiceLinkedRole creates the service-linked role of a service
// principal (e.g. "inspector2.amazonaws.com"): path
// /aws-service-role/<service>/, a trust policy that trusts only that
// service, and the service's AWS managed service-role policy attached when
// the catalogue of managed policies knows it. Callers cannot edit or
// delete it (UnmodifiableEntity); only [Account.DeleteServiceLinkedRole]
// removes it.
func (a *Account) CreateServiceLinkedRole(servicePrincipal, description, customSuffix string) (Role, error) {
	if !validServicePrincipal(servicePrincipal) {
		return Role{}, errInvalidInput("Invalid service principal %s.", servicePrincipal)
	}
	if len(description) > maxDescription {
		return Role{}, errValidation(description, "description", lengthConstraint(0, maxDescription, len(description)))
	}
	name := ServiceLinkedRoleName(servicePrincipal)
	if customSuffix != "" {
		if err := checkName(customSuffix, "customSuffix", 64); err != nil {
			return Role{}, err
		}
		name += "_" + customSuffix
		if len(name) > maxRoleName {
			return Role{}, errValidation(name, "roleName", lengthConstraint(1, maxRoleName, len(name)))
		}
	}
	trustDoc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"` + servicePrincipal + `"},"Action":"sts:AssumeRole"}]}`
	trust, err := parseTrust(name, trustDoc)
	if err != nil {
		return Role{}, err
	}
	id, err := a.d.ids.uniqueID(PrefixRole)
	if err != nil {
		return Role{}, err
	}
	acct, err := a.lock()
	if err != nil {
		return Role{}, err
	}
	defer a.unlock()
	if _, ok := acct.roles[lower(name)]; ok {
		return Role{}, errInvalidInput("Service role name %s has been taken in this account, please try a different suffix.", name)
	}
	r := &role{
		acct: acct, name: name, path: serviceRolePath + servicePrincipal + "/", id: id, created: a.d.now(),
		description: description, trustDoc: trustDoc, trust: trust, maxSession: DefaultSessionDuration,
		inline: make(map[string]*inlinePolicy), service: servicePrincipal,
	}
	if _, policy, ok := serviceLinkedRole(servicePrincipal); ok {
		pa := "arn:" + a.d.partition + ":iam::aws:policy/aws-service-role/" + policy
		if _, ok := awsManagedPolicy(pa); ok {
			r.attached = append(r.attached, pa)
		}
	}
	acct.roles[lower(name)] = r
	a.d.byUnique[id] = r
	a.d.changed()
	return a.d.roleView(r), nil
}

// DeleteServiceLinkedRole deletes a service-linked role, as the service
// that owns it does, and returns the deletion task id.
func (a *Account) DeleteServiceLinkedRole(roleName string) (string, error) {
	hex, err := a.d.ids.hexID(16)
	if err != nil {
		return "", err
	}
	acct, err := a.lock()
	if err != nil {
		return "", err
	}
	defer a.unlock()
	r, err := acct.role(roleName)
	if err != nil {
		return "", err
	}
	if !r.serviceLinked() {
		return "", errInvalidInput("Role %s is not a service-linked role.", roleName)
	}
	if len(r.profiles) > 0 {
		return "", errDeleteConflict("Cannot delete entity, must remove roles from instance profile first.")
	}
	task := "task" + r.path + r.name + "/" + hex[:8] + "-" + hex[8:12] + "-" + hex[12:16] + "-" + hex[16:20] + "-" + hex[20:]
	a.d.removeRole(acct, r)
	return task, nil
}
