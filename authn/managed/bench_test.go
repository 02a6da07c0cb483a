package managed_test

import (
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/authn/managed"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

func BenchmarkGet(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := managed.Get("AmazonInspector2ServiceRolePolicy"); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkByARN(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := managed.ByARN("arn:aws:iam::aws:policy/aws-service-role/AmazonInspector2ServiceRolePolicy"); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkAll(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = managed.All()
	}
}

// BenchmarkParseAll measures what the first use of the catalogue costs:
// parsing every document.
func BenchmarkParseAll(b *testing.B) {
	all := managed.All()
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range all {
			if _, err := authz.ParseAWSManaged([]byte(p.Document)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkEvaluateServiceRole evaluates a request of the Inspector
// service-linked role against its policy, the largest in the catalogue.
func BenchmarkEvaluateServiceRole(b *testing.B) {
	p := mustGet(b, "AmazonInspector2ServiceRolePolicy")
	set := &authz.PolicySet{Identity: authz.NewPolicyList(p.Named())}
	req := &authz.Request{
		Principal: slrSession("inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2"),
		Action:    "ssm:SendCommand",
		Resource:  "arn:aws:ec2:us-east-1:" + account + ":instance/i-0123456789abcdef0",
	}
	if d := authz.Evaluate(req, set); d != authz.Allowed {
		b.Fatalf("Evaluate = %v", d)
	}
	b.ReportAllocs()
	for b.Loop() {
		authz.Evaluate(req, set)
	}
}
