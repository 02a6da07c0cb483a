package awsaccess_test

import (
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/org"
)

// An organization is built over the wire: created, an account created and
// completed after the clock advances, Inspector given trusted access and
// the new account registered as its delegated administrator; then the
// errors a client must be able to parse: a member's denial by the
// Organizations rule, an IAM denial, ConstraintViolationException and
// InvalidInputException with their Reason, AWSOrganizationsNotInUse.
func TestOrganizationsGolden(t *testing.T) {
	w := newJSONWorld(t, "organizations")
	w.account(jwMgmt, "management")
	w.account(jwOutside, "outsider")
	mgmt := w.keys[jwMgmt]
	const who = "management account root (" + jwMgmt + ")"

	res := w.golden("CreateOrganization", who, "organizations", "CreateOrganization", mgmt, `{"FeatureSet":"ALL"}`)
	mustStatus(t, "CreateOrganization", res, http.StatusOK)
	if got := res.Str("Organization", "MasterAccountId"); got != jwMgmt {
		t.Errorf("MasterAccountId = %q", got)
	}

	res = w.golden("CreateAccount", who, "organizations", "CreateAccount", mgmt, `{"AccountName":"security","Email":"security@example.com"}`)
	mustStatus(t, "CreateAccount", res, http.StatusOK)
	requestID := res.Str("CreateAccountStatus", "Id")
	if st := res.Str("CreateAccountStatus", "State"); st != "IN_PROGRESS" {
		t.Errorf("CreateAccount state %q, want IN_PROGRESS", st)
	}

	w.advance(org.CreateAccountDelay)
	res = w.golden("DescribeCreateAccountStatus", who, "organizations", "DescribeCreateAccountStatus", mgmt, `{"CreateAccountRequestId":"`+requestID+`"}`)
	mustStatus(t, "DescribeCreateAccountStatus", res, http.StatusOK)
	if st := res.Str("CreateAccountStatus", "State"); st != "SUCCEEDED" {
		t.Fatalf("after %v the account is %q, want SUCCEEDED", org.CreateAccountDelay, st)
	}
	created := res.Str("CreateAccountStatus", "AccountId")

	res = w.golden("ListAccounts", who, "organizations", "ListAccounts", mgmt, `{}`)
	mustStatus(t, "ListAccounts", res, http.StatusOK)
	if n := len(res.Get("Accounts").([]any)); n != 2 {
		t.Errorf("ListAccounts: %d accounts, want 2", n)
	}

	res = w.golden("EnableAWSServiceAccess", who, "organizations", "EnableAWSServiceAccess", mgmt, `{"ServicePrincipal":"inspector2.amazonaws.com"}`)
	mustStatus(t, "EnableAWSServiceAccess", res, http.StatusOK)
	res = w.golden("ListAWSServiceAccessForOrganization", who, "organizations", "ListAWSServiceAccessForOrganization", mgmt, `{}`)
	mustStatus(t, "ListAWSServiceAccessForOrganization", res, http.StatusOK)

	res = w.golden("RegisterDelegatedAdministrator", who, "organizations", "RegisterDelegatedAdministrator", mgmt,
		`{"AccountId":"`+created+`","ServicePrincipal":"inspector2.amazonaws.com"}`)
	mustStatus(t, "RegisterDelegatedAdministrator", res, http.StatusOK)
	res = w.golden("ListDelegatedAdministrators", who, "organizations", "ListDelegatedAdministrators", mgmt, `{"ServicePrincipal":"inspector2.amazonaws.com"}`)
	mustStatus(t, "ListDelegatedAdministrators", res, http.StatusOK)
	if id := res.Str("DelegatedAdministrators", 0, "Id"); id != created {
		t.Errorf("delegated administrator %q, want %q", id, created)
	}

	// The created account's root user calls an operation for the
	// management account only.
	member := w.rootKey(created)
	res = w.golden("RegisterDelegatedAdministrator-member-denied", "member account root ("+created+")", "organizations", "RegisterDelegatedAdministrator", member,
		`{"AccountId":"`+created+`","ServicePrincipal":"inspector2.amazonaws.com"}`)
	mustStatus(t, "member RegisterDelegatedAdministrator", res, http.StatusBadRequest)
	if res.Code() != "AccessDeniedException" || res.Str("__type") != "AccessDeniedException" || res.Str("Message") == "" {
		t.Errorf("member denial: %s %s", res.Code(), res.Body)
	}

	// An IAM user of the management account without permissions.
	nobody := w.user(jwMgmt, "nobody", "")
	res = w.golden("ListAccounts-iam-denied", "IAM user nobody of "+jwMgmt, "organizations", "ListAccounts", nobody, `{}`)
	mustStatus(t, "IAM denial", res, http.StatusBadRequest)
	if res.Code() != "AccessDeniedException" {
		t.Errorf("IAM denial: %s %s", res.Code(), res.Body)
	}

	res = w.golden("RegisterDelegatedAdministrator-management", who, "organizations", "RegisterDelegatedAdministrator", mgmt,
		`{"AccountId":"`+jwMgmt+`","ServicePrincipal":"inspector2.amazonaws.com"}`)
	mustStatus(t, "register the management account", res, http.StatusBadRequest)
	if res.Code() != "ConstraintViolationException" || res.Str("Reason") != "CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR" {
		t.Errorf("ConstraintViolationException: %s %s", res.Code(), res.Body)
	}

	res = w.golden("EnableAWSServiceAccess-unknown-service", who, "organizations", "EnableAWSServiceAccess", mgmt, `{"ServicePrincipal":"nothing.example.com"}`)
	mustStatus(t, "unknown service principal", res, http.StatusBadRequest)
	if res.Code() != "InvalidInputException" || res.Str("Reason") != "UNRECOGNIZED_SERVICE_PRINCIPAL" {
		t.Errorf("InvalidInputException: %s %s", res.Code(), res.Body)
	}

	res = w.golden("DescribeAccount-invalid-id", who, "organizations", "DescribeAccount", mgmt, `{"AccountId":"12345"}`)
	mustStatus(t, "malformed account id", res, http.StatusBadRequest)
	if res.Code() != "InvalidInputException" || res.Str("Reason") == "" {
		t.Errorf("InvalidInputException: %s %s", res.Code(), res.Body)
	}

	res = w.golden("DescribeOrganization-not-in-use", "standalone account root ("+jwOutside+")", "organizations", "DescribeOrganization", w.keys[jwOutside], `{}`)
	mustStatus(t, "standalone DescribeOrganization", res, http.StatusBadRequest)
	if res.Code() != "AWSOrganizationsNotInUseException" {
		t.Errorf("not in use: %s %s", res.Code(), res.Body)
	}
}

