package inspector_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
)

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("entropy exhausted") }

var ec2Only = []inspector.ResourceScanType{inspector.ResourceScanTypeEc2}

// delegated sets up admin as delegated administrator in region with
// member1 associated.
func delegated(t testing.TB, w *world) {
	t.Helper()
	if _, err := w.svc.EnableDelegatedAdminAccount(root(mgmt), region, &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: admin}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.AssociateMember(root(admin), region, &inspector.AssociateMemberRequest{AccountID: member1}); err != nil {
		t.Fatal(err)
	}
}

func TestErrorCodes(t *testing.T) {
	type want struct {
		Code, Reason string
		Status       int
		HasFields    bool
		Contains     string
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, w *world)
		call  func(w *world) error
		is    error
		want  want
	}{
		{
			name: "unsupported region",
			call: func(w *world) error {
				_, err := w.svc.ListFindings(root(member1), "mars-east-1", nil)
				return err
			},
			is:   inspector.ErrAccessDenied,
			want: want{Code: "AccessDeniedException", Status: 403, Contains: "not available in the mars-east-1 Region"},
		},
		{
			name: "no caller",
			call: func(w *world) error {
				_, err := w.svc.ListFindings(nil, region, nil)
				return err
			},
			is:   inspector.ErrAccessDenied,
			want: want{Code: "AccessDeniedException", Status: 403},
		},
		{
			name:  "IAM denies the action",
			setup: func(t *testing.T, w *world) { w.deny["inspector2:ListFindings"] = true },
			call: func(w *world) error {
				_, err := w.svc.ListFindings(root(member1), region, nil)
				return err
			},
			is:   authz.ErrAccessDenied,
			want: want{Code: "AccessDeniedException", Status: 403, Contains: "is not authorized to perform: inspector2:ListFindings"},
		},
		{
			name:  "IAM denies the service-linked role",
			setup: func(t *testing.T, w *world) { w.deny["iam:CreateServiceLinkedRole"] = true },
			call: func(w *world) error {
				_, err := w.svc.EnableDelegatedAdminAccount(root(mgmt), region, &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: admin})
				return err
			},
			is:   inspector.ErrAccessDenied,
			want: want{Code: "AccessDeniedException", Status: 403, Contains: "iam:CreateServiceLinkedRole"},
		},
		{
			name:  "activating without the service-linked role permission",
			setup: func(t *testing.T, w *world) { w.deny["iam:CreateServiceLinkedRole"] = true },
			call: func(w *world) error {
				_, err := w.svc.Enable(root(member1), region, &inspector.EnableRequest{ResourceTypes: ec2Only})
				return err
			},
			is:   inspector.ErrAccessDenied,
			want: want{Code: "AccessDeniedException", Status: 403, Contains: "role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2"},
		},
		{
			name: "only the management account delegates",
			call: func(w *world) error {
				_, err := w.svc.EnableDelegatedAdminAccount(root(admin), region, &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: admin})
				return err
			},
			is:   inspector.ErrAccessDenied,
			want: want{Code: "AccessDeniedException", Status: 403, Contains: "management account"},
		},
		{
			name: "Organizations denies",
			setup: func(t *testing.T, w *world) {
				w.orgs.fail["EnableAWSServiceAccess"] = &orgError{"AccessDeniedException", "no"}
			},
			call: func(w *world) error {
				_, err := w.svc.EnableDelegatedAdminAccount(root(mgmt), region, &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: admin})
				return err
			},
			is:   inspector.ErrAccessDenied,
			want: want{Code: "AccessDeniedException", Status: 403},
		},
		{
			name:  "members cannot create suppression rules",
			setup: delegatedSetup,
			call: func(w *world) error {
				_, err := w.svc.CreateFilter(root(member1), region, &inspector.CreateFilterRequest{Name: "x", Action: inspector.FilterActionSuppress,
					FilterCriteria: &inspector.FilterCriteria{}})
				return err
			},
			is:   inspector.ErrAccessDenied,
			want: want{Code: "AccessDeniedException", Status: 403, Contains: "cannot create suppression rules"},
		},
		{
			name: "only the delegated administrator associates",
			call: func(w *world) error {
				_, err := w.svc.AssociateMember(root(member2), region, &inspector.AssociateMemberRequest{AccountID: member1})
				return err
			},
			is:   inspector.ErrAccessDenied,
			want: want{Code: "AccessDeniedException", Status: 403, Contains: "not the Amazon Inspector delegated administrator"},
		},
		{
			name: "invalid account id",
			call: func(w *world) error {
				_, err := w.svc.Enable(root(member1), region, &inspector.EnableRequest{AccountIDs: []string{"123"}, ResourceTypes: ec2Only})
				return err
			},
			is: inspector.ErrValidation,
			want: want{Code: "ValidationException", Reason: "FIELD_VALIDATION_FAILED", Status: 400, HasFields: true,
				Contains: "1 validation error detected: Value '123' at 'accountIds.member.1' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d{12}"},
		},
		{
			name: "maxResults out of range",
			call: func(w *world) error {
				_, err := w.svc.ListFindings(root(member1), region, &inspector.ListFindingsRequest{MaxResults: 101})
				return err
			},
			is: inspector.ErrValidation,
			want: want{Code: "ValidationException", Reason: "FIELD_VALIDATION_FAILED", Status: 400, HasFields: true,
				Contains: "Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100"},
		},
		{
			name: "more than 10 filter entries",
			call: func(w *world) error {
				c := &inspector.FilterCriteria{}
				for range 11 {
					c.Severity = append(c.Severity, eq("HIGH"))
				}
				_, err := w.svc.ListFindings(root(member1), region, &inspector.ListFindingsRequest{FilterCriteria: c})
				return err
			},
			is: inspector.ErrValidation,
			want: want{Code: "ValidationException", Reason: "FIELD_VALIDATION_FAILED", Status: 400, HasFields: true,
				Contains: "'filterCriteria.severity' failed to satisfy constraint: Member must have length less than or equal to 10"},
		},
		{
			name: "unknown comparison and missing resource types",
			call: func(w *world) error {
				_, err := w.svc.CreateFilter(root(member1), region, &inspector.CreateFilterRequest{Name: "x", Action: "HIDE",
					FilterCriteria: &inspector.FilterCriteria{Title: []inspector.StringFilter{{Comparison: "LIKE", Value: "x"}}}})
				return err
			},
			is:   inspector.ErrValidation,
			want: want{Code: "ValidationException", Reason: "FIELD_VALIDATION_FAILED", Status: 400, HasFields: true, Contains: "2 validation errors detected"},
		},
		{
			name: "delegating an account outside the organization",
			call: func(w *world) error {
				_, err := w.svc.EnableDelegatedAdminAccount(root(mgmt), region, &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: outside})
				return err
			},
			is:   inspector.ErrValidation,
			want: want{Code: "ValidationException", Reason: "OTHER", Status: 400, Contains: "is not a member of the organization"},
		},
		{
			name:  "the delegated admin lists delegated admins",
			setup: delegatedSetup,
			call: func(w *world) error {
				_, err := w.svc.ListDelegatedAdminAccounts(root(admin), region, nil)
				return err
			},
			is:   inspector.ErrValidation,
			want: want{Code: "ValidationException", Reason: "OTHER", Status: 400, Contains: "is the delegated admin"},
		},
		{
			name: "invalid nextToken",
			call: func(w *world) error {
				_, err := w.svc.ListFindings(root(member1), region, &inspector.ListFindingsRequest{NextToken: "bm90IGEgdG9rZW4"})
				return err
			},
			is:   inspector.ErrValidation,
			want: want{Code: "ValidationException", Reason: "OTHER", Status: 400, Contains: "nextToken"},
		},
		{
			name: "aggregation request of another type",
			call: func(w *world) error {
				_, err := w.svc.ListFindingAggregations(root(member1), region, &inspector.ListFindingAggregationsRequest{
					AggregationType: inspector.AggregationTypeAmi, AggregationRequest: &inspector.AggregationRequest{TitleAggregation: &inspector.TitleAggregation{}}})
				return err
			},
			is:   inspector.ErrValidation,
			want: want{Code: "ValidationException", Reason: "FIELD_VALIDATION_FAILED", Status: 400, HasFields: true, Contains: "does not match aggregationType AMI"},
		},
		{
			name:  "delegated admin already enabled",
			setup: delegatedSetup,
			call: func(w *world) error {
				_, err := w.svc.EnableDelegatedAdminAccount(root(mgmt), region, &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: admin})
				return err
			},
			is:   inspector.ErrConflict,
			want: want{Code: "ConflictException", Status: 409, Contains: "is already enabled"},
		},
		{
			name:  "another delegated admin",
			setup: delegatedSetup,
			call: func(w *world) error {
				_, err := w.svc.EnableDelegatedAdminAccount(root(mgmt), region2, &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: member2})
				return err
			},
			is:   inspector.ErrConflict,
			want: want{Code: "ConflictException", Status: 409, Contains: "can have only one"},
		},
		{
			name: "Organizations concurrent modification",
			setup: func(t *testing.T, w *world) {
				w.orgs.fail["RegisterDelegatedAdministrator"] = &orgError{"ConcurrentModificationException", "busy"}
			},
			call: func(w *world) error {
				_, err := w.svc.EnableDelegatedAdminAccount(root(mgmt), region, &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: admin})
				return err
			},
			is:   inspector.ErrConflict,
			want: want{Code: "ConflictException", Status: 409, Contains: "busy"},
		},
		{
			name: "disabling an account that is not the delegated admin",
			call: func(w *world) error {
				_, err := w.svc.DisableDelegatedAdminAccount(root(mgmt), region, &inspector.DisableDelegatedAdminAccountRequest{DelegatedAdminAccountID: admin})
				return err
			},
			is:   inspector.ErrResourceNotFound,
			want: want{Code: "ResourceNotFoundException", Status: 404, Contains: "is not the delegated administrator"},
		},
		{
			name: "updating an unknown filter",
			call: func(w *world) error {
				_, err := w.svc.UpdateFilter(root(member1), region, &inspector.UpdateFilterRequest{
					FilterArn: "arn:aws:inspector2:us-east-1:333333333333:owner/333333333333/filter/0000000000000000"})
				return err
			},
			is:   inspector.ErrResourceNotFound,
			want: want{Code: "ResourceNotFoundException", Status: 404, Contains: "does not exist"},
		},
		{
			name:  "member of another organization",
			setup: delegatedSetup,
			call: func(w *world) error {
				_, err := w.svc.GetMember(root(admin), region, &inspector.GetMemberRequest{AccountID: outside})
				return err
			},
			is:   inspector.ErrResourceNotFound,
			want: want{Code: "ResourceNotFoundException", Status: 404},
		},
		{
			name: "filter quota",
			setup: func(t *testing.T, w *world) {
				for i := range inspector.MaxFiltersPerOwner {
					if _, err := w.svc.CreateFilter(root(member1), region, &inspector.CreateFilterRequest{Name: fmt.Sprint("f", i),
						Action: inspector.FilterActionNone, FilterCriteria: &inspector.FilterCriteria{}}); err != nil {
						t.Fatal(err)
					}
				}
			},
			call: func(w *world) error {
				_, err := w.svc.CreateFilter(root(member1), region, &inspector.CreateFilterRequest{Name: "one more",
					Action: inspector.FilterActionNone, FilterCriteria: &inspector.FilterCriteria{}})
				return err
			},
			is:   inspector.ErrServiceQuotaExceeded,
			want: want{Code: "ServiceQuotaExceededException", Status: 402, Contains: "maximum number of filters"},
		},
		{
			name: "member quota",
			setup: func(t *testing.T, w *world) {
				req := inspector.LoadRequest{Region: region, OrganizationID: orgID, DelegatedAdmin: admin,
					Accounts: []inspector.LoadAccount{{AccountID: admin}}}
				for i := range inspector.MaxMembers {
					id := fmt.Sprintf("5%011d", i)
					req.Accounts = append(req.Accounts, inspector.LoadAccount{AccountID: id})
				}
				if err := w.svc.Load(req); err != nil {
					t.Fatal(err)
				}
			},
			call: func(w *world) error {
				_, err := w.svc.AssociateMember(root(admin), region, &inspector.AssociateMemberRequest{AccountID: member1})
				return err
			},
			is:   inspector.ErrServiceQuotaExceeded,
			want: want{Code: "ServiceQuotaExceededException", Status: 402, Contains: "maximum number of member accounts"},
		},
		{
			name: "reserved tag key",
			call: func(w *world) error {
				_, err := w.svc.CreateFilter(root(member1), region, &inspector.CreateFilterRequest{Name: "x", Action: inspector.FilterActionNone,
					FilterCriteria: &inspector.FilterCriteria{}, Tags: map[string]string{"aws:owner": "me"}})
				return err
			},
			is:   inspector.ErrBadRequest,
			want: want{Code: "BadRequestException", Status: 400, Contains: "One or more tags submitted as part of the request is not valid"},
		},
		{
			name: "Organizations throttles",
			setup: func(t *testing.T, w *world) {
				w.orgs.fail["EnableAWSServiceAccess"] = &orgError{"TooManyRequestsException", "slow down"}
			},
			call: func(w *world) error {
				_, err := w.svc.EnableDelegatedAdminAccount(root(mgmt), region, &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: admin})
				return err
			},
			is:   inspector.ErrThrottling,
			want: want{Code: "ThrottlingException", Status: 429, Contains: "slow down"},
		},
		{
			name:  "identities fail",
			setup: func(t *testing.T, w *world) { w.ids.err = errors.New("iam is down") },
			call: func(w *world) error {
				_, err := w.svc.Enable(root(member1), region, &inspector.EnableRequest{ResourceTypes: ec2Only})
				return err
			},
			is:   inspector.ErrInternalServer,
			want: want{Code: "InternalServerException", Status: 500, Contains: "iam is down"},
		},
		{
			name: "id source fails",
			call: func(w *world) error {
				svc := inspector.New(inspector.Config{Rand: failingReader{}})
				_, err := svc.ListFindings(root(member1), region, nil)
				return err
			},
			is:   inspector.ErrInternalServer,
			want: want{Code: "InternalServerException", Status: 500, Contains: "entropy exhausted"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(nil)
			if tc.setup != nil {
				tc.setup(t, w)
			}
			err := tc.call(w)
			if !errors.Is(err, tc.is) {
				t.Fatalf("error %v does not wrap %v", err, tc.is)
			}
			var e *inspector.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *inspector.Error", err)
			}
			got := want{Code: e.ErrorCode(), Reason: string(e.Reason), Status: e.HTTPStatusCode(), HasFields: len(e.Fields) > 0, Contains: tc.want.Contains}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("error (-want +got):\n%s\n%v", diff, err)
			}
			if !strings.Contains(e.ErrorMessage(), tc.want.Contains) {
				t.Errorf("message %q does not contain %q", e.ErrorMessage(), tc.want.Contains)
			}
			if e.Code == "ConflictException" && (e.ResourceID == "" || e.ResourceType == "") {
				t.Errorf("ConflictException without resourceId/resourceType: %+v", e)
			}
			if e.Code == "ServiceQuotaExceededException" && e.ResourceID == "" {
				t.Errorf("ServiceQuotaExceededException without resourceId: %+v", e)
			}
		})
	}
}

