package awsaccess_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/authn"
)

// iamPagingProperty: paging through ListUsers with any MaxItems returns
// every user exactly once, in order, and a marker keeps its place when
// users are deleted between pages: no user is returned twice, and every
// user that was never deleted is returned.
func iamPagingProperty(t *rapid.T) {
	w := newIAMWorld(t)
	acct := w.account()
	n := rapid.IntRange(0, 12).Draw(t, "users")
	var names []string
	for i := range n {
		name := fmt.Sprintf("user%02d", i)
		if _, err := acct.CreateUser(authn.CreateUserInput{UserName: name}); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	maxItems := rapid.IntRange(1, 5).Draw(t, "maxItems")
	seen := map[string]bool{}
	deleted := map[string]bool{}
	marker := ""
	var got []string
	for pages := 0; ; pages++ {
		if pages > n+1 {
			t.Fatalf("more than %d pages for %d users", pages, n)
		}
		p := iamParams("MaxItems", strconv.Itoa(maxItems))
		if marker != "" {
			p.Set("Marker", marker)
		}
		status, body := w.call(w.root, "ListUsers", p)
		if status != http.StatusOK {
			t.Fatalf("HTTP %d\n%s", status, body)
		}
		page := iamXMLAll(body, "UserName")
		if len(page) > maxItems {
			t.Fatalf("page of %d users for MaxItems %d", len(page), maxItems)
		}
		for _, name := range page {
			if seen[name] {
				t.Fatalf("%s returned twice", name)
			}
			seen[name] = true
		}
		got = append(got, page...)
		marker = iamXML(body, "Marker")
		if (iamXML(body, "IsTruncated") == "true") != (marker != "") {
			t.Fatalf("IsTruncated and Marker disagree:\n%s", body)
		}
		if marker == "" {
			break
		}
		if rapid.Bool().Draw(t, "delete") {
			victim := rapid.SampledFrom(names).Draw(t, "victim")
			if !deleted[victim] {
				if err := acct.DeleteUser(victim); err != nil {
					t.Fatal(err)
				}
				deleted[victim] = true
			}
		}
	}
	if !slices.IsSorted(got) {
		t.Fatalf("users out of order: %v", got)
	}
	for _, name := range names {
		if !deleted[name] && !seen[name] {
			t.Fatalf("%s was never returned (got %v)", name, got)
		}
	}
}

func TestIAMPaging(t *testing.T) { rapid.Check(t, iamPagingProperty) }

func FuzzIAMPaging(f *testing.F) { f.Fuzz(rapid.MakeFuzz(iamPagingProperty)) }

// iamSimulatorProperty: the policy simulator predicts enforcement. For a
// user with random inline policies over a few IAM actions and users,
// SimulatePrincipalPolicy says "allowed" for an action on a resource
// exactly when the user's real call is not denied.
func iamSimulatorProperty(t *rapid.T) {
	w := newIAMWorld(t)
	acct := w.account()
	for _, name := range []string{"alice", "bob"} {
		if _, err := acct.CreateUser(authn.CreateUserInput{UserName: name}); err != nil {
			t.Fatal(err)
		}
	}
	const a = "arn:aws:iam::111111111111:user/"
	actions := []string{"iam:GetUser", "iam:ListUsers", "iam:ListUserTags", "iam:*", "iam:List*", "s3:GetObject"}
	resources := []string{"*", a + "alice", a + "bob", a + "a*", a + "*"}
	var stmts []string
	for i := range rapid.IntRange(1, 4).Draw(t, "statements") {
		effect := rapid.SampledFrom([]string{"Allow", "Allow", "Deny"}).Draw(t, "effect")
		action := rapid.SampledFrom(actions).Draw(t, "action")
		res := rapid.SampledFrom(resources).Draw(t, "resource")
		stmts = append(stmts, fmt.Sprintf(`{"Sid":"S%d","Effect":%q,"Action":%q,"Resource":%q}`, i, effect, action, res))
	}
	doc := `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
	creds := w.user("tester", "random", doc)
	calls := []struct {
		action, resource string
		params           url.Values
	}{
		{"GetUser", a + "alice", iamParams("UserName", "alice")},
		{"GetUser", a + "bob", iamParams("UserName", "bob")},
		{"ListUserTags", a + "alice", iamParams("UserName", "alice")},
		{"ListUsers", "*", nil},
	}
	for _, c := range calls {
		_, body := w.call(w.root, "SimulatePrincipalPolicy", iamParams("PolicySourceArn", a+"tester",
			"ActionNames.member.1", "iam:"+c.action, "ResourceArns.member.1", c.resource))
		predicted := iamXML(body, "EvalDecision")
		status, real := w.call(creds, c.action, c.params)
		if (predicted == "allowed") != (status == http.StatusOK) {
			t.Fatalf("policy %s: the simulator says %s for iam:%s on %s, the call answered %d\n%s", doc, predicted, c.action, c.resource, status, real)
		}
	}
}

func TestIAMSimulatorPredictsEnforcement(t *testing.T) { rapid.Check(t, iamSimulatorProperty) }

func FuzzIAMSimulatorPredictsEnforcement(f *testing.F) {
	f.Fuzz(rapid.MakeFuzz(iamSimulatorProperty))
}