// Every org error with a Reason keeps it on the wire, and the wire body
// holds exactly the members the model's exception shape has.
func TestOrganizationsErrorsCarryReason(t *testing.T) {
	w := newJSONWorld(t, "organizations")
	w.account(jwMgmt, "management")
	mgmt := w.keys[jwMgmt]
	mustStatus(t, "CreateOrganization", w.call("organizations", "CreateOrganization", mgmt, `{}`), http.StatusOK)
	root := w.call("organizations", "ListRoots", mgmt, `{}`).Str("Roots", 0, "Id")
	cases := []struct {
		name, op, body string
		code, reason   string
	}{
		{"policy type not enabled", "AttachPolicy", `{"PolicyId":"p-FullAWSAccess","TargetId":"` + root + `"}`, "PolicyTypeNotEnabledException", ""},
		{"create organization twice", "CreateOrganization", `{}`, "AlreadyInOrganizationException", ""},
		{"management leaves", "LeaveOrganization", `{}`, "ConstraintViolationException", "ACCOUNT_CANNOT_LEAVE_ORGANIZATION"},
		{"register unsupported service", "RegisterDelegatedAdministrator", `{"AccountId":"` + jwAdmin + `","ServicePrincipal":"nothing.example.com"}`, "InvalidInputException", "UNRECOGNIZED_SERVICE_PRINCIPAL"},
		{"malformed target", "AttachPolicy", `{"PolicyId":"p-FullAWSAccess","TargetId":"x"}`, "InvalidInputException", "INVALID_PATTERN"},
		{"invite self", "InviteAccountToOrganization", `{"Target":{"Id":"` + jwMgmt + `","Type":"ACCOUNT"}}`, "HandshakeConstraintViolationException", "ALREADY_IN_AN_ORGANIZATION"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := w.call("organizations", c.op, mgmt, c.body)
			got := map[string]any{"status": res.Status, "code": res.Code(), "__type": res.Str("__type"), "Reason": res.Get("Reason")}
			want := map[string]any{"status": http.StatusBadRequest, "code": c.code, "__type": c.code, "Reason": nil}
			if c.reason != "" {
				want["Reason"] = c.reason
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("(-want +got)\n%s\n%s", d, res.Body)
			}
			for k := range res.doc {
				if k != "__type" && k != "Message" && k != "Reason" {
					t.Errorf("unmodelled member %q in %s", k, res.Body)
				}
			}
		})
	}
}

