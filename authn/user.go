package authn

import (
	"slices"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// IAM's default quotas (IAM User Guide, "IAM and AWS STS quotas").
const (
	MaxUsersPerAccount          = 5000
	MaxGroupsPerAccount         = 300
	MaxRolesPerAccount          = 1000
	MaxPoliciesPerAccount       = 1500
	MaxProfilesPerAccount       = 1000
	MaxGroupsPerUser            = 10
	MaxAccessKeysPerUser        = 2
	MaxManagedPoliciesPerEntity = 10
	MaxPolicyVersions           = 5
	MaxTagsPerEntity            = 50
	MaxMFADevicesPerUser        = 8
	MaxInlineUserPolicyBytes    = 2048
	MaxInlineGroupPolicyBytes   = 5120
	MaxInlineRolePolicyBytes    = 10240
)

// User describes an IAM user, as GetUser returns it.
type User struct {
	Path                string
	UserName            string
	UserID              string // AIDA...
	ARN                 string
	CreateDate          time.Time
	PasswordLastUsed    time.Time // zero if never
	PermissionsBoundary string    // ARN of the boundary policy, if any
	Tags                []Tag
}

// CreateUserInput is the input of CreateUser.
type CreateUserInput struct {
	Path                string // default "/"
	UserName            string
	PermissionsBoundary string // managed policy ARN, optional
	Tags                []Tag
}

func (d *Directory) userView(u *user) User {
	v := User{
		Path: u.path, UserName: u.name, UserID: u.id, ARN: d.userARN(u),
		CreateDate: u.created, PermissionsBoundary: u.boundary, Tags: slices.Clone(u.tags),
	}
	if u.login != nil {
		v.PasswordLastUsed = u.login.lastUsed
	}
	return v
}

func (d *Directory) userARN(u *user) string {
	return d.arn("iam", u.acct.id, "user"+u.path+u.name)
}

// principal returns the user as a principal (long-term credentials).
func (d *Directory) userPrincipal(u *user) authz.Principal {
	return authz.Principal{
		Type: authz.PrincipalUser, ARN: d.userARN(u), Account: u.acct.id,
		UniqueID: u.id, UserID: u.id, UserName: u.name,
	}
}

func (acct *account) user(name string) (*user, error) {
	u, ok := acct.users[lower(name)]
	if !ok {
		return nil, errNoSuchEntity("The user with name %s cannot be found.", name)
	}
	return u, nil
}

// CreateUser creates an IAM user. Names are unique case-insensitively.
func (a *Account) CreateUser(in CreateUserInput) (User, error) {
	if err := checkName(in.UserName, "userName", maxUserName); err != nil {
		return User{}, err
	}
	path, err := normPath(in.Path, "path")
	if err != nil {
		return User{}, err
	}
	if err := checkTags(in.Tags, "tags", MaxTagsPerEntity); err != nil {
		return User{}, err
	}
	id, err := a.d.ids.uniqueID(PrefixUser)
	if err != nil {
		return User{}, err
	}
	acct, err := a.lock()
	if err != nil {
		return User{}, err
	}
	defer a.unlock()
	if _, ok := acct.users[lower(in.UserName)]; ok {
		return User{}, errAlreadyExists("User with name %s already exists.", in.UserName)
	}
	if len(acct.users) >= MaxUsersPerAccount {
		return User{}, errLimit("UsersPerAccount", MaxUsersPerAccount)
	}
	if in.PermissionsBoundary != "" {
		if _, err := a.d.boundaryPolicy(acct, in.PermissionsBoundary); err != nil {
			return User{}, err
		}
	}
	u := &user{
		acct: acct, name: in.UserName, path: path, id: id, created: a.d.now(),
		tags: slices.Clone(in.Tags), boundary: in.PermissionsBoundary,
		inline: make(map[string]*inlinePolicy),
	}
	acct.users[lower(u.name)] = u
	a.d.byUnique[id] = u
	return a.d.userView(u), nil
}

// GetUser returns a user.
func (a *Account) GetUser(name string) (User, error) {
	return read(a, (*account).user, name, func(_ *account, u *user) (User, error) {
		return a.d.userView(u), nil
	})
}

// ListUsers lists the users whose path begins with pathPrefix ("" for
// all), sorted by name.
func (a *Account) ListUsers(pathPrefix string) ([]User, error) {
	return listByPath(a, pathPrefix, func(acct *account) map[string]*user { return acct.users },
		func(u *user) string { return u.path }, a.d.userView, func(x User) string { return x.UserName })
}

// UpdateUser renames a user or changes its path; empty values keep the
// current ones.
func (a *Account) UpdateUser(name, newName, newPath string) (User, error) {
	if newName != "" {
		if err := checkName(newName, "newUserName", maxUserName); err != nil {
			return User{}, err
		}
	}
	if newPath != "" {
		if _, err := normPath(newPath, "newPath"); err != nil {
			return User{}, err
		}
	}
	acct, err := a.lock()
	if err != nil {
		return User{}, err
	}
	defer a.unlock()
	u, err := acct.user(name)
	if err != nil {
		return User{}, err
	}
	if newName != "" && !strings.EqualFold(newName, u.name) {
		if _, ok := acct.users[lower(newName)]; ok {
			return User{}, errAlreadyExists("User with name %s already exists.", newName)
		}
	}
	if newName != "" {
		delete(acct.users, lower(u.name))
		u.name = newName
		acct.users[lower(u.name)] = u
	}
	if newPath != "" {
		u.path = newPath
	}
	a.d.changed()
	return a.d.userView(u), nil
}

// DeleteUser deletes a user that has no access keys, login profile, MFA
// devices, group memberships, attached or inline policies, as IAM
// requires (DeleteConflict otherwise).
func (a *Account) DeleteUser(name string) error {
	return update(a, (*account).user, name, func(acct *account, u *user) error {
		switch {
		case len(u.keys) > 0:
			return errDeleteConflict("Cannot delete entity, must delete access keys first.")
		case u.login != nil:
			return errDeleteConflict("Cannot delete entity, must delete login profile first.")
		case len(u.mfa) > 0:
			return errDeleteConflict("Cannot delete entity, must delete MFA device first.")
		case len(u.groups) > 0:
			return errDeleteConflict("Cannot delete entity, must remove users from group first.")
		case len(u.attached) > 0:
			return errDeleteConflict("Cannot delete entity, must detach all policies first.")
		case len(u.inline) > 0:
			return errDeleteConflict("Cannot delete entity, must delete policies first.")
		}
		delete(acct.users, lower(u.name))
		delete(a.d.byUnique, u.id)
		a.d.dropSessionsOf(u.id)
		a.d.changed()
		return nil
	})
}

// TagUser adds or replaces tags of a user.
func (a *Account) TagUser(name string, tags []Tag) error {
	return tagEntity(a, (*account).user, name, tags, "TagsPerUser", func(u *user) *[]Tag { return &u.tags })
}

// UntagUser removes tags of a user by key.
func (a *Account) UntagUser(name string, keys []string) error {
	return untagEntity(a, (*account).user, name, keys, func(u *user) *[]Tag { return &u.tags })
}

// PutUserPermissionsBoundary sets a managed policy as the user's
// permissions boundary.
func (a *Account) PutUserPermissionsBoundary(name, policyARN string) error {
	return putBoundary(a, (*account).user, name, policyARN, func(u *user) *string { return &u.boundary })
}

// DeleteUserPermissionsBoundary removes the user's permissions boundary.
func (a *Account) DeleteUserPermissionsBoundary(name string) error {
	return deleteBoundary(a, (*account).user, name, "user", func(u *user) *string { return &u.boundary })
}
