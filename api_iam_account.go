package awsaccess

import (
	"strconv"
	"strings"

	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// The IAM operations of a user's own credentials (ChangePassword,
// GetMFADevice, ResyncMFADevice), of the account (its alias), of managed
// policies' uses (ListEntitiesForPolicy) and of the condition keys
// policies use (GetContextKeysFor...Policy).

// iamChangePassword changes the calling IAM user's own password; any other
// caller is InvalidUserType.
func iamChangePassword(x *iamCall) (any, error) {
	req, err := bindIAM[struct{ OldPassword, NewPassword string }](x)
	if err != nil {
		return nil, err
	}
	name := ""
	if x.k.caller.Type == authz.PrincipalUser {
		name = x.k.caller.UserName
	}
	return noOutput(x.acct.ChangePassword(name, req.OldPassword, req.NewPassword))
}

// grantOwnPassword is the password policy's AllowUsersToChangePassword: it
// lets every IAM user of the account change its own password without an
// identity-based policy that allows iam:ChangePassword, as a policy on the
// user naming the user would (SCPs and explicit denies still apply).
func grantOwnPassword(x *iamCall, t iamTarget) *authz.PolicyList {
	caller := x.k.caller
	if caller.Type != authz.PrincipalUser || t.arn != caller.ARN {
		return nil
	}
	if p, err := x.acct.GetAccountPasswordPolicy(); err != nil || !p.AllowUsersToChangePassword {
		return nil
	}
	doc := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":` + strconv.Quote(caller.ARN) +
		`},"Action":"iam:ChangePassword","Resource":` + strconv.Quote(caller.ARN) + `}}`
	p, err := authz.Parse(authz.Resource, []byte(doc))
	if err != nil {
		return nil
	}
	return authz.Of(p)
}

func iamGetMFADevice(x *iamCall) (any, error) {
	name, err := x.selfUser()
	if err != nil {
		return nil, err
	}
	d, err := x.acct.GetMFADevice(name, inString(x.in, "SerialNumber"))
	if err != nil {
		return nil, err
	}
	return iamMFADevice{UserName: name, SerialNumber: d.SerialNumber, EnableDate: d.EnableDate}, nil
}

func iamResyncMFADevice(x *iamCall) (any, error) {
	return noOutput(x.acct.ResyncMFADevice(inString(x.in, "UserName"), inString(x.in, "SerialNumber"),
		inString(x.in, "AuthenticationCode1"), inString(x.in, "AuthenticationCode2")))
}

func iamCreateAccountAlias(x *iamCall) (any, error) {
	return noOutput(x.acct.CreateAccountAlias(inString(x.in, "AccountAlias")))
}

func iamDeleteAccountAlias(x *iamCall) (any, error) {
	return noOutput(x.acct.DeleteAccountAlias(inString(x.in, "AccountAlias")))
}

func iamListAccountAliases(x *iamCall) (any, error) {
	req, err := bindIAM[iamListInput](x)
	if err != nil {
		return nil, err
	}
	aliases, err := x.acct.ListAccountAliases()
	if err != nil {
		return nil, err
	}
	return iamLister[string, string]{"AccountAliases", func(s string) string { return s }, func(s string) string { return s }}.page(aliases, req)
}

// iamPolicyEntity is one entity of ListEntitiesForPolicy, rendered under
// the member of its kind.
type iamPolicyEntity struct {
	kind     authn.EntityType
	name, id string
}

// iamEntityList pages the groups, users and roles of ListEntitiesForPolicy
// as one list, so that a page may hold some of each.
var iamEntityList = iamLister[authn.PolicyEntity, iamPolicyEntity]{"Entities",
	func(e authn.PolicyEntity) string { return string(e.Type) + "/" + e.Name },
	func(e authn.PolicyEntity) iamPolicyEntity { return iamPolicyEntity{e.Type, e.Name, e.ID} }}

func iamListEntitiesForPolicy(x *iamCall) (any, error) {
	req, err := bindIAM[struct {
		PolicyArn, EntityFilter, PolicyUsageFilter string
		iamListInput
	}](x)
	if err != nil {
		return nil, err
	}
	entities, err := x.acct.ListEntitiesForPolicy(req.PolicyArn, authn.EntityType(req.EntityFilter), req.PathPrefix, authn.PolicyUsage(req.PolicyUsageFilter))
	if err != nil {
		return nil, err
	}
	out, err := iamEntityList.page(entities, req.iamListInput)
	if err != nil {
		return nil, err
	}
	type group struct{ GroupName, GroupId string }
	type user struct{ UserName, UserId string }
	type role struct{ RoleName, RoleId string }
	groups, users, roles := []group{}, []user{}, []role{}
	for _, e := range out[iamEntityList.member].([]iamPolicyEntity) {
		switch e.kind {
		case authn.EntityGroup:
			groups = append(groups, group{e.name, e.id})
		case authn.EntityUser:
			users = append(users, user{e.name, e.id})
		default:
			roles = append(roles, role{e.name, e.id})
		}
	}
	delete(out, iamEntityList.member)
	out["PolicyGroups"], out["PolicyUsers"], out["PolicyRoles"] = groups, users, roles
	return out, nil
}

// iamGetContextKeysForCustomPolicy lists the context keys of the policies
// given; see contextKeys.
func iamGetContextKeysForCustomPolicy(x *iamCall) (any, error) {
	req, err := bindIAM[simInput](x)
	if err != nil {
		return nil, err
	}
	s := &simulation{sources: map[string]simSource{}}
	if err := s.addInputs(simInput{PolicyInputList: req.PolicyInputList}); err != nil {
		return nil, err
	}
	return contextKeysOf(s.identity), nil
}

// iamGetContextKeysForPrincipalPolicy lists the context keys of a user's
// (and its groups'), group's or role's identity-based policies and of the
// policies given.
func iamGetContextKeysForPrincipalPolicy(x *iamCall) (any, error) {
	req, err := bindIAM[simInput](x)
	if err != nil {
		return nil, err
	}
	_, _, identity, _, err := x.principalPolicies(req.PolicySourceArn)
	if err != nil {
		return nil, err
	}
	s := &simulation{sources: map[string]simSource{}}
	if err := s.addInputs(simInput{PolicyInputList: req.PolicyInputList}); err != nil {
		return nil, err
	}
	return contextKeysOf(append(identity, s.identity...)), nil
}

type iamContextKeys struct{ ContextKeyNames []string }

// contextKeysOf lists the context keys the policies use, in the order the
// policies name them: each statement's policy variables in Resource and
// NotResource, then its condition keys and the policy variables of its
// condition values. Keys are case-insensitive, so each is listed once, as
// first written.
func contextKeysOf(policies []authz.Named) iamContextKeys {
	out := iamContextKeys{ContextKeyNames: []string{}}
	seen := map[string]bool{}
	add := func(k string) {
		if l := strings.ToLower(k); k != "" && !seen[l] {
			seen[l] = true
			out.ContextKeyNames = append(out.ContextKeyNames, k)
		}
	}
	vars := func(values []string) {
		for _, v := range values {
			for _, k := range policyVariables(v) {
				add(k)
			}
		}
	}
	for _, n := range policies {
		for _, st := range n.Policy.Statements {
			vars(st.Resource)
			vars(st.NotResource)
			for _, c := range st.Conditions {
				add(c.Key)
				vars(c.Values)
			}
		}
	}
	return out
}

// policyVariables are the keys of the ${key} and ${key, 'default'}
// variables of a value; ${*}, ${?} and ${$} are characters, not keys.
func policyVariables(v string) []string {
	var out []string
	for {
		i := strings.Index(v, "${")
		if i < 0 {
			return out
		}
		j := strings.IndexByte(v[i:], '}')
		if j < 0 {
			return out
		}
		k, _, _ := strings.Cut(v[i+2:i+j], ",")
		if k = strings.TrimSpace(k); k != "*" && k != "?" && k != "$" {
			out = append(out, k)
		}
		v = v[i+j+1:]
	}
}
