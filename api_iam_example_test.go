package awsaccess_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess"
	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
)

// An IAM user with a narrow policy calls IAM over HTTP: the call it may
// make succeeds, the other is denied with AWS's message, and the policy
// simulator predicts both.
func ExampleCloud_Handler_iam() {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	cloud := awsaccess.New(awsaccess.Config{Now: func() time.Time { return now }, Seed: 1, PasswordHashIterations: 1})
	if _, err := cloud.CreateAccount("111111111111", "owner@example.com", "owner"); err != nil {
		panic(err)
	}
	srv := httptest.NewServer(cloud.Handler())
	defer srv.Close()

	acct, _ := cloud.IAM().Account("111111111111")
	rootKey, _ := acct.CreateAccessKey("")
	root := sigv4.Credentials{AccessKeyID: rootKey.AccessKeyID, SecretAccessKey: rootKey.SecretAccessKey}

	call := func(creds sigv4.Credentials, form url.Values) string {
		form.Set("Version", "2010-05-08")
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
		var s sigv4.Signer
		if err := s.Sign(req, creds, "", "iam", "us-east-1", now, nil); err != nil {
			panic(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return fmt.Sprintf("%d %s", resp.StatusCode, body)
	}
	field := func(body, name string) string {
		m := regexp.MustCompile("<" + name + ">([^<]*)<").FindStringSubmatch(body)
		if m == nil {
			return ""
		}
		return m[1]
	}

	call(root, url.Values{"Action": {"CreateUser"}, "UserName": {"alice"}})
	call(root, url.Values{"Action": {"PutUserPolicy"}, "UserName": {"alice"}, "PolicyName": {"ReadUsers"},
		"PolicyDocument": {`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["iam:GetUser","iam:ListUsers"],"Resource":"*"}}`}})
	key := call(root, url.Values{"Action": {"CreateAccessKey"}, "UserName": {"alice"}})
	alice := sigv4.Credentials{AccessKeyID: field(key, "AccessKeyId"), SecretAccessKey: field(key, "SecretAccessKey")}

	fmt.Println(call(alice, url.Values{"Action": {"ListUsers"}})[:3])
	denied := call(alice, url.Values{"Action": {"CreateUser"}, "UserName": {"mallory"}})
	fmt.Println(denied[:3], field(denied, "Code"))
	fmt.Println(field(denied, "Message"))

	sim := call(root, url.Values{"Action": {"SimulatePrincipalPolicy"}, "PolicySourceArn": {"arn:aws:iam::111111111111:user/alice"},
		"ActionNames.member.1": {"iam:ListUsers"}, "ActionNames.member.2": {"iam:CreateUser"}})
	for _, m := range regexp.MustCompile(`<EvalActionName>([^<]*)</EvalActionName>\s*<EvalResourceName>[^<]*</EvalResourceName>\s*<EvalDecision>([^<]*)<`).FindAllStringSubmatch(sim, -1) {
		fmt.Println(m[1], m[2])
	}
	// Output:
	// 200
	// 403 AccessDenied
	// User: arn:aws:iam::111111111111:user/alice is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::111111111111:user/mallory because no identity-based policy allows the iam:CreateUser action
	// iam:ListUsers allowed
	// iam:CreateUser implicitDeny
}
