package awsaccess_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
)

func TestIAMGoldenAccount(t *testing.T) {
	w := newIAMWorld(t)
	const root = "root user of 111111111111"
	for _, p := range [][2]string{{"/", "web"}, {"/ops/", "batch"}, {"/ops/", "agent"}} {
		w.mustCall(w.root, "CreateInstanceProfile", iamParams("Path", p[0], "InstanceProfileName", p[1]))
	}
	_, body := w.golden("ListInstanceProfiles-page1", root, w.root, "ListInstanceProfiles", iamParams("PathPrefix", "/ops/", "MaxItems", "1"))
	marker := iamXML(body, "Marker")
	if marker == "" {
		t.Fatalf("first page is not truncated:\n%s", body)
	}
	_, body = w.golden("ListInstanceProfiles-page2", root, w.root, "ListInstanceProfiles", iamParams("PathPrefix", "/ops/", "MaxItems", "1", "Marker", marker))
	if got := iamXMLAll(body, "InstanceProfileName"); !cmp.Equal(got, []string{"batch"}) || iamXML(body, "IsTruncated") != "false" {
		t.Errorf("second page holds %v", got)
	}
	for _, u := range []string{"https://token.actions.githubusercontent.com", "https://accounts.example.com/tenant"} {
		w.mustCall(w.root, "CreateOpenIDConnectProvider", iamParams("Url", u, "ClientIDList.member.1", "sts.amazonaws.com"))
	}
	_, body = w.golden("ListOpenIDConnectProviders", root, w.root, "ListOpenIDConnectProviders", nil)
	if got := iamXMLAll(body, "Arn"); len(got) != 2 || !strings.HasSuffix(got[0], "oidc-provider/accounts.example.com/tenant") {
		t.Errorf("providers = %v", got)
	}
	w.mustCall(w.root, "CreateUser", iamParams("UserName", "alice"))
	w.mustCall(w.root, "CreateGroup", iamParams("GroupName", "devs"))
	w.mustCall(w.root, "CreateVirtualMFADevice", iamParams("VirtualMFADeviceName", "spare"))
	w.golden("ListVirtualMFADevices-unassigned", root, w.root, "ListVirtualMFADevices", iamParams("AssignmentStatus", "Unassigned"))
	w.golden("GetAccountSummary", root, w.root, "GetAccountSummary", nil)
}

func TestIAMGroupsAndInlinePolicyLists(t *testing.T) {
	w := newIAMWorld(t)
	w.mustCall(w.root, "CreateGroup", iamParams("GroupName", "devs"))
	w.mustCall(w.root, "CreateRole", iamParams("RoleName", "app", "AssumeRolePolicyDocument", iamEC2Trust))
	for _, n := range []string{"b", "a", "c"} {
		w.mustCall(w.root, "PutGroupPolicy", iamParams("GroupName", "devs", "PolicyName", n, "PolicyDocument", iamReadS3))
		w.mustCall(w.root, "PutRolePolicy", iamParams("RoleName", "app", "PolicyName", n, "PolicyDocument", iamReadS3))
	}
	for _, op := range []string{"ListGroupPolicies", "ListRolePolicies"} {
		params := iamParams("GroupName", "devs", "MaxItems", "2")
		if op == "ListRolePolicies" {
			params = iamParams("RoleName", "app", "MaxItems", "2")
		}
		body := w.mustCall(w.root, op, params)
		if got := iamXMLAll(body, "member"); !cmp.Equal(got, []string{"a", "b"}) || iamXML(body, "IsTruncated") != "true" {
			t.Errorf("%s first page = %v:\n%s", op, got, body)
		}
	}

	// UpdateGroup needs iam:UpdateGroup on the group and on its new name.
	acct := w.account()
	if _, err := acct.CreateUser(authn.CreateUserInput{UserName: "bob"}); err != nil {
		t.Fatal(err)
	}
	if err := acct.PutUserPolicy("bob", "p", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:UpdateGroup","Resource":"arn:aws:iam::111111111111:group/devs"}}`); err != nil {
		t.Fatal(err)
	}
	k, err := acct.CreateAccessKey("bob")
	if err != nil {
		t.Fatal(err)
	}
	bob := sigv4.Credentials{AccessKeyID: k.AccessKeyID, SecretAccessKey: k.SecretAccessKey}
	if status, body := w.call(bob, "UpdateGroup", iamParams("GroupName", "devs", "NewGroupName", "builders")); status != http.StatusForbidden || !strings.Contains(body, "group/builders") {
		t.Errorf("rename without permission on the new name = %d:\n%s", status, body)
	}
	w.mustCall(w.root, "UpdateGroup", iamParams("GroupName", "devs", "NewGroupName", "builders", "NewPath", "/eng/"))
	if got := iamXML(w.mustCall(w.root, "GetGroup", iamParams("GroupName", "builders")), "Arn"); got != "arn:aws:iam::111111111111:group/eng/builders" {
		t.Errorf("renamed group's ARN = %s", got)
	}
	if status, body := w.call(w.root, "UpdateGroup", iamParams("GroupName", "devs", "NewGroupName", "x")); status != http.StatusNotFound || !strings.Contains(body, "<Code>NoSuchEntity</Code>") {
		t.Errorf("renaming a missing group = %d:\n%s", status, body)
	}
	if status, body := w.call(w.root, "ListVirtualMFADevices", iamParams("AssignmentStatus", "Bogus")); status != http.StatusBadRequest || !strings.Contains(body, "ValidationError") {
		t.Errorf("bad AssignmentStatus = %d:\n%s", status, body)
	}
}
