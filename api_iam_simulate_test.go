package awsaccess_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess"
	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
	"github.com/seed-e2e06c4d/awsaccess/org"
)

// simOutcome is what a simulator call answered: an error code, or per
// result the decision, the organizations and boundary details and the
// matched statements' ids and types.
type simOutcome struct {
	Code    string
	Results []string
}

func (w *iamWorld) simulate(creds sigv4.Credentials, action string, p url.Values) simOutcome {
	w.t.Helper()
	_, body := w.call(creds, action, p)
	if code := iamXML(body, "Code"); code != "" {
		return simOutcome{Code: code}
	}
	var out simOutcome
	for _, m := range memberBlocks(body) {
		r := iamXML(m, "EvalActionName") + " " + iamXML(m, "EvalDecision")
		if v := iamXML(m, "AllowedByOrganizations"); v != "" {
			r += " org=" + v
		}
		if v := iamXML(m, "AllowedByPermissionsBoundary"); v != "" {
			r += " boundary=" + v
		}
		ids, types := iamXMLAll(m, "SourcePolicyId"), iamXMLAll(m, "SourcePolicyType")
		for i, id := range ids {
			r += " " + id
			if i < len(types) && len(types) == len(ids) {
				r += "(" + types[i] + ")"
			}
		}
		if missing := iamXMLAll(m, "member"); len(missing) > 0 {
			r += " missing=" + missing[len(missing)-1]
		}
		out.Results = append(out.Results, r)
	}
	return out
}

// memberBlocks splits an EvaluationResults list into its results.
func memberBlocks(body string) []string {
	const sep = "<EvalActionName>"
	var out []string
	rest := body
	for {
		i := strings.Index(rest, sep)
		if i < 0 {
			return out
		}
		rest = rest[i+len(sep):]
		j := strings.Index(rest, sep)
		if j < 0 {
			out = append(out, sep+rest)
			return out
		}
		out = append(out, sep+rest[:j])
	}
}

