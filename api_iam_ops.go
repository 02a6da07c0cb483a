package awsaccess

import (
	"net/http"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authn/managed"
	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

// The IAM operations, in the order of iamOps. Each runs after
// iamCall.authorize and calls the caller's authn.Account.

// bindIAM binds the call's input into a T.
func bindIAM[T any](x *iamCall) (T, error) {
	var req T
	err := wire.Bind(x.in, &req)
	return req, err
}

type iamListInput struct {
	PathPrefix string
	Marker     string
	MaxItems   int
}

// selfUser is the user an operation whose UserName is optional acts on:
// the named user, else the calling user, else "" for the root user.
// Other callers must name a user.
func (x *iamCall) selfUser() (string, error) {
	if name := inString(x.in, "UserName"); name != "" {
		return name, nil
	}
	switch x.k.caller.Type {
	case authz.PrincipalUser:
		return x.k.caller.UserName, nil
	case authz.PrincipalRoot:
		return "", nil
	}
	return "", &wire.Error{Code: "ValidationError", Message: "Must specify userName when calling with non-User credentials", Status: http.StatusBadRequest}
}

// noOutput is the result of operations that return nothing.
func noOutput(err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

// Users.

func iamCreateUser(x *iamCall) (any, error) {
	req, err := bindIAM[struct {
		Path, UserName, PermissionsBoundary string
		Tags                                []iamTag
	}](x)
	if err != nil {
		return nil, err
	}
	u, err := x.acct.CreateUser(authn.CreateUserInput{Path: req.Path, UserName: req.UserName, PermissionsBoundary: req.PermissionsBoundary, Tags: inTags(x.in, "Tags")})
	if err != nil {
		return nil, err
	}
	return struct{ User iamUser }{iamUserOf(u, true)}, nil
}

func iamGetUser(x *iamCall) (any, error) {
	name, err := x.selfUser()
	if err != nil {
		return nil, err
	}
	if name == "" {
		// The root user: its account id, ARN and password's last use.
		root := x.acct.Root()
		return struct{ User iamUser }{iamUser{UserId: root.Account, Arn: root.ARN, CreateDate: x.accountCreated()}}, nil
	}
	u, err := x.acct.GetUser(name)
	if err != nil {
		return nil, err
	}
	return struct{ User iamUser }{iamUserOf(u, true)}, nil
}

// accountCreated is when the account was created: the model keeps no
// date for the root user, so the earliest date of its IAM entities stands
// in, or the clock.
func (x *iamCall) accountCreated() time.Time {
	t := x.c.now()
	if users, err := x.acct.ListUsers(""); err == nil {
		for _, u := range users {
			if u.CreateDate.Before(t) {
				t = u.CreateDate
			}
		}
	}
	return t.UTC().Truncate(time.Second)
}

func iamUpdateUser(x *iamCall) (any, error) {
	req, err := bindIAM[struct{ UserName, NewPath, NewUserName string }](x)
	if err != nil {
		return nil, err
	}
	_, err = x.acct.UpdateUser(req.UserName, req.NewUserName, req.NewPath)
	return noOutput(err)
}

func iamDeleteUser(x *iamCall) (any, error) {
	return noOutput(x.acct.DeleteUser(inString(x.in, "UserName")))
}

// tagPage is the output of the List*Tags operations: the tags sorted by
// key, as IAM returns them, and paged.
func tagPage(x *iamCall, tags []authn.Tag) (any, error) {
	req, err := bindIAM[iamListInput](x)
	if err != nil {
		return nil, err
	}
	return iamTagList.page(iamSortedTags(tags), req)
}

// Groups.

func iamCreateGroup(x *iamCall) (any, error) {
	g, err := x.acct.CreateGroup(inString(x.in, "Path"), inString(x.in, "GroupName"))
	if err != nil {
		return nil, err
	}
	return struct{ Group iamGroup }{iamGroupOf(g)}, nil
}

func iamGetGroup(x *iamCall) (any, error) {
	req, err := bindIAM[struct {
		GroupName string
		iamListInput
	}](x)
	if err != nil {
		return nil, err
	}
	g, users, err := x.acct.GetGroup(req.GroupName)
	if err != nil {
		return nil, err
	}
	out, err := iamUserList.page(users, req.iamListInput)
	if err != nil {
		return nil, err
	}
	out["Group"] = iamGroupOf(g)
	return out, nil
}

func iamDeleteGroup(x *iamCall) (any, error) {
	return noOutput(x.acct.DeleteGroup(inString(x.in, "GroupName")))
}

func iamAddUserToGroup(x *iamCall) (any, error) {
	return noOutput(x.acct.AddUserToGroup(inString(x.in, "GroupName"), inString(x.in, "UserName")))
}

func iamRemoveUserFromGroup(x *iamCall) (any, error) {
	return noOutput(x.acct.RemoveUserFromGroup(inString(x.in, "GroupName"), inString(x.in, "UserName")))
}

// Roles.

func iamCreateRole(x *iamCall) (any, error) {
	req, err := bindIAM[struct {
		Path, RoleName, AssumeRolePolicyDocument, Description, PermissionsBoundary string
		MaxSessionDuration                                                         int64
	}](x)
	if err != nil {
		return nil, err
	}
	r, err := x.acct.CreateRole(authn.CreateRoleInput{
		Path: req.Path, RoleName: req.RoleName, AssumeRolePolicyDocument: req.AssumeRolePolicyDocument,
		Description: req.Description, MaxSessionDuration: time.Duration(req.MaxSessionDuration) * time.Second,
		PermissionsBoundary: req.PermissionsBoundary, Tags: inTags(x.in, "Tags"),
	})
	if err != nil {
		return nil, err
	}
	out := iamRoleOf(r, true)
	out.RoleLastUsed = nil
	return struct{ Role iamRole }{out}, nil
}

func iamGetRole(x *iamCall) (any, error) {
	r, err := x.acct.GetRole(inString(x.in, "RoleName"))
	if err != nil {
		return nil, err
	}
	return struct{ Role iamRole }{iamRoleOf(r, true)}, nil
}

func iamUpdateRole(x *iamCall) (any, error) {
	req, err := bindIAM[struct {
		RoleName           string
		Description        *string
		MaxSessionDuration int64
	}](x)
	if err != nil {
		return nil, err
	}
	return noOutput(x.acct.UpdateRole(req.RoleName, req.Description, time.Duration(req.MaxSessionDuration)*time.Second))
}

func iamUpdateRoleDescription(x *iamCall) (any, error) {
	name, desc := inString(x.in, "RoleName"), inString(x.in, "Description")
	if err := x.acct.UpdateRole(name, &desc, 0); err != nil {
		return nil, err
	}
	r, err := x.acct.GetRole(name)
	if err != nil {
		return nil, err
	}
	return struct{ Role iamRole }{iamRoleOf(r, true)}, nil
}

func iamUpdateAssumeRolePolicy(x *iamCall) (any, error) {
	return noOutput(x.acct.UpdateAssumeRolePolicy(inString(x.in, "RoleName"), inString(x.in, "PolicyDocument")))
}

func iamDeleteRole(x *iamCall) (any, error) {
	return noOutput(x.acct.DeleteRole(inString(x.in, "RoleName")))
}

func iamCreateServiceLinkedRole(x *iamCall) (any, error) {
	r, err := x.acct.CreateServiceLinkedRole(inString(x.in, "AWSServiceName"), inString(x.in, "Description"), inString(x.in, "CustomSuffix"))
	if err != nil {
		return nil, err
	}
	out := iamRoleOf(r, true)
	out.RoleLastUsed = nil
	return struct{ Role iamRole }{out}, nil
}

func iamDeleteServiceLinkedRole(x *iamCall) (any, error) {
	id, err := x.acct.DeleteServiceLinkedRole(inString(x.in, "RoleName"))
	if err != nil {
		return nil, err
	}
	return struct{ DeletionTaskId string }{id}, nil
}

// iamGetServiceLinkedRoleDeletionStatus answers from the task id alone:
// the model deletes a service-linked role at once, so every well-formed
// task of a role that is gone has SUCCEEDED.
func iamGetServiceLinkedRoleDeletionStatus(x *iamCall) (any, error) {
	id := inString(x.in, "DeletionTaskId")
	path, name, okID := parseDeletionTask(id)
	if !okID {
		return nil, &wire.Error{Code: "InvalidInput", Message: "Invalid deletion task id: " + id, Status: http.StatusBadRequest}
	}
	if r, err := x.acct.GetRole(name); err == nil && r.Path == path {
		return nil, &wire.Error{Code: "NoSuchEntity", Message: "Deletion task " + id + " cannot be found.", Status: http.StatusNotFound}
	}
	return struct{ Status string }{"SUCCEEDED"}, nil
}

// Access keys.

func iamCreateAccessKey(x *iamCall) (any, error) {
	name, err := x.selfUser()
	if err != nil {
		return nil, err
	}
	key, err := x.acct.CreateAccessKey(name)
	if err != nil {
		return nil, err
	}
	return struct{ AccessKey iamAccessKey }{iamAccessKeyOf(key)}, nil
}

func iamDeleteAccessKey(x *iamCall) (any, error) {
	name, err := x.selfUser()
	if err != nil {
		return nil, err
	}
	return noOutput(x.acct.DeleteAccessKey(name, inString(x.in, "AccessKeyId")))
}

func iamUpdateAccessKey(x *iamCall) (any, error) {
	name, err := x.selfUser()
	if err != nil {
		return nil, err
	}
	return noOutput(x.acct.UpdateAccessKey(name, inString(x.in, "AccessKeyId"), authn.StatusType(inString(x.in, "Status"))))
}

func iamListAccessKeys(x *iamCall) (any, error) {
	req, err := bindIAM[iamListInput](x)
	if err != nil {
		return nil, err
	}
	name, err := x.selfUser()
	if err != nil {
		return nil, err
	}
	keys, err := x.acct.ListAccessKeys(name)
	if err != nil {
		return nil, err
	}
	return iamLister[authn.AccessKey, iamAccessKey]{"AccessKeyMetadata", func(k authn.AccessKey) string { return k.AccessKeyID }, iamAccessKeyOf}.page(keys, req)
}

// iamGetAccessKeyLastUsed reports the key's last use from authn and the
// service and region of that use from the call itself or the audit trail
// ("N/A" when the key was never used, as IAM says).
func iamGetAccessKeyLastUsed(x *iamCall) (any, error) {
	id := inString(x.in, "AccessKeyId")
	last, err := x.acct.GetAccessKeyLastUsed(id)
	if err != nil {
		return nil, err
	}
	type lastUsed struct {
		LastUsedDate time.Time `json:",omitzero"`
		ServiceName  string
		Region       string
	}
	lu := lastUsed{LastUsedDate: last.LastUsedDate, ServiceName: "N/A", Region: "N/A"}
	if !last.LastUsedDate.IsZero() {
		if x.k.caller.AccessKeyID == id {
			lu.ServiceName, lu.Region = x.k.svc.SigningName, x.k.region
		} else {
			events := x.c.audit.Query(AuditQuery{Account: x.acct.ID()})
			for i := len(events) - 1; i >= 0; i-- {
				if e := events[i]; e.AccessKeyID == id && e.EventSource != "" {
					lu.ServiceName, lu.Region = strings.TrimSuffix(e.EventSource, ".amazonaws.com"), e.Region
					break
				}
			}
		}
	}
	return struct {
		UserName          string `json:",omitempty"`
		AccessKeyLastUsed lastUsed
	}{last.UserName, lu}, nil
}

// Console passwords.

func iamCreateLoginProfile(x *iamCall) (any, error) {
	name, err := x.selfUser()
	if err != nil {
		return nil, err
	}
	req, err := bindIAM[struct {
		Password              string
		PasswordResetRequired bool
	}](x)
	if err != nil {
		return nil, err
	}
	lp, err := x.acct.CreateLoginProfile(name, req.Password, req.PasswordResetRequired)
	if err != nil {
		return nil, err
	}
	return struct{ LoginProfile iamLoginProfile }{iamLoginProfile(lp)}, nil
}

func iamGetLoginProfile(x *iamCall) (any, error) {
	name, err := x.selfUser()
	if err != nil {
		return nil, err
	}
	lp, err := x.acct.GetLoginProfile(name)
	if err != nil {
		return nil, err
	}
	return struct{ LoginProfile iamLoginProfile }{iamLoginProfile(lp)}, nil
}

func iamUpdateLoginProfile(x *iamCall) (any, error) {
	req, err := bindIAM[struct {
		UserName, Password    string
		PasswordResetRequired *bool
	}](x)
	if err != nil {
		return nil, err
	}
	return noOutput(x.acct.UpdateLoginProfile(req.UserName, req.Password, req.PasswordResetRequired))
}

func iamDeleteLoginProfile(x *iamCall) (any, error) {
	name, err := x.selfUser()
	if err != nil {
		return nil, err
	}
	return noOutput(x.acct.DeleteLoginProfile(name))
}

// MFA devices.

func iamCreateVirtualMFADevice(x *iamCall) (any, error) {
	dev, err := x.acct.CreateVirtualMFADevice(inString(x.in, "Path"), inString(x.in, "VirtualMFADeviceName"), inTags(x.in, "Tags")...)
	if err != nil {
		return nil, err
	}
	return struct{ VirtualMFADevice iamVirtualMFADevice }{iamVirtualMFADevice{SerialNumber: dev.SerialNumber, Base32StringSeed: []byte(dev.Base32StringSeed), Tags: iamTags(dev.Tags)}}, nil
}

func iamEnableMFADevice(x *iamCall) (any, error) {
	return noOutput(x.acct.EnableMFADevice(inString(x.in, "UserName"), inString(x.in, "SerialNumber"), inString(x.in, "AuthenticationCode1"), inString(x.in, "AuthenticationCode2")))
}

func iamDeactivateMFADevice(x *iamCall) (any, error) {
	name, err := x.selfUser()
	if err != nil {
		return nil, err
	}
	return noOutput(x.acct.DeactivateMFADevice(name, inString(x.in, "SerialNumber")))
}

func iamDeleteVirtualMFADevice(x *iamCall) (any, error) {
	return noOutput(x.acct.DeleteVirtualMFADevice(inString(x.in, "SerialNumber")))
}

func iamListMFADevices(x *iamCall) (any, error) {
	req, err := bindIAM[iamListInput](x)
	if err != nil {
		return nil, err
	}
	name, err := x.selfUser()
	if err != nil {
		return nil, err
	}
	devs, err := x.acct.ListMFADevices(name)
	if err != nil {
		return nil, err
	}
	return iamLister[authn.VirtualMFADevice, iamMFADevice]{"MFADevices", mfaSerial, func(d authn.VirtualMFADevice) iamMFADevice {
		userName := d.UserName
		if d.Root {
			userName = x.acct.ID()
		}
		return iamMFADevice{UserName: userName, SerialNumber: d.SerialNumber, EnableDate: d.EnableDate}
	}}.page(devs, req)
}

// Managed policies.

func iamCreatePolicy(x *iamCall) (any, error) {
	req, err := bindIAM[struct{ PolicyName, Path, PolicyDocument, Description string }](x)
	if err != nil {
		return nil, err
	}
	p, err := x.acct.CreatePolicy(authn.CreatePolicyInput{Path: req.Path, PolicyName: req.PolicyName, PolicyDocument: req.PolicyDocument, Description: req.Description, Tags: inTags(x.in, "Tags")})
	if err != nil {
		return nil, err
	}
	out := iamPolicyOf(p, 0)
	out.Description = ""
	return struct{ Policy iamPolicy }{out}, nil
}

func iamPolicyOf(p authn.ManagedPolicy, boundaryUses int) iamPolicy {
	return iamPolicy{
		PolicyName: p.PolicyName, PolicyId: p.PolicyID, Arn: p.ARN, Path: p.Path, DefaultVersionId: p.DefaultVersionID,
		AttachmentCount: p.AttachmentCount, PermissionsBoundaryUsageCount: boundaryUses, IsAttachable: true,
		Description: p.Description, CreateDate: p.CreateDate, UpdateDate: p.UpdateDate, Tags: iamTags(p.Tags),
	}
}

// boundaryUses counts the users and roles of the account whose
// permissions boundary is each policy.
func (x *iamCall) boundaryUses() map[string]int {
	n := map[string]int{}
	if users, err := x.acct.ListUsers(""); err == nil {
		for _, u := range users {
			if u.PermissionsBoundary != "" {
				n[u.PermissionsBoundary]++
			}
		}
	}
	if roles, err := x.acct.ListRoles(""); err == nil {
		for _, r := range roles {
			if r.PermissionsBoundary != "" {
				n[r.PermissionsBoundary]++
			}
		}
	}
	return n
}

func iamGetPolicy(x *iamCall) (any, error) {
	a := inString(x.in, "PolicyArn")
	p, err := x.acct.GetPolicy(a)
	if err != nil {
		return nil, err
	}
	return struct{ Policy iamPolicy }{iamPolicyOf(p, x.boundaryUses()[a])}, nil
}

func iamDeletePolicy(x *iamCall) (any, error) {
	return noOutput(x.acct.DeletePolicy(inString(x.in, "PolicyArn")))
}

// iamListPolicies lists the account's customer managed policies (Scope
// Local), the AWS managed policies of authn's catalogue (Scope AWS), or
// both (All, the default), AWS's first as IAM lists them.
func iamListPolicies(x *iamCall) (any, error) {
	req, err := bindIAM[struct {
		Scope             string
		OnlyAttached      bool
		PathPrefix        string
		PolicyUsageFilter string
		iamListInput
	}](x)
	if err != nil {
		return nil, err
	}
	var all []authn.ManagedPolicy
	if req.Scope != "Local" {
		for _, mp := range managed.All() {
			if !strings.HasPrefix(mp.Path, req.PathPrefix) {
				continue
			}
			p, err := x.acct.GetPolicy(mp.ARN)
			if err != nil {
				return nil, err
			}
			all = append(all, p)
		}
	}
	if req.Scope != "AWS" {
		local, err := x.acct.ListPolicies(req.PathPrefix)
		if err != nil {
			return nil, err
		}
		all = append(all, local...)
	}
	uses := x.boundaryUses()
	var kept []iamPolicy
	for _, p := range all {
		out := iamPolicyOf(p, uses[p.ARN])
		out.Description, out.Tags = "", nil
		switch {
		case req.OnlyAttached && out.AttachmentCount == 0 && out.PermissionsBoundaryUsageCount == 0:
			continue
		case req.PolicyUsageFilter == "PermissionsPolicy" && req.OnlyAttached && out.AttachmentCount == 0:
			continue
		case req.PolicyUsageFilter == "PermissionsBoundary" && req.OnlyAttached && out.PermissionsBoundaryUsageCount == 0:
			continue
		}
		kept = append(kept, out)
	}
	return iamLister[iamPolicy, iamPolicy]{"Policies", func(p iamPolicy) string { return p.Arn }, func(p iamPolicy) iamPolicy { return p }}.page(kept, req.iamListInput)
}

func iamCreatePolicyVersion(x *iamCall) (any, error) {
	req, err := bindIAM[struct {
		PolicyArn, PolicyDocument string
		SetAsDefault              bool
	}](x)
	if err != nil {
		return nil, err
	}
	v, err := x.acct.CreatePolicyVersion(req.PolicyArn, req.PolicyDocument, req.SetAsDefault)
	if err != nil {
		return nil, err
	}
	return struct{ PolicyVersion iamPolicyVersion }{iamPolicyVersion{VersionId: v.VersionID, IsDefaultVersion: v.IsDefaultVersion, CreateDate: v.CreateDate}}, nil
}

func iamGetPolicyVersion(x *iamCall) (any, error) {
	a, id := inString(x.in, "PolicyArn"), inString(x.in, "VersionId")
	if mp, found := managed.ByARN(a); found {
		if id != mp.VersionID {
			return nil, &wire.Error{Code: "NoSuchEntity", Message: "Policy " + a + " version " + id + " does not exist or is not attachable.", Status: http.StatusNotFound}
		}
		return struct{ PolicyVersion iamPolicyVersion }{iamPolicyVersion{Document: policyDocument(mp.Document), VersionId: mp.VersionID, IsDefaultVersion: true}}, nil
	}
	v, err := x.acct.GetPolicyVersion(a, id)
	if err != nil {
		return nil, err
	}
	return struct{ PolicyVersion iamPolicyVersion }{iamPolicyVersion{Document: policyDocument(v.Document), VersionId: v.VersionID, IsDefaultVersion: v.IsDefaultVersion, CreateDate: v.CreateDate}}, nil
}

func iamDeletePolicyVersion(x *iamCall) (any, error) {
	return noOutput(x.acct.DeletePolicyVersion(inString(x.in, "PolicyArn"), inString(x.in, "VersionId")))
}

func iamListPolicyVersions(x *iamCall) (any, error) {
	req, err := bindIAM[struct {
		PolicyArn string
		iamListInput
	}](x)
	if err != nil {
		return nil, err
	}
	var versions []authn.PolicyVersion
	if mp, found := managed.ByARN(req.PolicyArn); found {
		versions = []authn.PolicyVersion{{VersionID: mp.VersionID, IsDefaultVersion: true}}
	} else if versions, err = x.acct.ListPolicyVersions(req.PolicyArn); err != nil {
		return nil, err
	}
	return iamLister[authn.PolicyVersion, iamPolicyVersion]{"Versions", func(v authn.PolicyVersion) string { return v.VersionID }, func(v authn.PolicyVersion) iamPolicyVersion {
		return iamPolicyVersion{VersionId: v.VersionID, IsDefaultVersion: v.IsDefaultVersion, CreateDate: v.CreateDate}
	}}.page(versions, req.iamListInput)
}

func iamSetDefaultPolicyVersion(x *iamCall) (any, error) {
	return noOutput(x.acct.SetDefaultPolicyVersion(inString(x.in, "PolicyArn"), inString(x.in, "VersionId")))
}

// Inline policies of users, groups and roles.

// iamEntity names the kind of identity an operation acts on and the input
// member that names it.
type iamEntity struct {
	member string // "UserName", "GroupName", "RoleName"
	put    func(*authn.Account, string, string, string) error
	get    func(*authn.Account, string, string) (string, error)
	del    func(*authn.Account, string, string) error
}

var (
	iamUserEntity  = iamEntity{"UserName", (*authn.Account).PutUserPolicy, (*authn.Account).GetUserPolicy, (*authn.Account).DeleteUserPolicy}
	iamGroupEntity = iamEntity{"GroupName", (*authn.Account).PutGroupPolicy, (*authn.Account).GetGroupPolicy, (*authn.Account).DeleteGroupPolicy}
	iamRoleEntity  = iamEntity{"RoleName", (*authn.Account).PutRolePolicy, (*authn.Account).GetRolePolicy, (*authn.Account).DeleteRolePolicy}
)

func iamPutInline(e iamEntity) func(*iamCall) (any, error) {
	return func(x *iamCall) (any, error) {
		return noOutput(e.put(x.acct, inString(x.in, e.member), inString(x.in, "PolicyName"), inString(x.in, "PolicyDocument")))
	}
}

func iamGetInline(e iamEntity) func(*iamCall) (any, error) {
	return func(x *iamCall) (any, error) {
		entity, name := inString(x.in, e.member), inString(x.in, "PolicyName")
		doc, err := e.get(x.acct, entity, name)
		if err != nil {
			return nil, err
		}
		return map[string]any{e.member: entity, "PolicyName": name, "PolicyDocument": policyDocument(doc)}, nil
	}
}

func iamDeleteInline(e iamEntity) func(*iamCall) (any, error) {
	return func(x *iamCall) (any, error) {
		return noOutput(e.del(x.acct, inString(x.in, e.member), inString(x.in, "PolicyName")))
	}
}

func iamListUserPolicies(x *iamCall) (any, error) {
	names, err := x.acct.ListUserPolicies(inString(x.in, "UserName"))
	if err != nil {
		return nil, err
	}
	return namePage(x, names)
}

func namePage(x *iamCall, names []string) (any, error) {
	req, err := bindIAM[iamListInput](x)
	if err != nil {
		return nil, err
	}
	return iamNameList.page(names, req)
}

// Attachments and permissions boundaries.

func iamAttach(e iamEntity, f func(*authn.Account, string, string) error) func(*iamCall) (any, error) {
	return func(x *iamCall) (any, error) {
		return noOutput(f(x.acct, inString(x.in, e.member), inString(x.in, "PolicyArn")))
	}
}

func iamListAttached(e iamEntity, f func(*authn.Account, string) ([]authn.AttachedPolicy, error)) func(*iamCall) (any, error) {
	return func(x *iamCall) (any, error) {
		req, err := bindIAM[struct {
			PathPrefix string
			iamListInput
		}](x)
		if err != nil {
			return nil, err
		}
		list, err := f(x.acct, inString(x.in, e.member))
		if err != nil {
			return nil, err
		}
		var kept []authn.AttachedPolicy
		for _, ap := range list {
			if strings.HasPrefix(policyPathOf(ap.PolicyARN), req.PathPrefix) {
				kept = append(kept, ap)
			}
		}
		return iamLister[authn.AttachedPolicy, iamAttachedPolicy]{"AttachedPolicies", func(ap authn.AttachedPolicy) string { return ap.PolicyARN }, func(ap authn.AttachedPolicy) iamAttachedPolicy {
			return iamAttachedPolicy{PolicyName: ap.PolicyName, PolicyArn: ap.PolicyARN}
		}}.page(kept, req.iamListInput)
	}
}

// policyPathOf is the path of arn:P:iam::A:policy/PATH/NAME.
func policyPathOf(a string) string {
	_, res, _ := strings.Cut(a, ":policy")
	if i := strings.LastIndexByte(res, '/'); i >= 0 {
		return res[:i+1]
	}
	return "/"
}

func iamPutBoundary(e iamEntity, f func(*authn.Account, string, string) error) func(*iamCall) (any, error) {
	return func(x *iamCall) (any, error) {
		return noOutput(f(x.acct, inString(x.in, e.member), inString(x.in, "PermissionsBoundary")))
	}
}

func iamDeleteBoundary(e iamEntity, f func(*authn.Account, string) error) func(*iamCall) (any, error) {
	return func(x *iamCall) (any, error) {
		return noOutput(f(x.acct, inString(x.in, e.member)))
	}
}

// Instance profiles.

func iamCreateInstanceProfile(x *iamCall) (any, error) {
	p, err := x.acct.CreateInstanceProfile(inString(x.in, "Path"), inString(x.in, "InstanceProfileName"), inTags(x.in, "Tags"))
	if err != nil {
		return nil, err
	}
	return struct{ InstanceProfile iamInstanceProfile }{iamInstanceProfileOf(p, true)}, nil
}

func iamGetInstanceProfile(x *iamCall) (any, error) {
	p, err := x.acct.GetInstanceProfile(inString(x.in, "InstanceProfileName"))
	if err != nil {
		return nil, err
	}
	return struct{ InstanceProfile iamInstanceProfile }{iamInstanceProfileOf(p, true)}, nil
}

func iamDeleteInstanceProfile(x *iamCall) (any, error) {
	return noOutput(x.acct.DeleteInstanceProfile(inString(x.in, "InstanceProfileName")))
}

func iamAddRoleToInstanceProfile(x *iamCall) (any, error) {
	return noOutput(x.acct.AddRoleToInstanceProfile(inString(x.in, "InstanceProfileName"), inString(x.in, "RoleName")))
}

func iamRemoveRoleFromInstanceProfile(x *iamCall) (any, error) {
	return noOutput(x.acct.RemoveRoleFromInstanceProfile(inString(x.in, "InstanceProfileName"), inString(x.in, "RoleName")))
}

// Identity providers.

func iamCreateOpenIDConnectProvider(x *iamCall) (any, error) {
	tags := inTags(x.in, "Tags")
	p, err := x.acct.CreateOpenIDConnectProvider(inString(x.in, "Url"), inStrings(x.in, "ClientIDList"), inStrings(x.in, "ThumbprintList"), tags)
	if err != nil {
		return nil, err
	}
	return struct {
		OpenIDConnectProviderArn string
		Tags                     []iamTag `json:",omitempty"`
	}{p.ARN, iamTags(p.Tags)}, nil
}

func iamGetOpenIDConnectProvider(x *iamCall) (any, error) {
	p, err := x.acct.GetOpenIDConnectProvider(inString(x.in, "OpenIDConnectProviderArn"))
	if err != nil {
		return nil, err
	}
	return struct {
		Url            string
		ClientIDList   []string
		ThumbprintList []string
		CreateDate     time.Time
		Tags           []iamTag
	}{strings.TrimPrefix(p.URL, "https://"), nonNil(p.ClientIDs), nonNil(p.ThumbprintList), p.CreateDate, nonNil(iamTags(iamSortedTags(p.Tags)))}, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func iamDeleteOpenIDConnectProvider(x *iamCall) (any, error) {
	return noOutput(x.acct.DeleteOpenIDConnectProvider(inString(x.in, "OpenIDConnectProviderArn")))
}

func iamAddClientID(x *iamCall) (any, error) {
	return noOutput(x.acct.AddClientIDToOpenIDConnectProvider(inString(x.in, "OpenIDConnectProviderArn"), inString(x.in, "ClientID")))
}

func iamRemoveClientID(x *iamCall) (any, error) {
	return noOutput(x.acct.RemoveClientIDFromOpenIDConnectProvider(inString(x.in, "OpenIDConnectProviderArn"), inString(x.in, "ClientID")))
}

func iamUpdateThumbprint(x *iamCall) (any, error) {
	return noOutput(x.acct.UpdateOpenIDConnectProviderThumbprint(inString(x.in, "OpenIDConnectProviderArn"), inStrings(x.in, "ThumbprintList")))
}

func iamCreateSAMLProvider(x *iamCall) (any, error) {
	p, err := x.acct.CreateSAMLProvider(inString(x.in, "Name"), inString(x.in, "SAMLMetadataDocument"), inTags(x.in, "Tags"))
	if err != nil {
		return nil, err
	}
	return struct {
		SAMLProviderArn string
		Tags            []iamTag `json:",omitempty"`
	}{p.ARN, iamTags(p.Tags)}, nil
}

// iamGetSAMLProvider returns a provider's metadata document, creation
// date, the metadata's validUntil when it has one, and its tags.
func iamGetSAMLProvider(x *iamCall) (any, error) {
	p, err := x.acct.GetSAMLProvider(inString(x.in, "SAMLProviderArn"))
	if err != nil {
		return nil, err
	}
	return struct {
		SAMLMetadataDocument string
		CreateDate           time.Time
		ValidUntil           time.Time `json:",omitzero"`
		Tags                 []iamTag
	}{p.Metadata, p.CreateDate, p.ValidUntil, nonNil(iamTags(iamSortedTags(p.Tags)))}, nil
}

func iamDeleteSAMLProvider(x *iamCall) (any, error) {
	return noOutput(x.acct.DeleteSAMLProvider(inString(x.in, "SAMLProviderArn")))
}

// The account's password policy.

type iamPasswordPolicy struct {
	MinimumPasswordLength      int
	RequireSymbols             bool
	RequireNumbers             bool
	RequireUppercaseCharacters bool
	RequireLowercaseCharacters bool
	AllowUsersToChangePassword bool
	ExpirePasswords            bool
	MaxPasswordAge             int `json:",omitempty"`
	PasswordReusePrevention    int `json:",omitempty"`
	HardExpiry                 bool
}

func iamGetAccountPasswordPolicy(x *iamCall) (any, error) {
	p, err := x.acct.GetAccountPasswordPolicy()
	if err != nil {
		return nil, err
	}
	if p.MinimumPasswordLength == 0 {
		p.MinimumPasswordLength = 6
	}
	return struct{ PasswordPolicy iamPasswordPolicy }{iamPasswordPolicy{
		MinimumPasswordLength: p.MinimumPasswordLength, RequireSymbols: p.RequireSymbols, RequireNumbers: p.RequireNumbers,
		RequireUppercaseCharacters: p.RequireUppercaseCharacters, RequireLowercaseCharacters: p.RequireLowercaseCharacters,
		AllowUsersToChangePassword: p.AllowUsersToChangePassword, ExpirePasswords: p.MaxPasswordAge > 0,
		MaxPasswordAge: p.MaxPasswordAge, PasswordReusePrevention: p.PasswordReusePrevention, HardExpiry: p.HardExpiry,
	}}, nil
}

func iamUpdateAccountPasswordPolicy(x *iamCall) (any, error) {
	req, err := bindIAM[struct {
		MinimumPasswordLength      int
		RequireSymbols             bool
		RequireNumbers             bool
		RequireUppercaseCharacters bool
		RequireLowercaseCharacters bool
		AllowUsersToChangePassword bool
		MaxPasswordAge             int
		PasswordReusePrevention    int
		HardExpiry                 bool
	}](x)
	if err != nil {
		return nil, err
	}
	return noOutput(x.acct.UpdateAccountPasswordPolicy(authn.PasswordPolicy(req)))
}

func iamDeleteAccountPasswordPolicy(x *iamCall) (any, error) {
	return noOutput(x.acct.DeleteAccountPasswordPolicy())
}