func delegatedSetup(t *testing.T, w *world) { delegated(t, w) }

// TestFailedAccountCodes covers the per-account refusals of Enable and
// Disable.
func TestFailedAccountCodes(t *testing.T) {
	type result struct {
		Account string
		Code    inspector.ErrorCode
	}
	enable := func(w *world, caller string, ids ...string) []result {
		out, err := w.svc.Enable(root(caller), region, &inspector.EnableRequest{AccountIDs: ids, ResourceTypes: ec2Only})
		if err != nil {
			t.Fatal(err)
		}
		var r []result
		for _, f := range out.FailedAccounts {
			r = append(r, result{f.AccountID, f.ErrorCode})
		}
		return r
	}
	disable := func(w *world, caller string, ids ...string) []result {
		out, err := w.svc.Disable(root(caller), region, &inspector.DisableRequest{AccountIDs: ids})
		if err != nil {
			t.Fatal(err)
		}
		var r []result
		for _, f := range out.FailedAccounts {
			r = append(r, result{f.AccountID, f.ErrorCode})
		}
		return r
	}
	tests := []struct {
		name string
		run  func(w *world) []result
		want []result
	}{
		{"enable another account", func(w *world) []result { return enable(w, member1, member2) },
			[]result{{member2, inspector.ErrorCodeAccessDenied}}},
		{"members before the admin enables itself", func(w *world) []result { delegated(t, w); return enable(w, admin, member1) },
			[]result{{member1, inspector.ErrorCodeAccessDenied}}},
		{"already enabled", func(w *world) []result { enable(w, member1); w.wait(); return enable(w, member1) },
			[]result{{member1, inspector.ErrorCodeAlreadyEnabled}}},
		{"disable in progress", func(w *world) []result { enable(w, member1); w.wait(); disable(w, member1); return enable(w, member1) },
			[]result{{member1, inspector.ErrorCodeDisableInProgress}}},
		{"suspended", func(w *world) []result {
			enable(w, member1)
			_ = w.svc.SuspendAccount(member1)
			return enable(w, member1)
		}, []result{{member1, inspector.ErrorCodeAccountIsIsolated}}},
		{"suspend in progress", func(w *world) []result {
			enable(w, member1)
			_ = w.svc.SuspendAccount(member1)
			return disable(w, member1)
		}, []result{{member1, inspector.ErrorCodeSuspendInProgress}}},
		{"member disables itself", func(w *world) []result { delegated(t, w); enable(w, member1); return disable(w, member1) },
			[]result{{member1, inspector.ErrorCodeAccessDenied}}},
		{"admin deactivates with members", func(w *world) []result { delegated(t, w); enable(w, admin); return disable(w, admin) },
			[]result{{admin, inspector.ErrorCodeDisassociateAllMembers}}},
		{"admin manages its member", func(w *world) []result {
			delegated(t, w)
			enable(w, admin)
			w.wait()
			return append(enable(w, admin, member1, member2), disable(w, admin, member1)...)
		}, []result{{member2, inspector.ErrorCodeAccessDenied}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tc.run(newWorld(nil))); diff != "" {
				t.Errorf("failed accounts (-want +got):\n%s", diff)
			}
		})
	}
}