// Tags over the wire: an OU created with tags, tagged, listed and
// untagged; then the errors: a reserved key, the 51st tag, an AWS managed
// policy, a resource outside the organization, and an IAM denial decided
// by aws:ResourceTag.
func TestOrganizationsTagsGolden(t *testing.T) {
	w := newJSONWorld(t, "organizations")
	w.dir = filepath.Join(w.dir, "tags")
	w.account(jwMgmt, "management")
	w.account(jwOutside, "outsider")
	mgmt := w.keys[jwMgmt]
	const who = "management account root (" + jwMgmt + ")"

	mustStatus(t, "CreateOrganization", w.call("organizations", "CreateOrganization", mgmt, `{}`), http.StatusOK)
	rootID := w.call("organizations", "ListRoots", mgmt, `{}`).Str("Roots", 0, "Id")

	res := w.golden("CreateOrganizationalUnit", who, "organizations", "CreateOrganizationalUnit", mgmt,
		`{"ParentId":"`+rootID+`","Name":"Prod","Tags":[{"Key":"team","Value":"red"}]}`)
	mustStatus(t, "CreateOrganizationalUnit", res, http.StatusOK)
	ou := res.Str("OrganizationalUnit", "Id")

	res = w.golden("TagResource", who, "organizations", "TagResource", mgmt,
		`{"ResourceId":"`+ou+`","Tags":[{"Key":"env","Value":"prod"},{"Key":"cost-center","Value":""}]}`)
	mustStatus(t, "TagResource", res, http.StatusOK)
	res = w.golden("ListTagsForResource", who, "organizations", "ListTagsForResource", mgmt, `{"ResourceId":"`+ou+`"}`)
	mustStatus(t, "ListTagsForResource", res, http.StatusOK)
	if n := len(res.Get("Tags").([]any)); n != 3 {
		t.Errorf("ListTagsForResource: %d tags, want 3: %s", n, res.Body)
	}
	res = w.golden("UntagResource", who, "organizations", "UntagResource", mgmt, `{"ResourceId":"`+ou+`","TagKeys":["env","cost-center"]}`)
	mustStatus(t, "UntagResource", res, http.StatusOK)
	res = w.golden("ListTagsForResource-root", who, "organizations", "ListTagsForResource", mgmt, `{"ResourceId":"`+rootID+`"}`)
	mustStatus(t, "ListTagsForResource root", res, http.StatusOK)
	if tags, ok := res.Get("Tags").([]any); !ok || len(tags) != 0 {
		t.Errorf("untagged root: %s, want an empty Tags list", res.Body)
	}

	errCase := func(name, op, body, code, reason string) {
		t.Helper()
		res := w.golden(name, who, "organizations", op, mgmt, body)
		mustStatus(t, name, res, http.StatusBadRequest)
		if res.Code() != code || res.Str("Reason") != reason {
			t.Errorf("%s: %s %s, want %s %s", name, res.Code(), res.Body, code, reason)
		}
	}
	errCase("TagResource-system-key", "TagResource", `{"ResourceId":"`+ou+`","Tags":[{"Key":"aws:createdBy","Value":"me"}]}`,
		"InvalidInputException", "INVALID_SYSTEM_TAGS_PARAMETER")
	var fifty []string
	for i := range 50 {
		fifty = append(fifty, fmt.Sprintf(`{"Key":"k%02d","Value":"v"}`, i))
	}
	errCase("TagResource-51-tags", "TagResource", `{"ResourceId":"`+ou+`","Tags":[`+strings.Join(fifty, ",")+`]}`,
		"ConstraintViolationException", "MAX_TAG_LIMIT_EXCEEDED")
	errCase("ListTagsForResource-AWS-managed-policy", "ListTagsForResource", `{"ResourceId":"p-FullAWSAccess"}`,
		"InvalidInputException", "INVALID_PATTERN")
	errCase("TagResource-outside-account", "TagResource", `{"ResourceId":"`+jwOutside+`","Tags":[{"Key":"a","Value":"b"}]}`,
		"TargetNotFoundException", "")

	// A user may list the tags of resources tagged team=blue only; the OU
	// is team=red.
	blue := w.user(jwMgmt, "blue", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"organizations:ListTagsForResource","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"blue"}}}]}`)
	res = w.golden("ListTagsForResource-iam-denied", "IAM user blue of "+jwMgmt, "organizations", "ListTagsForResource", blue, `{"ResourceId":"`+ou+`"}`)
	mustStatus(t, "IAM denial by resource tag", res, http.StatusBadRequest)
	if res.Code() != "AccessDeniedException" {
		t.Errorf("IAM denial: %s %s", res.Code(), res.Body)
	}
	mustStatus(t, "retag blue", w.call("organizations", "TagResource", mgmt, `{"ResourceId":"`+ou+`","Tags":[{"Key":"team","Value":"blue"}]}`), http.StatusOK)
	mustStatus(t, "IAM allowed by resource tag", w.call("organizations", "ListTagsForResource", blue, `{"ResourceId":"`+ou+`"}`), http.StatusOK)
}
