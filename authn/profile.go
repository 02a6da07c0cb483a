package authn

import (
	"slices"
	"strings"
	"time"
)

// InstanceProfile describes an instance profile: a container for one role
// that EC2 instances run with.
type InstanceProfile struct {
	Path                string
	InstanceProfileName string
	InstanceProfileID   string // AIPA...
	ARN                 string
	CreateDate          time.Time
	Roles               []Role // at most one
	Tags                []Tag
}

func (d *Directory) profileView(p *instanceProfile) InstanceProfile {
	v := InstanceProfile{
		Path: p.path, InstanceProfileName: p.name, InstanceProfileID: p.id,
		ARN: d.profileARN(p), CreateDate: p.created, Tags: slices.Clone(p.tags),
	}
	if p.role != nil {
		v.Roles = []Role{d.roleView(p.role)}
	}
	return v
}

func (d *Directory) profileARN(p *instanceProfile) string {
	return d.arn("iam", p.acct.id, "instance-profile"+p.path+p.name)
}

func (acct *account) profile(name string) (*instanceProfile, error) {
	p, ok := acct.profiles[lower(name)]
	if !ok {
		return nil, errNoSuchEntity("Instance Profile %s cannot be found.", name)
	}
	return p, nil
}

// CreateInstanceProfile creates an empty instance profile.
func (a *Account) CreateInstanceProfile(path, name string, tags []Tag) (InstanceProfile, error) {
	if err := checkName(name, "instanceProfileName", maxProfileName); err != nil {
		return InstanceProfile{}, err
	}
	path, err := normPath(path, "path")
	if err != nil {
		return InstanceProfile{}, err
	}
	if err := checkTags(tags, "tags", MaxTagsPerEntity); err != nil {
		return InstanceProfile{}, err
	}
	id, err := a.d.ids.uniqueID(PrefixInstanceProfile)
	if err != nil {
		return InstanceProfile{}, err
	}
	acct, err := a.lock()
	if err != nil {
		return InstanceProfile{}, err
	}
	defer a.unlock()
	if _, ok := acct.profiles[lower(name)]; ok {
		return InstanceProfile{}, errAlreadyExists("Instance Profile %s already exists.", name)
	}
	if len(acct.profiles) >= MaxProfilesPerAccount {
		return InstanceProfile{}, errLimit("InstanceProfilesPerAccount", MaxProfilesPerAccount)
	}
	p := &instanceProfile{acct: acct, name: name, path: path, id: id, created: a.d.now(), tags: slices.Clone(tags)}
	acct.profiles[lower(name)] = p
	return a.d.profileView(p), nil
}

// GetInstanceProfile returns an instance profile.
func (a *Account) GetInstanceProfile(name string) (InstanceProfile, error) {
	return read(a, (*account).profile, name, func(_ *account, p *instanceProfile) (InstanceProfile, error) {
		return a.d.profileView(p), nil
	})
}

// ListInstanceProfilesForRole lists the instance profiles holding a role.
func (a *Account) ListInstanceProfilesForRole(roleName string) ([]InstanceProfile, error) {
	return read(a, (*account).role, roleName, func(_ *account, r *role) ([]InstanceProfile, error) {
		out := make([]InstanceProfile, 0, len(r.profiles))
		for _, p := range r.profiles {
			out = append(out, a.d.profileView(p))
		}
		slices.SortFunc(out, func(x, y InstanceProfile) int {
			return strings.Compare(lower(x.InstanceProfileName), lower(y.InstanceProfileName))
		})
		return out, nil
	})
}

// AddRoleToInstanceProfile puts a role in an instance profile, which holds
// at most one.
func (a *Account) AddRoleToInstanceProfile(profileName, roleName string) error {
	return update(a, (*account).profile, profileName, func(acct *account, p *instanceProfile) error {
		r, err := acct.role(roleName)
		if err != nil {
			return err
		}
		if p.role != nil {
			return errLimit("InstanceSessionsPerInstanceProfile", 1)
		}
		p.role = r
		r.profiles = append(r.profiles, p)
		a.d.changed()
		return nil
	})
}

// RemoveRoleFromInstanceProfile takes the role out of an instance profile.
func (a *Account) RemoveRoleFromInstanceProfile(profileName, roleName string) error {
	return update(a, (*account).profile, profileName, func(acct *account, p *instanceProfile) error {
		r, err := acct.role(roleName)
		if err != nil {
			return err
		}
		if p.role != r {
			return errNoSuchEntity("The role with name %s cannot be found in instance profile %s.", r.name, p.name)
		}
		p.role = nil
		if i := slices.Index(r.profiles, p); i >= 0 {
			r.profiles = slices.Delete(r.profiles, i, i+1)
		}
		a.d.changed()
		return nil
	})
}

// DeleteInstanceProfile deletes an instance profile without a role.
func (a *Account) DeleteInstanceProfile(name string) error {
	return update(a, (*account).profile, name, func(acct *account, p *instanceProfile) error {
		if p.role != nil {
			return errDeleteConflict("Cannot delete entity, must remove roles from instance profile first.")
		}
		delete(acct.profiles, lower(p.name))
		a.d.changed()
		return nil
	})
}