func TestIAMSimulatorInputs(t *testing.T) {
	w := newIAMWorld(t)
	w.user("alice", "ReadS3", iamReadS3)
	acct := w.account()
	if _, err := acct.CreateGroup("/", "devs"); err != nil {
		t.Fatal(err)
	}
	if _, err := acct.CreateGroup("/", "empty"); err != nil {
		t.Fatal(err)
	}
	noDelete, err := acct.CreatePolicy(authn.CreatePolicyInput{PolicyName: "NoDelete", PolicyDocument: `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}}`})
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		acct.PutGroupPolicy("devs", "ReadS3", iamReadS3),
		acct.AttachGroupPolicy("devs", noDelete.ARN),
		acct.AttachGroupPolicy("devs", "arn:aws:iam::aws:policy/IAMReadOnlyAccess"),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	const bucketPolicy = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/alice"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}}`
	tests := []struct {
		name   string
		action string
		params url.Values
		want   simOutcome
	}{
		{"malformed input policy", "SimulateCustomPolicy", iamParams("PolicyInputList.member.1", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*"}}`, "ActionNames.member.1", "s3:GetObject"),
			simOutcome{Code: "InvalidInput"}},
		{"two boundaries", "SimulateCustomPolicy", iamParams("PolicyInputList.member.1", iamReadS3, "ActionNames.member.1", "s3:GetObject",
			"PermissionsBoundaryPolicyInputList.member.1", iamReadS3, "PermissionsBoundaryPolicyInputList.member.2", iamReadS3), simOutcome{Code: "InvalidInput"}},
		{"bad context value", "SimulateCustomPolicy", iamParams("PolicyInputList.member.1", iamReadS3, "ActionNames.member.1", "s3:GetObject",
			"ContextEntries.member.1.ContextKeyName", "aws:SourceIp", "ContextEntries.member.1.ContextKeyValues.member.1", "not-an-ip",
			"ContextEntries.member.1.ContextKeyType", "ip"), simOutcome{Code: "InvalidInput"}},
		{"resource policy needs a caller", "SimulateCustomPolicy", iamParams("PolicyInputList.member.1", iamReadS3, "ActionNames.member.1", "s3:PutObject",
			"ResourcePolicy", bucketPolicy), simOutcome{Code: "InvalidInput"}},
		{"resource policy grants the caller", "SimulateCustomPolicy", iamParams("PolicyInputList.member.1", iamReadS3, "ActionNames.member.1", "s3:PutObject",
			"ResourcePolicy", bucketPolicy, "CallerArn", "arn:aws:iam::111111111111:user/alice", "ResourceArns.member.1", "arn:aws:s3:::b/k"),
			simOutcome{Results: []string{"s3:PutObject allowed ResourcePolicy(resource) ResourcePolicy(resource)"}}},
		{"condition keys given by context", "SimulateCustomPolicy", iamParams(
			"PolicyInputList.member.1", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"Bool":{"aws:SecureTransport":"true"}}}}`,
			"ActionNames.member.1", "s3:GetObject",
			"ContextEntries.member.1.ContextKeyName", "aws:SourceIp", "ContextEntries.member.1.ContextKeyValues.member.1", "10.1.2.3",
			"ContextEntries.member.1.ContextKeyType", "ip"),
			simOutcome{Results: []string{"s3:GetObject implicitDeny missing=aws:SecureTransport"}}},
		{"group inline and attached policies", "SimulatePrincipalPolicy", iamParams("PolicySourceArn", "arn:aws:iam::111111111111:group/devs",
			"ActionNames.member.1", "s3:GetObject", "ActionNames.member.2", "s3:DeleteObject", "ActionNames.member.3", "s3:PutObject", "ActionNames.member.4", "iam:GetUser"),
			simOutcome{Results: []string{"s3:GetObject allowed ReadS3(group)", "s3:DeleteObject explicitDeny NoDelete(user-managed)", "s3:PutObject implicitDeny", "iam:GetUser allowed IAMReadOnlyAccess(aws-managed)"}}},
		{"group without policies", "SimulatePrincipalPolicy", iamParams("PolicySourceArn", "arn:aws:iam::111111111111:group/empty", "ActionNames.member.1", "s3:GetObject"),
			simOutcome{Results: []string{"s3:GetObject implicitDeny"}}},
		{"unknown group", "SimulatePrincipalPolicy", iamParams("PolicySourceArn", "arn:aws:iam::111111111111:group/nobody", "ActionNames.member.1", "s3:GetObject"),
			simOutcome{Code: "NoSuchEntity"}},
		{"group at another path", "SimulatePrincipalPolicy", iamParams("PolicySourceArn", "arn:aws:iam::111111111111:group/x/devs", "ActionNames.member.1", "s3:GetObject"),
			simOutcome{Code: "NoSuchEntity"}},
		{"group resource policy needs a caller", "SimulatePrincipalPolicy", iamParams("PolicySourceArn", "arn:aws:iam::111111111111:group/devs", "ActionNames.member.1", "s3:PutObject",
			"ResourcePolicy", bucketPolicy), simOutcome{Code: "InvalidInput"}},
		{"unknown user", "SimulatePrincipalPolicy", iamParams("PolicySourceArn", "arn:aws:iam::111111111111:user/nobody", "ActionNames.member.1", "s3:GetObject"),
			simOutcome{Code: "NoSuchEntity"}},
		{"input added to the user's policies", "SimulatePrincipalPolicy", iamParams("PolicySourceArn", "arn:aws:iam::111111111111:user/alice",
			"ActionNames.member.1", "s3:GetObject", "ActionNames.member.2", "s3:PutObject",
			"PolicyInputList.member.1", `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}}`),
			simOutcome{Results: []string{"s3:GetObject explicitDeny PolicyInputList.1", "s3:PutObject implicitDeny"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, w.simulate(w.root, tt.action, tt.params)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestIAMSimulatorAppliesSCPs: for a user of a member account, the
// simulation includes the SCPs of the account's organization and says
// whether they allow each action; in the management account they do not
// apply.
func TestIAMSimulatorAppliesSCPs(t *testing.T) {
	w := newIAMWorld(t)
	const member = "222222222222"
	allowAll := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`
	keys, err := w.cloud.Apply(awsaccess.World{
		Accounts: []awsaccess.WorldAccount{{ID: member, Email: "member@example.com", Name: "member", RootAccessKey: true,
			Users: []awsaccess.WorldUser{{Name: "dev", InlinePolicies: map[string]json.RawMessage{"all": json.RawMessage(allowAll)}}}}},
		Organization: &awsaccess.WorldOrganization{Management: iamAccount, Members: []string{member}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var memberRoot sigv4.Credentials
	for _, k := range keys {
		if k.Account == member && k.UserName == "" {
			memberRoot = sigv4.Credentials{AccessKeyID: k.AccessKeyID, SecretAccessKey: k.SecretAccessKey}
		}
	}
	mgmt := w.account().Root()
	o := w.cloud.Organizations()
	roots, err := o.ListRoots(&mgmt, org.ListRootsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.EnablePolicyType(&mgmt, org.EnablePolicyTypeInput{PolicyType: "SERVICE_CONTROL_POLICY", RootId: roots.Roots[0].Id}); err != nil {
		t.Fatal(err)
	}
	scp, err := o.CreatePolicy(&mgmt, org.CreatePolicyInput{Name: "no-delete", Type: "SERVICE_CONTROL_POLICY",
		Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}`})
	if err != nil {
		t.Fatal(err)
	}
	if err := o.AttachPolicy(&mgmt, org.AttachPolicyInput{PolicyId: scp.Policy.PolicySummary.Id, TargetId: member}); err != nil {
		t.Fatal(err)
	}
	got := w.simulate(memberRoot, "SimulatePrincipalPolicy", iamParams("PolicySourceArn", "arn:aws:iam::"+member+":user/dev",
		"ActionNames.member.1", "s3:DeleteBucket", "ActionNames.member.2", "s3:GetObject"))
	want := simOutcome{Results: []string{"s3:DeleteBucket explicitDeny org=false", "s3:GetObject allowed org=true all(user)"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("member account (-want +got):\n%s", diff)
	}

	w.user("ops", "all", allowAll)
	got = w.simulate(w.root, "SimulatePrincipalPolicy", iamParams("PolicySourceArn", "arn:aws:iam::111111111111:user/ops", "ActionNames.member.1", "s3:DeleteBucket"))
	want = simOutcome{Results: []string{"s3:DeleteBucket allowed all(user)"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("management account (-want +got):\n%s", diff)
	}
}
