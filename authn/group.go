package authn

import (
	"slices"
	"strings"
	"time"
)

// Group describes an IAM group.
type Group struct {
	Path       string
	GroupName  string
	GroupID    string // AGPA...
	ARN        string
	CreateDate time.Time
}

func (d *Directory) groupView(g *group) Group {
	return Group{Path: g.path, GroupName: g.name, GroupID: g.id, ARN: d.groupARN(g), CreateDate: g.created}
}

func (d *Directory) groupARN(g *group) string {
	return d.arn("iam", g.acct.id, "group"+g.path+g.name)
}

func (acct *account) group(name string) (*group, error) {
	g, ok := acct.groups[lower(name)]
	if !ok {
		return nil, errNoSuchEntity("The group with name %s cannot be found.", name)
	}
	return g, nil
}

// CreateGroup creates a group. Names are unique case-insensitively.
func (a *Account) CreateGroup(path, name string) (Group, error) {
	if err := checkName(name, "groupName", maxGroupName); err != nil {
		return Group{}, err
	}
	path, err := normPath(path, "path")
	if err != nil {
		return Group{}, err
	}
	id, err := a.d.ids.uniqueID(PrefixGroup)
	if err != nil {
		return Group{}, err
	}
	acct, err := a.lock()
	if err != nil {
		return Group{}, err
	}
	defer a.unlock()
	if _, ok := acct.groups[lower(name)]; ok {
		return Group{}, errAlreadyExists("Group with name %s already exists.", name)
	}
	if len(acct.groups) >= MaxGroupsPerAccount {
		return Group{}, errLimit("GroupsPerAccount", MaxGroupsPerAccount)
	}
	g := &group{acct: acct, name: name, path: path, id: id, created: a.d.now(), inline: make(map[string]*inlinePolicy)}
	acct.groups[lower(name)] = g
	a.d.byUnique[id] = g
	return a.d.groupView(g), nil
}

// GetGroup returns a group and its members, sorted by name.
func (a *Account) GetGroup(name string) (Group, []User, error) {
	acct, err := a.rlock()
	if err != nil {
		return Group{}, nil, err
	}
	defer a.runlock()
	g, err := acct.group(name)
	if err != nil {
		return Group{}, nil, err
	}
	users := make([]User, 0, len(g.members))
	for _, u := range g.members {
		users = append(users, a.d.userView(u))
	}
	slices.SortFunc(users, func(x, y User) int { return strings.Compare(lower(x.UserName), lower(y.UserName)) })
	return a.d.groupView(g), users, nil
}

// ListGroups lists the groups whose path begins with pathPrefix.
func (a *Account) ListGroups(pathPrefix string) ([]Group, error) {
	return listByPath(a, pathPrefix, func(acct *account) map[string]*group { return acct.groups },
		func(g *group) string { return g.path }, a.d.groupView, func(x Group) string { return x.GroupName })
}

// ListGroupsForUser lists the groups a user belongs to.
func (a *Account) ListGroupsForUser(userName string) ([]Group, error) {
	return read(a, (*account).user, userName, func(_ *account, u *user) ([]Group, error) {
		out := make([]Group, 0, len(u.groups))
		for _, g := range u.groups {
			out = append(out, a.d.groupView(g))
		}
		slices.SortFunc(out, func(x, y Group) int { return strings.Compare(lower(x.GroupName), lower(y.GroupName)) })
		return out, nil
	})
}

// AddUserToGroup adds a user to a group (a no-op if it is already a
// member). A user belongs to at most 10 groups.
func (a *Account) AddUserToGroup(groupName, userName string) error {
	return update(a, (*account).group, groupName, func(acct *account, g *group) error {
		u, err := acct.user(userName)
		if err != nil {
			return err
		}
		if slices.Contains(u.groups, g) {
			return nil
		}
		if len(u.groups) >= MaxGroupsPerUser {
			return errLimit("GroupsPerUser", MaxGroupsPerUser)
		}
		u.groups = append(u.groups, g)
		g.members = append(g.members, u)
		a.d.changed()
		return nil
	})
}

// RemoveUserFromGroup removes a user from a group.
func (a *Account) RemoveUserFromGroup(groupName, userName string) error {
	return update(a, (*account).group, groupName, func(acct *account, g *group) error {
		u, err := acct.user(userName)
		if err != nil {
			return err
		}
		i := slices.Index(u.groups, g)
		if i < 0 {
			return errNoSuchEntity("User %s is not in group %s.", u.name, g.name)
		}
		u.groups = slices.Delete(u.groups, i, i+1)
		if j := slices.Index(g.members, u); j >= 0 {
			g.members = slices.Delete(g.members, j, j+1)
		}
		a.d.changed()
		return nil
	})
}

// DeleteGroup deletes a group without members or policies.
func (a *Account) DeleteGroup(name string) error {
	return update(a, (*account).group, name, func(acct *account, g *group) error {
		switch {
		case len(g.members) > 0:
			return errDeleteConflict("Cannot delete entity, must remove users from group first.")
		case len(g.attached) > 0:
			return errDeleteConflict("Cannot delete entity, must detach all policies first.")
		case len(g.inline) > 0:
			return errDeleteConflict("Cannot delete entity, must delete policies first.")
		}
		delete(acct.groups, lower(g.name))
		delete(a.d.byUnique, g.id)
		a.d.changed()
		return nil
	})
}

// UpdateGroup renames a group or moves it to another path; empty values
// keep the current ones. The new name must not belong to another group
// (case-insensitively; a change of case alone is allowed). Members,
// policies and the group's id stay with it.
func (a *Account) UpdateGroup(name, newName, newPath string) (Group, error) {
	if newName != "" {
		if err := checkName(newName, "newGroupName", maxGroupName); err != nil {
			return Group{}, err
		}
	}
	if newPath != "" {
		if _, err := normPath(newPath, "newPath"); err != nil {
			return Group{}, err
		}
	}
	acct, err := a.lock()
	if err != nil {
		return Group{}, err
	}
	defer a.unlock()
	g, err := acct.group(name)
	if err != nil {
		return Group{}, err
	}
	if newName != "" && !strings.EqualFold(newName, g.name) {
		if _, ok := acct.groups[lower(newName)]; ok {
			return Group{}, errAlreadyExists("Group with name %s already exists.", newName)
		}
	}
	if newName != "" {
		delete(acct.groups, lower(g.name))
		g.name = newName
		acct.groups[lower(g.name)] = g
	}
	if newPath != "" {
		g.path = newPath
	}
	a.d.changed()
	return a.d.groupView(g), nil
}
