package authz_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

func benchEval(b *testing.B, req *authz.Request, set *authz.PolicySet, want authz.Decision) {
	b.Helper()
	if got := authz.Evaluate(req, set); got != want {
		b.Fatalf("Evaluate = %v, want %v\n%s", got, want, authz.Explain(req, set))
	}
	b.ReportAllocs()
	for b.Loop() {
		authz.Evaluate(req, set)
	}
}

var benchReq = authz.Request{Principal: userBob, Action: "s3:GetObject", Resource: objectARN}

func BenchmarkEvaluateOneStatement(b *testing.B) {
	set := &authz.PolicySet{Identity: pol(b, authz.Identity, allowGet)}
	benchEval(b, &benchReq, set, authz.Allowed)
}

func BenchmarkEvaluate100NonMatchingPlusOne(b *testing.B) {
	var stmts []string
	for i := range 100 {
		stmts = append(stmts, fmt.Sprintf(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::other-%d/*"}`, i))
	}
	stmts = append(stmts, `{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}`)
	// 101 statements exceed the 6,144 characters of a managed policy; a
	// bucket policy may hold them.
	p := authz.MustParse(authz.Resource, `{"Version":"2012-10-17","Statement":[`+strings.ReplaceAll(strings.Join(stmts, ","), `"Effect"`, `"Principal":{"AWS":"`+userBob.ARN+`"},"Effect"`)+`]}`)
	set := &authz.PolicySet{Resource: authz.Of(p)}
	benchEval(b, &benchReq, set, authz.Allowed)
}

func BenchmarkEvaluateDenyAndAllow(b *testing.B) {
	set := &authz.PolicySet{Identity: authz.Of(authz.MustParse(authz.Identity, allowAll), authz.MustParse(authz.Identity, denyGet))}
	benchEval(b, &benchReq, set, authz.ExplicitDeny)
}

func BenchmarkEvaluate1024Policies(b *testing.B) {
	var ps []*authz.Policy
	for i := range 1024 {
		ps = append(ps, authz.MustParse(authz.Identity, fmt.Sprintf(`{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::bucket-%d/*"},
			{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::bucket-%d/*"}]}`, i, i)))
	}
	ps = append(ps, authz.MustParse(authz.Identity, allowGet))
	set := &authz.PolicySet{Identity: authz.Of(ps...)}
	benchEval(b, &benchReq, set, authz.Allowed)
}

func BenchmarkEvaluateTenConditions(b *testing.B) {
	p := authz.MustParse(authz.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*","Condition":{
		"StringEquals":{"aws:PrincipalTag/team":"red","aws:RequestedRegion":["us-east-1","eu-west-1"]},
		"StringLike":{"s3:prefix":"home/*"},
		"Bool":{"aws:SecureTransport":"true"},
		"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:db8::/32"]},
		"NumericLessThanEquals":{"s3:max-keys":"100"},
		"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"},
		"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]},
		"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"},
		"Null":{"aws:TokenIssueTime":"true"}}}}`)
	ctx := authz.NewContext().
		Set("aws:PrincipalTag/team", "red").Set("aws:RequestedRegion", "us-east-1").Set("s3:prefix", "home/bob").
		Set("aws:SecureTransport", "true").Set("aws:SourceIp", "203.0.113.9").Set("s3:max-keys", "50").
		Set("aws:CurrentTime", "2026-11-23T12:00:00Z").SetMulti("aws:TagKeys", "team").
		Set("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic")
	req := benchReq
	req.Context = ctx
	benchEval(b, &req, &authz.PolicySet{Identity: authz.Of(p)}, authz.Allowed)
}

// An account with 1,000 policies of 10 statements, few of which share the
// action's service.
func BenchmarkEvaluate1000PoliciesOf10(b *testing.B) {
	services := []string{"ec2", "secretsmanager", "sqs", "sns", "kms", "dynamodb", "lambda", "ecr", "inspector2", "organizations"}
	var ps []*authz.Policy
	for i := range 1000 {
		var stmts []string
		for j := range 10 {
			svc := services[(i+j)%len(services)]
			stmts = append(stmts, fmt.Sprintf(`{"Effect":"Allow","Action":["%s:Describe*","%s:Get*"],"Resource":"arn:aws:%s:us-east-1:111122223333:thing-%d-%d"}`, svc, svc, svc, i, j))
		}
		if i == 999 {
			stmts[9] = `{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}`
		}
		ps = append(ps, authz.MustParse(authz.Identity, `{"Version":"2012-10-17","Statement":[`+strings.Join(stmts, ",")+`]}`))
	}
	set := &authz.PolicySet{Identity: authz.Of(ps...)}
	benchEval(b, &benchReq, set, authz.Allowed)
}

func BenchmarkExplain(b *testing.B) {
	set := &authz.PolicySet{Identity: authz.Of(authz.MustParse(authz.Identity, allowAll), authz.MustParse(authz.Identity, denyGet))}
	b.ReportAllocs()
	for b.Loop() {
		authz.Explain(&benchReq, set)
	}
}

func BenchmarkParse(b *testing.B) {
	doc := []byte(`{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::bucket/*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"red"}}},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := authz.Parse(authz.Identity, doc); err != nil {
			b.Fatal(err)
		}
	}
}
