package inspector

import (
	"slices"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Account status machines.
//
// Each scan type of an account has a Status. Enable moves DISABLED types to
// ENABLING, which become ENABLED after EnableDelay (the account's
// resources of that type are scanned then); Disable moves ENABLED or
// ENABLING types to DISABLING, which become DISABLED after DisableDelay
// (their findings are deleted then, and when every type is DISABLED the
// account's own filters too, as AWS deletes them when Inspector is
// deactivated). SuspendAccount moves enabled types to SUSPENDING, then
// SUSPENDED after SuspendDelay; ReinstateAccount moves them back to
// ENABLING. The account's Status is derived: ENABLED if any type is,
// else ENABLING, DISABLING, SUSPENDING, SUSPENDED in that order, else
// DISABLED.
//
// Who may act on which account: every account on itself; the delegated
// administrator on its associated members, after enabling Inspector in its
// own account. An associated member cannot disable any of its own scan
// types (the delegated administrator manages them) and the delegated
// administrator cannot deactivate its own account while it has members.
// Refusals are per account, in failedAccounts:
//
//	ACCESS_DENIED             the caller may not act on the account
//	ALREADY_ENABLED           Enable of types that are all ENABLED already
//	DISABLE_IN_PROGRESS       Enable of a type that is DISABLING
//	SUSPEND_IN_PROGRESS       a type is SUSPENDING
//	ACCOUNT_IS_ISOLATED       Enable in a suspended account
//	DISASSOCIATE_ALL_MEMBERS  the delegated administrator deactivating itself

func validateScanTypes(v *fieldErrors, name string, types []ResourceScanType, lo int) {
	v.listLength(name, len(types), lo, 5)
	for i, t := range types {
		if _, ok := scanTypeIndex(t); !ok {
			v.enum(name+".member."+itoa(i+1), string(t), enumStrings(t.Values()))
		}
	}
}

func validateAccountIDs(v *fieldErrors, name string, ids []string, lo, hi int) {
	if len(ids) > 0 || lo > 0 {
		v.listLength(name, len(ids), lo, hi)
	}
	for i, id := range ids {
		v.accountID(name+".member."+itoa(i+1), id)
	}
}

// targets is the deduplicated account list, the caller when empty.
func targets(caller string, ids []string) []string {
	if len(ids) == 0 {
		return []string{caller}
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func failed(a *account, code ErrorCode, msg string) FailedAccount {
	return FailedAccount{AccountID: a.id, Status: a.status(), ResourceStatus: a.resourceStatus(), ErrorCode: code, ErrorMessage: msg}
}

// mayManage reports whether the caller may enable or disable scanning in
// target: itself, or an associated member of the caller as delegated
// administrator.
func (r *region) mayManage(caller, target string) bool {
	if caller == target {
		return true
	}
	da := r.account(caller).isAdmin()
	return da != nil && da.members[target] != nil
}

const msgNoAccess = "Invoking account does not have access to this account"

// enableCheck decides whether Enable may act on an account; ok false means
// the returned failure applies.
func (r *region) enableCheck(caller string, a *account, types []int) (FailedAccount, bool) {
	if !r.mayManage(caller, a.id) {
		return failed(a, ErrorCodeAccessDenied, msgNoAccess), false
	}
	if a.id != caller && r.account(caller).status() == StatusDisabled {
		return failed(a, ErrorCodeAccessDenied, "The delegated administrator must enable Amazon Inspector in its own account first"), false
	}
	if a.suspended {
		return failed(a, ErrorCodeAccountIsIsolated, "The account is suspended"), false
	}
	all := true
	for _, st := range types {
		switch a.types[st].status {
		case StatusDisabling:
			return failed(a, ErrorCodeDisableInProgress, "Scanning is being disabled for "+string(scanTypeNames[st])), false
		case StatusSuspending:
			return failed(a, ErrorCodeSuspendInProgress, "The account is being suspended"), false
		}
		if a.types[st].status != StatusEnabled {
			all = false
		}
	}
	if all {
		return failed(a, ErrorCodeAlreadyEnabled, "The requested resource types are already enabled"), false
	}
	return FailedAccount{}, true
}

// Enable enables scan types for up to 100 accounts (the caller when none
// are given). Inspector's service-linked role is created in every account
// Inspector is being activated in. The IAM checks are inspector2:Enable on
// "*" and, when Inspector is activated in the caller's own account,
// iam:CreateServiceLinkedRole on the role with iam:AWSServiceName
// inspector2.amazonaws.com.
func (s *Service) Enable(caller *authz.Principal, region string, in *EnableRequest) (*EnableResponse, error) {
	if in == nil {
		in = &EnableRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	validateScanTypes(&v, "resourceTypes", in.ResourceTypes, 1)
	validateAccountIDs(&v, "accountIds", in.AccountIDs, 0, 100)
	if in.ClientToken != "" {
		v.length("clientToken", in.ClientToken, 1, 64)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := s.authorize(caller, check("Enable")); err != nil {
		return nil, err
	}
	types := scanTypeIndexes(in.ResourceTypes)
	ids := targets(caller.Account, in.AccountIDs)

	// Phase 1: which accounts Inspector is being activated in.
	if _, err := s.lock(); err != nil {
		return nil, err
	}
	var activate []string
	for _, id := range ids {
		a := r.account(id)
		if _, ok := r.enableCheck(caller.Account, a, types); ok && a.status() == StatusDisabled {
			activate = append(activate, id)
		}
	}
	s.unlock()
	if slices.Contains(activate, caller.Account) {
		// Activating Inspector in the caller's own account creates the
		// service-linked role there, on the caller's permissions.
		if err := s.authorize(caller, slrCheck(s.partition, caller.Account)); err != nil {
			return nil, err
		}
	}
	if s.ids != nil {
		for _, id := range activate {
			if err := s.ids.CreateServiceLinkedRole(id, ServicePrincipal); err != nil {
				return nil, fromDependency(err)
			}
		}
	}

	now, err := s.lock()
	if err != nil {
		return nil, err
	}
	defer s.unlock()
	out := &EnableResponse{Accounts: []Account{}}
	for _, id := range ids {
		a := r.account(id)
		if f, ok := r.enableCheck(caller.Account, a, types); !ok {
			out.FailedAccounts = append(out.FailedAccounts, f)
			continue
		}
		r.enableTypes(a, types, now)
		out.Accounts = append(out.Accounts, Account{AccountID: id, Status: a.status(), ResourceStatus: a.resourceStatus()})
	}
	return out, nil
}

func scanTypeIndexes(types []ResourceScanType) []int {
	var out []int
	for _, t := range types {
		if i, ok := scanTypeIndex(t); ok && !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	return out
}

func (r *region) enableTypes(a *account, types []int, now int64) {
	for _, st := range types {
		if a.types[st].status == StatusDisabled {
			r.setTransition(a, st, StatusEnabling, now+int64(EnableDelay))
		}
	}
}

// Disable disables scan types (all when none are given) for up to 100
// accounts (the caller when none are given). The IAM check is
// inspector2:Disable on "*".
func (s *Service) Disable(caller *authz.Principal, region string, in *DisableRequest) (*DisableResponse, error) {
	if in == nil {
		in = &DisableRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	validateScanTypes(&v, "resourceTypes", in.ResourceTypes, 0)
	validateAccountIDs(&v, "accountIds", in.AccountIDs, 0, 100)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := s.authorize(caller, check("Disable")); err != nil {
		return nil, err
	}
	types := scanTypeIndexes(in.ResourceTypes)
	if len(types) == 0 {
		types = []int{stEC2, stECR, stLambda, stLambdaCode, stCodeRepository}
	}
	now, err := s.lock()
	if err != nil {
		return nil, err
	}
	defer s.unlock()
	out := &DisableResponse{Accounts: []Account{}}
	for _, id := range targets(caller.Account, in.AccountIDs) {
		a := r.account(id)
		if f, ok := r.disableCheck(caller.Account, a, types); !ok {
			out.FailedAccounts = append(out.FailedAccounts, f)
			continue
		}
		for _, st := range types {
			switch a.types[st].status {
			case StatusEnabled, StatusEnabling, StatusSuspended:
				r.setTransition(a, st, StatusDisabling, now+int64(DisableDelay))
			}
		}
		out.Accounts = append(out.Accounts, Account{AccountID: id, Status: a.status(), ResourceStatus: a.resourceStatus()})
	}
	return out, nil
}

func (r *region) disableCheck(caller string, a *account, types []int) (FailedAccount, bool) {
	if !r.mayManage(caller, a.id) {
		return failed(a, ErrorCodeAccessDenied, msgNoAccess), false
	}
	if a.id == caller && a.admin != nil {
		return failed(a, ErrorCodeAccessDenied, "Member accounts cannot disable Amazon Inspector; the delegated administrator manages their scanning"), false
	}
	for _, st := range types {
		if a.types[st].status == StatusSuspending {
			return failed(a, ErrorCodeSuspendInProgress, "The account is being suspended"), false
		}
	}
	if da := a.isAdmin(); da != nil && a.id == caller && len(da.members) > 0 {
		off := true
		for st, t := range a.types {
			if !slices.Contains(types, st) && t.status != StatusDisabled && t.status != StatusDisabling {
				off = false
			}
		}
		if off {
			return failed(a, ErrorCodeDisassociateAllMembers, "The delegated administrator cannot disable Amazon Inspector while it has associated member accounts"), false
		}
	}
	return FailedAccount{}, true
}

// BatchGetAccountStatus returns the status of up to 100 accounts (the
// caller when none are given): the caller's own and, for the delegated
// administrator, its members'. The IAM check is
// inspector2:BatchGetAccountStatus on "*".
func (s *Service) BatchGetAccountStatus(caller *authz.Principal, region string, in *BatchGetAccountStatusRequest) (*BatchGetAccountStatusResponse, error) {
	if in == nil {
		in = &BatchGetAccountStatusRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	validateAccountIDs(&v, "accountIds", in.AccountIDs, 0, 100)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := s.authorize(caller, check("BatchGetAccountStatus")); err != nil {
		return nil, err
	}
	if _, err := s.lock(); err != nil {
		return nil, err
	}
	defer s.unlock()
	out := &BatchGetAccountStatusResponse{Accounts: []AccountState{}}
	for _, id := range targets(caller.Account, in.AccountIDs) {
		a := r.account(id)
		if !r.mayManage(caller.Account, id) {
			out.FailedAccounts = append(out.FailedAccounts, failed(a, ErrorCodeAccessDenied, msgNoAccess))
			continue
		}
		state := func(st Status) *State {
			s := &State{Status: st}
			if a.suspended && (st == StatusSuspending || st == StatusSuspended) {
				s.ErrorCode, s.ErrorMessage = ErrorCodeAccountIsIsolated, "The account is suspended"
			}
			return s
		}
		out.Accounts = append(out.Accounts, AccountState{
			AccountID: id,
			State:     state(a.status()),
			ResourceState: &ResourceState{
				Ec2: state(a.types[stEC2].status), Ecr: state(a.types[stECR].status), Lambda: state(a.types[stLambda].status),
				LambdaCode: state(a.types[stLambdaCode].status), CodeRepository: state(a.types[stCodeRepository].status),
			},
		})
	}
	return out, nil
}

// SuspendAccount records that an account was suspended (closed or
// suspended by AWS): in every region its enabled scan types become
// SUSPENDING, then SUSPENDED; its findings are kept. Library-only; the
// composition root calls it when Organizations suspends an account.
func (s *Service) SuspendAccount(accountID string) error {
	now, err := s.lock()
	if err != nil {
		return err
	}
	defer s.unlock()
	for _, name := range s.names {
		r := s.regions[name]
		a := r.accounts[accountID]
		if a == nil || a.suspended {
			continue
		}
		a.suspended = true
		for st, t := range a.types {
			if t.status == StatusEnabled || t.status == StatusEnabling {
				r.setTransition(a, st, StatusSuspending, now+int64(SuspendDelay))
			}
		}
	}
	return nil
}

// ReinstateAccount undoes SuspendAccount: suspended scan types become
// ENABLING again. Library-only.
func (s *Service) ReinstateAccount(accountID string) error {
	now, err := s.lock()
	if err != nil {
		return err
	}
	defer s.unlock()
	for _, name := range s.names {
		r := s.regions[name]
		a := r.accounts[accountID]
		if a == nil || !a.suspended {
			continue
		}
		a.suspended = false
		for st, t := range a.types {
			if t.status == StatusSuspending || t.status == StatusSuspended {
				r.setTransition(a, st, StatusEnabling, now+int64(EnableDelay))
			}
		}
	}
	return nil
}
