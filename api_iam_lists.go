package awsaccess

import (
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn"
)

// iamLister renders the output of a list operation: the page of items
// that Marker and MaxItems select, each rendered, under the output member
// named member, then IsTruncated and Marker. One lister serves each kind
// of item; see iamUserList and the others below.
type iamLister[T, R any] struct {
	member string
	key    func(T) string
	render func(T) R
}

// page pages items and renders the page. The output is a map, which the
// encoder writes in the output shape's member order; callers may add
// members (GetGroup adds Group).
func (l iamLister[T, R]) page(items []T, req iamListInput) (map[string]any, error) {
	page, p, err := paginate(items, l.key, req.Marker, req.MaxItems)
	if err != nil {
		return nil, err
	}
	out := make([]R, 0, len(page))
	for _, it := range page {
		out = append(out, l.render(it))
	}
	m := map[string]any{l.member: out, "IsTruncated": p.IsTruncated}
	if p.Marker != "" {
		m["Marker"] = p.Marker
	}
	return m, nil
}

// by serves a list operation whose items list returns for the value of
// the input member named member (PathPrefix for ListUsers and the like,
// UserName for ListGroupsForUser, ...).
func (l iamLister[T, R]) by(member string, list func(*authn.Account, string) ([]T, error)) func(*iamCall) (any, error) {
	return func(x *iamCall) (any, error) {
		req, err := bindIAM[iamListInput](x)
		if err != nil {
			return nil, err
		}
		items, err := list(x.acct, inString(x.in, member))
		if err != nil {
			return nil, err
		}
		return l.page(items, req)
	}
}

// The listers of users, groups, roles and instance profiles (as the list
// operations render them, without tags or boundaries), tags and names.
var (
	iamUserList    = iamLister[authn.User, iamUser]{"Users", func(u authn.User) string { return u.UserName }, func(u authn.User) iamUser { return iamUserOf(u, false) }}
	iamGroupList   = iamLister[authn.Group, iamGroup]{"Groups", func(g authn.Group) string { return g.GroupName }, iamGroupOf}
	iamRoleList    = iamLister[authn.Role, iamRole]{"Roles", func(r authn.Role) string { return r.RoleName }, func(r authn.Role) iamRole { return iamRoleOf(r, false) }}
	iamProfileList = iamLister[authn.InstanceProfile, iamInstanceProfile]{"InstanceProfiles", func(p authn.InstanceProfile) string { return p.InstanceProfileName },
		func(p authn.InstanceProfile) iamInstanceProfile { return iamInstanceProfileOf(p, false) }}
	iamTagList  = iamLister[authn.Tag, iamTag]{"Tags", func(t authn.Tag) string { return t.Key }, func(t authn.Tag) iamTag { return iamTag{Key: t.Key, Value: t.Value} }}
	iamNameList = iamLister[string, string]{"PolicyNames", func(s string) string { return s }, func(s string) string { return s }}
)

func mfaSerial(d authn.VirtualMFADevice) string { return d.SerialNumber }

// The IAM operations that enumerate an account's instance profiles,
// identity providers, virtual MFA devices and inline policies of groups,
// rename groups, and summarise the account.

func iamListGroupPolicies(x *iamCall) (any, error) {
	names, err := x.acct.ListGroupPolicies(inString(x.in, "GroupName"))
	if err != nil {
		return nil, err
	}
	return namePage(x, names)
}

func iamListRolePolicies(x *iamCall) (any, error) {
	names, err := x.acct.ListRolePolicies(inString(x.in, "RoleName"))
	if err != nil {
		return nil, err
	}
	return namePage(x, names)
}

func iamUpdateGroup(x *iamCall) (any, error) {
	req, err := bindIAM[struct{ GroupName, NewPath, NewGroupName string }](x)
	if err != nil {
		return nil, err
	}
	_, err = x.acct.UpdateGroup(req.GroupName, req.NewGroupName, req.NewPath)
	return noOutput(err)
}

// iamListOpenIDConnectProviders lists every provider's ARN; IAM pages
// neither this list nor ListSAMLProviders.
func iamListOpenIDConnectProviders(x *iamCall) (any, error) {
	ps, err := x.acct.ListOpenIDConnectProviders()
	if err != nil {
		return nil, err
	}
	type entry struct{ Arn string }
	out := struct{ OpenIDConnectProviderList []entry }{[]entry{}}
	for _, p := range ps {
		out.OpenIDConnectProviderList = append(out.OpenIDConnectProviderList, entry{p.ARN})
	}
	return out, nil
}

func iamListSAMLProviders(x *iamCall) (any, error) {
	ps, err := x.acct.ListSAMLProviders()
	if err != nil {
		return nil, err
	}
	type entry struct {
		Arn        string
		ValidUntil time.Time `json:",omitzero"`
		CreateDate time.Time
	}
	out := struct{ SAMLProviderList []entry }{[]entry{}}
	for _, p := range ps {
		out.SAMLProviderList = append(out.SAMLProviderList, entry{p.ARN, p.ValidUntil, p.CreateDate})
	}
	return out, nil
}

func iamListVirtualMFADevices(x *iamCall) (any, error) {
	req, err := bindIAM[struct {
		AssignmentStatus string
		Marker           string
		MaxItems         int
	}](x)
	if err != nil {
		return nil, err
	}
	devs, err := x.acct.ListVirtualMFADevices(authn.AssignmentStatus(req.AssignmentStatus))
	if err != nil {
		return nil, err
	}
	return iamLister[authn.VirtualMFADevice, iamVirtualMFADevice]{"VirtualMFADevices", mfaSerial, func(d authn.VirtualMFADevice) iamVirtualMFADevice {
		v := iamVirtualMFADevice{SerialNumber: d.SerialNumber, EnableDate: d.EnableDate}
		switch {
		case d.Root:
			v.User = &iamUser{UserId: x.acct.ID(), Arn: x.arn("root")}
		case d.UserName != "":
			if u, err := x.acct.GetUser(d.UserName); err == nil {
				user := iamUserOf(u, false)
				v.User = &user
			}
		}
		return v
	}}.page(devs, iamListInput{Marker: req.Marker, MaxItems: req.MaxItems})
}

func iamGetAccountSummary(x *iamCall) (any, error) {
	m, err := x.acct.GetAccountSummary()
	if err != nil {
		return nil, err
	}
	return struct{ SummaryMap map[string]int }{m}, nil
}
