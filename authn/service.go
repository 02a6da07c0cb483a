package authn

import (
	"errors"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// AssumeRoleAsServiceInput is the input of AssumeRoleAsService.
type AssumeRoleAsServiceInput struct {
	// Service is the service principal, e.g. "inspector2.amazonaws.com".
	Service         string
	RoleARN         string
	RoleSessionName string
	// DurationSeconds is 900 to the role's maximum; 0 means 3,600.
	DurationSeconds int
}

// ServicePrincipal returns the principal of an AWS service acting on its
// own behalf.
func ServicePrincipal(service string) authz.Principal {
	return authz.Principal{Type: authz.PrincipalService, Service: service}
}

// AssumeRoleAsService is how an AWS service gets a session of a role that
// trusts it: a service-linked role (the session is marked ServiceLinked,
// so SCPs and RCPs do not restrict it) or a service role such as an EC2
// instance profile's. The trust policy must allow the service principal
// sts:AssumeRole.
func (d *Directory) AssumeRoleAsService(in AssumeRoleAsServiceInput) (*AssumeRoleOutput, error) {
	if !validServicePrincipal(in.Service) {
		return nil, errInvalidInput("Invalid service principal %s.", in.Service)
	}
	if err := checkRoleARN(in.RoleARN); err != nil {
		return nil, err
	}
	if err := checkSessionName(in.RoleSessionName, "roleSessionName", 64); err != nil {
		return nil, err
	}
	dur, err := duration(in.DurationSeconds, MaxRoleSessionDuration, DefaultSessionDuration)
	if err != nil {
		return nil, err
	}
	caller := ServicePrincipal(in.Service)
	denied := errAccessDenied("%s is not authorized to perform: sts:AssumeRole on resource: %s", in.Service, in.RoleARN)
	d.mu.RLock()
	ref, ok := d.findRoleByARN(in.RoleARN)
	d.mu.RUnlock()
	if !ok {
		return nil, denied
	}
	if dur > ref.max {
		return nil, errValidationMsg("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
	}
	ctx := authz.NewContext().Set("sts:RoleSessionName", in.RoleSessionName)
	if err := d.authorize(&caller, authz.Check{Action: "sts:AssumeRole", Resource: ref.arn, ResourceAccount: ref.acct.id, ResourcePolicy: ref.trust, Context: ctx}); err != nil {
		if errors.Is(err, ErrAccessDenied) {
			return nil, denied
		}
		return nil, err
	}
	out, _, err := d.finishRole(ref, in.RoleSessionName, issueSpec{duration: dur})
	return out, err
}
