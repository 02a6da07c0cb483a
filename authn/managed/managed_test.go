package managed_test

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/authn/managed"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

func TestLoad(t *testing.T) {
	if err := managed.Load(); err != nil {
		t.Fatalf("Load() = %v", err)
	}
}

func TestCatalogue(t *testing.T) {
	type row struct{ Name, ARN, Path, VersionID string }
	want := []row{
		{"AWSOrganizationsFullAccess", "arn:aws:iam::aws:policy/AWSOrganizationsFullAccess", "/", "v9"},
		{"AWSOrganizationsReadOnlyAccess", "arn:aws:iam::aws:policy/AWSOrganizationsReadOnlyAccess", "/", "v6"},
		{"AWSOrganizationsServiceTrustPolicy", "arn:aws:iam::aws:policy/aws-service-role/AWSOrganizationsServiceTrustPolicy", "/aws-service-role/", "v3"},
		{"AdministratorAccess", "arn:aws:iam::aws:policy/AdministratorAccess", "/", "v1"},
		{"AmazonInspector2AgentlessServiceRolePolicy", "arn:aws:iam::aws:policy/aws-service-role/AmazonInspector2AgentlessServiceRolePolicy", "/aws-service-role/", "v1"},
		{"AmazonInspector2FullAccess", "arn:aws:iam::aws:policy/AmazonInspector2FullAccess", "/", "v4"},
		{"AmazonInspector2ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonInspector2ReadOnlyAccess", "/", "v8"},
		{"AmazonInspector2ServiceRolePolicy", "arn:aws:iam::aws:policy/aws-service-role/AmazonInspector2ServiceRolePolicy", "/aws-service-role/", "v26"},
		{"AmazonInspectorFullAccess", "arn:aws:iam::aws:policy/AmazonInspectorFullAccess", "/", "v5"},
		{"AmazonInspectorReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonInspectorReadOnlyAccess", "/", "v4"},
		{"AmazonInspectorServiceRolePolicy", "arn:aws:iam::aws:policy/aws-service-role/AmazonInspectorServiceRolePolicy", "/aws-service-role/", "v5"},
		{"IAMFullAccess", "arn:aws:iam::aws:policy/IAMFullAccess", "/", "v2"},
		{"IAMReadOnlyAccess", "arn:aws:iam::aws:policy/IAMReadOnlyAccess", "/", "v4"},
		{"PowerUserAccess", "arn:aws:iam::aws:policy/PowerUserAccess", "/", "v12"},
		{"ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess", "/", "v182"},
	}
	var got []row
	for _, p := range managed.All() {
		got = append(got, row{p.Name, p.ARN, p.Path, p.VersionID})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("All() mismatch (-want +got):\n%s", diff)
	}
}

func TestDocumentsParse(t *testing.T) {
	for _, p := range managed.All() {
		t.Run(p.Name, func(t *testing.T) {
			if p.Parsed == nil {
				t.Fatal("Parsed is nil")
			}
			if k := p.Parsed.Kind(); k != authz.Identity {
				t.Errorf("Parsed.Kind() = %q, want %q", k, authz.Identity)
			}
			if p.Parsed.Version != authz.Version2012 {
				t.Errorf("Version = %q, want %q", p.Parsed.Version, authz.Version2012)
			}
			again, err := authz.ParseAWSManaged([]byte(p.Document))
			if err != nil {
				t.Fatalf("ParseAWSManaged(Document) = %v", err)
			}
			if !again.Equal(p.Parsed) {
				t.Errorf("Parse(Document) differs from Parsed")
			}
			if p.Description == "" {
				t.Error("Description is empty")
			}
			if !regexp.MustCompile(`^v[1-9][0-9]*$`).MatchString(p.VersionID) {
				t.Errorf("VersionID = %q, want v<n>", p.VersionID)
			}
		})
	}
}

// policyARN is the form of an AWS managed policy's ARN; names follow
// IAM's rule for policy names ([\w+=,.@-]{1,128}).
var policyARN = regexp.MustCompile(`^arn:aws:iam::aws:policy(/|/aws-service-role/)([\w+=,.@-]{1,128})$`)

