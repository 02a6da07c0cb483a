package managed_test

import (
	"fmt"

	"github.com/seed-e2e06c4d/awsaccess/authn/managed"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// A user with AmazonInspector2ReadOnlyAccess may list findings but not
// create a suppression rule.
func ExampleGet() {
	p, ok := managed.Get("AmazonInspector2ReadOnlyAccess")
	if !ok {
		fmt.Println("not in the catalogue")
		return
	}
	fmt.Println(p.ARN, p.VersionID)

	set := &authz.PolicySet{Identity: authz.NewPolicyList(p.Named())}
	alice := authz.Principal{Type: authz.PrincipalUser, ARN: "arn:aws:iam::111122223333:user/alice", Account: "111122223333", UserName: "alice"}
	for _, action := range []string{"inspector2:ListFindings", "inspector2:CreateFilter"} {
		d := authz.Evaluate(&authz.Request{Principal: alice, Action: action, Resource: "*"}, set)
		fmt.Println(action, d)
	}
	// Output:
	// arn:aws:iam::aws:policy/AmazonInspector2ReadOnlyAccess v8
	// inspector2:ListFindings allowed
	// inspector2:CreateFilter implicitDeny
}

func ExampleByARN() {
	p, ok := managed.ByARN("arn:aws:iam::aws:policy/aws-service-role/AWSOrganizationsServiceTrustPolicy")
	fmt.Println(ok, p.Name, p.Path, p.VersionID)
	// Output: true AWSOrganizationsServiceTrustPolicy /aws-service-role/ v3
}

func ExampleServiceLinkedRoleFor() {
	r, ok := managed.ServiceLinkedRoleFor("inspector2.amazonaws.com")
	if !ok {
		return
	}
	fmt.Println("arn:aws:iam::111122223333:role" + r.Path + r.RoleName)
	p, _ := r.Policy()
	fmt.Println(p.ARN)
	fmt.Println(r.TrustPolicy())
	// Output:
	// arn:aws:iam::111122223333:role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2
	// arn:aws:iam::aws:policy/aws-service-role/AmazonInspector2ServiceRolePolicy
	// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"inspector2.amazonaws.com"},"Action":"sts:AssumeRole"}]}
}

func ExampleLoad() {
	if err := managed.Load(); err != nil {
		fmt.Println("catalogue incomplete:", err)
		return
	}
	fmt.Println(len(managed.All()), "policies")
	// Output: 15 policies
}
