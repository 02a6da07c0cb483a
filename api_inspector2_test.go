package awsaccess_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/org"
)

// inspector2World is an organization of a management account, the future
// delegated administrator and a member, all with root access keys; the
// organization is built through the library so that the goldens show
// Inspector's calls only.
func inspector2World(t *testing.T) (*jsonWorld, string) {
	w := newJSONWorld(t, "inspector2")
	w.account(jwMgmt, "management")
	w.account(jwAdmin, "security")
	w.account(jwMember, "workload")
	orgs := w.cloud.Organizations()
	out, err := orgs.CreateOrganization(w.principal(w.keys[jwMgmt]), org.CreateOrganizationInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{jwAdmin, jwMember} {
		inv, err := orgs.InviteAccountToOrganization(w.principal(w.keys[jwMgmt]), org.InviteAccountToOrganizationInput{
			Target: org.HandshakeParty{Id: id, Type: org.HandshakePartyTypeAccount}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := orgs.AcceptHandshake(w.principal(w.keys[id]), org.AcceptHandshakeInput{HandshakeId: inv.Handshake.Id}); err != nil {
			t.Fatal(err)
		}
	}
	return w, out.Organization.Id
}

// vulnerableInstance runs a curl with CVE-2023-38545 and exposes SSH to
// the internet.
func vulnerableInstance() inspector.EC2Instance {
	return inspector.EC2Instance{
		InstanceID: "i-0123456789abcdef0", ImageID: "ami-12345678", InstanceType: "t3.micro", Platform: "DEBIAN_12",
		Tags:     map[string]string{"env": "prod"},
		Packages: []inspector.Package{{Name: "curl", Version: "7.88.1", Release: "10+deb12u3", Arch: "X86_64"}},
		SecurityGroups: []inspector.SecurityGroup{{ID: "sg-1", Ingress: []inspector.IngressRule{
			{Protocol: "tcp", FromPort: 22, ToPort: 22, CIDRs: []string{"0.0.0.0/0"}}}}},
		VpcID: "vpc-1", SubnetID: "subnet-1", SubnetRoutesToInternet: true, InternetGatewayID: "igw-1",
		LaunchedAt: jsonEpoch.Add(-24 * time.Hour),
	}
}

// The management account delegates Inspector over the wire, the delegated
// administrator enables scanning for itself and a member, the member's
// instance is scanned, and the administrator lists, filters and
// suppresses the findings; then the errors: a member's denied suppression
// rule, an IAM denial, and ValidationException from the model and from
// the service.
func TestInspector2Golden(t *testing.T) {
	w, orgID := inspector2World(t)
	mgmt, admin, member := w.keys[jwMgmt], w.keys[jwAdmin], w.keys[jwMember]
	const (
		whoMgmt   = "management account root (" + jwMgmt + ")"
		whoAdmin  = "delegated administrator root (" + jwAdmin + ")"
		whoMember = "member account root (" + jwMember + ")"
	)

	res := w.golden("EnableDelegatedAdminAccount", whoMgmt, "inspector2", "EnableDelegatedAdminAccount", mgmt, `{"delegatedAdminAccountId":"`+jwAdmin+`"}`)
	mustStatus(t, "EnableDelegatedAdminAccount", res, http.StatusOK)
	// Trusted access, the registration and the service-linked role.
	if !w.cloud.Organizations().ServiceAccessEnabled(orgID, inspector.ServicePrincipal) {
		t.Error("EnableDelegatedAdminAccount did not enable trusted access")
	}
	if got := w.cloud.Organizations().DelegatedAdministrators(orgID, inspector.ServicePrincipal); !cmp.Equal(got, []string{jwAdmin}) {
		t.Errorf("delegated administrators %v", got)
	}
	acct, _ := w.cloud.IAM().Account(jwMgmt)
	if _, err := acct.GetRole(inspector.ServiceLinkedRoleName); err != nil {
		t.Errorf("no service-linked role in the management account: %v", err)
	}
	res = w.golden("ListDelegatedAdminAccounts", whoMgmt, "inspector2", "ListDelegatedAdminAccounts", mgmt, `{}`)
	mustStatus(t, "ListDelegatedAdminAccounts", res, http.StatusOK)
	res = w.golden("ListAWSServiceAccessForOrganization", whoMgmt, "organizations", "ListAWSServiceAccessForOrganization", mgmt, `{}`)
	mustStatus(t, "ListAWSServiceAccessForOrganization", res, http.StatusOK)

	res = w.golden("Enable-admin", whoAdmin, "inspector2", "Enable", admin, `{"resourceTypes":["EC2"]}`)
	mustStatus(t, "Enable for the administrator", res, http.StatusOK)
	res = w.golden("AssociateMember", whoAdmin, "inspector2", "AssociateMember", admin, `{"accountId":"`+jwMember+`"}`)
	mustStatus(t, "AssociateMember", res, http.StatusOK)
	w.advance(inspector.EnableDelay)
	res = w.golden("Enable-member", whoAdmin, "inspector2", "Enable", admin, `{"accountIds":["`+jwMember+`"],"resourceTypes":["EC2"]}`)
	mustStatus(t, "Enable for the member", res, http.StatusOK)
	if st := res.Str("accounts", 0, "resourceStatus", "ec2"); st != "ENABLING" {
		t.Errorf("member EC2 status %q, want ENABLING", st)
	}

	if _, err := w.cloud.Inspector().PutEC2Instance(jwRegion, jwMember, vulnerableInstance()); err != nil {
		t.Fatal(err)
	}
	w.advance(inspector.EnableDelay)

	const active = `{"maxResults":10,"filterCriteria":{"awsAccountId":[{"comparison":"EQUALS","value":"` + jwMember + `"}],` +
		`"findingStatus":[{"comparison":"EQUALS","value":"ACTIVE"}]},"sortCriteria":{"field":"SEVERITY","sortOrder":"DESC"}}`
	res = w.golden("ListFindings", whoAdmin, "inspector2", "ListFindings", admin, active)
	mustStatus(t, "ListFindings", res, http.StatusOK)
	if n := len(res.Get("findings").([]any)); n != 2 {
		t.Fatalf("ListFindings: %d active findings of the member, want 2\n%s", n, res.Body)
	}

	res = w.golden("CreateFilter", whoAdmin, "inspector2", "CreateFilter", admin,
		`{"name":"accept-ssh","action":"SUPPRESS","reason":"bastion host","filterCriteria":{"findingType":[{"comparison":"EQUALS","value":"NETWORK_REACHABILITY"}]}}`)
	mustStatus(t, "CreateFilter", res, http.StatusOK)
	res = w.golden("ListFindings-after-suppression", whoAdmin, "inspector2", "ListFindings", admin, active)
	mustStatus(t, "ListFindings after the rule", res, http.StatusOK)
	if findings := res.Get("findings").([]any); len(findings) != 1 || res.Str("findings", 0, "type") != "PACKAGE_VULNERABILITY" {
		t.Errorf("after suppressing NETWORK_REACHABILITY: %s", res.Body)
	}

	res = w.golden("CreateFilter-member-denied", whoMember, "inspector2", "CreateFilter", member,
		`{"name":"mute","action":"SUPPRESS","filterCriteria":{"severity":[{"comparison":"EQUALS","value":"LOW"}]}}`)
	mustStatus(t, "member CreateFilter", res, http.StatusForbidden)
	if res.Code() != "AccessDeniedException" || res.Str("message") == "" || res.Get("Message") != nil {
		t.Errorf("member denial: %s %s", res.Code(), res.Body)
	}

	analyst := w.user(jwAdmin, "analyst", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"inspector2:ListFindings","Resource":"*"}]}`)
	res = w.golden("CreateFilter-iam-denied", "IAM user analyst of "+jwAdmin, "inspector2", "CreateFilter", analyst,
		`{"name":"mine","action":"NONE","filterCriteria":{"severity":[{"comparison":"EQUALS","value":"LOW"}]}}`)
	mustStatus(t, "IAM denial", res, http.StatusForbidden)
	if res.Code() != "AccessDeniedException" {
		t.Errorf("IAM denial: %s %s", res.Code(), res.Body)
	}

	res = w.golden("ListFindings-invalid-maxResults", whoAdmin, "inspector2", "ListFindings", admin, `{"maxResults":0}`)
	mustStatus(t, "maxResults 0", res, http.StatusBadRequest)
	if res.Code() != "ValidationException" || res.Str("reason") != "FIELD_VALIDATION_FAILED" || res.Str("fields", 0, "name") != "maxResults" {
		t.Errorf("ValidationException: %s %s", res.Code(), res.Body)
	}
	res = w.golden("ListDelegatedAdminAccounts-by-admin", whoAdmin, "inspector2", "ListDelegatedAdminAccounts", admin, `{}`)
	mustStatus(t, "the administrator lists administrators", res, http.StatusBadRequest)
	if res.Code() != "ValidationException" {
		t.Errorf("ValidationException: %s %s", res.Code(), res.Body)
	}
}

// Inspector's exceptions carry the members of their shapes on the wire
// and nothing else.
func TestInspector2ErrorMembers(t *testing.T) {
	w, _ := inspector2World(t)
	mgmt := w.keys[jwMgmt]
	if res := w.call("inspector2", "EnableDelegatedAdminAccount", mgmt, `{"delegatedAdminAccountId":"`+jwAdmin+`"}`); res.Status != http.StatusOK {
		t.Fatalf("EnableDelegatedAdminAccount: %s", res.Body)
	}
	allowed := map[string][]string{
		"AccessDeniedException":         {"message"},
		"ValidationException":           {"message", "reason", "fields"},
		"ConflictException":             {"message", "resourceId", "resourceType"},
		"ResourceNotFoundException":     {"message"},
		"ServiceQuotaExceededException": {"message", "resourceId"},
	}
	cases := []struct {
		name, op, body string
		creds          string
		code           string
		status         int
	}{
		{"member lists administrators", "ListDelegatedAdminAccounts", `{}`, jwMember, "AccessDeniedException", 403},
		{"second administrator", "EnableDelegatedAdminAccount", `{"delegatedAdminAccountId":"` + jwMember + `"}`, jwMgmt, "ConflictException", 409},
		{"unknown filter", "DeleteFilter", `{"arn":"arn:aws:inspector2:us-east-1:222222222222:owner/222222222222/filter/0123456789abcdef"}`, jwAdmin, "ResourceNotFoundException", 404},
		{"bad enum", "Enable", `{"resourceTypes":["EC3"]}`, jwAdmin, "ValidationException", 400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := w.call("inspector2", c.op, w.keys[c.creds], c.body)
			if res.Status != c.status || res.Code() != c.code {
				t.Fatalf("%d %s, want %d %s\n%s", res.Status, res.Code(), c.status, c.code, res.Body)
			}
			if res.Str("message") == "" {
				t.Errorf("no message: %s", res.Body)
			}
			for k := range res.doc {
				ok := false
				for _, a := range allowed[c.code] {
					ok = ok || a == k
				}
				if !ok {
					t.Errorf("unmodelled member %q in %s", k, res.Body)
				}
			}
		})
	}
}