func TestARNs(t *testing.T) {
	slrPolicies := map[string]bool{}
	for _, r := range managed.ServiceLinkedRoles() {
		slrPolicies[r.PolicyName] = true
	}
	for _, p := range managed.All() {
		m := policyARN.FindStringSubmatch(p.ARN)
		if m == nil {
			t.Errorf("%s: ARN %q is not an AWS managed policy ARN", p.Name, p.ARN)
			continue
		}
		if m[1] != p.Path || m[2] != p.Name {
			t.Errorf("%s: ARN %q has path %q and name %q, want %q and %q", p.Name, p.ARN, m[1], m[2], p.Path, p.Name)
		}
		wantPath := managed.PathRoot
		if slrPolicies[p.Name] {
			wantPath = managed.PathServiceRole
		}
		if p.Path != wantPath {
			t.Errorf("%s: Path = %q, want %q", p.Name, p.Path, wantPath)
		}
		q, ok := managed.ByARN(p.ARN)
		if !ok || q.Name != p.Name {
			t.Errorf("ByARN(%q) = %v, %v; want %s", p.ARN, q, ok, p.Name)
		}
	}
}

func TestLookupMisses(t *testing.T) {
	for _, name := range []string{"", "readonlyaccess", "ReadOnlyAccess ", "AmazonInspector2FullAccess_v2", "aws-service-role/AmazonInspector2ServiceRolePolicy"} {
		if p, ok := managed.Get(name); ok {
			t.Errorf("Get(%q) = %s, want no policy", name, p.Name)
		}
	}
	for _, arn := range []string{
		"",
		"arn:aws:iam::aws:policy/AmazonInspector2ServiceRolePolicy", // path left out
		"arn:aws:iam::aws:policy/aws-service-role/ReadOnlyAccess",   // wrong path
		"arn:aws-cn:iam::aws:policy/ReadOnlyAccess",
		"arn:aws:iam::123456789012:policy/ReadOnlyAccess",
		"ReadOnlyAccess",
	} {
		if p, ok := managed.ByARN(arn); ok {
			t.Errorf("ByARN(%q) = %s, want no policy", arn, p.Name)
		}
	}
}

func TestCopies(t *testing.T) {
	p, ok := managed.Get("IAMReadOnlyAccess")
	if !ok {
		t.Fatal("Get(IAMReadOnlyAccess) found nothing")
	}
	p.Name, p.ARN, p.Document = "x", "y", "z"
	all := managed.All()
	all[0].Name = "changed"
	q, _ := managed.Get("IAMReadOnlyAccess")
	if q.Name != "IAMReadOnlyAccess" || q.ARN != "arn:aws:iam::aws:policy/IAMReadOnlyAccess" || !strings.Contains(q.Document, "iam:Get*") {
		t.Errorf("changing a returned policy changed the catalogue: %+v", q)
	}
	if managed.All()[0].Name == "changed" {
		t.Error("changing All()'s result changed the catalogue")
	}
}

func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, p := range managed.All() {
				if q, ok := managed.ByARN(p.ARN); !ok || q.Name != p.Name {
					t.Errorf("ByARN(%q) = %v, %v", p.ARN, q, ok)
				}
			}
		})
	}
	wg.Wait()
}

const account = "111122223333"

var alice = authz.Principal{
	Type:     authz.PrincipalUser,
	ARN:      "arn:aws:iam::" + account + ":user/alice",
	Account:  account,
	UserName: "alice",
	UserID:   "AIDAEXAMPLEALICE",
}

// slrSession is the session of a service-linked role in account.
func slrSession(role string) authz.Principal {
	return authz.Principal{
		Type:          authz.PrincipalAssumedRole,
		ARN:           "arn:aws:sts::" + account + ":assumed-role/" + role + "/session",
		Account:       account,
		RoleARN:       "arn:aws:iam::" + account + ":role/aws-service-role/" + role,
		ServiceLinked: true,
	}
}

