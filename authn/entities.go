package authn

import (
	"slices"
	"strings"
)

// EntityType is the EntityFilter of ListEntitiesForPolicy.
type EntityType string

// The values of EntityType; "" means every kind. A managed policy is
// attached to users, groups and roles only, so the policy kinds select
// nothing.
const (
	EntityUser               EntityType = "User"
	EntityRole               EntityType = "Role"
	EntityGroup              EntityType = "Group"
	EntityLocalManagedPolicy EntityType = "LocalManagedPolicy"
	EntityAWSManagedPolicy   EntityType = "AWSManagedPolicy"
)

// Values lists the EntityType values as IAM names them.
func (EntityType) Values() []EntityType {
	return []EntityType{EntityUser, EntityRole, EntityGroup, EntityLocalManagedPolicy, EntityAWSManagedPolicy}
}

// PolicyUsage is the PolicyUsageFilter of ListEntitiesForPolicy.
type PolicyUsage string

// The values of PolicyUsage; "" means both.
const (
	UsagePermissionsPolicy   PolicyUsage = "PermissionsPolicy"
	UsagePermissionsBoundary PolicyUsage = "PermissionsBoundary"
)

// Values lists the PolicyUsage values as IAM names them.
func (PolicyUsage) Values() []PolicyUsage {
	return []PolicyUsage{UsagePermissionsPolicy, UsagePermissionsBoundary}
}

// PolicyEntity is a user, group or role a managed policy is attached to
// or is the permissions boundary of.
type PolicyEntity struct {
	Type EntityType // EntityUser, EntityGroup or EntityRole
	Name string
	ID   string
	Path string
}

// ListEntitiesForPolicy lists the groups, then the users, then the roles
// (each sorted by name) that a managed policy is attached to (usage
// PermissionsPolicy) or is the permissions boundary of
// (PermissionsBoundary), or either ("" usage), of the kind filter selects
// ("" for all) and whose path begins with pathPrefix ("" for all).
func (a *Account) ListEntitiesForPolicy(policyARN string, filter EntityType, pathPrefix string, usage PolicyUsage) ([]PolicyEntity, error) {
	if filter != "" && !slices.Contains(filter.Values(), filter) {
		return nil, errValidation(string(filter), "entityFilter", "satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]")
	}
	if usage != "" && !slices.Contains(usage.Values(), usage) {
		return nil, errValidation(string(usage), "policyUsageFilter", "satisfy enum value set: [PermissionsPolicy, PermissionsBoundary]")
	}
	prefix, err := checkPathPrefix(pathPrefix)
	if err != nil {
		return nil, err
	}
	acct, err := a.rlock()
	if err != nil {
		return nil, err
	}
	defer a.runlock()
	if _, ok := a.d.resolvePolicy(acct, policyARN); !ok {
		return nil, a.d.policyNotFound(policyARN)
	}
	uses := func(attached []string, boundary string) bool {
		return usage != UsagePermissionsBoundary && slices.Contains(attached, policyARN) ||
			usage != UsagePermissionsPolicy && boundary == policyARN
	}
	var out []PolicyEntity
	add := func(kind EntityType, name, id, path string, attached []string, boundary string) {
		if (filter == "" || filter == kind) && strings.HasPrefix(path, prefix) && uses(attached, boundary) {
			out = append(out, PolicyEntity{Type: kind, Name: name, ID: id, Path: path})
		}
	}
	for _, g := range acct.groups {
		add(EntityGroup, g.name, g.id, g.path, g.attached, "")
	}
	for _, u := range acct.users {
		add(EntityUser, u.name, u.id, u.path, u.attached, u.boundary)
	}
	for _, r := range acct.roles {
		add(EntityRole, r.name, r.id, r.path, r.attached, r.boundary)
	}
	rank := map[EntityType]int{EntityGroup: 0, EntityUser: 1, EntityRole: 2}
	slices.SortFunc(out, func(x, y PolicyEntity) int {
		if c := rank[x.Type] - rank[y.Type]; c != 0 {
			return c
		}
		return strings.Compare(lower(x.Name), lower(y.Name))
	})
	return out, nil
}
