package org_test

import (
	"strings"
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/org"
)

// FuzzNextToken: a NextToken is parsed from untrusted input. Any string
// gives a page or InvalidInputException, never a panic, and a page holds
// members only, at most MaxResults of them.
func FuzzNextToken(f *testing.F) {
	w := newWorld(f, org.Config{})
	first, err := w.o.ListAccounts(root(mgmtID), org.ListAccountsInput{MaxResults: 1})
	must(f, err)
	f.Add(first.NextToken, int32(1))
	f.Add("", int32(0))
	f.Add("djEATGlzdEFjY291bnRzAAA5", int32(20))
	f.Add("!!!", int32(21))
	f.Add(strings.Repeat("A", 1000), int32(5))
	members := map[string]bool{}
	for _, a := range w.o.Members(w.orgID) {
		members[a.Id] = true
	}
	f.Fuzz(func(t *testing.T, token string, max int32) {
		out, err := w.o.ListAccounts(root(mgmtID), org.ListAccountsInput{MaxResults: max, NextToken: token})
		if err != nil {
			switch code(err) {
			case "InvalidInputException/INVALID_NEXT_TOKEN", "InvalidInputException/MIN_VALUE_EXCEEDED", "InvalidInputException/MAX_VALUE_EXCEEDED":
			default:
				t.Fatalf("ListAccounts(%q, %d): %v", token, max, err)
			}
			return
		}
		limit := int(max)
		if limit == 0 {
			limit = 20
		}
		if len(out.Accounts) > limit {
			t.Fatalf("%d accounts for MaxResults %d", len(out.Accounts), max)
		}
		for _, a := range out.Accounts {
			if !members[a.Id] {
				t.Fatalf("listed %s, not a member", a.Id)
			}
		}
	})
}

// FuzzCreatePolicy: policy content is parsed from untrusted input. It is
// stored exactly when authz accepts it as an SCP of at most 5,120
// characters, and the stored content is returned unchanged.
func FuzzCreatePolicy(f *testing.F) {
	w := newWorld(f, org.Config{})
	f.Add(denyS3)
	f.Add(allowAll)
	f.Add(`{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotAction":"iam:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc"}}}}`)
	f.Add(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`)
	f.Add("")
	f.Add("{")
	f.Fuzz(func(t *testing.T, content string) {
		out, err := w.o.CreatePolicy(root(mgmtID), org.CreatePolicyInput{Name: "fuzz", Type: org.PolicyTypeServiceControlPolicy, Content: content})
		_, perr := authz.Parse(authz.SCP, []byte(content))
		if err != nil {
			switch code(err) {
			case "MalformedPolicyDocumentException", "ConstraintViolationException/POLICY_CONTENT_LIMIT_EXCEEDED", "InvalidInputException/INPUT_REQUIRED":
				if perr == nil && len([]rune(content)) <= org.MaxPolicySize {
					t.Fatalf("authz accepts %q, CreatePolicy says %v", content, err)
				}
			default:
				t.Fatalf("CreatePolicy(%q): %v", content, err)
			}
			return
		}
		if perr != nil {
			t.Fatalf("CreatePolicy accepted %q that authz rejects: %v", content, perr)
		}
		if out.Policy.Content != content {
			t.Fatalf("content changed: %q -> %q", content, out.Policy.Content)
		}
		must(t, w.o.DeletePolicy(root(mgmtID), org.DeletePolicyInput{PolicyId: out.Policy.PolicySummary.Id}))
	})
}

// FuzzIDs: ids are validated against the model's patterns; any string
// gives a result or a modelled error, never a panic.
func FuzzIDs(f *testing.F) {
	w := newWorld(f, org.Config{})
	dev := w.ou(w.root, "Dev")
	for _, s := range []string{memberID, dev, w.root, org.FullAWSAccessID, "ou-abcd-", "r-", "p-short", "", "123", "h-abcdefgh", "car-abcdefgh"} {
		f.Add(s)
	}
	allowed := map[string]bool{
		"": true, "InvalidInputException/INVALID_PATTERN": true, "InvalidInputException/INPUT_REQUIRED": true,
		"InvalidInputException/INVALID_PATTERN_TARGET_ID": true, "AccountNotFoundException": true,
		"OrganizationalUnitNotFoundException": true, "PolicyNotFoundException": true, "ChildNotFoundException": true,
		"ParentNotFoundException": true, "TargetNotFoundException": true, "HandshakeNotFoundException": true,
		"CreateAccountStatusNotFoundException": true,
	}
	mgmt := root(mgmtID)
	f.Fuzz(func(t *testing.T, id string) {
		var errs []error
		_, err := w.o.DescribeAccount(mgmt, org.DescribeAccountInput{AccountId: id})
		errs = append(errs, err)
		_, err = w.o.DescribeOrganizationalUnit(mgmt, org.DescribeOrganizationalUnitInput{OrganizationalUnitId: id})
		errs = append(errs, err)
		_, err = w.o.DescribePolicy(mgmt, org.DescribePolicyInput{PolicyId: id})
		errs = append(errs, err)
		_, err = w.o.ListParents(mgmt, org.ListParentsInput{ChildId: id})
		errs = append(errs, err)
		_, err = w.o.ListAccountsForParent(mgmt, org.ListAccountsForParentInput{ParentId: id})
		errs = append(errs, err)
		_, err = w.o.ListPoliciesForTarget(mgmt, org.ListPoliciesForTargetInput{TargetId: id, Filter: org.PolicyTypeServiceControlPolicy})
		errs = append(errs, err)
		_, err = w.o.DescribeHandshake(mgmt, org.DescribeHandshakeInput{HandshakeId: id})
		errs = append(errs, err)
		_, err = w.o.DescribeCreateAccountStatus(mgmt, org.DescribeCreateAccountStatusInput{CreateAccountRequestId: id})
		errs = append(errs, err)
		for i, err := range errs {
			if !allowed[code(err)] {
				t.Fatalf("call %d with %q: %v", i, id, err)
			}
		}
	})
}
