package authz_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

func ExampleParse() {
	p, err := authz.Parse(authz.Identity, []byte(`{
		"Version": "2012-10-17",
		"Statement": {
			"Sid": "ReadHome",
			"Effect": "Allow",
			"Action": ["s3:GetObject", "s3:ListBucket"],
			"Resource": "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"
		}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Kind(), len(p.Statements), p.Statements[0].Action)
	fmt.Println(p)

	// IAM's own validation messages.
	_, err = authz.Parse(authz.Identity, []byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject"}}`))
	fmt.Println(err, errors.Is(err, authz.ErrMalformedPolicy))
	// Output:
	// identity 1 [s3:GetObject s3:ListBucket]
	// {"Version":"2012-10-17","Statement":[{"Sid":"ReadHome","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"}]}
	// MalformedPolicyDocument: Policy statement must contain resources. true
}

func ExampleEvaluate() {
	identity := authz.MustParse(authz.Identity, `{"Version":"2012-10-17","Statement":{
		"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"}}`)
	bucket := authz.MustParse(authz.Resource, `{"Version":"2012-10-17","Statement":{
		"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*",
		"Condition":{"Bool":{"aws:SecureTransport":"false"}}}}`)
	set := &authz.PolicySet{Identity: authz.Of(identity), Resource: authz.Of(bucket)}
	bob := authz.Principal{Type: authz.PrincipalUser, ARN: "arn:aws:iam::111122223333:user/bob", Account: "111122223333", UserName: "bob"}

	for _, r := range []struct {
		key string
		tls string
	}{{"home/bob/notes.txt", "true"}, {"home/alice/notes.txt", "true"}, {"home/bob/notes.txt", "false"}} {
		req := &authz.Request{
			Principal: bob,
			Action:    "s3:GetObject",
			Resource:  "arn:aws:s3:::amzn-s3-demo-bucket/" + r.key,
			Context:   authz.NewContext().Set("aws:SecureTransport", r.tls),
		}
		fmt.Printf("%s over TLS %s: %v\n", r.key, r.tls, authz.Evaluate(req, set))
	}
	// Output:
	// home/bob/notes.txt over TLS true: allowed
	// home/alice/notes.txt over TLS true: implicitDeny
	// home/bob/notes.txt over TLS false: explicitDeny
}

func ExampleExplain() {
	set := &authz.PolicySet{
		Identity: authz.NewPolicyList(authz.Named{
			Name: "arn:aws:iam::111122223333:policy/S3Read",
			Policy: authz.MustParse(authz.Identity, `{"Version":"2012-10-17","Statement":{
				"Sid":"Read","Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}}`),
		}),
		Boundary: authz.NewPolicyList(authz.Named{
			Name: "arn:aws:iam::111122223333:policy/NoSecrets",
			Policy: authz.MustParse(authz.Boundary, `{"Version":"2012-10-17","Statement":[
				{"Sid":"All","Effect":"Allow","Action":"*","Resource":"*"},
				{"Sid":"NoSecrets","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::secrets/*"}]}`),
		}),
	}
	bob := authz.Principal{Type: authz.PrincipalUser, ARN: "arn:aws:iam::111122223333:user/bob", Account: "111122223333", UserName: "bob"}

	exp := authz.Explain(&authz.Request{Principal: bob, Action: "s3:GetObject", Resource: "arn:aws:s3:::secrets/key"}, set)
	fmt.Print(exp)
	fmt.Println(authz.AccessDenied(exp))

	exp = authz.Explain(&authz.Request{Principal: bob, Action: "s3:PutObject", Resource: "arn:aws:s3:::public/key"}, set)
	fmt.Println(exp.Message())
	// Output:
	// explicitDeny: arn:aws:iam::111122223333:user/bob s3:GetObject on arn:aws:s3:::secrets/key
	//   decided by: permissions boundary
	//   reason: with an explicit deny in a permissions boundary: arn:aws:iam::111122223333:policy/NoSecrets
	//   matched: permissions boundary arn:aws:iam::111122223333:policy/NoSecrets, statement NoSecrets (Deny)
	// AccessDenied: User: arn:aws:iam::111122223333:user/bob is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::secrets/key with an explicit deny in a permissions boundary: arn:aws:iam::111122223333:policy/NoSecrets
	// User: arn:aws:iam::111122223333:user/bob is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::public/key because no identity-based policy allows the s3:PutObject action
}

// An organization's SCPs form a chain from the root through each OU to the
// account: every level must allow, and a Deny at any level wins. They do
// not restrict the management account.
func ExamplePolicySet_scpChain() {
	scp := func(name, doc string) *authz.PolicyList {
		return authz.NewPolicyList(
			authz.Named{Name: "p-FullAWSAccess", Policy: authz.MustParse(authz.SCP, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`)},
			authz.Named{Name: name, Policy: authz.MustParse(authz.SCP, doc)})
	}
	root := scp("p-DenyLeaveOrg", `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}}`)
	ou := scp("p-EUOnly", `{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*",
		"Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1"]}}}}`)
	account := authz.NewPolicyList(authz.Named{Name: "p-S3Only", Policy: authz.MustParse(authz.SCP,
		`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:*","iam:*"],"Resource":"*"}}`)})
	admin := authz.Of(authz.MustParse(authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`))
	set := &authz.PolicySet{Identity: admin, SCPs: []*authz.PolicyList{root, ou, account}}
	role := authz.Principal{Type: authz.PrincipalAssumedRole, ARN: "arn:aws:sts::111122223333:assumed-role/Admin/alice",
		Account: "111122223333", RoleARN: "arn:aws:iam::111122223333:role/Admin"}

	for _, r := range []struct{ action, region string }{
		{"s3:GetObject", "eu-west-1"},
		{"s3:GetObject", "us-east-1"},
		{"ec2:RunInstances", "eu-west-1"},
		{"iam:CreateRole", "us-east-1"},
		{"organizations:LeaveOrganization", "us-east-1"},
	} {
		req := &authz.Request{Principal: role, Action: r.action, Resource: "*", Context: authz.NewContext().Set("aws:RequestedRegion", r.region)}
		exp := authz.Explain(req, set)
		fmt.Printf("%-32s %-9s %s\n", r.action, r.region, strings.TrimSpace(exp.Decision.String()+" "+exp.Reason()))
	}
	set.PrincipalInManagementAccount = true
	req := &authz.Request{Principal: role, Action: "ec2:RunInstances", Resource: "*", Context: authz.NewContext().Set("aws:RequestedRegion", "us-east-1")}
	fmt.Println("in the management account:", authz.Evaluate(req, set))
	// Output:
	// s3:GetObject                     eu-west-1 allowed
	// s3:GetObject                     us-east-1 explicitDeny with an explicit deny in a service control policy
	// ec2:RunInstances                 eu-west-1 implicitDeny because no service control policy allows the ec2:RunInstances action
	// iam:CreateRole                   us-east-1 allowed
	// organizations:LeaveOrganization  us-east-1 explicitDeny with an explicit deny in a service control policy
	// in the management account: allowed
}
