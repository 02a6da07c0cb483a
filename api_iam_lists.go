package awsaccess

import (
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn"
)

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

func iamListInstanceProfiles(x *iamCall) (any, error) {
	req, err := bindIAM[iamListInput](x)
	if err != nil {
		return nil, err
	}
	profiles, err := x.acct.ListInstanceProfiles(req.PathPrefix)
	if err != nil {
		return nil, err
	}
	page, p, err := paginate(profiles, func(ip authn.InstanceProfile) string { return ip.InstanceProfileName }, req.Marker, req.MaxItems)
	if err != nil {
		return nil, err
	}
	out := struct {
		InstanceProfiles []iamInstanceProfile
		iamPage
	}{InstanceProfiles: []iamInstanceProfile{}, iamPage: p}
	for _, ip := range page {
		out.InstanceProfiles = append(out.InstanceProfiles, iamInstanceProfileOf(ip, false))
	}
	return out, nil
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
	page, p, err := paginate(devs, func(d authn.VirtualMFADevice) string { return d.SerialNumber }, req.Marker, req.MaxItems)
	if err != nil {
		return nil, err
	}
	out := struct {
		VirtualMFADevices []iamVirtualMFADevice
		iamPage
	}{VirtualMFADevices: []iamVirtualMFADevice{}, iamPage: p}
	for _, d := range page {
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
		out.VirtualMFADevices = append(out.VirtualMFADevices, v)
	}
	return out, nil
}

func iamGetAccountSummary(x *iamCall) (any, error) {
	m, err := x.acct.GetAccountSummary()
	if err != nil {
		return nil, err
	}
	return struct{ SummaryMap map[string]int }{m}, nil
}
