package inspector

import (
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Every operation starts the same way: the caller must be known, the region
// supported, the input valid (model constraints, ValidationException), and
// the caller allowed by IAM (AccessDeniedException) before Inspector's own
// rules are applied. Input validation comes before authorization, as in
// AWS's request pipeline where the model is validated when the request is
// deserialized.

// regionFor checks the caller and the region.
func (s *Service) regionFor(caller *authz.Principal, name string) (*region, error) {
	if caller == nil || caller.Account == "" {
		return nil, accessDenied("The request has no caller identity.")
	}
	r := s.regions[name]
	if r == nil {
		return nil, accessDenied("Amazon Inspector is not available in the %s Region.", name)
	}
	return r, nil
}

// check is the IAM check of an inspector2 action on every resource.
func check(op string) authz.Check {
	return authz.Check{Action: "inspector2:" + op, Resource: "*"}
}

// authorize asks the Authorizer (if any) whether the caller may do every
// check; a denial becomes AccessDeniedException with IAM's message.
func (s *Service) authorize(caller *authz.Principal, checks ...authz.Check) error {
	if s.authorizer == nil {
		return nil
	}
	if err := s.authorizer.Authorize(caller, checks...); err != nil {
		return fromDependency(err)
	}
	return nil
}

// orgOf asks Organizations which organization an account belongs to.
func (s *Service) orgOf(accountID string) (mgmt, orgID string, ok bool) {
	if s.orgs == nil {
		return "", "", false
	}
	return s.orgs.ManagementAccount(accountID)
}

// orgMembers lists an organization's accounts by id.
func (s *Service) orgMembers(orgID string) map[string]MemberAccount {
	out := map[string]MemberAccount{}
	if s.orgs == nil || orgID == "" {
		return out
	}
	for _, m := range s.orgs.Members(orgID) {
		out[m.AccountID] = m
	}
	return out
}