func TestEvaluate(t *testing.T) {
	inspector2SLR := "arn:aws:iam::" + account + ":role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2"
	tests := []struct {
		name      string
		policy    string
		principal authz.Principal // alice when zero
		action    string
		resource  string
		context   map[string]string
		resAcct   string
		want      authz.Decision
	}{
		{name: "admin allows anything", policy: "AdministratorAccess", action: "iam:CreateUser", resource: "arn:aws:iam::" + account + ":user/bob", want: authz.Allowed},
		{name: "inspector2 read-only lists findings", policy: "AmazonInspector2ReadOnlyAccess", action: "inspector2:ListFindings", resource: "*", want: authz.Allowed},
		{name: "inspector2 read-only batch-gets account status", policy: "AmazonInspector2ReadOnlyAccess", action: "inspector2:BatchGetAccountStatus", resource: "*", want: authz.Allowed},
		{name: "inspector2 read-only cannot create filters", policy: "AmazonInspector2ReadOnlyAccess", action: "inspector2:CreateFilter", resource: "arn:aws:inspector2:us-east-1:" + account + ":owner/" + account + "/filter/f1", want: authz.ImplicitDeny},
		{name: "inspector2 read-only cannot enable", policy: "AmazonInspector2ReadOnlyAccess", action: "inspector2:Enable", resource: "*", want: authz.ImplicitDeny},
		{name: "inspector2 read-only lists inspector policies", policy: "AmazonInspector2ReadOnlyAccess", action: "organizations:ListPolicies", resource: "*", context: map[string]string{"organizations:PolicyType": "INSPECTOR_POLICY"}, want: authz.Allowed},
		{name: "inspector2 read-only cannot list SCPs", policy: "AmazonInspector2ReadOnlyAccess", action: "organizations:ListPolicies", resource: "*", context: map[string]string{"organizations:PolicyType": "SERVICE_CONTROL_POLICY"}, want: authz.ImplicitDeny},
		{name: "inspector2 full access creates filters", policy: "AmazonInspector2FullAccess", action: "inspector2:CreateFilter", resource: "*", want: authz.Allowed},
		{name: "inspector2 full access creates its SLR", policy: "AmazonInspector2FullAccess", action: "iam:CreateServiceLinkedRole", resource: inspector2SLR, context: map[string]string{"iam:AWSServiceName": "inspector2.amazonaws.com"}, want: authz.Allowed},
		{name: "inspector2 full access creates the agentless SLR", policy: "AmazonInspector2FullAccess", action: "iam:CreateServiceLinkedRole", resource: "*", context: map[string]string{"iam:AWSServiceName": "agentless.inspector2.amazonaws.com"}, want: authz.Allowed},
		{name: "inspector2 full access cannot create other SLRs", policy: "AmazonInspector2FullAccess", action: "iam:CreateServiceLinkedRole", resource: "*", context: map[string]string{"iam:AWSServiceName": "guardduty.amazonaws.com"}, want: authz.ImplicitDeny},
		{name: "inspector2 full access needs the service name", policy: "AmazonInspector2FullAccess", action: "iam:CreateServiceLinkedRole", resource: inspector2SLR, want: authz.ImplicitDeny},
		{name: "inspector2 full access registers a delegated admin", policy: "AmazonInspector2FullAccess", action: "organizations:RegisterDelegatedAdministrator", resource: "*", want: authz.Allowed},
		{name: "inspector2 full access cannot deregister", policy: "AmazonInspector2FullAccess", action: "organizations:DeregisterDelegatedAdministrator", resource: "*", want: authz.ImplicitDeny},
		{name: "IAM read-only gets a user", policy: "IAMReadOnlyAccess", action: "iam:GetUser", resource: "arn:aws:iam::" + account + ":user/bob", want: authz.Allowed},
		{name: "IAM read-only cannot create a user", policy: "IAMReadOnlyAccess", action: "iam:CreateUser", resource: "arn:aws:iam::" + account + ":user/bob", want: authz.ImplicitDeny},
		{name: "IAM full access creates a user", policy: "IAMFullAccess", action: "iam:CreateUser", resource: "arn:aws:iam::" + account + ":user/bob", want: authz.Allowed},
		{name: "IAM full access describes the organization", policy: "IAMFullAccess", action: "organizations:DescribeOrganization", resource: "*", want: authz.Allowed},
		{name: "power user cannot create a user", policy: "PowerUserAccess", action: "iam:CreateUser", resource: "arn:aws:iam::" + account + ":user/bob", want: authz.ImplicitDeny},
		{name: "power user describes the organization", policy: "PowerUserAccess", action: "organizations:DescribeOrganization", resource: "*", want: authz.Allowed},
		{name: "power user cannot list accounts", policy: "PowerUserAccess", action: "organizations:ListAccounts", resource: "*", want: authz.ImplicitDeny},
		{name: "power user creates service-linked roles", policy: "PowerUserAccess", action: "iam:CreateServiceLinkedRole", resource: inspector2SLR, want: authz.Allowed},
		{name: "power user uses inspector2", policy: "PowerUserAccess", action: "inspector2:Enable", resource: "*", want: authz.Allowed},
		{name: "organizations read-only lists accounts", policy: "AWSOrganizationsReadOnlyAccess", action: "organizations:ListAccounts", resource: "*", want: authz.Allowed},
		{name: "organizations read-only cannot create accounts", policy: "AWSOrganizationsReadOnlyAccess", action: "organizations:CreateAccount", resource: "*", want: authz.ImplicitDeny},
		{name: "organizations full access creates accounts", policy: "AWSOrganizationsFullAccess", action: "organizations:CreateAccount", resource: "*", want: authz.Allowed},
		{name: "organizations full access creates its SLR", policy: "AWSOrganizationsFullAccess", action: "iam:CreateServiceLinkedRole", resource: "*", context: map[string]string{"iam:AWSServiceName": "organizations.amazonaws.com"}, want: authz.Allowed},
		{name: "organizations full access cannot create other SLRs", policy: "AWSOrganizationsFullAccess", action: "iam:CreateServiceLinkedRole", resource: "*", context: map[string]string{"iam:AWSServiceName": "inspector2.amazonaws.com"}, want: authz.ImplicitDeny},
		{name: "read-only gets a user", policy: "ReadOnlyAccess", action: "iam:GetUser", resource: "*", want: authz.Allowed},
		{name: "read-only lists findings", policy: "ReadOnlyAccess", action: "inspector2:ListFindings", resource: "*", want: authz.Allowed},
		{name: "read-only describes instances", policy: "ReadOnlyAccess", action: "ec2:DescribeInstances", resource: "*", want: authz.Allowed},
		{name: "read-only cannot create a user", policy: "ReadOnlyAccess", action: "iam:CreateUser", resource: "*", want: authz.ImplicitDeny},
		{name: "read-only subset leaves S3 out", policy: "ReadOnlyAccess", action: "s3:GetObject", resource: "arn:aws:s3:::bucket/key", want: authz.ImplicitDeny},
		{name: "inspector classic full access passes roles to inspector", policy: "AmazonInspectorFullAccess", action: "iam:PassRole", resource: "*", context: map[string]string{"iam:PassedToService": "inspector.amazonaws.com"}, want: authz.Allowed},
		{name: "inspector classic full access passes roles to no one else", policy: "AmazonInspectorFullAccess", action: "iam:PassRole", resource: "*", context: map[string]string{"iam:PassedToService": "ec2.amazonaws.com"}, want: authz.ImplicitDeny},
		{name: "inspector classic full access creates only its SLR", policy: "AmazonInspectorFullAccess", action: "iam:CreateServiceLinkedRole", resource: "arn:aws:iam::" + account + ":role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2", context: map[string]string{"iam:AWSServiceName": "inspector.amazonaws.com"}, want: authz.ImplicitDeny},
		{name: "inspector classic read-only previews agents", policy: "AmazonInspectorReadOnlyAccess", action: "inspector:PreviewAgents", resource: "*", want: authz.Allowed},
		{name: "inspector classic read-only cannot start runs", policy: "AmazonInspectorReadOnlyAccess", action: "inspector:StartAssessmentRun", resource: "*", want: authz.ImplicitDeny},
		{name: "inspector2 SLR lists accounts", policy: "AmazonInspector2ServiceRolePolicy", principal: slrSession("inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2"), action: "organizations:ListAccounts", resource: "*", want: authz.Allowed},
		{name: "inspector2 SLR sends CIS commands in its account", policy: "AmazonInspector2ServiceRolePolicy", principal: slrSession("inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2"), action: "ssm:SendCommand", resource: "arn:aws:ec2:us-east-1:" + account + ":instance/i-0123456789abcdef0", want: authz.Allowed},
		{name: "inspector2 SLR sends no commands elsewhere", policy: "AmazonInspector2ServiceRolePolicy", principal: slrSession("inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2"), action: "ssm:SendCommand", resource: "arn:aws:ec2:us-east-1:444455556666:instance/i-0123456789abcdef0", resAcct: "444455556666", want: authz.ImplicitDeny},
		{name: "inspector2 SLR lists inspector delegated admins", policy: "AmazonInspector2ServiceRolePolicy", principal: slrSession("inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2"), action: "organizations:ListDelegatedAdministrators", resource: "*", context: map[string]string{"organizations:ServicePrincipal": "inspector2.amazonaws.com"}, want: authz.Allowed},
		{name: "inspector2 SLR lists no other delegated admins", policy: "AmazonInspector2ServiceRolePolicy", principal: slrSession("inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2"), action: "organizations:ListDelegatedAdministrators", resource: "*", context: map[string]string{"organizations:ServicePrincipal": "guardduty.amazonaws.com"}, want: authz.ImplicitDeny},
		{name: "inspector2 SLR cannot register delegated admins", policy: "AmazonInspector2ServiceRolePolicy", principal: slrSession("inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2"), action: "organizations:RegisterDelegatedAdministrator", resource: "*", want: authz.ImplicitDeny},
		{name: "agentless SLR cannot snapshot excluded instances", policy: "AmazonInspector2AgentlessServiceRolePolicy", principal: slrSession("agentless.inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2Agentless"), action: "ec2:CreateSnapshots", resource: "arn:aws:ec2:us-east-1:" + account + ":instance/i-0123456789abcdef0", context: map[string]string{"ec2:ResourceTag/InspectorEc2Exclusion": "true"}, want: authz.ExplicitDeny},
		{name: "agentless SLR snapshots other instances", policy: "AmazonInspector2AgentlessServiceRolePolicy", principal: slrSession("agentless.inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2Agentless"), action: "ec2:CreateSnapshots", resource: "arn:aws:ec2:us-east-1:" + account + ":instance/i-0123456789abcdef0", want: authz.Allowed},
		{name: "inspector classic SLR describes instances", policy: "AmazonInspectorServiceRolePolicy", principal: slrSession("inspector.amazonaws.com/AWSServiceRoleForAmazonInspector"), action: "ec2:DescribeInstances", resource: "*", want: authz.Allowed},
		{name: "organizations SLR deletes its own role", policy: "AWSOrganizationsServiceTrustPolicy", principal: slrSession("organizations.amazonaws.com/AWSServiceRoleForOrganizations"), action: "iam:DeleteRole", resource: "arn:aws:iam::" + account + ":role/aws-service-role/organizations.amazonaws.com/AWSServiceRoleForOrganizations", want: authz.Allowed},
		{name: "organizations SLR deletes no other role", policy: "AWSOrganizationsServiceTrustPolicy", principal: slrSession("organizations.amazonaws.com/AWSServiceRoleForOrganizations"), action: "iam:DeleteRole", resource: inspector2SLR, want: authz.ImplicitDeny},
		{name: "organizations SLR creates service-linked roles", policy: "AWSOrganizationsServiceTrustPolicy", principal: slrSession("organizations.amazonaws.com/AWSServiceRoleForOrganizations"), action: "iam:CreateServiceLinkedRole", resource: inspector2SLR, want: authz.Allowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := managed.Get(tt.policy)
			if !ok {
				t.Fatalf("Get(%q) found nothing", tt.policy)
			}
			principal := tt.principal
			if principal.Type == "" {
				principal = alice
			}
			ctx := authz.NewContext()
			for k, v := range tt.context {
				ctx.Set(k, v)
			}
			req := &authz.Request{Principal: principal, Action: tt.action, Resource: tt.resource, ResourceAccount: tt.resAcct, Context: ctx}
			set := &authz.PolicySet{Identity: authz.NewPolicyList(p.Named())}
			if tt.resAcct != "" {
				// Across accounts the resource's account must allow too;
				// give it a bucket-style policy that does, so that the
				// decision is the identity policy's.
				set.Resource = authz.Of(authz.MustParse(authz.Resource, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"`+account+`"},"Action":"*","Resource":"*"}]}`))
			}
			if got := authz.Evaluate(req, set); got != tt.want {
				t.Errorf("Evaluate = %v, want %v\n%s", got, tt.want, authz.Explain(req, set))
			}
		})
	}
}

// The subsets must be made of the real documents' statements: same Sid,
// Effect, resources and conditions, and actions taken from the real
// statement's in its order.
func TestSubsetsOfRealDocuments(t *testing.T) {
	type statement struct {
		Sid       string
		Effect    string
		Action    any
		Resource  any
		Condition any
	}
	type document struct {
		Version   string
		Statement []statement
	}
	list := func(v any) []string {
		switch v := v.(type) {
		case string:
			return []string{v}
		case []any:
			var out []string
			for _, s := range v {
				out = append(out, s.(string))
			}
			return out
		}
		return nil
	}
	for _, tt := range []struct {
		name    string
		dropped []string // statements of the real document left out
	}{
		{"ReadOnlyAccess", []string{"S3ExpressReadOnlySessionObjectAccess"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := os.ReadFile("testdata/aws/" + tt.name + ".json")
			if err != nil {
				t.Fatal(err)
			}
			// The real document is valid: the subset is a choice (the
			// catalogue models only this model's services), not a limit.
			if _, err := authz.ParseAWSManaged(raw); err != nil {
				t.Errorf("ParseAWSManaged(real %s) = %v", tt.name, err)
			}
			var real, sub document
			if err := json.Unmarshal(raw, &real); err != nil {
				t.Fatal(err)
			}
			p, ok := managed.Get(tt.name)
			if !ok {
				t.Fatalf("Get(%q) found nothing", tt.name)
			}
			if err := json.Unmarshal([]byte(p.Document), &sub); err != nil {
				t.Fatal(err)
			}
			if sub.Version != real.Version {
				t.Errorf("Version = %q, real %q", sub.Version, real.Version)
			}
			var kept []string
			i := 0
			for _, s := range sub.Statement {
				for i < len(real.Statement) && real.Statement[i].Sid != s.Sid {
					i++
				}
				if i == len(real.Statement) {
					t.Fatalf("statement %q is not in the real document, or out of order", s.Sid)
				}
				r := real.Statement[i]
				kept = append(kept, r.Sid)
				if diff := cmp.Diff(r.Effect, s.Effect); diff != "" {
					t.Errorf("statement %q Effect (-real +subset):\n%s", s.Sid, diff)
				}
				if diff := cmp.Diff(r.Resource, s.Resource); diff != "" {
					t.Errorf("statement %q Resource (-real +subset):\n%s", s.Sid, diff)
				}
				if diff := cmp.Diff(r.Condition, s.Condition); diff != "" {
					t.Errorf("statement %q Condition (-real +subset):\n%s", s.Sid, diff)
				}
				if !subsequence(list(s.Action), list(r.Action)) {
					t.Errorf("statement %q: actions %v are not a subsequence of the real %v", s.Sid, list(s.Action), list(r.Action))
				}
				i++
			}
			var dropped []string
			for _, r := range real.Statement {
				if !slices.Contains(kept, r.Sid) {
					dropped = append(dropped, r.Sid)
				}
			}
			if diff := cmp.Diff(tt.dropped, dropped); diff != "" {
				t.Errorf("dropped statements (-want +got):\n%s", diff)
			}
		})
	}
}

// subsequence reports whether a is b with some elements left out.
func subsequence(a, b []string) bool {
	i := 0
	for _, s := range b {
		if i < len(a) && a[i] == s {
			i++
		}
	}
	return i == len(a)
}

func TestServiceLinkedRoles(t *testing.T) {
	type row struct{ RoleName, ServicePrincipal, Path, PolicyName string }
	want := []row{
		{"AWSServiceRoleForAmazonInspector", "inspector.amazonaws.com", "/aws-service-role/inspector.amazonaws.com/", "AmazonInspectorServiceRolePolicy"},
		{"AWSServiceRoleForAmazonInspector2", "inspector2.amazonaws.com", "/aws-service-role/inspector2.amazonaws.com/", "AmazonInspector2ServiceRolePolicy"},
		{"AWSServiceRoleForAmazonInspector2Agentless", "agentless.inspector2.amazonaws.com", "/aws-service-role/agentless.inspector2.amazonaws.com/", "AmazonInspector2AgentlessServiceRolePolicy"},
		{"AWSServiceRoleForOrganizations", "organizations.amazonaws.com", "/aws-service-role/organizations.amazonaws.com/", "AWSOrganizationsServiceTrustPolicy"},
	}
	var got []row
	for _, r := range managed.ServiceLinkedRoles() {
		got = append(got, row{r.RoleName, r.ServicePrincipal, r.Path, r.PolicyName})
		if r.Description == "" {
			t.Errorf("%s: Description is empty", r.RoleName)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ServiceLinkedRoles() mismatch (-want +got):\n%s", diff)
	}
	for _, w := range want {
		r, ok := managed.ServiceLinkedRoleFor(w.ServicePrincipal)
		if !ok || r.RoleName != w.RoleName {
			t.Errorf("ServiceLinkedRoleFor(%q) = %v, %v; want %s", w.ServicePrincipal, r, ok, w.RoleName)
		}
		p, ok := r.Policy()
		if !ok || p.Name != w.PolicyName || p.Path != managed.PathServiceRole {
			t.Errorf("%s.Policy() = %v, %v; want %s under %s", w.RoleName, p, ok, w.PolicyName, managed.PathServiceRole)
		}
	}
	for _, s := range []string{"", "ec2.amazonaws.com", "Inspector2.amazonaws.com", "inspector2", "inspector2.amazonaws.com.cn"} {
		if r, ok := managed.ServiceLinkedRoleFor(s); ok {
			t.Errorf("ServiceLinkedRoleFor(%q) = %s, want none", s, r.RoleName)
		}
	}
	roles := managed.ServiceLinkedRoles()
	roles[0].RoleName = "changed"
	if managed.ServiceLinkedRoles()[0].RoleName == "changed" {
		t.Error("changing ServiceLinkedRoles()'s result changed the table")
	}
}

func TestServiceLinkedRoleTrustPolicy(t *testing.T) {
	for _, r := range managed.ServiceLinkedRoles() {
		t.Run(r.RoleName, func(t *testing.T) {
			trust, err := authz.Parse(authz.Trust, []byte(r.TrustPolicy()))
			if err != nil {
				t.Fatalf("Parse(Trust, TrustPolicy()) = %v", err)
			}
			set := &authz.PolicySet{Resource: authz.Of(trust)}
			roleARN := "arn:aws:iam::" + account + ":role" + r.Path + r.RoleName
			assume := func(p authz.Principal) authz.Decision {
				return authz.Evaluate(&authz.Request{Principal: p, Action: "sts:AssumeRole", Resource: roleARN}, set)
			}
			service := authz.Principal{Type: authz.PrincipalService, Service: r.ServicePrincipal}
			if got := assume(service); got != authz.Allowed {
				t.Errorf("%s assumes the role: %v, want allowed", r.ServicePrincipal, got)
			}
			other := authz.Principal{Type: authz.PrincipalService, Service: "ec2.amazonaws.com"}
			if got := assume(other); got == authz.Allowed {
				t.Errorf("ec2.amazonaws.com assumes the role: %v, want denied", got)
			}
			set.Identity = authz.NewPolicyList(mustGet(t, "AdministratorAccess").Named())
			if got := assume(alice); got == authz.Allowed {
				t.Errorf("an administrator of the account assumes the role: %v, want denied", got)
			}
		})
	}
}

func mustGet(t testing.TB, name string) *managed.Policy {
	t.Helper()
	p, ok := managed.Get(name)
	if !ok {
		t.Fatalf("Get(%q) found nothing", name)
	}
	return p
}
